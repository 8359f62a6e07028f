/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the tool knows about the module's patterns (docs/debugfs.md): which
 * knob is the pattern's size, its default, and the slab caches a run of it
 * allocates from, so their counts can be read around the run.
 */
#ifndef SLABWALL_SWPATTERN_H
#define SLABWALL_SWPATTERN_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

struct swp_info {
	const char *name;
	const char *size_knob;		/* object_size, data_size or name_len */
	uint64_t default_size;
	const char *cache;		/* its own cache; NULL: a kmalloc-N */
};

const struct swp_info *swp_find(const char *name);

/* The three size knobs, each at @size for the pattern's own, else its default. */
struct swp_sizes {
	uint64_t object_size, data_size, name_len;
};

void swp_sizes_for(const struct swp_info *pi, uint64_t size,
		   struct swp_sizes *out);

#define SWP_MAX_CACHES 2

/*
 * The caches a run allocates from, the pattern's own first: the skb head
 * cache and the kmalloc-N of its data buffer, the dentry cache and the
 * kmalloc-N of a long name, or the kmalloc-N of object_size.  The module
 * says which, in its caches file, for the knobs as they are now: write
 * the knobs first.  @dir is the module's debugfs directory (NULL: the
 * default).  Without that file only the pattern's own cache is known.
 * Returns how many names it wrote into @names (caches that do not exist
 * under @slab_root are left out).
 */
size_t swp_caches(const char *dir, const char *slab_root,
		  const struct swp_info *pi,
		  char names[SWP_MAX_CACHES][NAME_MAX + 1]);

#endif /* SLABWALL_SWPATTERN_H */
