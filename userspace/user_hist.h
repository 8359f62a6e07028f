/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Request latencies in the module's log-linear buckets (hist_buckets.h),
 * so the twin's percentiles are read the way the kernel's are.  One
 * histogram per thread, merged after the run.
 */
#ifndef SLABWALL_USER_HIST_H
#define SLABWALL_USER_HIST_H
#include <stdint.h>

typedef uint64_t hist_u64;
#include "hist_buckets.h"

struct uhist {
	uint64_t count;
	uint64_t max;
	uint64_t b[HIST_BUCKETS];
};

/* Percentiles of one histogram, in ns; all 0 when it is empty. */
struct uhist_pct {
	uint64_t p50, p90, p99, p999, max;
};

static inline void uhist_add(struct uhist *h, uint64_t ns)
{
	h->b[hist_index(ns)]++;
	h->count++;
	if (ns > h->max)
		h->max = ns;
}

void uhist_merge(struct uhist *into, const struct uhist *from);
/* The max is the largest value seen, not a bucket's bound. */
void uhist_percentiles(const struct uhist *h, struct uhist_pct *p);
#endif /* SLABWALL_USER_HIST_H */
