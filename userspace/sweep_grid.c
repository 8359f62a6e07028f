// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strnum.h"
#include "sweep_grid.h"
#include "swpattern.h"

/* Longest list we take; far above any useful sweep. */
#define SG_ARG_MAX 4096

/*
 * Splits a copy of @arg at @sep into @items; empty items are kept (as "")
 * so the caller can say where.  Returns the count or -E2BIG.
 */
static int split(char *copy, char sep, char **items, size_t max)
{
	size_t n = 0;
	char *p = copy, *next;

	for (;;) {
		if (n == max)
			return -E2BIG;
		next = strchr(p, sep);
		if (next)
			*next = '\0';
		items[n++] = p;
		if (!next)
			break;
		p = next + 1;
	}
	return (int)n;
}

/*
 * Copies @arg into @buf and splits it into items, none of them empty but
 * for a last ';' which ends the list ("0,2;" is one list); the messages
 * name @opt.
 */
static int split_arg(const char *opt, const char *arg, char sep, char *buf,
		     char **items, struct swerr *e)
{
	int i, n;

	if (strlen(arg) >= SG_ARG_MAX)
		return swerr_set(e, E2BIG, "%s: the list is longer than %d characters",
				 opt, SG_ARG_MAX - 1);
	strcpy(buf, arg);
	n = split(buf, sep, items, SG_MAX_ITEMS);
	if (n < 0)
		return swerr_set(e, E2BIG, "%s \"%s\": more than %d items", opt,
				 arg, SG_MAX_ITEMS);
	if (sep == ';' && n > 1 && !*items[n - 1])
		n--;
	for (i = 0; i < n; i++)
		if (!*items[i])
			return swerr_set(e, EINVAL, "%s \"%s\": empty item (item %d)",
					 opt, arg, i + 1);
	return n;
}

int sg_parse_u64_list(const char *opt, const char *arg, uint64_t *out,
		      size_t *n, struct swerr *e)
{
	char buf[SG_ARG_MAX], *items[SG_MAX_ITEMS];
	size_t i, j;
	int count;

	count = split_arg(opt, arg, ',', buf, items, e);
	if (count < 0)
		return count;
	for (i = 0; i < (size_t)count; i++) {
		if (!parse_u64(items[i], &out[i]))
			return swerr_set(e, EINVAL, "%s \"%s\": \"%s\" is not a whole number",
					 opt, arg, items[i]);
		for (j = 0; j < i; j++)
			if (out[j] == out[i])
				return swerr_set(e, EINVAL, "%s \"%s\": %" PRIu64 " is given twice",
						 opt, arg, out[i]);
	}
	*n = (size_t)count;
	return 0;
}

static bool is_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
			return false;
	return true;
}

int sg_parse_word_list(const char *opt, const char *arg,
		       char out[][SG_WORD_MAX], size_t *n, struct swerr *e)
{
	char buf[SG_ARG_MAX], *items[SG_MAX_ITEMS];
	size_t i, j;
	int count;

	count = split_arg(opt, arg, ',', buf, items, e);
	if (count < 0)
		return count;
	for (i = 0; i < (size_t)count; i++) {
		if (!is_word(items[i]) || strlen(items[i]) >= SG_WORD_MAX)
			return swerr_set(e, EINVAL, "%s \"%s\": \"%s\" is not a knob value",
					 opt, arg, items[i]);
		for (j = 0; j < i; j++)
			if (!strcmp(out[j], items[i]))
				return swerr_set(e, EINVAL, "%s \"%s\": \"%s\" is given twice",
						 opt, arg, items[i]);
		strcpy(out[i], items[i]);
	}
	*n = (size_t)count;
	return 0;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* The first @count CPUs of @online. */
static void first_cpus(const struct cpuset *online, unsigned int count,
		       struct cpuset *out)
{
	int cpu = -1;

	cpuset_clear(out);
	while (count-- && (cpu = cpuset_next(online, cpu)) >= 0)
		cpuset_add(out, (unsigned int)cpu);
}

static int cpus_item(const char *arg, const char *item,
		     const struct cpuset *online, struct cpuset *set,
		     struct swerr *e)
{
	unsigned int nonline = cpuset_count(online);
	struct cpuset offline;
	char bad[SG_CPUS_LIST];
	uint64_t count;

	if (!strcmp(item, "all")) {
		*set = *online;
		return 0;
	}
	if (all_digits(item)) {
		if (!parse_u64(item, &count) || count == 0 || count > nonline)
			return swerr_set(e, EINVAL,
					 "--cpus \"%s\": \"%s\" is a count of CPUs and %u are online (to name CPU %s alone, write %s-%s)",
					 arg, item, nonline, item, item, item);
		first_cpus(online, (unsigned int)count, set);
		return 0;
	}
	if (cpulist_parse(item, set, e)) {
		swerr_prefix(e, "--cpus \"%s\": ", arg);
		return -EINVAL;
	}
	if (!cpuset_subset(set, online)) {
		cpuset_minus(set, online, &offline);
		cpulist_format(&offline, bad, sizeof(bad));
		return swerr_set(e, EINVAL, "--cpus \"%s\": CPU(s) %s of \"%s\" are not online",
				 arg, bad, item);
	}
	return 0;
}

int sg_parse_cpus(const char *arg, const struct cpuset *online,
		  struct sg_cpus *out, size_t *n, size_t *dropped,
		  struct swerr *e)
{
	char buf[SG_ARG_MAX], *items[SG_MAX_ITEMS];
	char sep = strchr(arg, ';') ? ';' : ',';
	struct cpuset sets[SG_MAX_ITEMS];
	size_t i, j, m = 0;
	int count;

	*dropped = 0;
	count = split_arg("--cpus", arg, sep, buf, items, e);
	if (count < 0)
		return count;
	for (i = 0; i < (size_t)count; i++) {
		if (strlen(items[i]) >= SG_CPUS_SPEC)
			return swerr_set(e, EINVAL, "--cpus \"%s\": item \"%s\" is too long",
					 arg, items[i]);
		if (cpus_item(arg, items[i], online, &sets[m], e))
			return -EINVAL;
		if (!cpuset_count(&sets[m]))
			return swerr_set(e, EINVAL, "--cpus \"%s\": \"%s\" has no CPUs",
					 arg, items[i]);
		for (j = 0; j < m; j++)
			if (!memcmp(&sets[j], &sets[m], sizeof(sets[m])))
				break;
		if (j < m) {
			(*dropped)++;
			continue;
		}
		snprintf(out[m].spec, sizeof(out[m].spec), "%s", items[i]);
		if (cpulist_format(&sets[m], out[m].list, sizeof(out[m].list)) >=
		    sizeof(out[m].list))
			return swerr_set(e, E2BIG, "--cpus \"%s\": \"%s\" is too long a cpulist",
					 arg, items[i]);
		out[m].n = cpuset_count(&sets[m]);
		m++;
	}
	*n = m;
	return 0;
}

static size_t nsizes(const struct sweep_grid *g)
{
	return g->nsizes ? g->nsizes : 1;
}

size_t sg_nlines(const struct sweep_grid *g)
{
	return g->npatterns * g->nstrategies * nsizes(g) * g->nfrees * g->ncpus;
}

size_t sg_ngroups(const struct sweep_grid *g)
{
	return g->npatterns * g->nstrategies * nsizes(g) * g->nfrees *
	       g->nallocs;
}

size_t sg_npoints(const struct sweep_grid *g)
{
	return sg_nlines(g) * g->nallocs;
}

struct sweep_point *sg_expand(const struct sweep_grid *g, size_t *n)
{
	size_t k, rest, p, s, z, f, c, a, knobs;
	struct sweep_point *pts, *pt;
	const struct swp_info *pi;

	*n = sg_npoints(g);
	pts = calloc(*n ? *n : 1, sizeof(*pts));
	if (!pts)
		return NULL;
	for (k = 0; k < *n; k++) {
		/* k in mixed radix, allocs the lowest digit. */
		rest = k;
		a = rest % g->nallocs;
		rest /= g->nallocs;
		c = rest % g->ncpus;
		rest /= g->ncpus;
		f = rest % g->nfrees;
		rest /= g->nfrees;
		z = rest % nsizes(g);
		rest /= nsizes(g);
		s = rest % g->nstrategies;
		p = rest / g->nstrategies;

		pt = &pts[k];
		pi = swp_find(g->patterns[p]);
		pt->index = k;
		pt->pattern = g->patterns[p];
		pt->strategy = g->strategies[s];
		pt->size = g->nsizes ? g->sizes[z] : pi ? pi->default_size : 0;
		pt->free = g->frees[f];
		pt->cpus = &g->cpus[c];
		pt->allocs = g->allocs[a];
		pt->line = k / g->nallocs;
		/* The knobs but cpus, then allocs. */
		knobs = ((p * g->nstrategies + s) * nsizes(g) + z) * g->nfrees + f;
		pt->group = knobs * g->nallocs + a;
	}
	return pts;
}
