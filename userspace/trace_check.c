// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strnum.h"
#include "trace_check.h"

const char *const trc_module_names[TRC_NR] = {
	[TRC_ALLOCS] = "allocs",
	[TRC_FREES] = "frees",
	[TRC_REMOTE_FREES] = "remote_frees",
	[TRC_OPS] = "ops",
};

const char *const trc_trace_names[TRC_NR] = {
	[TRC_ALLOCS] = "allocations",
	[TRC_FREES] = "frees",
	[TRC_REMOTE_FREES] = "frees on another CPU",
	[TRC_OPS] = "slabwall_op events",
};

static struct trc_check *find(struct trc_check *v, size_t n, const char *cache)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].cache, cache))
			return &v[i];
	return NULL;
}

/*
 * The trace's name for the run's cache: the kmalloc pattern allocates
 * from the size class of its object_size, which it shares with the rest
 * of the kernel.
 */
static void trace_cache_of(const struct tr_data *d, const struct tr_run *r,
			   struct trc_check *c)
{
	const char *pattern = tr_run_value(r, "pattern");
	const char *size = tr_run_value(r, "object_size");
	uint64_t bytes;

	snprintf(c->trace_cache, sizeof(c->trace_cache), "%s", c->cache);
	if (tp_find_cache(&d->pairs, c->cache) || !pattern ||
	    strcmp(pattern, "kmalloc") || !size || !parse_u64(size, &bytes))
		return;
	tp_kmalloc_class(bytes, 0, c->trace_cache, sizeof(c->trace_cache));
	c->shared = true;
}

static void add_totals(struct trc_check *c, const struct tr_run *r)
{
	const char *v;
	uint64_t x;
	int i;

	c->nruns++;
	for (i = 0; i < TRC_NR; i++) {
		v = tr_run_value(r, trc_module_names[i]);
		if (!v || !parse_u64(v, &x))
			continue;
		c->row[i].has_module = true;
		c->row[i].module += x;
	}
}

/* Whether the trace recorded the events that count @c's cache at all. */
static void traced(const struct tr_data *d, const struct trc_check *c,
		   bool *allocs, bool *frees)
{
	if (c->shared) {
		*allocs = d->events[TR_KMALLOC] || d->events[TR_KMALLOC_NODE];
		*frees = d->events[TR_KFREE] > 0;
	} else {
		*allocs = d->events[TR_CACHE_ALLOC] || d->events[TR_CACHE_ALLOC_NODE];
		*frees = d->events[TR_CACHE_FREE] > 0;
	}
}

static void fill_trace(const struct tr_data *d, struct trc_check *c)
{
	const struct tp_cache *tc = tp_find_cache(&d->pairs, c->trace_cache);
	bool allocs, frees;

	traced(d, c, &allocs, &frees);
	c->in_trace = tc != NULL;
	c->row[TRC_ALLOCS].has_trace = allocs;
	c->row[TRC_ALLOCS].trace = tc ? tc->allocs : 0;
	c->row[TRC_FREES].has_trace = frees;
	c->row[TRC_FREES].trace = tc ? tc->frees : 0;
	/* Where an object was freed needs its allocation too. */
	c->row[TRC_REMOTE_FREES].has_trace = allocs && frees;
	c->row[TRC_REMOTE_FREES].trace = tc ? tc->cross_cpu : 0;
	c->row[TRC_OPS].has_trace = d->events[TR_OP] > 0;
	c->row[TRC_OPS].trace = d->events[TR_OP];
}

/*
 * Whether a run timed one operation in time_every (more than 1): it
 * traced those only, so its op events do not count its operations.
 */
static bool any_sampled(const struct tr_data *d)
{
	const char *v;
	uint64_t x;
	size_t i;

	for (i = 0; i < d->nruns; i++) {
		v = tr_run_value(&d->runs[i], "time_every");
		if (v && parse_u64(v, &x) && x > 1)
			return true;
	}
	return false;
}

int trc_build(const struct tr_data *d, struct trc_check **out, size_t *n)
{
	struct trc_check *v, *c;
	const char *cache;
	size_t i;

	*out = NULL;
	*n = 0;
	if (!d->nruns)
		return 0;
	v = calloc(d->nruns, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (i = 0; i < d->nruns; i++) {
		const struct tr_run *r = &d->runs[i];

		/* Without an end there are no totals; without a start, no cache. */
		cache = tr_run_value(r, "cache");
		if (!r->ended || !cache)
			continue;
		c = find(v, *n, cache);
		if (!c) {
			c = &v[(*n)++];
			c->cache = cache;
			trace_cache_of(d, r, c);
		}
		add_totals(c, r);
	}
	for (i = 0; i < *n; i++)
		fill_trace(d, &v[i]);
	/*
	 * op events are per run, not per cache: with two caches neither owns
	 * them; with one in time_every traced they count only those.
	 */
	if (*n > 1 || any_sampled(d))
		for (i = 0; i < *n; i++)
			v[i].row[TRC_OPS].has_trace = false;
	if (!*n) {
		free(v);
		v = NULL;
	}
	*out = v;
	return 0;
}

bool trc_row_agrees(const struct trc_check *c, enum trc_what w)
{
	const struct trc_row *r = &c->row[w];

	if (!r->has_module || !r->has_trace)
		return true;
	/* A shared kmalloc class also counts the rest of the kernel. */
	if (c->shared && w != TRC_OPS)
		return r->trace >= r->module;
	return r->trace == r->module;
}

bool trc_agrees(const struct trc_check *c)
{
	int i;

	for (i = 0; i < TRC_NR; i++)
		if (!trc_row_agrees(c, (enum trc_what)i))
			return false;
	return true;
}
