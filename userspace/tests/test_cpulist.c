// SPDX-License-Identifier: GPL-2.0
/* cpulist parsing and formatting, as the module's cpus knob and sysfs use it. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cpulist.h"
#include "fakefs.h"

/* Parses @in and checks it formats back as @out. */
static void round_trip(const char *in, const char *out)
{
	struct cpuset s;
	struct swerr e;
	char buf[256];

	if (cpulist_parse(in, &s, &e))
		fail_msg("\"%s\" refused: %s", in, e.msg);
	cpulist_format(&s, buf, sizeof(buf));
	if (strcmp(buf, out))
		fail_msg("\"%s\" formats as \"%s\", want \"%s\"", in, buf, out);
}

static void test_parse_and_format(void **state)
{
	(void)state;
	round_trip("0", "0");
	round_trip("0-3", "0-3");
	round_trip("0-3,6", "0-3,6");
	round_trip("6,0-3", "0-3,6");
	round_trip("0,1,2,3", "0-3");
	round_trip("0-2,1-4", "0-4");		/* overlapping */
	round_trip("5,5,5", "5");		/* repeated */
	round_trip("3-3", "3");
	round_trip("0,2,4-5,7", "0,2,4-5,7");
	round_trip("63-64", "63-64");		/* across a bitmap word */
	round_trip("8191", "8191");		/* the last CPU there can be */
	round_trip("0-1\n", "0-1");		/* as sysfs writes it */
	round_trip("  1-2 \t", "1-2");
	round_trip("", "");			/* sysfs' empty "offline" */
	round_trip("\n", "");
}

static void test_members(void **state)
{
	struct cpuset s, t, u;
	char buf[64];

	(void)state;
	assert_int_equal(cpulist_parse("1-3,64,100-101", &s, NULL), 0);
	assert_int_equal(cpuset_count(&s), 6);
	assert_false(cpuset_has(&s, 0));
	assert_true(cpuset_has(&s, 1));
	assert_true(cpuset_has(&s, 64));
	assert_false(cpuset_has(&s, 65));
	assert_false(cpuset_has(&s, CPUSET_MAX));
	assert_int_equal(cpuset_next(&s, -1), 1);
	assert_int_equal(cpuset_next(&s, 3), 64);
	assert_int_equal(cpuset_next(&s, 64), 100);
	assert_int_equal(cpuset_next(&s, 101), -1);

	assert_int_equal(cpulist_parse("0-127", &t, NULL), 0);
	assert_true(cpuset_subset(&s, &t));
	assert_false(cpuset_subset(&t, &s));

	/* 1-3,64,100-101 less 0-64: what is left past 64. */
	assert_int_equal(cpulist_parse("0-64", &t, NULL), 0);
	cpuset_minus(&s, &t, &u);
	cpulist_format(&u, buf, sizeof(buf));
	assert_string_equal(buf, "100-101");
	cpuset_minus(&t, &t, &u);
	assert_int_equal(cpuset_count(&u), 0);

	cpuset_clear(&t);
	assert_int_equal(cpuset_count(&t), 0);
	assert_int_equal(cpuset_next(&t, -1), -1);
}

static void test_rejects(void **state)
{
	static const char *const bad[] = {
		"a", "1,,2", "1-", "-1", ",", "1,", ",1", "3-1", "1-2-3",
		"1 2", "1;2", "8192", "0-8192", "99999999999999999999", "0x1",
		"1.5",
	};
	struct cpuset s;
	struct swerr e;
	char quoted[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (cpulist_parse(bad[i], &s, &e) != -EINVAL)
			fail_msg("\"%s\" was accepted", bad[i]);
		/* The message quotes the whole list. */
		snprintf(quoted, sizeof(quoted), "\"%s\"", bad[i]);
		if (!strstr(e.msg, quoted))
			fail_msg("message for \"%s\" does not quote it: %s",
				 bad[i], e.msg);
	}
}

static void test_format_truncates_like_snprintf(void **state)
{
	struct cpuset s;
	char buf[8];
	size_t n;

	(void)state;
	cpulist_parse("0-3,6,8,10-12", &s, NULL);
	n = cpulist_format(&s, buf, sizeof(buf));
	assert_int_equal(n, strlen("0-3,6,8,10-12"));
	assert_string_equal(buf, "0-3,6,8");
	/* Size only. */
	assert_int_equal(cpulist_format(&s, NULL, 0), n);
}

static void test_read_file(void **state)
{
	char *dir = fake_mkdtemp();
	char path[4096];
	struct cpuset s;
	struct swerr e;

	(void)state;
	snprintf(path, sizeof(path), "%s/online", dir);
	fake_write(dir, "online", "0-1\n");
	assert_int_equal(cpulist_read(path, &s, &e), 0);
	assert_int_equal(cpuset_count(&s), 2);

	fake_write(dir, "online", "0-x\n");
	assert_int_equal(cpulist_read(path, &s, &e), -EINVAL);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "0-x"));

	fake_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_format),
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_format_truncates_like_snprintf),
		cmocka_unit_test(test_read_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
