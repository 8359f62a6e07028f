// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <string.h>

#include "knee.h"

/* Stable insertion sort by x: equal x keep their order. */
static void sort_by_x(struct knee_pt *pts, size_t m)
{
	struct knee_pt p;
	size_t i, j;

	for (i = 1; i < m; i++) {
		p = pts[i];
		for (j = i; j > 0 && pts[j - 1].x > p.x; j--)
			pts[j] = pts[j - 1];
		pts[j] = p;
	}
}

/*
 * The points of a CPU line: y above 0, the first of each x, sorted by x;
 * returns how many.
 */
static size_t sorted_scaling(const double *x, const double *y, size_t n,
			     struct knee_pt *out)
{
	size_t i, j, m = 0;

	for (i = 0; i < n && m < KNEE_MAX_POINTS; i++) {
		if (isnan(x[i]) || !(y[i] > 0))
			continue;
		for (j = 0; j < m && out[j].x != x[i]; j++)
			;
		if (j < m)
			continue;
		out[m++] = (struct knee_pt){ x[i], y[i], y[i], y[i] };
	}
	sort_by_x(out, m);
	return m;
}

/* The usable points of a line (y a number), sorted by x, stable. */
static size_t sorted_rise(const struct knee_pt *in, size_t n,
			  struct knee_pt *out)
{
	size_t i, m = 0;
	struct knee_pt p;

	for (i = 0; i < n && m < KNEE_MAX_POINTS; i++) {
		if (isnan(in[i].x) || isnan(in[i].y))
			continue;
		p = in[i];
		/* No spread measured: the point is all there is. */
		if (isnan(p.lo))
			p.lo = p.y;
		if (isnan(p.hi))
			p.hi = p.y;
		out[m++] = p;
	}
	sort_by_x(out, m);
	return m;
}

void knee_find_rise(const struct knee_pt *in, size_t n, double base_lo,
		    double base_hi, double ratio, struct knee_rise *k)
{
	struct knee_pt pts[KNEE_MAX_POINTS];
	double base[KNEE_MAX_POINTS], top[KNEE_MAX_POINTS];
	struct spread s;
	size_t m, i;

	memset(k, 0, sizeof(*k));
	k->baseline = k->threshold = k->base_top = NAN;
	k->x = k->y = k->noisy_x = NAN;
	m = sorted_rise(in, n, pts);
	for (i = 0; i < m; i++) {
		if (pts[i].x < base_lo || pts[i].x > base_hi)
			continue;
		base[k->nbase] = pts[i].y;
		top[k->nbase++] = pts[i].hi;
	}
	if (k->nbase < 2) {
		k->status = KNEE_TOO_FEW;
		return;
	}
	spread_of(base, k->nbase, &s);
	k->baseline = s.med;
	spread_of(top, k->nbase, &s);
	k->base_top = s.med;
	/*
	 * A net baseline at or below 0 is a difference lost in noise (the
	 * null operation costs as much as the allocations): every ratio of
	 * it is meaningless.
	 */
	if (!(k->baseline > 0)) {
		k->status = KNEE_BAD_BASELINE;
		return;
	}
	k->threshold = ratio * k->baseline;
	k->status = KNEE_NONE;
	for (i = 0; i < m; i++) {
		if (pts[i].x <= base_hi || !(pts[i].y > k->threshold))
			continue;
		/*
		 * A lone spike, with the next point back below, is noise; the
		 * last point has no next one to tell, so it is never a knee.
		 */
		if (i + 1 == m || !(pts[i + 1].y > k->threshold))
			continue;
		/*
		 * Runs slowed by the host lift a median; the point's cheapest
		 * run must still cost more than the baseline's runs reach.
		 */
		if (!(pts[i].lo > k->base_top)) {
			if (isnan(k->noisy_x))
				k->noisy_x = pts[i].x;
			continue;
		}
		k->status = KNEE_FOUND;
		k->x = pts[i].x;
		k->y = pts[i].y;
		return;
	}
	if (!isnan(k->noisy_x))
		k->status = KNEE_NOISY;
}

void knee_net_point(double allocs, const struct spread *op,
		    const struct spread *null_op, struct knee_pt *p)
{
	p->x = allocs;
	p->y = p->lo = p->hi = NAN;
	if (!(allocs > 0))
		return;
	p->y = (op->med - null_op->med) / allocs;
	p->lo = (op->min - null_op->max) / allocs;
	p->hi = (op->max - null_op->min) / allocs;
}

void knee_find_scaling(const double *cpus, const double *tput, size_t n,
		       double min_eff, struct knee_scale *k)
{
	struct knee_pt pts[KNEE_MAX_POINTS];
	double gain, ideal, eff;
	size_t m, i;

	memset(k, 0, sizeof(*k));
	k->x = k->next_x = k->efficiency = k->speedup = NAN;
	k->min_x = k->max_x = NAN;
	m = sorted_scaling(cpus, tput, n, pts);
	if (m < 2 || !(pts[0].x > 0)) {
		k->status = KNEE_TOO_FEW;
		return;
	}
	k->min_x = pts[0].x;
	k->max_x = pts[m - 1].x;
	k->speedup = pts[m - 1].y / pts[0].y;
	k->status = KNEE_NONE;
	for (i = 0; i + 1 < m; i++) {
		gain = pts[i + 1].y / pts[i].y - 1;
		ideal = pts[i + 1].x / pts[i].x - 1;
		eff = gain / ideal;
		if (eff >= min_eff)
			continue;
		k->status = KNEE_FOUND;
		k->x = pts[i].x;
		k->next_x = pts[i + 1].x;
		k->efficiency = eff;
		return;
	}
}

const char *knee_status_name(enum knee_status s)
{
	switch (s) {
	case KNEE_FOUND:
		return "found";
	case KNEE_NONE:
		return "none";
	case KNEE_BAD_BASELINE:
		return "baseline_not_positive";
	case KNEE_NOISY:
		return "within_noise";
	default:
		return "too_few_points";
	}
}
