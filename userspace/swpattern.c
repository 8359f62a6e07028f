// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "slabfs.h"
#include "swpattern.h"

static const struct swp_info patterns[] = {
	{ "skb", "data_size", SWP_DEF_DATA_SIZE, "slabwall_skbuff_head" },
	{ "dentry", "name_len", SWP_DEF_NAME_LEN, "slabwall_dentry" },
	{ "kmalloc", "object_size", SWP_DEF_OBJECT_SIZE, NULL },
};

/* x86-64 values of the kernel constants the module's buffer sizes use. */
#define SKB_PAD_GUESS		64	/* NET_SKB_PAD */
#define SKB_SHINFO_GUESS	320	/* sizeof(struct skb_shared_info) */
#define CACHELINE_GUESS		64	/* SKB_DATA_ALIGN */
#define DNAME_INLINE_LEN	32	/* SW_DNAME_INLINE_LEN */
#define EXT_NAME_HEAD		4	/* struct sw_ext_name before the name */

const struct swp_info *swp_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		if (!strcmp(patterns[i].name, name))
			return &patterns[i];
	return NULL;
}

void swp_sizes_for(const struct swp_info *pi, uint64_t size,
		   struct swp_sizes *out)
{
	out->object_size = SWP_DEF_OBJECT_SIZE;
	out->data_size = SWP_DEF_DATA_SIZE;
	out->name_len = SWP_DEF_NAME_LEN;
	if (!pi)
		return;
	if (!strcmp(pi->size_knob, "object_size"))
		out->object_size = size;
	else if (!strcmp(pi->size_knob, "data_size"))
		out->data_size = size;
	else if (!strcmp(pi->size_knob, "name_len"))
		out->name_len = size;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

/* The kmalloc(@bytes) the pattern makes besides its own object; 0: none. */
static uint64_t side_buffer(const struct swp_info *pi,
			    const struct swp_sizes *sz)
{
	if (!strcmp(pi->name, "skb") && sz->data_size)
		return align_up(SKB_PAD_GUESS + sz->data_size, CACHELINE_GUESS) +
		       align_up(SKB_SHINFO_GUESS, CACHELINE_GUESS);
	if (!strcmp(pi->name, "dentry") && sz->name_len >= DNAME_INLINE_LEN)
		return EXT_NAME_HEAD + sz->name_len + 1;
	if (!strcmp(pi->name, "kmalloc"))
		return sz->object_size;
	return 0;
}

size_t swp_caches(const char *slab_root, const struct swp_info *pi,
		  const struct swp_sizes *sz,
		  char names[SWP_MAX_CACHES][NAME_MAX + 1])
{
	uint64_t bytes;
	size_t n = 0;

	if (!pi)
		return 0;
	if (pi->cache && sf_cache_exists(slab_root, pi->cache))
		snprintf(names[n++], NAME_MAX + 1, "%s", pi->cache);
	bytes = side_buffer(pi, sz);
	/* Above kmalloc-8k the page allocator serves it: no cache to watch. */
	if (bytes && sf_kmalloc_cache(slab_root, bytes, names[n],
				      NAME_MAX + 1) == 0)
		n++;
	return n;
}
