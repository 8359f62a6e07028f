// SPDX-License-Identifier: GPL-2.0
/*
 * sweep.csv: one line per point.  The header and the rows come from the
 * same function, so a column cannot be added to one and not the other.
 */
#include <math.h>
#include <stdio.h>

#include "csvw.h"
#include "sweep_out.h"

/* Writes the column's name for the header (@p NULL), else the value. */
#define COL(name, value_stmt)				\
	do {						\
		if (!p)					\
			csvw_str(w, name);		\
		else					\
			value_stmt;			\
	} while (0)

static void knob_cols(struct csvw *w, const struct sweep_result *r,
		      const struct sr_point *p)
{
	const struct sweep_settings *s = &r->set;

	COL("point", csvw_u64(w, p->pt.index));
	COL("line", csvw_u64(w, p->pt.line));
	COL("group", csvw_u64(w, p->pt.group));
	COL("pattern", csvw_str(w, p->pt.pattern));
	COL("strategy", csvw_str(w, p->pt.strategy));
	COL("allocs_per_op", csvw_u64(w, p->pt.allocs));
	COL("size_knob", csvw_str(w, p->size_knob));
	COL("size", csvw_u64(w, p->pt.size));
	COL("object_size", csvw_u64(w, p->sizes.object_size));
	COL("data_size", csvw_u64(w, p->sizes.data_size));
	COL("name_len", csvw_u64(w, p->sizes.name_len));
	COL("cpus_spec", csvw_str(w, p->pt.cpus->spec));
	COL("cpus", csvw_str(w, p->pt.cpus->list));
	COL("ncpus", csvw_u64(w, p->pt.cpus->n));
	COL("free", csvw_str(w, p->pt.free));
	COL("work_bytes", csvw_u64(w, s->work_bytes));
	COL("duration_ms", csvw_u64(w, s->duration_ms));
	COL("rate", csvw_u64(w, s->rate));
	COL("mem_limit_kb", csvw_u64(w, s->mem_limit_kb));
	COL("survive_every", csvw_u64(w, s->survive_every));
	COL("survivors_max", csvw_u64(w, s->survivors_max));
	COL("fail_every", csvw_u64(w, s->fail_every));
	COL("time_every", csvw_u64(w, s->time_every));
	COL("typesafe_rcu", csvw_u64(w, s->typesafe_rcu));
	COL("repeat", csvw_u64(w, s->repeat));
	COL("runs", csvw_u64(w, p->nruns));
	COL("status", csvw_str(w, sr_status_name(p->status)));
	COL("error", csvw_str(w, p->status == SR_OK ? "" : p->why));
}

static void stat_cols(struct csvw *w, const struct sr_point *p)
{
	char name[64];
	size_t i;

	for (i = 0; i < SR_LATE_STATS; i++) {
		COL(sr_stats[i].key, csvw_double(w, p->stat[i].med));
		if (!sr_stats[i].spread)
			continue;
		snprintf(name, sizeof(name), "%s_min", sr_stats[i].key);
		COL(name, csvw_double(w, p->stat[i].min));
		snprintf(name, sizeof(name), "%s_max", sr_stats[i].key);
		COL(name, csvw_double(w, p->stat[i].max));
	}
	COL("net_ns_per_alloc", csvw_double(w, p->net_ns_per_alloc));
}

static void slab_cols(struct csvw *w, const struct sr_point *p)
{
	char name[64];
	size_t i, j;

	for (i = 0; i < SWP_MAX_CACHES; i++) {
		snprintf(name, sizeof(name), "cache%zu", i + 1);
		COL(name, csvw_str(w, i < p->ncaches ? p->caches[i] : ""));
		for (j = 0; j < SR_NDELTAS; j++) {
			snprintf(name, sizeof(name), "cache%zu_d_%s", i + 1,
				 sr_delta_keys[j]);
			COL(name, csvw_double(w, p->cache_delta[i][j]));
		}
	}
	for (i = 0; i < SR_NMEM; i++) {
		snprintf(name, sizeof(name), "meminfo_d_%s", sr_mem_keys[i]);
		COL(name, csvw_double(w, p->mem_delta[i]));
	}
	for (i = 0; i < SR_NVM; i++) {
		snprintf(name, sizeof(name), "vmstat_d_%s", sr_vm_keys[i]);
		COL(name, csvw_double(w, p->vm_delta[i]));
	}
	COL("pgalloc_per_op", csvw_double(w, p->pgalloc_per_op));
}

static void knee_cols(struct csvw *w, const struct sweep_result *r,
		      const struct sr_point *p)
{
	const struct sr_line *l = p ? &r->lines[p->pt.line] : NULL;
	const struct sr_group *g = p ? &r->groups[p->pt.group] : NULL;

	/* A row written as its point finished: the knees are not known yet. */
	if (p && !r->knees_found) {
		csvw_empty(w);
		csvw_empty(w);
		csvw_empty(w);
		csvw_empty(w);
		csvw_empty(w);
		return;
	}

	COL("alloc_knee", csvw_double(w, l->knee.status == KNEE_FOUND ?
				      l->knee.x : NAN));
	COL("alloc_knee_metric", csvw_str(w, l->net ? "net_ns_per_alloc" :
					  "ns_per_alloc"));
	COL("alloc_knee_baseline", csvw_double(w, l->knee.baseline));
	COL("cpu_knee", csvw_double(w, g->knee.status == KNEE_FOUND ?
				    g->knee.x : NAN));
	COL("cpu_speedup", csvw_double(w, g->knee.speedup));
}

/*
 * Columns added after the knees': appended, so that a reader that counts
 * columns still finds the older ones where they were.
 */
static void late_cols(struct csvw *w, const struct sweep_result *r,
		      const struct sr_point *p)
{
	size_t i;

	COL("alloc_node", csvw_str(w, r->set.alloc_node));
	/* Counters: the median only, no _min and _max. */
	for (i = SR_LATE_STATS; i < SR_NSTATS; i++)
		COL(sr_stats[i].key, csvw_double(w, p->stat[i].med));
}

static int line_of(struct csvw *w, const struct sweep_result *r,
		   const struct sr_point *p)
{
	knob_cols(w, r, p);
	stat_cols(w, p);
	slab_cols(w, p);
	knee_cols(w, r, p);
	late_cols(w, r, p);
	return csvw_end_line(w);
}

int sweep_csv_header(struct csvw *w, FILE *f, const struct sweep_result *r)
{
	csvw_init(w, f);
	line_of(w, r, NULL);
	return csvw_finish(w);
}

int sweep_csv_row(struct csvw *w, const struct sweep_result *r,
		  const struct sr_point *p)
{
	line_of(w, r, p);
	return csvw_finish(w);
}

int sweep_write_csv(FILE *f, const struct sweep_result *r)
{
	struct csvw w;
	size_t i;

	csvw_init(&w, f);
	line_of(&w, r, NULL);
	for (i = 0; i < r->npoints; i++)
		line_of(&w, r, &r->points[i]);
	return csvw_finish(&w);
}
