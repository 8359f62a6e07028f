// SPDX-License-Identifier: GPL-2.0
/* What a recording lost, from per_cpu/cpuN/stats texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "trace_events.h"

/* Laid out as per_cpu/cpuN/stats is on 6.1 and 6.12, for a buffer that overflowed. */
static const char full[] =
	"entries: 1320\n"
	"overrun: 80913\n"
	"commit overrun: 0\n"
	"bytes: 57344\n"
	"oldest event ts:     8.197452\n"
	"now ts:     8.311027\n"
	"dropped events: 0\n"
	"read events: 0\n";

static void test_overrun_is_lost(void **state)
{
	struct te_lost l = { 0 };

	(void)state;
	te_lost_parse(full, &l);
	assert_int_equal(l.entries, 1320);
	/* "commit overrun" must not be read as "overrun". */
	assert_int_equal(l.lost, 80913);
}

static void test_dropped_adds_and_cpus_sum(void **state)
{
	struct te_lost l = { 0 };

	(void)state;
	te_lost_parse("entries: 5\noverrun: 0\ndropped events: 7\n", &l);
	te_lost_parse(full, &l);
	assert_int_equal(l.entries, 1325);
	assert_int_equal(l.lost, 80920);
}

static void test_missing_keys_are_zero(void **state)
{
	struct te_lost l = { 0 };

	(void)state;
	te_lost_parse("bytes: 4096\nentries:\n", &l);
	assert_int_equal(l.entries, 0);
	assert_int_equal(l.lost, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overrun_is_lost),
		cmocka_unit_test(test_dropped_adds_and_cpus_sum),
		cmocka_unit_test(test_missing_keys_are_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
