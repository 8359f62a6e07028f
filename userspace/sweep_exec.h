/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running one point of a sweep on the module: every knob set explicitly
 * (so nothing left over from an earlier run leaks in), then runs with the
 * watched slab caches and /proc/meminfo read before and after each.
 */
#ifndef SLABWALL_SWEEP_EXEC_H
#define SLABWALL_SWEEP_EXEC_H

#include "snapshot.h"
#include "sweep_result.h"
#include "swerr.h"
#include "swstats.h"

/*
 * Called while a run goes, every poll; a non-zero return stops the run
 * (sx_run() then returns -EINTR).
 */
typedef int (*sx_tick_fn)(void *arg);

/*
 * The tick of the commands: redraws the progress @pg (a struct progress)
 * and asks to stop once SIGINT, SIGTERM or SIGHUP came (swsignal.h).
 */
int sx_tick_progress(void *pg);

/*
 * Works out the caches @p allocates from, and writes every knob: pattern,
 * strategy, the three size knobs, allocs_per_op, cpus, free, work_bytes,
 * duration_ms, rate, mem_limit_kb, survive_every, survivors_max and
 * fail_every.  -errno with @e naming the knob.
 */
int sx_prepare(struct sr_point *p, const struct sweep_settings *set,
	       struct swerr *e);

/*
 * What a caller that shows one run (slabwall run) keeps of it beyond the
 * numbers in struct sr_run; NULL members are not kept.
 */
struct sx_keep {
	struct snapshot *snap;	/* the watched caches, meminfo and vmstat around it */
	struct sw_stats *stats;	/* the module's stats after it (sw_stats_init()ed) */
	bool have_stats;	/* *stats was read */
};

/*
 * One run of the prepared point into @run: snapshot, start, wait, stats,
 * snapshot.  A refusal to start comes back as the module's -errno
 * (sw_refused() tells); -EINTR when @tick asked to stop (before the start,
 * or during the run: the module is stopped then), -ETIMEDOUT when the run
 * did not end.  A run stopped early still fills @keep (may be NULL) with
 * what ran.
 */
int sx_run(struct sr_point *p, const struct sweep_settings *set,
	   struct sr_run *run, sx_tick_fn tick, void *arg,
	   struct sx_keep *keep, struct swerr *e);

#endif /* SLABWALL_SWEEP_EXEC_H */
