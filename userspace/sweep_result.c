// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep_result.h"

const struct sr_stat_info sr_stats[SR_NSTATS] = {
	[SR_OPS] = { "ops", false },
	[SR_ALLOCS] = { "allocs", false },
	[SR_FREES] = { "frees", false },
	[SR_ALLOC_FAILURES] = { "alloc_failures", false },
	[SR_REMOTE_FREES] = { "remote_frees", false },
	[SR_ELAPSED_NS] = { "elapsed_ns", false },
	[SR_OPS_PER_SEC] = { "ops_per_sec", true },
	[SR_NS_PER_OP] = { "ns_per_op", true },
	[SR_NS_PER_ALLOC] = { "ns_per_alloc", true },
	[SR_ALLOC_SHARE_PCT] = { "alloc_share_pct", false },
	[SR_P50_NS] = { "p50_ns", true },
	[SR_P90_NS] = { "p90_ns", false },
	[SR_P99_NS] = { "p99_ns", true },
	[SR_P999_NS] = { "p999_ns", false },
	[SR_MAX_NS] = { "max_ns", false },
	[SR_TIMED_OPS] = { "timed_ops", false },
	/* Free mode rcu; rcu_waiting as read just after the run ended. */
	[SR_RCU_CALLBACKS] = { "rcu_callbacks", false },
	[SR_RCU_WAITING] = { "rcu_waiting", false },
	[SR_RCU_WAITING_BYTES] = { "rcu_waiting_bytes", false },
	[SR_RCU_WAITING_PEAK] = { "rcu_waiting_peak", false },
	[SR_RCU_WAITING_PEAK_BYTES] = { "rcu_waiting_peak_bytes", false },
	[SR_RCU_THROTTLES] = { "rcu_throttles", false },
	/* Strategies mempool and arena_keep; alloc_node or remote free. */
	[SR_RESERVE_HITS] = { "reserve_hits", false },
	[SR_ARENA_BLOCKS] = { "arena_blocks", false },
	[SR_CROSS_NODE_ALLOCS] = { "cross_node_allocs", false },
	[SR_CROSS_NODE_FREES] = { "cross_node_frees", false },
	/* Strategy pool; survive_every. */
	[SR_POOL_MISSES] = { "pool_misses", false },
	[SR_SURVIVORS] = { "survivors", false },
};

const char *const sr_delta_keys[SR_NDELTAS] = {
	[SR_D_OBJECTS] = "objects",
	[SR_D_SLABS] = "slabs",
	[SR_D_PARTIAL] = "partial",
	[SR_D_CPU_SLABS] = "cpu_slabs",
	[SR_D_SLAB_BYTES] = "slab_bytes",
};

const char *const sr_mem_keys[SR_NMEM] = {
	[SR_M_SLAB_KB] = "slab_kb",
	[SR_M_SRECLAIMABLE_KB] = "sreclaimable_kb",
	[SR_M_SUNRECLAIM_KB] = "sunreclaim_kb",
};

const char *const sr_vm_keys[SR_NVM] = {
	[SR_V_PGALLOC] = "pgalloc",
	[SR_V_PGFREE] = "pgfree",
};

void sr_run_clear(struct sr_run *run)
{
	size_t i, j;

	for (i = 0; i < SR_NSTATS; i++)
		run->stat[i] = NAN;
	for (i = 0; i < SWP_MAX_CACHES; i++)
		for (j = 0; j < SR_NDELTAS; j++)
			run->cache[i][j] = NAN;
	for (i = 0; i < SR_NMEM; i++)
		run->mem[i] = NAN;
	for (i = 0; i < SR_NVM; i++)
		run->vm[i] = NAN;
}

int sr_init(struct sweep_result *r, const struct sweep_point *pts,
	    size_t npoints, size_t nlines, size_t ngroups)
{
	unsigned int repeat = r->set.repeat ? r->set.repeat : 1;
	const struct swp_info *pi;
	struct sr_point *p;
	size_t i;

	r->points = calloc(npoints ? npoints : 1, sizeof(*r->points));
	r->lines = calloc(nlines ? nlines : 1, sizeof(*r->lines));
	r->groups = calloc(ngroups ? ngroups : 1, sizeof(*r->groups));
	r->npoints = npoints;
	r->nlines = nlines;
	r->ngroups = ngroups;
	r->interrupted = false;
	if (!r->points || !r->lines || !r->groups)
		goto nomem;
	for (i = 0; i < npoints; i++) {
		p = &r->points[i];
		p->pt = pts[i];
		/* Known before anything runs, so a point not run still says. */
		pi = swp_find(p->pt.pattern);
		p->size_knob = pi ? pi->size_knob : NULL;
		swp_sizes_for(pi, p->pt.size, &p->sizes);
		p->runs = calloc(repeat, sizeof(*p->runs));
		if (!p->runs)
			goto nomem;
		sr_summarize(p);	/* all NaN until runs come in */
	}
	return 0;
nomem:
	sr_free(r);
	return -ENOMEM;
}

void sr_free(struct sweep_result *r)
{
	size_t i;

	for (i = 0; r->points && i < r->npoints; i++)
		free(r->points[i].runs);
	free(r->points);
	free(r->lines);
	free(r->groups);
	r->points = NULL;
	r->lines = NULL;
	r->groups = NULL;
	r->npoints = r->nlines = r->ngroups = 0;
}

void sr_summarize(struct sr_point *p)
{
	double v[64], *vals = v;
	struct spread s;
	size_t i, j, k;

	if (p->nruns > sizeof(v) / sizeof(v[0])) {
		vals = malloc(p->nruns * sizeof(*vals));
		if (!vals)
			return;
	}
	for (i = 0; i < SR_NSTATS; i++) {
		for (k = 0; k < p->nruns; k++)
			vals[k] = p->runs[k].stat[i];
		spread_of(vals, p->nruns, &p->stat[i]);
	}
	for (i = 0; i < SWP_MAX_CACHES; i++) {
		for (j = 0; j < SR_NDELTAS; j++) {
			for (k = 0; k < p->nruns; k++)
				vals[k] = p->runs[k].cache[i][j];
			spread_of(vals, p->nruns, &s);
			p->cache_delta[i][j] = s.med;
		}
	}
	for (i = 0; i < SR_NMEM; i++) {
		for (k = 0; k < p->nruns; k++)
			vals[k] = p->runs[k].mem[i];
		spread_of(vals, p->nruns, &s);
		p->mem_delta[i] = s.med;
	}
	for (i = 0; i < SR_NVM; i++) {
		for (k = 0; k < p->nruns; k++)
			vals[k] = p->runs[k].vm[i];
		spread_of(vals, p->nruns, &s);
		p->vm_delta[i] = s.med;
	}
	/* Per run first: runs of one point can differ in ops by a lot. */
	for (k = 0; k < p->nruns; k++)
		vals[k] = p->runs[k].stat[SR_OPS] > 0 ?
			  p->runs[k].vm[SR_V_PGALLOC] / p->runs[k].stat[SR_OPS] : NAN;
	spread_of(vals, p->nruns, &s);
	p->pgalloc_per_op = s.med;
	p->net_ns_per_alloc = NAN;
	if (vals != v)
		free(vals);
}

/* The null operation (allocs 0) of @p's line, if it ran. */
static const struct sr_point *null_op(const struct sweep_result *r,
				      const struct sr_point *p)
{
	size_t i;

	for (i = 0; i < r->npoints; i++) {
		const struct sr_point *q = &r->points[i];

		if (q->pt.line == p->pt.line && q->pt.allocs == 0 &&
		    q->status == SR_OK)
			return q;
	}
	return NULL;
}

static void net_costs(struct sweep_result *r)
{
	const struct sr_point *z;
	struct sr_point *p;
	size_t i;

	for (i = 0; i < r->npoints; i++) {
		p = &r->points[i];
		p->net_ns_per_alloc = NAN;
		if (p->status != SR_OK || !p->pt.allocs)
			continue;
		z = null_op(r, p);
		if (z)
			p->net_ns_per_alloc =
				(p->stat[SR_NS_PER_OP].med - z->stat[SR_NS_PER_OP].med) /
				(double)p->pt.allocs;
	}
}

/* @p's cost on its line (net or gross) with the range its runs allow. */
static void cost_point(const struct sweep_result *r, const struct sr_point *p,
		       bool net, struct knee_pt *k)
{
	const struct sr_point *z = net ? null_op(r, p) : NULL;

	k->x = (double)p->pt.allocs;
	k->y = k->lo = k->hi = NAN;
	if (p->status != SR_OK)
		return;
	if (z) {
		knee_net_point(k->x, &p->stat[SR_NS_PER_OP],
			       &z->stat[SR_NS_PER_OP], k);
		return;
	}
	if (net)
		return;
	k->y = p->stat[SR_NS_PER_ALLOC].med;
	k->lo = p->stat[SR_NS_PER_ALLOC].min;
	k->hi = p->stat[SR_NS_PER_ALLOC].max;
}

static void line_knee(struct sweep_result *r, size_t line)
{
	struct knee_pt pts[KNEE_MAX_POINTS];
	struct sr_line *l = &r->lines[line];
	const struct sr_point *p;
	size_t i, n = 0;
	bool any_null = false;
	double ratio;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < r->npoints; i++) {
		p = &r->points[i];
		if (p->pt.line != line)
			continue;
		if (!l->first)
			l->first = p;
		if (p->pt.allocs == 0 && p->status == SR_OK)
			any_null = true;
	}
	/* Without the null operation the harness's cost stays in. */
	l->net = any_null && !r->set.knee_gross;
	l->max_ratio = l->max_ratio_allocs = NAN;
	for (i = 0; i < r->npoints && n < KNEE_MAX_POINTS; i++) {
		p = &r->points[i];
		if (p->pt.line != line || !p->pt.allocs)
			continue;
		cost_point(r, p, l->net, &pts[n++]);
	}
	knee_find_rise(pts, n, r->set.base_lo, r->set.base_hi,
		       r->set.knee_ratio, &l->knee);
	/* No ratio means anything over a baseline at or below 0. */
	if (l->knee.status == KNEE_TOO_FEW ||
	    l->knee.status == KNEE_BAD_BASELINE)
		return;
	for (i = 0; i < n; i++) {
		if (isnan(pts[i].y) || pts[i].x <= r->set.base_hi)
			continue;
		ratio = pts[i].y / l->knee.baseline;
		if (isnan(l->max_ratio) || ratio > l->max_ratio) {
			l->max_ratio = ratio;
			l->max_ratio_allocs = pts[i].x;
		}
	}
}

static void group_knee(struct sweep_result *r, size_t group)
{
	double x[KNEE_MAX_POINTS], y[KNEE_MAX_POINTS];
	struct sr_group *g = &r->groups[group];
	const struct sr_point *p;
	size_t i, n = 0;

	memset(g, 0, sizeof(*g));
	for (i = 0; i < r->npoints && n < KNEE_MAX_POINTS; i++) {
		p = &r->points[i];
		if (p->pt.group != group)
			continue;
		if (!g->first)
			g->first = p;
		x[n] = p->pt.cpus->n;
		y[n] = p->status == SR_OK ? p->stat[SR_OPS_PER_SEC].med : NAN;
		n++;
	}
	knee_find_scaling(x, y, n, r->set.min_eff, &g->knee);
}

void sr_find_knees(struct sweep_result *r)
{
	size_t i;

	net_costs(r);
	for (i = 0; i < r->nlines; i++)
		line_knee(r, i);
	for (i = 0; i < r->ngroups; i++)
		group_knee(r, i);
	r->knees_found = true;
}

size_t sr_block_end(const struct sweep_result *r, size_t first)
{
	const struct sr_point *p = r->groups[first].first, *q;
	size_t end;

	for (end = first + 1; p && end < r->ngroups; end++) {
		q = r->groups[end].first;
		if (!q || strcmp(p->pt.pattern, q->pt.pattern) ||
		    strcmp(p->pt.strategy, q->pt.strategy) ||
		    p->pt.size != q->pt.size || strcmp(p->pt.free, q->pt.free))
			break;
	}
	return end;
}

void sr_cpu_summary(const struct sweep_result *r, size_t first, size_t end,
		    struct sr_cpu_summary *s)
{
	double speedups[KNEE_MAX_POINTS];
	const struct sr_group *g;
	struct spread sp;
	size_t i, j, count;

	memset(s, 0, sizeof(*s));
	s->knee = NAN;
	for (i = first; i < end && s->ngroups < KNEE_MAX_POINTS; i++) {
		g = &r->groups[i];
		if (!g->first || !g->first->pt.allocs ||
		    g->knee.status == KNEE_TOO_FEW)
			continue;
		speedups[s->ngroups++] = g->knee.speedup;
		if (g->knee.status != KNEE_FOUND)
			continue;
		s->nknees++;
		for (count = 0, j = first; j < end; j++)
			if (r->groups[j].first && r->groups[j].first->pt.allocs &&
			    r->groups[j].knee.status == KNEE_FOUND &&
			    r->groups[j].knee.x == g->knee.x)
				count++;
		if (count > s->knee_count) {
			s->knee_count = count;
			s->knee = g->knee.x;
		}
	}
	spread_of(speedups, s->ngroups, &sp);
	s->median_speedup = sp.med;
}

const char *sr_status_name(enum sr_status s)
{
	switch (s) {
	case SR_OK:
		return "ok";
	case SR_REFUSED:
		return "refused";
	case SR_FAILED:
		return "failed";
	default:
		return "not_run";
	}
}

const char *sr_cpus_words(const struct sg_cpus *c, char *buf, size_t len)
{
	snprintf(buf, len, "%u CPU%s", c->n, c->n == 1 ? "" : "s");
	return buf;
}
