// SPDX-License-Identifier: GPL-2.0
/*
 * One run of the twin: every thread finishes at least one request, also
 * when the deadline has passed by the time it gets going (a loaded host:
 * duration 0 stands for that here), so a point always has a measurement.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "user_run.h"

static void late_threads_still_measure(void **state)
{
	static const char text[] = "{\"segments\": []}";
	struct urun_cfg c = {
		.mode = UREQ_PER_REQUEST, .nodes = 4, .threads = 2,
		.duration_ms = 0, .text = text, .text_len = sizeof(text) - 1,
	};
	struct urun_res r;
	char err[256] = "";

	(void)state;
	assert_int_equal(urun_one(&c, &r, err, sizeof(err)), 0);
	assert_true(r.ops >= 2);
	assert_true(r.busy_ns > 0);
	assert_true(r.pct.max > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(late_threads_still_measure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
