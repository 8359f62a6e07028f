/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running one point of a sweep on the module: every knob set explicitly
 * (so nothing left over from an earlier run leaks in), then runs with the
 * watched slab caches and /proc/meminfo read before and after each.
 */
#ifndef SLABWALL_SWEEP_EXEC_H
#define SLABWALL_SWEEP_EXEC_H

#include "sweep_result.h"
#include "swerr.h"

/*
 * Called while a run goes, every poll; a non-zero return stops the run
 * (sx_run() then returns -EINTR).
 */
typedef int (*sx_tick_fn)(void *arg);

/*
 * Works out the caches @p allocates from, and writes every knob: pattern,
 * strategy, the three size knobs, allocs_per_op, cpus, free, work_bytes,
 * duration_ms, rate, mem_limit_kb, survive_every, survivors_max and
 * fail_every.  -errno with @e naming the knob.
 */
int sx_prepare(struct sr_point *p, const struct sweep_settings *set,
	       struct swerr *e);

/*
 * One run of the prepared point into @run: snapshot, start, wait, stats,
 * snapshot.  A refusal to start comes back as the module's -errno
 * (sw_refused() tells); -EINTR when @tick asked to stop.
 */
int sx_run(struct sr_point *p, const struct sweep_settings *set,
	   struct sr_run *run, sx_tick_fn tick, void *arg, struct swerr *e);

#endif /* SLABWALL_SWEEP_EXEC_H */
