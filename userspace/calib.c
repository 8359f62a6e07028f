// SPDX-License-Identifier: GPL-2.0
/* Parses the module's calibration file (calib.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calib.h"
#include "strnum.h"

/* What a row must have, and what it may; a bit each. */
enum {
	SEEN_NS = 1, SEEN_CYCLES = 2, SEEN_OBJ_NS = 4, SEEN_OBJ_CYCLES = 8,
	SEEN_CACHE = 16,
};

/* The per-pattern keys, longest suffix first so "_object_ns" beats "_ns". */
static const struct {
	const char *suffix;
	unsigned int bit;
} row_keys[] = {
	{ "_object_cycles", SEEN_OBJ_CYCLES },
	{ "_object_ns", SEEN_OBJ_NS },
	{ "_cycles", SEEN_CYCLES },
	{ "_cache", SEEN_CACHE },
	{ "_ns", SEEN_NS },
};

struct parse {
	const char *path;
	unsigned int line;
	struct calib *c;
	unsigned int seen[CALIB_MAX_PATTERNS];
	struct swerr *e;
};

static int bad(struct parse *p, const char *key, const char *value,
	       const char *why)
{
	return swerr_set(p->e, EINVAL, "%s line %u: %s \"%s\": %s", p->path,
			 p->line, key, value, why);
}

/* A cost with up to three decimals, as the module prints it; not negative. */
static bool parse_cost(const char *s, double *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtod(s, &end);
	return !errno && !*end && isfinite(*out);
}

/* The row of @pattern, made on its first key; NULL when there are too many. */
static struct calib_row *row_of(struct parse *p, const char *pattern,
				size_t len, unsigned int **seen)
{
	struct calib *c = p->c;
	unsigned int i;

	for (i = 0; i < c->nr_rows; i++)
		if (strlen(c->rows[i].pattern) == len &&
		    !strncmp(c->rows[i].pattern, pattern, len))
			goto found;
	if (c->nr_rows == CALIB_MAX_PATTERNS || len >= CALIB_NAME_MAX)
		return NULL;
	i = c->nr_rows++;
	memcpy(c->rows[i].pattern, pattern, len);
	c->rows[i].pattern[len] = '\0';
found:
	*seen = &p->seen[i];
	return &c->rows[i];
}

static int take_row_key(struct parse *p, const char *key, const char *value)
{
	size_t klen = strlen(key), slen, i;
	struct calib_row *row;
	unsigned int *seen;
	double v = 0;

	for (i = 0; i < sizeof(row_keys) / sizeof(row_keys[0]); i++) {
		slen = strlen(row_keys[i].suffix);
		if (klen > slen && !strcmp(key + klen - slen, row_keys[i].suffix))
			break;
	}
	if (i == sizeof(row_keys) / sizeof(row_keys[0]))
		return 0;	/* a key this tool does not know: skipped */
	if (row_keys[i].bit == SEEN_CACHE) {
		if (strlen(value) >= CALIB_NAME_MAX)
			return bad(p, key, value, "too long a cache name");
	} else if (!parse_cost(value, &v)) {
		return bad(p, key, value, "not a cost such as 12.345");
	}
	row = row_of(p, key, klen - slen, &seen);
	if (!row)
		return bad(p, key, value, "too many patterns");
	if (*seen & row_keys[i].bit)
		return bad(p, key, value, "given twice");
	*seen |= row_keys[i].bit;
	switch (row_keys[i].bit) {
	case SEEN_CACHE:
		strcpy(row->cache, value);
		break;
	case SEEN_NS:
		row->pair.ns = v;
		break;
	case SEEN_CYCLES:
		row->pair.cycles = v;
		break;
	case SEEN_OBJ_NS:
		row->object.ns = v;
		break;
	case SEEN_OBJ_CYCLES:
		row->object.cycles = v;
		break;
	}
	return 0;
}

/* The keys of the whole calibration; 1 when @key is none of them. */
static int take_key(struct parse *p, const char *key, const char *value,
		    unsigned int *seen)
{
	static const char *const u64_keys[] = {
		"loops", "cpu", "kmalloc_size", "data_size", "name_len",
	};
	struct calib *c = p->c;
	uint64_t *u64_out[] = {
		&c->loops, &c->cpu, &c->kmalloc_size, &c->data_size,
		&c->name_len,
	};
	double *cost_out = NULL;
	unsigned int i;

	for (i = 0; i < sizeof(u64_keys) / sizeof(u64_keys[0]); i++) {
		if (strcmp(key, u64_keys[i]))
			continue;
		if (*seen & (1u << i))
			return bad(p, key, value, "given twice");
		if (!parse_u64(value, u64_out[i]))
			return bad(p, key, value, "not a whole number");
		*seen |= 1u << i;
		return 0;
	}
	if (!strcmp(key, "empty_ns"))
		cost_out = &c->empty.ns;
	else if (!strcmp(key, "empty_cycles"))
		cost_out = &c->empty.cycles;
	if (!cost_out)
		return 1;
	if (!parse_cost(value, cost_out))
		return bad(p, key, value, "not a cost such as 12.345");
	return 0;
}

/* After the last line: every row timed, the header keys there. */
static int check_complete(struct parse *p, unsigned int seen)
{
	struct calib *c = p->c;
	unsigned int i, obj;

	if (!(seen & 1))
		return swerr_set(p->e, EINVAL, "%s: no loops line", p->path);
	if (!c->loops)
		return 0;
	if ((seen & 6) != 6)
		return swerr_set(p->e, EINVAL, "%s: no cpu or kmalloc_size line",
				 p->path);
	c->has_sizes = (seen & 24) == 24;
	if (!c->nr_rows)
		return swerr_set(p->e, EINVAL, "%s: loops %llu but no pattern's costs",
				 p->path, (unsigned long long)c->loops);
	for (i = 0; i < c->nr_rows; i++) {
		if ((p->seen[i] & (SEEN_NS | SEEN_CYCLES)) != (SEEN_NS | SEEN_CYCLES))
			return swerr_set(p->e, EINVAL,
					 "%s: pattern %s without %s_ns and %s_cycles",
					 p->path, c->rows[i].pattern,
					 c->rows[i].pattern, c->rows[i].pattern);
		obj = p->seen[i] & (SEEN_OBJ_NS | SEEN_OBJ_CYCLES);
		if (obj && obj != (SEEN_OBJ_NS | SEEN_OBJ_CYCLES))
			return swerr_set(p->e, EINVAL,
					 "%s: pattern %s has only one of %s_object_ns and %s_object_cycles",
					 p->path, c->rows[i].pattern,
					 c->rows[i].pattern, c->rows[i].pattern);
		c->rows[i].has_object = obj != 0;
	}
	return 0;
}

int calib_parse(const char *path, const char *text, struct calib *c,
		struct swerr *e)
{
	struct parse *p = calloc(1, sizeof(*p));
	char *copy = strdup(text), *line, *next, *value;
	unsigned int seen = 0;
	int ret = 0;

	memset(c, 0, sizeof(*c));
	if (!p || !copy) {
		ret = swerr_set(e, ENOMEM, "%s: out of memory", path);
		goto out;
	}
	p->path = path;
	p->c = c;
	p->e = e;
	for (line = copy; line && !ret; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		p->line++;
		if (!*line)
			continue;
		value = strchr(line, ' ');
		if (!value || !value[1] || strchr(value + 1, ' ')) {
			ret = swerr_set(e, EINVAL,
					"%s line %u: \"%s\" is not a \"key value\" line",
					path, p->line, line);
			break;
		}
		*value++ = '\0';
		ret = take_key(p, line, value, &seen);
		if (ret == 1)
			ret = take_row_key(p, line, value);
	}
	if (!ret)
		ret = check_complete(p, seen);
out:
	if (ret)
		memset(c, 0, sizeof(*c));
	free(copy);
	free(p);
	return ret;
}
