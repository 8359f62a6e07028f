/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf as a child process: `perf record` of every CPU's kernel stacks,
 * started with its events off and switched on over its control pipe, so
 * that when perf_record_start() returns perf is sampling; and `perf
 * script`, whose text goes straight into the folder.
 */
#ifndef SLABWALL_FLAME_PERF_H
#define SLABWALL_FLAME_PERF_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "flame_fold.h"
#include "swerr.h"

struct flame_perf {
	const char *perf;	/* the perf binary: a path or a name in PATH */
	const char *data;	/* perf.data to write and read */
	const char *log;	/* perf's stdout and stderr go here */
	unsigned int freq;	/* samples per second per CPU */
	/* Set (by a signal handler) to give up waiting for perf to start. */
	volatile sig_atomic_t *cancel;
	pid_t pid;		/* perf record while it runs, else 0 */
	int ctl, ack;		/* our ends of its control pipes */
};

/*
 * perf record -e cpu-clock -a -g -F freq: 0 once it samples, or -errno
 * (-EINTR when *cancel was set meanwhile; perf is gone then).
 */
int flame_perf_record_start(struct flame_perf *p, struct swerr *e);

/*
 * SIGINT to perf record and a wait for it to write its file: 0, or
 * -errno when it failed or would not end (then it is killed).
 */
int flame_perf_record_stop(struct flame_perf *p, struct swerr *e);

/* perf script -i data, folded into @f as it is read. */
int flame_perf_script(const struct flame_perf *p, struct flame_folded *f,
		      const struct flame_rename *rename, struct swerr *e);

#endif /* SLABWALL_FLAME_PERF_H */
