/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocator event counts per slab cache, as slabwall trace hist reports
 * them: allocations, frees, and SLUB's slow paths with their rate per
 * 1,000 allocations; printed as a table, CSV or JSON.
 *
 * Counts come from several events each (the allocation entry points,
 * the bulk calls, kmalloc by size class), so a column is a sum.  A column
 * that could not be counted at all is unknown ("-", empty, null), as are
 * the frees of kmalloc caches (kfree's event names no cache) and the
 * allocations of the kmalloc variants (kmalloc-cg-N, kmalloc-rcl-N,
 * dma-kmalloc-N), which kmem:kmalloc counts under kmalloc-N.
 */
#ifndef SLABWALL_TRACE_CACHESTAT_H
#define SLABWALL_TRACE_CACHESTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "jsonw.h"
#include "trace_hist.h"

enum cs_col {
	CS_ALLOCS,
	CS_FREES,
	CS_SLOW_ALLOCS,		/* allocations that left the fast path */
	CS_NEW_SLABS,		/* slabs taken from the page allocator */
	CS_SLOW_FREES,		/* frees not to the CPU slab */
	CS_SLABS_FREED,		/* slabs given back to the page allocator */
	CS_NCOLS
};

/* The first column with a rate per 1,000 allocations. */
#define CS_FIRST_RATE CS_SLOW_ALLOCS

struct cs_row {
	char name[THIST_KEY_MAX];
	uint64_t v[CS_NCOLS];
};

struct cs_table {
	struct cs_row *rows;
	size_t n, cap;
	bool have[CS_NCOLS];	/* the column was counted at all */
};

/* The column's name in CSV and JSON ("slow_allocs"). */
const char *cs_col_name(enum cs_col col);

void cs_init(struct cs_table *t);
void cs_free(struct cs_table *t);

/* Adds @v to column @col of cache @name (a new row if need be); -ENOMEM. */
int cs_add(struct cs_table *t, const char *name, enum cs_col col, uint64_t v);

/* Keeps only the caches in @names, with a row of zeros for any not seen. */
int cs_keep(struct cs_table *t, const char *const *names, size_t n);

/* Most allocations first, then most slow allocations, then by name. */
void cs_sort(struct cs_table *t);

/* Whether the cell is known: the column was counted and the cache's is. */
bool cs_known(const struct cs_table *t, const struct cs_row *r,
	      enum cs_col col);

/* Column @col per 1,000 allocations; false when unknown or no allocations. */
bool cs_per_1k(const struct cs_table *t, const struct cs_row *r,
	       enum cs_col col, double *out);

void cs_print_table(FILE *f, const struct cs_table *t);
/* 0, or the csvw error (-EIO for a write error). */
int cs_print_csv(FILE *f, const struct cs_table *t);
/* An array @key of one object per cache. */
void cs_print_json(struct jw *w, const char *key, const struct cs_table *t);

#endif /* SLABWALL_TRACE_CACHESTAT_H */
