/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Finding the knees of a sweep (docs/csv.md, "Knees"):
 *
 * - the rise: along a line of growing x (allocations per operation), the
 *   first x past the baseline range where y (cost per allocation) goes
 *   above ratio times the median y of the baseline range, and the next
 *   point agrees, so one noisy point is not a knee (the last point, with
 *   no next one, is never a knee);
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

enum knee_status {
	KNEE_FOUND,
	KNEE_NONE,		/* the data has no knee */
	KNEE_TOO_FEW,		/* not enough points to tell */
};

/* Points at most; a sweep line has one per --allocs or --cpus value. */
#define KNEE_MAX_POINTS 256

struct knee_rise {
	enum knee_status status;
	size_t nbase;		/* points in the baseline range */
	double baseline;	/* their median y */
	double threshold;	/* ratio * baseline */
	double x, y;		/* the knee, when found */
};

/*
 * Points need not be sorted; NaN y values are left out.  KNEE_TOO_FEW when
 * fewer than 2 points lie in [@base_lo, @base_hi].
 */
void knee_find_rise(const double *x, const double *y, size_t n,
		    double base_lo, double base_hi, double ratio,
		    struct knee_rise *k);

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
