/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One object of a pattern, made and released: the one definition of
 * what an object is.  The slab strategy inlines it once per kind, decided
 * once a run, so its loops make objects with direct calls and nothing
 * else; sw_obj_alloc() and sw_obj_free() (patterns.c), for the other
 * strategies, work the kind out at each call.
 */
#ifndef SLABWALL_OBJECT_H
#define SLABWALL_OBJECT_H

#include <linux/indirect_call_wrapper.h>
#include "slabwall.h"

enum sw_obj_kind {
	SW_KIND_CACHE,		/* from the pattern's cache, then attach */
	SW_KIND_KMALLOC,	/* kmalloc'd, nothing attached (no cache) */
	SW_KIND_NODE,		/* either, on cfg->alloc_node */
	SW_KIND_REAL,		/* the kernel's own object (pat->alloc) */
};

static inline enum sw_obj_kind sw_obj_kind(const struct sw_pattern *pat,
					   const struct sw_config *cfg)
{
	if (pat->alloc)
		return SW_KIND_REAL;
	if (cfg->alloc_node != SW_NODE_OWN)
		return SW_KIND_NODE;
	return pat->cache ? SW_KIND_CACHE : SW_KIND_KMALLOC;
}

/*
 * @cache is *pat->cache (NULL without one), @size the kmalloc size of an
 * object without a cache.  Also releases an object whose attach failed:
 * detach copes with nothing.
 */
static __always_inline void sw_obj_release(const struct sw_pattern *pat,
					   void *obj, enum sw_obj_kind kind,
					   struct kmem_cache *cache)
{
	if (kind == SW_KIND_REAL) {
		INDIRECT_CALL_2(pat->free, sw_real_dentry_free,
				sw_real_skb_free, obj);
		return;
	}
	if (kind != SW_KIND_KMALLOC && pat->detach)
		INDIRECT_CALL_2(pat->detach, sw_dentry_detach, sw_skb_detach,
				obj);
	if (kind == SW_KIND_CACHE || (kind == SW_KIND_NODE && cache))
		kmem_cache_free(cache, obj);
	else
		kfree(obj);
}

/* One object, or NULL (a fault injected, no memory, attach failing). */
static __always_inline void *sw_obj_make(const struct sw_pattern *pat,
					 const struct sw_config *cfg,
					 enum sw_obj_kind kind,
					 struct kmem_cache *cache, size_t size)
{
	void *obj;

	if (sw_fault(cfg))
		return NULL;
	if (kind == SW_KIND_REAL)
		return INDIRECT_CALL_2(pat->alloc, sw_real_dentry_alloc,
				       sw_real_skb_alloc, cfg);
	if (kind == SW_KIND_KMALLOC)
		obj = kmalloc(size, SW_GFP);
	else if (kind == SW_KIND_CACHE)
		obj = kmem_cache_alloc(cache, SW_GFP);
	else if (cache)
		obj = kmem_cache_alloc_node(cache, SW_GFP, cfg->alloc_node);
	else
		obj = kmalloc_node(size, SW_GFP, cfg->alloc_node);
	if (kind != SW_KIND_KMALLOC && obj && pat->attach &&
	    unlikely(INDIRECT_CALL_2(pat->attach, sw_dentry_attach,
				     sw_skb_attach, obj, cfg))) {
		sw_obj_release(pat, obj, kind, cache);
		return NULL;
	}
	return obj;
}

#endif /* SLABWALL_OBJECT_H */
