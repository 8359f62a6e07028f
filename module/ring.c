// SPDX-License-Identifier: GPL-2.0
/*
 * Single-producer single-consumer rings of object pointers, for objects
 * that cross from one worker to another.  Head and tail live on their own
 * cache lines and are published once per batch, so a hand-over costs a
 * few cache line transfers, not one per object.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include "slabwall.h"

/* Every hand-off ring holds at least this many objects, so small operations batch. */
#define SW_RING_MIN	64

/* Length of the hand-off rings for @cfg: room for two operations. */
unsigned long sw_ring_len(const struct sw_config *cfg)
{
	if (cfg->free_mode != SW_FREE_REMOTE)
		return 0;
	return roundup_pow_of_two(2 * max_t(u32, cfg->allocs_per_op, SW_RING_MIN));
}

/* @len must be a power of two; the slots live on @node. */
int sw_ring_init(struct sw_ring *r, unsigned long len, int node)
{
	r->head = 0;
	r->tail = 0;
	r->mask = len - 1;
	r->slots = kvmalloc_node(array_size(len, sizeof(void *)), GFP_KERNEL, node);
	return r->slots ? 0 : -ENOMEM;
}

void sw_ring_destroy(struct sw_ring *r)
{
	kvfree(r->slots);
	r->slots = NULL;
}

/* Producer: add up to @n objects; returns how many fitted. */
unsigned long sw_ring_push(struct sw_ring *r, void **objs, unsigned long n)
{
	unsigned long head = r->head;
	/* Pairs with the release in sw_ring_consume(): freed slots are done with. */
	unsigned long room = r->mask + 1 - (head - smp_load_acquire(&r->tail));
	unsigned long i, k = min(room, n);

	for (i = 0; i < k; i++)
		r->slots[(head + i) & r->mask] = objs[i];
	/* Pairs with the acquire in sw_ring_peek(): publish the slots. */
	smp_store_release(&r->head, head + k);
	return k;
}

/* Consumer: the published objects up to the end of the ring, in place. */
unsigned long sw_ring_peek(struct sw_ring *r, void ***objs)
{
	unsigned long tail = r->tail;
	/* Pairs with the release in sw_ring_push(): the slots are filled. */
	unsigned long head = smp_load_acquire(&r->head);

	*objs = &r->slots[tail & r->mask];
	return min(head - tail, r->mask + 1 - (tail & r->mask));
}

/* Consumer: give back @n slots that sw_ring_peek() returned. */
void sw_ring_consume(struct sw_ring *r, unsigned long n)
{
	/* Pairs with the acquire in sw_ring_push(): the slots are free. */
	smp_store_release(&r->tail, r->tail + n);
}
