/* SPDX-License-Identifier: GPL-2.0 */
/* slabwall-user's command line and the grid it asks for. */
#ifndef SLABWALL_USER_OPTS_H
#define SLABWALL_USER_OPTS_H
#include <stdint.h>

#include "user_point.h"

#define MAX_LIST 64
#define MAX_THREADS 1024
#define MAX_NODES (1U << 20)
/* One request's memory: the arena modes allocate it in one block. */
#define MAX_REQUEST_BYTES (1ULL << 30)

struct ulist {
	unsigned int n;
	uint64_t v[MAX_LIST];
};

struct uopts {
	struct ulist modes, allocs, sizes, threads;
	struct uknobs k;
	const char *out;
	const char *allocators;
	int fresh;
	unsigned int pin_mb;	/* --pin-test: that experiment instead */
	/* set by the runner for each child it starts */
	const char *as;
	unsigned int index;	/* the allocator's place in --allocators */
	long only_point;
	int no_header;
	const char *raw;	/* child: the runs' records go here */
};

extern const char *prog;

/* An error line on stderr, "slabwall-user: ..."; returns 2 (usage). */
int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* 0, or the exit status after a message naming the option and value. */
int parse_args(int argc, char **argv, struct uopts *o);
/* The grid, mode, size, threads, allocs (allocs fastest), ids set. */
struct upoint *make_grid(const struct uopts *o, unsigned int *np);
#endif /* SLABWALL_USER_OPTS_H */
