/* SPDX-License-Identifier: GPL-2.0 */
/* "slabwall slabs --nodes": each cache's counts per NUMA node, for people and as JSON. */
#ifndef SLABWALL_SLABNODES_PRINT_H
#define SLABWALL_SLABNODES_PRINT_H

#include <stdio.h>

#include "jsonw.h"
#include "slabnodes.h"
#include "slabtable.h"

/*
 * One line per cache of @t and node, @nodes[i] the counts of row i (a
 * row gone since the listing shows "-"); every node that any cache names
 * is shown for every cache.
 */
void slabnodes_print_text(FILE *f, const struct st_table *t,
			  const struct sn_counts *nodes);

/* Adds "nodes": [{cache, node, objects, ...}, ...] to the object being written. */
void slabnodes_print_json(struct jw *w, const struct st_table *t,
			  const struct sn_counts *nodes);

#endif /* SLABWALL_SLABNODES_PRINT_H */
