// SPDX-License-Identifier: GPL-2.0
/* Allocator event counts per slab cache (trace_cachestat.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "csvw.h"
#include "slabfs.h"
#include "trace_cachestat.h"

#define NAME_MIN_W 12
#define NAME_MAX_W 32	/* longer names push their own line, not every line */

static const char *const col_names[CS_NCOLS] = {
	[CS_ALLOCS] = "allocs",
	[CS_FREES] = "frees",
	[CS_SLOW_ALLOCS] = "slow_allocs",
	[CS_NEW_SLABS] = "new_slabs",
	[CS_SLOW_FREES] = "slow_frees",
	[CS_SLABS_FREED] = "slabs_freed",
};

const char *cs_col_name(enum cs_col col)
{
	return col_names[col];
}

void cs_init(struct cs_table *t)
{
	memset(t, 0, sizeof(*t));
}

void cs_free(struct cs_table *t)
{
	free(t->rows);
	cs_init(t);
}

static struct cs_row *find(const struct cs_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].name, name))
			return &t->rows[i];
	return NULL;
}

static struct cs_row *get(struct cs_table *t, const char *name)
{
	struct cs_row *r = find(t, name), *rows;

	if (r)
		return r;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		rows = realloc(t->rows, t->cap * sizeof(*rows));
		if (!rows)
			return NULL;
		t->rows = rows;
	}
	r = &t->rows[t->n++];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	return r;
}

int cs_add(struct cs_table *t, const char *name, enum cs_col col, uint64_t v)
{
	struct cs_row *r = get(t, name);

	if (!r)
		return -ENOMEM;
	r->v[col] += v;
	return 0;
}

int cs_keep(struct cs_table *t, const char *const *names, size_t n)
{
	struct cs_table keep;
	const struct cs_row *r;
	size_t i;

	cs_init(&keep);
	memcpy(keep.have, t->have, sizeof(keep.have));
	for (i = 0; i < n; i++) {
		if (find(&keep, names[i]))
			continue;
		if (!get(&keep, names[i])) {
			cs_free(&keep);
			return -ENOMEM;
		}
		r = find(t, names[i]);
		if (r)
			keep.rows[keep.n - 1] = *r;
	}
	cs_free(t);
	*t = keep;
	return 0;
}

static int cmp_rows(const void *a, const void *b)
{
	const struct cs_row *x = a, *y = b;

	if (x->v[CS_ALLOCS] != y->v[CS_ALLOCS])
		return x->v[CS_ALLOCS] > y->v[CS_ALLOCS] ? -1 : 1;
	if (x->v[CS_SLOW_ALLOCS] != y->v[CS_SLOW_ALLOCS])
		return x->v[CS_SLOW_ALLOCS] > y->v[CS_SLOW_ALLOCS] ? -1 : 1;
	return strcmp(x->name, y->name);
}

void cs_sort(struct cs_table *t)
{
	if (t->n)
		qsort(t->rows, t->n, sizeof(*t->rows), cmp_rows);
}

/* kmalloc-N, kmalloc-cg-N, kmalloc-rcl-N, dma-kmalloc-N, ... */
static bool is_kmalloc(const char *name)
{
	return !strncmp(name, "kmalloc-", 8) || !strncmp(name, "dma-kmalloc-", 12);
}

/* Just "kmalloc-" and a size: "kmalloc-96", "kmalloc-2k". */
static bool is_plain_kmalloc(const char *name)
{
	uint64_t size;

	return !sf_kmalloc_size(name, &size);
}

bool cs_known(const struct cs_table *t, const struct cs_row *r,
	      enum cs_col col)
{
	if (!t->have[col])
		return false;
	if (col == CS_FREES && is_kmalloc(r->name))
		return false;
	if (col == CS_ALLOCS && is_kmalloc(r->name) && !is_plain_kmalloc(r->name))
		return false;
	return true;
}

bool cs_per_1k(const struct cs_table *t, const struct cs_row *r,
	       enum cs_col col, double *out)
{
	if (!cs_known(t, r, col) || !cs_known(t, r, CS_ALLOCS) ||
	    !r->v[CS_ALLOCS])
		return false;
	*out = 1000.0 * (double)r->v[col] / (double)r->v[CS_ALLOCS];
	return true;
}

static int name_width(const struct cs_table *t)
{
	size_t i, w = NAME_MIN_W, len;

	for (i = 0; i < t->n; i++) {
		len = strlen(t->rows[i].name);
		if (len > w)
			w = len;
	}
	return (int)(w < NAME_MAX_W ? w : NAME_MAX_W);
}

static void print_row(FILE *f, const struct cs_table *t,
		      const struct cs_row *r, int nw)
{
	char cell[32];
	double rate;
	int c;

	fprintf(f, "%-*s", nw, r->name);
	if ((int)strlen(r->name) > nw)
		fprintf(f, "\n%-*s", nw, "");
	for (c = 0; c < CS_NCOLS; c++) {
		if (cs_known(t, r, c))
			snprintf(cell, sizeof(cell), "%" PRIu64, r->v[c]);
		else
			snprintf(cell, sizeof(cell), "-");
		fprintf(f, " %10s", cell);
	}
	fprintf(f, " ");
	for (c = CS_FIRST_RATE; c < CS_NCOLS; c++) {
		if (cs_per_1k(t, r, c, &rate))
			snprintf(cell, sizeof(cell), "%.2f", rate);
		else
			snprintf(cell, sizeof(cell), "-");
		fprintf(f, " %9s", cell);
	}
	fputc('\n', f);
}

void cs_print_table(FILE *f, const struct cs_table *t)
{
	int nw = name_width(t);
	size_t i;

	/* The last four: the slow counts per 1,000 allocations. */
	fprintf(f, "%-*s %10s %10s %10s %10s %10s %10s  %9s %9s %9s %9s\n", nw,
		"", "", "", "slow", "new", "slow", "slabs",
		"slow", "new", "slow", "slabs");
	fprintf(f, "%-*s %10s %10s %10s %10s %10s %10s  %9s %9s %9s %9s\n", nw,
		"cache", "allocs", "frees", "allocs", "slabs", "frees", "freed",
		"allocs/1k", "slabs/1k", "frees/1k", "freed/1k");
	for (i = 0; i < t->n; i++)
		print_row(f, t, &t->rows[i], nw);
}

/* Writes the header (@r NULL) or @r's line. */
static void csv_line(struct csvw *w, const struct cs_table *t,
		     const struct cs_row *r)
{
	char name[64];
	double rate;
	int c;

	csvw_str(w, r ? r->name : "cache");
	for (c = 0; c < CS_NCOLS; c++) {
		if (!r)
			csvw_str(w, col_names[c]);
		else if (cs_known(t, r, c))
			csvw_u64(w, r->v[c]);
		else
			csvw_empty(w);
	}
	for (c = CS_FIRST_RATE; c < CS_NCOLS; c++) {
		snprintf(name, sizeof(name), "%s_per_1k", col_names[c]);
		if (!r)
			csvw_str(w, name);
		else if (cs_per_1k(t, r, c, &rate))
			csvw_double(w, rate);
		else
			csvw_empty(w);
	}
	csvw_end_line(w);
}

int cs_print_csv(FILE *f, const struct cs_table *t)
{
	struct csvw w;
	size_t i;

	csvw_init(&w, f);
	csv_line(&w, t, NULL);
	for (i = 0; i < t->n; i++)
		csv_line(&w, t, &t->rows[i]);
	return csvw_finish(&w);
}

void cs_print_json(struct jw *w, const char *key, const struct cs_table *t)
{
	const struct cs_row *r;
	char name[64];
	double rate;
	size_t i;
	int c;

	jw_begin_arr(w, key);
	for (i = 0; i < t->n; i++) {
		r = &t->rows[i];
		jw_begin_obj(w, NULL);
		jw_str(w, "cache", r->name);
		for (c = 0; c < CS_NCOLS; c++) {
			if (cs_known(t, r, c))
				jw_u64(w, col_names[c], r->v[c]);
			else
				jw_null(w, col_names[c]);
		}
		for (c = CS_FIRST_RATE; c < CS_NCOLS; c++) {
			snprintf(name, sizeof(name), "%s_per_1k", col_names[c]);
			if (cs_per_1k(t, r, c, &rate))
				jw_double(w, name, rate);
			else
				jw_null(w, name);
		}
		jw_end_obj(w);
	}
	jw_end_arr(w);
}
