// SPDX-License-Identifier: GPL-2.0
/* A hist trigger's "hist" file, parsed (trace_hist.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strnum.h"
#include "trace_hist.h"

/* Lines are quoted in errors up to this many bytes. */
#define QUOTE_MAX 80

struct parser {
	struct thist *h;
	unsigned int line;
	unsigned int histograms;
	bool in_totals, have_hits, have_entries;
	size_t cap;
};

static int bad(struct swerr *e, const struct parser *p, const char *line,
	       const char *why)
{
	return swerr_set(e, EINVAL, "line %u: %s: \"%s\"", p->line, why, line);
}

static char *skip_space(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void trim_end(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/*
 * "word:" at *@s: the word NUL-terminated in place and returned, *@s past
 * the colon; NULL when there is none.
 */
static char *take_label(char **s)
{
	char *start = skip_space(*s), *c = start;

	while (*c && *c != ':' && *c != ' ' && *c != '\t')
		c++;
	if (*c != ':' || c == start)
		return NULL;
	*c = '\0';
	*s = c + 1;
	return start;
}

/* A decimal number at *@s (leading blanks allowed), *@s past it. */
static bool take_u64(char **s, uint64_t *v)
{
	char *start = skip_space(*s), *c = start, save;
	bool ok;

	while (*c >= '0' && *c <= '9')
		c++;
	if (*c && *c != ' ' && *c != '\t')
		return false;
	save = *c;
	*c = '\0';
	ok = parse_u64(start, v);
	*c = save;
	*s = c;
	return ok;
}

static int new_row(struct parser *p, struct thist_row **row)
{
	struct thist *h = p->h;
	struct thist_row *rows;

	if (h->nrows == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		rows = realloc(h->rows, p->cap * sizeof(*rows));
		if (!rows)
			return -ENOMEM;
		h->rows = rows;
	}
	*row = &h->rows[h->nrows];
	memset(*row, 0, sizeof(**row));
	return 0;
}

/* The values after the key: "hitcount: N" and any "field: N". */
static int parse_vals(struct parser *p, char *s, struct thist_row *r,
		      const char *line, struct swerr *e)
{
	bool have_hitcount = false;
	struct thist_val *v;
	char *label;

	while (*skip_space(s)) {
		label = take_label(&s);
		if (!label)
			return bad(e, p, line, "a value without a \"name:\"");
		if (!strcmp(label, "hitcount")) {
			if (!take_u64(&s, &r->hitcount))
				return bad(e, p, line, "hitcount is not a number");
			have_hitcount = true;
			continue;
		}
		if (r->nvals == THIST_VALS_MAX)
			return bad(e, p, line, "more values than are read");
		v = &r->vals[r->nvals++];
		if (strlen(label) >= sizeof(v->name))
			return bad(e, p, line, "a value name too long");
		strcpy(v->name, label);
		if (!take_u64(&s, &v->v))
			return bad(e, p, line, "a value that is not a number");
	}
	if (!have_hitcount)
		return bad(e, p, line, "no hitcount");
	return 0;
}

/* "{ key: value } hitcount: N ..." */
static int parse_entry(struct parser *p, char *s, const char *line,
		       struct swerr *e)
{
	struct thist *h = p->h;
	struct thist_row *r;
	char *close, *label, *key;
	int ret;

	/* The values after the key hold no brace; the key may. */
	close = strrchr(s, '}');
	if (!close)
		return bad(e, p, line, "no closing brace");
	*close = '\0';
	s++;
	label = take_label(&s);
	if (!label)
		return bad(e, p, line, "no key field");
	if (!h->key_name[0]) {
		if (strlen(label) >= sizeof(h->key_name))
			return bad(e, p, line, "a key name too long");
		strcpy(h->key_name, label);
	} else if (strcmp(label, h->key_name)) {
		return bad(e, p, line, "another key field than the rows before");
	}
	key = skip_space(s);
	trim_end(key);
	if (strlen(key) >= THIST_KEY_MAX)
		return bad(e, p, line, "a key longer than the kernel keeps");

	ret = new_row(p, &r);
	if (ret)
		return swerr_set(e, ENOMEM, "out of memory");
	strcpy(r->key, key);
	ret = parse_vals(p, close + 1, r, line, e);
	if (!ret)
		h->nrows++;
	return ret;
}

/* "    Hits: N", "    Entries: N", "    Dropped: N" */
static int parse_total(struct parser *p, char *s, const char *line,
		       struct swerr *e)
{
	char *label = take_label(&s);
	uint64_t v;

	if (!label || !take_u64(&s, &v) || *skip_space(s))
		return bad(e, p, line, "not a \"Total: number\" line");
	if (!strcmp(label, "Hits")) {
		p->h->hits = v;
		p->have_hits = true;
	} else if (!strcmp(label, "Entries")) {
		p->h->entries = v;
		p->have_entries = true;
	} else if (!strcmp(label, "Dropped")) {
		p->h->dropped = v;
	} else {
		return bad(e, p, line, "an unknown total");
	}
	return 0;
}

/* "# trigger info: hist:keys=name:vals=..." must have one key. */
static int check_trigger(struct parser *p, const char *s, const char *line,
			 struct swerr *e)
{
	const char *keys = strstr(s, "keys=");
	size_t n;

	if (!keys)
		return 0;
	keys += strlen("keys=");
	n = strcspn(keys, ": ");
	if (memchr(keys, ',', n))
		return bad(e, p, line, "a histogram of more than one key");
	return 0;
}

static int parse_line(struct parser *p, char *s, struct swerr *e)
{
	char line[QUOTE_MAX + 1];

	/* Parsing cuts @s up in place; errors quote it as it was. */
	snprintf(line, sizeof(line), "%s", s);

	if (s[0] == '#') {
		if (!strcmp(s, "# event histogram") && ++p->histograms > 1)
			return bad(e, p, line, "more than one histogram");
		if (!strncmp(s, "# trigger info:", 15))
			return check_trigger(p, s, line, e);
		return 0;
	}
	if (!*skip_space(s))
		return 0;
	if (p->in_totals)
		return parse_total(p, s, line, e);
	if (!strcmp(s, "Totals:")) {
		p->in_totals = true;
		return 0;
	}
	if (s[0] == '{')
		return parse_entry(p, s, line, e);
	return bad(e, p, line, "not a line of a histogram");
}

static int check_end(const struct parser *p, struct swerr *e)
{
	const struct thist *h = p->h;

	if (!p->histograms)
		return swerr_set(e, EINVAL, "no histogram (is the trigger set?)");
	if (!p->have_hits || !p->have_entries)
		return swerr_set(e, EINVAL,
				 "no \"Hits:\" and \"Entries:\" totals after %zu row(s): cut short?",
				 h->nrows);
	if (h->entries != h->nrows)
		return swerr_set(e, EINVAL,
				 "the totals say %llu entries, %zu rows were read",
				 (unsigned long long)h->entries, h->nrows);
	return 0;
}

int thist_parse(const char *text, struct thist *h, struct swerr *e)
{
	struct parser p = { .h = h };
	char *copy, *s, *nl;
	int ret = 0;

	memset(h, 0, sizeof(*h));
	copy = strdup(text);
	if (!copy)
		return swerr_set(e, ENOMEM, "out of memory");
	for (s = copy; !ret && *s; s = nl ? nl + 1 : s + strlen(s)) {
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		p.line++;
		trim_end(s);
		ret = parse_line(&p, s, e);
	}
	free(copy);
	return ret ? ret : check_end(&p, e);
}

void thist_free(struct thist *h)
{
	free(h->rows);
	memset(h, 0, sizeof(*h));
}

const struct thist_row *thist_find(const struct thist *h, const char *key)
{
	size_t i;

	for (i = 0; i < h->nrows; i++)
		if (!strcmp(h->rows[i].key, key))
			return &h->rows[i];
	return NULL;
}

bool thist_row_val(const struct thist_row *r, const char *name, uint64_t *v)
{
	unsigned int i;

	for (i = 0; i < r->nvals; i++) {
		if (!strcmp(r->vals[i].name, name)) {
			*v = r->vals[i].v;
			return true;
		}
	}
	return false;
}
