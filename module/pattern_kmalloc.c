// SPDX-License-Identifier: GPL-2.0
/* kmalloc: kmalloc(object_size), the general caches, or the page allocator above 8 KiB. */
#include <linux/slab.h>
#include "slabwall.h"

size_t sw_kmalloc_object_bytes(const struct sw_config *cfg)
{
	return cfg->object_size;
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

const struct sw_pattern sw_pattern_kmalloc = {
	.kmalloc_bytes = sw_kmalloc_object_bytes,
	.arena_size = kmalloc_arena_size,
	.carve = kmalloc_carve,
	.payload = kmalloc_payload,
};
