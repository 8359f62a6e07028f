/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The median and the spread (min, max) of a point's repeats: the median
 * because one run disturbed by the host should not move the result.
 */
#ifndef SLABWALL_SPREAD_H
#define SLABWALL_SPREAD_H

#include <stddef.h>

struct spread {
	size_t n;		/* values that were numbers */
	double med, min, max;	/* NaN when n == 0 */
};

/*
 * Summarises @v[0..@n); NaN values (a stat a run did not report) are left
 * out.  The median of an even count is the mean of the middle two.  @v is
 * not changed.
 */
void spread_of(const double *v, size_t n, struct spread *s);

/* (max - min) / med as a percentage, NaN when it has no meaning. */
double spread_pct(const struct spread *s);

#endif /* SLABWALL_SPREAD_H */
