/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Finding the knees of a sweep (docs/csv.md, "Knees"):
 *
 * - the rise: along a line of growing x (allocations per operation), the
 *   first x past the baseline range where y (cost per allocation) goes
 *   above ratio times the median y of the baseline range, where even the
 *   cheapest of its runs costs more than the baseline's runs reach, and
 *   the next point agrees, so neither one noisy point nor a rise smaller
 *   than the runs' spread is a knee (the last point, with no next one, is
 *   never a knee; a baseline at or below 0 has no knee);
 *
 * - the scaling knee: along growing CPU counts, the last count before a
 *   step that earns less than min_eff of the ideal (linear) gain in
 *   throughput.
 *
 * Both are pure functions of the numbers, for the unit tests.
 */
#ifndef SLABWALL_KNEE_H
#define SLABWALL_KNEE_H

#include <stdbool.h>
#include <stddef.h>

#include "spread.h"

enum knee_status {
	KNEE_FOUND,
	KNEE_NONE,		/* the data has no knee */
	KNEE_TOO_FEW,		/* not enough points to tell */
	KNEE_BAD_BASELINE,	/* the baseline is not above 0 */
	KNEE_NOISY,		/* a rise, but within the runs' spread */
};

/* Points at most; a sweep line has one per --allocs or --cpus value. */
#define KNEE_MAX_POINTS 256

/* One point of a line: its cost and the range its runs allow. */
struct knee_pt {
	double x;		/* allocations per operation */
	double y;		/* the cost: the median of the runs */
	double lo, hi;		/* the lowest and highest; NaN: y alone */
};

struct knee_rise {
	enum knee_status status;
	size_t nbase;		/* points in the baseline range */
	double baseline;	/* their median y */
	double threshold;	/* ratio * baseline */
	double base_top;	/* the median of their hi: what its runs reach */
	double x, y;		/* the knee, when found */
	double noisy_x;		/* KNEE_NOISY: the first rise not clear of it */
};

/*
 * Points need not be sorted; NaN y values are left out.  KNEE_TOO_FEW when
 * fewer than 2 points lie in [@base_lo, @base_hi], KNEE_BAD_BASELINE when
 * their median is not above 0.  A knee needs y > threshold, lo > base_top
 * and the next point's y > threshold; KNEE_NOISY when some point had all
 * but lo > base_top.
 */
void knee_find_rise(const struct knee_pt *pts, size_t n, double base_lo,
		    double base_hi, double ratio, struct knee_rise *k);

/*
 * The net cost per allocation of a point with @allocs allocations per
 * operation, from its ns_per_op and the null operation's (median, min and
 * max over the runs): the median from the medians, the range from the
 * extremes, so the null operation's spread counts too.
 */
void knee_net_point(double allocs, const struct spread *op,
		    const struct spread *null_op, struct knee_pt *p);

struct knee_scale {
	enum knee_status status;
	double x;		/* the knee: more CPUs than this stop paying */
	double next_x;		/* the count of the step that did not pay */
	double efficiency;	/* that step's gain over the ideal gain */
	double min_x, max_x;	/* the range of CPU counts seen */
	double speedup;		/* throughput at max_x over min_x */
};

/*
 * @cpus and @tput need not be sorted; a repeated CPU count keeps its first
 * point, NaN or non-positive throughput is left out.  KNEE_TOO_FEW below
 * two CPU counts.
 */
void knee_find_scaling(const double *cpus, const double *tput, size_t n,
		       double min_eff, struct knee_scale *k);

const char *knee_status_name(enum knee_status s);

#endif /* SLABWALL_KNEE_H */
