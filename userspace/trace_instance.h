/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tracefs instance of our own ("<prefix>-<pid>"), so that tracing never
 * touches the top-level buffer or anybody else's settings, and removed on
 * every way out: the normal end, errors, and Ctrl-C or SIGTERM.
 *
 * Removing an instance from a signal handler is not safe (it takes
 * locks and allocates), so the handler only sets a flag (and
 * sw_interrupted, commands.h): the command checks tinst_interrupted()
 * between its steps and winds down to tinst_destroy() in its main flow.
 * runopts_run() catches the same signals while a run goes, stops the run
 * early and puts our handler back, so its Ctrl-C ends in that main flow
 * too.  It clears sw_interrupted when it starts, but not our flag: a
 * signal that comes just before a run starts is still seen after it.
 */
#ifndef SLABWALL_TRACE_INSTANCE_H
#define SLABWALL_TRACE_INSTANCE_H

#include <stdbool.h>

#include "commands.h"
#include "swerr.h"

struct tracefs_instance;

struct tinst {
	struct tracefs_instance *inst;	/* NULL until created */
	char name[64];
	struct sw_sigsave sigs;
	bool catching;
};

/*
 * Catches SIGINT and SIGTERM, then creates the instance.  -EEXIST when an
 * instance of that name is there already (it is left alone), -errno
 * otherwise; signals are caught either way, so call tinst_destroy().
 */
int tinst_create(struct tinst *t, const char *prefix, struct swerr *e);

/*
 * Removes the instance (with the triggers still in it) and restores the
 * signal handlers.  A failure is warned about, naming the directory.
 * Safe on a zeroed struct and when called twice.
 */
void tinst_destroy(struct tinst *t);

/* True once SIGINT or SIGTERM came: wind down, then tinst_destroy(). */
bool tinst_interrupted(void);

/* The instance's directory into @buf, e.g. for messages. */
const char *tinst_dir(const struct tinst *t, char *buf, size_t len);

#endif /* SLABWALL_TRACE_INSTANCE_H */
