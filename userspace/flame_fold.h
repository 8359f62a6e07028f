/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Folded stacks: "root;caller;...;leaf count" lines, one per distinct
 * stack, the format flame graph viewers take.  Made from the text of
 * `perf script` (its default output: a header line per sample, then one
 * indented line per frame, leaf first, then a blank line), or read back
 * from a folded file.
 *
 * The root of every stack is the sampled thread's name up to its first
 * '/': "slabwall/0" and "slabwall/1" become one "slabwall", "kworker/1:2"
 * becomes "kworker", so per-CPU threads merge into one tower.  Frames are
 * symbol names without "+0xoff"; a frame perf could not name is
 * "[unknown]".  Each sample counts one, whatever its period: with -F the
 * periods are all about the same.
 */
#ifndef SLABWALL_FLAME_FOLD_H
#define SLABWALL_FLAME_FOLD_H

#include <stdint.h>
#include <stdio.h>

#include "swerr.h"

struct flame_stack {
	char *key;		/* "root;...;leaf" */
	uint64_t count;
};

struct flame_folded {
	struct flame_stack *v;	/* distinct stacks, in the order first seen */
	size_t n, cap;
	size_t *slot;		/* hash table: index into v plus one, 0 free */
	size_t nslot;		/* a power of two, at least twice n */
	uint64_t total;		/* samples, the sum of the counts */
	unsigned int malformed;	/* lines skipped by the parsers */
};

/*
 * Threads known by a function of their own: every sample of a thread
 * that was ever seen in @fn, and of a thread whose comm starts with
 * @comm_prefix, gets @name as its root, whatever perf called the thread.
 * perf names a thread from the COMM events it saw; on 6.12 a kthread
 * created while perf records is left with its parent's name, "kthreadd".
 * (slabwall's kthreads need a root of their own anyway: the slabwall
 * command's base name is "slabwall" too.)
 */
struct flame_rename {
	const char *fn;
	const char *comm_prefix;	/* may be NULL */
	const char *name;
};

void flame_folded_init(struct flame_folded *f);
void flame_folded_free(struct flame_folded *f);

/* Adds @count samples of @stack, merged with an equal stack: 0 or -ENOMEM. */
int flame_folded_add(struct flame_folded *f, const char *stack,
		     uint64_t count);

/* The count of exactly @stack, 0 when it is not there. */
uint64_t flame_folded_count(const struct flame_folded *f, const char *stack);

/*
 * Folds `perf script` text from @in into @f; @rename may be NULL.  A
 * header line that cannot be read makes its sample skipped and counted
 * in f->malformed (@e names @origin, the line number and the line).
 * 0, or -ENOMEM / -EIO.
 */
int flame_fold_script(struct flame_folded *f, FILE *in, const char *origin,
		      const struct flame_rename *rename, struct swerr *e);

/*
 * Reads a folded file ("stack count" lines; blank lines skipped) into
 * @f, merging repeated stacks.  Malformed lines are counted as above.
 */
int flame_read_folded(struct flame_folded *f, FILE *in, const char *origin,
		      struct swerr *e);

/* Adds to @out the stacks of @f whose root is @root: 0 or -ENOMEM. */
int flame_folded_keep_root(const struct flame_folded *f, const char *root,
			   struct flame_folded *out);

/* Writes @f sorted by stack, so the same samples give the same file. */
int flame_write_folded(const struct flame_folded *f, FILE *out);

/* Indexes into f->v sorted by key; free() it.  NULL when out of memory. */
size_t *flame_folded_sorted(const struct flame_folded *f);

/* The thread name of a comm: up to its first '/' (a leading '/' stays). */
size_t flame_comm_base_len(const char *comm);

#endif /* SLABWALL_FLAME_FOLD_H */
