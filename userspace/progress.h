/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Progress of a sweep on stderr: a bar with the ETA redrawn in place on a
 * terminal, or one short line per point otherwise (a log, a serial line).
 */
#ifndef SLABWALL_PROGRESS_H
#define SLABWALL_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum progress_mode {
	PROGRESS_BAR,
	PROGRESS_LINES,
	PROGRESS_NONE,
};

struct progress {
	FILE *f;
	enum progress_mode mode;
	size_t total_runs, done_runs;
	size_t total_points, done_points;
	double guess_run_s;	/* per run, until a run has been timed */
	double t0, last_draw;
	char point[128];	/* the point being run */
	char label[160];	/* the same with the run: "(2/3)" */
	bool drawn;
};

/* Seconds on the monotonic clock. */
double progress_now(void);

void progress_init(struct progress *pg, FILE *f, enum progress_mode mode,
		   size_t points, unsigned int repeat, double guess_run_s);

/* Seconds left, from the time the runs so far took. */
double progress_eta(const struct progress *pg);

/* "1:05", "0:07", "1:02:03". */
const char *progress_hms(double s, char *buf, size_t len);

/* A run of the point @label starts (@rep counts from 1). */
void progress_run(struct progress *pg, const char *label, unsigned int rep,
		  unsigned int repeat);
/* Redraws the bar now and then while a run goes. */
void progress_tick(struct progress *pg);
void progress_run_done(struct progress *pg);
/* @n runs will not happen after all (a point refused): off the total. */
void progress_skip(struct progress *pg, size_t n);
/* The point is done; @summary ends its line in PROGRESS_LINES mode. */
void progress_point_done(struct progress *pg, const char *summary);
/* Takes the bar off the screen (before other output). */
void progress_clear(struct progress *pg);

#endif /* SLABWALL_PROGRESS_H */
