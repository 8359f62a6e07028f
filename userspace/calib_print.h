/* SPDX-License-Identifier: GPL-2.0 */
/* A calibration (calib.h) shown to people (a table) and to programs (JSON). */
#ifndef SLABWALL_CALIB_PRINT_H
#define SLABWALL_CALIB_PRINT_H

#include <stdio.h>

#include "calib.h"
#include "jsonw.h"

/*
 * A header line (CPU, loops, sizes, the empty loop), then a row per
 * pattern: cache, ns and cycles per pair, per whole object where the
 * module timed one (blank where not).  loops 0 says there is none yet.
 */
void calib_print_table(FILE *f, const struct calib *c);

/*
 * The same as members of the JSON object being written: the header's
 * numbers, then "patterns": [{...}], object costs null where there are none.
 */
void calib_print_json(struct jw *w, const struct calib *c);

#endif /* SLABWALL_CALIB_PRINT_H */
