/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's calibration file (docs/debugfs.md, "calibration"): what a
 * bare allocator pair costs per pattern, parsed from its key value lines.
 */
#ifndef SLABWALL_CALIB_H
#define SLABWALL_CALIB_H

#include <stdbool.h>
#include <stdint.h>

#include "swerr.h"

/* More patterns than the module has today; a file with more is refused. */
#define CALIB_MAX_PATTERNS 32
#define CALIB_NAME_MAX 64

/* A cost per turn: nanoseconds and cycles (0 without a cycle counter). */
struct calib_cost {
	double ns;
	double cycles;
};

struct calib_row {
	char pattern[CALIB_NAME_MAX];
	char cache[CALIB_NAME_MAX];
	struct calib_cost pair;		/* <p>_ns, <p>_cycles */
	bool has_object;		/* <p>_object_*: skb, dentry; not in older modules */
	struct calib_cost object;
};

struct calib {
	uint64_t loops;			/* 0: never calibrated, nothing else read */
	uint64_t cpu;
	uint64_t kmalloc_size;
	bool has_sizes;			/* data_size and name_len: not in older modules */
	uint64_t data_size;
	uint64_t name_len;
	struct calib_cost empty;
	unsigned int nr_rows;		/* in the file's order */
	struct calib_row rows[CALIB_MAX_PATTERNS];
};

/*
 * Parses @text, the calibration file read from @path (named in errors).
 * Unknown keys are skipped, so a newer module's additions do no harm.
 * 0, or -EINVAL with the line and value that were wrong in @e.
 */
int calib_parse(const char *path, const char *text, struct calib *c,
		struct swerr *e);

#endif /* SLABWALL_CALIB_H */
