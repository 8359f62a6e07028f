// SPDX-License-Identifier: GPL-2.0
/*
 * One line per cache.  The header and the rows come from the same
 * function, so a column cannot be added to one and not the other.  Every
 * row carries the lost-event count: a row read alone still says whether
 * its pairing is complete.
 */
#include <stdio.h>

#include "csvw.h"
#include "trace_out.h"

/* Writes the column's name for the header (@c NULL), else the value. */
#define COL(name, value_stmt)				\
	do {						\
		if (!c)					\
			csvw_str(w, name);		\
		else					\
			value_stmt;			\
	} while (0)

static void line(struct csvw *w, const struct tr_data *d,
		 const struct tp_cache *c)
{
	COL("cache", csvw_str(w, c->name));
	COL("allocs", csvw_u64(w, c->allocs));
	COL("frees", csvw_u64(w, c->frees));
	COL("paired", csvw_u64(w, c->paired));
	COL("unpaired_allocs", csvw_u64(w, c->unpaired_allocs));
	COL("unpaired_frees", csvw_u64(w, c->unpaired_frees));
	COL("bytes_req", csvw_u64(w, c->bytes_req));
	COL("bytes_alloc", csvw_u64(w, c->bytes_alloc));
	COL("waste_pct", csvw_double(w, tp_waste_pct(c)));
	COL("cross_cpu_frees", csvw_u64(w, c->cross_cpu));
	COL("cross_cpu_pct", csvw_double(w, tp_cross_pct(c)));
	COL("life_p50_ns", c->paired ? csvw_u64(w, tp_life_quantile(c, 500000))
				     : csvw_empty(w));
	COL("life_p99_ns", c->paired ? csvw_u64(w, tp_life_quantile(c, 990000))
				     : csvw_empty(w));
	COL("life_max_ns", c->paired ? csvw_u64(w, c->life_max) : csvw_empty(w));
	COL("node_set", csvw_u64(w, c->node_set));
	COL("lost_events", csvw_u64(w, d->pairs.lost));
	COL("complete", csvw_u64(w, !tp_incomplete(&d->pairs)));
	csvw_end_line(w);
}

int trace_out_csv(FILE *f, const struct trace_out *o)
{
	const struct tp_state *tp = &o->d->pairs;
	struct csvw w;
	size_t i;

	csvw_init(&w, f);
	line(&w, o->d, NULL);
	for (i = 0; i < tp->ncaches; i++)
		if (trace_out_wanted(o, tp->caches[i].name))
			line(&w, o->d, &tp->caches[i]);
	return csvw_finish(&w);
}
