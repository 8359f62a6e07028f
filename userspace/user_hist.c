// SPDX-License-Identifier: GPL-2.0
#include "user_hist.h"

void uhist_merge(struct uhist *into, const struct uhist *from)
{
	unsigned int i;

	for (i = 0; i < HIST_BUCKETS; i++)
		into->b[i] += from->b[i];
	into->count += from->count;
	if (from->max > into->max)
		into->max = from->max;
}

/* A bucket's upper bound can lie above every value seen: cap it at max. */
static uint64_t capped(uint64_t v, uint64_t max)
{
	return v > max ? max : v;
}

void uhist_percentiles(const struct uhist *h, struct uhist_pct *p)
{
	p->p50 = capped(hist_quantile(h->b, h->count, 500000), h->max);
	p->p90 = capped(hist_quantile(h->b, h->count, 900000), h->max);
	p->p99 = capped(hist_quantile(h->b, h->count, 990000), h->max);
	p->p999 = capped(hist_quantile(h->b, h->count, 999000), h->max);
	p->max = h->max;
}
