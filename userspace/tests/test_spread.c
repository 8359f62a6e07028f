// SPDX-License-Identifier: GPL-2.0
/* Median and spread of a point's repeats. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "spread.h"

static void test_odd_count(void **state)
{
	const double v[] = { 30, 10, 20 };
	struct spread s;

	(void)state;
	spread_of(v, 3, &s);
	assert_int_equal(s.n, 3);
	assert_float_equal(s.med, 20, 0);
	assert_float_equal(s.min, 10, 0);
	assert_float_equal(s.max, 30, 0);
	/* The input keeps its order. */
	assert_float_equal(v[0], 30, 0);
	assert_float_equal(spread_pct(&s), 100, 1e-9);
}

static void test_even_count(void **state)
{
	const double v[] = { 4, 1, 3, 2 };
	struct spread s;

	(void)state;
	spread_of(v, 4, &s);
	assert_float_equal(s.med, 2.5, 0);	/* mean of the middle two */
	assert_float_equal(s.min, 1, 0);
	assert_float_equal(s.max, 4, 0);
}

static void test_one_and_none(void **state)
{
	const double one[] = { 7 };
	struct spread s;

	(void)state;
	spread_of(one, 1, &s);
	assert_int_equal(s.n, 1);
	assert_float_equal(s.med, 7, 0);
	assert_float_equal(spread_pct(&s), 0, 0);

	spread_of(NULL, 0, &s);
	assert_int_equal(s.n, 0);
	assert_true(isnan(s.med) && isnan(s.min) && isnan(s.max));
	assert_true(isnan(spread_pct(&s)));
}

static void test_nan_left_out(void **state)
{
	const double v[] = { NAN, 5, NAN, 1, 3 };
	const double all_nan[] = { NAN, NAN };
	struct spread s;

	(void)state;
	spread_of(v, 5, &s);
	assert_int_equal(s.n, 3);
	assert_float_equal(s.med, 3, 0);
	assert_float_equal(s.min, 1, 0);
	assert_float_equal(s.max, 5, 0);

	spread_of(all_nan, 2, &s);
	assert_int_equal(s.n, 0);
	assert_true(isnan(s.med));
}

static void test_many_values(void **state)
{
	double v[1001];
	struct spread s;
	size_t i;

	(void)state;
	/* 1000, 999, ..., 0: more than fit on the stack copy. */
	for (i = 0; i < 1001; i++)
		v[i] = (double)(1000 - i);
	spread_of(v, 1001, &s);
	assert_float_equal(s.med, 500, 0);
	assert_float_equal(s.min, 0, 0);
	assert_float_equal(s.max, 1000, 0);
}

static void test_pct_without_meaning(void **state)
{
	const double v[] = { 0, 0, 0 };
	struct spread s;

	(void)state;
	spread_of(v, 3, &s);
	assert_true(isnan(spread_pct(&s)));	/* median 0 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_odd_count),
		cmocka_unit_test(test_even_count),
		cmocka_unit_test(test_one_and_none),
		cmocka_unit_test(test_nan_left_out),
		cmocka_unit_test(test_many_values),
		cmocka_unit_test(test_pct_without_meaning),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
