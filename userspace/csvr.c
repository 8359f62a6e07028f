// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvr.h"
#include "fileio.h"

/* A growing array of pointers: fields of a line, or lines of a table. */
struct vec {
	void **v;
	size_t n, cap;
};

static int vec_push(struct vec *a, void *p)
{
	void **bigger;

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		bigger = realloc(a->v, a->cap * sizeof(*a->v));
		if (!bigger)
			return -ENOMEM;
		a->v = bigger;
	}
	a->v[a->n++] = p;
	return 0;
}

static void free_line(char **fields, size_t n)
{
	size_t i;

	if (!fields)
		return;
	for (i = 0; i < n; i++)
		free(fields[i]);
	free(fields);
}

/*
 * One field starting at *@p; advances *@p to the ',' or line end after it.
 * *@lineno counts line breaks inside quotes.
 */
static int parse_field(const char **p, char **out, unsigned long *lineno)
{
	const char *s = *p;
	size_t len = 0, cap = 32;
	char *f = malloc(cap), *bigger;
	bool quoted = *s == '"';

	if (!f)
		return -ENOMEM;
	if (quoted)
		s++;
	for (;;) {
		char c = *s;

		if (quoted) {
			if (!c) {
				free(f);
				return -EINVAL;	/* unterminated quote */
			}
			if (c == '"') {
				if (s[1] != '"') {
					s++;
					break;
				}
				s++;	/* "" is one quote */
			} else if (c == '\n') {
				(*lineno)++;
			}
		} else {
			if (!c || c == ',' || c == '\n' ||
			    (c == '\r' && s[1] == '\n'))
				break;
			if (c == '"') {
				free(f);
				return -EINVAL;
			}
		}
		if (len + 1 >= cap) {
			cap *= 2;
			bigger = realloc(f, cap);
			if (!bigger) {
				free(f);
				return -ENOMEM;
			}
			f = bigger;
		}
		f[len++] = *s++;
	}
	/* After a closing quote only a separator or the line end may come. */
	if (quoted && *s && *s != ',' && *s != '\n' &&
	    !(*s == '\r' && s[1] == '\n')) {
		free(f);
		return -EINVAL;
	}
	f[len] = '\0';
	*out = f;
	*p = s;
	return 0;
}

/* One line into @fields; *@p moves past its line end. */
static int parse_line(const char **p, struct vec *fields,
		      unsigned long *lineno)
{
	char *f;
	int ret;

	for (;;) {
		ret = parse_field(p, &f, lineno);
		if (ret)
			return ret;
		ret = vec_push(fields, f);
		if (ret) {
			free(f);
			return ret;
		}
		if (**p != ',')
			break;
		(*p)++;
	}
	if (**p == '\r')
		(*p)++;
	if (**p == '\n')
		(*p)++;
	return 0;
}

int csv_parse(const char *text, const char *origin, struct csv_table *t,
	      struct swerr *e)
{
	struct vec rows = { 0 }, fields;
	unsigned long lineno = 0, start;
	const char *p = text;
	int ret = 0;

	memset(t, 0, sizeof(*t));
	while (*p) {
		if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
			p += *p == '\r' ? 2 : 1;
			lineno++;
			continue;
		}
		start = ++lineno;
		memset(&fields, 0, sizeof(fields));
		ret = parse_line(&p, &fields, &lineno);
		if (ret == -EINVAL)
			swerr_set(e, EINVAL,
				  "%s line %lu: bad quoting (a field with a quote must be quoted whole, \"\" inside)",
				  origin, start);
		else if (ret)
			swerr_set(e, -ret, "%s: out of memory", origin);
		else if (t->head && fields.n != t->ncols)
			ret = swerr_set(e, EINVAL,
					"%s line %lu: %zu fields, the header has %zu",
					origin, start, fields.n, t->ncols);
		if (ret) {
			free_line((char **)fields.v, fields.n);
			break;
		}
		if (!t->head) {
			t->head = (char **)fields.v;
			t->ncols = fields.n;
			continue;
		}
		ret = vec_push(&rows, fields.v);
		if (ret) {
			free_line((char **)fields.v, fields.n);
			swerr_set(e, ENOMEM, "%s: out of memory", origin);
			break;
		}
	}
	t->rows = (char ***)rows.v;
	t->nrows = rows.n;
	if (!ret && !t->head)
		ret = swerr_set(e, EINVAL, "%s: empty, not even a header line",
				origin);
	if (ret)
		csv_free(t);
	return ret;
}

int csv_read_file(const char *path, struct csv_table *t, struct swerr *e)
{
	char *text;
	int ret;

	memset(t, 0, sizeof(*t));
	ret = fio_read_alloc(path, &text, NULL, e);
	if (ret)
		return ret;
	ret = csv_parse(text, path, t, e);
	free(text);
	return ret;
}

void csv_free(struct csv_table *t)
{
	size_t i;

	free_line(t->head, t->ncols);
	for (i = 0; i < t->nrows; i++)
		free_line(t->rows[i], t->ncols);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

int csv_col(const struct csv_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (!strcmp(t->head[i], name))
			return (int)i;
	return -1;
}
