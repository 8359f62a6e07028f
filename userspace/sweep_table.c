// SPDX-License-Identifier: GPL-2.0
/* The sweep for people: one row per point, then the knees. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "humanfmt.h"
#include "sweep_out.h"

/* allocs columns per row of the CPU scaling table. */
#define SCALE_COLS 12

const char *sweep_point_label(const struct sr_point *p, char *buf, size_t len)
{
	char cpus[32];

	snprintf(buf, len, "%s %s %s %s allocs %" PRIu64, p->pt.pattern,
		 p->pt.strategy, p->pt.free,
		 sr_cpus_words(p->pt.cpus, cpus, sizeof(cpus)), p->pt.allocs);
	return buf;
}

/* A number or "-", right-aligned in @width. */
static void num(FILE *f, int width, double v, int decimals)
{
	if (isnan(v))
		fprintf(f, " %*s", width, "-");
	else
		fprintf(f, " %*.*f", width, decimals, v);
}

static void ns(FILE *f, int width, double v)
{
	char h[HUMAN_LEN];

	if (isnan(v))
		fprintf(f, " %*s", width, "-");
	else
		fprintf(f, " %*s", width, human_ns((uint64_t)llround(v), h));
}

static double slab_bytes(const struct sr_point *p)
{
	double sum = NAN;
	size_t i;

	for (i = 0; i < p->ncaches; i++) {
		if (isnan(p->cache_delta[i][SR_D_SLAB_BYTES]))
			continue;
		sum = (isnan(sum) ? 0 : sum) + p->cache_delta[i][SR_D_SLAB_BYTES];
	}
	return sum;
}

static void bytes(FILE *f, int width, double v)
{
	char h[HUMAN_LEN], s[HUMAN_LEN + 1];

	if (isnan(v)) {
		fprintf(f, " %*s", width, "-");
		return;
	}
	human_bytes((int64_t)llround(v), h);
	snprintf(s, sizeof(s), "%s%s", v > 0 ? "+" : "", h);
	fprintf(f, " %*s", width, s);
}

/* Pattern, strategy and size: what a block of rows has in common. */
static bool same_block(const struct sr_point *a, const struct sr_point *b)
{
	return !strcmp(a->pt.pattern, b->pt.pattern) &&
	       !strcmp(a->pt.strategy, b->pt.strategy) && a->pt.size == b->pt.size;
}

static void block_head(FILE *f, const struct sr_point *p)
{
	size_t i;

	fprintf(f, "\n%s, strategy %s", p->pt.pattern, p->pt.strategy);
	if (p->size_knob)
		fprintf(f, ", %s %" PRIu64, p->size_knob, p->pt.size);
	fprintf(f, ", caches:");
	if (!p->ncaches)
		fprintf(f, " (none watched)");
	for (i = 0; i < p->ncaches; i++)
		fprintf(f, " %s", p->caches[i]);
	fprintf(f, "\n%-6s %-7s %6s %10s %5s %8s %8s %8s %10s %6s %10s\n",
		"free", "cpus", "allocs", "ops/s", "+-%", "ns/op", "ns/alloc",
		"net", "p99", "alloc%", "slab mem");
}

static void point_row(FILE *f, const struct sweep_result *r,
		      const struct sr_point *p)
{
	const struct sr_line *l = &r->lines[p->pt.line];
	char cpus[32];

	fprintf(f, "%-6s %-7s %6" PRIu64, p->pt.free,
		sr_cpus_words(p->pt.cpus, cpus, sizeof(cpus)), p->pt.allocs);
	if (p->status != SR_OK) {
		fprintf(f, "  %s%s%s\n", sr_status_name(p->status),
			*p->why ? ": " : "", p->why);
		return;
	}
	num(f, 10, p->stat[SR_OPS_PER_SEC].med, 0);
	num(f, 5, spread_pct(&p->stat[SR_OPS_PER_SEC]), 0);
	num(f, 8, p->stat[SR_NS_PER_OP].med, 0);
	num(f, 8, p->pt.allocs ? p->stat[SR_NS_PER_ALLOC].med : NAN, 0);
	num(f, 8, p->net_ns_per_alloc, 0);
	ns(f, 10, p->stat[SR_P99_NS].med);
	num(f, 6, p->stat[SR_ALLOC_SHARE_PCT].med, 1);
	bytes(f, 10, slab_bytes(p));
	if (l->knee.status == KNEE_FOUND && l->knee.x == (double)p->pt.allocs)
		fprintf(f, "  <- knee");
	fputc('\n', f);
}

static void alloc_knees(FILE *f, const struct sweep_result *r)
{
	const struct sweep_settings *s = &r->set;
	const struct sr_line *l;
	const struct sr_point *p;
	char cpus[32];
	size_t i;

	fprintf(f,
		"\nAllocation knee: the first allocs_per_op above %g where the cost per\n"
		"allocation is over %g x the median of allocs %g..%g, and stays over at\n"
		"the next point, and whose cheapest run costs more than the runs of\n"
		"allocs %g..%g reach (a rise within the runs' spread is noise).\n"
		"The cost is %s.\n",
		s->base_hi, s->knee_ratio, s->base_lo, s->base_hi,
		s->base_lo, s->base_hi, s->knee_gross ? "the module's ns_per_alloc" :
		"net: ns/op less the null operation's, per allocation\n"
		"(gross, ns_per_alloc, on a line without allocs 0)");
	for (i = 0; i < r->nlines; i++) {
		l = &r->lines[i];
		p = l->first;
		if (!p)
			continue;
		fprintf(f, "  %s %s", p->pt.pattern, p->pt.strategy);
		if (p->size_knob)
			fprintf(f, " %s=%" PRIu64, p->size_knob, p->pt.size);
		fprintf(f, " %-6s %-7s", p->pt.free,
			sr_cpus_words(p->pt.cpus, cpus, sizeof(cpus)));
		if (l->knee.status == KNEE_TOO_FEW) {
			fprintf(f, " no knee: fewer than 2 points in allocs %g..%g\n",
				s->base_lo, s->base_hi);
			continue;
		}
		fprintf(f, " baseline %4.0f ns%s:", l->knee.baseline,
			l->net ? "" : " (gross)");
		if (l->knee.status == KNEE_FOUND)
			fprintf(f, " knee at %g allocs (%.0f ns, %.1fx)\n",
				l->knee.x, l->knee.y, l->knee.y / l->knee.baseline);
		else if (l->knee.status == KNEE_BAD_BASELINE)
			fprintf(f, " no knee: a baseline not above 0 is noise\n");
		else if (l->knee.status == KNEE_NOISY)
			fprintf(f, " no knee: the rise at %g allocs is within the runs' spread (up to %.0f ns in the baseline)\n",
				l->knee.noisy_x, l->knee.base_top);
		else if (!isnan(l->max_ratio))
			fprintf(f, " no knee (at most %.2fx, at %g allocs)\n",
				l->max_ratio, l->max_ratio_allocs);
		else
			fprintf(f, " no knee (no points above allocs %g)\n",
				s->base_hi);
	}
}

/* The groups of one (pattern, strategy, size, free), in allocs order. */
static void scale_block(FILE *f, const struct sweep_result *r, size_t first,
			size_t count)
{
	const struct sr_group *g;
	size_t i, start, end;

	for (start = 0; start < count; start += SCALE_COLS) {
		end = start + SCALE_COLS < count ? start + SCALE_COLS : count;
		fprintf(f, "  %-16s", start ? "" : "allocs");
		for (i = start; i < end; i++)
			fprintf(f, " %6" PRIu64, r->groups[first + i].first->pt.allocs);
		fprintf(f, "\n  %-16s", "speedup");
		for (i = start; i < end; i++) {
			g = &r->groups[first + i];
			if (isnan(g->knee.speedup))
				fprintf(f, " %6s", "-");
			else
				fprintf(f, " %5.2fx", g->knee.speedup);
		}
		fprintf(f, "\n  %-16s", "knee (CPUs)");
		for (i = start; i < end; i++) {
			g = &r->groups[first + i];
			if (g->knee.status == KNEE_FOUND)
				fprintf(f, " %6g", g->knee.x);
			else
				fprintf(f, " %6s", "-");
		}
		fputc('\n', f);
	}
}

static void cpu_knees(FILE *f, const struct sweep_result *r)
{
	struct sr_cpu_summary sum;
	const struct sr_point *p;
	size_t i, end;

	for (i = 0; i < r->ngroups; i++)
		if (r->groups[i].first && r->groups[i].knee.status != KNEE_TOO_FEW)
			break;
	if (i == r->ngroups) {
		fprintf(f, "\nCPU knee: needs two or more CPU counts in --cpus.\n");
		return;
	}
	fprintf(f,
		"\nCPU knee: the CPU count after which more CPUs earn under %.0f%% of the ideal\n"
		"(linear) gain in ops/s; speedup is ops/s at %g over %g CPUs.\n",
		r->set.min_eff * 100, r->groups[i].knee.max_x,
		r->groups[i].knee.min_x);
	for (i = 0; i < r->ngroups; i = end) {
		end = sr_block_end(r, i);
		p = r->groups[i].first;
		if (!p)
			continue;
		fprintf(f, "%s %s", p->pt.pattern, p->pt.strategy);
		if (p->size_knob)
			fprintf(f, " %s=%" PRIu64, p->size_knob, p->pt.size);
		fprintf(f, ", free %s", p->pt.free);
		sr_cpu_summary(r, i, end, &sum);
		if (sum.ngroups && sum.nknees)
			fprintf(f, ": knee at %g CPU%s for %zu of %zu allocs values >= 1, median speedup %.2fx\n",
				sum.knee, sum.knee == 1 ? "" : "s", sum.knee_count,
				sum.ngroups, sum.median_speedup);
		else if (sum.ngroups)
			fprintf(f, ": no knee at any allocs value >= 1, median speedup %.2fx\n",
				sum.median_speedup);
		else
			fputc('\n', f);
		scale_block(f, r, i, end - i);
	}
}

void sweep_write_table(FILE *f, const struct sweep_result *r)
{
	const struct sweep_settings *s = &r->set;
	const struct sr_point *p, *prev = NULL;
	size_t i;

	fprintf(f, "slabwall sweep: kernel %s, CPUs %s online, %u run%s of %" PRIu64
		" ms per point (medians), %zu points in %.0f s%s\n",
		s->kernel, s->online, s->repeat, s->repeat == 1 ? "" : "s",
		s->duration_ms, r->npoints, r->seconds,
		r->interrupted ? " (INTERRUPTED: points not run are marked)" : "");
	for (i = 0; i < r->npoints; i++) {
		p = &r->points[i];
		if (!prev || !same_block(prev, p))
			block_head(f, p);
		point_row(f, r, p);
		prev = p;
	}
	fprintf(f,
		"\nops/s and +-%% (max - min over median) are the whole run's; ns/op is CPU time\n"
		"per operation; net is per allocation after the null operation's cost;\n"
		"slab mem is the change of the watched caches' slab memory over a run.\n");
	alloc_knees(f, r);
	cpu_knees(f, r);
}
