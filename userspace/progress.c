// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "progress.h"

#define BAR_WIDTH	24
/* Redraws of the bar at most this often: a serial console is slow. */
#define REDRAW_S	0.25

double progress_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *pg, FILE *f, enum progress_mode mode,
		   size_t points, unsigned int repeat, double guess_run_s)
{
	memset(pg, 0, sizeof(*pg));
	pg->f = f;
	pg->mode = mode;
	pg->total_points = points;
	pg->total_runs = points * repeat;
	pg->guess_run_s = guess_run_s;
	pg->t0 = progress_now();
}

double progress_eta(const struct progress *pg)
{
	double per_run = pg->guess_run_s;
	size_t left = pg->total_runs - pg->done_runs;

	if (pg->done_runs)
		per_run = (progress_now() - pg->t0) / (double)pg->done_runs;
	return per_run * (double)left;
}

const char *progress_hms(double s, char *buf, size_t len)
{
	long t = isfinite(s) && s > 0 ? (long)(s + 0.5) : 0;

	if (t >= 3600)
		snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60,
			 t % 60);
	else
		snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
	return buf;
}

static void draw(struct progress *pg)
{
	char bar[BAR_WIDTH + 1], eta[32];
	size_t fill, i;

	fill = pg->total_runs ? pg->done_runs * BAR_WIDTH / pg->total_runs : 0;
	for (i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[BAR_WIDTH] = '\0';
	fprintf(pg->f, "\r[%s] %3zu%% %zu/%zu ETA %s  %s\033[K", bar,
		pg->total_runs ? pg->done_runs * 100 / pg->total_runs : 100,
		pg->done_points, pg->total_points,
		progress_hms(progress_eta(pg), eta, sizeof(eta)), pg->label);
	fflush(pg->f);
	pg->drawn = true;
	pg->last_draw = progress_now();
}

void progress_run(struct progress *pg, const char *label, unsigned int rep,
		  unsigned int repeat)
{
	snprintf(pg->point, sizeof(pg->point), "%s", label);
	if (repeat > 1)
		snprintf(pg->label, sizeof(pg->label), "%s (%u/%u)", pg->point,
			 rep, repeat);
	else
		snprintf(pg->label, sizeof(pg->label), "%s", pg->point);
	if (pg->mode == PROGRESS_BAR)
		draw(pg);
}

void progress_tick(struct progress *pg)
{
	if (pg->mode == PROGRESS_BAR && progress_now() - pg->last_draw >= REDRAW_S)
		draw(pg);
}

void progress_run_done(struct progress *pg)
{
	if (pg->done_runs < pg->total_runs)
		pg->done_runs++;
}

void progress_skip(struct progress *pg, size_t n)
{
	pg->total_runs -= n < pg->total_runs - pg->done_runs ?
			  n : pg->total_runs - pg->done_runs;
}

void progress_point_done(struct progress *pg, const char *summary)
{
	char eta[32];

	pg->done_points++;
	if (pg->mode != PROGRESS_LINES)
		return;
	fprintf(pg->f, "sweep %zu/%zu %s: %s, ETA %s\n", pg->done_points,
		pg->total_points, pg->point, summary,
		progress_hms(progress_eta(pg), eta, sizeof(eta)));
	fflush(pg->f);
}

void progress_clear(struct progress *pg)
{
	if (pg->mode == PROGRESS_BAR && pg->drawn) {
		fprintf(pg->f, "\r\033[K");
		fflush(pg->f);
		pg->drawn = false;
	}
}
