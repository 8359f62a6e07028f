// SPDX-License-Identifier: GPL-2.0
/*
 * mempool: the kernel's own pool, one mempool_t per worker.
 * mempool_alloc() calls the allocator first and takes an element from its
 * reserve only when the allocator fails: a guarantee of forward progress,
 * not a cache.  mempool_free() refills the reserve first and frees the
 * rest, so in the steady state every object is one allocator call and one
 * free, as with slab.
 *
 * The pool is made as mempool_create_slab_pool() (for kmalloc:
 * mempool_create_kmalloc_pool()) makes it, with one difference: its alloc
 * fn allocates the pattern's whole object (head and buffer) through
 * sw_obj_alloc(), so that injected faults reach it and a reserve element
 * is a whole object, and it notes a failure, so that a reserve hit is
 * counted where it happens (reserve_hits).  The element is allocated as
 * every strategy allocates (SW_GFP), whatever mask mempool passes.
 *
 * The reserve (min_nr) is allocs_per_op objects, at least 1: what one
 * operation needs to finish when every allocator call fails, as a
 * subsystem sizes its mempool for one request in flight.  The worker's
 * thread fills it on its CPU before the run starts, without injected
 * faults: the reserve is what they are there to show.
 *
 * mempool_alloc() is called with GFP_NOWAIT.  With GFP_KERNEL and the
 * reserve empty it would wait, uninterruptibly, for an element to be
 * freed, and a worker holding its own objects, or two CPUs each holding
 * the other's in its inbox, would wait forever.  The first try is the same
 * either way (mempool takes __GFP_DIRECT_RECLAIM off it); with the reserve
 * empty the operation fails instead (alloc_failures), which only remote
 * free can bring about: objects on their way back are not in the reserve.
 */
#include <linux/mempool.h>
#include <linux/sched.h>
#include <linux/topology.h>
#include "slabwall.h"

/* A survivor would keep its element from the reserve: no survivors here. */
static bool mempool_supports(const struct sw_config *cfg)
{
	/*
	 * Free mode rcu would free past the pool: not with it either.  Nor
	 * alloc_node: only slab takes it (uapi/slabwall.h).
	 */
	return !cfg->survive_every && cfg->free_mode != SW_FREE_RCU &&
	       cfg->alloc_node == SW_NODE_OWN;
}

static unsigned int mempool_reserve(const struct sw_config *cfg)
{
	return max(cfg->allocs_per_op, 1U);
}

/* The reserve's objects, mempool's array of them and the mempool_t. */
static u64 mempool_held_bytes(const struct sw_config *cfg, u64 obj_bytes)
{
	u64 min_nr = mempool_reserve(cfg);

	return min_nr * obj_bytes + sw_kv_bytes(min_nr * sizeof(void *)) +
	       sw_kv_bytes(sizeof(mempool_t));
}

/* Called by mempool_alloc(), on the owner's CPU only. */
static void *mempool_obj_alloc(gfp_t gfp, void *data)
{
	struct sw_worker *w = data;
	void *obj = sw_obj_alloc(w->run->pattern, &w->run->cfg);

	if (!obj)
		w->mempool_failed = true;
	return obj;
}

/* Called by mempool_free() on any CPU, and by mempool_destroy(). */
static void mempool_obj_free(void *obj, void *data)
{
	struct sw_worker *w = data;

	sw_obj_free(w->run->pattern, obj);
}

static int mempool_prepare(struct sw_worker *w)
{
	sw_fault_pause(true);
	w->mempool = mempool_create_node(mempool_reserve(&w->run->cfg),
					 mempool_obj_alloc, mempool_obj_free,
					 w, GFP_KERNEL, cpu_to_node(w->cpu));
	sw_fault_pause(false);
	return w->mempool ? 0 : -ENOMEM;
}

/* After the threads stopped: every element is back, the reserve freed. */
static void mempool_teardown(struct sw_worker *w)
{
	mempool_destroy(w->mempool);
	w->mempool = NULL;
}

static int mempool_alloc_op(struct sw_worker *w, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		w->mempool_failed = false;
		w->objs[i] = mempool_alloc(w->mempool, GFP_NOWAIT);
		if (unlikely(!w->objs[i]))
			goto unwind;
		if (unlikely(w->mempool_failed))
			w->c.reserve_hits++;
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
	w->c.allocs += n;
	return 0;

unwind:
	w->c.alloc_failures++;
	while (i--)
		mempool_free(w->objs[i], w->mempool);
	return -ENOMEM;
}

/* Into the owner's pool: its reserve first, the allocator for the rest. */
static unsigned int mempool_free_units(struct sw_worker *w,
				       struct sw_worker *owner,
				       void **objs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		mempool_free(objs[i], owner->mempool);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
	return n;
}

const struct sw_strategy sw_strategy_mempool = {
	.supports = mempool_supports,
	.held_bytes = mempool_held_bytes,
	.prepare = mempool_prepare,
	.teardown = mempool_teardown,
	.alloc_op = mempool_alloc_op,
	.free_units = mempool_free_units,
};
