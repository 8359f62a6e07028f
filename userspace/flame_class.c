// SPDX-License-Identifier: GPL-2.0
/* Which frames are the allocator's, which the work's (flame_class.h). */
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "flame_class.h"

/* Longer names are not kernel functions: FK_NONE. */
#define NAME_MAX_LEN 256

/*
 * slabwall's own functions (the module's): the call sites of the allocator.
 * Listed by name, since a few look like allocator functions (slab_alloc_op,
 * kmalloc_payload); test_flame checks that no function the module defines
 * passes for the allocator's.
 */
static const char *const caller_pats[] = {
	"sw_*", "slabwall_*",
	"slab_alloc_op", "slab_free_units", "slab_supports", "slab_prepare",
	"bulk_alloc_op", "bulk_free_units", "bulk_supports",
	"pool_alloc_op", "pool_free_units", "pool_supports", "pool_prepare",
	"pool_teardown", "pool_put", "pool_collect", "pool_cap",
	"arena_alloc_op", "arena_free_units", "arena_units", "arena_supports",
	"skb_attach", "skb_detach", "skb_payload", "skb_carve", "skb_create",
	"skb_arena_size", "skb_data_bytes",
	"dentry_attach", "dentry_detach", "dentry_payload", "dentry_carve",
	"dentry_create", "dentry_arena_size", "dentry_ext_bytes",
	"dentry_set_name", "dentry_ctor",
	"kmalloc_payload", "kmalloc_carve", "kmalloc_object_bytes",
	"kmalloc_arena_size",
	"skb_free_rcu*", "dentry_free_rcu*", "kmalloc_free_rcu*",
	NULL
};

/* Interrupt and exception entry: what runs inside is not the caller's. */
static const char *const irq_pats[] = {
	"asm_*", "sysvec_*", "__sysvec_*", "common_interrupt",
	"__common_interrupt", "irq_exit*", "__irq_exit_rcu", "handle_softirqs",
	"__do_softirq", "do_softirq*", "exc_*",
	NULL
};

static const char *const slab_pats[] = {
	"kmem_cache_alloc*", "kmem_cache_free*", "__kmem_cache_*",
	"___slab_alloc", "__slab_alloc*", "__slab_free", "slab_*",
	"allocate_slab", "new_slab", "discard_slab", "*free_slab*",
	"deactivate_slab", "*partial*", "kmalloc*", "__kmalloc*", "kfree*",
	"kvfree*", "kvmalloc*", "alloc_slab_page", "memcg_slab_*",
	NULL
};

static const char *const page_pats[] = {
	"__alloc_pages*", "alloc_pages*", "get_page_from_freelist", "rmqueue*",
	"__rmqueue*", "__free_pages*", "free_pages*", "free_unref_page*",
	"free_unref_folios", "free_pcppages_bulk", "__free_one_page",
	"free_one_page", "prep_new_page", "post_alloc_hook", "__folio_alloc*",
	"folio_alloc*", "__alloc_frozen_pages*", "free_frozen_pages*",
	"__get_free_pages", "get_zeroed_page*",
	NULL
};

static const char *const zero_pats[] = {
	"memset*", "__memset*", "clear_page*", "clear_highpage*",
	"kernel_init_pages", "rep_stos*",
	NULL
};

static bool matches(const char *const *pats, const char *name)
{
	for (; *pats; pats++)
		if (!fnmatch(*pats, name, 0))
			return true;
	return false;
}

enum flame_kind flame_frame_kind(const char *name)
{
	char base[NAME_MAX_LEN];
	size_t n = strcspn(name, ".");

	/* kfree.cold, get_partial_node.part.0: the function they came from. */
	if (n == 0 || n >= sizeof(base))
		return FK_NONE;
	memcpy(base, name, n);
	base[n] = '\0';
	if (!strcmp(base, "sw_work"))
		return FK_WORK;
	if (matches(caller_pats, base))
		return FK_CALLER;
	if (matches(irq_pats, base))
		return FK_IRQ;
	if (matches(zero_pats, base))
		return FK_ZERO;
	if (matches(slab_pats, base))
		return FK_SLAB;
	if (matches(page_pats, base))
		return FK_PAGE;
	return FK_NONE;
}

enum flame_class flame_class_step(enum flame_class ctx, const char *name)
{
	switch (flame_frame_kind(name)) {
	case FK_SLAB:
		return FC_SLAB;
	case FK_PAGE:
		return FC_PAGE;
	case FK_WORK:
		return FC_WORK;
	case FK_IRQ:
		return FC_OTHER;
	case FK_ZERO:
		return flame_class_is_alloc(ctx) ? FC_ZERO : ctx;
	case FK_NONE:
	case FK_CALLER:
		break;
	}
	return ctx;
}

enum flame_class flame_class_stack(const char *stack)
{
	enum flame_class c = FC_OTHER;
	char frame[NAME_MAX_LEN];
	const char *p = stack;

	while (*p) {
		size_t n = strcspn(p, ";");

		if (n < sizeof(frame)) {
			memcpy(frame, p, n);
			frame[n] = '\0';
			c = flame_class_step(c, frame);
		}
		p += n;
		if (*p == ';')
			p++;
	}
	return c;
}

const char *flame_class_name(enum flame_class c)
{
	static const char *const names[FC_COUNT] = {
		[FC_OTHER] = "other", [FC_SLAB] = "slab", [FC_PAGE] = "page",
		[FC_ZERO] = "zero", [FC_WORK] = "work",
	};

	return (unsigned int)c < FC_COUNT ? names[c] : "?";
}

/* Whether the stack's root (the thread's name) is @thread. */
static bool root_is(const char *stack, const char *thread)
{
	size_t n = strlen(thread);

	return !strncmp(stack, thread, n) && (stack[n] == ';' || !stack[n]);
}

void flame_shares_count(const struct flame_folded *f, const char *thread,
			struct flame_shares *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < f->n; i++) {
		const struct flame_stack *st = &f->v[i];
		enum flame_class c;

		s->total += st->count;
		if (!root_is(st->key, thread))
			continue;
		c = flame_class_stack(st->key);
		s->threads += st->count;
		s->cls[c] += st->count;
		if (flame_class_is_alloc(c))
			s->alloc += st->count;
	}
}

double flame_share_pct(const struct flame_shares *s, uint64_t n)
{
	return s->threads ? 100.0 * (double)n / (double)s->threads : NAN;
}

double flame_share_se(const struct flame_shares *s, uint64_t n)
{
	double p;

	if (!s->threads)
		return NAN;
	p = (double)n / (double)s->threads;
	return 100.0 * sqrt(p * (1 - p) / (double)s->threads);
}

double flame_wider(const struct flame_shares *s)
{
	return s->cls[FC_WORK] ? (double)s->alloc / (double)s->cls[FC_WORK] : NAN;
}

void flame_share_sentence(const struct flame_shares *s, char *buf,
			  size_t len)
{
	double wider = flame_wider(s);
	int n;

	if (!s->threads) {
		snprintf(buf, len, "no samples in slabwall's kthreads (%s) of %llu",
			 FLAME_SW_THREAD, (unsigned long long)s->total);
		return;
	}
	n = snprintf(buf, len,
		     "allocator %.1f%% of the %llu samples in slabwall's kthreads (slab %.1f, page %.1f, zeroing %.1f), work %.1f%%",
		     flame_share_pct(s, s->alloc), (unsigned long long)s->threads,
		     flame_share_pct(s, s->cls[FC_SLAB]),
		     flame_share_pct(s, s->cls[FC_PAGE]),
		     flame_share_pct(s, s->cls[FC_ZERO]),
		     flame_share_pct(s, s->cls[FC_WORK]));
	if (n < 0 || (size_t)n >= len)
		return;
	if (!isnan(wider))
		snprintf(buf + n, len - (size_t)n,
			 ": the allocator's frames are %.1fx as wide as the work's",
			 wider);
	else
		snprintf(buf + n, len - (size_t)n,
			 ": no work samples to compare with");
}
