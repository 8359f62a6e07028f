// SPDX-License-Identifier: GPL-2.0
/*
 * arena: one allocation per operation, sized for all its objects, carved
 * with a bump pointer and released with a single free: the per-request
 * arena.  Up to KMALLOC_MAX_SIZE it comes from kmalloc (the page
 * allocator above 8 KiB), beyond that from vmalloc.
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
 * Objects of an arena cannot outlive it: no survivors here.  Nor free
 * mode rcu: its objects have no free of their own to defer.
 */
static bool arena_supports(const struct sw_config *cfg)
{
	return !cfg->survive_every && cfg->free_mode != SW_FREE_RCU;
}

static int arena_alloc_op(struct sw_worker *w, unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	const struct sw_config *cfg = &w->run->cfg;
	size_t size = pat->arena_size(cfg);
	unsigned int i;
	void *mem;

	if (!n)
		return 0;
	size *= n;
	/* Not kvmalloc(): it would fall back to vmalloc at the first miss. */
	if (sw_fault(cfg))
		mem = NULL;
	else if (size <= KMALLOC_MAX_SIZE)
		mem = kmalloc(size, SW_GFP);
	else
		mem = __vmalloc(size, SW_GFP);
	if (!mem) {
		w->c.alloc_failures++;
		return -ENOMEM;
	}
	size /= n;
	for (i = 0; i < n; i++, mem += size)
		w->objs[i] = pat->carve(mem, cfg);
	w->c.allocs += n;
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
