// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <string.h>

#include "knee.h"
#include "spread.h"

struct xy {
	double x, y;
};

/* Copies the usable points, sorted by x; returns how many. */
static size_t sorted_points(const double *x, const double *y, size_t n,
			    struct xy *out, bool positive_y, bool unique_x)
{
	size_t i, j, m = 0;
	struct xy p;

	for (i = 0; i < n && m < KNEE_MAX_POINTS; i++) {
		if (isnan(x[i]) || isnan(y[i]) || (positive_y && !(y[i] > 0)))
			continue;
		if (unique_x) {
			for (j = 0; j < m && out[j].x != x[i]; j++)
				;
			if (j < m)
				continue;
		}
		out[m++] = (struct xy){ x[i], y[i] };
	}
	/* Stable insertion sort: equal x keep their order. */
	for (i = 1; i < m; i++) {
		p = out[i];
		for (j = i; j > 0 && out[j - 1].x > p.x; j--)
			out[j] = out[j - 1];
		out[j] = p;
	}
	return m;
}

void knee_find_rise(const double *x, const double *y, size_t n,
		    double base_lo, double base_hi, double ratio,
		    struct knee_rise *k)
{
	struct xy pts[KNEE_MAX_POINTS];
	double base[KNEE_MAX_POINTS];
	struct spread s;
	size_t m, i;

	memset(k, 0, sizeof(*k));
	k->baseline = k->threshold = k->x = k->y = NAN;
	m = sorted_points(x, y, n, pts, false, false);
	for (i = 0; i < m; i++)
		if (pts[i].x >= base_lo && pts[i].x <= base_hi)
			base[k->nbase++] = pts[i].y;
	if (k->nbase < 2) {
		k->status = KNEE_TOO_FEW;
		return;
	}
	spread_of(base, k->nbase, &s);
	k->baseline = s.med;
	k->threshold = ratio * s.med;
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
		k->status = KNEE_FOUND;
		k->x = pts[i].x;
		k->y = pts[i].y;
		return;
	}
}

void knee_find_scaling(const double *cpus, const double *tput, size_t n,
		       double min_eff, struct knee_scale *k)
{
	struct xy pts[KNEE_MAX_POINTS];
	double gain, ideal, eff;
	size_t m, i;

	memset(k, 0, sizeof(*k));
	k->x = k->next_x = k->efficiency = k->speedup = NAN;
	k->min_x = k->max_x = NAN;
	m = sorted_points(cpus, tput, n, pts, true, true);
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
	default:
		return "too_few_points";
	}
}
