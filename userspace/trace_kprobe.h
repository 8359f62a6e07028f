/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kprobe events on the slab allocator that carry the cache's name, for
 * the counts the kmem tracepoints cannot key by cache: allocations
 * (kmem:kmem_cache_alloc has no name field) and SLUB's slow paths, which
 * have no tracepoint at all and no counters without CONFIG_SLUB_STATS.
 *
 * Each event reads s->name from the function's first argument, the
 * struct kmem_cache *, at the offset the running kernel's BTF gives.  A
 * function is only probed when its BTF prototype says the arguments read
 * are what they are meant to be; one that is missing, or that the kernel
 * refuses, is skipped with the reason kept, never an error of the whole.
 *
 * Dynamic events are global, not per instance: the group name carries
 * the pid, and tkp_destroy() must run after the triggers that use them
 * are gone (the kernel refuses to remove an event in use).
 */
#ifndef SLABWALL_TRACE_KPROBE_H
#define SLABWALL_TRACE_KPROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "swerr.h"

struct btf;
struct tracefs_dynevent;

enum tkp_id {
	TKP_ALLOC,		/* kmem_cache_alloc */
	TKP_ALLOC_LRU,		/* kmem_cache_alloc_lru */
	TKP_ALLOC_NODE,		/* kmem_cache_alloc_node */
	TKP_ALLOC_BULK,		/* kmem_cache_alloc_bulk, n objects */
	TKP_FREE_BULK,		/* kmem_cache_free_bulk, n objects */
	TKP_SLOW_ALLOC,		/* ___slab_alloc: not from the CPU's freelist */
	TKP_NEW_SLAB,		/* allocate_slab: pages from the page allocator */
	TKP_SLOW_FREE,		/* __slab_free: not to the CPU slab */
	TKP_SLAB_FREED,		/* __free_slab: a slab back to the page allocator */
	TKP_COUNT
};

/* The field every event has, and the one of the bulk calls' counts. */
#define TKP_NAME_FIELD "name"
#define TKP_COUNT_FIELD "n"

struct tkp_probe {
	const char *event;	/* its name in the group */
	const char *sym;	/* the function probed; NULL when skipped */
	bool has_count;		/* a TKP_COUNT_FIELD */
	char skipped[320];	/* why, when sym is NULL */
	struct tracefs_dynevent *dev;
};

struct tkp_set {
	char group[64];
	struct tkp_probe p[TKP_COUNT];
};

/*
 * Creates the events of group @group (a C identifier): each function
 * that can be probed is, the others are skipped with the reason in
 * ->skipped.  @btf NULL skips them all with @why.  Returns the number of
 * events created.
 */
int tkp_create(struct tkp_set *s, const char *group, const struct btf *btf,
	       const char *why);

/*
 * Removes the events created.  One still in use (a trigger left) stays
 * for a later call; returns how many did, warned about if @warn_left.
 */
int tkp_destroy(struct tkp_set *s, bool warn_left);

/*
 * The first of @cands (NULL-terminated) that is a line of @avail, the
 * text of available_filter_functions; NULL when none is.
 */
const char *tkp_pick(const char *avail, const char *const *cands);

#endif /* SLABWALL_TRACE_KPROBE_H */
