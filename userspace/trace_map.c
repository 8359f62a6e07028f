// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>

#include "trace_map.h"

#define TMAP_MIN_CAP 64

void tmap_init(struct tmap *m)
{
	m->slot = NULL;
	m->cap = 0;
	m->n = 0;
}

void tmap_release(struct tmap *m)
{
	free(m->slot);
	tmap_init(m);
}

/*
 * splitmix64's finaliser: kernel pointers differ in few low bits (objects
 * of one slab are a stride apart), so the bits must be mixed before
 * masking.
 */
static size_t home(const struct tmap *m, uint64_t a, uint64_t b)
{
	uint64_t h = a ^ (b * 0x9e3779b97f4a7c15ULL);

	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return (size_t)h & (m->cap - 1);
}

static struct tmap_slot *find(const struct tmap *m, uint64_t a, uint64_t b)
{
	size_t i;

	if (!m->cap)
		return NULL;
	for (i = home(m, a, b); m->slot[i].used; i = (i + 1) & (m->cap - 1))
		if (m->slot[i].a == a && m->slot[i].b == b)
			return &m->slot[i];
	return NULL;
}

uint64_t *tmap_get(const struct tmap *m, uint64_t a, uint64_t b)
{
	struct tmap_slot *s = find(m, a, b);

	return s ? &s->val : NULL;
}

/* The first free slot on @a, @b's probe path; the caller knows there is one. */
static struct tmap_slot *free_slot(const struct tmap *m, uint64_t a, uint64_t b)
{
	size_t i;

	for (i = home(m, a, b); m->slot[i].used; i = (i + 1) & (m->cap - 1))
		;
	return &m->slot[i];
}

static int grow(struct tmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : TMAP_MIN_CAP, i;
	struct tmap old = *m;

	m->slot = calloc(cap, sizeof(*m->slot));
	if (!m->slot) {
		*m = old;
		return -ENOMEM;
	}
	m->cap = cap;
	for (i = 0; i < old.cap; i++)
		if (old.slot[i].used)
			*free_slot(m, old.slot[i].a, old.slot[i].b) = old.slot[i];
	free(old.slot);
	return 0;
}

int tmap_put(struct tmap *m, uint64_t a, uint64_t b, uint64_t val)
{
	struct tmap_slot *s = find(m, a, b);

	if (s) {
		s->val = val;
		return 0;
	}
	/* At most half full: probe paths stay short. */
	if (2 * (m->n + 1) > m->cap && grow(m))
		return -ENOMEM;
	s = free_slot(m, a, b);
	*s = (struct tmap_slot){ .a = a, .b = b, .val = val, .used = true };
	m->n++;
	return 0;
}

/* True if @k lies cyclically in (@i, @j]. */
static bool between(size_t i, size_t k, size_t j)
{
	return i <= j ? (i < k && k <= j) : (i < k || k <= j);
}

bool tmap_del(struct tmap *m, uint64_t a, uint64_t b, uint64_t *val)
{
	struct tmap_slot *s = find(m, a, b);
	size_t i, j, mask = m->cap - 1;

	if (!s)
		return false;
	if (val)
		*val = s->val;
	i = (size_t)(s - m->slot);
	m->slot[i].used = false;
	/*
	 * Shift back every later entry of the cluster whose home is not in
	 * (i, j]: otherwise the hole would cut its probe path.
	 */
	for (j = (i + 1) & mask; m->slot[j].used; j = (j + 1) & mask) {
		if (between(i, home(m, m->slot[j].a, m->slot[j].b), j))
			continue;
		m->slot[i] = m->slot[j];
		m->slot[j].used = false;
		i = j;
	}
	m->n--;
	return true;
}

struct tmap_slot *tmap_next(const struct tmap *m, size_t *pos)
{
	while (*pos < m->cap) {
		struct tmap_slot *s = &m->slot[(*pos)++];

		if (s->used)
			return s;
	}
	return NULL;
}
