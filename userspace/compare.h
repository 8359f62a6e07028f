/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verdicts from a CSV: each row against the row of a base value that
 * agrees with it on every other knob ("pool against slab, both at 64
 * allocs/op and local free"), as a throughput ratio and a p99 change.
 * Generic over columns, so it reads a sweep.csv and a lab's table alike.
 */
#ifndef SLABWALL_COMPARE_H
#define SLABWALL_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "csvr.h"
#include "swerr.h"

#define CMP_MAX_AT	16
#define CMP_MAX_KEYS	32
#define CMP_WHERE_MAX	256

/* COLUMN=VALUE: a row is kept when its field equals VALUE. */
struct cmp_cond {
	const char *col;
	const char *val;
};

struct cmp_opts {
	const char *by;			/* the column whose values are compared */
	const char *base;		/* the value the others are compared to */
	struct cmp_cond at[CMP_MAX_AT];
	size_t nat;
	const char *metric;		/* NULL: ops_per_sec */
	const char *tail;		/* NULL: p99_ns; "" leaves it out */
	/* Columns a row and its base row must agree on; 0: cmp_default_keys. */
	const char *keys[CMP_MAX_KEYS];
	size_t nkeys;
};

/*
 * The knob columns of a sweep.csv (and a lab's "setting"): the identity of
 * a point.  Those the table does not have are skipped.
 */
extern const char *const cmp_default_keys[];

/* One row against its base row. */
struct cmp_result {
	size_t row, base_row;		/* indices into the table's rows */
	const char *value;		/* the row's --by value */
	double ratio;			/* metric over the base's */
	double tail_pct;		/* tail change in percent; NaN: none */
	/* The --at conditions and the keys that vary: "allocs_per_op=64 free=local". */
	char where[CMP_WHERE_MAX];
};

struct cmp_report {
	struct cmp_result *res;
	size_t n;
	size_t no_base;			/* rows with no base row to compare to */
	size_t no_number;		/* rows or base rows without the metric */
};

/*
 * "COLUMN=VALUE" into @c (pointing into @arg).  -EINVAL for no '=' or an
 * empty column name.
 */
int cmp_parse_cond(const char *opt, char *arg, struct cmp_cond *c,
		   struct swerr *e);

/*
 * Compares: rows whose status (if the table has that column) is "ok" and
 * that meet every --at condition; each whose --by value is not the base
 * gets the first such base row that agrees on every key.  Fields are equal
 * when they are the same text or the same number ("64" and "64.0").
 * -EINVAL when a named column is missing, -ENOMEM.  cmp_free() after.
 */
int cmp_run(const struct csv_table *t, const struct cmp_opts *o,
	    struct cmp_report *r, struct swerr *e);
void cmp_free(struct cmp_report *r);

/* The result furthest from the base either way (largest |log ratio|), or -1. */
long cmp_biggest(const struct cmp_report *r);

/*
 * "pool: 3.10x slab throughput at allocs_per_op=64 free=local, p99 -62%"
 * for one result.
 */
void cmp_print_one(FILE *f, const struct cmp_opts *o,
		   const struct cmp_result *c);
/*
 * One line per result, or with @brief one line per distinct where:
 * "free=local: bulk 1.21x p99 -12%, pool 3.10x p99 -62%".
 */
void cmp_print(FILE *f, const struct cmp_opts *o, const struct cmp_report *r,
	       bool brief);

#endif /* SLABWALL_COMPARE_H */
