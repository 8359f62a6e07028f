// SPDX-License-Identifier: GPL-2.0
/*
 * slab: an allocator call per object (two for an skb with data or a
 * dentry with a long name) and a free per object, the per-request
 * allocation the wall is made of.  The only strategy that takes
 * alloc_node, and the one that counts objects crossing nodes.
 *
 * What an object is does not change during a run, so it is decided once,
 * in prepare (w->obj_kind), and the loops below are inlined once per kind:
 * each copy makes and releases its objects with direct calls, with
 * nothing between them that the run does not need.  The whole-object
 * loop of calibrate.c is the same sequence, timed bare.
 */
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/topology.h>
#include "slabwall.h"
#include "object.h"

/* Whether @obj's memory is on another node than this CPU's. */
static bool sw_obj_off_node(const void *obj)
{
	return page_to_nid(virt_to_page(obj)) != numa_node_id();
}

static bool slab_supports(const struct sw_config *cfg)
{
	return true;
}

/* Decided once a run, on the worker's CPU. */
static int slab_prepare(struct sw_worker *w)
{
	const struct sw_pattern *pat = w->run->pattern;
	const struct sw_config *cfg = &w->run->cfg;

	w->obj_kind = sw_obj_kind(pat, cfg);
	w->obj_cache = pat->cache ? *pat->cache : NULL;
	w->obj_size = w->obj_cache || pat->alloc ? 0 : pat->kmalloc_bytes(cfg);
	return 0;
}

/* One object of @kind (object.h), and its node counted if a run counts. */
static __always_inline void *sw_slab_new(struct sw_worker *w,
					 const struct sw_pattern *pat,
					 const struct sw_config *cfg,
					 enum sw_obj_kind kind)
{
	void *obj = sw_obj_make(pat, cfg, kind, w->obj_cache, w->obj_size);

	if (obj && static_branch_unlikely(&sw_node_count_on))
		w->c.cross_node_allocs += sw_obj_off_node(obj);
	return obj;
}

static __always_inline void sw_slab_put(struct sw_worker *w,
					const struct sw_pattern *pat,
					void *obj, enum sw_obj_kind kind)
{
	if (static_branch_unlikely(&sw_node_count_on))
		w->c.cross_node_frees += sw_obj_off_node(obj);
	sw_obj_release(pat, obj, kind, w->obj_cache);
}

/*
 * An allocation failed: free the operation's @done objects, count it.
 * Like their allocations, these frees are not counted: not as frees, nor
 * as crossing nodes.
 */
static int sw_slab_unwind(struct sw_worker *w, const struct sw_pattern *pat,
			  unsigned int done)
{
	w->c.alloc_failures++;
	while (done--) {
		if (static_branch_unlikely(&sw_node_count_on))
			w->c.cross_node_allocs -= sw_obj_off_node(w->objs[done]);
		sw_obj_free(pat, w->objs[done]);
		if (!(done % SW_RESCHED_EVERY))
			cond_resched();
	}
	return -ENOMEM;
}

static __always_inline int sw_slab_alloc_kind(struct sw_worker *w,
					      unsigned int n,
					      enum sw_obj_kind kind)
{
	const struct sw_pattern *pat = w->run->pattern;
	const struct sw_config *cfg = &w->run->cfg;
	void **objs = w->objs;
	unsigned int i;

	for (i = 0; i < n; i++) {
		objs[i] = sw_slab_new(w, pat, cfg, kind);
		if (unlikely(!objs[i]))
			return sw_slab_unwind(w, pat, i);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
	w->c.allocs += n;
	return 0;
}

static __always_inline void sw_slab_free_kind(struct sw_worker *w,
					      void **objs, unsigned int n,
					      enum sw_obj_kind kind)
{
	const struct sw_pattern *pat = w->run->pattern;
	unsigned int i;

	for (i = 0; i < n; i++) {
		sw_slab_put(w, pat, objs[i], kind);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
}

int sw_slab_alloc_op(struct sw_worker *w, unsigned int n)
{
	switch (w->obj_kind) {
	case SW_KIND_CACHE:
		return sw_slab_alloc_kind(w, n, SW_KIND_CACHE);
	case SW_KIND_KMALLOC:
		return sw_slab_alloc_kind(w, n, SW_KIND_KMALLOC);
	case SW_KIND_NODE:
		return sw_slab_alloc_kind(w, n, SW_KIND_NODE);
	default:
		return sw_slab_alloc_kind(w, n, SW_KIND_REAL);
	}
}

unsigned int sw_slab_free_units(struct sw_worker *w, struct sw_worker *owner,
				void **objs, unsigned int n)
{
	switch (w->obj_kind) {
	case SW_KIND_CACHE:
		sw_slab_free_kind(w, objs, n, SW_KIND_CACHE);
		break;
	case SW_KIND_KMALLOC:
		sw_slab_free_kind(w, objs, n, SW_KIND_KMALLOC);
		break;
	case SW_KIND_NODE:
		sw_slab_free_kind(w, objs, n, SW_KIND_NODE);
		break;
	default:
		sw_slab_free_kind(w, objs, n, SW_KIND_REAL);
	}
	return n;
}

/*
 * @k operations of @n objects of @kind, each freed before the next
 * starts.  An operation of one object keeps it in a register: nothing
 * else looks at w->objs in a lean run.
 */
static __always_inline u32 sw_slab_ops_kind(struct sw_worker *w,
					    unsigned int n, u32 k,
					    enum sw_obj_kind kind)
{
	const struct sw_pattern *pat = w->run->pattern;
	const struct sw_config *cfg = &w->run->cfg;
	void *obj;
	u32 done;

	/* Operations of no objects have nothing to do but be counted. */
	if (!n)
		return k;
	if (n == 1) {
		for (done = 0; done < k; done++) {
			obj = sw_slab_new(w, pat, cfg, kind);
			if (unlikely(!obj)) {
				w->c.alloc_failures++;
				break;
			}
			sw_slab_put(w, pat, obj, kind);
		}
		w->c.allocs += done;
		return done;
	}
	for (done = 0; done < k; done++) {
		if (sw_slab_alloc_kind(w, n, kind))
			break;
		sw_slab_free_kind(w, w->objs, n, kind);
	}
	return done;
}

/*
 * @k operations, each allocating its @n objects and freeing them here:
 * what the engine runs back to back for a lean worker (run.c), with the
 * same calls as alloc_op and free_units make and no dispatch between
 * them.  Returns the operations done, fewer than @k after a failed
 * allocation (counted and undone).
 */
u32 sw_slab_local_ops(struct sw_worker *w, unsigned int n, u32 k)
{
	u32 done;

	switch (w->obj_kind) {
	case SW_KIND_CACHE:
		done = sw_slab_ops_kind(w, n, k, SW_KIND_CACHE);
		break;
	case SW_KIND_KMALLOC:
		done = sw_slab_ops_kind(w, n, k, SW_KIND_KMALLOC);
		break;
	case SW_KIND_NODE:
		done = sw_slab_ops_kind(w, n, k, SW_KIND_NODE);
		break;
	default:
		done = sw_slab_ops_kind(w, n, k, SW_KIND_REAL);
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
