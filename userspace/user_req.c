// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "user_req.h"

static void *libc_alloc(void *ctx, size_t size)
{
	(void)ctx;
	return malloc(size);
}

static void libc_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

const struct ureq_alloc ureq_libc = { libc_alloc, libc_free, NULL };

static const char *const mode_names[UREQ_NMODES] = {
	[UREQ_PER_REQUEST] = "per_request",
	[UREQ_POOLED] = "pooled",
	[UREQ_ARENA] = "arena",
	[UREQ_ARENA_KEEP] = "arena_keep",
};

const char *ureq_mode_name(enum ureq_mode m)
{
	return m < UREQ_NMODES ? mode_names[m] : "?";
}

int ureq_mode_parse(const char *name)
{
	int m;

	for (m = 0; m < UREQ_NMODES; m++)
		if (!strcmp(name, mode_names[m]))
			return m;
	return -1;
}

/*
 * One HLS segment manifest record as a C parser would hold it: the record's
 * dict, its strings, the drm dict, the list of six edge dicts each with its
 * PoP name, the list of twelve tags.  1224 bytes in 32 nodes.
 */
static const unsigned short manifest_shape[UREQ_SHAPE_NODES] = {
	128, 40, 16, 64, 16, 16,		/* record, stream_id, codec, drm... */
	112, 48, 16, 48, 16, 48, 16,		/* edges list, edge dict, pop... */
	48, 16, 48, 16, 48, 16,
	160, 24, 24, 24, 24, 24, 24,		/* tags list, the tags */
	24, 24, 24, 24, 24, 24,
};

size_t ureq_node_size(size_t node_size, unsigned int i)
{
	if (node_size)
		return node_size < UREQ_MIN_NODE ? UREQ_MIN_NODE : node_size;
	return manifest_shape[i % UREQ_SHAPE_NODES];
}

/* Bump allocation keeps every node 16-byte aligned, as malloc would. */
static size_t align16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

int ureq_init(struct ureq *r, enum ureq_mode mode, unsigned int nodes,
	      size_t node_size, const char *text, size_t text_len,
	      const struct ureq_alloc *a)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	r->mode = mode;
	r->nodes = nodes;
	r->node_size = node_size;
	r->text = text;
	r->text_len = text_len;
	r->a = *a;
	for (i = 0; i < nodes; i++)
		r->total += align16(ureq_node_size(node_size, i));
	if (mode == UREQ_POOLED && nodes) {
		r->slots = calloc(nodes, sizeof(*r->slots));
		if (!r->slots)
			return -ENOMEM;
		for (i = 0; i < nodes; i++) {
			r->slots[i] = r->a.alloc(r->a.ctx, ureq_node_size(node_size, i));
			if (!r->slots[i]) {
				ureq_fini(r);
				return -ENOMEM;
			}
		}
	} else if (mode == UREQ_ARENA_KEEP && nodes) {
		r->block = r->a.alloc(r->a.ctx, r->total);
		if (!r->block)
			return -ENOMEM;
	}
	return 0;
}

void ureq_fini(struct ureq *r)
{
	unsigned int i;

	if (r->slots) {
		for (i = 0; i < r->nodes; i++)
			if (r->slots[i])
				r->a.free(r->a.ctx, r->slots[i]);
		free(r->slots);
		r->slots = NULL;
	}
	if (r->block) {
		r->a.free(r->a.ctx, r->block);
		r->block = NULL;
	}
}

/* The "parse": one pass over the text, as a tokenizer reads it. */
static uint64_t scan(const char *text, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)text[i];
		h *= 1099511628211ULL;
	}
	return h;
}

uint64_t ureq_run(struct ureq *r, int *failed)
{
	uint64_t sum = scan(r->text, r->text_len);
	char *arena = NULL, *node, *prev = NULL;
	size_t off = 0, size;
	unsigned int i;

	*failed = 0;
	if (r->mode == UREQ_ARENA && r->nodes) {
		arena = r->a.alloc(r->a.ctx, r->total);
		if (!arena) {
			*failed = 1;
			return 0;
		}
	} else if (r->mode == UREQ_ARENA_KEEP) {
		arena = r->block;
	}
	/* build: every node written whole, linked to the one before */
	for (i = 0; i < r->nodes; i++) {
		size = ureq_node_size(r->node_size, i);
		if (arena) {
			node = arena + off;
			off += align16(size);
		} else if (r->mode == UREQ_POOLED) {
			node = r->slots[i];
		} else {
			node = r->a.alloc(r->a.ctx, size);
			if (!node) {
				*failed = 1;
				break;
			}
		}
		memset(node, (int)((sum + i) & 0xff), size);
		memcpy(node, &prev, sizeof(prev));
		prev = node;
	}
	/* touch: walk the record back, read each node's last byte */
	for (node = prev; node; i--) {
		char *next;

		sum += (unsigned char)node[ureq_node_size(r->node_size, i - 1) - 1];
		memcpy(&next, node, sizeof(next));
		if (r->mode == UREQ_PER_REQUEST)
			r->a.free(r->a.ctx, node);
		node = next;
	}
	if (r->mode == UREQ_ARENA && arena)
		r->a.free(r->a.ctx, arena);
	return *failed ? 0 : sum;
}

char *ureq_make_text(size_t len)
{
	static const char record[] =
		"{\"stream_id\":\"ipl-final-2026-mi-vs-csk\",\"segment_seq\":42891,"
		"\"duration_ms\":4000,\"bitrate_kbps\":4500,\"codec\":\"h264-baseline\","
		"\"drm\":{\"scheme\":\"widevine\",\"key_id\":\"k-9d3a\"},\"edges\":["
		"{\"pop\":\"BLR1\",\"lat_ms\":7},{\"pop\":\"BOM2\",\"lat_ms\":3},"
		"{\"pop\":\"DEL1\",\"lat_ms\":19},{\"pop\":\"HYD1\",\"lat_ms\":11},"
		"{\"pop\":\"MAA1\",\"lat_ms\":14},{\"pop\":\"CCU1\",\"lat_ms\":22}],"
		"\"tags\":[\"live\",\"p1\",\"catalog\",\"live\",\"p1\",\"catalog\","
		"\"live\",\"p1\",\"catalog\",\"live\",\"p1\",\"catalog\"]}\n";
	char *t = malloc(len + 1);
	size_t i;

	if (!t)
		return NULL;
	for (i = 0; i < len; i++)
		t[i] = record[i % (sizeof(record) - 1)];
	t[len] = '\0';
	return t;
}
