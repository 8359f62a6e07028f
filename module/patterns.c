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
#include <linux/gcd.h>
#include <linux/mm.h>
#include "slabwall.h"

static struct kmem_cache *skb_cache;
static struct kmem_cache *dentry_cache;

/* Objects sampled to measure a slab stride; pointers on the stack. */
#define SW_STRIDE_SAMPLES	16

/*
 * Bytes an object of @cache (or of kmalloc(@size) when @cache is NULL)
 * takes in its slab: the stride /sys/kernel/slab/<cache>/slab_size shows,
 * which red zones, tracking records and alignment make larger than the
 * object size kmem_cache_size() and ksize() report.  The stride is not
 * exported, so it is measured: the objects of one slab lie at multiples
 * of it from each other, so the greatest common divisor of the distances
 * between objects that share a folio is a multiple of the stride, never
 * less (a KFENCE object sits alone in its page).  Without two objects in
 * one slab, a bound for SLUB's debug metadata (two tracking records, red
 * zones, a free pointer) is added to the object size instead.  Above the
 * kmalloc caches an object is whole pages.
 */
static size_t sw_measure_stride(struct kmem_cache *cache, size_t size)
{
	void *objs[SW_STRIDE_SAMPLES];
	unsigned long a, b, g = 0;
	unsigned int i, j, n;

	if (!cache && size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_size_roundup(size);
	size = cache ? kmem_cache_size(cache) : kmalloc_size_roundup(size);
	for (n = 0; n < SW_STRIDE_SAMPLES; n++) {
		objs[n] = cache ? kmem_cache_alloc(cache, SW_GFP) :
			  kmalloc(size, SW_GFP);
		if (!objs[n])
			break;
	}
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			if (virt_to_folio(objs[i]) != virt_to_folio(objs[j]))
				continue;
			a = (unsigned long)objs[i];
			b = (unsigned long)objs[j];
			g = gcd(g, a > b ? a - b : b - a);
		}
	}
	/* Untouched: a constructed object goes back as it came. */
	for (i = 0; i < n; i++) {
		if (cache)
			kmem_cache_free(cache, objs[i]);
		else
			kfree(objs[i]);
	}
	return g ? max_t(size_t, g, size) : size + 1024;
}

/*
 * Measured once, at load: a cache's layout does not change while it
 * exists, and a run's check must not allocate, or a trace of the run
 * would count those objects.
 */
static size_t skb_stride, dentry_stride;

#define SW_KMALLOC_CLASSES	24

/* The kmalloc classes, smallest first; a zero size ends the list. */
static struct {
	size_t size;
	size_t stride;
} kmalloc_strides[SW_KMALLOC_CLASSES];

size_t sw_stride(struct kmem_cache *cache, size_t size)
{
	unsigned int i;

	if (cache)
		return cache == skb_cache ? skb_stride : dentry_stride;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_size_roundup(size);
	size = kmalloc_size_roundup(size);
	for (i = 0; i < SW_KMALLOC_CLASSES && kmalloc_strides[i].size; i++)
		if (kmalloc_strides[i].size == size)
			return kmalloc_strides[i].stride;
	/* Not measured at load (out of memory then): bound it. */
	return size + 1024;
}

static void sw_measure_kmalloc_strides(void)
{
	size_t size = 1, class;
	unsigned int i;

	for (i = 0; i < SW_KMALLOC_CLASSES && size <= KMALLOC_MAX_CACHE_SIZE; i++) {
		class = kmalloc_size_roundup(size);
		kmalloc_strides[i].size = class;
		kmalloc_strides[i].stride = sw_measure_stride(NULL, class);
		size = class + 1;
	}
}

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

	return sw_stride(skb_cache, 0) + (data ? sw_stride(NULL, data) : 0);
}

static int skb_attach(void *head, const struct sw_config *cfg)
{
	struct sw_skb *skb = head;

	skb->len = skb_data_bytes(cfg);
	skb->data = NULL;
	if (skb->len) {
		skb->data = sw_fault(cfg) ? NULL : kmalloc(skb->len, SW_GFP);
		if (!skb->data)
			return -ENOMEM;
	}
	return 0;
}

static void skb_detach(void *obj)
{
	struct sw_skb *skb = obj;

	kfree(skb->data);
}

static size_t skb_arena_size(const struct sw_config *cfg)
{
	return SKB_DATA_ALIGN(sizeof(struct sk_buff)) + skb_data_bytes(cfg);
}

static void *skb_carve(void *mem, const struct sw_config *cfg)
{
	struct sw_skb *skb = mem;

	skb->len = skb_data_bytes(cfg);
	skb->data = skb->len ? mem + SKB_DATA_ALIGN(sizeof(struct sk_buff)) : NULL;
	return skb;
}

static void *skb_payload(void *obj, const struct sw_config *cfg, size_t *len)
{
	struct sw_skb *skb = obj;

	if (skb->data) {
		*len = skb->len;
		return skb->data;
	}
	*len = sizeof(struct sk_buff) - sizeof(*skb);
	return skb + 1;
}

static const struct sw_pattern skb_pattern = {
	.name = "skb",
	.cache_name = SW_CACHE_SKB,
	.cache = &skb_cache,
	.footprint = skb_footprint,
	.attach = skb_attach,
	.detach = skb_detach,
	.arena_size = skb_arena_size,
	.carve = skb_carve,
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

	return sw_stride(dentry_cache, 0) + (ext ? sw_stride(NULL, ext) : 0);
}

/* Copy and hash the name, as d_alloc() and the lookup around it do. */
static void dentry_set_name(struct sw_dentry *d, struct sw_ext_name *ext,
			    const struct sw_config *cfg)
{
	u32 i, hash = 0;

	d->name = d->iname;
	if (ext) {
		atomic_set(&ext->count, 1);
		d->name = ext->name;
	}
	for (i = 0; i < cfg->name_len; i++) {
		d->name[i] = 'a' + i % 26;
		hash = hash * 31 + d->name[i];
	}
	d->name[i] = 0;
	d->len = cfg->name_len;
	d->hash = hash;
}

static int dentry_attach(void *head, const struct sw_config *cfg)
{
	struct sw_ext_name *ext = NULL;
	struct sw_dentry *d = head;

	/* Without a constructor the head is not in a state detach can undo. */
	d->name = d->iname;
	if (dentry_ext_bytes(cfg)) {
		ext = sw_fault(cfg) ? NULL : kmalloc(dentry_ext_bytes(cfg), SW_GFP);
		if (!ext)
			return -ENOMEM;
	}
	dentry_set_name(head, ext, cfg);
	return 0;
}

static void dentry_detach(void *obj)
{
	struct sw_dentry *d = obj;

	if (d->name != d->iname)
		kfree(container_of(d->name, struct sw_ext_name, name[0]));
	dentry_ctor(d);
}

static size_t dentry_arena_size(const struct sw_config *cfg)
{
	return ALIGN(sizeof(struct dentry), 8) + ALIGN(dentry_ext_bytes(cfg), 8);
}

static void *dentry_carve(void *mem, const struct sw_config *cfg)
{
	struct sw_ext_name *ext = NULL;

	if (dentry_ext_bytes(cfg))
		ext = mem + ALIGN(sizeof(struct dentry), 8);
	dentry_set_name(mem, ext, cfg);
	return mem;
}

static void *dentry_payload(void *obj, const struct sw_config *cfg, size_t *len)
{
	struct sw_dentry *d = obj;

	*len = d->len;
	return d->name;
}

static const struct sw_pattern dentry_pattern = {
	.name = "dentry",
	.cache_name = SW_CACHE_DENTRY,
	.cache = &dentry_cache,
	.footprint = dentry_footprint,
	.attach = dentry_attach,
	.detach = dentry_detach,
	.arena_size = dentry_arena_size,
	.carve = dentry_carve,
	.payload = dentry_payload,
};

/* ---- kmalloc: the general caches, or the page allocator above 8 KiB ---- */

static size_t kmalloc_footprint(const struct sw_config *cfg)
{
	return sw_stride(NULL, cfg->object_size);
}

static size_t kmalloc_arena_size(const struct sw_config *cfg)
{
	return ALIGN(cfg->object_size, 8);
}

static void *kmalloc_carve(void *mem, const struct sw_config *cfg)
{
	return mem;
}

static void *kmalloc_payload(void *obj, const struct sw_config *cfg, size_t *len)
{
	*len = cfg->object_size;
	return obj;
}

static const struct sw_pattern kmalloc_pattern = {
	.name = "kmalloc",
	.cache_name = "kmalloc",
	.footprint = kmalloc_footprint,
	.arena_size = kmalloc_arena_size,
	.carve = kmalloc_carve,
	.payload = kmalloc_payload,
};

/* One object of @pat: a head plus what the pattern attaches to it. */
void *sw_obj_alloc(const struct sw_pattern *pat, const struct sw_config *cfg)
{
	void *obj;

	if (sw_fault(cfg))
		return NULL;
	if (pat->cache)
		obj = kmem_cache_alloc(*pat->cache, SW_GFP);
	else
		obj = kmalloc(cfg->object_size, SW_GFP);
	if (obj && pat->attach && pat->attach(obj, cfg)) {
		sw_obj_free(pat, obj);
		return NULL;
	}
	return obj;
}

/* Also frees an object whose attach failed: detach copes with nothing. */
void sw_obj_free(const struct sw_pattern *pat, void *obj)
{
	if (pat->detach)
		pat->detach(obj);
	if (pat->cache)
		kmem_cache_free(*pat->cache, obj);
	else
		kfree(obj);
}

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

	skb_cache = kmem_cache_create_usercopy(SW_CACHE_SKB,
					       sizeof(struct sk_buff), 0,
					       SLAB_HWCACHE_ALIGN | nomerge,
					       usersize ? offsetof(struct sk_buff, cb) : 0,
					       usersize, NULL);
	if (!skb_cache)
		return -ENOMEM;

	dentry_cache = kmem_cache_create(SW_CACHE_DENTRY, sizeof(struct dentry),
					 0, SLAB_RECLAIM_ACCOUNT | nomerge,
					 mergeable ? NULL : dentry_ctor);
	if (!dentry_cache) {
		kmem_cache_destroy(skb_cache);
		skb_cache = NULL;
		return -ENOMEM;
	}
	skb_stride = sw_measure_stride(skb_cache, 0);
	dentry_stride = sw_measure_stride(dentry_cache, 0);
	sw_measure_kmalloc_strides();
	return 0;
}

void sw_caches_destroy(void)
{
	kmem_cache_destroy(dentry_cache);
	kmem_cache_destroy(skb_cache);
	dentry_cache = NULL;
	skb_cache = NULL;
}
