// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

const char *const cmp_default_keys[] = {
	"setting", "pattern", "strategy", "size", "cpus_spec", "free",
	"allocs_per_op", "work_bytes", "rate", NULL
};

/*
 * Columns that write one knob different ways (sweep.csv's CPU set): when
 * --by is one of them, the others differ with it and are no keys.
 */
static const char *const one_knob[] = { "cpus_spec", "cpus", "ncpus", NULL };

static bool in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (!strcmp(*list, name))
			return true;
	return false;
}

static bool same_knob(const char *a, const char *b)
{
	return in_list(one_knob, a) && in_list(one_knob, b);
}

/* The resolved columns of one comparison. */
struct cols {
	int by, metric, tail, status;
	int mmin, mmax, runs;		/* -1: the CSV has no such column */
	int at[CMP_MAX_AT];
	int keys[CMP_MAX_KEYS];
	bool varies[CMP_MAX_KEYS];
	size_t nkeys;
};

static bool number(const char *s, double *v)
{
	char *end;

	if (!s || !*s)
		return false;
	errno = 0;
	*v = strtod(s, &end);
	return !*end && !errno && !isnan(*v);
}

/* The same text, or the same number written differently. */
static bool field_eq(const char *a, const char *b)
{
	double x, y;

	if (!strcmp(a, b))
		return true;
	return number(a, &x) && number(b, &y) && x == y;
}

int cmp_parse_cond(const char *opt, char *arg, struct cmp_cond *c,
		   struct swerr *e)
{
	char *eq = strchr(arg, '=');

	if (!eq || eq == arg)
		return swerr_set(e, EINVAL, "%s \"%s\": not COLUMN=VALUE", opt,
				 arg);
	*eq = '\0';
	c->col = arg;
	c->val = eq + 1;
	return 0;
}

static int need_col(const struct csv_table *t, const char *name,
		    const char *what, int *col, struct swerr *e)
{
	*col = csv_col(t, name);
	if (*col < 0)
		return swerr_set(e, EINVAL, "%s: no column \"%s\" in the CSV",
				 what, name);
	return 0;
}

/* METRIC_min, METRIC_max and runs, for --decide; absent ones are -1. */
static void range_cols(const struct csv_table *t, const struct cmp_opts *o,
		       struct cols *c)
{
	const char *m = o->metric ? o->metric : CMP_DEFAULT_METRIC;
	char name[128];

	snprintf(name, sizeof(name), "%s_min", m);
	c->mmin = csv_col(t, name);
	snprintf(name, sizeof(name), "%s_max", m);
	c->mmax = csv_col(t, name);
	c->runs = csv_col(t, "runs");
}

static int resolve(const struct csv_table *t, const struct cmp_opts *o,
		   struct cols *c, struct swerr *e)
{
	const char *tail = o->tail ? o->tail : CMP_DEFAULT_TAIL;
	size_t i;
	int col, ret;

	memset(c, 0, sizeof(*c));
	ret = need_col(t, o->by, "--by", &c->by, e);
	if (!ret)
		ret = need_col(t, o->metric ? o->metric : CMP_DEFAULT_METRIC,
			       "--metric", &c->metric, e);
	c->tail = -1;
	if (!ret && *tail)
		ret = need_col(t, tail, "--tail", &c->tail, e);
	for (i = 0; !ret && i < o->nat; i++)
		ret = need_col(t, o->at[i].col, "--at", &c->at[i], e);
	if (ret)
		return ret;
	c->status = csv_col(t, "status");
	range_cols(t, o, c);
	if (o->nkeys) {
		for (i = 0; i < o->nkeys; i++) {
			ret = need_col(t, o->keys[i], "--key", &col, e);
			if (ret)
				return ret;
			if (col != c->by)
				c->keys[c->nkeys++] = col;
		}
		return 0;
	}
	for (i = 0; cmp_default_keys[i] && c->nkeys < CMP_MAX_KEYS; i++) {
		col = csv_col(t, cmp_default_keys[i]);
		if (same_knob(cmp_default_keys[i], o->by))
			continue;
		if (col >= 0 && col != c->by)
			c->keys[c->nkeys++] = col;
	}
	return 0;
}

static bool selected(const struct csv_table *t, const struct cmp_opts *o,
		     const struct cols *c, size_t r)
{
	char **row = t->rows[r];
	size_t i;

	if (c->status >= 0 && strcmp(row[c->status], "ok"))
		return false;
	for (i = 0; i < o->nat; i++)
		if (!field_eq(row[c->at[i]], o->at[i].val))
			return false;
	return true;
}

/* Keys whose value is not the same in every selected row go in "where". */
static void find_varying(const struct csv_table *t, const bool *sel,
			 struct cols *c)
{
	const char *first;
	size_t k, r;

	for (k = 0; k < c->nkeys; k++) {
		first = NULL;
		for (r = 0; r < t->nrows && !c->varies[k]; r++) {
			if (!sel[r])
				continue;
			if (!first)
				first = t->rows[r][c->keys[k]];
			else if (!field_eq(first, t->rows[r][c->keys[k]]))
				c->varies[k] = true;
		}
	}
}

static bool same_keys(const struct csv_table *t, const struct cols *c,
		      size_t a, size_t b)
{
	size_t k;

	for (k = 0; k < c->nkeys; k++)
		if (!field_eq(t->rows[a][c->keys[k]], t->rows[b][c->keys[k]]))
			return false;
	return true;
}

static void where_of(const struct csv_table *t, const struct cmp_opts *o,
		     const struct cols *c, size_t r, char *buf)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < o->nat && len < CMP_WHERE_MAX; i++)
		len += snprintf(buf + len, CMP_WHERE_MAX - len, "%s%s=%s",
				len ? " " : "", o->at[i].col, o->at[i].val);
	for (i = 0; i < c->nkeys && len < CMP_WHERE_MAX; i++)
		if (c->varies[i])
			len += snprintf(buf + len, CMP_WHERE_MAX - len, "%s%s=%s",
					len ? " " : "", t->head[c->keys[i]],
					t->rows[r][c->keys[i]]);
}

static double field_num(const struct csv_table *t, size_t r, int col)
{
	double v;

	return col >= 0 && number(t->rows[r][col], &v) ? v : NAN;
}

/*
 * The ratio's range over the runs: row min / base max .. row max / base
 * min.  None with too few runs; runs not given (a lab's table) count as
 * enough when the range columns are there.
 */
static void range_of(const struct csv_table *t, const struct cols *c,
		     size_t r, size_t b, struct cmp_result *res)
{
	double rmin = field_num(t, r, c->mmin), rmax = field_num(t, r, c->mmax);
	double bmin = field_num(t, b, c->mmin), bmax = field_num(t, b, c->mmax);
	double rr = field_num(t, r, c->runs), rb = field_num(t, b, c->runs);

	res->runs = isnan(rr) || isnan(rb) ? -1 : (long)fmin(rr, rb);
	res->lo = res->hi = NAN;
	if (res->runs >= 0 && res->runs < CMP_MIN_RUNS)
		return;
	if (bmax > 0)
		res->lo = rmin / bmax;
	if (bmin > 0)
		res->hi = rmax / bmin;
	else if (!isnan(bmin) && !isnan(rmax))
		res->hi = INFINITY;
}

/* Fills @res for row @r against @b; false when a number is missing. */
static bool compare_rows(const struct csv_table *t, const struct cols *c,
			 size_t r, size_t b, struct cmp_result *res)
{
	double m, mb, q, qb;

	if (!number(t->rows[r][c->metric], &m) ||
	    !number(t->rows[b][c->metric], &mb) || mb <= 0)
		return false;
	res->row = r;
	res->base_row = b;
	res->value = t->rows[r][c->by];
	res->ratio = m / mb;
	res->tail_pct = NAN;
	if (c->tail >= 0 && number(t->rows[r][c->tail], &q) &&
	    number(t->rows[b][c->tail], &qb) && qb > 0)
		res->tail_pct = (q / qb - 1) * 100;
	range_of(t, c, r, b, res);
	return true;
}

int cmp_run(const struct csv_table *t, const struct cmp_opts *o,
	    struct cmp_report *rep, struct swerr *e)
{
	struct cols c;
	bool *sel;
	size_t r, b;
	int ret;

	memset(rep, 0, sizeof(*rep));
	ret = resolve(t, o, &c, e);
	if (ret)
		return ret;
	sel = calloc(t->nrows ? t->nrows : 1, sizeof(*sel));
	rep->res = calloc(t->nrows ? t->nrows : 1, sizeof(*rep->res));
	if (!sel || !rep->res) {
		free(sel);
		cmp_free(rep);
		return swerr_set(e, ENOMEM, "out of memory");
	}
	for (r = 0; r < t->nrows; r++)
		sel[r] = selected(t, o, &c, r);
	find_varying(t, sel, &c);
	for (r = 0; r < t->nrows; r++) {
		if (!sel[r] || field_eq(t->rows[r][c.by], o->base))
			continue;
		for (b = 0; b < t->nrows; b++)
			if (sel[b] && field_eq(t->rows[b][c.by], o->base) &&
			    same_keys(t, &c, r, b))
				break;
		if (b == t->nrows) {
			rep->no_base++;
			continue;
		}
		if (!compare_rows(t, &c, r, b, &rep->res[rep->n])) {
			rep->no_number++;
			continue;
		}
		where_of(t, o, &c, r, rep->res[rep->n].where);
		rep->res[rep->n].decision = cmp_decide(rep->res[rep->n].lo,
						       rep->res[rep->n].hi,
						       o->threshold > 0 ? o->threshold : 1);
		rep->n++;
	}
	free(sel);
	return 0;
}

void cmp_free(struct cmp_report *r)
{
	free(r->res);
	memset(r, 0, sizeof(*r));
}

long cmp_biggest(const struct cmp_report *r)
{
	double best = -1, d;
	long at = -1;
	size_t i;

	for (i = 0; i < r->n; i++) {
		d = fabs(log(r->res[i].ratio));
		if (d > best) {
			best = d;
			at = (long)i;
		}
	}
	return at;
}

/* Two significant digits at least: 0.85x, 3.10x, 12.3x, 140x. */
void cmp_print_ratio(FILE *f, double x)
{
	fprintf(f, "%.*fx", x < 10 ? 2 : x < 100 ? 1 : 0, x);
}

/* "p99_ns" reads "p99"; "ops_per_sec" reads "throughput". */
void cmp_print_name(FILE *f, const char *col)
{
	size_t len = strlen(col);

	if (!strcmp(col, CMP_DEFAULT_METRIC))
		fputs("throughput", f);
	else if (len > 3 && !strcmp(col + len - 3, "_ns"))
		fprintf(f, "%.*s", (int)(len - 3), col);
	else
		fputs(col, f);
}

void cmp_print_tail(FILE *f, const struct cmp_opts *o,
		       const struct cmp_result *c)
{
	if (isnan(c->tail_pct))
		return;
	cmp_print_name(f, o->tail ? o->tail : CMP_DEFAULT_TAIL);
	/* -0% would read as a change. */
	fprintf(f, " %+.0f%%", fabs(c->tail_pct) < 0.5 ? 0 : c->tail_pct);
}

void cmp_print_versus(FILE *f, const struct cmp_opts *o,
		      const struct cmp_result *c)
{
	cmp_print_ratio(f, c->ratio);
	fprintf(f, " %s ", o->base);
	cmp_print_name(f, o->metric ? o->metric : CMP_DEFAULT_METRIC);
}

void cmp_print_line_end(FILE *f, const struct cmp_opts *o,
			const struct cmp_result *c)
{
	if (*c->where)
		fprintf(f, " at %s", c->where);
	if (!isnan(c->tail_pct))
		fputs(", ", f);
	cmp_print_tail(f, o, c);
	fputc('\n', f);
}

void cmp_print_one(FILE *f, const struct cmp_opts *o,
		   const struct cmp_result *c)
{
	if (o->decide) {
		cmp_print_decided(f, o, c);
		return;
	}
	fprintf(f, "%s: ", c->value);
	cmp_print_versus(f, o, c);
	cmp_print_line_end(f, o, c);
}

void cmp_print(FILE *f, const struct cmp_opts *o, const struct cmp_report *r,
	       bool brief)
{
	size_t i, j, k;

	for (i = 0; i < r->n; i++) {
		if (!brief) {
			cmp_print_one(f, o, &r->res[i]);
			continue;
		}
		/* Each where once, at its first result, with all of its results. */
		for (j = 0; j < i && strcmp(r->res[j].where, r->res[i].where); j++)
			;
		if (j < i)
			continue;
		if (*r->res[i].where)
			fprintf(f, "%s: ", r->res[i].where);
		for (k = i; k < r->n; k++) {
			if (strcmp(r->res[k].where, r->res[i].where))
				continue;
			fprintf(f, "%s%s ", k == i ? "" : ", ", r->res[k].value);
			cmp_print_ratio(f, r->res[k].ratio);
			if (o->decide)
				cmp_print_brief_decision(f, &r->res[k]);
			if (!isnan(r->res[k].tail_pct))
				fputc(' ', f);
			cmp_print_tail(f, o, &r->res[k]);
		}
		fputc('\n', f);
	}
}
