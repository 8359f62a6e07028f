// SPDX-License-Identifier: GPL-2.0
/* A tracefs instance of our own (trace_instance.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tracefs.h>

#include "trace_instance.h"

int tinst_create(struct tinst *t, const char *prefix, struct swerr *e)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s-%ld", prefix, (long)getpid());
	if (!tracefs_tracing_dir())
		return swerr_set(e, ENOENT,
				 "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)");
	if (tracefs_instance_exists(t->name))
		return swerr_set(e, EEXIST, "%s/instances/%s exists already",
				 tracefs_tracing_dir(), t->name);
	t->inst = tracefs_instance_create(t->name);
	if (!t->inst)
		return swerr_set(e, errno ? errno : EIO,
				 "cannot create %s/instances/%s: %s",
				 tracefs_tracing_dir(), t->name,
				 strerror(errno ? errno : EIO));
	return 0;
}

void tinst_destroy(struct tinst *t)
{
	if (!t->inst)
		return;
	/* trace-cmd extract -B removes the instance it read. */
	if (tracefs_instance_exists(t->name))
		tracefs_instance_destroy(t->inst);
	tracefs_instance_free(t->inst);
	t->inst = NULL;
}
