// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strnum.h"
#include "swstats.h"

void sw_stats_init(struct sw_stats *st)
{
	memset(st, 0, sizeof(*st));
}

void sw_stats_free(struct sw_stats *st)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		free(st->v[i].key);	/* text shares the key's allocation */
	free(st->v);
	sw_stats_init(st);
}

static bool valid_key(const char *k)
{
	if (!*k)
		return false;
	for (; *k; k++)
		if (!isalnum((unsigned char)*k) && *k != '_' && *k != '.' &&
		    *k != '-')
			return false;
	return true;
}

/* [-]digits[.digits]: strtod() alone would take "nan", "inf" and "0x1p3". */
static bool looks_decimal(const char *s)
{
	if (*s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return !*s;
}

static void classify(struct sw_stat *s)
{
	if (parse_u64(s->text, &s->u)) {
		s->kind = SW_VAL_UINT;
		s->d = (double)s->u;
	} else if (looks_decimal(s->text)) {
		s->kind = SW_VAL_NUM;
		s->d = strtod(s->text, NULL);
	} else {
		s->kind = SW_VAL_WORD;
	}
}

static int add(struct sw_stats *st, const char *key, size_t klen,
	       const char *val, size_t vlen)
{
	struct sw_stat *s;
	char *mem;

	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 64;
		struct sw_stat *v = realloc(st->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		st->v = v;
		st->cap = cap;
	}
	mem = malloc(klen + vlen + 2);
	if (!mem)
		return -ENOMEM;
	s = &st->v[st->n++];
	memset(s, 0, sizeof(*s));
	s->key = mem;
	memcpy(s->key, key, klen);
	s->key[klen] = '\0';
	s->text = mem + klen + 1;
	memcpy(s->text, val, vlen);
	s->text[vlen] = '\0';
	classify(s);
	return 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int sw_stats_parse(struct sw_stats *st, const char *text, const char *origin,
		   struct swerr *e)
{
	const char *line = text, *end, *k, *kend, *v, *vend, *p;
	unsigned int lineno = 0, bad = 0;
	char key[256];
	size_t klen;
	int ret;

	for (; *line; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		lineno++;
		for (k = line; k < end && is_blank(*k); k++)
			;
		if (k == end)
			continue;
		for (kend = k; kend < end && !is_blank(*kend); kend++)
			;
		for (v = kend; v < end && is_blank(*v); v++)
			;
		for (vend = v; vend < end && !is_blank(*vend); vend++)
			;
		for (p = vend; p < end && is_blank(*p); p++)
			;
		klen = (size_t)(kend - k);
		if (v == end || p != end || klen >= sizeof(key))
			goto malformed;
		memcpy(key, k, klen);
		key[klen] = '\0';
		if (!valid_key(key) || sw_stats_find(st, key))
			goto malformed;
		ret = add(st, k, klen, v, (size_t)(vend - v));
		if (ret)
			return swerr_set(e, ENOMEM, "%s: out of memory", origin);
		continue;
malformed:
		if (!bad++)
			swerr_set(e, EINVAL,
				  "%s line %u: \"%.*s\" is not \"key value\" with a new key",
				  origin, lineno, (int)(end - line), line);
	}
	st->malformed = bad;
	return (int)bad;
}

const struct sw_stat *sw_stats_find(const struct sw_stats *st, const char *key)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		if (!strcmp(st->v[i].key, key))
			return &st->v[i];
	return NULL;
}

const char *sw_stats_str(const struct sw_stats *st, const char *key)
{
	const struct sw_stat *s = sw_stats_find(st, key);

	return s ? s->text : NULL;
}

int sw_stats_u64(const struct sw_stats *st, const char *key, uint64_t *out)
{
	const struct sw_stat *s = sw_stats_find(st, key);

	if (!s)
		return -ENOENT;
	if (s->kind != SW_VAL_UINT)
		return -EINVAL;
	*out = s->u;
	return 0;
}

int sw_stats_double(const struct sw_stats *st, const char *key, double *out)
{
	const struct sw_stat *s = sw_stats_find(st, key);

	if (!s)
		return -ENOENT;
	if (s->kind == SW_VAL_WORD)
		return -EINVAL;
	*out = s->d;
	return 0;
}

int sw_stats_cpu_u64(const struct sw_stats *st, unsigned int cpu,
		     const char *key, uint64_t *out)
{
	char full[256];
	int n = snprintf(full, sizeof(full), "cpu%u.%s", cpu, key);

	if (n < 0 || (size_t)n >= sizeof(full))
		return -ENOENT;
	return sw_stats_u64(st, full, out);
}

bool sw_stat_cpu_key(const char *key, unsigned int *cpu, const char **subkey)
{
	unsigned long v = 0;
	const char *p;

	if (strncmp(key, "cpu", 3) || !isdigit((unsigned char)key[3]))
		return false;
	for (p = key + 3; isdigit((unsigned char)*p); p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > 1000000)
			return false;
	}
	if (*p != '.' || !p[1])
		return false;
	*cpu = (unsigned int)v;
	*subkey = p + 1;
	return true;
}
