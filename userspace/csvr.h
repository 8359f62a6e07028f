/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a CSV file with a header line back into memory (for plot):
 * RFC 4180 quoting, "\n" or "\r\n" line ends.
 */
#ifndef SLABWALL_CSVR_H
#define SLABWALL_CSVR_H

#include <stdbool.h>
#include <stddef.h>

#include "swerr.h"

struct csv_table {
	size_t ncols;		/* fields of the header */
	size_t nrows;		/* data lines after it */
	char **head;		/* ncols names */
	char ***rows;		/* rows[r][c] */
};

/*
 * Parses @text.  -EINVAL (with @origin and the line number in @e) for an
 * unterminated quote, a quote in the middle of an unquoted field, a line
 * whose field count differs from the header's, or no header at all.
 * Empty lines are skipped.
 */
int csv_parse(const char *text, const char *origin, struct csv_table *t,
	      struct swerr *e);
int csv_read_file(const char *path, struct csv_table *t, struct swerr *e);
void csv_free(struct csv_table *t);

/* The index of column @name, or -1. */
int csv_col(const struct csv_table *t, const char *name);

#endif /* SLABWALL_CSVR_H */
