// SPDX-License-Identifier: GPL-2.0
/*
 * pool: every worker keeps a stack of ready objects, filled by its own
 * thread on its own CPU before the run starts; operations take from it and give back to it, so the
 * allocator is not called in the steady state.  With remote free the next
 * CPU returns objects to their owner through a ring, as a per-CPU object
 * cache must; an owner that runs dry allocates (counted as pool_misses)
 * and a full pool frees the surplus.
 */
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/log2.h>
#include "slabwall.h"

/*
 * A survivor would leave the pool for good: no survivors here.  A pool
 * keeps what it has wherever it came from: no alloc_node either.  Nor
 * free mode rcu: a pooled object is never freed, nothing to defer.
 */
static bool pool_supports(const struct sw_config *cfg)
{
	return !cfg->survive_every && cfg->alloc_node == SW_NODE_OWN &&
	       cfg->free_mode != SW_FREE_RCU;
}

/* One operation's objects plus what can be in flight to the next CPU. */
static unsigned int pool_cap(const struct sw_config *cfg)
{
	return cfg->allocs_per_op + sw_ring_len(cfg);
}

/* The return ring: room for a whole pool. */
static unsigned long pool_back_len(const struct sw_config *cfg)
{
	if (cfg->free_mode != SW_FREE_REMOTE)
		return 0;
	return roundup_pow_of_two(pool_cap(cfg));
}

/*
 * The pool and, with remote free, its return ring, both full: objects
 * the next CPU returns while the pool is full are freed, but a pool that
 * ran dry allocates while its objects are on the way back.
 */
static u64 pool_held_bytes(const struct sw_config *cfg, u64 obj_bytes)
{
	u64 cap = pool_cap(cfg), back = pool_back_len(cfg);

	return (cap + back) * obj_bytes +
	       sw_kv_bytes(max_t(u64, cap, 1) * sizeof(void *)) +
	       (back ? sw_kv_bytes(back * sizeof(void *)) : 0);
}

static void pool_put(struct sw_worker *w, void *obj)
{
	struct sw_pool *p = &w->pool;

	if (p->nr < p->cap)
		p->objs[p->nr++] = obj;
	else
		sw_obj_free(w->run->pattern, obj);
}

/* Take back what the next CPU returned. */
static void pool_collect(struct sw_worker *w)
{
	unsigned long i, k;
	void **objs;

	while ((k = sw_ring_peek(&w->pool.back, &objs))) {
		for (i = 0; i < k; i++)
			pool_put(w, objs[i]);
		sw_ring_consume(&w->pool.back, k);
	}
}

static int pool_prepare(struct sw_worker *w)
{
	const struct sw_config *cfg = &w->run->cfg;
	struct sw_pool *p = &w->pool;
	unsigned int cap = pool_cap(cfg);
	int err;

	p->cap = cap;
	p->objs = kvmalloc_array(max(cap, 1U), sizeof(void *), GFP_KERNEL);
	if (!p->objs)
		return -ENOMEM;
	if (cfg->free_mode == SW_FREE_REMOTE) {
		err = sw_ring_init(&p->back, pool_back_len(cfg),
				   cpu_to_node(w->cpu));
		if (err)
			return err;
	}
	while (p->nr < cap) {
		void *obj = sw_obj_alloc(w->run->pattern, cfg);

		if (!obj)
			return -ENOMEM;
		p->objs[p->nr++] = obj;
		if (!(p->nr % SW_RESCHED_EVERY))
			cond_resched();
	}
	return 0;
}

/* After the threads stopped: nothing moves any more. */
static void pool_teardown(struct sw_worker *w)
{
	struct sw_pool *p = &w->pool;

	if (p->back.slots)
		pool_collect(w);
	while (p->nr) {
		sw_obj_free(w->run->pattern, p->objs[--p->nr]);
		if (!(p->nr % SW_RESCHED_EVERY))
			cond_resched();
	}
	sw_ring_destroy(&p->back);
	kvfree(p->objs);
	p->objs = NULL;
}

static int pool_alloc_op(struct sw_worker *w, unsigned int n)
{
	struct sw_pool *p = &w->pool;
	unsigned int i;

	if (p->nr < n && p->back.slots)
		pool_collect(w);
	for (i = 0; i < n; i++) {
		if (p->nr) {
			w->objs[i] = p->objs[--p->nr];
			continue;
		}
		w->objs[i] = sw_obj_alloc(w->run->pattern, &w->run->cfg);
		if (unlikely(!w->objs[i]))
			goto unwind;
		w->c.pool_misses++;
	}
	w->c.allocs += n;
	return 0;

unwind:
	w->c.alloc_failures++;
	while (i--)
		pool_put(w, w->objs[i]);
	return -ENOMEM;
}

static unsigned int pool_free_units(struct sw_worker *w, struct sw_worker *owner,
				    void **objs, unsigned int n)
{
	unsigned long i, k;

	if (owner == w) {
		for (i = 0; i < n; i++)
			pool_put(w, objs[i]);
		return n;
	}
	/* The owner's return ring is sized for all it can have in flight. */
	k = sw_ring_push(&owner->pool.back, objs, n);
	for (i = k; i < n; i++)
		sw_obj_free(w->run->pattern, objs[i]);
	return n;
}

const struct sw_strategy sw_strategy_pool = {
	.supports = pool_supports,
	.held_bytes = pool_held_bytes,
	.prepare = pool_prepare,
	.teardown = pool_teardown,
	.alloc_op = pool_alloc_op,
	.free_units = pool_free_units,
};
