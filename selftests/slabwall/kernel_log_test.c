// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, last: nothing in the kernel log says the runs before
 * broke something.  A program of its own, run after the others, with no fixture
 * setup so that it runs even when the module is gone.
 */
#define _GNU_SOURCE
#include <string.h>

/* The harness has an unused handler parameter; keep -Wextra quiet. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop
/* TEST_F()'s wrapper sets a local between setjmp() and longjmp(). */
#pragma GCC diagnostic ignored "-Wclobbered"
#include "sw_util.h"

FIXTURE(kernel_log) {
	int unused;
};

FIXTURE_SETUP(kernel_log)
{
}

FIXTURE_TEARDOWN(kernel_log)
{
}

TEST_F_TIMEOUT(kernel_log, dmesg_clean, 120)
{
	/*
	 * WARN() and lockdep start their message with "WARNING:", oopses and
	 * SLUB debug reports with "BUG:" or "BUG <cache> (...)"; some boot
	 * notes carry "WARNING:" mid-line and are not failures.
	 */
	static const char *const bad[] = {
		"^WARNING:", "^BUG:", "^BUG ", "kernel BUG at", "Oops",
		"Objects remaining", "soft lockup", "still has objects",
		"blocked for more than",
	};
	char line[1024];
	int found;

	found = swt_kmsg_find(bad, ARRAY_SIZE(bad), line, sizeof(line));
	if (found < 0)
		SKIP(return, "cannot read the kernel log: %s",
		     strerror(-found));
	EXPECT_EQ(0, found) TH_LOG("kernel log: %s", line);
}

TEST_HARNESS_MAIN
