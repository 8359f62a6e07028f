/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The numbers of a sweep: each point's runs, their medians and spreads,
 * the slab deltas around them, and the knees found in them.  Filled by
 * cmd_sweep.c and sweep_exec.c, written out by sweep_out.h.
 */
#ifndef SLABWALL_SWEEP_RESULT_H
#define SLABWALL_SWEEP_RESULT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "knee.h"
#include "spread.h"
#include "sweep_grid.h"
#include "swerr.h"
#include "swpattern.h"

/* The totals of the module's stats file that a sweep keeps (docs/debugfs.md). */
enum sr_stat {
	SR_OPS, SR_ALLOCS, SR_FREES, SR_ALLOC_FAILURES, SR_REMOTE_FREES,
	SR_ELAPSED_NS, SR_OPS_PER_SEC, SR_NS_PER_OP, SR_NS_PER_ALLOC,
	SR_ALLOC_SHARE_PCT, SR_P50_NS, SR_P90_NS, SR_P99_NS, SR_P999_NS,
	SR_MAX_NS, SR_TIMED_OPS, SR_RCU_CALLBACKS, SR_RCU_WAITING,
	SR_RCU_WAITING_BYTES, SR_RCU_WAITING_PEAK, SR_RCU_WAITING_PEAK_BYTES,
	SR_RCU_THROTTLES,
	/* Added later: their columns come last in sweep.csv (sweep_csv.c). */
	SR_RESERVE_HITS, SR_ARENA_BLOCKS, SR_CROSS_NODE_ALLOCS,
	SR_CROSS_NODE_FREES, SR_POOL_MISSES, SR_SURVIVORS, SR_NSTATS
};

/* The first stat whose sweep.csv column follows the knee columns. */
#define SR_LATE_STATS	SR_RESERVE_HITS

struct sr_stat_info {
	const char *key;
	bool spread;		/* a key stat: min and max are kept too */
};

extern const struct sr_stat_info sr_stats[SR_NSTATS];

/* Per watched cache: after minus before. */
enum sr_delta {
	SR_D_OBJECTS, SR_D_SLABS, SR_D_PARTIAL, SR_D_CPU_SLABS, SR_D_SLAB_BYTES,
	SR_NDELTAS
};

extern const char *const sr_delta_keys[SR_NDELTAS];

/* The slab lines of /proc/meminfo: after minus before, in kB. */
enum sr_mem {
	SR_M_SLAB_KB, SR_M_SRECLAIMABLE_KB, SR_M_SUNRECLAIM_KB, SR_NMEM
};

extern const char *const sr_mem_keys[SR_NMEM];

/* The page counters of /proc/vmstat: after minus before, in pages. */
enum sr_vm {
	SR_V_PGALLOC, SR_V_PGFREE, SR_NVM
};

extern const char *const sr_vm_keys[SR_NVM];

/* One run of a point; NaN where a number was not there. */
struct sr_run {
	double stat[SR_NSTATS];
	double cache[SWP_MAX_CACHES][SR_NDELTAS];
	double mem[SR_NMEM];
	double vm[SR_NVM];
};

enum sr_status {
	SR_PENDING,		/* not run (the sweep was interrupted) */
	SR_OK,
	SR_REFUSED,		/* the module said no: E2BIG, EINVAL */
	SR_FAILED,
};

struct sr_point {
	struct sweep_point pt;
	struct swp_sizes sizes;
	const char *size_knob;		/* NULL for a pattern we do not know */
	size_t ncaches;
	char caches[SWP_MAX_CACHES][NAME_MAX + 1];

	enum sr_status status;
	char why[SWERR_MSG_MAX];	/* for REFUSED and FAILED */
	size_t nruns;			/* runs completed */
	struct sr_run *runs;		/* room for the repeat count */

	/* Summaries of the runs (sr_summarize()). */
	struct spread stat[SR_NSTATS];
	double cache_delta[SWP_MAX_CACHES][SR_NDELTAS];	/* medians */
	double mem_delta[SR_NMEM];			/* medians */
	double vm_delta[SR_NVM];			/* medians */
	/* Median over the runs of each run's pgalloc delta over its ops. */
	double pgalloc_per_op;
	/* (ns_per_op - ns_per_op at allocs 0) / allocs; NaN without that point. */
	double net_ns_per_alloc;
};

/* The rise along one line (growing allocs). */
struct sr_line {
	const struct sr_point *first;	/* for the line's knobs */
	bool net;			/* the metric: net_ns_per_alloc, else ns_per_alloc */
	struct knee_rise knee;
	double max_ratio;		/* the largest cost over the baseline seen */
	double max_ratio_allocs;
};

/* CPU scaling of one group (growing cpus). */
struct sr_group {
	const struct sr_point *first;
	struct knee_scale knee;
};

struct sweep_settings {
	const char *dir;		/* the module's debugfs directory, NULL: the default */
	const char *slab_root;		/* NULL: /sys/kernel/slab */
	unsigned int repeat;
	uint64_t duration_ms, work_bytes, rate, mem_limit_kb;
	uint64_t survive_every, survivors_max, fail_every, time_every;
	const char *alloc_node;		/* run --node; NULL: the knob as it is */
	uint64_t typesafe_rcu;
	double knee_ratio;		/* the rise: cost over baseline */
	double base_lo, base_hi;	/* allocs of the baseline range */
	double min_eff;			/* the scaling knee: share of ideal */
	bool knee_gross;		/* rise of ns_per_alloc, not the net cost */
	char version[32];
	char kernel[128];
	char online[SG_CPUS_LIST];
	char started[32];		/* ISO 8601, UTC */
};

struct sweep_result {
	struct sweep_settings set;
	size_t npoints, nlines, ngroups;
	struct sr_point *points;
	struct sr_line *lines;
	struct sr_group *groups;
	bool interrupted;
	bool knees_found;		/* sr_find_knees() ran: net costs and knees are there */
	double seconds;			/* the sweep's wall-clock time */
};

/* Default knee parameters (docs/csv.md). */
#define SR_KNEE_RATIO	1.5
#define SR_BASE_LO	1
#define SR_BASE_HI	8
#define SR_MIN_EFF	0.5

/*
 * Copies the points, with room for r->set.repeat runs each (r->set is
 * filled first and left alone); every number starts as NaN.  -ENOMEM.
 */
int sr_init(struct sweep_result *r, const struct sweep_point *pts,
	    size_t npoints, size_t nlines, size_t ngroups);
void sr_free(struct sweep_result *r);

/* A run full of NaN, to be filled. */
void sr_run_clear(struct sr_run *run);

/* Medians and spreads of @p's runs. */
void sr_summarize(struct sr_point *p);

/*
 * CPU knees of the groups [@first, @end) that differ only by allocs (see
 * sr_block_end()), summed up over allocs >= 1: how many have a knee, the
 * most common knee, and the median speedup.
 */
struct sr_cpu_summary {
	size_t ngroups;		/* with two or more CPU counts */
	size_t nknees;
	double knee;		/* the most common knee, NaN: none */
	size_t knee_count;
	double median_speedup;
};

/* The end of the block of groups starting at @first (same knobs but allocs). */
size_t sr_block_end(const struct sweep_result *r, size_t first);
void sr_cpu_summary(const struct sweep_result *r, size_t first, size_t end,
		    struct sr_cpu_summary *s);

/* Net cost per allocation of every point, then the knees of every line and group. */
void sr_find_knees(struct sweep_result *r);

const char *sr_status_name(enum sr_status s);

/* "1 CPU", "2 CPUs": words for a point's cpus. */
const char *sr_cpus_words(const struct sg_cpus *c, char *buf, size_t len);

#endif /* SLABWALL_SWEEP_RESULT_H */
