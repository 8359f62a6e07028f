/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "slabwall tune": set a cache's cpu_partial and min_partial, keeping the
 * old values in a state file (tunestate.h) to put back later.  Every
 * function returns an exit code of commands.h and leaves the reason for a
 * failure in @e.
 */
#ifndef SLABWALL_TUNE_H
#define SLABWALL_TUNE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "swerr.h"

enum tune_knob {
	TUNE_CPU_PARTIAL,
	TUNE_MIN_PARTIAL,
	TUNE_NR,
};

struct tune_req {
	const char *cache;
	bool set[TUNE_NR];
	uint64_t val[TUNE_NR];
};

const char *tune_knob_name(enum tune_knob k);

/* "CACHE [KNOB=N]...": EXIT_OK, or EXIT_USAGE naming the word at fault. */
int tune_parse(int argc, char *const *argv, struct tune_req *r,
	       struct swerr *e);

/*
 * Prints the old values, saves them in @state_path (unless saved there
 * already) and writes the new ones under @root (NULL: /sys/kernel/slab).
 * With no knob given it only prints the current values.
 */
int tune_apply(const char *root, const char *state_path,
	       const struct tune_req *r, FILE *out, struct swerr *e);

/*
 * Writes back every value in @state_path and removes the file; what could
 * not be written back stays in it.  Values of caches that no longer exist
 * are dropped.
 */
int tune_restore(const char *root, const char *state_path, FILE *out,
		 struct swerr *e);

/* EXIT_REFUSED when a write failed because the kernel refused the value. */
int tune_exit_for(int err);

#endif /* SLABWALL_TUNE_H */
