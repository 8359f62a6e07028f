// SPDX-License-Identifier: GPL-2.0
/*
 * The object patterns: what one allocation of a run looks like.
 *
 * skb and dentry live in caches of their own, shaped like the kernel's
 * skbuff_head_cache and dentry cache, so their behaviour shows up under a
 * name in /sys/kernel/slab.  kmalloc uses the general caches.
 */
#include <linux/slab.h>
#include <linux/skbuff.h>
#include <linux/dcache.h>
#include <linux/string.h>
#include <linux/overflow.h>
#include "slabwall.h"

#define SW_GFP	(GFP_KERNEL | __GFP_NOWARN)

static struct kmem_cache *skb_cache;
static struct kmem_cache *dentry_cache;

/* ---- skb: a head from its cache plus a kmalloc'd data buffer ---- */

struct sw_skb {
	void *data;
	unsigned int len;
};

/* The buffer netdev_alloc_skb() asks for: headroom, frame, shared info. */
static size_t skb_data_bytes(const struct sw_config *cfg)
{
	if (!cfg->data_size)
		return 0;
	return SKB_DATA_ALIGN(NET_SKB_PAD + cfg->data_size) +
	       SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
}

static size_t skb_footprint(const struct sw_config *cfg)
{
	size_t data = skb_data_bytes(cfg);

	return kmem_cache_size(skb_cache) + (data ? kmalloc_size_roundup(data) : 0);
}

static void *skb_alloc(const struct sw_config *cfg)
{
	size_t bytes = skb_data_bytes(cfg);
	struct sw_skb *skb;

	skb = kmem_cache_alloc(skb_cache, SW_GFP);
	if (!skb)
		return NULL;
	skb->data = NULL;
	skb->len = bytes;
	if (bytes) {
		skb->data = kmalloc(bytes, SW_GFP);
		if (!skb->data) {
			kmem_cache_free(skb_cache, skb);
			return NULL;
		}
	}
	return skb;
}

static void skb_free(void *obj)
{
	struct sw_skb *skb = obj;

	kfree(skb->data);
	kmem_cache_free(skb_cache, skb);
}

static void *skb_payload(void *obj, const struct sw_config *cfg, size_t *len)
{
	struct sw_skb *skb = obj;

	if (skb->data) {
		*len = skb->len;
		return skb->data;
	}
	*len = kmem_cache_size(skb_cache) - sizeof(*skb);
	return skb + 1;
}

static const struct sw_pattern skb_pattern = {
	.name = "skb",
	.footprint = skb_footprint,
	.alloc = skb_alloc,
	.free = skb_free,
	.payload = skb_payload,
};

/* ---- dentry: an object from its cache, long names kmalloc'd apart ---- */

struct sw_ext_name {
	atomic_t count;
	unsigned char name[];
};

struct sw_dentry {
	unsigned char *name;
	u32 len;
	u32 hash;
	unsigned char iname[SW_DNAME_INLINE_LEN];
};

/* The constructed state, which every freed object must be back in. */
static void dentry_ctor(void *obj)
{
	struct sw_dentry *d = obj;

	d->name = d->iname;
	d->len = 0;
	d->iname[0] = 0;
}

static size_t dentry_ext_bytes(const struct sw_config *cfg)
{
	if (cfg->name_len < SW_DNAME_INLINE_LEN)
		return 0;
	return struct_size((struct sw_ext_name *)NULL, name, cfg->name_len + 1);
}

static size_t dentry_footprint(const struct sw_config *cfg)
{
	size_t ext = dentry_ext_bytes(cfg);

	return kmem_cache_size(dentry_cache) + (ext ? kmalloc_size_roundup(ext) : 0);
}

static void *dentry_alloc(const struct sw_config *cfg)
{
	size_t ext_bytes = dentry_ext_bytes(cfg);
	struct sw_dentry *d;
	u32 i, hash = 0;

	d = kmem_cache_alloc(dentry_cache, SW_GFP);
	if (!d)
		return NULL;
	d->name = d->iname;
	if (ext_bytes) {
		struct sw_ext_name *ext = kmalloc(ext_bytes, SW_GFP);

		if (!ext) {
			kmem_cache_free(dentry_cache, d);
			return NULL;
		}
		atomic_set(&ext->count, 1);
		d->name = ext->name;
	}
	/* Copy and hash the name, as d_alloc() and the lookup around it do. */
	for (i = 0; i < cfg->name_len; i++) {
		d->name[i] = 'a' + i % 26;
		hash = hash * 31 + d->name[i];
	}
	d->name[i] = 0;
	d->len = cfg->name_len;
	d->hash = hash;
	return d;
}

static void dentry_free(void *obj)
{
	struct sw_dentry *d = obj;

	if (d->name != d->iname)
		kfree(container_of(d->name, struct sw_ext_name, name[0]));
	dentry_ctor(d);
	kmem_cache_free(dentry_cache, d);
}

static void *dentry_payload(void *obj, const struct sw_config *cfg, size_t *len)
{
	struct sw_dentry *d = obj;

	*len = d->len;
	return d->name;
}

static const struct sw_pattern dentry_pattern = {
	.name = "dentry",
	.footprint = dentry_footprint,
	.alloc = dentry_alloc,
	.free = dentry_free,
	.payload = dentry_payload,
};

/* ---- kmalloc: the general caches, or the page allocator above 8 KiB ---- */

static size_t kmalloc_footprint(const struct sw_config *cfg)
{
	return kmalloc_size_roundup(cfg->object_size);
}

static void *kmalloc_alloc(const struct sw_config *cfg)
{
	return kmalloc(cfg->object_size, SW_GFP);
}

static void kmalloc_free(void *obj)
{
	kfree(obj);
}

static void *kmalloc_payload(void *obj, const struct sw_config *cfg, size_t *len)
{
	*len = cfg->object_size;
	return obj;
}

static const struct sw_pattern kmalloc_pattern = {
	.name = "kmalloc",
	.footprint = kmalloc_footprint,
	.alloc = kmalloc_alloc,
	.free = kmalloc_free,
	.payload = kmalloc_payload,
};

const struct sw_pattern *const sw_patterns[SW_NR_PATTERNS] = {
	[SW_PAT_SKB] = &skb_pattern,
	[SW_PAT_DENTRY] = &dentry_pattern,
	[SW_PAT_KMALLOC] = &kmalloc_pattern,
};

/*
 * SLUB merges a new cache into any existing one of the same size and
 * flags, and the name then only survives as a symlink to the alias.  A
 * usercopy window (as skbuff_head_cache has) or a constructor keeps a
 * cache apart on every kernel; SLAB_NO_MERGE says so outright where it
 * exists (v6.5+).
 */
int sw_caches_create(bool mergeable)
{
	slab_flags_t nomerge = 0;
	unsigned int usersize = 0;

#ifdef SLAB_NO_MERGE
	if (!mergeable)
		nomerge = SLAB_NO_MERGE;
#endif
	if (!mergeable)
		usersize = sizeof_field(struct sk_buff, cb);

	BUILD_BUG_ON(sizeof(struct sw_skb) > sizeof(struct sk_buff));
	BUILD_BUG_ON(sizeof(struct sw_dentry) > sizeof(struct dentry));

	skb_cache = kmem_cache_create_usercopy("slabwall_skbuff_head",
					       sizeof(struct sk_buff), 0,
					       SLAB_HWCACHE_ALIGN | nomerge,
					       usersize ? offsetof(struct sk_buff, cb) : 0,
					       usersize, NULL);
	if (!skb_cache)
		return -ENOMEM;

	dentry_cache = kmem_cache_create("slabwall_dentry", sizeof(struct dentry),
					 0, SLAB_RECLAIM_ACCOUNT | nomerge,
					 mergeable ? NULL : dentry_ctor);
	if (!dentry_cache) {
		kmem_cache_destroy(skb_cache);
		skb_cache = NULL;
		return -ENOMEM;
	}
	return 0;
}

void sw_caches_destroy(void)
{
	kmem_cache_destroy(dentry_cache);
	kmem_cache_destroy(skb_cache);
	dentry_cache = NULL;
	skb_cache = NULL;
}
