// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <math.h>

#include "jsonw.h"

void jw_init(struct jw *w, FILE *f)
{
	w->f = f;
	w->depth = 0;
	w->has_items[0] = false;
}

static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void indent(struct jw *w)
{
	unsigned int i;

	fputc('\n', w->f);
	for (i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Comma, new line and "key": before any value. */
static void member(struct jw *w, const char *key)
{
	if (w->depth) {
		if (w->has_items[w->depth])
			fputc(',', w->f);
		w->has_items[w->depth] = true;
		indent(w);
	}
	if (key) {
		put_string(w->f, key);
		fputs(": ", w->f);
	}
}

static void open_scope(struct jw *w, const char *key, char c)
{
	member(w, key);
	fputc(c, w->f);
	if (w->depth + 1 < JW_MAX_DEPTH)
		w->depth++;
	w->has_items[w->depth] = false;
}

static void close_scope(struct jw *w, char c)
{
	bool had = w->has_items[w->depth];

	if (w->depth)
		w->depth--;
	if (had)
		indent(w);
	fputc(c, w->f);
	if (!w->depth)
		fputc('\n', w->f);
}

void jw_begin_obj(struct jw *w, const char *key)
{
	open_scope(w, key, '{');
}

void jw_end_obj(struct jw *w)
{
	close_scope(w, '}');
}

void jw_begin_arr(struct jw *w, const char *key)
{
	open_scope(w, key, '[');
}

void jw_end_arr(struct jw *w)
{
	close_scope(w, ']');
}

void jw_str(struct jw *w, const char *key, const char *v)
{
	member(w, key);
	if (v)
		put_string(w->f, v);
	else
		fputs("null", w->f);
}

void jw_u64(struct jw *w, const char *key, uint64_t v)
{
	member(w, key);
	fprintf(w->f, "%" PRIu64, v);
}

void jw_i64(struct jw *w, const char *key, int64_t v)
{
	member(w, key);
	fprintf(w->f, "%" PRId64, v);
}

void jw_double(struct jw *w, const char *key, double v)
{
	member(w, key);
	if (isfinite(v))
		fprintf(w->f, "%.15g", v);
	else
		fputs("null", w->f);
}

void jw_bool(struct jw *w, const char *key, bool v)
{
	member(w, key);
	fputs(v ? "true" : "false", w->f);
}

void jw_null(struct jw *w, const char *key)
{
	member(w, key);
	fputs("null", w->f);
}

void jw_opt_u64(struct jw *w, const char *key, struct opt_u64 v)
{
	if (v.present)
		jw_u64(w, key, v.v);
	else
		jw_null(w, key);
}
