/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Before/after pictures of the slab caches a run touches, of the slab
 * lines of /proc/meminfo and of the page counters of /proc/vmstat, and
 * their deltas, for people and for JSON.
 */
#ifndef SLABWALL_SNAPSHOT_H
#define SLABWALL_SNAPSHOT_H

#include <stdbool.h>
#include <stdio.h>

#include "jsonw.h"
#include "meminfo.h"
#include "slabfs.h"
#include "vmstat.h"

#define SNAP_MAX_CACHES 4

struct snap_cache {
	char name[NAME_MAX + 1];
	bool have_before, have_after;
	struct sf_cache before, after;
};

struct snapshot {
	const char *slab_root;		/* NULL: /sys/kernel/slab */
	const char *meminfo_path;	/* NULL: /proc/meminfo */
	size_t ncaches;
	struct snap_cache caches[SNAP_MAX_CACHES];
	bool have_mem_before, have_mem_after;
	struct meminfo_slab mem_before, mem_after;
	const char *vmstat_path;	/* NULL: /proc/vmstat */
	bool have_vm_before, have_vm_after;
	struct vmstat_pages vm_before, vm_after;
};

void snap_init(struct snapshot *s, const char *slab_root,
	       const char *meminfo_path);
/* -ENOSPC past SNAP_MAX_CACHES. */
int snap_add_cache(struct snapshot *s, const char *name);
/*
 * Reads every cache, meminfo and vmstat into the before or after half.  What
 * cannot be read is warned about on stderr and left out of the deltas.
 */
void snap_take(struct snapshot *s, bool after);

void snap_print(FILE *f, const struct snapshot *s);
/* Adds "caches": [...], "meminfo": {...} and "vmstat": {...} to the object being written. */
void snap_json(struct jw *w, const struct snapshot *s);

#endif /* SLABWALL_SNAPSHOT_H */
