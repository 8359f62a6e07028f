// SPDX-License-Identifier: GPL-2.0
/*
 * The twin's CSV: the columns slabwall plot and compare need, the median
 * and range over the runs, and the net cost per allocation against the
 * line's allocs 0 point (empty where there is none).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csvr.h"
#include "user_point.h"

/* A run of @ops requests of @ns each, over one second. */
static void fake_run(struct urun_res *r, uint64_t ops, uint64_t ns)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	r->ops = ops;
	r->busy_ns = ops * ns;
	r->elapsed_ns = 1000000000ULL;
	r->pct.p50 = ns;
	r->pct.p99 = 2 * ns;
	r->pct.p999 = 3 * ns;
	r->pct.max = 4 * ns;
	for (i = 0; i < USYS_N; i++)
		r->sys[i] = -1;
	r->before.rss_kb = r->after.rss_kb = r->trimmed.rss_kb = 100;
	r->peak.hwm_kb = 200;
	r->after.lazyfree_kb = 0;
}

static const char *cell(const struct csv_table *t, size_t row, const char *col)
{
	int c = csv_col(t, col);

	if (c < 0)
		fail_msg("no column %s", col);
	return t->rows[row][c];
}

static void twin_csv(void **state)
{
	static const uint64_t ns0[] = { 1000, 1100, 900 }, ns4[] = { 1400, 1500, 1300 };
	static const char *const needed[] = {
		"allocs_per_op", "ops_per_sec", "p99_ns", "free", "ncpus",
		"pattern", "strategy", "ops_per_sec_min", "ops_per_sec_max",
		"net_ns_per_alloc", "ns_per_alloc", "status", "size_knob", "size",
		"cpus", "runs", "cpus_spec", "work_bytes", "rate", NULL
	};
	struct urun_res res[3][3];
	struct upoint p[3];
	struct uknobs k = {
		.duration_ms = 1000, .repeat = 3, .work_bytes = 2048,
		.mmap_threshold = -1, .allocator = "glibc", .malloc_lib = "libc.so.6",
	};
	struct csv_table t;
	struct swerr e;
	char *text = NULL;
	size_t len = 0, i;
	FILE *f;

	(void)state;
	memset(p, 0, sizeof(p));
	for (i = 0; i < 3; i++) {
		fake_run(&res[0][i], 1000 + i, ns0[i]);
		fake_run(&res[1][i], 700 + i, ns4[i]);
		fake_run(&res[2][i], 500, 2000);
		p[i].runs = 3;
		p[i].status = "ok";
		p[i].res = res[i];
		p[i].threads = 1;
		p[i].point = (unsigned int)i;
	}
	p[0].nodes = 0;
	p[1].nodes = 4;
	p[2].nodes = 4;
	p[2].line = 1;		/* a line without an allocs 0 point */
	f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(upoint_write_csv(f, &k, p, 3, 1), 0);
	fclose(f);
	assert_int_equal(csv_parse(text, "twin", &t, &e), 0);
	assert_int_equal(t.nrows, 3);
	for (i = 0; needed[i]; i++)
		assert_true(csv_col(&t, needed[i]) >= 0);
	assert_string_equal(cell(&t, 0, "strategy"), "per_request");
	assert_string_equal(cell(&t, 0, "free"), "local");
	assert_string_equal(cell(&t, 1, "ns_per_op"), "1400");
	assert_string_equal(cell(&t, 1, "ns_per_op_min"), "1300");
	assert_string_equal(cell(&t, 1, "ns_per_op_max"), "1500");
	assert_string_equal(cell(&t, 1, "ns_per_alloc"), "350");
	/* (1400 - 1000) / 4 */
	assert_string_equal(cell(&t, 1, "net_ns_per_alloc"), "100");
	assert_string_equal(cell(&t, 0, "net_ns_per_alloc"), "");
	assert_string_equal(cell(&t, 2, "net_ns_per_alloc"), "");
	assert_string_equal(cell(&t, 1, "ops_per_sec"), "701");
	assert_string_equal(cell(&t, 1, "malloc_calls_per_op"), "4");
	assert_string_equal(cell(&t, 1, "allocs"), "2804");
	assert_string_equal(cell(&t, 1, "p99_ns"), "2800");
	/* not counted is empty, not 0 */
	assert_string_equal(cell(&t, 1, "mmap_per_op"), "");
	assert_string_equal(cell(&t, 1, "mmap_threshold"), "dynamic");
	assert_string_equal(cell(&t, 1, "rss_peak_kb"), "200");
	csv_free(&t);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(twin_csv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
