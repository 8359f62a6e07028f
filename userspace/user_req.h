/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The userspace twin's request: "parse" a JSON-shaped manifest record (a
 * scan of its text), build a tree of nodes from it, touch every node, and
 * let it go.  How the nodes get their memory is the mode:
 *
 *   per_request  one allocation and one free per node, every request;
 *   pooled       every node has its own slot, allocated once and reused;
 *   arena        one block per request, nodes bump-allocated in it, one free;
 *   arena_keep   the block is allocated once and reset between requests.
 *
 * The allocator is called through struct ureq_alloc, so the unit tests can
 * count the calls; the twin passes malloc and free.
 */
#ifndef SLABWALL_USER_REQ_H
#define SLABWALL_USER_REQ_H
#include <stddef.h>
#include <stdint.h>

enum ureq_mode {
	UREQ_PER_REQUEST,
	UREQ_POOLED,
	UREQ_ARENA,
	UREQ_ARENA_KEEP,
	UREQ_NMODES
};

/* The one concern of these tests and the twin: who hands out memory. */
struct ureq_alloc {
	void *(*alloc)(void *ctx, size_t size);
	void (*free)(void *ctx, void *p);
	void *ctx;
};

/* malloc and free, through the interface above. */
extern const struct ureq_alloc ureq_libc;

/* The node sizes of one manifest record; the shape repeats past it. */
#define UREQ_SHAPE_NODES 32
/* Smallest node: it holds the link to the next one. */
#define UREQ_MIN_NODE 16

struct ureq {
	enum ureq_mode mode;
	unsigned int nodes;	/* allocations per request (per node) */
	size_t node_size;	/* 0: the manifest's mix of sizes */
	const char *text;	/* the input the request scans */
	size_t text_len;
	struct ureq_alloc a;
	size_t total;		/* bytes of one request's nodes */
	void **slots;		/* pooled: one slot per node */
	void *block;		/* arena_keep: the kept block */
};

const char *ureq_mode_name(enum ureq_mode m);
/* -1 when @name is no mode. */
int ureq_mode_parse(const char *name);
/* Size of node @i for @node_size (0: the manifest shape). */
size_t ureq_node_size(size_t node_size, unsigned int i);

/*
 * Sets up @r; pooled and arena_keep allocate their memory here.  -ENOMEM
 * when that fails (nothing is left allocated).
 */
int ureq_init(struct ureq *r, enum ureq_mode mode, unsigned int nodes,
	      size_t node_size, const char *text, size_t text_len,
	      const struct ureq_alloc *a);
/* One request; returns a checksum of what it read (so nothing is skipped), or 0 when an allocation failed with *@failed set. */
uint64_t ureq_run(struct ureq *r, int *failed);
void ureq_fini(struct ureq *r);

/* The manifest record's text, @len bytes of it repeated (for --work). */
char *ureq_make_text(size_t len);
#endif /* SLABWALL_USER_REQ_H */
