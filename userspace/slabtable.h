/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rows of "slabwall slabs": one per real cache, with the aliases merged
 * into it, the numbers slabfs reads, what they mean in bytes, a sort order,
 * and net rates from the difference between two readings.
 */
#ifndef SLABWALL_SLABTABLE_H
#define SLABWALL_SLABTABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "slabfs.h"

enum st_sort {
	ST_SORT_NAME,		/* ascending; every other key is descending */
	ST_SORT_OBJECTS,	/* active objects */
	ST_SORT_SLABS,
	ST_SORT_MEMORY,		/* slab memory */
	ST_SORT_LOSS,		/* bytes not holding a live object */
	ST_SORT_PARTIAL,	/* slabs on the node partial lists */
	ST_SORT_RATE,		/* |objects/s|, then |slabs/s| */
};

struct st_row {
	char name[NAME_MAX + 1];	/* the cache's directory */
	size_t nalias;
	char (*alias)[NAME_MAX + 1];	/* names linked to it, sorted */

	bool have;			/* read: the cache still existed */
	double t;			/* CLOCK_MONOTONIC seconds of the reading */
	struct sf_cache c;
	struct sf_mem m;

	/* Net change per second since the previous reading. */
	bool have_objects_rate, have_slabs_rate;
	double objects_rate, slabs_rate;
};

struct st_table {
	struct st_row *rows;
	size_t n;
	bool have_rates;		/* st_rates() was given a previous table */
	double interval;		/* seconds between the two, when it was */
};

/* "memory" -> ST_SORT_MEMORY; -EINVAL for anything else. */
int st_sort_parse(const char *s, enum st_sort *out);
const char *st_sort_name(enum st_sort key);
/* For usage texts: "name, objects, ...". */
const char *st_sort_keys(void);

/*
 * Rows for @names (every real cache when @nnames is 0) out of a listing
 * from sf_list().  A name given twice, or two aliases of one cache, make
 * one row.  A name not in the listing is -ENOENT with a message naming it
 * under @root (used for nothing else), unless @skip_missing, when it is
 * left out.
 */
int st_select(const char *root, const struct sf_entry *ents, size_t nents,
	      char *const *names, size_t nnames, bool skip_missing,
	      struct st_table *t, struct swerr *e);

/*
 * Reads every row.  A cache that vanished since the listing is left with
 * have == false; any other failure stops with -errno.
 */
int st_read(const char *root, long page_size, struct st_table *t,
	    struct swerr *e);

/*
 * Net change per second of @after over @before over @seconds.  False when
 * either reading lacks the number or no time passed.
 */
bool st_rate(struct opt_u64 before, struct opt_u64 after, double seconds,
	     double *rate);

/* Fills each row's rates from the row of the same cache in @prev. */
void st_rates(struct st_table *t, const struct st_table *prev);

void st_sort(struct st_table *t, enum st_sort key);

/* Loss and partial share in percent; false when they cannot be known. */
bool st_loss_pct(const struct st_row *r, double *pct);
bool st_partial_pct(const struct st_row *r, double *pct);

void st_free(struct st_table *t);

#endif /* SLABWALL_SLABTABLE_H */
