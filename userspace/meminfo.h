/* SPDX-License-Identifier: GPL-2.0 */
/* The slab lines of /proc/meminfo, the system-wide view of slab memory. */
#ifndef SLABWALL_MEMINFO_H
#define SLABWALL_MEMINFO_H

#include "strnum.h"
#include "swerr.h"

#define MEMINFO_DEFAULT_PATH "/proc/meminfo"

/* All in kB, as meminfo prints them; absent ones are not present. */
struct meminfo_slab {
	struct opt_u64 slab_kb;
	struct opt_u64 sreclaimable_kb;
	struct opt_u64 sunreclaim_kb;
};

/* Reads Slab, SReclaimable and SUnreclaim from @path (NULL: /proc/meminfo). */
int meminfo_read_slab(const char *path, struct meminfo_slab *m,
		      struct swerr *e);

#endif /* SLABWALL_MEMINFO_H */
