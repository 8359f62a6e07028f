/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text of a hist trigger's "hist" file, parsed: one row per key, as
 * the kernel prints them,
 *
 *   { name: kmalloc-256                              } hitcount:        256
 *   { name: slabwall_skbuff_head                     } hitcount:         64  n:        512
 *
 * and the totals after them ("Hits:", "Entries:", "Dropped:").  Only
 * histograms with one key are read; a string key comes back without the
 * kernel's padding.  Pure: no tracefs here, the caller reads the file.
 */
#ifndef SLABWALL_TRACE_HIST_H
#define SLABWALL_TRACE_HIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "swerr.h"

/* The kernel keeps string keys to MAX_FILTER_STR_VAL (256) bytes. */
#define THIST_KEY_MAX 256
#define THIST_NAME_MAX 32
#define THIST_VALS_MAX 4	/* value fields beside hitcount */

struct thist_val {
	char name[THIST_NAME_MAX];
	uint64_t v;
};

struct thist_row {
	char key[THIST_KEY_MAX];
	uint64_t hitcount;
	unsigned int nvals;
	struct thist_val vals[THIST_VALS_MAX];
};

struct thist {
	char key_name[THIST_NAME_MAX];	/* the key field, "" when no rows */
	struct thist_row *rows;
	size_t nrows;
	uint64_t hits;		/* events counted in a row */
	uint64_t entries;	/* rows, as the kernel counted them */
	uint64_t dropped;	/* events not counted: the table was full */
};

/*
 * Parses @text into @h (freed with thist_free() even on failure).
 * -EINVAL with the line number and the line in @e when a line is not
 * one of a histogram's, when there is not exactly one histogram, when
 * the totals are missing (a cut-off read), or when they disagree with
 * the rows; -ENOMEM.
 */
int thist_parse(const char *text, struct thist *h, struct swerr *e);

void thist_free(struct thist *h);

/* The row of @key, or NULL. */
const struct thist_row *thist_find(const struct thist *h, const char *key);

/* Value field @name of @r into *@v; false when the row has none. */
bool thist_row_val(const struct thist_row *r, const char *name, uint64_t *v);

#endif /* SLABWALL_TRACE_HIST_H */
