// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvw.h"
#include "user_point.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void ustat_range(double *v, unsigned int n, double *med, double *min,
		 double *max)
{
	unsigned int i, m = 0;

	/* unknown values (NaN) are left out */
	for (i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[m++] = v[i];
	if (!m) {
		*med = *min = *max = NAN;
		return;
	}
	qsort(v, m, sizeof(*v), cmp_double);
	*min = v[0];
	*max = v[m - 1];
	*med = m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
}

unsigned int upoint_malloc_calls(enum ureq_mode mode, unsigned int nodes)
{
	switch (mode) {
	case UREQ_PER_REQUEST:
		return nodes;
	case UREQ_ARENA:
		return nodes ? 1 : 0;
	default:
		return 0;
	}
}

/* The per-run values the CSV summarises. */
enum metric {
	M_OPS, M_ELAPSED, M_FAILURES, M_OPS_PER_SEC, M_NS_PER_OP, M_NS_PER_ALLOC,
	M_P50, M_P90, M_P99, M_P999, M_MAX,
	M_MMAP, M_MUNMAP, M_BRK, M_MINFLT,
	M_RSS_BEFORE, M_RSS_PEAK, M_RSS_AFTER, M_RSS_TRIM, M_LAZYFREE,
	M_N
};

static double per_op(int64_t v, uint64_t ops)
{
	return v < 0 || !ops ? NAN : (double)v / (double)ops;
}

static double kb(int64_t v)
{
	return v < 0 ? NAN : (double)v;
}

static double metric(const struct upoint *p, const struct urun_res *r,
		     enum metric m)
{
	double ns_op = r->ops ? (double)r->busy_ns / (double)r->ops : NAN;

	switch (m) {
	case M_OPS: return (double)r->ops;
	case M_ELAPSED: return (double)r->elapsed_ns;
	case M_FAILURES: return (double)r->failures;
	case M_OPS_PER_SEC:
		return r->elapsed_ns ? r->ops * 1e9 / (double)r->elapsed_ns : NAN;
	case M_NS_PER_OP: return ns_op;
	case M_NS_PER_ALLOC: return p->nodes ? ns_op / p->nodes : NAN;
	case M_P50: return (double)r->pct.p50;
	case M_P90: return (double)r->pct.p90;
	case M_P99: return (double)r->pct.p99;
	case M_P999: return (double)r->pct.p999;
	case M_MAX: return (double)r->pct.max;
	case M_MMAP: return per_op(r->sys[USYS_MMAP], r->ops);
	case M_MUNMAP: return per_op(r->sys[USYS_MUNMAP], r->ops);
	case M_BRK: return per_op(r->sys[USYS_BRK], r->ops);
	case M_MINFLT: return per_op((int64_t)r->minflt, r->ops);
	case M_RSS_BEFORE: return kb(r->before.rss_kb);
	case M_RSS_PEAK: return kb(r->peak.hwm_kb);
	case M_RSS_AFTER: return kb(r->after.rss_kb);
	case M_RSS_TRIM: return kb(r->trimmed.rss_kb);
	case M_LAZYFREE: return kb(r->after.lazyfree_kb);
	default: return NAN;
	}
}

struct range {
	double med, min, max;
};

static struct range summary(const struct upoint *p, enum metric m)
{
	double v[p->runs ? p->runs : 1];
	struct range s;
	unsigned int i;

	for (i = 0; i < p->runs; i++)
		v[i] = metric(p, &p->res[i], m);
	ustat_range(v, p->runs, &s.med, &s.min, &s.max);
	return s;
}

/* The line's allocs 0 point: the request without its allocations. */
static const struct upoint *null_point(const struct upoint *p,
				       const struct upoint *all, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (all[i].line == p->line && !all[i].nodes &&
		    !strcmp(all[i].status, "ok"))
			return &all[i];
	return NULL;
}

static const char *const header[] = {
	"point", "line", "group", "allocator", "malloc_lib", "pattern",
	"strategy", "allocs_per_op", "size_knob", "size", "cpus_spec", "cpus",
	"ncpus", "threads", "free", "work_bytes", "duration_ms", "rate",
	"mmap_threshold", "tunables", "repeat", "runs", "status", "error",
	"ops", "allocs", "frees", "malloc_calls_per_op", "alloc_failures",
	"elapsed_ns",
	"ops_per_sec", "ops_per_sec_min", "ops_per_sec_max",
	"ns_per_op", "ns_per_op_min", "ns_per_op_max",
	"ns_per_alloc", "ns_per_alloc_min", "ns_per_alloc_max",
	"p50_ns", "p50_ns_min", "p50_ns_max", "p90_ns",
	"p99_ns", "p99_ns_min", "p99_ns_max",
	"p999_ns", "p999_ns_min", "p999_ns_max", "max_ns",
	"net_ns_per_alloc",
	"mmap_per_op", "munmap_per_op", "brk_per_op", "minflt_per_op",
	"rss_before_kb", "rss_peak_kb", "rss_after_kb", "rss_trim_kb",
	"lazyfree_after_kb",
	NULL
};

static void put_range(struct csvw *w, const struct upoint *p, enum metric m,
		      int with_range)
{
	struct range s = summary(p, m);

	csvw_double(w, s.med);
	if (with_range) {
		csvw_double(w, s.min);
		csvw_double(w, s.max);
	}
}

static void put_row(struct csvw *w, const struct uknobs *k,
		    const struct upoint *p, const struct upoint *all,
		    unsigned int n)
{
	const struct upoint *z = null_point(p, all, n);
	struct range ops = summary(p, M_OPS);
	enum metric m;
	double net = NAN;

	csvw_u64(w, p->point);
	csvw_u64(w, p->line);
	csvw_u64(w, p->group);
	csvw_str(w, k->allocator);
	csvw_str(w, k->malloc_lib);
	csvw_str(w, "manifest");
	csvw_str(w, ureq_mode_name(p->mode));
	csvw_u64(w, p->nodes);
	csvw_str(w, "node_size");
	csvw_u64(w, p->node_size);
	csvw_u64(w, p->threads);
	csvw_empty(w);		/* the threads are not pinned */
	csvw_u64(w, p->threads);
	csvw_u64(w, p->threads);
	csvw_str(w, "local");
	csvw_u64(w, k->work_bytes);
	csvw_u64(w, k->duration_ms);
	csvw_u64(w, k->rate);
	if (k->mmap_threshold < 0)
		csvw_str(w, "dynamic");
	else
		csvw_i64(w, k->mmap_threshold);
	csvw_str(w, k->tunables);
	csvw_u64(w, k->repeat);
	csvw_u64(w, p->runs);
	csvw_str(w, p->status);
	csvw_str(w, p->error);
	csvw_double(w, ops.med);
	csvw_double(w, ops.med * p->nodes);
	csvw_double(w, ops.med * p->nodes);
	csvw_u64(w, upoint_malloc_calls(p->mode, p->nodes));
	put_range(w, p, M_FAILURES, 0);
	put_range(w, p, M_ELAPSED, 0);
	put_range(w, p, M_OPS_PER_SEC, 1);
	put_range(w, p, M_NS_PER_OP, 1);
	put_range(w, p, M_NS_PER_ALLOC, 1);
	put_range(w, p, M_P50, 1);
	put_range(w, p, M_P90, 0);
	put_range(w, p, M_P99, 1);
	put_range(w, p, M_P999, 1);
	put_range(w, p, M_MAX, 0);
	if (z && p->nodes && p->runs)
		net = (summary(p, M_NS_PER_OP).med - summary(z, M_NS_PER_OP).med) /
		      p->nodes;
	csvw_double(w, net);
	for (m = M_MMAP; m < M_N; m++)
		put_range(w, p, m, 0);
}

int upoint_write_csv(FILE *f, const struct uknobs *k, const struct upoint *p,
		     unsigned int n, int header_line)
{
	struct csvw w;
	unsigned int i;

	csvw_init(&w, f);
	if (header_line) {
		for (i = 0; header[i]; i++)
			csvw_str(&w, header[i]);
		csvw_end_line(&w);
	} else {
		for (i = 0; header[i]; i++)
			;
		w.ncols = i;	/* rows after another writer's header */
	}
	for (i = 0; i < n; i++) {
		put_row(&w, k, &p[i], p, n);
		csvw_end_line(&w);
	}
	return csvw_finish(&w);
}

void upoint_table_header(FILE *f)
{
	fprintf(f, "%-9s | %-11s | %6s | %7s | %10s | %9s | %9s | %9s\n",
		"allocator", "mode", "allocs", "threads", "req/s", "p50 us",
		"p99 us", "p99.9 us");
}

void upoint_table_row(FILE *f, const struct uknobs *k, const struct upoint *p)
{
	if (strcmp(p->status, "ok")) {
		fprintf(f, "%-9s | %-11s | %6u | %7u | %s: %s\n", k->allocator,
			ureq_mode_name(p->mode), p->nodes, p->threads, p->status,
			p->error);
		return;
	}
	fprintf(f, "%-9s | %-11s | %6u | %7u | %10.0f | %9.2f | %9.2f | %9.2f\n",
		k->allocator, ureq_mode_name(p->mode), p->nodes, p->threads,
		summary(p, M_OPS_PER_SEC).med, summary(p, M_P50).med / 1000,
		summary(p, M_P99).med / 1000, summary(p, M_P999).med / 1000);
}
