/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Several CSVs (6.1 beside 6.12, a run beside a reference) as one table
 * for compare: every row keeps its knobs, and the --by column becomes
 * "LABEL:VALUE", so the base "FIRST:BASE" is the first file's and every
 * file's rows, its base value included, are compared with it.
 */
#ifndef SLABWALL_COMPARE_MERGE_H
#define SLABWALL_COMPARE_MERGE_H

#include <stddef.h>

#include "csvr.h"
#include "swerr.h"

/*
 * @out gets the columns of @in[0] and the rows of all @n tables, in order
 * (a column another table lacks is empty there, but status is "ok": a
 * table without one has no failed rows), with @by prefixed by
 * @labels[i] and a colon.  -EINVAL naming @labels[i] when a table has no
 * @by column, -ENOMEM.  csv_free(@out) after.
 */
int cmp_merge(const struct csv_table *in, const char *const *labels, size_t n,
	      const char *by, struct csv_table *out, struct swerr *e);

#endif /* SLABWALL_COMPARE_MERGE_H */
