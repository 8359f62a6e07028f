// SPDX-License-Identifier: GPL-2.0
/*
 * bulk: the heads of an operation come from one kmem_cache_alloc_bulk()
 * call and go back with one kmem_cache_free_bulk(), as the network stack
 * does for sk_buff heads.  kmalloc has no cache handle to bulk from, so
 * the kmalloc pattern cannot use it.
 */
#include <linux/slab.h>
#include "slabwall.h"

/* kmem_cache_alloc_bulk() has no node to ask for: no alloc_node. */
static bool bulk_supports(const struct sw_config *cfg)
{
	return sw_patterns[cfg->pattern]->cache &&
	       cfg->alloc_node == SW_NODE_OWN;
}

static int bulk_alloc_op(struct sw_worker *w, unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	unsigned int i;

	if (!n)
		return 0;
	/* All or nothing: 0 means no object was allocated. */
	if (sw_fault(&w->run->cfg) ||
	    !kmem_cache_alloc_bulk(*pat->cache, SW_GFP, n, w->objs))
		goto fail;
	for (i = 0; pat->attach && i < n; i++) {
		if (pat->attach(w->objs[i], &w->run->cfg))
			goto unwind;
	}
	w->c.allocs += n;
	return 0;

unwind:
	/* Objects 0..i have state to undo; object i failed half way. */
	do {
		pat->detach(w->objs[i]);
	} while (i--);
	kmem_cache_free_bulk(*pat->cache, n, w->objs);
fail:
	w->c.alloc_failures++;
	return -ENOMEM;
}

static unsigned int bulk_free_units(struct sw_worker *w, struct sw_worker *owner,
				    void **objs, unsigned int n)
{
	const struct sw_pattern *pat = w->run->pattern;
	unsigned int i;

	/* 6.1 warns on an empty bulk free: the null op, or all survivors. */
	if (!n)
		return 0;
	for (i = 0; pat->detach && i < n; i++)
		pat->detach(objs[i]);
	kmem_cache_free_bulk(*pat->cache, n, objs);
	return n;
}

const struct sw_strategy sw_strategy_bulk = {
	.supports = bulk_supports,
	.alloc_op = bulk_alloc_op,
	.free_units = bulk_free_units,
};
