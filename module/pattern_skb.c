// SPDX-License-Identifier: GPL-2.0
/*
 * skb: a head from a cache of its own, shaped like the kernel's
 * skbuff_head_cache, plus a kmalloc'd data buffer of the size
 * netdev_alloc_skb() asks for.
 */
#include <linux/slab.h>
#include <linux/skbuff.h>
#include <linux/rcupdate.h>
#include "slabwall.h"

static struct kmem_cache *skb_cache;

struct sw_skb {
	void *data;
	unsigned int len;
	struct rcu_head rcu;	/* free mode rcu */
};

/* The buffer netdev_alloc_skb() asks for: headroom, frame, shared info. */
static size_t skb_data_bytes(const struct sw_config *cfg)
{
	if (!cfg->data_size)
		return 0;
	return SKB_DATA_ALIGN(NET_SKB_PAD + cfg->data_size) +
	       SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
}

/* The same usercopy window as skbuff_head_cache keeps it unmerged too. */
static int skb_create(bool mergeable)
{
	unsigned int usersize = mergeable ? 0 : sizeof_field(struct sk_buff, cb);

	BUILD_BUG_ON(sizeof(struct sw_skb) > sizeof(struct sk_buff));
	skb_cache = kmem_cache_create_usercopy(SW_CACHE_SKB,
					       sizeof(struct sk_buff), 0,
					       SLAB_HWCACHE_ALIGN | sw_typesafe_flags() |
					       sw_nomerge(mergeable),
					       usersize ? offsetof(struct sk_buff, cb) : 0,
					       usersize, NULL);
	return skb_cache ? 0 : -ENOMEM;
}

int sw_skb_attach(void *head, const struct sw_config *cfg)
{
	struct sw_skb *skb = head;

	skb->len = skb_data_bytes(cfg);
	skb->data = NULL;
	if (skb->len) {
		skb->data = sw_fault(cfg) ? NULL : sw_kmalloc(skb->len, cfg);
		if (!skb->data)
			return -ENOMEM;
	}
	return 0;
}

void sw_skb_detach(void *obj)
{
	struct sw_skb *skb = obj;

	/* A head without data (data_size 0) skips the call of kfree(NULL). */
	if (skb->len)
		kfree(skb->data);
}

/* Head and buffer go together, after the grace period. */
static void skb_free_rcu_cb(struct rcu_head *head)
{
	struct sw_skb *skb = container_of(head, struct sw_skb, rcu);

	sw_skb_detach(skb);
	kmem_cache_free(skb_cache, skb);
	sw_rcu_done();
}

static void skb_free_rcu(void *obj)
{
	struct sw_skb *skb = obj;

	call_rcu(&skb->rcu, skb_free_rcu_cb);
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

const struct sw_pattern sw_pattern_skb = {
	.cache = &skb_cache,
	.create = skb_create,
	.kmalloc_bytes = skb_data_bytes,
	.attach = sw_skb_attach,
	.detach = sw_skb_detach,
	.arena_size = skb_arena_size,
	.carve = skb_carve,
	.payload = skb_payload,
	.free_rcu = skb_free_rcu,
};
