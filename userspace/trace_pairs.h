/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocator events paired by pointer, per cache: what `slabwall trace
 * report` computes from a trace, without knowing where the events came
 * from (the unit tests feed synthetic ones).
 *
 * Feed events in time order.  An allocation stays pending until its free
 * is seen; kmem_cache_alloc has no cache name on the kernels we target,
 * so it is named by the kmem_cache_free that frees it, or at the end by
 * the name learned from other pairs with the same call site and stride,
 * or "(unknown)".  kmalloc objects are named by size class as the kernel
 * names its caches: kmalloc-8 ... kmalloc-8k, then "kmalloc-large (pages)".
 * The accounted (-cg), reclaimable (-rcl), DMA and random-cache copies of
 * a class are counted under the plain class name: the events do not say
 * which copy served.
 */
#ifndef SLABWALL_TRACE_PAIRS_H
#define SLABWALL_TRACE_PAIRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace_map.h"

#define TP_UNKNOWN "(unknown)"
#define TP_KMALLOC_LARGE "kmalloc-large (pages)"
/* Largest kmalloc served from a slab cache (x86-64, 4 KiB pages). */
#define TP_KMALLOC_MAX_CACHE 8192
/* Page orders counted apart; larger orders are counted with the last. */
#define TP_ORDERS 16

enum tp_kind {
	TP_KMEM_CACHE,		/* kmem_cache_alloc / kmem_cache_free */
	TP_KMALLOC,		/* kmalloc / kfree */
	TP_NR_KINDS
};

struct tp_alloc_ev {
	uint64_t ts;		/* ns */
	uint64_t ptr;		/* 0: the allocation failed */
	uint64_t call_site;
	uint64_t bytes_req, bytes_alloc;
	int cpu;
	int node;		/* the node asked for; -1: any */
	enum tp_kind kind;
};

struct tp_free_ev {
	uint64_t ts;
	uint64_t ptr;		/* 0 or ZERO_SIZE_PTR: nothing freed */
	int cpu;
	const char *cache;	/* kmem_cache_free's name; NULL for kfree */
	enum tp_kind kind;
};

struct tp_cache {
	char *name;
	uint64_t allocs;		/* allocations seen */
	uint64_t frees;			/* frees seen, paired or not */
	uint64_t paired;		/* allocations whose free was seen */
	uint64_t cross_cpu;		/* ... freed on another CPU */
	uint64_t unpaired_allocs;	/* never freed in the trace */
	uint64_t unpaired_frees;	/* allocated before the trace began */
	uint64_t node_set;		/* allocations that asked for a node */
	uint64_t bytes_req, bytes_alloc;
	uint64_t life_max;		/* ns, of the paired ones */
	uint64_t *life;			/* HIST_BUCKETS, NULL without pairs */
};

/* One call site's allocations from one cache, like perf kmem's --caller. */
struct tp_site {
	uint64_t call_site;
	const char *cache;		/* its tp_cache's name */
	uint64_t allocs, bytes_req, bytes_alloc;
};

struct tp_totals {
	uint64_t allocs[TP_NR_KINDS], frees[TP_NR_KINDS];
	uint64_t failed_allocs;		/* ptr NULL */
	uint64_t null_frees;		/* kfree(NULL) and the like */
	uint64_t paired, cross_cpu;
	uint64_t unpaired_allocs, unpaired_frees;
	/* allocation of a pointer still pending: its free was not traced */
	uint64_t reused;
	/*
	 * kmalloc above the kmalloc caches traced twice, by the page path and
	 * by its caller (6.12's __kmalloc_large_node_noprof and
	 * __do_kmalloc_node): the second event is not counted.
	 */
	uint64_t large_twice;
};

/* An allocation whose cache is not known yet. */
struct tp_obj {
	struct tp_alloc_ev a;
	uint64_t free_ts;
	int free_cpu;
	bool freed;
};

struct tp_state {
	/* results, complete after tp_finish() */
	struct tp_cache *caches;	/* by allocations, most first */
	size_t ncaches;
	struct tp_site *sites;		/* by allocations, most first */
	size_t nsites;
	struct tp_totals t;
	uint64_t page_allocs[TP_ORDERS], page_frees[TP_ORDERS];
	uint64_t page_alloc_failed;
	uint64_t lost;			/* events the ring buffer dropped */
	bool lost_unknown;		/* ... and some drops were not counted */

	/* private */
	size_t cap_caches, cap_sites;
	struct tmap names;		/* (name hash, 0) -> cache index */
	struct tmap site_map;		/* (call site, cache index) -> site */
	struct tmap learned;		/* (call site, bytes_alloc) -> cache */
	struct tmap live;		/* (ptr, 0) -> index in pending */
	struct tp_obj *pending, *deferred;
	size_t npending, cap_pending, ndeferred, cap_deferred;
	bool finished;
};

void tp_init(struct tp_state *tp);
void tp_release(struct tp_state *tp);

/* 0, -ENOMEM, or -EINVAL after tp_finish(). */
int tp_alloc(struct tp_state *tp, const struct tp_alloc_ev *ev);
int tp_free(struct tp_state *tp, const struct tp_free_ev *ev);
void tp_page_alloc(struct tp_state *tp, unsigned int order, bool failed);
void tp_page_free(struct tp_state *tp, unsigned int order);
/* A record's missed-events count: > 0 that many were lost, < 0 some. */
void tp_lost(struct tp_state *tp, long long missed);

/* Names and counts what is still pending, sorts; 0 or -ENOMEM. */
int tp_finish(struct tp_state *tp);

/* Pairing missed frees and allocations that were dropped. */
static inline bool tp_incomplete(const struct tp_state *tp)
{
	return tp->lost || tp->lost_unknown;
}

/*
 * The kmalloc cache that serves a request: its bytes_alloc when that is
 * a class size, else the smallest class that holds @bytes_req (the
 * kernel's kmalloc_index()).  Returns @buf.
 */
const char *tp_kmalloc_class(uint64_t bytes_req, uint64_t bytes_alloc,
			     char *buf, size_t len);

/* 100 * (allocated - requested) / allocated; NaN without bytes. */
double tp_waste_pct(const struct tp_cache *c);
/* Cross-CPU frees in percent of the paired allocations; NaN without. */
double tp_cross_pct(const struct tp_cache *c);
/*
 * Lifetime quantile in ns: the upper bound of the histogram bucket that
 * holds it, at most the maximum; 0 without pairs.
 */
uint64_t tp_life_quantile(const struct tp_cache *c, unsigned int per_million);

const struct tp_cache *tp_find_cache(const struct tp_state *tp, const char *name);

#endif /* SLABWALL_TRACE_PAIRS_H */
