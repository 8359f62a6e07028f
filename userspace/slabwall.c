// SPDX-License-Identifier: GPL-2.0
/* slabwall: drive the slabwall module and read the slab allocator's books. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

#ifndef SLABWALL_VERSION
#define SLABWALL_VERSION "0.1"	/* the Makefile passes dkms.conf's */
#endif

static const struct subcmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} subcmds[] = {
	{ "run", cmd_run, "set knobs, run once, show stats and slab deltas" },
	{ "stats", cmd_stats, "show the last run's stats" },
	{ "sweep", cmd_sweep, "run a grid of knob values, write CSV, JSON, table, knees" },
	{ "plot", cmd_plot, "draw a sweep's CSV with gnuplot (SVG or PNG)" },
	{ "slabs", cmd_slabs, "slab caches as SLUB counts them, once or watched" },
	{ "tune", cmd_tune, "set a cache's cpu_partial/min_partial, or restore them" },
	{ "compare", cmd_compare, "a CSV's rows against a base value: throughput ratio, p99 change" },
	{ "trace", cmd_trace, "record, report or count allocator events of a run (tracefs)" },
	{ "flame", cmd_flame, "a kernel flame graph of a run: perf stacks, folded, SVG" },
	{ "calibrate", cmd_calibrate, "time a bare alloc + free per pattern on one CPU" },
};

#define NR_SUBCMDS (sizeof(subcmds) / sizeof(subcmds[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"usage: slabwall [--debugfs DIR] COMMAND [OPTIONS]\n"
		"       slabwall help COMMAND | --help | --version\n"
		"\n"
		"Commands:\n");
	for (i = 0; i < NR_SUBCMDS; i++)
		fprintf(f, "  %-9s %s\n", subcmds[i].name, subcmds[i].summary);
	fprintf(f,
		"\n"
		"The module must be loaded and debugfs mounted; most commands need root.\n"
		"The module's directory is %s, or $%s, or\n"
		"--debugfs DIR (where debugfs is mounted elsewhere).\n"
		"'slabwall COMMAND --help' tells more.\n", SW_DEFAULT_DIR, SW_DIR_ENV);
}

static const struct subcmd *find(const char *name)
{
	size_t i;

	for (i = 0; i < NR_SUBCMDS; i++)
		if (!strcmp(subcmds[i].name, name))
			return &subcmds[i];
	return NULL;
}

/*
 * The command's argv[0] is what getopt puts before its complaints: the
 * whole command, "slabwall run", not "run".
 */
static int call(const struct subcmd *cmd, int argc, char **argv)
{
	char prog[64];

	snprintf(prog, sizeof(prog), "slabwall %s", cmd->name);
	argv[0] = prog;
	return cmd->fn(argc, argv);
}

/*
 * --debugfs DIR or --debugfs=DIR before the command: the module's
 * directory, handed on as $SLABWALL_DEBUGFS so that every command and
 * anything it runs sees it.  Returns how many arguments it took, or -1.
 */
static int global_debugfs(int argc, char **argv)
{
	const char *dir = NULL;
	int used = 0;

	if (!strncmp(argv[1], "--debugfs=", 10)) {
		dir = argv[1] + 10;
		used = 1;
	} else if (!strcmp(argv[1], "--debugfs")) {
		dir = argc > 2 ? argv[2] : NULL;
		used = 2;
	}
	if (!used)
		return 0;
	if (!dir || !*dir) {
		fprintf(stderr,
			"slabwall: --debugfs: which directory? (slabwall --debugfs DIR COMMAND)\n");
		return -1;
	}
	if (setenv(SW_DIR_ENV, dir, 1)) {
		perror("slabwall: --debugfs");
		return -1;
	}
	return used;
}

int main(int argc, char **argv)
{
	const struct subcmd *cmd;
	char *help_argv[] = { NULL, "--help", NULL };
	const char *name;
	int skip;

	if (argc >= 2) {
		skip = global_debugfs(argc, argv);
		if (skip < 0)
			return EXIT_USAGE;
		argc -= skip;
		argv += skip;
	}
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	name = argv[1];
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("slabwall %s\n", SLABWALL_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "help")) {
		if (argc < 3) {
			usage(stdout);
			return EXIT_OK;
		}
		name = argv[2];
		cmd = find(name);
		if (!cmd)
			goto unknown;
		return call(cmd, 2, help_argv);
	}
	cmd = find(name);
	if (!cmd)
		goto unknown;
	return call(cmd, argc - 1, argv + 1);
unknown:
	fprintf(stderr, "slabwall: unknown command \"%s\"\n\n", name);
	usage(stderr);
	return EXIT_USAGE;
}
