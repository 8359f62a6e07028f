/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A CSV writer (RFC 4180 quoting, "\n" line ends).  The first line written
 * is the header; every later line must have as many fields, which is
 * checked, so a column added to the header and forgotten in the rows is
 * caught instead of shifting every column after it.
 */
#ifndef SLABWALL_CSVW_H
#define SLABWALL_CSVW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct csvw {
	FILE *f;
	size_t ncols;		/* fields in the header, 0 until it ends */
	size_t col;		/* fields written in the current line */
	unsigned long lines;	/* lines ended, header included */
	int err;		/* the first error, sticky */
};

void csvw_init(struct csvw *w, FILE *f);

/* Quoted when it holds a comma, a quote, a line break or edge spaces. */
void csvw_str(struct csvw *w, const char *s);	/* NULL: empty */
void csvw_u64(struct csvw *w, uint64_t v);
void csvw_i64(struct csvw *w, int64_t v);
/* Whole numbers print without a fraction; NaN and infinities are empty. */
void csvw_double(struct csvw *w, double v);
void csvw_empty(struct csvw *w);

/*
 * Ends the line.  -EINVAL when a row's field count differs from the
 * header's (the line is written anyway; the error sticks).
 */
int csvw_end_line(struct csvw *w);

/* Flushes; the first error of the whole file, -EIO for a write error. */
int csvw_finish(struct csvw *w);

/* True if @s must be quoted. */
bool csv_needs_quotes(const char *s);

#endif /* SLABWALL_CSVW_H */
