// SPDX-License-Identifier: GPL-2.0
/*
 * slab: one allocator call per object and one free per object, the
 * per-request allocation the wall is made of.  The only strategy that
 * takes alloc_node, and the one that counts objects crossing nodes.
 */
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/topology.h>
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

int sw_slab_alloc_op(struct sw_worker *w, unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	const struct sw_config *cfg = &w->run->cfg;
	unsigned int i, off_node = 0;

	for (i = 0; i < n; i++) {
		w->objs[i] = sw_obj_alloc(pat, cfg);
		if (unlikely(!w->objs[i]))
			goto unwind;
		if (static_branch_unlikely(&sw_node_count_on))
			off_node += sw_obj_off_node(w->objs[i]);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
	w->c.allocs += n;
	w->c.cross_node_allocs += off_node;
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
		if (static_branch_unlikely(&sw_node_count_on))
			w->c.cross_node_frees += sw_obj_off_node(objs[i]);
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
