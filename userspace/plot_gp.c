// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plot_gp.h"

/* Colour-blind-safe enough, and distinct on white. */
static const char *const colors[] = {
	"#0072b2", "#d55e00", "#009e73", "#cc79a7",
	"#e69f00", "#56b4e9", "#000000", "#8c564b",
};

#define NCOLORS (sizeof(colors) / sizeof(colors[0]))

/* The columns plot reads; the first ones must be there. */
enum {
	C_ALLOCS, C_OPS, C_P99, C_FREE, C_NCPUS, C_PATTERN, C_STRATEGY,
	C_REQUIRED,
	C_OPS_MIN = C_REQUIRED, C_OPS_MAX, C_NET, C_GROSS, C_KNEE, C_STATUS,
	C_SIZE_KNOB, C_SIZE, C_CPUS, C_METRIC, C_PAGES, C_THREADS, C_NCOLS
};

static const char *const col_names[C_NCOLS] = {
	[C_ALLOCS] = "allocs_per_op", [C_OPS] = "ops_per_sec",
	[C_P99] = "p99_ns", [C_FREE] = "free", [C_NCPUS] = "ncpus",
	[C_PATTERN] = "pattern", [C_STRATEGY] = "strategy",
	[C_OPS_MIN] = "ops_per_sec_min", [C_OPS_MAX] = "ops_per_sec_max",
	[C_NET] = "net_ns_per_alloc", [C_GROSS] = "ns_per_alloc",
	[C_KNEE] = "alloc_knee", [C_STATUS] = "status",
	[C_SIZE_KNOB] = "size_knob", [C_SIZE] = "size", [C_CPUS] = "cpus",
	[C_METRIC] = "alloc_knee_metric", [C_PAGES] = "pgalloc_per_op",
	/* only in the userspace twin's CSV: its ncpus counts threads */
	[C_THREADS] = "threads",
};

/* Which knobs differ between rows: only those go into line titles. */
enum { V_PATTERN, V_STRATEGY, V_SIZE, V_NV };

static const char *field(char **row, const int *col, int c)
{
	return col[c] >= 0 ? row[col[c]] : "";
}

static double number(char **row, const int *col, int c)
{
	const char *s = field(row, col, c);
	char *end;
	double v;

	if (!*s)
		return NAN;
	v = strtod(s, &end);
	return *end ? NAN : v;
}

/* "series|knobs...|free": lines of one series and knobs differ by free. */
static void line_key(char **row, const int *col, unsigned int series,
		     char *buf, size_t len)
{
	snprintf(buf, len, "%u|%s|%s|%s=%s|%s|%s|%s", series, field(row, col, C_PATTERN),
		 field(row, col, C_STRATEGY), field(row, col, C_SIZE_KNOB),
		 field(row, col, C_SIZE), field(row, col, C_CPUS),
		 field(row, col, C_THREADS), field(row, col, C_FREE));
}

static void line_title(char **row, const int *col, const bool vary[V_NV],
		       const char *label, struct plot_line *l)
{
	double ncpus = number(row, col, C_NCPUS);
	size_t n = 0;

	l->title[0] = '\0';
	if (label)
		n += (size_t)snprintf(l->title, sizeof(l->title), "%s: ", label);
	if (vary[V_PATTERN] && n < sizeof(l->title))
		n += (size_t)snprintf(l->title + n, sizeof(l->title) - n, "%s, ",
				      field(row, col, C_PATTERN));
	if (vary[V_SIZE] && n < sizeof(l->title))
		n += (size_t)snprintf(l->title + n, sizeof(l->title) - n, "%s %s, ",
				      field(row, col, C_SIZE_KNOB),
				      field(row, col, C_SIZE));
	if (vary[V_STRATEGY] && n < sizeof(l->title))
		n += (size_t)snprintf(l->title + n, sizeof(l->title) - n, "%s, ",
				      field(row, col, C_STRATEGY));
	if (n < sizeof(l->title))
		snprintf(l->title + n, sizeof(l->title) - n, "%.0f %s%s, %s free",
			 ncpus, col[C_THREADS] >= 0 ? "thread" : "CPU",
			 ncpus == 1 ? "" : "s", field(row, col, C_FREE));
}

static int find_columns(const struct csv_table *t, const char *origin,
			int *col, struct swerr *e)
{
	int c;

	for (c = 0; c < C_NCOLS; c++) {
		col[c] = csv_col(t, col_names[c]);
		if (c < C_REQUIRED && col[c] < 0)
			return swerr_set(e, EINVAL,
					 "%s: no column \"%s\": is it a slabwall sweep.csv (docs/csv.md)?",
					 origin, col_names[c]);
	}
	return 0;
}

static void find_varying(const struct csv_table *t, const int *col,
			 bool vary[V_NV])
{
	static const int which[V_NV] = {
		[V_PATTERN] = C_PATTERN, [V_STRATEGY] = C_STRATEGY,
		[V_SIZE] = C_SIZE,
	};
	size_t r, v;

	for (v = 0; v < V_NV; v++) {
		vary[v] = false;
		for (r = 1; r < t->nrows; r++)
			if (strcmp(field(t->rows[r], col, which[v]),
				   field(t->rows[0], col, which[v])))
				vary[v] = true;
	}
}

/* @key without its series and free mode: what the colour goes by. */
static void color_key(const char *key, char *buf, size_t len)
{
	const char *knobs = strchr(key, '|');

	snprintf(buf, len, "%s", knobs ? knobs : key);
	if (strrchr(buf, '|'))
		*strrchr(buf, '|') = '\0';
}

/* The line @row belongs to, made if new; NULL past PLOT_MAX_LINES. */
static struct plot_line *line_for(struct plot_data *d, char **row,
				  const int *col, const bool vary[V_NV],
				  const char *label)
{
	struct plot_line *l;
	char key[256], ckey[256];
	size_t i;

	line_key(row, col, (unsigned int)d->nseries, key, sizeof(key));
	for (i = 0; i < d->nlines; i++)
		if (!strcmp(d->lines[i].key, key))
			return &d->lines[i];
	if (d->nlines == PLOT_MAX_LINES)
		return NULL;
	l = &d->lines[d->nlines++];
	snprintf(l->key, sizeof(l->key), "%s", key);
	line_title(row, col, vary, label, l);
	l->series = (unsigned int)d->nseries;
	l->remote = !strcmp(field(row, col, C_FREE), "remote");
	l->knee = NAN;
	/*
	 * Same colour for the local and remote line of the same knobs, and
	 * for the same knobs in every CSV: series differ by dashes and points.
	 */
	color_key(key, ckey, sizeof(ckey));
	for (i = 0; i + 1 < d->nlines; i++) {
		char other[256];

		color_key(d->lines[i].key, other, sizeof(other));
		if (!strcmp(other, ckey)) {
			l->color = d->lines[i].color;
			return l;
		}
	}
	l->color = 0;
	for (i = 0; i + 1 < d->nlines; i++)
		if (d->lines[i].color >= l->color)
			l->color = d->lines[i].color + 1;
	return l;
}

static void add_x(struct plot_data *d, double x)
{
	size_t i;

	for (i = 0; i < d->nx; i++)
		if (d->xs[i] == x)
			return;
	if (d->nx < PLOT_MAX_POINTS)
		d->xs[d->nx++] = x;
}

static int cmp_pt(const void *a, const void *b)
{
	const struct plot_pt *x = a, *y = b;

	return (x->allocs > y->allocs) - (x->allocs < y->allocs);
}

static int cmp_double(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

void plot_data_init(struct plot_data *d)
{
	memset(d, 0, sizeof(*d));
}

void plot_label_of(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	char *dot;

	snprintf(buf, len, "%s", base ? base + 1 : path);
	dot = strrchr(buf, '.');
	if (dot && dot != buf && !strcasecmp(dot, ".csv"))
		*dot = '\0';
}

/* What every line of the first CSV has in common goes into the title. */
static void make_title(const struct csv_table *t, const int *col,
		       const bool vary[V_NV], struct plot_data *d)
{
	char **row = t->rows[0];
	size_t len;

	len = (size_t)snprintf(d->title, sizeof(d->title), "slabwall: the allocator wall, %s",
			       vary[V_PATTERN] ? "several patterns" :
			       field(row, col, C_PATTERN));
	if (!vary[V_SIZE] && *field(row, col, C_SIZE_KNOB) && len < sizeof(d->title))
		len += (size_t)snprintf(d->title + len, sizeof(d->title) - len, " (%s %s)",
					field(row, col, C_SIZE_KNOB),
					field(row, col, C_SIZE));
	if (!vary[V_STRATEGY] && len < sizeof(d->title))
		snprintf(d->title + len, sizeof(d->title) - len, ", strategy %s",
			 field(row, col, C_STRATEGY));
}

int plot_data_from_csv(const struct csv_table *t, const char *origin,
		       struct plot_data *d, struct swerr *e)
{
	int ret;

	plot_data_init(d);
	ret = plot_data_add(t, origin, NULL, d, e);
	return ret ? ret : plot_data_done(d, e);
}

int plot_data_add(const struct csv_table *t, const char *origin,
		  const char *label, struct plot_data *d, struct swerr *e)
{
	int col[C_NCOLS], ret;
	bool any_x = false;
	size_t r;
	struct plot_line *l;
	bool vary[V_NV];
	struct plot_pt *pt;
	const char *status;
	double net, knee;
	char **row;

	if (d->nseries == PLOT_MAX_SERIES)
		return swerr_set(e, EINVAL, "%s: at most %d CSV files in one plot",
				 origin, PLOT_MAX_SERIES);
	ret = find_columns(t, origin, col, e);
	if (ret)
		return ret;
	find_varying(t, col, vary);
	for (r = 0; r < t->nrows; r++) {
		row = t->rows[r];
		status = field(row, col, C_STATUS);
		if ((*status && strcmp(status, "ok")) ||
		    !(number(row, col, C_OPS) > 0) ||
		    !(number(row, col, C_ALLOCS) >= 0)) {
			d->skipped++;
			continue;
		}
		l = line_for(d, row, col, vary, label);
		if (!l || l->n == PLOT_MAX_POINTS) {
			d->skipped++;
			continue;
		}
		pt = &l->pts[l->n++];
		pt->allocs = number(row, col, C_ALLOCS);
		pt->ops = number(row, col, C_OPS);
		pt->ops_min = number(row, col, C_OPS_MIN);
		pt->ops_max = number(row, col, C_OPS_MAX);
		if (isnan(pt->ops_min) || isnan(pt->ops_max))
			pt->ops_min = pt->ops_max = pt->ops;
		pt->p99_ns = number(row, col, C_P99);
		pt->pages = number(row, col, C_PAGES);
		/* The cost the knee was found on, so the circles sit on it. */
		net = strcmp(field(row, col, C_METRIC), "ns_per_alloc") ?
		      number(row, col, C_NET) : NAN;
		pt->cost = isnan(net) ? number(row, col, C_GROSS) : net;
		if (!isnan(net))
			l->net = true;
		knee = number(row, col, C_KNEE);
		if (!isnan(knee))
			l->knee = knee;
		if (pt->allocs > 0) {
			add_x(d, pt->allocs);
			any_x = true;
		} else {
			d->any_zero = true;
		}
	}
	if (!any_x)
		return swerr_set(e, EINVAL,
				 "%s: no point with allocs_per_op above 0 and status ok to plot",
				 origin);
	if (!d->nseries)
		make_title(t, col, vary, d);
	if (col[C_THREADS] >= 0)
		d->thread_series++;
	plot_label_of(origin, d->labels[d->nseries], sizeof(d->labels[0]));
	if (label)
		snprintf(d->labels[d->nseries], sizeof(d->labels[0]), "%s", label);
	d->nseries++;
	return 0;
}

int plot_data_done(struct plot_data *d, struct swerr *e)
{
	size_t i;

	if (!d->nlines || !d->nx)
		return swerr_set(e, EINVAL,
				 "no point with allocs_per_op above 0 and status ok to plot");
	for (i = 0; i < d->nlines; i++)
		qsort(d->lines[i].pts, d->lines[i].n, sizeof(struct plot_pt), cmp_pt);
	qsort(d->xs, d->nx, sizeof(double), cmp_double);
	d->x_zero = d->xs[0] / 2;
	return 0;
}

const char *plot_terminal(const char *output, bool have_pngcairo)
{
	const char *dot = strrchr(output, '.');

	if (!dot)
		return NULL;
	if (!strcasecmp(dot, ".svg"))
		return "svg size 1250,1250 dynamic enhanced font 'Sans,12' background rgb 'white'";
	if (!strcasecmp(dot, ".png"))
		return have_pngcairo ?
		       "pngcairo size 1250,1250 enhanced font 'Sans,11' background rgb 'white'" :
		       "png size 1250,1250 enhanced font 'Sans,11' background rgb 'white'";
	return NULL;
}

const char *plot_terminal_for(const struct plot_data *d, const char *output,
			      bool have_pngcairo)
{
	static char buf[160];
	const char *t = plot_terminal(output, have_pngcairo);
	const char *size;

	if (!t || !d->pages)
		return t;
	/* A fourth panel: the same panel height, the page taller. */
	size = strstr(t, "1250,1250");
	snprintf(buf, sizeof(buf), "%.*s1250,1650%s", (int)(size - t), t, size + 9);
	return buf;
}

void plot_put_path(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);	/* '' is a quote inside '...' */
		fputc(*s, f);
	}
	fputc('\'', f);
}

void plot_put_text(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);	/* '' is a quote inside '...' */
		else if (strchr("_^{}@&~\\", *s))
			fputc('\\', f);	/* literal, not enhanced markup */
		if (*s != '\n')
			fputc(*s, f);
	}
	fputc('\'', f);
}

static void put_num(FILE *f, double v)
{
	if (isnan(v))
		fputs(" NaN", f);
	else
		fprintf(f, " %.10g", v);
}

static void datablocks(FILE *f, const struct plot_data *d)
{
	const struct plot_line *l;
	const struct plot_pt *p;
	size_t i, j;

	for (i = 0; i < d->nlines; i++) {
		l = &d->lines[i];
		fprintf(f, "# %s\n$L%zu << EOD\n", l->title, i);
		for (j = 0; j < l->n; j++) {
			p = &l->pts[j];
			if (p->allocs <= 0)
				continue;
			put_num(f, p->allocs);
			put_num(f, p->ops);
			put_num(f, p->ops_min);
			put_num(f, p->ops_max);
			put_num(f, p->cost);
			put_num(f, p->p99_ns / 1000);
			/* Log axis: none (0) is drawn at the floor, 0.001. */
			put_num(f, isnan(p->pages) ? NAN : fmax(p->pages, 0.001));
			fputc('\n', f);
		}
		fprintf(f, "EOD\n$Z%zu << EOD\n", i);
		for (j = 0; j < l->n; j++) {
			p = &l->pts[j];
			if (p->allocs > 0)
				continue;
			put_num(f, d->x_zero);
			put_num(f, p->ops);
			put_num(f, p->ops_min);
			put_num(f, p->ops_max);
			put_num(f, p->p99_ns / 1000);
			fputc('\n', f);
		}
		fprintf(f, "EOD\n");
	}
}

static void xaxis(FILE *f, const struct plot_data *d)
{
	size_t i;

	fprintf(f, "set logscale x 2\nset xrange [%g:%g]\nset xtics (",
		(d->any_zero ? d->x_zero : d->xs[0]) / 1.4, d->xs[d->nx - 1] * 1.4);
	if (d->any_zero)
		fprintf(f, "'0' %g, ", d->x_zero);
	for (i = 0; i < d->nx; i++)
		fprintf(f, "'%g' %g%s", d->xs[i], d->xs[i],
			i + 1 < d->nx ? ", " : "");
	fprintf(f, ")\nset mxtics default\n");
	if (d->any_zero)
		/* A gap in the axis: allocs 0 cannot sit on a log scale. */
		fprintf(f, "set arrow 90 from %g, graph 0 to %g, graph 1 nohead dt 3 lc rgb '#999999'\n",
			sqrt(d->x_zero * d->xs[0]), sqrt(d->x_zero * d->xs[0]));
}

static const struct plot_pt *knee_point(const struct plot_line *l)
{
	size_t j;

	if (isnan(l->knee))
		return NULL;
	for (j = 0; j < l->n; j++)
		if (l->pts[j].allocs == l->knee)
			return &l->pts[j];
	return NULL;
}

void plot_knee_rings(const double *xs, const double *ys, size_t n,
		     double near_x, double near_y, unsigned int *ring,
		     size_t *anchor)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		ring[i] = 0;
		if (anchor)
			anchor[i] = i;
		for (j = 0; j < i; j++) {
			if (fmax(xs[i], xs[j]) > near_x * fmin(xs[i], xs[j]) ||
			    fmax(ys[i], ys[j]) > near_y * fmin(ys[i], ys[j]))
				continue;
			if (anchor && !ring[i])
				anchor[i] = anchor[j];
			ring[i]++;
		}
	}
}

/*
 * Open circles round each knee on the cost panel, in the line's colour;
 * knees on one spot (two lines that meet there) get concentric rings of
 * growing size.  Which knee it is, is in the key: no label or arrow
 * crowds the curves.
 */
static void knee_circles(FILE *f, const struct plot_data *d)
{
	double xs[PLOT_MAX_LINES] = { 0 }, ys[PLOT_MAX_LINES] = { 0 };
	size_t i, n = 0, which[PLOT_MAX_LINES], at[PLOT_MAX_LINES];
	unsigned int ring[PLOT_MAX_LINES];
	const struct plot_pt *k;

	for (i = 0; i < d->nlines; i++) {
		k = knee_point(&d->lines[i]);
		if (!k || !(k->cost > 0))
			continue;
		xs[n] = k->allocs;
		ys[n] = k->cost;
		which[n++] = i;
	}
	/* Within 15% on the log axes the circles would be one. */
	plot_knee_rings(xs, ys, n, 1.15, 1.15, ring, at);
	for (i = 0; i < n; i++)
		fprintf(f, "set object %zu circle at %g,%g size screen %.3f fs empty border lc rgb '%s' lw 2 front\n",
			which[i] + 1, xs[at[i]], ys[at[i]], 0.012 + 0.007 * ring[i],
			colors[d->lines[which[i]].color % NCOLORS]);
}

static void unset_circles(FILE *f, const struct plot_data *d)
{
	size_t i;

	for (i = 0; i < d->nlines; i++)
		fprintf(f, "unset object %zu\n", i + 1);
}

/* The line's name in the key, with its knee when it has one. */
static void key_title(FILE *f, const struct plot_line *l)
{
	char text[sizeof(l->title) + 32];

	if (knee_point(l))
		snprintf(text, sizeof(text), "%s; knee at %g", l->title, l->knee);
	else
		snprintf(text, sizeof(text), "%s", l->title);
	plot_put_text(f, text);
}

/*
 * Dashes and points: remote free dashed and square, local solid and round;
 * each further CSV its own dash pattern and point shapes.
 */
static unsigned int line_dash(const struct plot_line *l)
{
	return (l->series * 2 + l->remote) % 5 + 1;
}

static unsigned int line_point(const struct plot_line *l)
{
	static const unsigned int pts[][2] = {
		{ 7, 5 }, { 9, 13 }, { 11, 15 }, { 6, 4 },
	};

	return pts[l->series % 4][l->remote];
}

/* One panel: a column of the line blocks against allocs. */
static void panel(FILE *f, const struct plot_data *d, int ycol, int zcol,
		  bool errorbars)
{
	const struct plot_line *l;
	size_t i;

	fprintf(f, "plot \\\n");
	for (i = 0; i < d->nlines; i++) {
		l = &d->lines[i];
		if (errorbars)
			fprintf(f, "  $L%zu using 1:%d:%d:%d with yerrorlines", i,
				ycol, ycol + 1, ycol + 2);
		else
			fprintf(f, "  $L%zu using 1:%d with linespoints", i, ycol);
		fprintf(f, " lw 2 dt %u pt %u ps 0.9 lc rgb '%s' title ",
			line_dash(l), line_point(l), colors[l->color % NCOLORS]);
		key_title(f, l);
		if (zcol && d->any_zero)
			fprintf(f, ", \\\n  $Z%zu using 1:%d with points pt %u ps 1.1 lc rgb '%s' notitle",
				i, zcol, line_point(l), colors[l->color % NCOLORS]);
		fprintf(f, "%s\n", i + 1 < d->nlines ? ", \\" : "");
	}
}

static void xlabel(FILE *f, const struct plot_data *d)
{
	fprintf(f, "set xlabel ");
	plot_put_text(f, d->any_zero ?
			  "allocations per operation (log scale; 0, the null operation, left of the dotted line)" :
			  "allocations per operation (log scale)");
	fputc('\n', f);
}

void plot_write_script(FILE *f, const struct plot_data *d,
		       const char *terminal, const char *output)
{
	/* the kernel runs on CPUs, the userspace twin on threads */
	const char *workers = !d->thread_series ? "CPUs" :
			      d->thread_series == d->nseries ? "threads" :
			      "CPUs (kernel) or threads (userspace)";
	const char *worker = !d->thread_series ? "CPU" :
			     d->thread_series == d->nseries ? "thread" : "CPU or thread";
	bool net = false;
	size_t i;

	for (i = 0; i < d->nlines; i++)
		net |= d->lines[i].net;
	fprintf(f, "# Made by slabwall plot; run it again with: gnuplot THIS_FILE\n");
	datablocks(f, d);
	fprintf(f, "set terminal %s\nset output ", terminal);
	plot_put_path(f, output);
	fprintf(f, "\nset encoding utf8\nset multiplot layout %d,1 title ",
		d->pages ? 4 : 3);
	plot_put_text(f, d->title);
	fprintf(f, " font ',14'\n"
		"set grid xtics ytics mytics lc rgb '#e0e0e0' lw 1, lc rgb '#f0f0f0' lw 1\n"
		/*
		 * One key for all panels, right of them: inside a panel it
		 * would hide the curves that pass under it.
		 */
		"set key at screen 0.655, graph 1 left top vertical Left reverse samplen 3 box font ',9'\n"
		"set lmargin 12\nset rmargin at screen 0.64\n"
		"set logscale y 10\nset format y '10^{%%L}'\n");
	xaxis(f, d);

	fprintf(f, "set title 'Throughput of all %s together, not per %s (bars: min..max of the runs)'\n"
		"set ylabel 'operations per second, total'\n"
		"set xlabel ''\n", workers, worker);
	panel(f, d, 2, 2, true);
	fprintf(f, "unset key\n");

	fprintf(f, "set title ");
	plot_put_text(f, net ? "Cost per allocation, net of the null operation (circles: knees)" :
			  "Cost per allocation, ns_per_alloc (circles: knees)");
	fprintf(f, "\nset ylabel 'ns per allocation'\n"
		"set logscale y 2\nset format y '%%g'\n");
	knee_circles(f, d);
	panel(f, d, 5, 0, false);
	unset_circles(f, d);

	fprintf(f, "set title 'p99 latency of one operation'\n"
		"set ylabel 'microseconds'\n"
		"set logscale y 10\nset format y '10^{%%L}'\n");
	if (!d->pages)
		xlabel(f, d);
	panel(f, d, 6, 5, false);
	if (d->pages) {
		fprintf(f, "set title 'Pages from the page allocator per operation (pgalloc\\_per\\_op; none is drawn at 0.001)'\n"
			"set ylabel 'pages per operation'\n");
		xlabel(f, d);
		panel(f, d, 7, 0, false);
	}
	fprintf(f, "unset multiplot\n");
}
