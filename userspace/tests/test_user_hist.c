// SPDX-License-Identifier: GPL-2.0
/*
 * The twin's percentiles: the module's buckets, merged over threads, each
 * percentile the upper bound of its rank's bucket but never above the
 * largest value seen.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "user_hist.h"
#include "user_point.h"

static struct uhist *new_hist(void)
{
	struct uhist *h = calloc(1, sizeof(*h));

	assert_non_null(h);
	return h;
}

static void empty(void **state)
{
	struct uhist *h = new_hist();
	struct uhist_pct p;

	(void)state;
	uhist_percentiles(h, &p);
	assert_int_equal(p.p50 | p.p99 | p.p999 | p.max, 0);
	free(h);
}

/* 1..1000 ns once each: small values are exact, larger within a bucket. */
static void uniform(void **state)
{
	struct uhist *h = new_hist();
	struct uhist_pct p;
	uint64_t v;

	(void)state;
	for (v = 1; v <= 1000; v++)
		uhist_add(h, v);
	uhist_percentiles(h, &p);
	/* rank 500 is 500, in a bucket 4 wide (500..503) */
	assert_true(p.p50 >= 500 && p.p50 <= 503);
	assert_true(p.p90 >= 900 && p.p90 <= 915);
	assert_true(p.p99 >= 990 && p.p99 <= 1000);
	/* a bucket's bound above every value is capped at the max */
	uhist_add(h, 1001);
	uhist_percentiles(h, &p);
	assert_int_equal(p.max, 1001);
	assert_true(p.p999 <= 1001);
	free(h);
	h = new_hist();
	for (v = 1; v <= 1000; v++)
		uhist_add(h, v);
	uhist_percentiles(h, &p);
	assert_int_equal(p.p999, 999);	/* rank 999: bucket 992..999 */
	assert_int_equal(p.max, 1000);
	free(h);
}

/* 999 fast requests and one slow: p99.9 is the fast one, max the slow. */
static void one_outlier(void **state)
{
	struct uhist *h = new_hist();
	struct uhist_pct p;
	int i;

	(void)state;
	for (i = 0; i < 999; i++)
		uhist_add(h, 100);
	uhist_add(h, 1000000);
	uhist_percentiles(h, &p);
	assert_int_equal(p.p50, 100);
	assert_int_equal(p.p999, 100);
	assert_int_equal(p.max, 1000000);
	/* one more slow one moves p99.9 onto it (rank 1001 of 1001) */
	uhist_add(h, 1000000);
	uhist_percentiles(h, &p);
	assert_true(p.p999 >= 1000000 && p.p999 < 1000000 + 1000000 / 64);
	free(h);
}

/* Two threads' histograms merged equal one histogram of both. */
static void merge(void **state)
{
	struct uhist *a = new_hist(), *b = new_hist(), *all = new_hist();
	struct uhist_pct pm, pa;
	uint64_t v;

	(void)state;
	for (v = 1; v < 100000; v += 7) {
		uhist_add(v % 2 ? a : b, v * 13);
		uhist_add(all, v * 13);
	}
	uhist_merge(a, b);
	assert_int_equal(a->count, all->count);
	assert_memory_equal(a->b, all->b, sizeof(a->b));
	uhist_percentiles(a, &pm);
	uhist_percentiles(all, &pa);
	assert_memory_equal(&pm, &pa, sizeof(pm));
	free(a);
	free(b);
	free(all);
}

/* Median, min, max over runs, unknowns left out. */
static void run_ranges(void **state)
{
	double v[] = { 5, 1, 3 }, w[] = { 4, 2, 0.0 / 0.0, 8, 6 };
	double med, min, max;

	(void)state;
	ustat_range(v, 3, &med, &min, &max);
	assert_true(med == 3 && min == 1 && max == 5);
	ustat_range(w, 5, &med, &min, &max);
	assert_true(med == 5 && min == 2 && max == 8);	/* mean of 4 and 6 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty),
		cmocka_unit_test(uniform),
		cmocka_unit_test(one_outlier),
		cmocka_unit_test(merge),
		cmocka_unit_test(run_ranges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
