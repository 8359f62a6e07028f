/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A hash map from a pair of 64-bit keys to a 64-bit value, for the trace
 * report: live objects by pointer, caches by name hash, call sites by
 * (address, cache).  Open addressing with linear probing; deletion shifts
 * the following entries back, so lookups never see tombstones.
 */
#ifndef SLABWALL_TRACE_MAP_H
#define SLABWALL_TRACE_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tmap_slot {
	uint64_t a, b, val;
	bool used;
};

struct tmap {
	struct tmap_slot *slot;
	size_t cap;		/* a power of two, or 0 before the first put */
	size_t n;
};

void tmap_init(struct tmap *m);
void tmap_release(struct tmap *m);

/* The value stored for (@a, @b), or NULL. */
uint64_t *tmap_get(const struct tmap *m, uint64_t a, uint64_t b);
/* Inserts or overwrites; 0 or -ENOMEM (the map is unchanged then). */
int tmap_put(struct tmap *m, uint64_t a, uint64_t b, uint64_t val);
/* Removes (@a, @b); false if it was not there.  @val (may be NULL) gets its value. */
bool tmap_del(struct tmap *m, uint64_t a, uint64_t b, uint64_t *val);

/* Walks the used slots: start with *@pos = 0; NULL at the end. */
struct tmap_slot *tmap_next(const struct tmap *m, size_t *pos);

#endif /* SLABWALL_TRACE_MAP_H */
