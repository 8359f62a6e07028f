// SPDX-License-Identifier: GPL-2.0
/*
 * slab: one allocator call per object and one free per object, the
 * per-request allocation the wall is made of.  The only strategy that
 * takes alloc_node, and the one that counts objects crossing nodes.
 */
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/topology.h>
#include <linux/indirect_call_wrapper.h>
#include "slabwall.h"

/* Whether @obj's memory is on another node than this CPU's. */
static bool sw_obj_off_node(const void *obj)
{
	return page_to_nid(virt_to_page(obj)) != numa_node_id();
}

static bool slab_supports(const struct sw_config *cfg)
{
	return true;
}

/*
 * Whether an object of @pat can be made by direct calls: its head from
 * its own cache (or kmalloc at a size fixed for the run), then the
 * pattern's attach; not an object of the kernel's own, no fault to
 * inject, no node to ask for or count.  Then the loops below make and
 * release objects as calibrate.c times them bare, with the cache and size
 * worked out once per run, so the cost reported per object is the
 * object's and not the dispatch around it (measured with scripts/bench
 * --icount, docs/performance.md).
 */
static bool sw_slab_direct(const struct sw_pattern *pat,
			   const struct sw_config *cfg)
{
	return !pat->alloc && (pat->cache || !pat->attach) &&
	       cfg->alloc_node == SW_NODE_OWN &&
	       !static_branch_unlikely(&sw_fault_on) &&
	       !static_branch_unlikely(&sw_node_count_on);
}

/* An allocation failed: free the operation's @done objects, count it. */
static int sw_slab_unwind(struct sw_worker *w, const struct sw_pattern *pat,
			  unsigned int done)
{
	w->c.alloc_failures++;
	while (done--) {
		sw_obj_free(pat, w->objs[done]);
		if (!(done % SW_RESCHED_EVERY))
			cond_resched();
	}
	return -ENOMEM;
}

/* Decided once a run, on the worker's CPU, after the run's static keys. */
static int slab_prepare(struct sw_worker *w)
{
	const struct sw_pattern *pat = w->run->pattern;

	w->direct = sw_slab_direct(pat, &w->run->cfg);
	if (!w->direct)
		return 0;
	w->direct_cache = pat->cache ? *pat->cache : NULL;
	w->direct_size = pat->cache ? 0 : pat->kmalloc_bytes(&w->run->cfg);
	return 0;
}

/*
 * One object made and released by direct calls.  The run's cache (or,
 * with @cache NULL, the kmalloc size) comes as an argument: inlined with
 * a constant NULL there is no cache test and no attach, so each is the
 * calibration's loop body.
 */
static __always_inline void *sw_direct_new(const struct sw_pattern *pat,
					   const struct sw_config *cfg,
					   struct kmem_cache *cache,
					   size_t size)
{
	void *obj = cache ? kmem_cache_alloc(cache, SW_GFP) :
			    kmalloc(size, SW_GFP);

	if (cache && obj && pat->attach &&
	    unlikely(INDIRECT_CALL_2(pat->attach, sw_dentry_attach,
				     sw_skb_attach, obj, cfg))) {
		sw_obj_free(pat, obj);
		return NULL;
	}
	return obj;
}

static __always_inline void sw_direct_put(const struct sw_pattern *pat,
					  struct kmem_cache *cache, void *obj)
{
	if (cache && pat->detach)
		INDIRECT_CALL_2(pat->detach, sw_dentry_detach, sw_skb_detach,
				obj);
	if (cache)
		kmem_cache_free(cache, obj);
	else
		kfree(obj);
}

static __always_inline int sw_direct_alloc(struct sw_worker *w,
					   const struct sw_pattern *pat,
					   const struct sw_config *cfg,
					   unsigned int n,
					   struct kmem_cache *cache,
					   size_t size)
{
	void **objs = w->objs;
	unsigned int i;

	for (i = 0; i < n; i++) {
		objs[i] = sw_direct_new(pat, cfg, cache, size);
		if (unlikely(!objs[i]))
			return sw_slab_unwind(w, pat, i);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
	w->c.allocs += n;
	return 0;
}

static __always_inline void sw_direct_free(const struct sw_pattern *pat,
					   void **objs, unsigned int n,
					   struct kmem_cache *cache)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		sw_direct_put(pat, cache, objs[i]);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
}

/* Inlined into both callers: the lean loop below calls no dispatcher. */
static __always_inline int sw_slab_alloc_objs(struct sw_worker *w,
					      unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	const struct sw_config *cfg = &w->run->cfg;
	unsigned int i, off_node = 0;

	/* The null operation: nothing to allocate, nothing to decide. */
	if (!n)
		return 0;
	if (w->direct)
		return w->direct_cache ?
		       sw_direct_alloc(w, pat, cfg, n, w->direct_cache, 0) :
		       sw_direct_alloc(w, pat, cfg, n, NULL, w->direct_size);
	for (i = 0; i < n; i++) {
		w->objs[i] = sw_obj_alloc(pat, cfg);
		if (unlikely(!w->objs[i]))
			return sw_slab_unwind(w, pat, i);
		if (static_branch_unlikely(&sw_node_count_on))
			off_node += sw_obj_off_node(w->objs[i]);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
	w->c.allocs += n;
	w->c.cross_node_allocs += off_node;
	return 0;
}

int sw_slab_alloc_op(struct sw_worker *w, unsigned int n)
{
	return sw_slab_alloc_objs(w, n);
}

unsigned int sw_slab_free_units(struct sw_worker *w, struct sw_worker *owner,
				void **objs, unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	unsigned int i;

	if (!n)
		return 0;
	if (w->direct) {
		if (w->direct_cache)
			sw_direct_free(pat, objs, n, w->direct_cache);
		else
			sw_direct_free(pat, objs, n, NULL);
		return n;
	}
	for (i = 0; i < n; i++) {
		if (static_branch_unlikely(&sw_node_count_on))
			w->c.cross_node_frees += sw_obj_off_node(objs[i]);
		sw_obj_free(pat, objs[i]);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
	return n;
}

/*
 * @k direct operations, with what is fixed for the run loaded once.  An
 * operation of one object keeps it in a register: nothing else looks at
 * w->objs in a lean run.
 */
static __always_inline u32 sw_direct_ops(struct sw_worker *w, unsigned int n,
					 u32 k, struct kmem_cache *cache,
					 size_t size)
{
	const struct sw_pattern *pat = w->run->pattern;
	const struct sw_config *cfg = &w->run->cfg;
	void *obj;
	u32 done;

	if (n == 1) {
		for (done = 0; done < k; done++) {
			obj = sw_direct_new(pat, cfg, cache, size);
			if (unlikely(!obj)) {
				w->c.alloc_failures++;
				break;
			}
			sw_direct_put(pat, cache, obj);
		}
		w->c.allocs += done;
		return done;
	}
	for (done = 0; done < k; done++) {
		if (sw_direct_alloc(w, pat, cfg, n, cache, size))
			break;
		sw_direct_free(pat, w->objs, n, cache);
	}
	return done;
}

/*
 * @k operations, each allocating its @n objects and freeing them here:
 * what the engine runs back to back for a lean worker (run.c), the same
 * allocator calls as alloc_op and free_units make, without a call
 * between them.  Returns the operations done, fewer than @k after a
 * failed allocation (counted and undone by the allocation loop).
 */
u32 sw_slab_local_ops(struct sw_worker *w, unsigned int n, u32 k)
{
	u32 done;

	if (w->direct && w->direct_cache)
		done = sw_direct_ops(w, n, k, w->direct_cache, 0);
	else if (w->direct)
		done = sw_direct_ops(w, n, k, NULL, w->direct_size);
	else
		for (done = 0; done < k; done++) {
			if (sw_slab_alloc_objs(w, n))
				break;
			sw_slab_free_units(w, w, w->objs, n);
		}
	w->c.frees += (u64)done * n;
	return done;
}

const struct sw_strategy sw_strategy_slab = {
	.supports = slab_supports,
	.prepare = slab_prepare,
	.alloc_op = sw_slab_alloc_op,
	.free_units = sw_slab_free_units,
};
