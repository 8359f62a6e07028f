/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Log-linear latency buckets, shared by the module and the userspace tools.
 *
 * Values below 2 * HIST_SUB are their own bucket.  Above that, every power
 * of two is split into HIST_SUB equal buckets, so a bucket is at most
 * 1/HIST_SUB (1.6%) wide relative to its lower bound: HdrHistogram's idea
 * with two significant binary digits fewer and no dynamic range setup.
 * Values from 2^(HIST_MAX_MSB + 1) ns (about 18 minutes) on are counted in
 * the last bucket.
 *
 * Only integer arithmetic on unsigned 64-bit values: the caller provides
 * u64 (kernel) or uint64_t (userspace) as hist_u64.
 */
#ifndef SLABWALL_HIST_BUCKETS_H
#define SLABWALL_HIST_BUCKETS_H

#define HIST_SUB_BITS	6
#define HIST_SUB	64U	/* 1 << HIST_SUB_BITS */
#define HIST_MAX_MSB	39
/* Bucket shift runs from 0 to HIST_MAX_MSB - HIST_SUB_BITS. */
#define HIST_BUCKETS	((HIST_MAX_MSB - HIST_SUB_BITS + 1) * HIST_SUB + HIST_SUB)

static inline unsigned int hist_msb(hist_u64 v)
{
	return 63 - __builtin_clzll(v | 1);
}

static inline unsigned int hist_index(hist_u64 v)
{
	unsigned int msb, shift;

	if (v >> (HIST_MAX_MSB + 1))
		return HIST_BUCKETS - 1;
	msb = hist_msb(v);
	shift = msb > HIST_SUB_BITS ? msb - HIST_SUB_BITS : 0;
	return shift * HIST_SUB + (unsigned int)(v >> shift);
}

/* Smallest value that falls into bucket @idx. */
static inline hist_u64 hist_lower(unsigned int idx)
{
	unsigned int shift;

	if (idx < 2 * HIST_SUB)
		return idx;
	shift = idx / HIST_SUB - 1;
	return (hist_u64)(idx - shift * HIST_SUB) << shift;
}

/* Largest value that falls into bucket @idx. */
static inline hist_u64 hist_upper(unsigned int idx)
{
	if (idx + 1 >= HIST_BUCKETS)
		return ~(hist_u64)0;
	return hist_lower(idx + 1) - 1;
}

/*
 * Value at quantile @per_million / 10^6 of @count values spread over
 * @buckets: the upper bound of the bucket holding that rank, so the
 * answer never under-states a latency.  Returns 0 for an empty histogram.
 */
static inline hist_u64 hist_quantile(const hist_u64 *buckets, hist_u64 count,
				     unsigned int per_million)
{
	hist_u64 rank, seen = 0;
	unsigned int i;

	if (!count)
		return 0;
	/* rank = ceil(count * q), at least 1; count stays far below 2^44 */
	rank = (count * per_million + 999999) / 1000000;
	if (!rank)
		rank = 1;
	for (i = 0; i < HIST_BUCKETS; i++) {
		seen += buckets[i];
		if (seen >= rank)
			return hist_upper(i);
	}
	return hist_upper(HIST_BUCKETS - 1);
}

#endif /* SLABWALL_HIST_BUCKETS_H */
