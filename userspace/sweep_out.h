/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing a sweep out: sweep.csv (columns in docs/csv.md), sweep.json and
 * the table people read (table.txt, and stdout).
 */
#ifndef SLABWALL_SWEEP_OUT_H
#define SLABWALL_SWEEP_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "csvw.h"
#include "sweep_result.h"

/* 0, -EINVAL if a row's field count strayed from the header's, -EIO. */
int sweep_write_csv(FILE *f, const struct sweep_result *r);

/*
 * The same a line at a time, as points finish: the header, then a row
 * (flushed: csvw_finish()), with empty knee and net cost columns until
 * sr_find_knees() has run.  Errors as sweep_write_csv()'s, sticky in @w.
 */
int sweep_csv_header(struct csvw *w, FILE *f, const struct sweep_result *r);
int sweep_csv_row(struct csvw *w, const struct sweep_result *r,
		  const struct sr_point *p);
void sweep_write_json(FILE *f, const struct sweep_result *r);
void sweep_write_table(FILE *f, const struct sweep_result *r);

/* "skb slab local 1 CPU allocs 64", for progress and messages. */
const char *sweep_point_label(const struct sr_point *p, char *buf, size_t len);

#endif /* SLABWALL_SWEEP_OUT_H */
