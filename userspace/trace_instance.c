// SPDX-License-Identifier: GPL-2.0
/* A tracefs instance of our own, removed on every way out (trace_instance.h). */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tracefs.h>

#include "swsignal.h"
#include "trace_instance.h"

const char *tinst_dir(const struct tinst *t, char *buf, size_t len)
{
	const char *top = tracefs_tracing_dir();

	snprintf(buf, len, "%s/instances/%s", top ? top : "(tracefs)", t->name);
	return buf;
}

int tinst_create(struct tinst *t, const char *prefix, struct swerr *e)
{
	char dir[512];
	int err;

	memset(t, 0, sizeof(*t));
	/* First, so that no signal can come between creating and catching. */
	sw_catch_signals(&t->sigs);
	t->catching = true;
	snprintf(t->name, sizeof(t->name), "%s-%ld", prefix, (long)getpid());
	if (!tracefs_tracing_dir())
		return swerr_set(e, ENOENT,
				 "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)");
	tinst_dir(t, dir, sizeof(dir));
	errno = 0;
	t->inst = tracefs_instance_create(t->name);
	if (!t->inst) {
		err = errno ? errno : EIO;
		return swerr_set(e, err, "%s: cannot create: %s", dir,
				 strerror(err));
	}
	/* Somebody else's (a pid reused after a crash): not ours to remove. */
	if (!tracefs_instance_is_new(t->inst)) {
		tracefs_instance_free(t->inst);
		t->inst = NULL;
		return swerr_set(e, EEXIST,
				 "%s: exists already; remove it with rmdir if nothing uses it",
				 dir);
	}
	return 0;
}

void tinst_destroy(struct tinst *t)
{
	char dir[512];

	if (t->inst) {
		/* trace-cmd extract -B removes the instance it has read. */
		if (tracefs_instance_exists(t->name) &&
		    tracefs_instance_destroy(t->inst))
			warn("%s: cannot remove", tinst_dir(t, dir, sizeof(dir)));
		tracefs_instance_free(t->inst);
		t->inst = NULL;
	}
	if (t->catching) {
		sw_restore_signals(&t->sigs);
		t->catching = false;
	}
}
