// SPDX-License-Identifier: GPL-2.0
/*
 * "slabwall tune" on a fake /sys/kernel/slab: argument errors, and saving
 * and restoring the old values through the state file.  A regular file
 * cannot answer EINVAL as the kernel does, so the "refused" exit code is
 * covered through tune_exit_for().
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "commands.h"
#include "fakefs.h"
#include "tune.h"
#include "tunestate.h"

#define RO_NUMBER "/proc/sys/kernel/ngroups_max"

struct fake {
	char *root;
	char state[PATH_MAX];	/* in directories that do not exist yet */
	char *out;		/* what the last call printed */
	size_t out_len;
	FILE *f;
};

static void make_cache(const char *root, const char *dir)
{
	fake_write_in(root, dir, "cpu_partial", "120\n");
	fake_write_in(root, dir, "min_partial", "5\n");
	fake_write_in(root, dir, "objects", "10 N0=10\n");
}

static int setup(void **state)
{
	struct fake *f = calloc(1, sizeof(*f));

	f->root = fake_mkdtemp();
	snprintf(f->state, sizeof(f->state), "%s/var/lib/slabwall/tune.saved",
		 f->root);
	make_cache(f->root, "slab/slabwall_dentry");
	make_cache(f->root, "slab/:0000256");
	fake_symlink(f->root, "slab/slabwall_skbuff_head", ":0000256");
	/* As a kernel without per-CPU partial slabs: no cpu_partial. */
	fake_write(f->root, "slab/nocpupartial/min_partial", "5\n");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fake *f = *state;

	if (f->f)
		fclose(f->f);
	free(f->out);
	fake_rmtree(f->root);
	free(f->root);
	free(f);
	return 0;
}

/* A fresh stream for the next call's output. */
static FILE *out(struct fake *f)
{
	if (f->f)
		fclose(f->f);
	free(f->out);
	f->out = NULL;
	f->f = open_memstream(&f->out, &f->out_len);
	assert_non_null(f->f);
	return f->f;
}

static const char *printed(struct fake *f)
{
	fflush(f->f);
	return f->out;
}

static char *slab_root(struct fake *f)
{
	static char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s/slab", f->root);
	return buf;
}

/* Parses a command line given as one string of words. */
static int parse(const char *line, struct tune_req *r, struct swerr *e)
{
	static char buf[512];
	char *argv[16], *save, *w;
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (w = strtok_r(buf, " ", &save); w && argc < 16;
	     w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	return tune_parse(argc, argv, r, e);
}

static int apply(struct fake *f, const char *line, struct swerr *e)
{
	struct tune_req r;

	assert_int_equal(parse(line, &r, e), EXIT_OK);
	return tune_apply(slab_root(f), f->state, &r, out(f), e);
}

static void test_parse_ok(void **state)
{
	struct tune_req r;
	struct swerr e;

	(void)state;
	assert_int_equal(parse("dentry cpu_partial=0 min_partial=10", &r, &e),
			 EXIT_OK);
	assert_string_equal(r.cache, "dentry");
	assert_true(r.set[TUNE_CPU_PARTIAL]);
	assert_int_equal(r.val[TUNE_CPU_PARTIAL], 0);
	assert_true(r.set[TUNE_MIN_PARTIAL]);
	assert_int_equal(r.val[TUNE_MIN_PARTIAL], 10);

	assert_int_equal(parse("dentry min_partial=3", &r, &e), EXIT_OK);
	assert_false(r.set[TUNE_CPU_PARTIAL]);
	assert_int_equal(parse(":0000256", &r, &e), EXIT_OK);
	assert_false(r.set[TUNE_CPU_PARTIAL] || r.set[TUNE_MIN_PARTIAL]);
}

static void test_parse_errors(void **state)
{
	static const struct {
		const char *line, *says;
	} cases[] = {
		{ "", "no cache named" },
		{ "a/b cpu_partial=1", "\"a/b\" is not a cache name" },
		{ ".. cpu_partial=1", "\"..\" is not a cache name" },
		{ "cpu_partial=1 dentry", "the cache comes first" },
		{ "dentry cpu_partial", "\"cpu_partial\": want KNOB=N" },
		{ "dentry partial=3", "\"partial\" in \"partial=3\" is not a knob" },
		{ "dentry =3", "\"\" in \"=3\" is not a knob" },
		{ "dentry cpu_partial=abc", "cpu_partial: \"abc\" is not a whole number" },
		{ "dentry min_partial=-1", "min_partial: \"-1\" is not a whole number" },
		{ "dentry min_partial=", "min_partial: \"\" is not a whole number" },
		{ "dentry cpu_partial=99999999999999999999",
		  "\"99999999999999999999\" is not a whole number" },
		{ "dentry min_partial=1 min_partial=2", "min_partial given twice" },
	};
	struct tune_req r;
	struct swerr e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strcpy(e.msg, "(nothing)");
		if (parse(cases[i].line, &r, &e) != EXIT_USAGE ||
		    !strstr(e.msg, cases[i].says))
			fail_msg("\"%s\": got \"%s\", want \"%s\"", cases[i].line,
				 e.msg, cases[i].says);
	}
}

static void test_round_trip(void **state)
{
	struct fake *f = *state;
	struct swerr e;

	assert_int_equal(apply(f, "slabwall_dentry cpu_partial=52 min_partial=7", &e),
			 EXIT_OK);
	assert_non_null(strstr(printed(f), "slabwall_dentry cpu_partial: 120 -> 52"));
	assert_non_null(strstr(printed(f), "slabwall_dentry min_partial: 5 -> 7"));
	assert_non_null(strstr(printed(f), f->state));
	assert_string_equal(fake_read(f->root, "slab/slabwall_dentry/cpu_partial"), "52\n");
	assert_string_equal(fake_read(f->root, "slab/slabwall_dentry/min_partial"), "7\n");
	/* The directories were made; comments, then one line per knob. */
	assert_non_null(strstr(fake_read(f->root, "var/lib/slabwall/tune.saved"),
			       "\nslabwall_dentry cpu_partial 120\nslabwall_dentry min_partial 5\n"));

	/* Again: the values from before slabwall stay the ones to restore. */
	assert_int_equal(apply(f, "slabwall_dentry cpu_partial=13", &e), EXIT_OK);
	assert_non_null(strstr(printed(f), "cpu_partial: 52 -> 13"));
	assert_non_null(strstr(printed(f), "120, saved earlier"));
	assert_string_equal(fake_read(f->root, "slab/slabwall_dentry/cpu_partial"), "13\n");
	assert_non_null(strstr(fake_read(f->root, "var/lib/slabwall/tune.saved"),
			       "slabwall_dentry cpu_partial 120\n"));

	assert_int_equal(tune_restore(slab_root(f), f->state, out(f), &e), EXIT_OK);
	assert_non_null(strstr(printed(f), "slabwall_dentry cpu_partial: 13 -> 120 (restored)"));
	assert_non_null(strstr(printed(f), "slabwall_dentry min_partial: 7 -> 5 (restored)"));
	assert_string_equal(fake_read(f->root, "slab/slabwall_dentry/cpu_partial"), "120\n");
	assert_string_equal(fake_read(f->root, "slab/slabwall_dentry/min_partial"), "5\n");
	assert_int_equal(access(f->state, F_OK), -1);

	/* Nothing left: says so, and is no failure. */
	assert_int_equal(tune_restore(slab_root(f), f->state, out(f), &e), EXIT_OK);
	assert_non_null(strstr(printed(f), "Nothing to restore"));
}

static void test_alias_saves_the_real_cache(void **state)
{
	struct fake *f = *state;
	struct swerr e;

	assert_int_equal(apply(f, "slabwall_skbuff_head min_partial=9", &e), EXIT_OK);
	assert_non_null(strstr(printed(f), "alias of :0000256"));
	assert_string_equal(fake_read(f->root, "slab/:0000256/min_partial"), "9\n");
	assert_non_null(strstr(fake_read(f->root, "var/lib/slabwall/tune.saved"),
			       "\n:0000256 min_partial 5\n"));
	/* The merged cache under its own name is the same knob: kept once. */
	assert_int_equal(apply(f, ":0000256 min_partial=11", &e), EXIT_OK);
	assert_int_equal(tune_restore(slab_root(f), f->state, out(f), &e), EXIT_OK);
	assert_string_equal(fake_read(f->root, "slab/:0000256/min_partial"), "5\n");
}

static void test_only_show(void **state)
{
	struct fake *f = *state;
	struct swerr e;

	assert_int_equal(apply(f, "nocpupartial", &e), EXIT_OK);
	assert_non_null(strstr(printed(f), "nocpupartial cpu_partial: - "));
	assert_non_null(strstr(printed(f), "nocpupartial min_partial: 5"));
	assert_int_equal(access(f->state, F_OK), -1);
}

static void test_apply_errors(void **state)
{
	struct fake *f = *state;
	struct swerr e;

	/* What the kernel refuses is 3, anything else 1. */
	assert_int_equal(tune_exit_for(-EINVAL), EXIT_REFUSED);
	assert_int_equal(tune_exit_for(-ERANGE), EXIT_REFUSED);
	assert_int_equal(tune_exit_for(-EACCES), EXIT_FAIL);
	assert_int_equal(tune_exit_for(-EISDIR), EXIT_FAIL);

	assert_int_equal(apply(f, "no_such cpu_partial=1", &e), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "slab/no_such"));
	assert_non_null(strstr(e.msg, "no such slab cache"));

	/* A knob this kernel lacks: named, and nothing written or saved. */
	assert_int_equal(apply(f, "nocpupartial min_partial=2 cpu_partial=1", &e),
			 EXIT_FAIL);
	assert_non_null(strstr(e.msg, "nocpupartial/cpu_partial"));
	assert_non_null(strstr(e.msg, "does not have"));
	assert_string_equal(fake_read(f->root, "slab/nocpupartial/min_partial"), "5\n");
	assert_int_equal(access(f->state, F_OK), -1);

	/*
	 * The second write fails: the first stays, and only it is saved.  A
	 * read-only sysctl is a number even root cannot write.
	 */
	if (access(RO_NUMBER, R_OK))
		skip();
	fake_rmtree(strcat(slab_root(f), "/slabwall_dentry/min_partial"));
	fake_symlink(f->root, "slab/slabwall_dentry/min_partial", RO_NUMBER);
	assert_int_equal(apply(f, "slabwall_dentry cpu_partial=8 min_partial=2", &e),
			 EXIT_FAIL);
	assert_non_null(strstr(e.msg, "slabwall_dentry/min_partial"));
	assert_non_null(strstr(e.msg, "\"2\""));
	assert_string_equal(fake_read(f->root, "slab/slabwall_dentry/cpu_partial"), "8\n");
	assert_null(strstr(fake_read(f->root, "var/lib/slabwall/tune.saved"),
			   "min_partial"));
	assert_non_null(strstr(fake_read(f->root, "var/lib/slabwall/tune.saved"),
			       "slabwall_dentry cpu_partial 120\n"));

}

static void test_restore_edge_cases(void **state)
{
	struct fake *f = *state;
	struct swerr e;

	/* A cache unloaded since: its values are dropped, the rest restored. */
	fake_write(f->root, "var/lib/slabwall/tune.saved",
		   "# comment\n\ngone_cache cpu_partial 30\n"
		   "slabwall_dentry min_partial 3\n");
	assert_int_equal(tune_restore(slab_root(f), f->state, out(f), &e), EXIT_OK);
	assert_non_null(strstr(printed(f), "gone_cache: gone"));
	assert_string_equal(fake_read(f->root, "slab/slabwall_dentry/min_partial"), "3\n");
	assert_int_equal(access(f->state, F_OK), -1);

	/* A failed write back stays in the file for next time. */
	fake_write(f->root, "var/lib/slabwall/tune.saved",
		   "nocpupartial cpu_partial 30\nslabwall_dentry min_partial 4\n");
	assert_int_equal(tune_restore(slab_root(f), f->state, out(f), &e), EXIT_FAIL);
	assert_non_null(strstr(e.msg, "nocpupartial/cpu_partial"));
	assert_non_null(strstr(e.msg, "1 value(s) not restored"));
	assert_string_equal(fake_read(f->root, "slab/slabwall_dentry/min_partial"), "4\n");
	assert_null(strstr(fake_read(f->root, "var/lib/slabwall/tune.saved"),
			   "slabwall_dentry"));
	assert_non_null(strstr(fake_read(f->root, "var/lib/slabwall/tune.saved"),
			       "nocpupartial cpu_partial 30\n"));

	/* A garbled file is named with its line, and left alone. */
	fake_write(f->root, "var/lib/slabwall/tune.saved",
		   "slabwall_dentry min_partial 4\nslabwall_dentry min_partial four\n");
	assert_int_equal(tune_restore(slab_root(f), f->state, out(f), &e), EXIT_FAIL);
	assert_non_null(strstr(e.msg, "tune.saved:2"));
	assert_string_equal(fake_read(f->root, "slab/slabwall_dentry/min_partial"), "4\n");
	assert_int_equal(access(f->state, F_OK), 0);
}

static void test_state_path(void **state)
{
	(void)state;
	unsetenv(TS_ENV);
	assert_string_equal(ts_path(), TS_DEFAULT_PATH);
	setenv(TS_ENV, "", 1);
	assert_string_equal(ts_path(), TS_DEFAULT_PATH);
	setenv(TS_ENV, "/tmp/x/tune.saved", 1);
	assert_string_equal(ts_path(), "/tmp/x/tune.saved");
	unsetenv(TS_ENV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ok),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alias_saves_the_real_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_show, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_edge_cases, setup, teardown),
		cmocka_unit_test(test_state_path),
	};

	return cmocka_run_group_tests_name("tune", tests, NULL, NULL);
}
