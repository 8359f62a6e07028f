// SPDX-License-Identifier: GPL-2.0
/* The whole report as one JSON object. */
#include <stdio.h>

#include "jsonw.h"
#include "strnum.h"
#include "trace_out.h"

/* Numbers as numbers, the rest ("skb", "0-1") as strings. */
static void fields(struct jw *w, const char *key, const struct tr_field *v,
		   size_t n)
{
	uint64_t x;
	size_t i;

	jw_begin_obj(w, key);
	for (i = 0; i < n; i++) {
		if (parse_u64(v[i].text, &x))
			jw_u64(w, v[i].name, x);
		else
			jw_str(w, v[i].name, v[i].text);
	}
	jw_end_obj(w);
}

static void runs(struct jw *w, const struct tr_data *d)
{
	size_t i;

	jw_begin_arr(w, "runs");
	for (i = 0; i < d->nruns; i++) {
		const struct tr_run *r = &d->runs[i];

		jw_begin_obj(w, NULL);
		if (r->nknobs) {
			jw_u64(w, "start_ts_ns", r->start_ts);
			fields(w, "knobs", r->knobs, r->nknobs);
		}
		if (r->ended) {
			jw_u64(w, "end_ts_ns", r->end_ts);
			fields(w, "module", r->totals, r->ntotals);
		}
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

static void side(struct jw *w, const char *key, const struct trc_check *c,
		 bool module)
{
	int i;

	jw_begin_obj(w, key);
	for (i = 0; i < TRC_NR; i++) {
		const struct trc_row *r = &c->row[i];

		if (module ? !r->has_module : !r->has_trace)
			jw_null(w, trc_module_names[i]);
		else
			jw_u64(w, trc_module_names[i], module ? r->module : r->trace);
	}
	jw_end_obj(w);
}

static void checks(struct jw *w, const struct trace_out *o)
{
	size_t i;

	jw_begin_arr(w, "module_vs_trace");
	for (i = 0; i < o->nchecks; i++) {
		const struct trc_check *c = &o->checks[i];

		jw_begin_obj(w, NULL);
		jw_str(w, "cache", c->cache);
		jw_str(w, "trace_cache", c->trace_cache);
		jw_bool(w, "shared", c->shared);
		jw_u64(w, "runs", c->nruns);
		side(w, "module", c, true);
		side(w, "trace", c, false);
		jw_bool(w, "agrees", trc_agrees(c));
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

static void cache(struct jw *w, const struct tp_cache *c)
{
	jw_begin_obj(w, NULL);
	jw_str(w, "cache", c->name);
	jw_u64(w, "allocs", c->allocs);
	jw_u64(w, "frees", c->frees);
	jw_u64(w, "paired", c->paired);
	jw_u64(w, "unpaired_allocs", c->unpaired_allocs);
	jw_u64(w, "unpaired_frees", c->unpaired_frees);
	jw_u64(w, "bytes_req", c->bytes_req);
	jw_u64(w, "bytes_alloc", c->bytes_alloc);
	jw_double(w, "waste_pct", tp_waste_pct(c));
	jw_u64(w, "cross_cpu_frees", c->cross_cpu);
	jw_double(w, "cross_cpu_pct", tp_cross_pct(c));
	if (c->paired) {
		jw_u64(w, "life_p50_ns", tp_life_quantile(c, 500000));
		jw_u64(w, "life_p99_ns", tp_life_quantile(c, 990000));
		jw_u64(w, "life_max_ns", c->life_max);
	} else {
		jw_null(w, "life_p50_ns");
		jw_null(w, "life_p99_ns");
		jw_null(w, "life_max_ns");
	}
	jw_u64(w, "node_set", c->node_set);
	jw_end_obj(w);
}

static void sites(struct jw *w, const struct trace_out *o)
{
	const struct tp_state *tp = &o->d->pairs;
	unsigned int shown = 0;
	char buf[128];
	size_t i;

	jw_begin_arr(w, "call_sites");
	for (i = 0; i < tp->nsites && shown < o->top; i++) {
		const struct tp_site *s = &tp->sites[i];
		struct tp_cache c = { .bytes_req = s->bytes_req,
				      .bytes_alloc = s->bytes_alloc };

		if (!trace_out_wanted(o, s->cache))
			continue;
		shown++;
		jw_begin_obj(w, NULL);
		snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)s->call_site);
		jw_str(w, "address", buf);
		jw_str(w, "symbol", tr_symbol(o->d, s->call_site, buf, sizeof(buf)));
		jw_str(w, "cache", s->cache);
		jw_u64(w, "allocs", s->allocs);
		jw_u64(w, "bytes_req", s->bytes_req);
		jw_u64(w, "bytes_alloc", s->bytes_alloc);
		jw_double(w, "waste_pct", tp_waste_pct(&c));
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

static void pages(struct jw *w, const struct tp_state *tp)
{
	unsigned int i;

	jw_begin_obj(w, "pages");
	jw_begin_arr(w, "by_order");
	for (i = 0; i < TP_ORDERS; i++) {
		if (!tp->page_allocs[i] && !tp->page_frees[i])
			continue;
		jw_begin_obj(w, NULL);
		jw_u64(w, "order", i);
		jw_u64(w, "allocs", tp->page_allocs[i]);
		jw_u64(w, "frees", tp->page_frees[i]);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_u64(w, "alloc_failed", tp->page_alloc_failed);
	jw_end_obj(w);
}

static void totals(struct jw *w, const struct tr_data *d)
{
	const struct tp_totals *t = &d->pairs.t;
	int i;

	jw_begin_obj(w, "events");
	for (i = 0; i < TR_NR_EV; i++)
		jw_u64(w, tr_event_name((enum tr_ev)i), d->events[i]);
	jw_end_obj(w);
	jw_begin_obj(w, "pairs");
	jw_u64(w, "paired", t->paired);
	jw_u64(w, "cross_cpu", t->cross_cpu);
	jw_u64(w, "unpaired_allocs", t->unpaired_allocs);
	jw_u64(w, "unpaired_frees", t->unpaired_frees);
	jw_u64(w, "failed_allocs", t->failed_allocs);
	jw_u64(w, "null_frees", t->null_frees);
	jw_u64(w, "reused_pointers", t->reused);
	jw_u64(w, "large_kmalloc_traced_twice", t->large_twice);
	jw_end_obj(w);
	jw_u64(w, "hand_over_objs", d->hand_over_objs);
}

void trace_out_json(FILE *f, const struct trace_out *o)
{
	const struct tr_data *d = o->d;
	const struct tp_state *tp = &d->pairs;
	struct jw w;
	size_t i;

	jw_init(&w, f);
	jw_begin_obj(&w, NULL);
	jw_str(&w, "file", o->path);
	jw_i64(&w, "cpus", d->cpus);
	jw_u64(&w, "records", d->records);
	jw_u64(&w, "first_ts_ns", d->first_ts);
	jw_u64(&w, "last_ts_ns", d->last_ts);
	jw_u64(&w, "lost_events", tp->lost);
	jw_bool(&w, "lost_events_uncounted", tp->lost_unknown);
	jw_bool(&w, "complete", !tp_incomplete(tp));
	runs(&w, d);
	checks(&w, o);
	jw_begin_arr(&w, "caches");
	for (i = 0; i < tp->ncaches; i++)
		if (trace_out_wanted(o, tp->caches[i].name))
			cache(&w, &tp->caches[i]);
	jw_end_arr(&w);
	sites(&w, o);
	pages(&w, tp);
	totals(&w, d);
	jw_end_obj(&w);
	fputc('\n', f);
}
