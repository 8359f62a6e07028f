// SPDX-License-Identifier: GPL-2.0
/* sweep.json: the settings, every point with its spreads, and the knees. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "jsonw.h"
#include "sweep_out.h"

static void json_settings(struct jw *w, const struct sweep_result *r)
{
	const struct sweep_settings *s = &r->set;

	jw_str(w, "tool", s->version);
	jw_str(w, "kernel", s->kernel);
	jw_str(w, "online_cpus", s->online);
	jw_str(w, "started", s->started);
	jw_double(w, "seconds", r->seconds);
	jw_bool(w, "interrupted", r->interrupted);
	jw_begin_obj(w, "settings");
	jw_u64(w, "repeat", s->repeat);
	jw_u64(w, "duration_ms", s->duration_ms);
	jw_u64(w, "work_bytes", s->work_bytes);
	jw_u64(w, "rate", s->rate);
	jw_u64(w, "mem_limit_kb", s->mem_limit_kb);
	if (s->alloc_node)
		jw_i64(w, "alloc_node", strtoll(s->alloc_node, NULL, 10));
	else
		jw_null(w, "alloc_node");
	jw_u64(w, "survive_every", s->survive_every);
	jw_u64(w, "survivors_max", s->survivors_max);
	jw_u64(w, "fail_every", s->fail_every);
	jw_u64(w, "time_every", s->time_every);
	jw_u64(w, "typesafe_rcu", s->typesafe_rcu);
	jw_str(w, "knee_metric", s->knee_gross ? "ns_per_alloc" : "net_ns_per_alloc");
	jw_double(w, "knee_ratio", s->knee_ratio);
	jw_double(w, "knee_baseline_from", s->base_lo);
	jw_double(w, "knee_baseline_to", s->base_hi);
	jw_double(w, "scaling_min_efficiency", s->min_eff);
	jw_end_obj(w);
}

static void json_knobs(struct jw *w, const struct sr_point *p)
{
	jw_str(w, "pattern", p->pt.pattern);
	jw_str(w, "strategy", p->pt.strategy);
	jw_str(w, "size_knob", p->size_knob);
	jw_u64(w, "size", p->pt.size);
	jw_str(w, "free", p->pt.free);
}

static void json_point(struct jw *w, const struct sr_point *p)
{
	size_t i, j;

	jw_begin_obj(w, NULL);
	jw_u64(w, "point", p->pt.index);
	jw_u64(w, "line", p->pt.line);
	jw_u64(w, "group", p->pt.group);
	json_knobs(w, p);
	jw_u64(w, "allocs_per_op", p->pt.allocs);
	jw_u64(w, "object_size", p->sizes.object_size);
	jw_u64(w, "data_size", p->sizes.data_size);
	jw_u64(w, "name_len", p->sizes.name_len);
	jw_str(w, "cpus_spec", p->pt.cpus->spec);
	jw_str(w, "cpus", p->pt.cpus->list);
	jw_u64(w, "ncpus", p->pt.cpus->n);
	jw_str(w, "status", sr_status_name(p->status));
	jw_str(w, "error", p->status == SR_OK ? NULL : p->why);
	jw_u64(w, "runs", p->nruns);

	jw_begin_obj(w, "stats");
	for (i = 0; i < SR_NSTATS; i++) {
		jw_begin_obj(w, sr_stats[i].key);
		jw_double(w, "median", p->stat[i].med);
		jw_double(w, "min", p->stat[i].min);
		jw_double(w, "max", p->stat[i].max);
		jw_end_obj(w);
	}
	jw_end_obj(w);
	jw_double(w, "net_ns_per_alloc", p->net_ns_per_alloc);

	jw_begin_arr(w, "caches");
	for (i = 0; i < p->ncaches; i++) {
		jw_begin_obj(w, NULL);
		jw_str(w, "name", p->caches[i]);
		jw_begin_obj(w, "delta");
		for (j = 0; j < SR_NDELTAS; j++)
			jw_double(w, sr_delta_keys[j], p->cache_delta[i][j]);
		jw_end_obj(w);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_begin_obj(w, "meminfo_delta");
	for (i = 0; i < SR_NMEM; i++)
		jw_double(w, sr_mem_keys[i], p->mem_delta[i]);
	jw_end_obj(w);
	jw_begin_obj(w, "vmstat_delta");
	for (i = 0; i < SR_NVM; i++)
		jw_double(w, sr_vm_keys[i], p->vm_delta[i]);
	jw_double(w, "pgalloc_per_op", p->pgalloc_per_op);
	jw_end_obj(w);
	jw_end_obj(w);
}

static void json_line_knee(struct jw *w, const struct sr_line *l)
{
	const struct sr_point *p = l->first;

	jw_begin_obj(w, NULL);
	json_knobs(w, p);
	jw_str(w, "cpus_spec", p->pt.cpus->spec);
	jw_u64(w, "ncpus", p->pt.cpus->n);
	jw_str(w, "metric", l->net ? "net_ns_per_alloc" : "ns_per_alloc");
	jw_str(w, "status", knee_status_name(l->knee.status));
	jw_double(w, "baseline_ns", l->knee.baseline);
	jw_double(w, "threshold_ns", l->knee.threshold);
	if (l->knee.status == KNEE_FOUND) {
		jw_double(w, "knee_allocs", l->knee.x);
		jw_double(w, "knee_ns", l->knee.y);
	} else {
		jw_null(w, "knee_allocs");
		jw_null(w, "knee_ns");
	}
	jw_double(w, "max_ratio", l->max_ratio);
	jw_double(w, "max_ratio_allocs", l->max_ratio_allocs);
	jw_end_obj(w);
}

static void json_group_knee(struct jw *w, const struct sr_group *g)
{
	const struct sr_point *p = g->first;

	jw_begin_obj(w, NULL);
	json_knobs(w, p);
	jw_u64(w, "allocs_per_op", p->pt.allocs);
	jw_str(w, "status", knee_status_name(g->knee.status));
	if (g->knee.status == KNEE_FOUND) {
		jw_double(w, "knee_cpus", g->knee.x);
		jw_double(w, "next_cpus", g->knee.next_x);
		jw_double(w, "step_efficiency", g->knee.efficiency);
	} else {
		jw_null(w, "knee_cpus");
		jw_null(w, "next_cpus");
		jw_null(w, "step_efficiency");
	}
	jw_double(w, "min_cpus", g->knee.min_x);
	jw_double(w, "max_cpus", g->knee.max_x);
	jw_double(w, "speedup", g->knee.speedup);
	jw_end_obj(w);
}

/* One object per block of groups: the CPU knee over all its allocs. */
static void json_cpu_summaries(struct jw *w, const struct sweep_result *r)
{
	struct sr_cpu_summary sum;
	size_t i, end;

	jw_begin_arr(w, "cpus_summary");
	for (i = 0; i < r->ngroups; i = end) {
		end = sr_block_end(r, i);
		if (!r->groups[i].first)
			continue;
		sr_cpu_summary(r, i, end, &sum);
		jw_begin_obj(w, NULL);
		json_knobs(w, r->groups[i].first);
		jw_u64(w, "allocs_values", sum.ngroups);
		jw_u64(w, "with_knee", sum.nknees);
		jw_double(w, "most_common_knee_cpus", sum.knee);
		jw_u64(w, "most_common_knee_count", sum.knee_count);
		jw_double(w, "median_speedup", sum.median_speedup);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

void sweep_write_json(FILE *f, const struct sweep_result *r)
{
	struct jw w;
	size_t i;

	jw_init(&w, f);
	jw_begin_obj(&w, NULL);
	json_settings(&w, r);
	jw_begin_arr(&w, "points");
	for (i = 0; i < r->npoints; i++)
		json_point(&w, &r->points[i]);
	jw_end_arr(&w);
	jw_begin_obj(&w, "knees");
	jw_begin_arr(&w, "allocs");
	for (i = 0; i < r->nlines; i++)
		if (r->lines[i].first)
			json_line_knee(&w, &r->lines[i]);
	jw_end_arr(&w);
	jw_begin_arr(&w, "cpus");
	for (i = 0; i < r->ngroups; i++)
		if (r->groups[i].first)
			json_group_knee(&w, &r->groups[i]);
	jw_end_arr(&w);
	json_cpu_summaries(&w, r);
	jw_end_obj(&w);
	jw_end_obj(&w);
}
