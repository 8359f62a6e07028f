// SPDX-License-Identifier: GPL-2.0
/* trace_cachestat.c: sums per cache, what is known, rates, the CSV. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "trace_cachestat.h"

static void all_counted(struct cs_table *t)
{
	int c;

	cs_init(t);
	for (c = 0; c < CS_NCOLS; c++)
		t->have[c] = true;
}

static const struct cs_row *row(const struct cs_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].name, name))
			return &t->rows[i];
	fail_msg("no row %s", name);
	return NULL;
}

static void test_sums_and_rates(void **state)
{
	const struct cs_row *r;
	struct cs_table t;
	double rate;

	(void)state;
	all_counted(&t);
	/* Allocations from two entry points add up. */
	assert_int_equal(cs_add(&t, "skb", CS_ALLOCS, 1000), 0);
	assert_int_equal(cs_add(&t, "skb", CS_ALLOCS, 24), 0);
	assert_int_equal(cs_add(&t, "skb", CS_SLOW_ALLOCS, 64), 0);
	assert_int_equal(cs_add(&t, "skb", CS_NEW_SLABS, 4), 0);
	assert_int_equal(cs_add(&t, "other", CS_FREES, 3), 0);
	assert_int_equal(t.n, 2);
	r = row(&t, "skb");
	assert_int_equal(r->v[CS_ALLOCS], 1024);
	assert_true(cs_per_1k(&t, r, CS_SLOW_ALLOCS, &rate));
	assert_float_equal(rate, 62.5, 1e-9);
	assert_true(cs_per_1k(&t, r, CS_NEW_SLABS, &rate));
	assert_float_equal(rate, 1000.0 * 4 / 1024, 1e-9);
	assert_true(cs_per_1k(&t, r, CS_SLABS_FREED, &rate));
	assert_float_equal(rate, 0, 0);
	/* No allocations: no rate, not a division by zero. */
	assert_false(cs_per_1k(&t, row(&t, "other"), CS_SLOW_FREES, &rate));
	cs_free(&t);
}

static void test_unknown_cells(void **state)
{
	struct cs_table t;
	double rate;

	(void)state;
	all_counted(&t);
	cs_add(&t, "kmalloc-2k", CS_ALLOCS, 100);
	cs_add(&t, "kmalloc-2k", CS_SLOW_ALLOCS, 5);
	cs_add(&t, "kmalloc-cg-2k", CS_SLOW_ALLOCS, 1);
	cs_add(&t, "dma-kmalloc-64", CS_NEW_SLABS, 1);
	cs_add(&t, "skb", CS_ALLOCS, 10);
	/* kfree names no cache: no frees for any kmalloc cache. */
	assert_false(cs_known(&t, row(&t, "kmalloc-2k"), CS_FREES));
	assert_false(cs_known(&t, row(&t, "kmalloc-cg-2k"), CS_FREES));
	assert_false(cs_known(&t, row(&t, "dma-kmalloc-64"), CS_FREES));
	assert_true(cs_known(&t, row(&t, "skb"), CS_FREES));
	/* The variants' allocations are counted under kmalloc-N. */
	assert_true(cs_known(&t, row(&t, "kmalloc-2k"), CS_ALLOCS));
	assert_false(cs_known(&t, row(&t, "kmalloc-cg-2k"), CS_ALLOCS));
	assert_false(cs_known(&t, row(&t, "dma-kmalloc-64"), CS_ALLOCS));
	assert_false(cs_per_1k(&t, row(&t, "kmalloc-cg-2k"), CS_SLOW_ALLOCS, &rate));
	assert_true(cs_per_1k(&t, row(&t, "kmalloc-2k"), CS_SLOW_ALLOCS, &rate));
	assert_float_equal(rate, 50, 1e-9);
	/* A column not counted at all is unknown everywhere. */
	t.have[CS_SLABS_FREED] = false;
	assert_false(cs_known(&t, row(&t, "skb"), CS_SLABS_FREED));
	assert_false(cs_per_1k(&t, row(&t, "skb"), CS_SLABS_FREED, &rate));
	cs_free(&t);
}

static void test_keep_and_sort(void **state)
{
	const char *want[] = { "absent", "b", "a", "b" };
	struct cs_table t;

	(void)state;
	all_counted(&t);
	cs_add(&t, "a", CS_ALLOCS, 5);
	cs_add(&t, "b", CS_ALLOCS, 9);
	cs_add(&t, "c", CS_ALLOCS, 7);
	cs_add(&t, "d", CS_ALLOCS, 5);
	cs_add(&t, "d", CS_SLOW_ALLOCS, 1);
	cs_sort(&t);
	assert_string_equal(t.rows[0].name, "b");
	assert_string_equal(t.rows[1].name, "c");
	assert_string_equal(t.rows[2].name, "d");	/* more slow allocs */
	assert_string_equal(t.rows[3].name, "a");
	assert_int_equal(cs_keep(&t, want, 4), 0);
	assert_int_equal(t.n, 3);
	assert_true(t.have[CS_ALLOCS]);
	assert_int_equal(row(&t, "absent")->v[CS_ALLOCS], 0);
	assert_int_equal(row(&t, "b")->v[CS_ALLOCS], 9);
	assert_int_equal(row(&t, "a")->v[CS_ALLOCS], 5);
	cs_free(&t);
}

static void test_csv(void **state)
{
	struct cs_table t;
	char *text = NULL;
	size_t len;
	FILE *f;

	(void)state;
	all_counted(&t);
	cs_add(&t, "skb", CS_ALLOCS, 2000);
	cs_add(&t, "skb", CS_FREES, 2000);
	cs_add(&t, "skb", CS_SLOW_ALLOCS, 125);
	cs_add(&t, "skb", CS_SLOW_FREES, 2000);
	cs_add(&t, "kmalloc-cg-32", CS_NEW_SLABS, 2);
	t.have[CS_SLABS_FREED] = false;
	cs_sort(&t);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(cs_print_csv(f, &t), 0);
	fclose(f);
	assert_string_equal(text,
		"cache,allocs,frees,slow_allocs,new_slabs,slow_frees,slabs_freed,"
		"slow_allocs_per_1k,new_slabs_per_1k,slow_frees_per_1k,slabs_freed_per_1k\n"
		"skb,2000,2000,125,0,2000,,62.5,0,1000,\n"
		"kmalloc-cg-32,,,0,2,0,,,,,\n");
	free(text);
	cs_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sums_and_rates),
		cmocka_unit_test(test_unknown_cells),
		cmocka_unit_test(test_keep_and_sort),
		cmocka_unit_test(test_csv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
