/* SPDX-License-Identifier: GPL-2.0 */
/* slabwall trace report's output: a table for people, CSV and JSON. */
#ifndef SLABWALL_TRACE_OUT_H
#define SLABWALL_TRACE_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "trace_check.h"
#include "trace_read.h"

struct trace_out {
	const char *path;		/* the trace.dat, as given */
	const struct tr_data *d;
	const struct trc_check *checks;	/* module vs trace, per cache */
	size_t nchecks;
	unsigned int top;		/* call sites to list */
	char **caches;			/* --cache: only these; none: all */
	size_t ncaches;
};

bool trace_out_wanted(const struct trace_out *o, const char *cache);

/* The sentence about lost events, or NULL when none were lost. */
const char *trace_out_lost(const struct tr_data *d, char *buf, size_t len);

void trace_out_table(FILE *f, const struct trace_out *o);
/* One row per cache.  0, or the csvw error. */
int trace_out_csv(FILE *f, const struct trace_out *o);
void trace_out_json(FILE *f, const struct trace_out *o);

#endif /* SLABWALL_TRACE_OUT_H */
