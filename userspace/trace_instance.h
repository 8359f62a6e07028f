/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tracefs instance of our own ("<prefix>-<pid>"), so that tracing never
 * touches the top-level buffer or anybody else's settings, and removed on
 * every way out: the normal end, errors, and Ctrl-C or SIGTERM.
 *
 * Removing an instance from a signal handler is not safe (it takes
 * locks and allocates), so signals only set sw_interrupted (swsignal.h):
 * the command checks it between its steps and winds down to
 * tinst_destroy() in its main flow.  runopts_run() stops a run early on
 * the same flag.
 */
#ifndef SLABWALL_TRACE_INSTANCE_H
#define SLABWALL_TRACE_INSTANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "swerr.h"
#include "swsignal.h"

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

/* The instance's directory into @buf, e.g. for messages. */
const char *tinst_dir(const struct tinst *t, char *buf, size_t len);

#endif /* SLABWALL_TRACE_INSTANCE_H */
