// SPDX-License-Identifier: GPL-2.0
/*
 * real_skb: the kernel's own sk_buff, from alloc_skb() and back through
 * consume_skb(), beside the skb pattern that mimics it.  The head comes
 * from skbuff_head_cache; the data buffer is asked for as the skb
 * pattern's is (NET_SKB_PAD of headroom, data_size, the shared info, as
 * netdev_alloc_skb() does when it may sleep) and comes from
 * skbuff_small_head where the kernel has that cache and the buffer fits
 * (6.3 on), else from kmalloc-N, or the page allocator above 8 KiB.
 * Unlike the mimic, alloc_skb() zeroes the head up to its tail field and
 * initialises the shared info, and consume_skb() drops a reference and
 * releases the data before the head; a data_size of 0 still has a buffer
 * for the shared info.
 */
#include <linux/slab.h>
#include <linux/skbuff.h>
#include <linux/seq_file.h>
#include "slabwall.h"

/* Bytes of skbuff_small_head's objects, 0 where the kernel has none. */
static size_t real_small_head;

/* The buffer asked for: the skb pattern's, headroom and shared info. */
static size_t real_skb_request(const struct sw_config *cfg)
{
	return SKB_DATA_ALIGN(NET_SKB_PAD + cfg->data_size) +
	       SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
}

/* Bytes of the buffer the kernel gives for @req, whichever cache it is. */
static size_t real_skb_data_bytes(size_t req)
{
	if (req <= real_small_head)
		return real_small_head;
	return kmalloc_size_roundup(req);
}

void *sw_real_skb_alloc(const struct sw_config *cfg)
{
	struct sk_buff *skb = alloc_skb(NET_SKB_PAD + cfg->data_size, SW_GFP);

	if (skb)
		skb_reserve(skb, NET_SKB_PAD);
	return skb;
}

void sw_real_skb_free(void *obj)
{
	consume_skb(obj);
}

/*
 * Which cache the kernel takes a small buffer from is not exported on
 * every kernel, so it is found out once: the buffer of the smallest skb
 * is as big as its cache's objects (the shared info sits at its end).
 * Larger than the kmalloc class of the request, it came from
 * skbuff_small_head, whose objects are that size.
 */
static int real_skb_create(bool mergeable)
{
	size_t req = SKB_DATA_ALIGN(NET_SKB_PAD) +
		     SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
	struct sk_buff *skb = alloc_skb(NET_SKB_PAD, GFP_KERNEL);
	size_t got;

	if (!skb)
		return -ENOMEM;
	got = skb_end_offset(skb) + SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
	consume_skb(skb);
	real_small_head = got > kmalloc_size_roundup(req) ? got : 0;
	return 0;
}

static size_t real_skb_kmalloc_bytes(const struct sw_config *cfg)
{
	return real_skb_data_bytes(real_skb_request(cfg));
}

/* Bound by the kmalloc strides of a head and of the buffer. */
static size_t real_skb_footprint(const struct sw_config *cfg)
{
	return sw_stride(NULL, sizeof(struct sk_buff)) +
	       sw_stride(NULL, real_skb_kmalloc_bytes(cfg));
}

static void real_skb_caches(struct seq_file *m, bool keys,
			    const struct sw_config *cfg)
{
	size_t req = real_skb_request(cfg);

	sw_cache_line(m, keys, 0, SW_CACHE_REAL_SKB, sizeof(struct sk_buff));
	if (req <= real_small_head)
		sw_cache_line(m, keys, 1, "skbuff_small_head", real_small_head);
	else
		sw_kmalloc_line(m, keys, 1, "kmalloc-", req);
}

/* The work writes the buffer past the headroom: the frame. */
static void *real_skb_payload(void *obj, const struct sw_config *cfg,
			      size_t *len)
{
	struct sk_buff *skb = obj;

	*len = skb_tailroom(skb);
	return skb->data;
}

const struct sw_pattern sw_pattern_real_skb = {
	.create = real_skb_create,
	.kmalloc_bytes = real_skb_kmalloc_bytes,
	.payload = real_skb_payload,
	.alloc = sw_real_skb_alloc,
	.free = sw_real_skb_free,
	.footprint = real_skb_footprint,
	.caches = real_skb_caches,
};
