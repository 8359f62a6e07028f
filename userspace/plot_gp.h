/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A sweep's CSV as gnuplot input: lines of points (one per strategy, CPU
 * set and free mode, and pattern and size when those vary) and a script
 * with three panels over allocations per operation, log-log: throughput,
 * cost per allocation and p99 latency, with each line's knee marked.
 */
#ifndef SLABWALL_PLOT_GP_H
#define SLABWALL_PLOT_GP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "csvr.h"
#include "swerr.h"

#define PLOT_MAX_LINES	32
#define PLOT_MAX_POINTS	64
#define PLOT_MAX_SERIES	8	/* CSV files drawn together */

struct plot_pt {
	double allocs, ops, ops_min, ops_max, cost, p99_ns;
	double pages;		/* pgalloc_per_op; NaN: not in the CSV */
};

struct plot_line {
	char key[256];		/* the knobs that make it one line */
	char title[160];
	unsigned int series;	/* which CSV it came from */
	bool remote;
	bool net;		/* cost is net_ns_per_alloc, else ns_per_alloc */
	unsigned int color;	/* lines that differ only by free share one */
	double knee;		/* allocs of the knee, NaN: none */
	size_t n;
	struct plot_pt pts[PLOT_MAX_POINTS];	/* by allocs, 0 included */
};

struct plot_data {
	char title[256];
	bool pages;			/* draw the pgalloc_per_op panel */
	size_t nseries;			/* CSVs added */
	size_t thread_series;		/* of them, the twin's (threads, not CPUs) */
	char labels[PLOT_MAX_SERIES][128];	/* their names in the legend */
	size_t nlines;
	struct plot_line lines[PLOT_MAX_LINES];
	size_t nx;
	double xs[PLOT_MAX_POINTS];	/* every allocs value > 0 seen */
	bool any_zero;			/* an allocs 0 point to place */
	double x_zero;			/* where it goes: half the smallest x */
	size_t skipped;			/* rows not ok, or past the limits */
};

/*
 * Groups the rows of a sweep.csv (docs/csv.md) into lines.  -EINVAL naming
 * @origin when a needed column is missing or there is nothing to plot.
 * The same as plot_data_init(), plot_data_add() and plot_data_done().
 */
int plot_data_from_csv(const struct csv_table *t, const char *origin,
		       struct plot_data *d, struct swerr *e);

/*
 * Several CSVs in one plot: each is a series whose lines' titles start
 * with @label (when more than one CSV is added), in a dash pattern and
 * point shape of its own.  plot_data_done() sorts the points and makes
 * the title; -EINVAL when no CSV had anything to plot.
 */
void plot_data_init(struct plot_data *d);
int plot_data_add(const struct csv_table *t, const char *origin,
		  const char *label, struct plot_data *d, struct swerr *e);
int plot_data_done(struct plot_data *d, struct swerr *e);

/* "file" from "dir/file.csv": the default label of a CSV. */
void plot_label_of(const char *path, char *buf, size_t len);

/*
 * For each of @n knees at (@xs[i], @ys[i]), how many earlier ones sit on
 * the same spot (within a factor @near_x on x and @near_y on y, both log
 * axes): its circle is
 * drawn that many rings wider, so knees that coincide stay apart.  @anchor
 * (may be NULL) gets the first knee of that spot, whose centre the rings
 * share, so they are concentric and never cut each other.
 */
void plot_knee_rings(const double *xs, const double *ys, size_t n,
		     double near_x, double near_y, unsigned int *ring,
		     size_t *anchor);

/* The terminal for @output's extension (.svg, .png); NULL if neither. */
const char *plot_terminal(const char *output, bool have_pngcairo);

/* The same, tall enough for @d's panels (three, or four with pages). */
const char *plot_terminal_for(const struct plot_data *d, const char *output,
			      bool have_pngcairo);

/* Writes a self-contained gnuplot script (data inline) drawing @d. */
void plot_write_script(FILE *f, const struct plot_data *d,
		       const char *terminal, const char *output);

/* @s as a gnuplot single-quoted string, safe from enhanced-text markup. */
void plot_put_text(FILE *f, const char *s);

/*
 * @s as a gnuplot single-quoted string taken literally: a file name, which
 * no markup touches.  cmd_plot refuses a line break in it.
 */
void plot_put_path(FILE *f, const char *s);

#endif /* SLABWALL_PLOT_GP_H */
