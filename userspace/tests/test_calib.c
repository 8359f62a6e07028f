// SPDX-License-Identifier: GPL-2.0
/*
 * The calibration file's parser and printers on sample texts: today's
 * file, one never calibrated (loops 0), one of an older module without
 * the whole-object keys and sizes, and malformed ones.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "calib.h"
#include "calib_print.h"

#define PATH "slabwall/calibration"

/* As the module writes it: five patterns, skb and dentry timed whole. */
static const char today[] =
	"loops 2048\n"
	"cpu 1\n"
	"kmalloc_size 256\n"
	"data_size 0\n"
	"name_len 24\n"
	"empty_ns 1.234\n"
	"empty_cycles 3.210\n"
	"skb_cache slabwall_skbuff_head\n"
	"skb_ns 98.765\n"
	"skb_cycles 256.789\n"
	"skb_object_ns 104.321\n"
	"skb_object_cycles 270.123\n"
	"dentry_cache slabwall_dentry\n"
	"dentry_ns 80.000\n"
	"dentry_cycles 200.500\n"
	"dentry_object_ns 150.250\n"
	"dentry_object_cycles 390.001\n"
	"kmalloc_cache kmalloc\n"
	"kmalloc_ns 40.100\n"
	"kmalloc_cycles 0.000\n"
	"real_skb_cache skbuff_head_cache\n"
	"real_skb_ns 300.000\n"
	"real_skb_cycles 0.000\n"
	"real_dentry_cache dentry\n"
	"real_dentry_ns 0.000\n"
	"real_dentry_cycles 0.000\n";

/* An older module: no sizes but kmalloc's, no whole objects. */
static const char older[] =
	"loops 100000\n"
	"cpu 0\n"
	"kmalloc_size 64\n"
	"empty_ns 0.500\n"
	"empty_cycles 1.000\n"
	"skb_cache slabwall_skbuff_head\n"
	"skb_ns 20.000\n"
	"skb_cycles 50.000\n"
	"kmalloc_cache kmalloc\n"
	"kmalloc_ns 25.000\n"
	"kmalloc_cycles 60.000\n";

static void test_today(void **state)
{
	struct calib c;
	struct swerr e;

	(void)state;
	assert_int_equal(calib_parse(PATH, today, &c, &e), 0);
	assert_int_equal(c.loops, 2048);
	assert_int_equal(c.cpu, 1);
	assert_int_equal(c.kmalloc_size, 256);
	assert_true(c.has_sizes);
	assert_int_equal(c.data_size, 0);
	assert_int_equal(c.name_len, 24);
	assert_float_equal(c.empty.ns, 1.234, 1e-4);
	assert_float_equal(c.empty.cycles, 3.21, 1e-4);
	assert_int_equal(c.nr_rows, 5);
	assert_string_equal(c.rows[0].pattern, "skb");
	assert_string_equal(c.rows[0].cache, "slabwall_skbuff_head");
	assert_float_equal(c.rows[0].pair.ns, 98.765, 1e-4);
	assert_float_equal(c.rows[0].pair.cycles, 256.789, 1e-4);
	assert_true(c.rows[0].has_object);
	assert_float_equal(c.rows[0].object.ns, 104.321, 1e-4);
	assert_float_equal(c.rows[0].object.cycles, 270.123, 1e-4);
	assert_string_equal(c.rows[1].pattern, "dentry");
	assert_true(c.rows[1].has_object);
	assert_float_equal(c.rows[1].object.cycles, 390.001, 1e-4);
	assert_string_equal(c.rows[2].pattern, "kmalloc");
	assert_false(c.rows[2].has_object);
	/* Underscores in a pattern's name stay in it. */
	assert_string_equal(c.rows[3].pattern, "real_skb");
	assert_string_equal(c.rows[3].cache, "skbuff_head_cache");
	assert_float_equal(c.rows[3].pair.ns, 300.0, 1e-4);
	assert_false(c.rows[3].has_object);
	assert_string_equal(c.rows[4].pattern, "real_dentry");
}

static void test_never_calibrated(void **state)
{
	char out[512] = "";
	struct calib c;
	struct swerr e;
	FILE *f;

	(void)state;
	assert_int_equal(calib_parse(PATH, "loops 0\n", &c, &e), 0);
	assert_int_equal(c.loops, 0);
	assert_int_equal(c.nr_rows, 0);
	f = fmemopen(out, sizeof(out), "w");
	calib_print_table(f, &c);
	fclose(f);
	assert_non_null(strstr(out, "no calibration yet"));
}

static void test_older_module(void **state)
{
	struct calib c;
	struct swerr e;

	(void)state;
	assert_int_equal(calib_parse(PATH, older, &c, &e), 0);
	assert_int_equal(c.loops, 100000);
	assert_false(c.has_sizes);
	assert_int_equal(c.nr_rows, 2);
	assert_false(c.rows[0].has_object);
	assert_false(c.rows[1].has_object);
	assert_float_equal(c.rows[1].pair.cycles, 60.0, 1e-4);
}

/* The table: a row per pattern, the object columns blank without them. */
static void test_table(void **state)
{
	char out[4096] = "", *line;
	struct calib c;
	struct swerr e;
	FILE *f;

	(void)state;
	assert_int_equal(calib_parse(PATH, today, &c, &e), 0);
	f = fmemopen(out, sizeof(out), "w");
	calib_print_table(f, &c);
	fclose(f);
	assert_non_null(strstr(out, "CPU 1, 2048 loops, kmalloc_size 256, data_size 0, name_len 24"));
	line = strstr(out, "\nskb ");
	assert_non_null(line);
	assert_non_null(strstr(line, "98.765"));
	assert_non_null(strstr(line, "104.321"));
	line = strstr(out, "\nkmalloc ");
	assert_non_null(line);
	/* 40.100 and 0.000, then the end of the line: no object columns. */
	assert_non_null(strstr(line, "0.000\n"));
	assert_non_null(strstr(out, "\nreal_dentry "));

	assert_int_equal(calib_parse(PATH, older, &c, &e), 0);
	f = fmemopen(out, sizeof(out), "w");
	calib_print_table(f, &c);
	fclose(f);
	assert_non_null(strstr(out, "CPU 0, 100000 loops, kmalloc_size 64;"));
	assert_null(strstr(out, "data_size"));
	line = strstr(out, "\nskb ");
	assert_non_null(line);
	assert_non_null(strstr(line, "50.000\n"));
}

static void test_json(void **state)
{
	char out[8192] = "";
	struct calib c;
	struct swerr e;
	struct jw w;
	FILE *f;

	(void)state;
	assert_int_equal(calib_parse(PATH, today, &c, &e), 0);
	f = fmemopen(out, sizeof(out), "w");
	jw_init(&w, f);
	jw_begin_obj(&w, NULL);
	calib_print_json(&w, &c);
	jw_end_obj(&w);
	fclose(f);
	assert_non_null(strstr(out, "\"loops\": 2048"));
	assert_non_null(strstr(out, "\"patterns\": ["));
	assert_non_null(strstr(out, "\"object_ns\": 104.321"));
	assert_non_null(strstr(out, "\"object_ns\": null"));
	assert_non_null(strstr(out, "\"pattern\": \"real_dentry\""));
}

/* Each malformed text: refused, the line and the value named. */
static void test_malformed(void **state)
{
	static const struct {
		const char *text;
		const char *said;
	} cases[] = {
		{ "", "no loops line" },
		{ "loops many\n", "loops \"many\": not a whole number" },
		{ "loops 1\ncpu 0\nkmalloc_size 8\nskb_ns -1\n", "line 4: skb_ns \"-1\"" },
		{ "loops 1\ncpu 0\nkmalloc_size 8\nskb_ns 1.0\nskb_ns 2.0\n", "line 5: skb_ns \"2.0\": given twice" },
		{ "loops 1\ncpu 0\nkmalloc_size 8\nskb_ns 1.0\n", "pattern skb without" },
		{ "loops 1\ncpu 0\nkmalloc_size 8\nskb_ns 1\nskb_cycles 1\nskb_object_ns 2\n", "only one of skb_object_ns" },
		{ "loops 1\ncpu 0\nkmalloc_size 8\n", "no pattern's costs" },
		{ "loops 1\nkmalloc_size 8\nskb_ns 1\nskb_cycles 1\n", "no cpu" },
		{ "loops 1\ncpu\n", "line 2: \"cpu\" is not a \"key value\" line" },
		{ "loops 1\ncpu 0 1\n", "line 2" },
	};
	struct calib c;
	struct swerr e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		e.msg[0] = '\0';
		assert_int_equal(calib_parse(PATH, cases[i].text, &c, &e),
				 -EINVAL);
		if (!strstr(e.msg, cases[i].said) || !strstr(e.msg, PATH))
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i,
				 e.msg, cases[i].said);
		assert_int_equal(c.nr_rows, 0);
	}
}

/* Keys this tool does not know are a newer module's: skipped. */
static void test_unknown_keys_skipped(void **state)
{
	struct calib c;
	struct swerr e;

	(void)state;
	assert_int_equal(calib_parse(PATH,
				     "loops 5\ncpu 0\nkmalloc_size 8\nfuture 7\n"
				     "skb_ns 1\nskb_cycles 2\nskb_object_p99 4\n",
				     &c, &e), 0);
	assert_int_equal(c.nr_rows, 1);
	assert_float_equal(c.rows[0].pair.cycles, 2.0, 1e-4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_never_calibrated),
		cmocka_unit_test(test_older_module),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_unknown_keys_skipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
