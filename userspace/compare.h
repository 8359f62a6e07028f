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
#define CMP_DEFAULT_METRIC	"ops_per_sec"
#define CMP_DEFAULT_TAIL	"p99_ns"

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
	/*
	 * --decide: each ratio is also "higher", "lower" or "inconclusive"
	 * against @threshold (0: 1), from the metric's _min and _max columns.
	 */
	bool decide;
	double threshold;
};

/*
 * The decision rule of every verdict, in one place: a ratio is higher (or
 * lower) than the threshold only when its whole range over the runs is.
 * The range is the widest the runs allow: the row's min over the base's
 * max up to the row's max over the base's min, so it holds whichever runs
 * are paired.  Fewer than CMP_MIN_RUNS runs on either side give no range.
 */
#define CMP_MIN_RUNS	3

enum cmp_decision { CMP_INCONCLUSIVE, CMP_HIGHER, CMP_LOWER };

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
	double lo, hi;			/* the ratio's range; NaN: none known */
	long runs;			/* the fewer of the two rows' runs; -1: unknown */
	enum cmp_decision decision;	/* with --decide */
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

/*
 * @lo and @hi (a ratio's range) against @threshold: higher when @lo is
 * above it, lower when @hi is below it, else (NaN included) inconclusive.
 */
enum cmp_decision cmp_decide(double lo, double hi, double threshold);
const char *cmp_decision_name(enum cmp_decision d);

/*
 * With --decide, one result: "remote: higher: 1.84x local ns_per_alloc
 * (1.52-2.20x over the runs) at allocs_per_op=64"; inconclusive ones say
 * why: "(0.90-1.70x over the runs: ranges overlap)".
 */
void cmp_print_decided(FILE *f, const struct cmp_opts *o,
		       const struct cmp_result *c);

/* With --brief --decide, after the ratio: " (1.52-2.20) higher". */
void cmp_print_brief_decision(FILE *f, const struct cmp_result *c);

/* Pieces of a line: "3.10x", "throughput" for ops_per_sec, "p99 -62%". */
void cmp_print_ratio(FILE *f, double x);
void cmp_print_name(FILE *f, const char *col);
void cmp_print_tail(FILE *f, const struct cmp_opts *o,
		    const struct cmp_result *c);

/*
 * What every verdict line shares, before and after its own part:
 * "3.10x slab throughput", and " at allocs_per_op=64, p99 -62%\n".
 */
void cmp_print_versus(FILE *f, const struct cmp_opts *o,
		      const struct cmp_result *c);
void cmp_print_line_end(FILE *f, const struct cmp_opts *o,
			const struct cmp_result *c);

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
