// SPDX-License-Identifier: GPL-2.0
/* kmalloc: kmalloc(object_size), the general caches, or the page allocator above 8 KiB. */
#include <linux/slab.h>
#include <linux/rcupdate.h>
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

/*
 * Free mode rcu: the rcu_head is the object's first bytes, as
 * kfree_rcu() would place it in a struct of its own; a run refuses an
 * object_size below sizeof(struct rcu_head) (sw_run_check()).
 */
static void kmalloc_free_rcu_cb(struct rcu_head *head)
{
	kfree(head);
	sw_rcu_done();
}

static void kmalloc_free_rcu(void *obj)
{
	call_rcu(obj, kmalloc_free_rcu_cb);
}

const struct sw_pattern sw_pattern_kmalloc = {
	.kmalloc_bytes = sw_kmalloc_object_bytes,
	.arena_size = kmalloc_arena_size,
	.carve = kmalloc_carve,
	.payload = kmalloc_payload,
	.free_rcu = kmalloc_free_rcu,
};
