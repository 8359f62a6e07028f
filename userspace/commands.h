/* SPDX-License-Identifier: GPL-2.0 */
/* The subcommands of slabwall and the exit codes and helpers they share. */
#ifndef SLABWALL_COMMANDS_H
#define SLABWALL_COMMANDS_H

#include <signal.h>
#include <stdbool.h>

#include "swctl.h"
#include "swsignal.h"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* anything else that went wrong */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_REFUSED = 3,	/* the module said EINVAL, EBUSY or E2BIG */
};

/* The exit code for a failed module call. */
static inline int exit_for(int err)
{
	return sw_refused(err) ? EXIT_REFUSED : EXIT_FAIL;
}

/*
 * "slabwall CMD: <message>" and "Try 'slabwall CMD --help'." on stderr;
 * returns EXIT_USAGE.
 */
int sw_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Only the "Try" line, after getopt has said what was wrong. */
int sw_usage_hint(const char *cmd);

/*
 * The module's stats into @st (sw_stats_init() first): EXIT_OK, or
 * EXIT_FAIL with the reason warned about and @st freed.  Malformed lines
 * are warned about and skipped.
 */
int sw_read_stats_warn(struct sw_stats *st);

/* Each gets argv[0] = its own name; --help prints its usage and returns 0. */
int cmd_run(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_slabs(int argc, char **argv);
int cmd_tune(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_flame(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);

/* slabwall trace SUBCOMMAND (cmd_trace.c dispatches; argv[0] = "record" ...) */
int cmd_trace_record(int argc, char **argv);
int cmd_trace_report(int argc, char **argv);
int cmd_trace_hist(int argc, char **argv);

#endif /* SLABWALL_COMMANDS_H */
