// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpulist.h"
#include "fileio.h"

void cpuset_clear(struct cpuset *s)
{
	memset(s, 0, sizeof(*s));
}

void cpuset_add(struct cpuset *s, unsigned int cpu)
{
	if (cpu < CPUSET_MAX)
		s->bits[cpu / 64] |= 1ULL << (cpu % 64);
}

bool cpuset_has(const struct cpuset *s, unsigned int cpu)
{
	return cpu < CPUSET_MAX && (s->bits[cpu / 64] >> (cpu % 64)) & 1;
}

unsigned int cpuset_count(const struct cpuset *s)
{
	unsigned int i, n = 0;

	for (i = 0; i < CPUSET_MAX / 64; i++)
		n += (unsigned int)__builtin_popcountll(s->bits[i]);
	return n;
}

int cpuset_next(const struct cpuset *s, int prev)
{
	unsigned int cpu = (unsigned int)(prev + 1);
	uint64_t word;

	while (cpu < CPUSET_MAX) {
		word = s->bits[cpu / 64] >> (cpu % 64);
		if (word)
			return (int)(cpu + (unsigned int)__builtin_ctzll(word));
		cpu = (cpu / 64 + 1) * 64;
	}
	return -1;
}

bool cpuset_subset(const struct cpuset *a, const struct cpuset *b)
{
	unsigned int i;

	for (i = 0; i < CPUSET_MAX / 64; i++)
		if (a->bits[i] & ~b->bits[i])
			return false;
	return true;
}

void cpuset_minus(const struct cpuset *a, const struct cpuset *b,
		  struct cpuset *out)
{
	unsigned int i;

	for (i = 0; i < CPUSET_MAX / 64; i++)
		out->bits[i] = a->bits[i] & ~b->bits[i];
}

/* One CPU number at *@p; advances *@p past it. */
static bool parse_cpu(const char **p, unsigned int *cpu)
{
	unsigned long v = 0;
	const char *s = *p;

	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s)) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v >= CPUSET_MAX)
			return false;
		s++;
	}
	*cpu = (unsigned int)v;
	*p = s;
	return true;
}

int cpulist_parse(const char *text, struct cpuset *s, struct swerr *e)
{
	const char *p = text, *item;
	unsigned int lo, hi, cpu;

	cpuset_clear(s);
	while (isspace((unsigned char)*p))
		p++;
	if (!*p)
		return 0;
	for (;;) {
		item = p;
		if (!parse_cpu(&p, &lo))
			goto bad;
		hi = lo;
		if (*p == '-') {
			p++;
			if (!parse_cpu(&p, &hi) || hi < lo)
				goto bad;
		}
		for (cpu = lo; cpu <= hi; cpu++)
			cpuset_add(s, cpu);
		if (*p != ',')
			break;
		p++;
	}
	/* Only white space (sysfs' newline) may follow the last item. */
	while (isspace((unsigned char)*p))
		p++;
	if (*p) {
		item = p;
		goto bad;
	}
	return 0;
bad:
	return swerr_set(e, EINVAL,
			 "cpulist \"%s\": bad item at \"%s\" (expected N or N-M with N <= M < %d, separated by commas)",
			 text, item, CPUSET_MAX);
}

/* snprintf() that keeps counting once @buf is full. */
static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	if (*used < len)
		n = vsnprintf(buf + *used, len - *used, fmt, ap);
	else
		n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used += (size_t)n;
}

size_t cpulist_format(const struct cpuset *s, char *buf, size_t len)
{
	size_t used = 0;
	int lo, hi;

	if (len)
		buf[0] = '\0';
	for (lo = cpuset_next(s, -1); lo >= 0; lo = cpuset_next(s, hi)) {
		hi = lo;
		while (hi + 1 < CPUSET_MAX && cpuset_has(s, (unsigned int)hi + 1))
			hi++;
		if (hi == lo)
			append(buf, len, &used, "%s%d", used ? "," : "", lo);
		else
			append(buf, len, &used, "%s%d-%d", used ? "," : "", lo, hi);
	}
	return used;
}

int cpulist_read(const char *path, struct cpuset *s, struct swerr *e)
{
	char buf[65536];
	ssize_t n;
	int ret;

	n = fio_read(path, buf, sizeof(buf), e);
	if (n < 0)
		return (int)n;
	ret = cpulist_parse(fio_trim(buf), s, e);
	if (ret)
		swerr_prefix(e, "%s: ", path);
	return ret;
}
