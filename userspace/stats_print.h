/* SPDX-License-Identifier: GPL-2.0 */
/* Showing the module's stats to people (tables) and to programs (JSON). */
#ifndef SLABWALL_STATS_PRINT_H
#define SLABWALL_STATS_PRINT_H

#include <stdio.h>

#include "jsonw.h"
#include "swstats.h"

/* Settings, then results, then a table with a column per CPU. */
void stats_print_pretty(FILE *f, const struct sw_stats *st);

/*
 * Adds "stats": {totals} and "per_cpu": {"0": {...}, ...} to the JSON object
 * being written.  Numbers stay numbers, words become strings.
 */
void stats_print_json(struct jw *w, const struct sw_stats *st);

#endif /* SLABWALL_STATS_PRINT_H */
