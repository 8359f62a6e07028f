// SPDX-License-Identifier: GPL-2.0
/* The report for people: runs, caches, call sites, pages, lost events. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "humanfmt.h"
#include "trace_out.h"

/* Where the knob lines wrap. */
#define WRAP_COL 100

static void head(FILE *f, const struct trace_out *o)
{
	const struct tr_data *d = o->d;
	char span[HUMAN_LEN];

	human_ns(d->records ? d->last_ts - d->first_ts : 0, span);
	fprintf(f, "%s: %" PRIu64 " events on %d CPUs over %s", o->path,
		d->records, d->cpus, span);
	fprintf(f, tp_incomplete(&d->pairs) ? "; EVENTS LOST\n" :
		"; no events lost\n");
}

/*
 * @n items separated by spaces, wrapped at WRAP_COL; the first
 * line starts with @first, the others with as many spaces.
 */
static void wrap(FILE *f, const char *first, const char *const *items, size_t n)
{
	size_t i, col = 0, len, indent = strlen(first);

	for (i = 0; i < n; i++) {
		len = strlen(items[i]);
		if (!col || col + 1 + len > WRAP_COL) {
			if (col)
				fputc('\n', f);
			fprintf(f, "%*s", (int)indent, col ? "" : first);
			col = indent;
		} else {
			fputc(' ', f);
			col++;
		}
		fputs(items[i], f);
		col += len;
	}
	if (col)
		fputc('\n', f);
}

/* "name=value" fields, wrapped. */
static void knobs(FILE *f, const struct tr_field *v, size_t n, const char *first)
{
	char **items = calloc(n ? n : 1, sizeof(*items));
	size_t i;

	if (!items)
		return;
	for (i = 0; i < n; i++)
		if (asprintf(&items[i], "%s=%s", v[i].name, v[i].text) < 0)
			items[i] = NULL;
	for (i = 0; i < n && items[i]; i++)
		;
	wrap(f, first, (const char *const *)items, i);
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

static void runs(FILE *f, const struct trace_out *o)
{
	const struct tr_data *d = o->d;
	size_t i;

	for (i = 0; i < d->nruns; i++) {
		const struct tr_run *r = &d->runs[i];

		fprintf(f, "\nslabwall run %zu%s\n", i + 1,
			r->nknobs ? "" : " (its start is not in the trace)");
		knobs(f, r->knobs, r->nknobs, "  knobs:  ");
		if (r->ended)
			knobs(f, r->totals, r->ntotals, "  module: ");
		else
			fprintf(f, "  module: no slabwall_run_end in the trace\n");
		if (!r->ended || !tr_run_value(r, "cache"))
			fprintf(f, "  not compared with the trace: that needs the "
				"run's start (its cache) and its end (totals)\n");
	}
	if (d->events[TR_HAND_OVER])
		fprintf(f, "  hand-overs: %" PRIu64 " (%" PRIu64 " objects)\n",
			d->events[TR_HAND_OVER], d->hand_over_objs);
}

static void check_row(FILE *f, const struct trc_check *c, enum trc_what w)
{
	const struct trc_row *r = &c->row[w];
	char m[24] = "-", t[24] = "-";

	if (r->has_module)
		snprintf(m, sizeof(m), "%" PRIu64, r->module);
	if (r->has_trace)
		snprintf(t, sizeof(t), "%" PRIu64, r->trace);
	fprintf(f, "  %-13s %10s %10s  %-5s %s\n", trc_module_names[w], m, t,
		!r->has_module || !r->has_trace ? "" :
		trc_row_agrees(c, w) ? "ok" : "DIFF", trc_trace_names[w]);
}

static void checks(FILE *f, const struct trace_out *o)
{
	size_t i;
	int w;

	for (i = 0; i < o->nchecks; i++) {
		const struct trc_check *c = &o->checks[i];

		fprintf(f, "\nModule vs trace: cache %s", c->cache);
		if (strcmp(c->cache, c->trace_cache))
			fprintf(f, " (in the trace: %s)", c->trace_cache);
		fprintf(f, ", %zu run%s\n  %-13s %10s %10s\n", c->nruns,
			c->nruns == 1 ? "" : "s", "", "module", "trace");
		for (w = 0; w < TRC_NR; w++)
			check_row(f, c, (enum trc_what)w);
		if (c->shared)
			fprintf(f, "  %s serves the whole kernel: the trace counts "
				"other users too\n", c->trace_cache);
		if (trc_agrees(c))
			continue;
		if (tp_incomplete(&o->d->pairs))
			fprintf(f, "  events were lost: the trace counts short\n");
		else if (!c->row[TRC_ALLOCS].trace && c->row[TRC_ALLOCS].module)
			fprintf(f, "  no event names %s: a merged cache (mergeable=1) "
				"frees under the name of the cache it merged into, "
				"and bulk calls, pools and arenas emit no kmem event "
				"per object\n", c->trace_cache);
		else
			fprintf(f, "  no events were lost: the module counts what "
				"its strategy hands out, and bulk calls, pools and "
				"arenas emit no kmem event per object\n");
	}
}

static size_t name_width(const struct trace_out *o)
{
	size_t i, w = strlen("cache");

	for (i = 0; i < o->d->pairs.ncaches; i++)
		if (trace_out_wanted(o, o->d->pairs.caches[i].name) &&
		    strlen(o->d->pairs.caches[i].name) > w)
			w = strlen(o->d->pairs.caches[i].name);
	return w;
}

static void pct(FILE *f, int width, double v)
{
	if (isnan(v))
		fprintf(f, " %*s", width, "-");
	else
		fprintf(f, " %*.1f", width, v);
}

static void cache_row(FILE *f, const struct tp_cache *c, int w)
{
	char unp[48], b[HUMAN_LEN], p50[HUMAN_LEN] = "-", p99[HUMAN_LEN] = "-",
	     max[HUMAN_LEN] = "-";

	snprintf(unp, sizeof(unp), "%" PRIu64 "/%" PRIu64, c->unpaired_allocs,
		 c->unpaired_frees);
	if (c->paired) {
		human_ns(tp_life_quantile(c, 500000), p50);
		human_ns(tp_life_quantile(c, 990000), p99);
		human_ns(c->life_max, max);
	}
	fprintf(f, "  %-*s %9" PRIu64 " %9" PRIu64 " %11s %10s", w, c->name,
		c->allocs, c->frees, unp,
		human_bytes((int64_t)c->bytes_alloc, b));
	pct(f, 6, tp_waste_pct(c));
	fprintf(f, " %9" PRIu64, c->cross_cpu);
	pct(f, 6, tp_cross_pct(c));
	fprintf(f, " %9s %9s %9s %6" PRIu64 "\n", p50, p99, max, c->node_set);
}

static void caches(FILE *f, const struct trace_out *o)
{
	const struct tp_state *tp = &o->d->pairs;
	int w = (int)name_width(o);
	size_t i, shown = 0;

	for (i = 0; i < tp->ncaches; i++)
		shown += trace_out_wanted(o, tp->caches[i].name);
	fprintf(f, "\nCaches: %zu of %zu, by allocations (unpaired: allocated "
		"and not freed / freed and not allocated in the trace)\n",
		shown, tp->ncaches);
	fprintf(f, "  %-*s %9s %9s %11s %10s %6s %9s %6s %9s %9s %9s %6s\n",
		w, "cache", "allocs", "frees", "unpaired", "allocated",
		"waste%", "xcpu-free", "xcpu%", "life-p50", "life-p99",
		"life-max", "node");
	for (i = 0; i < tp->ncaches; i++)
		if (trace_out_wanted(o, tp->caches[i].name))
			cache_row(f, &tp->caches[i], w);
}

static void sites(FILE *f, const struct trace_out *o)
{
	const struct tp_state *tp = &o->d->pairs;
	char sym[128], req[HUMAN_LEN], al[HUMAN_LEN];
	unsigned int shown = 0;
	size_t i;

	if (!o->top)
		return;
	fprintf(f, "\nTop %u call sites by allocations\n", o->top);
	fprintf(f, "  %-36s %-24s %9s %10s %10s %6s\n", "call site", "cache",
		"allocs", "requested", "allocated", "waste%");
	for (i = 0; i < tp->nsites && shown < o->top; i++) {
		const struct tp_site *s = &tp->sites[i];
		struct tp_cache c = { .bytes_req = s->bytes_req,
				      .bytes_alloc = s->bytes_alloc };

		if (!trace_out_wanted(o, s->cache))
			continue;
		shown++;
		fprintf(f, "  %-36s %-24s %9" PRIu64 " %10s %10s",
			tr_symbol(o->d, s->call_site, sym, sizeof(sym)),
			s->cache, s->allocs,
			human_bytes((int64_t)s->bytes_req, req),
			human_bytes((int64_t)s->bytes_alloc, al));
		pct(f, 6, tp_waste_pct(&c));
		fputc('\n', f);
	}
}

static void pages(FILE *f, const struct tr_data *d)
{
	const struct tp_state *tp = &d->pairs;
	unsigned int i;

	fprintf(f, "\nPage allocator by order (kmem:mm_page_alloc, "
		"kmem:mm_page_free)\n  %5s %9s %9s\n", "order", "allocs", "frees");
	for (i = 0; i < TP_ORDERS; i++)
		if (tp->page_allocs[i] || tp->page_frees[i])
			fprintf(f, "  %4u%s %9" PRIu64 " %9" PRIu64 "\n", i,
				i == TP_ORDERS - 1 ? "+" : " ",
				tp->page_allocs[i], tp->page_frees[i]);
	if (tp->page_alloc_failed)
		fprintf(f, "  failed page allocations: %" PRIu64 "\n",
			tp->page_alloc_failed);
}

static void events(FILE *f, const struct tr_data *d)
{
	const struct tp_totals *t = &d->pairs.t;
	char items[TR_NR_EV][96];
	const char *v[TR_NR_EV];
	size_t n = 0;
	int i;

	for (i = 0; i < TR_NR_EV; i++) {
		if (!d->events[i])
			continue;
		snprintf(items[n], sizeof(items[n]), "%s %" PRIu64,
			 tr_event_name((enum tr_ev)i), d->events[i]);
		v[n] = items[n];
		n++;
	}
	fputc('\n', f);
	if (n)
		wrap(f, "Events: ", v, n);
	else
		fprintf(f, "Events: none of those this report reads\n");
	fprintf(f, "Pairs:  %" PRIu64 " paired, %" PRIu64 " freed on another CPU; "
		"%" PRIu64 " failed allocations, %" PRIu64 " frees of NULL,\n"
		"        %" PRIu64 " pointers allocated again without a traced free\n",
		t->paired, t->cross_cpu, t->failed_allocs, t->null_frees,
		t->reused);
	if (t->large_twice)
		fprintf(f, "        %" PRIu64 " large kmallocs traced twice, counted once\n",
			t->large_twice);
}

void trace_out_table(FILE *f, const struct trace_out *o)
{
	char lost[512];

	head(f, o);
	if (trace_out_lost(o->d, lost, sizeof(lost)))
		fprintf(f, "%s\n", lost);
	runs(f, o);
	checks(f, o);
	caches(f, o);
	sites(f, o);
	pages(f, o->d);
	events(f, o->d);
	if (trace_out_lost(o->d, lost, sizeof(lost)))
		fprintf(f, "\n%s\n", lost);
}
