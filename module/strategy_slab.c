// SPDX-License-Identifier: GPL-2.0
/*
 * slab: one allocator call per object and one free per object, the
 * per-request allocation the wall is made of.
 */
#include <linux/sched.h>
#include "slabwall.h"

static bool slab_supports(const struct sw_config *cfg)
{
	return true;
}

int sw_slab_alloc_op(struct sw_worker *w, unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	const struct sw_config *cfg = &w->run->cfg;
	unsigned int i;

	for (i = 0; i < n; i++) {
		w->objs[i] = sw_obj_alloc(pat, cfg);
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
		sw_obj_free(pat, w->objs[i]);
	return -ENOMEM;
}

unsigned int sw_slab_free_units(struct sw_worker *w, struct sw_worker *owner,
				void **objs, unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	unsigned int i;

	for (i = 0; i < n; i++) {
		sw_obj_free(pat, objs[i]);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
	return n;
}

const struct sw_strategy sw_strategy_slab = {
	.supports = slab_supports,
	.alloc_op = sw_slab_alloc_op,
	.free_units = sw_slab_free_units,
};
