// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slabfs.h"
#include "trace_pairs.h"

typedef uint64_t hist_u64;
#include "hist_buckets.h"

/* Pointers the kernel's ZERO_OR_NULL_PTR() calls nothing. */
#define ZERO_SIZE_PTR 16

void tp_init(struct tp_state *tp)
{
	memset(tp, 0, sizeof(*tp));
	tmap_init(&tp->names);
	tmap_init(&tp->site_map);
	tmap_init(&tp->learned);
	tmap_init(&tp->live);
}

void tp_release(struct tp_state *tp)
{
	size_t i;

	for (i = 0; i < tp->ncaches; i++) {
		free(tp->caches[i].name);
		free(tp->caches[i].life);
	}
	free(tp->caches);
	free(tp->sites);
	free(tp->pending);
	free(tp->deferred);
	tmap_release(&tp->names);
	tmap_release(&tp->site_map);
	tmap_release(&tp->learned);
	tmap_release(&tp->live);
	tp_init(tp);
}

/* Makes room for one more element of @size in *@v. */
static int reserve(void **v, size_t n, size_t *cap, size_t size)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	p = realloc(*v, ncap * size);
	if (!p)
		return -ENOMEM;
	*v = p;
	*cap = ncap;
	return 0;
}

/* FNV-1a: cache names are short and few. */
static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static long find_cache(const struct tp_state *tp, const char *name)
{
	uint64_t *v = tmap_get(&tp->names, name_hash(name), 0);
	size_t i;

	if (v && !strcmp(tp->caches[*v].name, name))
		return (long)*v;
	if (!v)
		return -1;
	/* Two names with one 64-bit hash: only the first is in the map. */
	for (i = 0; i < tp->ncaches; i++)
		if (!strcmp(tp->caches[i].name, name))
			return (long)i;
	return -1;
}

/* The index of cache @name, added if new; -ENOMEM. */
static long cache_index(struct tp_state *tp, const char *name)
{
	long i = find_cache(tp, name);
	uint64_t h = name_hash(name);
	struct tp_cache *c;

	if (i >= 0)
		return i;
	if (reserve((void **)&tp->caches, tp->ncaches, &tp->cap_caches,
		    sizeof(*tp->caches)))
		return -ENOMEM;
	c = &tp->caches[tp->ncaches];
	memset(c, 0, sizeof(*c));
	c->name = strdup(name);
	if (!c->name)
		return -ENOMEM;
	if (!tmap_get(&tp->names, h, 0) &&
	    tmap_put(&tp->names, h, 0, tp->ncaches)) {
		free(c->name);
		return -ENOMEM;
	}
	return (long)tp->ncaches++;
}

static int count_site(struct tp_state *tp, size_t ci, const struct tp_alloc_ev *a)
{
	uint64_t *v = tmap_get(&tp->site_map, a->call_site, ci);
	struct tp_site *s;

	if (!v) {
		if (reserve((void **)&tp->sites, tp->nsites, &tp->cap_sites,
			    sizeof(*tp->sites)) ||
		    tmap_put(&tp->site_map, a->call_site, ci, tp->nsites))
			return -ENOMEM;
		s = &tp->sites[tp->nsites++];
		memset(s, 0, sizeof(*s));
		s->call_site = a->call_site;
		/* The name pointer, set in tp_finish(), outlives the sorting. */
		s->cache = NULL;
		v = tmap_get(&tp->site_map, a->call_site, ci);
	}
	s = &tp->sites[*v];
	s->allocs++;
	s->bytes_req += a->bytes_req;
	s->bytes_alloc += a->bytes_alloc;
	return 0;
}

static int count_lifetime(struct tp_cache *c, uint64_t ns)
{
	if (!c->life) {
		c->life = calloc(HIST_BUCKETS, sizeof(*c->life));
		if (!c->life)
			return -ENOMEM;
	}
	c->life[hist_index(ns)]++;
	if (ns > c->life_max)
		c->life_max = ns;
	return 0;
}

/* Counts @o, now named, into cache @ci. */
static int account(struct tp_state *tp, long ci, const struct tp_obj *o)
{
	struct tp_cache *c;

	if (ci < 0)
		return (int)ci;
	c = &tp->caches[ci];
	c->allocs++;
	c->bytes_req += o->a.bytes_req;
	c->bytes_alloc += o->a.bytes_alloc;
	if (o->a.node >= 0)
		c->node_set++;
	if (!o->freed) {
		c->unpaired_allocs++;
		tp->t.unpaired_allocs++;
	} else {
		c->frees++;
		c->paired++;
		tp->t.paired++;
		if (o->free_cpu != o->a.cpu) {
			c->cross_cpu++;
			tp->t.cross_cpu++;
		}
		/* Merged in time order, a free never precedes its alloc. */
		if (count_lifetime(c, o->free_ts > o->a.ts ?
					  o->free_ts - o->a.ts : 0))
			return -ENOMEM;
	}
	return count_site(tp, (size_t)ci, &o->a);
}

const char *tp_kmalloc_class(uint64_t bytes_req, uint64_t bytes_alloc,
			     char *buf, size_t len)
{
	/* With slab debugging bytes_alloc is the padded stride. */
	uint64_t size = sf_kmalloc_class(bytes_alloc) == bytes_alloc ?
			bytes_alloc : sf_kmalloc_class(bytes_req);

	if (!size || bytes_req > TP_KMALLOC_MAX_CACHE)
		snprintf(buf, len, "%s", TP_KMALLOC_LARGE);
	else
		sf_kmalloc_name(size, buf, len);
	return buf;
}

/* Where an object freed without a name goes: its class, or what pairs taught. */
static long guess_cache(struct tp_state *tp, const struct tp_alloc_ev *a)
{
	char buf[64];
	uint64_t *v;

	if (a->kind == TP_KMALLOC)
		return cache_index(tp, tp_kmalloc_class(a->bytes_req,
							a->bytes_alloc,
							buf, sizeof(buf)));
	v = tmap_get(&tp->learned, a->call_site, a->bytes_alloc);
	return v ? (long)*v : cache_index(tp, TP_UNKNOWN);
}

/* Keeps @o until tp_finish(), when every name that can be learned is. */
static int defer(struct tp_state *tp, const struct tp_obj *o)
{
	if (reserve((void **)&tp->deferred, tp->ndeferred, &tp->cap_deferred,
		    sizeof(*tp->deferred)))
		return -ENOMEM;
	tp->deferred[tp->ndeferred++] = *o;
	return 0;
}

/* Takes @idx out of pending, moving the last entry into its place. */
static void unpend(struct tp_state *tp, size_t idx)
{
	size_t last = --tp->npending;

	if (idx != last) {
		tp->pending[idx] = tp->pending[last];
		*tmap_get(&tp->live, tp->pending[idx].a.ptr, 0) = idx;
	}
}

/* The second event of one large kmalloc (see tp_totals.large_twice). */
static bool large_twice(const struct tp_alloc_ev *a, const struct tp_alloc_ev *b)
{
	return a->kind == TP_KMALLOC && b->kind == TP_KMALLOC &&
	       a->bytes_alloc > TP_KMALLOC_MAX_CACHE && a->cpu == b->cpu &&
	       a->bytes_req == b->bytes_req && a->bytes_alloc == b->bytes_alloc;
}

int tp_alloc(struct tp_state *tp, const struct tp_alloc_ev *ev)
{
	uint64_t *v;
	int ret;

	if (tp->finished || ev->kind >= TP_NR_KINDS)
		return -EINVAL;
	tp->t.allocs[ev->kind]++;
	if (ev->ptr <= ZERO_SIZE_PTR) {
		tp->t.failed_allocs++;
		return 0;
	}
	v = tmap_get(&tp->live, ev->ptr, 0);
	if (v && large_twice(&tp->pending[*v].a, ev)) {
		tp->t.allocs[ev->kind]--;
		tp->t.large_twice++;
		return 0;
	}
	if (v) {
		/* The pointer came back without a traced free. */
		tp->t.reused++;
		ret = defer(tp, &tp->pending[*v]);
		if (ret)
			return ret;
		tp->pending[*v] = (struct tp_obj){ .a = *ev };
		return 0;
	}
	if (reserve((void **)&tp->pending, tp->npending, &tp->cap_pending,
		    sizeof(*tp->pending)) ||
	    tmap_put(&tp->live, ev->ptr, 0, tp->npending))
		return -ENOMEM;
	tp->pending[tp->npending++] = (struct tp_obj){ .a = *ev };
	return 0;
}

static int unpaired_free(struct tp_state *tp, const struct tp_free_ev *ev)
{
	long ci = cache_index(tp, ev->cache ? ev->cache : TP_UNKNOWN);

	if (ci < 0)
		return (int)ci;
	tp->caches[ci].frees++;
	tp->caches[ci].unpaired_frees++;
	tp->t.unpaired_frees++;
	return 0;
}

/* Pairs the free with its allocation @o and counts them, or defers. */
static int pair(struct tp_state *tp, struct tp_obj *o, const struct tp_free_ev *ev)
{
	long ci;

	o->freed = true;
	o->free_ts = ev->ts;
	o->free_cpu = ev->cpu;
	if (o->a.kind == TP_KMALLOC)
		return account(tp, guess_cache(tp, &o->a), o);
	if (!ev->cache)
		return defer(tp, o);
	ci = cache_index(tp, ev->cache);
	if (ci < 0)
		return (int)ci;
	/* Teaches the name to allocations from here that are never freed. */
	if (!tmap_get(&tp->learned, o->a.call_site, o->a.bytes_alloc) &&
	    tmap_put(&tp->learned, o->a.call_site, o->a.bytes_alloc, (uint64_t)ci))
		return -ENOMEM;
	return account(tp, ci, o);
}

int tp_free(struct tp_state *tp, const struct tp_free_ev *ev)
{
	struct tp_obj o;
	uint64_t idx;

	if (tp->finished || ev->kind >= TP_NR_KINDS)
		return -EINVAL;
	tp->t.frees[ev->kind]++;
	if (ev->ptr <= ZERO_SIZE_PTR) {
		tp->t.null_frees++;
		return 0;
	}
	if (!tmap_del(&tp->live, ev->ptr, 0, &idx))
		return unpaired_free(tp, ev);
	o = tp->pending[idx];
	unpend(tp, (size_t)idx);
	return pair(tp, &o, ev);
}

void tp_page_alloc(struct tp_state *tp, unsigned int order, bool failed)
{
	if (failed)
		tp->page_alloc_failed++;
	else
		tp->page_allocs[order < TP_ORDERS ? order : TP_ORDERS - 1]++;
}

void tp_page_free(struct tp_state *tp, unsigned int order)
{
	tp->page_frees[order < TP_ORDERS ? order : TP_ORDERS - 1]++;
}

void tp_lost(struct tp_state *tp, long long missed)
{
	if (missed > 0)
		tp->lost += (uint64_t)missed;
	else if (missed < 0)
		tp->lost_unknown = true;
}

static int cmp_cache(const void *pa, const void *pb)
{
	const struct tp_cache *a = pa, *b = pb;

	if (a->allocs != b->allocs)
		return a->allocs > b->allocs ? -1 : 1;
	if (a->frees != b->frees)
		return a->frees > b->frees ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int cmp_site(const void *pa, const void *pb)
{
	const struct tp_site *a = pa, *b = pb;

	if (a->allocs != b->allocs)
		return a->allocs > b->allocs ? -1 : 1;
	if (a->bytes_alloc != b->bytes_alloc)
		return a->bytes_alloc > b->bytes_alloc ? -1 : 1;
	if (a->call_site != b->call_site)
		return a->call_site < b->call_site ? -1 : 1;
	return strcmp(a->cache, b->cache);
}

/* The allocations still pending and the deferred ones, named as best we can. */
static int account_rest(struct tp_state *tp)
{
	size_t i;
	int ret;

	for (i = 0; i < tp->ndeferred; i++) {
		ret = account(tp, guess_cache(tp, &tp->deferred[i].a),
			      &tp->deferred[i]);
		if (ret)
			return ret;
	}
	for (i = 0; i < tp->npending; i++) {
		ret = account(tp, guess_cache(tp, &tp->pending[i].a),
			      &tp->pending[i]);
		if (ret)
			return ret;
	}
	return 0;
}

int tp_finish(struct tp_state *tp)
{
	struct tmap_slot *s;
	size_t pos = 0;
	int ret;

	if (tp->finished)
		return 0;
	ret = account_rest(tp);
	if (ret)
		return ret;
	tp->finished = true;
	/* The cache index is the site key's second half. */
	while ((s = tmap_next(&tp->site_map, &pos)))
		tp->sites[s->val].cache = tp->caches[s->b].name;
	qsort(tp->caches, tp->ncaches, sizeof(*tp->caches), cmp_cache);
	qsort(tp->sites, tp->nsites, sizeof(*tp->sites), cmp_site);
	return 0;
}

double tp_waste_pct(const struct tp_cache *c)
{
	if (!c->bytes_alloc)
		return NAN;
	/* In doubles: a bogus event with req > alloc must not wrap. */
	return 100.0 * ((double)c->bytes_alloc - (double)c->bytes_req) /
	       (double)c->bytes_alloc;
}

double tp_cross_pct(const struct tp_cache *c)
{
	return c->paired ? 100.0 * (double)c->cross_cpu / (double)c->paired : NAN;
}

uint64_t tp_life_quantile(const struct tp_cache *c, unsigned int per_million)
{
	uint64_t q;

	if (!c->life)
		return 0;
	/* The bucket's upper bound, but never beyond the largest value seen. */
	q = hist_quantile(c->life, c->paired, per_million);
	return q < c->life_max ? q : c->life_max;
}

const struct tp_cache *tp_find_cache(const struct tp_state *tp, const char *name)
{
	size_t i;

	/* After tp_finish() the caches are sorted and the name map is stale. */
	for (i = 0; i < tp->ncaches; i++)
		if (!strcmp(tp->caches[i].name, name))
			return &tp->caches[i];
	return NULL;
}
