// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall trace: the tracer half.  record writes a trace.dat of a run,
 * report reads one (any trace-cmd file), hist counts in the kernel.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} trace_cmds[] = {
	{ "record", cmd_trace_record, "trace a run in a tracefs instance of its own, write trace.dat" },
	{ "report", cmd_trace_report, "per-cache allocations, cross-CPU frees, lifetimes of a trace.dat" },
	{ "hist", cmd_trace_hist, "the same counts and SLUB's slow paths, aggregated in the kernel" },
};

#define NR_TRACE_CMDS (sizeof(trace_cmds) / sizeof(trace_cmds[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: slabwall trace COMMAND [OPTIONS]\n\nCommands:\n");
	for (i = 0; i < NR_TRACE_CMDS; i++)
		fprintf(f, "  %-8s %s\n", trace_cmds[i].name, trace_cmds[i].summary);
	fprintf(f, "\n'slabwall trace COMMAND --help' tells more; docs/tracing.md has recipes.\n");
}

int cmd_trace(int argc, char **argv)
{
	char prog[64];
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	for (i = 0; i < NR_TRACE_CMDS; i++) {
		if (strcmp(trace_cmds[i].name, argv[1]))
			continue;
		/* For getopt's complaints: "slabwall trace record: ...". */
		snprintf(prog, sizeof(prog), "slabwall trace %s",
			 trace_cmds[i].name);
		argv[1] = prog;
		return trace_cmds[i].fn(argc - 1, argv + 1);
	}
	return sw_usage_error("trace", "unknown command \"%s\"", argv[1]);
}
