// SPDX-License-Identifier: GPL-2.0
/* The CSV writer (quoting, column counts, numbers) and reading it back. */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csvr.h"
#include "csvw.h"

struct mem {
	char *buf;
	size_t len;
	FILE *f;
	struct csvw w;
};

static void mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
	csvw_init(&m->w, m->f);
}

/* Closes the stream; the text stays in m->buf until mem_free(). */
static int mem_close(struct mem *m)
{
	int ret = csvw_finish(&m->w);

	fclose(m->f);
	return ret;
}

static void mem_free(struct mem *m)
{
	free(m->buf);
}

static void test_quoting(void **state)
{
	struct mem m;

	(void)state;
	mem_open(&m);
	csvw_str(&m.w, "plain");
	csvw_str(&m.w, "a,b");
	csvw_str(&m.w, "say \"hi\"");
	csvw_str(&m.w, "two\nlines");
	csvw_str(&m.w, " edge");
	csvw_str(&m.w, "");
	csvw_str(&m.w, NULL);
	csvw_str(&m.w, "0-1");
	csvw_end_line(&m.w);
	assert_int_equal(mem_close(&m), 0);
	assert_string_equal(m.buf,
			    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" edge\",,,0-1\n");
	mem_free(&m);

	assert_false(csv_needs_quotes("skb"));
	assert_false(csv_needs_quotes("mid space"));
	assert_true(csv_needs_quotes("tail "));
	assert_true(csv_needs_quotes("cr\r"));
}

static void test_numbers(void **state)
{
	struct mem m;

	(void)state;
	mem_open(&m);
	csvw_u64(&m.w, UINT64_MAX);
	csvw_i64(&m.w, -42);
	csvw_double(&m.w, 1018252);	/* whole: no fraction */
	csvw_double(&m.w, 937.453125);
	csvw_double(&m.w, 0.5);
	csvw_double(&m.w, -3);
	csvw_double(&m.w, NAN);		/* unknown: empty */
	csvw_double(&m.w, INFINITY);
	csvw_empty(&m.w);
	csvw_end_line(&m.w);
	assert_int_equal(mem_close(&m), 0);
	assert_string_equal(m.buf,
			    "18446744073709551615,-42,1018252,937.453125,0.5,-3,,,\n");
	mem_free(&m);
}

/* docs/csv.md: plain decimals, never e-notation, however large or tiny. */
static void test_no_e_notation(void **state)
{
	struct mem m;

	(void)state;
	mem_open(&m);
	csvw_double(&m.w, 1e20);		/* whole and large */
	csvw_double(&m.w, 12345678901.25);	/* large with a fraction */
	csvw_double(&m.w, 1.5e-7);		/* tiny */
	csvw_double(&m.w, -1.25e-9);
	csvw_double(&m.w, 0.000123456789012);	/* ten significant digits */
	csvw_end_line(&m.w);
	assert_int_equal(mem_close(&m), 0);
	assert_string_equal(m.buf,
			    "100000000000000000000,12345678901,0.00000015,-0.00000000125,0.000123456789\n");
	assert_null(strpbrk(m.buf, "eE"));
	mem_free(&m);
}

static void test_column_counts(void **state)
{
	struct mem m;

	(void)state;
	mem_open(&m);
	csvw_str(&m.w, "a");
	csvw_str(&m.w, "b");
	assert_int_equal(csvw_end_line(&m.w), 0);	/* the header sets 2 */
	assert_int_equal(m.w.ncols, 2);
	csvw_u64(&m.w, 1);
	csvw_u64(&m.w, 2);
	assert_int_equal(csvw_end_line(&m.w), 0);
	csvw_u64(&m.w, 1);
	assert_int_equal(csvw_end_line(&m.w), -EINVAL);	/* one short */
	csvw_u64(&m.w, 1);
	csvw_u64(&m.w, 2);
	assert_int_equal(csvw_end_line(&m.w), 0);
	/* The error sticks to the file. */
	assert_int_equal(mem_close(&m), -EINVAL);
	mem_free(&m);

	mem_open(&m);
	csvw_str(&m.w, "a");
	csvw_end_line(&m.w);
	csvw_u64(&m.w, 1);
	csvw_u64(&m.w, 2);
	assert_int_equal(csvw_end_line(&m.w), -EINVAL);	/* one too many */
	mem_close(&m);
	mem_free(&m);
}

static void test_round_trip(void **state)
{
	const char *const fields[] = {
		"name", "a,b", "q\"uote", "multi\nline", " sp ", "",
	};
	const size_t n = sizeof(fields) / sizeof(fields[0]);
	struct csv_table t;
	struct swerr e;
	struct mem m;
	size_t i;

	(void)state;
	mem_open(&m);
	for (i = 0; i < n; i++)
		csvw_str(&m.w, i ? "x" : "h");		/* header */
	csvw_end_line(&m.w);
	for (i = 0; i < n; i++)
		csvw_str(&m.w, fields[i]);
	csvw_end_line(&m.w);
	assert_int_equal(mem_close(&m), 0);

	if (csv_parse(m.buf, "mem", &t, &e))
		fail_msg("parse: %s", e.msg);
	assert_int_equal(t.ncols, n);
	assert_int_equal(t.nrows, 1);
	for (i = 0; i < n; i++)
		assert_string_equal(t.rows[0][i], fields[i]);
	assert_int_equal(csv_col(&t, "h"), 0);
	assert_int_equal(csv_col(&t, "nope"), -1);
	csv_free(&t);
	mem_free(&m);
}

static void test_reader_rejects(void **state)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "a,b\n1\n", "line 2: 1 fields, the header has 2" },
		{ "a,b\n1,2,3\n", "line 2: 3 fields" },
		{ "a\n\"open\n", "line 2: bad quoting" },
		{ "a\nx\"y\n", "line 2: bad quoting" },
		{ "a\n\"q\"x\n", "line 2: bad quoting" },
		{ "", "empty" },
		{ "\n\n", "empty" },
	};
	struct csv_table t;
	struct swerr e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(csv_parse(bad[i].text, "f.csv", &t, &e), -EINVAL);
		if (!strstr(e.msg, bad[i].want) || !strstr(e.msg, "f.csv"))
			fail_msg("\"%s\": \"%s\" lacks \"%s\"", bad[i].text, e.msg,
				 bad[i].want);
		assert_null(t.head);
	}
}

static void test_reader_line_ends(void **state)
{
	struct csv_table t;
	struct swerr e;

	(void)state;
	/* CRLF, a blank line, no newline at the end, a quoted line break. */
	assert_int_equal(csv_parse("a,b\r\n1,2\r\n\r\n\"x\ny\",4", "f", &t, &e), 0);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[0][1], "2");
	assert_string_equal(t.rows[1][0], "x\ny");
	assert_string_equal(t.rows[1][1], "4");
	csv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_no_e_notation),
		cmocka_unit_test(test_column_counts),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_reader_rejects),
		cmocka_unit_test(test_reader_line_ends),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
