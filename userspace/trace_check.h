/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's own totals (slabwall_run_end) next to what the trace saw
 * for the run's cache: the check that the trace is whole and that the
 * module counts what it says.  Runs are grouped by cache, since the
 * trace's counts of a cache cover every run that used it.
 */
#ifndef SLABWALL_TRACE_CHECK_H
#define SLABWALL_TRACE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace_read.h"

enum trc_what { TRC_ALLOCS, TRC_FREES, TRC_REMOTE_FREES, TRC_OPS, TRC_NR };

struct trc_row {
	bool has_module, has_trace;
	uint64_t module, trace;
};

struct trc_check {
	const char *cache;	/* the runs' cache knob */
	char trace_cache[64];	/* the trace's cache compared with it */
	bool shared;		/* a kmalloc class the whole kernel uses */
	bool in_trace;		/* the trace has events of trace_cache */
	size_t nruns;		/* runs with an end, so with totals */
	struct trc_row row[TRC_NR];
};

/* What the module calls each row, and what the trace counts for it. */
extern const char *const trc_module_names[TRC_NR];
extern const char *const trc_trace_names[TRC_NR];

/*
 * One check per cache the runs of @d name; *@out is malloc'd (NULL when
 * the trace has no ended slabwall run).  0 or -ENOMEM.
 */
int trc_build(const struct tr_data *d, struct trc_check **out, size_t *n);

/*
 * The two sides of row @w are equal (the trace at least as large for a
 * shared kmalloc class), or one side is missing.
 */
bool trc_row_agrees(const struct trc_check *c, enum trc_what w);
/* Every row agrees. */
bool trc_agrees(const struct trc_check *c);

#endif /* SLABWALL_TRACE_CHECK_H */
