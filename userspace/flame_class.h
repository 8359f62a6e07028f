/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a kernel frame is: the allocator (SLUB, the page allocator, or
 * memory zeroing done for one of them), slabwall's simulated work
 * (sw_work, noinline in module/run.c), or something else; and from that
 * the share of slabwall's samples each takes.
 *
 * A sample belongs to the innermost classified frame on its stack: a
 * spin unlock under __slab_free is the allocator's, sw_touch and memset
 * under sw_work are the work's.  memset and clear_page count as zeroing
 * only below an allocator frame (init_on_alloc); elsewhere they are
 * whatever called them.  Interrupt entry frames classify as "other" and
 * so end what the interrupted frame's class covered: a timer tick during
 * sw_work is not work, though an RCU callback freeing memory inside it is
 * the allocator again.  slabwall's own frames (sw_obj_alloc, the
 * strategies' slab_alloc_op, bulk_free_units, the patterns' skb_attach,
 * kmalloc_payload...) are call sites, never allocator frames, even where
 * a name looks like one.
 */
#ifndef SLABWALL_FLAME_CLASS_H
#define SLABWALL_FLAME_CLASS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flame_fold.h"

/*
 * slabwall's worker kthreads, "slabwall/N", running sw_worker_fn: one
 * root for them all, apart from the slabwall command's "slabwall".
 */
#define FLAME_SW_THREAD "slabwall/*"
#define FLAME_SW_THREAD_COMM "slabwall/"
#define FLAME_SW_THREAD_FN "sw_worker_fn"
#define FLAME_SW_RENAME { FLAME_SW_THREAD_FN, FLAME_SW_THREAD_COMM, FLAME_SW_THREAD }

enum flame_class {
	FC_OTHER,	/* nothing classified yet, or an interrupt entry */
	FC_SLAB,	/* SLUB and kmalloc */
	FC_PAGE,	/* the page allocator */
	FC_ZERO,	/* memset/clear_page below an allocator frame */
	FC_WORK,	/* sw_work: the operation's own processing */
	FC_COUNT
};

/* What one frame is by its name alone. */
enum flame_kind {
	FK_NONE,	/* takes its caller's class */
	FK_SLAB,
	FK_PAGE,
	FK_ZERO,	/* zeroing, if an allocator called it */
	FK_WORK,
	FK_IRQ,		/* interrupt or exception entry: back to "other" */
	FK_CALLER,	/* slabwall's own code: a call site, takes its caller's */
};

enum flame_kind flame_frame_kind(const char *name);

/*
 * The class after stepping from a frame of class @ctx into its callee
 * @name: walk a stack root first from FC_OTHER, and the class at the
 * leaf is the sample's.
 */
enum flame_class flame_class_step(enum flame_class ctx, const char *name);

/* The class of a whole folded stack ("root;...;leaf"). */
enum flame_class flame_class_stack(const char *stack);

static inline bool flame_class_is_alloc(enum flame_class c)
{
	return c == FC_SLAB || c == FC_PAGE || c == FC_ZERO;
}

/* "slab", "page", "zero", "work", "other". */
const char *flame_class_name(enum flame_class c);

struct flame_shares {
	uint64_t total;			/* every sample */
	uint64_t threads;		/* those in @thread's tower */
	uint64_t cls[FC_COUNT];		/* the tower's, by class */
	uint64_t alloc;			/* slab + page + zero */
};

/* Counts the samples whose root is @thread (FLAME_SW_THREAD) by class. */
void flame_shares_count(const struct flame_folded *f, const char *thread,
			struct flame_shares *s);

/* Percent of the thread's samples; NaN when it has none. */
double flame_share_pct(const struct flame_shares *s, uint64_t n);

/* The standard error of a share, in percentage points (binomial). */
double flame_share_se(const struct flame_shares *s, uint64_t n);

/* How many times the allocator's samples are the work's; NaN with no work. */
double flame_wider(const struct flame_shares *s);

/*
 * "allocator 78.3% of the 952 samples in slabwall's kthreads (slab 20.1,
 * page 0.4, zeroing 57.8), work 9.2%: the allocator's frames are 8.5x as
 * wide as the work's" into @buf; what it can say when a count is 0.
 */
void flame_share_sentence(const struct flame_shares *s, char *buf,
			  size_t len);

#endif /* SLABWALL_FLAME_CLASS_H */
