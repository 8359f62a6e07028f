/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The twin's grid: one point per (mode, node size, threads, allocations
 * per request), each run REPEAT times; its stats are the median over the
 * runs, the key ones with min and max, as in the kernel sweep's sweep.csv
 * (docs/csv.md), whose column names the twin's CSV uses where the meaning
 * is the same (docs/labs/user.md lists the rest).
 */
#ifndef SLABWALL_USER_POINT_H
#define SLABWALL_USER_POINT_H
#include <stdio.h>

#include "user_run.h"

struct uknobs {
	unsigned int duration_ms, repeat;
	uint64_t rate;
	size_t work_bytes;
	long mmap_threshold;	/* -1: glibc's default (dynamic) */
	const char *allocator;	/* the label: glibc, jemalloc... */
	const char *malloc_lib;	/* the file malloc resolved to */
	const char *tunables;	/* GLIBC_TUNABLES as run, or NULL */
};

struct upoint {
	unsigned int point, line, group;
	enum ureq_mode mode;
	size_t node_size;
	unsigned int nodes, threads;
	unsigned int runs;
	const char *status;	/* ok, failed, not_run */
	char error[256];
	struct urun_res *res;	/* [repeat] */
};

/* Median, min and max of @n doubles (the array is sorted). */
void ustat_range(double *v, unsigned int n, double *med, double *min,
		 double *max);

/* Malloc calls one request of @mode with @nodes nodes makes. */
unsigned int upoint_malloc_calls(enum ureq_mode mode, unsigned int nodes);

/* The CSV, header and every point; -errno on a write error. */
int upoint_write_csv(FILE *f, const struct uknobs *k, const struct upoint *p,
		     unsigned int n, int header);
/* The article's table: allocator | mode | allocs | threads | req/s | p50 | p99 | p99.9. */
void upoint_table_header(FILE *f);
void upoint_table_row(FILE *f, const struct uknobs *k, const struct upoint *p);
#endif /* SLABWALL_USER_POINT_H */
