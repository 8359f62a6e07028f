// SPDX-License-Identifier: GPL-2.0
/*
 * arena: one allocation per operation, sized for all its objects, carved
 * with a bump pointer and released with a single free: the per-request
 * arena.  Up to KMALLOC_MAX_SIZE it comes from kmalloc (the page
 * allocator above 8 KiB), beyond that from vmalloc.
 *
 * arena_keep: the same block, kept: the worker's first operation
 * allocates it, every later one carves it again from its start (the
 * reset), and it is freed with the run.  The two share this file because
 * they differ only in when the block comes and goes.
 *
 * An arena has no header: every arena of a run holds allocs_per_op
 * objects, and a header would push a power-of-two arena into the next
 * page order, doubling what init_on_alloc zeroes.
 */
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include "slabwall.h"

/*
 * Objects of an arena cannot outlive it: no survivors here.  One arena
 * is one allocation, not per-object slab traffic: no alloc_node either.
 * Nor free mode rcu: its objects have no free of their own to defer.
 */
static bool arena_supports(const struct sw_config *cfg)
{
	return !cfg->survive_every && cfg->alloc_node == SW_NODE_OWN &&
	       cfg->free_mode != SW_FREE_RCU;
}

/* One block of @size: kmalloc up to KMALLOC_MAX_SIZE, vmalloc beyond. */
static void *arena_block_alloc(size_t size, const struct sw_config *cfg)
{
	if (sw_fault(cfg))
		return NULL;
	/* Not kvmalloc(): it would fall back to vmalloc at the first miss. */
	if (size <= KMALLOC_MAX_SIZE)
		return kmalloc(size, SW_GFP);
	return __vmalloc(size, SW_GFP);
}

/* The operation's @n objects, laid out from the start of @mem. */
static void arena_carve(struct sw_worker *w, void *mem, unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	const struct sw_config *cfg = &w->run->cfg;
	size_t size = pat->arena_size(cfg);
	unsigned int i;

	for (i = 0; i < n; i++, mem += size)
		w->objs[i] = pat->carve(mem, cfg);
	w->c.allocs += n;
}

static int arena_alloc_op(struct sw_worker *w, unsigned int n)
{
	const struct sw_config *cfg = &w->run->cfg;
	void *mem;

	if (!n)
		return 0;
	mem = arena_block_alloc(w->run->pattern->arena_size(cfg) * n, cfg);
	if (!mem) {
		w->c.alloc_failures++;
		return -ENOMEM;
	}
	arena_carve(w, mem, n);
	return 0;
}

/*
 * One arena is one ring slot: with remote free the next CPU's inbox can
 * hold a ring's length of whole arenas.
 */
static u64 arena_unit_bytes(const struct sw_config *cfg)
{
	size_t size = sw_patterns[cfg->pattern]->arena_size(cfg);

	return cfg->allocs_per_op ? sw_alloc_bytes(size * cfg->allocs_per_op) : 0;
}

/* Every pattern carves its first object at the start of the arena. */
static unsigned int arena_units(struct sw_worker *w, unsigned int n)
{
	return n ? 1 : 0;
}

static unsigned int arena_free_units(struct sw_worker *w, struct sw_worker *owner,
				     void **units, unsigned int k)
{
	unsigned int i;

	for (i = 0; i < k; i++)
		kvfree(units[i]);
	return k * w->run->cfg.allocs_per_op;
}

const struct sw_strategy sw_strategy_arena = {
	.supports = arena_supports,
	.unit_bytes = arena_unit_bytes,
	.alloc_op = arena_alloc_op,
	.units = arena_units,
	.free_units = arena_free_units,
};

/*
 * A kept block is given back by resetting it, which its owner's next
 * operation does: its objects cannot go to another CPU, which would still
 * hold them while the owner carves them again, so remote free is refused,
 * and they cannot outlive the operation either.
 */
static bool arena_keep_supports(const struct sw_config *cfg)
{
	return !cfg->survive_every && cfg->free_mode == SW_FREE_LOCAL &&
	       cfg->alloc_node == SW_NODE_OWN;
}

/* The kept block, as alloc() counts an arena. */
static u64 arena_keep_held_bytes(const struct sw_config *cfg, u64 obj_bytes)
{
	size_t size = sw_patterns[cfg->pattern]->arena_size(cfg);

	return cfg->allocs_per_op ? sw_alloc_bytes(size * cfg->allocs_per_op) : 0;
}

/* An operation's unit lives in the kept block: nothing of its own. */
static u64 arena_keep_unit_bytes(const struct sw_config *cfg)
{
	return 0;
}

/*
 * The block is allocated when an operation needs more than the worker
 * has (its first one: every operation of a run needs the same), on the
 * worker's CPU; a failed allocation fails the operation, and the
 * next one tries again.
 */
static int arena_keep_alloc_op(struct sw_worker *w, unsigned int n)
{
	const struct sw_config *cfg = &w->run->cfg;
	size_t size = w->run->pattern->arena_size(cfg) * n;
	struct sw_arena *a = &w->arena;
	void *block;

	if (!n)
		return 0;
	if (unlikely(a->size < size)) {
		block = arena_block_alloc(size, cfg);
		if (!block) {
			w->c.alloc_failures++;
			return -ENOMEM;
		}
		kvfree(a->block);
		a->block = block;
		a->size = size;
		w->c.arena_blocks++;
	}
	arena_carve(w, a->block, n);
	return 0;
}

/* Nothing to free: the owner's next operation resets the block. */
static unsigned int arena_keep_free_units(struct sw_worker *w,
					  struct sw_worker *owner,
					  void **units, unsigned int k)
{
	return k * w->run->cfg.allocs_per_op;
}

static void arena_keep_teardown(struct sw_worker *w)
{
	kvfree(w->arena.block);
	w->arena.block = NULL;
	w->arena.size = 0;
}

const struct sw_strategy sw_strategy_arena_keep = {
	.supports = arena_keep_supports,
	.held_bytes = arena_keep_held_bytes,
	.unit_bytes = arena_keep_unit_bytes,
	.teardown = arena_keep_teardown,
	.alloc_op = arena_keep_alloc_op,
	.units = arena_units,
	.free_units = arena_keep_free_units,
};
