// SPDX-License-Identifier: GPL-2.0
/*
 * Strategies: how an operation gets its objects.  "slab" makes one
 * allocator call per object, the per-request allocation the wall is made
 * of.  Other strategies plug in here with the same two hooks.
 */
#include <linux/sched.h>
#include "slabwall.h"

/* Yield inside long loops: 4096 objects per operation under emulation. */
#define SW_RESCHED_EVERY	256

static bool slab_supports(const struct sw_config *cfg)
{
	return true;
}

static int slab_alloc_op(struct sw_worker *w, unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	const struct sw_config *cfg = &w->run->cfg;
	unsigned int i;

	for (i = 0; i < n; i++) {
		w->objs[i] = pat->alloc(cfg);
		if (unlikely(!w->objs[i]))
			goto unwind;
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
	w->c.allocs += n;
	return 0;

unwind:
	w->c.alloc_failures++;
	while (i--)
		pat->free(w->objs[i]);
	return -ENOMEM;
}

static void slab_free_objs(struct sw_worker *w, void **objs, unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	unsigned int i;

	for (i = 0; i < n; i++) {
		pat->free(objs[i]);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
}

static const struct sw_strategy slab_strategy = {
	.name = "slab",
	.supports = slab_supports,
	.alloc_op = slab_alloc_op,
	.free_objs = slab_free_objs,
};

const struct sw_strategy *const sw_strategies[] = {
	&slab_strategy,
};

const unsigned int sw_nr_strategies = ARRAY_SIZE(sw_strategies);
