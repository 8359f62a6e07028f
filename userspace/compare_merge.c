// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_merge.h"

/* Row @r of @t in @out's columns, @by's field as "LABEL:VALUE". */
static char **merged_row(const struct csv_table *t, size_t r,
			 const struct csv_table *out, const char *label,
			 const char *by)
{
	char **row = calloc(out->ncols, sizeof(*row));
	size_t c;
	int from;

	if (!row)
		return NULL;
	for (c = 0; c < out->ncols; c++) {
		from = csv_col(t, out->head[c]);
		if (!strcmp(out->head[c], by)) {
			if (asprintf(&row[c], "%s:%s", label, t->rows[r][from]) < 0)
				row[c] = NULL;
		} else if (from >= 0) {
			row[c] = strdup(t->rows[r][from]);
		} else {
			/* A table without status has no failed rows. */
			row[c] = strdup(strcmp(out->head[c], "status") ? "" : "ok");
		}
		if (!row[c]) {
			while (c--)
				free(row[c]);
			free(row);
			return NULL;
		}
	}
	return row;
}

int cmp_merge(const struct csv_table *in, const char *const *labels, size_t n,
	      const char *by, struct csv_table *out, struct swerr *e)
{
	size_t i, r, total = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		if (csv_col(&in[i], by) < 0)
			return swerr_set(e, EINVAL, "%s: no column \"%s\"",
					 labels[i], by);
		total += in[i].nrows;
	}
	out->head = calloc(in[0].ncols, sizeof(*out->head));
	out->rows = calloc(total ? total : 1, sizeof(*out->rows));
	if (!out->head || !out->rows)
		goto nomem;
	for (; out->ncols < in[0].ncols; out->ncols++) {
		out->head[out->ncols] = strdup(in[0].head[out->ncols]);
		if (!out->head[out->ncols])
			goto nomem;
	}
	for (i = 0; i < n; i++)
		for (r = 0; r < in[i].nrows; r++) {
			out->rows[out->nrows] = merged_row(&in[i], r, out,
							   labels[i], by);
			if (!out->rows[out->nrows])
				goto nomem;
			out->nrows++;
		}
	return 0;
nomem:
	if (!out->head) {
		free(out->rows);
		memset(out, 0, sizeof(*out));
	} else {
		csv_free(out);
	}
	return swerr_set(e, ENOMEM, "out of memory merging %zu CSVs", n);
}
