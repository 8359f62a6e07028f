// SPDX-License-Identifier: GPL-2.0
/*
 * What the patterns share: their tables, the caches they make, the slab
 * strides measured at load, and allocating and freeing one object.  Each
 * pattern lives in its own pattern_*.c file; its line in SW_PATTERNS
 * (uapi/slabwall.h) gives its name, size knob and cache.
 */
#include <linux/slab.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/gcd.h>
#include <linux/mm.h>
#include <linux/indirect_call_wrapper.h>
#include "slabwall.h"
#include "object.h"

const struct sw_pattern *const sw_patterns[SW_NR_PATTERNS] = {
#define SW_PATTERN(name, ...)		\
	[SW_PAT_##name] = &sw_pattern_##name,
#include "uapi/slabwall.h"
#undef SW_PATTERN
};

const char *const sw_pattern_names[SW_NR_PATTERNS] = {
#define SW_PATTERN(name, ...)		\
	[SW_PAT_##name] = #name,
#include "uapi/slabwall.h"
#undef SW_PATTERN
};

/* Own cache names; a pattern without one reads as its name, "kmalloc". */
static const char *const sw_pattern_caches[SW_NR_PATTERNS] = {
#define SW_PATTERN(name, cache, ...)	\
	[SW_PAT_##name] = (cache) ?: #name,
#include "uapi/slabwall.h"
#undef SW_PATTERN
};

/* The name of @pattern's own cache, "kmalloc" for the general caches. */
const char *sw_pattern_cache(unsigned int pattern)
{
	return sw_pattern_caches[pattern];
}

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
static size_t sw_pattern_strides[SW_NR_PATTERNS];

#define SW_KMALLOC_CLASSES	24

/* The kmalloc classes, smallest first; a zero size ends the list. */
static struct {
	size_t size;
	size_t stride;
} kmalloc_strides[SW_KMALLOC_CLASSES];

size_t sw_stride(struct kmem_cache *cache, size_t size)
{
	unsigned int i;

	if (cache) {
		for (i = 0; i < SW_NR_PATTERNS; i++)
			if (sw_patterns[i]->cache && *sw_patterns[i]->cache == cache)
				return sw_pattern_strides[i];
		return kmem_cache_size(cache) + 1024;
	}
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

/* Bytes one object of @pat holds, at slab strides. */
size_t sw_footprint(const struct sw_pattern *pat, const struct sw_config *cfg)
{
	size_t bytes, head;

	if (pat->footprint)
		return pat->footprint(cfg);
	bytes = pat->kmalloc_bytes(cfg);
	head = pat->cache ? sw_stride(*pat->cache, 0) : 0;
	return head + (bytes ? sw_stride(NULL, bytes) : 0);
}

/* One cache of a run: a "name object_size" line, or for stats two keys. */
void sw_cache_line(struct seq_file *m, bool keys, unsigned int i,
		   const char *name, size_t size)
{
	if (keys)
		seq_printf(m, "cache%u %s\ncache%u_size %zu\n", i, name, i, size);
	else
		seq_printf(m, "%s %zu\n", name, size);
}

/*
 * The kmalloc class of @bytes as cache @i, named as the kernel names it
 * with @prefix ("kmalloc-", "kmalloc-rcl-"); nothing above the kmalloc
 * caches, where the page allocator serves it.
 */
void sw_kmalloc_line(struct seq_file *m, bool keys, unsigned int i,
		     const char *prefix, size_t bytes)
{
	char name[32];

	if (!bytes || bytes > KMALLOC_MAX_CACHE_SIZE)
		return;
	bytes = kmalloc_size_roundup(bytes);
	if (bytes >= 1024 && !(bytes % 1024))
		snprintf(name, sizeof(name), "%s%zuk", prefix, bytes / 1024);
	else
		snprintf(name, sizeof(name), "%s%zu", prefix, bytes);
	sw_cache_line(m, keys, i, name, bytes);
}

/*
 * The caches a run with @cfg allocates from and their object sizes: the
 * pattern's own, then the kmalloc class of its buffer (none above the
 * kmalloc caches: the page allocator serves that), named as the kernel
 * names its kmalloc caches.  As "name size" lines, or with @keys as the
 * stats file's cacheN and cacheN_size.
 */
void sw_caches_show(struct seq_file *m, bool keys, const struct sw_config *cfg)
{
	const struct sw_pattern *pat = sw_patterns[cfg->pattern];
	unsigned int i = 0;

	if (pat->caches) {
		pat->caches(m, keys, cfg);
		return;
	}
	if (pat->cache && *pat->cache)
		sw_cache_line(m, keys, i++, sw_pattern_caches[cfg->pattern],
			      kmem_cache_size(*pat->cache));
	sw_kmalloc_line(m, keys, i, "kmalloc-", pat->kmalloc_bytes(cfg));
}

/* One object of @pat: a head plus what the pattern attaches to it. */
void *sw_obj_alloc(const struct sw_pattern *pat, const struct sw_config *cfg)
{
	enum sw_obj_kind kind = sw_obj_kind(pat, cfg);
	struct kmem_cache *cache = pat->cache ? *pat->cache : NULL;
	size_t size = 0;

	if (!cache && kind != SW_KIND_REAL)
		size = INDIRECT_CALL_1(pat->kmalloc_bytes,
				       sw_kmalloc_object_bytes, cfg);
	return sw_obj_make(pat, cfg, kind, cache, size);
}

void sw_obj_free(const struct sw_pattern *pat, void *obj)
{
	sw_obj_release(pat, obj, pat->free ? SW_KIND_REAL : SW_KIND_NODE,
		       pat->cache ? *pat->cache : NULL);
}

/*
 * SLUB merges a new cache into any existing one of the same size and
 * flags, and the name then only survives as a symlink to the alias.  A
 * usercopy window or a constructor keeps a cache apart on every kernel;
 * SLAB_NO_MERGE, which this returns unless @mergeable, says so outright
 * where it exists (v6.5+).
 */
slab_flags_t sw_nomerge(bool mergeable)
{
#ifdef SLAB_NO_MERGE
	if (!mergeable)
		return SLAB_NO_MERGE;
#endif
	return 0;
}

/* Set at load; whether the own caches now have SLAB_TYPESAFE_BY_RCU. */
static bool sw_mergeable;
static bool sw_typesafe;

/* False after a failed sw_caches_set_typesafe(): a start tries again. */
bool sw_caches_ready(void)
{
	unsigned int i;

	for (i = 0; i < SW_NR_PATTERNS; i++)
		if (sw_patterns[i]->cache && !*sw_patterns[i]->cache)
			return false;
	return true;
}

/* For a pattern's create: the flag of knob typesafe_rcu, or 0. */
slab_flags_t sw_typesafe_flags(void)
{
	return sw_typesafe ? SLAB_TYPESAFE_BY_RCU : 0;
}

/* The module's own caches, the patterns' with @cache. */
static void sw_own_caches_destroy(void)
{
	unsigned int i;

	for (i = 0; i < SW_NR_PATTERNS; i++) {
		if (!sw_patterns[i]->cache)
			continue;
		kmem_cache_destroy(*sw_patterns[i]->cache);
		*sw_patterns[i]->cache = NULL;
	}
}

void sw_caches_destroy(void)
{
	unsigned int i;

	for (i = 0; i < SW_NR_PATTERNS; i++)
		if (sw_patterns[i]->destroy)
			sw_patterns[i]->destroy();
	sw_own_caches_destroy();
}

/* Every pattern's create, or with @own_only those of the own caches. */
static int sw_caches_make(bool own_only)
{
	const struct sw_pattern *pat;
	unsigned int i;
	int err;

	for (i = 0; i < SW_NR_PATTERNS; i++) {
		pat = sw_patterns[i];
		if (!pat->create || (own_only && !pat->cache))
			continue;
		err = pat->create(sw_mergeable);
		if (err) {
			if (own_only)
				sw_own_caches_destroy();
			else
				sw_caches_destroy();
			return err;
		}
	}
	/* SLAB_TYPESAFE_BY_RCU moves the free pointer out: a new stride. */
	for (i = 0; i < SW_NR_PATTERNS; i++)
		if (sw_patterns[i]->cache)
			sw_pattern_strides[i] = sw_measure_stride(*sw_patterns[i]->cache, 0);
	return 0;
}

int sw_caches_create(bool mergeable)
{
	int err;

	sw_mergeable = mergeable;
	err = sw_caches_make(false);
	if (!err)
		sw_measure_kmalloc_strides();
	return err;
}

/* Whether a start with typesafe_rcu @typesafe must remake the caches. */
bool sw_caches_need_change(bool typesafe)
{
	return !sw_caches_ready() || typesafe != sw_typesafe;
}

/*
 * Knob typesafe_rcu: remake the module's own caches with or without
 * SLAB_TYPESAFE_BY_RCU (the real_* patterns use the kernel's caches and
 * stay as they are).  A cache's flags are fixed at its creation, so it
 * goes and comes back; no object of it may be alive (no run, no
 * calibration).  On failure no own cache is left and the next call
 * tries again; kmem_cache_destroy() of a typesafe cache waits for its
 * grace periods itself.
 */
int sw_caches_set_typesafe(bool typesafe)
{
	if (!sw_caches_need_change(typesafe))
		return 0;
	sw_own_caches_destroy();
	sw_typesafe = typesafe;
	return sw_caches_make(true);
}
