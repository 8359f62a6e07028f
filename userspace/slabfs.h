/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /sys/kernel/slab: one directory of attribute files per SLUB cache.
 *
 * Every function takes the tree's root (NULL means SF_DEFAULT_ROOT), so
 * tests can point it at a fake tree.  Attributes differ between kernels
 * (6.1 and 6.12 do not have the same files), so each number is marked
 * present or absent instead of failing on the first missing file.
 */
#ifndef SLABWALL_SLABFS_H
#define SLABWALL_SLABFS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strnum.h"
#include "swerr.h"

#define SF_DEFAULT_ROOT "/sys/kernel/slab"

struct sf_cache {
	char name[NAME_MAX + 1];	/* the name asked for */
	char real[NAME_MAX + 1];	/* its directory, e.g. ":0000256" if merged */
	bool is_alias;			/* name is a symlink to a merged cache */

	/* Geometry. */
	struct opt_u64 object_size, slab_size, objs_per_slab, order;
	struct opt_u64 align, usersize;

	/* Counts: the total before the per-node "N0=" list. */
	struct opt_u64 objects, total_objects, objects_partial;
	struct opt_u64 slabs, partial, cpu_slabs;
	/* From slabs_cpu_partial, "objects(slabs) C0=...". */
	struct opt_u64 cpu_partial_objects, cpu_partial_slabs;

	/* Tunables. */
	struct opt_u64 cpu_partial, min_partial, remote_node_defrag_ratio;
	struct opt_u64 sheaf_capacity;

	/* Flags (0 or 1) and merge count. */
	struct opt_u64 aliases, reclaim_account, hwcache_align;
	struct opt_u64 destroy_by_rcu, cache_dma, poison, red_zone;
	struct opt_u64 store_user, sanity_checks, trace;

	bool ctor_present;		/* the ctor file exists */
	char ctor[256];			/* "" when the cache has no constructor */
};

/* What the counts mean in bytes; a have_ flag is false when inputs are missing. */
struct sf_mem {
	long page_size;
	bool have_slab_bytes;
	uint64_t slab_bytes;		/* slabs * (page_size << order) */
	bool have_per_object;
	double bytes_per_object;	/* slab_bytes / objects */
	bool have_loss;
	int64_t loss_bytes;		/* slab_bytes - objects * object_size */
	bool have_partial_share;
	double partial_share;		/* partial / slabs, 0..1 */
};

/* The directory that @name resolves to, and whether @name is a merged alias. */
int sf_resolve(const char *root, const char *name, char *real, size_t len,
	       bool *is_alias, struct swerr *e);

/* True if @name exists under @root (as a cache or an alias). */
bool sf_cache_exists(const char *root, const char *name);

/* Reads every known attribute of @name into @c. */
int sf_read_cache(const char *root, const char *name, struct sf_cache *c,
		  struct swerr *e);

/* Derived memory numbers; @page_size <= 0 means sysconf(_SC_PAGESIZE). */
void sf_memory(const struct sf_cache *c, long page_size, struct sf_mem *m);

/* One name under /sys/kernel/slab: a cache directory or an alias link. */
struct sf_entry {
	char name[NAME_MAX + 1];
	char real[NAME_MAX + 1];	/* the directory it resolves to */
	bool is_alias;
};

/*
 * Every cache and alias under @root, sorted by name, in a malloc'd array
 * (free() it).  Only directory entries are looked at, no attribute is
 * read, so listing does not disturb the caches.  Dangling links and
 * stray files are left out.
 */
int sf_list(const char *root, struct sf_entry **out, size_t *n,
	    struct swerr *e);

/* Writable knobs; -errno and a message naming the file and value. */
int sf_set_cpu_partial(const char *root, const char *name, uint64_t v,
		       struct swerr *e);
int sf_set_min_partial(const char *root, const char *name, uint64_t v,
		       struct swerr *e);
int sf_shrink(const char *root, const char *name, struct swerr *e);

/*
 * The smallest kmalloc-N cache under @root with N >= @size, the one a
 * kmalloc(@size) most likely lands in.  -ENOENT above kmalloc-8k (the page
 * allocator's range) or when no such cache exists.
 */
int sf_kmalloc_cache(const char *root, uint64_t size, char *buf, size_t len);

/*
 * The kmalloc size classes as the kernel names them, without sysfs: the
 * smallest class of at least @size (0 above 8 KiB, where kmalloc goes to
 * the page allocator); its name, "kmalloc-96" or "kmalloc-2k"; and back
 * from a plain name to its size (-ENOENT for any other name, also the
 * -cg-, -rcl- and dma- copies).
 */
uint64_t sf_kmalloc_class(uint64_t size);
void sf_kmalloc_name(uint64_t class_size, char *buf, size_t len);
int sf_kmalloc_size(const char *name, uint64_t *size);

#endif /* SLABWALL_SLABFS_H */
