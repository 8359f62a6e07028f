// SPDX-License-Identifier: GPL-2.0
/* The stats parser: "key value" lines with integer, decimal and word values. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "swstats.h"

/* The example from docs/debugfs.md, with two CPUs. */
static const char doc_example[] =
	"state done\n"
	"pattern skb\n"
	"strategy slab\n"
	"allocs_per_op 8\n"
	"object_size 256\n"
	"data_size 1500\n"
	"name_len 24\n"
	"cpus 0-1\n"
	"free local\n"
	"work_bytes 0\n"
	"duration_ms 1000\n"
	"rate 0\n"
	"ops 123456\n"
	"allocs 987648\n"
	"frees 987648\n"
	"alloc_failures 0\n"
	"remote_frees 0\n"
	"elapsed_ns 1000123456\n"
	"ops_per_sec 123440\n"
	"ns_per_op 16202\n"
	"ns_per_alloc 2025\n"
	"alloc_share_pct 83.4\n"
	"p50_ns 15871\n"
	"p90_ns 18047\n"
	"p99_ns 30975\n"
	"p999_ns 120831\n"
	"max_ns 2311932\n"
	"cpu0.ops 61728\n"
	"cpu0.alloc_share_pct 82.9\n"
	"cpu1.ops 61728\n"
	"cpu1.alloc_share_pct 83.9\n";

static void test_doc_example(void **state)
{
	struct sw_stats st;
	uint64_t u;
	double d;

	(void)state;
	sw_stats_init(&st);
	assert_int_equal(sw_stats_parse(&st, doc_example, "stats", NULL), 0);
	assert_int_equal(st.n, 31);
	assert_int_equal(st.malformed, 0);

	assert_int_equal(sw_stats_u64(&st, "ops", &u), 0);
	assert_int_equal(u, 123456);
	assert_int_equal(sw_stats_u64(&st, "elapsed_ns", &u), 0);
	assert_int_equal(u, 1000123456);
	assert_string_equal(sw_stats_str(&st, "pattern"), "skb");
	assert_string_equal(sw_stats_str(&st, "cpus"), "0-1");
	assert_int_equal(sw_stats_double(&st, "alloc_share_pct", &d), 0);
	assert_float_equal(d, 83.4, 1e-12);
	/* Integers read as doubles too. */
	assert_int_equal(sw_stats_double(&st, "p99_ns", &d), 0);
	assert_float_equal(d, 30975, 0);
	sw_stats_free(&st);
}

static void test_value_kinds(void **state)
{
	static const struct {
		const char *line;
		enum sw_val_kind kind;
	} cases[] = {
		{ "a 0\n", SW_VAL_UINT },
		{ "b 18446744073709551615\n", SW_VAL_UINT },
		{ "c 18446744073709551616\n", SW_VAL_NUM },	/* too big for u64 */
		{ "d 83.4\n", SW_VAL_NUM },
		{ "e -3\n", SW_VAL_NUM },
		{ "f 0.001\n", SW_VAL_NUM },
		{ "g skb\n", SW_VAL_WORD },
		{ "h 0-3,6\n", SW_VAL_WORD },
		{ "i nan\n", SW_VAL_WORD },
		{ "j 1e5\n", SW_VAL_WORD },
		{ "k 12.\n", SW_VAL_WORD },
		{ "l .5\n", SW_VAL_WORD },
		{ "m 0x10\n", SW_VAL_WORD },
		{ "n +1\n", SW_VAL_WORD },
	};
	const struct sw_stat *s;
	struct sw_stats st;
	char key[2] = "";
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sw_stats_init(&st);
		assert_int_equal(sw_stats_parse(&st, cases[i].line, "t", NULL), 0);
		key[0] = cases[i].line[0];
		s = sw_stats_find(&st, key);
		assert_non_null(s);
		if (s->kind != cases[i].kind)
			fail_msg("\"%s\": kind %d, want %d", cases[i].line,
				 s->kind, cases[i].kind);
		sw_stats_free(&st);
	}
}

static void test_lookups(void **state)
{
	struct sw_stats st;
	uint64_t u = 7;
	double d = 7;

	(void)state;
	sw_stats_init(&st);
	sw_stats_parse(&st, "n 42\nx 1.5\nw word\nbig 18446744073709551615\n",
		       "t", NULL);
	assert_int_equal(sw_stats_u64(&st, "n", &u), 0);
	assert_int_equal(u, 42);
	assert_int_equal(sw_stats_u64(&st, "big", &u), 0);
	assert_true(u == UINT64_MAX);
	/* A decimal or a word is not an integer; the output stays untouched. */
	u = 7;
	assert_int_equal(sw_stats_u64(&st, "x", &u), -EINVAL);
	assert_int_equal(sw_stats_u64(&st, "w", &u), -EINVAL);
	assert_int_equal(u, 7);
	assert_int_equal(sw_stats_double(&st, "x", &d), 0);
	assert_float_equal(d, 1.5, 0);
	assert_int_equal(sw_stats_double(&st, "w", &d), -EINVAL);
	assert_int_equal(sw_stats_u64(&st, "missing", &u), -ENOENT);
	assert_int_equal(sw_stats_double(&st, "missing", &d), -ENOENT);
	assert_null(sw_stats_str(&st, "missing"));
	assert_null(sw_stats_find(&st, "missing"));
	/* Keys match whole, not by prefix. */
	assert_null(sw_stats_find(&st, "bi"));
	sw_stats_free(&st);
}

static void test_per_cpu_keys(void **state)
{
	unsigned int cpu = 99;
	const char *sub = NULL;
	struct sw_stats st;
	uint64_t u;

	(void)state;
	assert_true(sw_stat_cpu_key("cpu0.ops", &cpu, &sub));
	assert_int_equal(cpu, 0);
	assert_string_equal(sub, "ops");
	assert_true(sw_stat_cpu_key("cpu127.p99_ns", &cpu, &sub));
	assert_int_equal(cpu, 127);
	assert_string_equal(sub, "p99_ns");

	assert_false(sw_stat_cpu_key("cpus", &cpu, &sub));
	assert_false(sw_stat_cpu_key("cpu.ops", &cpu, &sub));
	assert_false(sw_stat_cpu_key("cpu1", &cpu, &sub));
	assert_false(sw_stat_cpu_key("cpu1.", &cpu, &sub));
	assert_false(sw_stat_cpu_key("cpu1x.ops", &cpu, &sub));
	assert_false(sw_stat_cpu_key("ops", &cpu, &sub));

	sw_stats_init(&st);
	sw_stats_parse(&st, doc_example, "stats", NULL);
	assert_int_equal(sw_stats_cpu_u64(&st, 1, "ops", &u), 0);
	assert_int_equal(u, 61728);
	assert_int_equal(sw_stats_cpu_u64(&st, 2, "ops", &u), -ENOENT);
	assert_int_equal(sw_stats_cpu_u64(&st, 0, "alloc_share_pct", &u), -EINVAL);
	sw_stats_free(&st);
}

static void test_white_space(void **state)
{
	struct sw_stats st;
	uint64_t u;

	(void)state;
	sw_stats_init(&st);
	/* Blank lines, tabs, CRLF, padding and no final newline are all fine. */
	assert_int_equal(sw_stats_parse(&st,
					"\n  \n a\t1 \r\nb   2\r\n\t\nc 3", "t",
					NULL), 0);
	assert_int_equal(st.n, 3);
	assert_int_equal(sw_stats_u64(&st, "a", &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(sw_stats_u64(&st, "c", &u), 0);
	assert_int_equal(u, 3);
	sw_stats_free(&st);

	sw_stats_init(&st);
	assert_int_equal(sw_stats_parse(&st, "", "t", NULL), 0);
	assert_int_equal(st.n, 0);
	sw_stats_free(&st);
}

static void test_malformed_lines(void **state)
{
	struct sw_stats st;
	struct swerr e;
	uint64_t u;

	(void)state;
	sw_stats_init(&st);
	assert_int_equal(sw_stats_parse(&st,
					"ops 1\n"
					"lonely\n"		/* no value */
					"a b c\n"		/* too many fields */
					"bad$key 3\n"		/* not a key */
					"ops 2\n"		/* repeated key */
					"frees 4\n",
					"/sys/kernel/debug/slabwall/stats", &e),
			 4);
	assert_int_equal(st.malformed, 4);
	/* The good lines are kept; a repeat does not replace the first. */
	assert_int_equal(st.n, 2);
	assert_int_equal(sw_stats_u64(&st, "ops", &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(sw_stats_u64(&st, "frees", &u), 0);
	assert_int_equal(u, 4);
	/* The message names the file, the line and its text. */
	assert_non_null(strstr(e.msg, "/sys/kernel/debug/slabwall/stats"));
	assert_non_null(strstr(e.msg, "line 2"));
	assert_non_null(strstr(e.msg, "\"lonely\""));
	sw_stats_free(&st);
}

static void test_long_key_is_malformed(void **state)
{
	char text[600];
	struct sw_stats st;

	(void)state;
	memset(text, 'k', 300);
	strcpy(text + 300, " 1\nok 2\n");
	sw_stats_init(&st);
	assert_int_equal(sw_stats_parse(&st, text, "t", NULL), 1);
	assert_int_equal(st.n, 1);
	sw_stats_free(&st);
}

static void test_parse_appends(void **state)
{
	struct sw_stats st;
	char line[64];
	uint64_t u;
	size_t i;

	(void)state;
	sw_stats_init(&st);
	/* Enough keys to grow the table several times. */
	for (i = 0; i < 1000; i++) {
		snprintf(line, sizeof(line), "cpu%zu.ops %zu\n", i, i * 3);
		assert_int_equal(sw_stats_parse(&st, line, "t", NULL), 0);
	}
	assert_int_equal(st.n, 1000);
	assert_int_equal(sw_stats_cpu_u64(&st, 999, "ops", &u), 0);
	assert_int_equal(u, 2997);
	sw_stats_free(&st);
	assert_int_equal(st.n, 0);
	assert_null(st.v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_example),
		cmocka_unit_test(test_value_kinds),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_per_cpu_keys),
		cmocka_unit_test(test_white_space),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_long_key_is_malformed),
		cmocka_unit_test(test_parse_appends),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
