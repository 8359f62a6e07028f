/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The files of a sweep in --out DIR (docs/csv.md), made so that results
 * are not lost: DIR is checked before the module is touched, an earlier
 * sweep there is kept unless asked, and sweep.csv gets each point's row
 * as the point finishes.
 */
#ifndef SLABWALL_SWEEP_FILES_H
#define SLABWALL_SWEEP_FILES_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

#include "csvw.h"
#include "sweep_result.h"
#include "swerr.h"

struct sweep_files {
	char csv[PATH_MAX], json[PATH_MAX], table[PATH_MAX];
	char tmp[PATH_MAX];	/* the whole sweep.csv, renamed over the rows */
	FILE *rows;		/* sweep.csv while the points run */
	struct csvw w;
	bool row_failed;	/* said once */
};

/*
 * Makes @dir (mkdir -p) and opens sweep.csv in it with the header of @r's
 * columns.  An earlier sweep there (sweep.csv, sweep.json or table.txt) is
 * refused with -EEXIST naming the file, unless @force, which removes it.
 * -errno with @e naming the path.
 */
int swf_open(struct sweep_files *sf, const char *dir, bool force,
	     const struct sweep_result *r, struct swerr *e);

/* Appends @p's row and flushes it to the file.  -errno with @e. */
int swf_row(struct sweep_files *sf, const struct sweep_result *r,
	    const struct sr_point *p, struct swerr *e);

/*
 * The sweep is over: sweep.csv again, whole, with the knees (written to a
 * temporary file renamed over the rows, so a failure keeps them), then
 * sweep.json and table.txt.  -errno with @e naming the file; the others
 * are still written.
 */
int swf_finish(struct sweep_files *sf, const struct sweep_result *r,
	       struct swerr *e);

/* Nothing ran after all (the module refused a word): no sweep.csv left. */
void swf_discard(struct sweep_files *sf);

#endif /* SLABWALL_SWEEP_FILES_H */
