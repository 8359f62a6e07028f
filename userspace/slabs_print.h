/* SPDX-License-Identifier: GPL-2.0 */
/* The "slabwall slabs" table for people and as JSON. */
#ifndef SLABWALL_SLABS_PRINT_H
#define SLABWALL_SLABS_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "jsonw.h"
#include "slabtable.h"

/*
 * One line per cache, then the aliases of merged caches.  @rates adds the
 * two net-rate columns ("-" until a previous reading exists).
 */
void slabs_print_text(FILE *f, const struct st_table *t, bool rates);

/* The width of the name column: the longest name, within 8..32. */
int slabs_name_width(const struct st_table *t);

/* Adds "caches": [...] to the object being written. */
void slabs_print_json(struct jw *w, const struct st_table *t, bool rates);

#endif /* SLABWALL_SLABS_PRINT_H */
