/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command line of slabwall sweep as a grid: comma-separated lists of
 * values per knob, and their product as points, allocations per operation
 * varying fastest so that each line of the plot is a run of points.
 */
#ifndef SLABWALL_SWEEP_GRID_H
#define SLABWALL_SWEEP_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "cpulist.h"
#include "swerr.h"

#define SG_MAX_ITEMS	64	/* values per list */
#define SG_WORD_MAX	32
#define SG_CPUS_SPEC	64
#define SG_CPUS_LIST	512

/* One --cpus item: what was asked for and the CPUs it came to. */
struct sg_cpus {
	char spec[SG_CPUS_SPEC];	/* "1", "all", "0-1" */
	char list[SG_CPUS_LIST];	/* for the cpus knob: "0", "0-1" */
	unsigned int n;
};

struct sweep_grid {
	size_t npatterns, nstrategies, nsizes, nfrees, ncpus, nallocs;
	char patterns[SG_MAX_ITEMS][SG_WORD_MAX];
	char strategies[SG_MAX_ITEMS][SG_WORD_MAX];
	uint64_t sizes[SG_MAX_ITEMS];	/* none: each pattern's default */
	char frees[SG_MAX_ITEMS][SG_WORD_MAX];
	struct sg_cpus cpus[SG_MAX_ITEMS];
	uint64_t allocs[SG_MAX_ITEMS];
};

/*
 * "0,1,2,4": whole numbers, each once.  @opt ("--allocs") starts the
 * error message, which quotes the list and the bad item.
 */
int sg_parse_u64_list(const char *opt, const char *arg, uint64_t *out,
		      size_t *n, struct swerr *e);

/* "local,remote": words of letters, digits, '_' and '-', each once. */
int sg_parse_word_list(const char *opt, const char *arg,
		       char out[][SG_WORD_MAX], size_t *n, struct swerr *e);

/*
 * --cpus: items separated by ';', or by ',' when the argument has no ';'.
 * An item is "all" (every CPU of @online), a count N (the first N CPUs of
 * @online: "1" is the first CPU alone) or a cpulist such as "0-1" or "0,2"
 * (a list with a comma needs ';' between items: "0;0,2").  A trailing ';'
 * is allowed, so "0,2;" is the one list.  An item that comes to the same
 * CPUs as an earlier one is dropped and counted in *@dropped.
 */
int sg_parse_cpus(const char *arg, const struct cpuset *online,
		  struct sg_cpus *out, size_t *n, size_t *dropped,
		  struct swerr *e);

/* One point of the grid. */
struct sweep_point {
	size_t index;
	const char *pattern, *strategy, *free;
	uint64_t size;		/* for the pattern's size knob */
	const struct sg_cpus *cpus;
	uint64_t allocs;
	/* Points with the same knobs but allocs: a line of the plot. */
	size_t line;
	/* Points with the same knobs but cpus: where CPU scaling is read. */
	size_t group;
};

size_t sg_npoints(const struct sweep_grid *g);
size_t sg_nlines(const struct sweep_grid *g);
size_t sg_ngroups(const struct sweep_grid *g);

/*
 * Every point, in the order pattern, strategy, size, free, cpus, allocs
 * (the last varies fastest).  Sizes default to each pattern's (swpattern.h).
 * Returns a malloc'd array pointing into @g, or NULL when out of memory.
 */
struct sweep_point *sg_expand(const struct sweep_grid *g, size_t *n);

#endif /* SLABWALL_SWEEP_GRID_H */
