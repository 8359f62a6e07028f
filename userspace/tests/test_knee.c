// SPDX-License-Identifier: GPL-2.0
/* The knee finders on synthetic curves. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "knee.h"

/* allocs_per_op as the default sweep has them (0 is not on a line). */
static const double xs[] = { 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024 };
#define NX (sizeof(xs) / sizeof(xs[0]))

/* Points without a measured spread: x and y alone. */
static void find(const double *x, const double *y, size_t n,
		 struct knee_rise *k)
{
	struct knee_pt pts[KNEE_MAX_POINTS];
	size_t i;

	for (i = 0; i < n; i++)
		pts[i] = (struct knee_pt){ x[i], y[i], NAN, NAN };
	knee_find_rise(pts, n, 1, 8, 1.5, k);
}

static void rise(const double *y, struct knee_rise *k)
{
	find(xs, y, NX, k);
}

static void test_flat_then_rising(void **state)
{
	const double y[NX] = { 100, 96, 104, 100, 105, 110, 120, 300, 400,
			       500, 600 };
	struct knee_rise k;

	(void)state;
	rise(y, &k);
	assert_int_equal(k.status, KNEE_FOUND);
	assert_int_equal(k.nbase, 4);
	assert_float_equal(k.baseline, 100, 0);	/* median of 96, 100, 100, 104 */
	assert_float_equal(k.threshold, 150, 1e-9);
	assert_float_equal(k.x, 128, 0);
	assert_float_equal(k.y, 300, 0);
}

static void test_no_knee(void **state)
{
	/* Rising, but never to 1.5x of the baseline. */
	const double y[NX] = { 100, 100, 100, 100, 110, 120, 130, 140, 145,
			       149, 149.9 };
	struct knee_rise k;

	(void)state;
	rise(y, &k);
	assert_int_equal(k.status, KNEE_NONE);
	assert_true(isnan(k.x));
	assert_float_equal(k.baseline, 100, 0);
}

static void test_noisy(void **state)
{
	/* One spike at 32, back down at 64: noise.  The rise is at 256. */
	const double y[NX] = { 110, 90, 105, 95, 102, 400, 98, 130, 170, 200,
			       260 };
	struct knee_rise k;

	(void)state;
	rise(y, &k);
	assert_int_equal(k.status, KNEE_FOUND);
	assert_float_equal(k.x, 256, 0);
}

static void test_last_point_alone(void **state)
{
	/* Nothing after it to confirm the rise: a spike, not a knee. */
	const double y[NX] = { 100, 100, 100, 100, 100, 100, 100, 100, 100,
			       100, 160 };
	struct knee_rise k;

	(void)state;
	rise(y, &k);
	assert_int_equal(k.status, KNEE_NONE);
	assert_true(isnan(k.x));
}

static void test_last_two_points(void **state)
{
	/* The second-to-last point has the last to agree with it. */
	const double y[NX] = { 100, 100, 100, 100, 100, 100, 100, 100, 100,
			       160, 170 };
	struct knee_rise k;

	(void)state;
	rise(y, &k);
	assert_int_equal(k.status, KNEE_FOUND);
	assert_float_equal(k.x, 512, 0);
}

static void test_baseline_not_positive(void **state)
{
	/*
	 * Net costs at or below 0 in 1..8: the null operation cost more than
	 * the allocations, the baseline is noise and any value is above 1.5x
	 * of it.  No knee can be told.
	 */
	const double y[NX] = { -40, 10, -5, 0, 20, 30, 25, 30, 35, 40, 45 };
	struct knee_rise k;

	(void)state;
	rise(y, &k);
	assert_int_equal(k.status, KNEE_BAD_BASELINE);
	assert_true(isnan(k.x));
	assert_string_equal(knee_status_name(k.status), "baseline_not_positive");
}

static void test_rise_within_spread(void **state)
{
	/*
	 * The medians at 16 and 32 are 1.6x the baseline, but the cheapest
	 * run at 16 costs no more than the baseline's runs reach (130): two
	 * runs slowed by the host, not a knee.  At 64 every run is clear.
	 */
	struct knee_pt pts[] = {
		{ 1, 100, 90, 120 }, { 2, 100, 80, 130 }, { 4, 100, 95, 140 },
		{ 8, 100, 90, 125 }, { 16, 160, 110, 170 }, { 32, 160, 150, 175 },
		{ 64, 170, 150, 180 }, { 128, 200, 190, 210 },
	};
	struct knee_rise k;

	(void)state;
	knee_find_rise(pts, 8, 1, 8, 1.5, &k);
	assert_float_equal(k.base_top, 127.5, 1e-9);	/* median of 120..140 */
	assert_int_equal(k.status, KNEE_FOUND);
	assert_float_equal(k.x, 32, 0);
	/* Without the clear points, a rise within the noise. */
	knee_find_rise(pts, 5, 1, 8, 1.5, &k);
	assert_int_equal(k.status, KNEE_NONE);	/* 16 is the last */
	pts[5].lo = 120;
	pts[6].lo = 110;
	pts[7].lo = 100;
	knee_find_rise(pts, 8, 1, 8, 1.5, &k);
	assert_int_equal(k.status, KNEE_NOISY);
	assert_float_equal(k.noisy_x, 16, 0);
	assert_true(isnan(k.x));
	assert_string_equal(knee_status_name(k.status), "within_noise");
}

static void test_net_point(void **state)
{
	/* ns_per_op 1000 (900..1300) at 4 allocs, null 200 (150..260). */
	const struct spread op = { 3, 1000, 900, 1300 };
	const struct spread null_op = { 3, 200, 150, 260 };
	struct knee_pt p;

	(void)state;
	knee_net_point(4, &op, &null_op, &p);
	assert_float_equal(p.x, 4, 0);
	assert_float_equal(p.y, 200, 1e-12);
	assert_float_equal(p.lo, 160, 1e-12);	/* (900 - 260) / 4 */
	assert_float_equal(p.hi, 287.5, 1e-12);	/* (1300 - 150) / 4 */
	knee_net_point(0, &op, &null_op, &p);
	assert_true(isnan(p.y));
}

static void test_rise_inside_baseline(void **state)
{
	/*
	 * A rise at 4 and 8 lifts the baseline median but is not itself a
	 * knee: only points past the baseline range count.
	 */
	const double y[NX] = { 100, 100, 200, 200, 200, 200, 200, 400, 400,
			       400, 400 };
	struct knee_rise k;

	(void)state;
	rise(y, &k);
	assert_float_equal(k.baseline, 150, 0);
	assert_int_equal(k.status, KNEE_FOUND);
	assert_float_equal(k.x, 128, 0);
}

static void test_too_few_baseline_points(void **state)
{
	const double x[] = { 8, 16, 32, 64 };
	const double y[] = { 100, 100, 400, 400 };
	struct knee_rise k;

	(void)state;
	find(x, y, 4, &k);
	assert_int_equal(k.status, KNEE_TOO_FEW);
	assert_int_equal(k.nbase, 1);
	assert_true(isnan(k.baseline));
	find(x, y, 0, &k);
	assert_int_equal(k.status, KNEE_TOO_FEW);
}

static void test_unsorted_and_nan(void **state)
{
	/* The flat-then-rising curve shuffled, with a failed point (NaN). */
	const double x[] = { 256, 1, 64, 8, 128, 2, 4, 32, 16, 512 };
	const double y[] = { 400, 100, 120, 100, NAN, 96, 104, 110, 105, 500 };
	struct knee_rise k;

	(void)state;
	find(x, y, 10, &k);
	assert_int_equal(k.status, KNEE_FOUND);
	assert_float_equal(k.x, 256, 0);	/* 128 failed: not there */
}

static void test_scaling_linear(void **state)
{
	const double cpus[] = { 1, 2, 4, 8 };
	const double tput[] = { 100, 200, 400, 800 };
	struct knee_scale k;

	(void)state;
	knee_find_scaling(cpus, tput, 4, 0.5, &k);
	assert_int_equal(k.status, KNEE_NONE);
	assert_float_equal(k.speedup, 8, 1e-12);
	assert_float_equal(k.min_x, 1, 0);
	assert_float_equal(k.max_x, 8, 0);
}

static void test_scaling_flattens(void **state)
{
	/* 1 -> 2 pays (90%), 2 -> 4 earns 10% of the ideal doubling. */
	const double cpus[] = { 4, 1, 2, 8 };
	const double tput[] = { 209, 100, 190, 210 };
	struct knee_scale k;

	(void)state;
	knee_find_scaling(cpus, tput, 4, 0.5, &k);
	assert_int_equal(k.status, KNEE_FOUND);
	assert_float_equal(k.x, 2, 0);
	assert_float_equal(k.next_x, 4, 0);
	assert_float_equal(k.efficiency, 0.1, 1e-9);
	assert_float_equal(k.speedup, 2.1, 1e-12);
}

static void test_scaling_contention(void **state)
{
	/* Remote free on two CPUs: slower than one.  The knee is 1 CPU. */
	const double cpus[] = { 1, 2 };
	const double tput[] = { 100, 80 };
	struct knee_scale k;

	(void)state;
	knee_find_scaling(cpus, tput, 2, 0.5, &k);
	assert_int_equal(k.status, KNEE_FOUND);
	assert_float_equal(k.x, 1, 0);
	assert_true(k.efficiency < 0);
	assert_float_equal(k.speedup, 0.8, 1e-12);
}

static void test_scaling_too_few(void **state)
{
	const double cpus[] = { 2, 2, 1 };
	const double tput[] = { 100, 300, NAN };
	struct knee_scale k;

	(void)state;
	/* One CPU count left: the repeated 2 keeps its first, 1 has no number. */
	knee_find_scaling(cpus, tput, 3, 0.5, &k);
	assert_int_equal(k.status, KNEE_TOO_FEW);
	assert_true(isnan(k.speedup));
	assert_string_equal(knee_status_name(k.status), "too_few_points");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flat_then_rising),
		cmocka_unit_test(test_no_knee),
		cmocka_unit_test(test_noisy),
		cmocka_unit_test(test_last_point_alone),
		cmocka_unit_test(test_last_two_points),
		cmocka_unit_test(test_baseline_not_positive),
		cmocka_unit_test(test_rise_within_spread),
		cmocka_unit_test(test_net_point),
		cmocka_unit_test(test_rise_inside_baseline),
		cmocka_unit_test(test_too_few_baseline_points),
		cmocka_unit_test(test_unsorted_and_nan),
		cmocka_unit_test(test_scaling_linear),
		cmocka_unit_test(test_scaling_flattens),
		cmocka_unit_test(test_scaling_contention),
		cmocka_unit_test(test_scaling_too_few),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
