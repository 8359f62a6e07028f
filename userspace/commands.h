/* SPDX-License-Identifier: GPL-2.0 */
/* The subcommands of slabwall and the exit codes they share. */
#ifndef SLABWALL_COMMANDS_H
#define SLABWALL_COMMANDS_H

#include <stdbool.h>

#include "swctl.h"

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

/* Each gets argv[0] = its own name; --help prints its usage and returns 0. */
int cmd_run(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_slabs(int argc, char **argv);
int cmd_tune(int argc, char **argv);

#endif /* SLABWALL_COMMANDS_H */
