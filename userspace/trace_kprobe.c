// SPDX-License-Identifier: GPL-2.0
/* Kprobe events on the slab allocator, keyed by cache (trace_kprobe.h). */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tracefs.h>

#include "fileio.h"
#include "trace_btf.h"
#include "trace_kprobe.h"

#define AVAIL_FILE "available_filter_functions"
#define CACHE_ARG_TYPE "struct kmem_cache *"
#define COUNT_ARG_TYPE "size_t"

/*
 * The functions to probe, newest name first: 6.10 renamed the allocation
 * entry points to *_noprof (memory allocation profiling wraps them).
 * In each the first argument is the struct kmem_cache *, on 6.1 and 6.12
 * alike; the BTF check below makes sure on the kernel at hand.
 */
static const struct {
	const char *event;
	const char *syms[3];
	unsigned int count_arg;	/* 1-based argument with an object count, 0: none */
} specs[TKP_COUNT] = {
	[TKP_ALLOC] = { "alloc", { "kmem_cache_alloc_noprof", "kmem_cache_alloc" } },
	[TKP_ALLOC_LRU] = { "alloc_lru",
			    { "kmem_cache_alloc_lru_noprof", "kmem_cache_alloc_lru" } },
	[TKP_ALLOC_NODE] = { "alloc_node",
			     { "kmem_cache_alloc_node_noprof", "kmem_cache_alloc_node" } },
	[TKP_ALLOC_BULK] = { "alloc_bulk",
			     { "kmem_cache_alloc_bulk_noprof", "kmem_cache_alloc_bulk" }, 3 },
	[TKP_FREE_BULK] = { "free_bulk", { "kmem_cache_free_bulk" }, 2 },
	[TKP_SLOW_ALLOC] = { "slow_alloc", { "___slab_alloc" } },
	[TKP_NEW_SLAB] = { "new_slab", { "allocate_slab" } },
	[TKP_SLOW_FREE] = { "slow_free", { "__slab_free" } },
	[TKP_SLAB_FREED] = { "slab_freed", { "__free_slab" } },
};

/* @sym as a whole line of @avail, or followed by " [module]". */
static bool has_line(const char *avail, const char *sym)
{
	size_t n = strlen(sym);
	const char *p = avail;

	while ((p = strstr(p, sym))) {
		if ((p == avail || p[-1] == '\n') &&
		    (p[n] == '\n' || p[n] == ' ' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}

const char *tkp_pick(const char *avail, const char *const *cands)
{
	for (; *cands; cands++)
		if (has_line(avail, *cands))
			return *cands;
	return NULL;
}

static void skip(struct tkp_probe *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void skip(struct tkp_probe *p, const char *fmt, ...)
{
	va_list ap;

	p->sym = NULL;
	va_start(ap, fmt);
	vsnprintf(p->skipped, sizeof(p->skipped), fmt, ap);
	va_end(ap);
}

/* Whether argument @idx (0-based) of @sym is of type @want, per BTF. */
static bool arg_is(struct tkp_probe *p, const struct btf *btf,
		   const char *sym, unsigned int idx, const char *want)
{
	char type[128];
	struct swerr e;

	if (tbtf_arg_type(btf, sym, idx, type, sizeof(type), &e)) {
		skip(p, "%s (so where its arguments are is not known)", e.msg);
		return false;
	}
	if (strcmp(type, want)) {
		skip(p, "argument %u of %s is \"%s\" in %s, not \"%s\"",
		     idx + 1, sym, type, TBTF_VMLINUX, want);
		return false;
	}
	return true;
}

/*
 * The kernel's reason: the last line of error_log if the failed write
 * added one (@before is the log as it was; it is not cleared, since it
 * is not ours), else errno's.
 */
static void create_failed(struct tkp_probe *p, const char *sym, int err,
			  const char *before)
{
	char *after = tracefs_error_all(NULL), *last = NULL;

	if (after && (!before || strcmp(before, after)))
		last = tracefs_error_last(NULL);
	skip(p, "kprobe on %s refused: %s", sym,
	     last && *last ? fio_trim(last) : strerror(err));
	free(last);
	free(after);
}

static void create_one(struct tkp_set *s, enum tkp_id id, const char *avail,
		       const struct btf *btf, size_t name_off)
{
	struct tkp_probe *p = &s->p[id];
	const char *sym = tkp_pick(avail, specs[id].syms);
	unsigned int c = specs[id].count_arg;
	char fmt[128], *log;
	int err;

	if (!sym) {
		skip(p, "%s%s%s is not in %s (inlined or renamed in this kernel)",
		     specs[id].syms[0], specs[id].syms[1] ? " or " : "",
		     specs[id].syms[1] ? specs[id].syms[1] : "", AVAIL_FILE);
		return;
	}
	if (!arg_is(p, btf, sym, 0, CACHE_ARG_TYPE) ||
	    (c && !arg_is(p, btf, sym, c - 1, COUNT_ARG_TYPE)))
		return;
	/* +0(...):string reads the string the pointer at s + name_off points to. */
	snprintf(fmt, sizeof(fmt), "%s=+0(+%zu($arg1)):string", TKP_NAME_FIELD,
		 name_off);
	if (c)
		snprintf(fmt + strlen(fmt), sizeof(fmt) - strlen(fmt),
			 " %s=$arg%u:u64", TKP_COUNT_FIELD, c);
	p->dev = tracefs_kprobe_alloc(s->group, p->event, sym, fmt);
	if (!p->dev) {
		skip(p, "kprobe on %s: %s", sym, strerror(errno));
		return;
	}
	log = tracefs_error_all(NULL);
	if (tracefs_dynevent_create(p->dev)) {
		err = errno;
		tracefs_dynevent_free(p->dev);
		p->dev = NULL;
		create_failed(p, sym, err, log);
	} else {
		p->sym = sym;
	}
	free(log);
}

int tkp_create(struct tkp_set *s, const char *group, const struct btf *btf,
	       const char *why)
{
	char *path = tracefs_get_tracing_file(AVAIL_FILE), *avail = NULL;
	size_t name_off = 0;
	struct swerr e;
	int id, n = 0;

	memset(s, 0, sizeof(*s));
	snprintf(s->group, sizeof(s->group), "%s", group);
	for (id = 0; id < TKP_COUNT; id++) {
		s->p[id].event = specs[id].event;
		s->p[id].has_count = specs[id].count_arg;
	}
	if (btf && tbtf_member_offset(btf, "kmem_cache", "name", &name_off, &e)) {
		why = e.msg;
		btf = NULL;
	}
	if (btf && (!path || fio_read_alloc(path, &avail, NULL, &e) < 0)) {
		why = path ? e.msg : "tracefs is not mounted";
		btf = NULL;
	}
	for (id = 0; id < TKP_COUNT; id++) {
		if (!btf)
			skip(&s->p[id], "%s", why);
		else
			create_one(s, id, avail, btf, name_off);
		n += s->p[id].sym != NULL;
	}
	free(avail);
	tracefs_put_tracing_file(path);
	return n;
}

static void warn_left_over(const struct tkp_set *s, const struct tkp_probe *p)
{
	warn("cannot remove kprobe event %s/%s; do it with: echo '-:%s/%s' >> %s/dynamic_events",
	     s->group, p->event, s->group, p->event, tracefs_tracing_dir());
}

int tkp_destroy(struct tkp_set *s, bool warn_left)
{
	struct tkp_probe *p;
	int id, left = 0;

	for (id = 0; id < TKP_COUNT; id++) {
		p = &s->p[id];
		if (!p->dev)
			continue;
		if (tracefs_dynevent_destroy(p->dev, false)) {
			left++;
			if (!warn_left)
				continue;
			warn_left_over(s, p);
		}
		tracefs_dynevent_free(p->dev);
		p->dev = NULL;
	}
	return left;
}
