// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "spread.h"

/* Repeats are few (a handful); insertion sort on a copy is plenty. */
#define SPREAD_MAX_STACK 64

static void sort_doubles(double *v, size_t n)
{
	size_t i, j;
	double x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

void spread_of(const double *v, size_t n, struct spread *s)
{
	double stack[SPREAD_MAX_STACK], *tmp = stack;
	size_t i, m = 0;

	s->n = 0;
	s->med = s->min = s->max = NAN;
	if (n > SPREAD_MAX_STACK) {
		tmp = malloc(n * sizeof(*tmp));
		if (!tmp)
			return;
	}
	for (i = 0; i < n; i++)
		if (!isnan(v[i]))
			tmp[m++] = v[i];
	if (m) {
		sort_doubles(tmp, m);
		s->n = m;
		s->min = tmp[0];
		s->max = tmp[m - 1];
		s->med = m % 2 ? tmp[m / 2] : (tmp[m / 2 - 1] + tmp[m / 2]) / 2;
	}
	if (tmp != stack)
		free(tmp);
}

double spread_pct(const struct spread *s)
{
	if (!s->n || !(s->med > 0))
		return NAN;
	return (s->max - s->min) / s->med * 100;
}
