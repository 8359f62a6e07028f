// SPDX-License-Identifier: GPL-2.0
/*
 * The debugfs client against a fake module directory.  Regular files cannot
 * return EBUSY or E2BIG, so those are covered through sw_explain().
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

#include "fakefs.h"
#include "swctl.h"

struct fake {
	char *root;
	char dir[4096];		/* root/slabwall, the module's directory */
};

static int setup(void **state)
{
	struct fake *f = calloc(1, sizeof(*f));

	f->root = fake_mkdtemp();
	snprintf(f->dir, sizeof(f->dir), "%s/slabwall", f->root);
	fake_write(f->root, "slabwall/control", "idle\n");
	fake_write(f->root, "slabwall/allocs_per_op", "8\n");
	fake_write(f->root, "slabwall/pattern", "skb\n");
	fake_write(f->root, "slabwall/mem_limit_kb", "131072\n");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fake *f = *state;

	fake_rmtree(f->root);
	free(f->root);
	free(f);
	return 0;
}

static void test_check(void **state)
{
	struct fake *f = *state;
	char missing[4200];
	struct swerr e;

	assert_int_equal(sw_check(f->dir, &e), 0);
	/* A parent that is not debugfs: said so, with the mount command. */
	snprintf(missing, sizeof(missing), "%s/nodebugfs/slabwall", f->root);
	assert_int_equal(sw_check(missing, &e), -ENOENT);
	assert_non_null(strstr(e.msg, "debugfs is not mounted"));
	assert_non_null(strstr(e.msg, "mount -t debugfs"));
	/* A directory without control is some other module. */
	fake_mkdir(f->root, "other/slabwall");
	snprintf(missing, sizeof(missing), "%s/other/slabwall", f->root);
	assert_int_equal(sw_check(missing, &e), -ENOENT);
	assert_non_null(strstr(e.msg, "no control file"));
}

static void test_set_and_get(void **state)
{
	struct fake *f = *state;
	char buf[64];
	struct swerr e;
	uint64_t v;

	assert_int_equal(sw_set(f->dir, "pattern", "dentry", &e), 0);
	assert_string_equal(fake_read(f->root, "slabwall/pattern"), "dentry\n");
	assert_int_equal(sw_get(f->dir, "pattern", buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "dentry");

	assert_int_equal(sw_set_u64(f->dir, "allocs_per_op", 4096, &e), 0);
	assert_string_equal(fake_read(f->root, "slabwall/allocs_per_op"), "4096\n");
	assert_int_equal(sw_get_u64(f->dir, "allocs_per_op", &v, &e), 0);
	assert_int_equal(v, 4096);

	/* Leading and trailing white space is not part of a value. */
	fake_write(f->root, "slabwall/rate", "  250 \n");
	assert_int_equal(sw_get_u64(f->dir, "rate", &v, &e), 0);
	assert_int_equal(v, 250);

	assert_int_equal(sw_get_u64(f->dir, "pattern", &v, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "pattern"));
	assert_non_null(strstr(e.msg, "\"dentry\""));
}

static void test_missing_knob(void **state)
{
	struct fake *f = *state;
	char buf[16];
	struct swerr e;

	assert_int_equal(sw_set(f->dir, "no_such_knob", "1", &e), -ENOENT);
	assert_non_null(strstr(e.msg, "no_such_knob"));
	assert_non_null(strstr(e.msg, "\"1\""));
	assert_int_equal(sw_get(f->dir, "no_such_knob", buf, sizeof(buf), &e),
			 -ENOENT);
	assert_non_null(strstr(e.msg, "no_such_knob"));
}

static void test_state(void **state)
{
	struct fake *f = *state;
	enum sw_state st;
	struct swerr e;

	assert_int_equal(sw_state(f->dir, &st, &e), 0);
	assert_int_equal(st, SW_IDLE);
	fake_write(f->root, "slabwall/control", "running\n");
	assert_int_equal(sw_state(f->dir, &st, &e), 0);
	assert_int_equal(st, SW_RUNNING);
	fake_write(f->root, "slabwall/control", "done\n");
	assert_int_equal(sw_state(f->dir, &st, &e), 0);
	assert_int_equal(st, SW_DONE);
	assert_string_equal(sw_state_name(SW_DONE), "done");

	fake_write(f->root, "slabwall/control", "exploded\n");
	assert_int_equal(sw_state(f->dir, &st, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "\"exploded\""));

	/* start, stop and reset are writes to control. */
	assert_int_equal(sw_start(f->dir, &e), 0);
	assert_string_equal(fake_read(f->root, "slabwall/control"), "start\n");
	assert_int_equal(sw_stop(f->dir, &e), 0);
	assert_string_equal(fake_read(f->root, "slabwall/control"), "stop\n");
	assert_int_equal(sw_reset(f->dir, &e), 0);
	assert_string_equal(fake_read(f->root, "slabwall/control"), "reset\n");
}

/* calibrate: the count written to control; a module without the file said so. */
static void test_calibrate(void **state)
{
	struct fake *f = *state;
	struct swerr e;
	char *text;

	assert_int_equal(sw_calibrate(f->dir, 2048, &e), 0);
	assert_string_equal(fake_read(f->root, "slabwall/control"), "calibrate 2048\n");
	assert_int_equal(sw_calibrate(f->dir, 0, &e), 0);
	assert_string_equal(fake_read(f->root, "slabwall/control"), "calibrate\n");

	assert_int_equal(sw_read_calibration(f->dir, &text, &e), -ENOENT);
	assert_null(text);
	assert_non_null(strstr(e.msg, "slabwall/calibration"));
	assert_non_null(strstr(e.msg, "older than this tool"));
	fake_write(f->root, "slabwall/calibration", "loops 0\n");
	assert_int_equal(sw_read_calibration(f->dir, &text, &e), 0);
	assert_string_equal(text, "loops 0\n");
	free(text);
}

static int calls;

static int count_calls(void *arg, unsigned long elapsed_ms)
{
	(void)elapsed_ms;
	calls++;
	return arg != NULL && calls >= 3;
}

static void test_wait(void **state)
{
	struct fake *f = *state;
	enum sw_state st = SW_IDLE;
	struct swerr e;

	fake_write(f->root, "slabwall/control", "done\n");
	calls = 0;
	assert_int_equal(sw_wait(f->dir, 1000, 1, count_calls, NULL, &st, &e), 0);
	assert_int_equal(st, SW_DONE);
	assert_int_equal(calls, 0);

	fake_write(f->root, "slabwall/control", "running\n");
	assert_int_equal(sw_wait(f->dir, 30, 5, count_calls, NULL, &st, &e),
			 -ETIMEDOUT);
	assert_true(calls > 0);
	assert_non_null(strstr(e.msg, "running"));

	/* The callback can end the wait, as a ^C does. */
	calls = 0;
	assert_int_equal(sw_wait(f->dir, 10000, 1, count_calls, &calls, &st, &e),
			 -EINTR);
	assert_int_equal(calls, 3);
}

static void test_read_stats(void **state)
{
	struct fake *f = *state;
	struct sw_stats st;
	struct swerr e;
	uint64_t v;

	fake_write(f->root, "slabwall/stats",
		   "state done\npattern skb\nops 10\nbroken\ncpu0.ops 10\n");
	sw_stats_init(&st);
	assert_int_equal(sw_read_stats(f->dir, &st, &e), 1);
	assert_non_null(strstr(e.msg, "slabwall/stats line 4"));
	assert_int_equal(sw_stats_u64(&st, "ops", &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(sw_stats_cpu_u64(&st, 0, "ops", &v), 0);
	sw_stats_free(&st);
}

static void test_dir_from_environment(void **state)
{
	struct fake *f = *state;
	char buf[32];
	struct swerr e;

	/* NULL is the default directory: $SLABWALL_DEBUGFS when set. */
	setenv("SLABWALL_DEBUGFS", f->dir, 1);
	assert_int_equal(sw_check(NULL, &e), 0);
	assert_int_equal(sw_set(NULL, "allocs_per_op", "16", &e), 0);
	assert_string_equal(fake_read(f->root, "slabwall/allocs_per_op"), "16\n");
	assert_int_equal(sw_get(NULL, "pattern", buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "skb");
	/* Set but empty: the default again. */
	setenv("SLABWALL_DEBUGFS", "", 1);
	assert_string_equal(sw_default_dir(), SW_DEFAULT_DIR);
	unsetenv("SLABWALL_DEBUGFS");
	assert_string_equal(sw_default_dir(), SW_DEFAULT_DIR);
}

static void test_explain(void **state)
{
	(void)state;
	assert_string_equal(sw_explain("allocs_per_op", -EBUSY),
			    "a run is already going");
	assert_string_equal(sw_explain("start", EBUSY), "a run is already going");
	assert_non_null(strstr(sw_explain("allocs_per_op", -EINVAL), "value refused"));
	assert_non_null(strstr(sw_explain("start", -EINVAL), "does not support"));
	assert_non_null(strstr(sw_explain("start", -E2BIG), "mem_limit_kb"));
	assert_non_null(strstr(sw_explain("pattern", -EACCES), "root"));

	assert_true(sw_refused(-EINVAL));
	assert_true(sw_refused(-EBUSY));
	assert_true(sw_refused(E2BIG));
	assert_false(sw_refused(-ENOENT));
	assert_false(sw_refused(-EIO));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_and_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_knob, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calibrate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wait, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_from_environment, setup, teardown),
		cmocka_unit_test(test_explain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
