/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The run knobs on a command line (--pattern, --allocs, ...), shared by
 * the commands that run the module once: run, trace and flame.
 */
#ifndef SLABWALL_RUNOPTS_H
#define SLABWALL_RUNOPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "swpattern.h"

/* Knobs in the order they are written: pattern first, --size depends on it. */
enum run_knob {
	K_PATTERN, K_STRATEGY, K_ALLOCS, K_SIZE, K_CPUS, K_FREE, K_WORK,
	K_DURATION, K_RATE, K_MEM, K_SURVIVE, K_SURVIVORS, K_FAIL, K_NODE, K_TIME,
	K_TYPESAFE, K_COUNT
};

/* getopt_long values of the run options; a command's own stay below. */
#define RUNOPT_BASE 0x1000

struct run_opts {
	const char *val[K_COUNT];	/* NULL: leave the knob alone */
	char cpus[4096];		/* --cpus, rewritten as the kernel writes it */
};

void runopts_init(struct run_opts *o);

/* True when a run option was given. */
bool runopts_given(const struct run_opts *o);

/*
 * @own (ending with a zero entry) followed by the run options, for
 * getopt_long; free() it.  NULL when out of memory.
 */
struct option *runopts_longopts(const struct option *own);

/*
 * Takes getopt_long's @opt: 0 when it was a run option, 1 when it is the
 * command's own, or EXIT_USAGE with the reason said for @cmd.
 */
int runopts_take(struct run_opts *o, int opt, const char *arg, const char *cmd);

/*
 * getopt_long over @own (ending with a zero entry) and the run options:
 * @run is initialised and takes the run options, @take(@arg, opt, optarg)
 * the command's own (0, or an exit status it has said).  Returns EXIT_OK
 * with optind at the first operand, or the failing exit status.
 */
int runopts_getopt(int argc, char **argv, const char *optstring,
		   const struct option *own, struct run_opts *run,
		   const char *cmd,
		   int (*take)(void *arg, int opt, const char *optarg),
		   void *arg);

/*
 * The operands after runopts_getopt(): none, or a COMMAND after "--"
 * (*@command, else NULL), which run options may not come with.  Returns
 * EXIT_OK or EXIT_USAGE (said).
 */
int runopts_command(int argc, char **argv, const struct run_opts *run,
		    const char *cmd, char ***command);

/* The option lines of usage texts. */
void runopts_usage(FILE *f);

/* Writes the knobs given; *@pi is the pattern the run will use. */
int runopts_apply(const struct run_opts *o, const struct swp_info **pi);

/*
 * Starts a run with the knobs as they are and waits for it; Ctrl-C or a
 * timeout stops it early (*@cut_short, still EXIT_OK: the stats cover
 * what ran).  Progress goes to stderr when it is a terminal.
 */
int runopts_run(bool *cut_short);

#endif /* SLABWALL_RUNOPTS_H */
