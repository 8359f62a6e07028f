/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tracefs instance of our own: its own buffer and event switches, so the
 * top-level buffer and other users' tracing are left alone.  Removed by
 * tinst_destroy(), which callers reach on every path, Ctrl-C included
 * (the signal handlers of commands.h only set a flag).
 */
#ifndef SLABWALL_TRACE_INSTANCE_H
#define SLABWALL_TRACE_INSTANCE_H

#include "swerr.h"

struct tracefs_instance;

struct tinst {
	struct tracefs_instance *inst;
	char name[64];			/* "@prefix-<pid>" */
};

/* Creates "@prefix-<pid>"; -EEXIST if it is there already, -errno else. */
int tinst_create(struct tinst *t, const char *prefix, struct swerr *e);

/* Removes the instance (if something else did already, fine) and frees @t. */
void tinst_destroy(struct tinst *t);

#endif /* SLABWALL_TRACE_INSTANCE_H */
