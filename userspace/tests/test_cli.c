// SPDX-License-Identifier: GPL-2.0
/*
 * The slabwall command as a user meets it: what getopt says about a bad
 * option, and where it looks for the module's debugfs directory.  Runs
 * the built ./slabwall (make test builds it first).
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakefs.h"

#define TOOL "./slabwall"

/* Reads all of @fd into @buf (NUL-terminated, cut at @len - 1). */
static void slurp(int fd, char *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;

	while (n + 1 < len && (r = read(fd, buf + n, len - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
}

/*
 * Runs TOOL with @args (NULL-terminated, without argv[0]), SLABWALL_DEBUGFS
 * set to @env_dir (unset when NULL); @out gets stdout, @err stderr.
 * Returns the exit status.
 */
static int tool(const char *const *args, const char *env_dir, char *out,
		char *err, size_t len)
{
	char *argv[16] = { TOOL };
	int po[2], pe[2], status;
	size_t i;
	pid_t pid;

	for (i = 0; args[i] && i + 2 < 16; i++)
		argv[i + 1] = (char *)args[i];
	assert_int_equal(pipe(po), 0);
	assert_int_equal(pipe(pe), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		dup2(po[1], STDOUT_FILENO);
		dup2(pe[1], STDERR_FILENO);
		close(po[0]);
		close(pe[0]);
		if (env_dir)
			setenv("SLABWALL_DEBUGFS", env_dir, 1);
		else
			unsetenv("SLABWALL_DEBUGFS");
		execv(TOOL, argv);
		fprintf(stderr, "cannot run %s: %s\n", TOOL, strerror(errno));
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	/* Small outputs: one pipe after the other does not block. */
	slurp(po[0], out, len);
	slurp(pe[0], err, len);
	close(po[0]);
	close(pe[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_getopt_names_the_command(void **state)
{
	static const char *const cmds[][3] = {
		{ "run" }, { "stats" }, { "sweep" }, { "plot" }, { "slabs" },
		{ "tune" }, { "compare" }, { "flame" }, { "calibrate" },
		{ "trace", "record" }, { "trace", "report" }, { "trace", "hist" },
	};
	char out[4096], err[4096], want[64];
	const char *args[4];
	size_t i;
	int ret;

	(void)state;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		args[0] = cmds[i][0];
		args[1] = cmds[i][1] ? cmds[i][1] : "--no-such-option";
		args[2] = cmds[i][1] ? "--no-such-option" : NULL;
		args[3] = NULL;
		ret = tool(args, NULL, out, err, sizeof(out));
		snprintf(want, sizeof(want), "slabwall %s%s%s: unrecognized option '--no-such-option'\n",
			 cmds[i][0], cmds[i][1] ? " " : "",
			 cmds[i][1] ? cmds[i][1] : "");
		if (strncmp(err, want, strlen(want)))
			fail_msg("want \"%s\", got \"%s\"", want, err);
		assert_int_equal(ret, 2);
	}
}

/* A fake module directory with a stats file no kernel would write. */
static int fake_module(void **state)
{
	fake_setup(state);
	fake_write(*state, "slabwall/control", "done\n");
	fake_write(*state, "slabwall/stats", "state done\nops 4242\n");
	return 0;
}

static void test_debugfs_override(void **state)
{
	char dir[4096], out[4096], err[4096];
	const char *env[] = { "stats", "--raw", NULL };
	const char *opt[] = { "--debugfs", dir, "stats", "--raw", NULL };
	const char *eq[] = { "--debugfs=", "stats", NULL };
	const char *bare[] = { "--debugfs", NULL };

	snprintf(dir, sizeof(dir), "%s/slabwall", (char *)*state);
	/* The environment... */
	assert_int_equal(tool(env, dir, out, err, sizeof(out)), 0);
	assert_string_equal(out, "state done\nops 4242\n");
	/* ...and the global option, which wins over it. */
	assert_int_equal(tool(opt, "/nonexistent", out, err, sizeof(out)), 0);
	assert_string_equal(out, "state done\nops 4242\n");
	/* No directory: a usage error that says so. */
	assert_int_equal(tool(eq, NULL, out, err, sizeof(out)), 2);
	assert_non_null(strstr(err, "slabwall: --debugfs"));
	assert_int_equal(tool(bare, NULL, out, err, sizeof(out)), 2);
	assert_non_null(strstr(err, "slabwall: --debugfs"));
}

/*
 * The options that write a knob are checked against its range before
 * the module is touched: sweep --node, run --mem-limit (no module here).
 */
static void test_knob_options_checked(void **state)
{
	static const struct {
		const char *args[6];
		const char *want;
	} cases[] = {
		{ { "run", "--mem-limit", "10", NULL },
		  "--mem-limit 10: out of range, mem_limit_kb takes" },
		{ { "run", "--mem-limit", "lots", NULL },
		  "--mem-limit \"lots\": not a whole number" },
		{ { "sweep", "--node", "1024", "--out", "/nonexistent/x", NULL },
		  "--node 1024: out of range, alloc_node takes" },
		{ { "sweep", "--node", "-2", "--out", "/nonexistent/x", NULL },
		  "--node -2: out of range, alloc_node takes" },
		{ { "sweep", "--node", "one", "--out", "/nonexistent/x", NULL },
		  "--node \"one\": not a whole number" },
		{ { "calibrate", "--loops", "0", NULL },
		  "--loops \"0\": not a whole number in 1..10000000" },
		{ { "calibrate", "--loops", "10000001", NULL },
		  "--loops \"10000001\": not a whole number in 1.." },
		{ { "calibrate", "--size", "0", NULL },
		  "--size 0: out of range, object_size takes" },
		{ { "calibrate", "--name-len", "many", NULL },
		  "--name-len \"many\": not a whole number" },
		{ { "calibrate", "--cpu", "100000", NULL },
		  "--cpu 100000: not a CPU this process may run on" },
		{ { "calibrate", "extra", NULL },
		  "unexpected argument \"extra\"" },
	};
	static const struct {
		const char *args[3];
		const char *want;
	} help[] = {
		{ { "run", "--help", NULL }, "--mem-limit KB" },
		{ { "run", "--help", NULL }, "--node N" },
		{ { "sweep", "--help", NULL }, "--node N" },
		{ { "calibrate", "--help", NULL }, "--loops N" },
		{ { "--help", NULL }, "calibrate" },
	};
	char out[8192], err[8192];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(tool(cases[i].args, "/nonexistent", out, err,
				      sizeof(out)), 2);
		if (!strstr(err, cases[i].want))
			fail_msg("%s %s: want \"%s\", got \"%s\"",
				 cases[i].args[0], cases[i].args[1],
				 cases[i].want, err);
	}
	for (i = 0; i < sizeof(help) / sizeof(help[0]); i++) {
		assert_int_equal(tool(help[i].args, NULL, out, err,
				      sizeof(out)), 0);
		if (!strstr(out, help[i].want))
			fail_msg("%s --help: no \"%s\"", help[i].args[0],
				 help[i].want);
	}
}

/*
 * calibrate against a fake module: the knob given and the count written,
 * the calibration file read back as a table, as JSON, and loops 0 refused.
 */
static void test_calibrate_fake(void **state)
{
	const char *table[] = { "calibrate", "--loops", "16", "--size", "64", NULL };
	const char *json[] = { "calibrate", "--json", NULL };
	char dir[4096], out[4096], err[4096];

	snprintf(dir, sizeof(dir), "%s/slabwall", (char *)*state);
	fake_write(*state, "slabwall/object_size", "256\n");
	fake_write(*state, "slabwall/calibration",
		   "loops 16\ncpu 0\nkmalloc_size 64\ndata_size 0\nname_len 24\n"
		   "empty_ns 1.000\nempty_cycles 2.000\n"
		   "skb_cache slabwall_skbuff_head\nskb_ns 10.500\nskb_cycles 20.000\n"
		   "skb_object_ns 30.000\nskb_object_cycles 60.000\n"
		   "kmalloc_cache kmalloc\nkmalloc_ns 7.000\nkmalloc_cycles 14.000\n");
	assert_int_equal(tool(table, dir, out, err, sizeof(out)), 0);
	assert_string_equal(fake_read(*state, "slabwall/control"), "calibrate 16\n");
	assert_string_equal(fake_read(*state, "slabwall/object_size"), "64\n");
	assert_non_null(strstr(out, "16 loops, kmalloc_size 64"));
	assert_non_null(strstr(out, "slabwall_skbuff_head"));
	assert_non_null(strstr(out, "30.000"));

	/* Without --loops: the module's own count. */
	assert_int_equal(tool(json, dir, out, err, sizeof(out)), 0);
	assert_string_equal(fake_read(*state, "slabwall/control"), "calibrate\n");
	assert_non_null(strstr(out, "\"patterns\": ["));
	assert_non_null(strstr(out, "\"object_ns\": null"));

	fake_write(*state, "slabwall/calibration", "loops 0\n");
	assert_int_equal(tool(json, dir, out, err, sizeof(out)), 1);
	assert_non_null(strstr(err, "loops 0"));
	assert_non_null(strstr(err, "slabwall/calibration"));
	fake_write(*state, "slabwall/calibration", "loops 1\ncpu x\n");
	assert_int_equal(tool(json, dir, out, err, sizeof(out)), 1);
	assert_non_null(strstr(err, "slabwall/calibration line 2: cpu \"x\""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_getopt_names_the_command),
		cmocka_unit_test(test_knob_options_checked),
		cmocka_unit_test_setup_teardown(test_debugfs_override,
						fake_module, fake_teardown),
		cmocka_unit_test_setup_teardown(test_calibrate_fake,
						fake_module, fake_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
