// SPDX-License-Identifier: GPL-2.0
/*
 * module/hist_buckets.h, the histogram buckets the module records into and
 * the tools read back: every value has a bucket that contains it, buckets
 * tile the number line, and quantiles never under-state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

typedef uint64_t hist_u64;
#include "hist_buckets.h"

/* xorshift64*: reproducible "random" values without libc's rand(). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static void check_value(uint64_t v)
{
	unsigned int i = hist_index(v);

	if (i >= HIST_BUCKETS)
		fail_msg("value %llu: index %u out of range",
			 (unsigned long long)v, i);
	if (v < hist_lower(i) || v > hist_upper(i))
		fail_msg("value %llu in bucket %u = [%llu, %llu]",
			 (unsigned long long)v, i,
			 (unsigned long long)hist_lower(i),
			 (unsigned long long)hist_upper(i));
}

static void test_small_values_in_their_bucket(void **state)
{
	uint64_t v;

	(void)state;
	for (v = 0; v <= 100000; v++)
		check_value(v);
	/* Below 128 every value is its own bucket. */
	for (v = 0; v < 128; v++) {
		assert_int_equal(hist_index(v), v);
		assert_int_equal(hist_lower((unsigned int)v), v);
		assert_int_equal(hist_upper((unsigned int)v), v);
	}
}

static void test_large_values_in_their_bucket(void **state)
{
	unsigned int i, bit;
	uint64_t v;

	(void)state;
	/* Random values of every magnitude, not just of 64 random bits. */
	for (i = 0; i < 1000000; i++) {
		v = rng() >> (rng() % 64);
		check_value(v);
	}
	/* Powers of two and their neighbours, where the shift changes. */
	for (bit = 0; bit < 64; bit++) {
		v = 1ULL << bit;
		check_value(v - 1);
		check_value(v);
		check_value(v + 1);
	}
	check_value(UINT64_MAX);
	assert_int_equal(hist_index(UINT64_MAX), HIST_BUCKETS - 1);
	/* Beyond 2^(HIST_MAX_MSB + 1) everything shares the last bucket. */
	assert_int_equal(hist_index(1ULL << (HIST_MAX_MSB + 1)), HIST_BUCKETS - 1);
	assert_int_equal(hist_index(1ULL << 63), HIST_BUCKETS - 1);
}

static void test_buckets_contiguous_and_increasing(void **state)
{
	unsigned int i;

	(void)state;
	assert_int_equal(hist_lower(0), 0);
	for (i = 0; i < HIST_BUCKETS; i++) {
		if (hist_lower(i) > hist_upper(i))
			fail_msg("bucket %u is empty", i);
		/* Each bucket's bounds map back to the bucket itself. */
		assert_int_equal(hist_index(hist_lower(i)), i);
		assert_int_equal(hist_index(hist_upper(i)), i);
		if (i + 1 < HIST_BUCKETS) {
			if (hist_upper(i) + 1 != hist_lower(i + 1))
				fail_msg("gap or overlap after bucket %u", i);
			assert_true(hist_lower(i + 1) > hist_lower(i));
		}
	}
	assert_true(hist_upper(HIST_BUCKETS - 1) == UINT64_MAX);
}

static void test_relative_width(void **state)
{
	uint64_t lo, width;
	unsigned int i;

	(void)state;
	/* The last bucket is the catch-all; every other is narrow. */
	for (i = 0; i + 1 < HIST_BUCKETS; i++) {
		lo = hist_lower(i);
		if (lo < 128)
			continue;
		width = hist_upper(i) - lo + 1;
		if (width * 64 > lo)
			fail_msg("bucket %u [%llu, %llu] is wider than 1/64", i,
				 (unsigned long long)lo,
				 (unsigned long long)hist_upper(i));
	}
}

static hist_u64 buckets[HIST_BUCKETS];

static void record(uint64_t v, uint64_t n)
{
	buckets[hist_index(v)] += n;
}

static void test_quantile_simple(void **state)
{
	uint64_t v;

	(void)state;
	memset(buckets, 0, sizeof(buckets));
	assert_int_equal(hist_quantile(buckets, 0, 500000), 0);

	/* 1..100 once each: exact buckets, so exact answers. */
	for (v = 1; v <= 100; v++)
		record(v, 1);
	assert_int_equal(hist_quantile(buckets, 100, 0), 1);	/* rank 1 */
	assert_int_equal(hist_quantile(buckets, 100, 10000), 1);
	assert_int_equal(hist_quantile(buckets, 100, 500000), 50);
	assert_int_equal(hist_quantile(buckets, 100, 500001), 51);
	assert_int_equal(hist_quantile(buckets, 100, 900000), 90);
	assert_int_equal(hist_quantile(buckets, 100, 990000), 99);
	assert_int_equal(hist_quantile(buckets, 100, 1000000), 100);

	/* One value repeated: every quantile is its bucket's upper bound. */
	memset(buckets, 0, sizeof(buckets));
	record(15871, 1000);
	v = hist_upper(hist_index(15871));
	assert_true(v >= 15871 && v - 15871 < 15871 / 64 + 1);
	assert_int_equal(hist_quantile(buckets, 1000, 1), v);
	assert_int_equal(hist_quantile(buckets, 1000, 500000), v);
	assert_int_equal(hist_quantile(buckets, 1000, 1000000), v);

	/* 999 fast, 1 slow: p99.9 is fast, anything above is slow. */
	memset(buckets, 0, sizeof(buckets));
	record(100, 999);
	record(2311932, 1);
	assert_int_equal(hist_quantile(buckets, 1000, 999000), 100);
	assert_int_equal(hist_quantile(buckets, 1000, 999001),
			 hist_upper(hist_index(2311932)));
	assert_int_equal(hist_quantile(buckets, 1000, 1000000),
			 hist_upper(hist_index(2311932)));
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Against the exact quantile of a skewed sample: at or above, within 1/64. */
static void test_quantile_against_exact(void **state)
{
	static const unsigned int qs[] = {
		1, 10000, 250000, 500000, 900000, 990000, 999000, 999900, 1000000,
	};
	enum { N = 200000 };
	uint64_t *vals = malloc(N * sizeof(*vals));
	uint64_t exact, got, rank;
	unsigned int i;

	(void)state;
	assert_non_null(vals);
	memset(buckets, 0, sizeof(buckets));
	for (i = 0; i < N; i++) {
		/* Mostly ~1-20 us with a long tail, like operation latencies. */
		vals[i] = 1000 + rng() % 20000;
		if (rng() % 100 == 0)
			vals[i] += rng() % 10000000;
		record(vals[i], 1);
	}
	qsort(vals, N, sizeof(*vals), cmp_u64);
	for (i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		rank = ((uint64_t)N * qs[i] + 999999) / 1000000;
		if (!rank)
			rank = 1;
		exact = vals[rank - 1];
		got = hist_quantile(buckets, N, qs[i]);
		if (got < exact || got - exact > exact / 64)
			fail_msg("q=%u/1e6: got %llu, exact %llu", qs[i],
				 (unsigned long long)got,
				 (unsigned long long)exact);
	}
	free(vals);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_values_in_their_bucket),
		cmocka_unit_test(test_large_values_in_their_bucket),
		cmocka_unit_test(test_buckets_contiguous_and_increasing),
		cmocka_unit_test(test_relative_width),
		cmocka_unit_test(test_quantile_simple),
		cmocka_unit_test(test_quantile_against_exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
