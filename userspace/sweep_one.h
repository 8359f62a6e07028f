/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One point for the sweep engine (sweep_exec.h) made of the module's
 * knobs as they are, with a command line's values on top: what slabwall
 * run runs, so that run and a one-point sweep set, watch and measure the
 * same things.
 */
#ifndef SLABWALL_SWEEP_ONE_H
#define SLABWALL_SWEEP_ONE_H

#include "runopts.h"
#include "sweep_result.h"
#include "swerr.h"

/* The point and the storage behind it (it points into itself: do not copy). */
struct sweep_one {
	char pattern[SG_WORD_MAX], strategy[SG_WORD_MAX], free[SG_WORD_MAX];
	struct sg_cpus cpus;
	struct sweep_settings set;
	struct sr_point point;
	struct sr_run run;
};

/*
 * Reads every knob the engine writes from the module in @dir (NULL: the
 * default), takes @val (by enum run_knob; NULL: the module's value) on
 * top, and makes @one's point of one run.  Nothing is written.  -errno
 * with @e naming the knob and the value.
 */
int sweep_one_init(struct sweep_one *one, const char *dir,
		   const char *const val[K_COUNT], struct swerr *e);

#endif /* SLABWALL_SWEEP_ONE_H */
