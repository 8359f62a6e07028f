// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slabtable.h"

static const char *const sort_names[] = {
	[ST_SORT_NAME] = "name",
	[ST_SORT_OBJECTS] = "objects",
	[ST_SORT_SLABS] = "slabs",
	[ST_SORT_MEMORY] = "memory",
	[ST_SORT_LOSS] = "loss",
	[ST_SORT_PARTIAL] = "partial",
	[ST_SORT_RATE] = "rate",
};

#define NR_SORT (sizeof(sort_names) / sizeof(sort_names[0]))

int st_sort_parse(const char *s, enum st_sort *out)
{
	size_t i;

	for (i = 0; i < NR_SORT; i++) {
		if (!strcmp(s, sort_names[i])) {
			*out = (enum st_sort)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *st_sort_name(enum st_sort key)
{
	return (size_t)key < NR_SORT ? sort_names[key] : "?";
}

const char *st_sort_keys(void)
{
	return "name, objects, slabs, memory, loss, partial, rate";
}

static struct st_row *find_row(struct st_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].name, name))
			return &t->rows[i];
	return NULL;
}

static struct st_row *add_row(struct st_table *t, const char *name,
			      size_t *cap)
{
	struct st_row *bigger, *r = find_row(t, name);

	if (r)
		return r;
	if (t->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		bigger = realloc(t->rows, *cap * sizeof(*bigger));
		if (!bigger)
			return NULL;
		t->rows = bigger;
	}
	r = &t->rows[t->n++];
	memset(r, 0, sizeof(*r));
	/* Both come from struct sf_entry fields of this same size. */
	strcpy(r->name, name);
	return r;
}

static int add_alias(struct st_row *r, const char *name)
{
	char (*bigger)[NAME_MAX + 1];

	bigger = realloc(r->alias, (r->nalias + 1) * sizeof(*bigger));
	if (!bigger)
		return -ENOMEM;
	r->alias = bigger;
	strcpy(r->alias[r->nalias++], name);
	return 0;
}

static int entry_cmp(const void *key, const void *ent)
{
	return strcmp(key, ((const struct sf_entry *)ent)->name);
}

int st_select(const char *root, const struct sf_entry *ents, size_t nents,
	      char *const *names, size_t nnames, bool skip_missing,
	      struct st_table *t, struct swerr *e)
{
	const struct sf_entry *ent;
	struct st_row *r;
	size_t i, cap = 0;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < (nnames ? nnames : nents); i++) {
		if (!nnames) {
			ent = &ents[i];
			if (ent->is_alias)
				continue;
		} else {
			/* sf_list() sorts by name. */
			ent = bsearch(names[i], ents, nents, sizeof(*ents),
				      entry_cmp);
			if (!ent && skip_missing)
				continue;
			if (!ent) {
				st_free(t);
				return swerr_set(e, ENOENT,
						 "%s/%s: no such slab cache",
						 root ? root : SF_DEFAULT_ROOT,
						 names[i]);
			}
		}
		if (!add_row(t, ent->real, &cap))
			goto nomem;
	}

	/* Every alias of a shown cache is listed with it, asked for or not. */
	for (i = 0; i < nents; i++) {
		if (!ents[i].is_alias)
			continue;
		r = find_row(t, ents[i].real);
		if (r && add_alias(r, ents[i].name))
			goto nomem;
	}
	return 0;
nomem:
	st_free(t);
	return swerr_set(e, ENOMEM, "out of memory building the cache table");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int st_read(const char *root, long page_size, struct st_table *t,
	    struct swerr *e)
{
	struct st_row *r;
	size_t i;
	int ret;

	for (i = 0; i < t->n; i++) {
		r = &t->rows[i];
		/* Each cache's own time: reading them all takes a while. */
		r->t = now();
		ret = sf_read_cache(root, r->name, &r->c, e);
		if (ret == -ENOENT) {
			r->have = false;
			continue;
		}
		if (ret)
			return ret;
		r->have = true;
		sf_memory(&r->c, page_size, &r->m);
	}
	return 0;
}

bool st_rate(struct opt_u64 before, struct opt_u64 after, double seconds,
	     double *rate)
{
	if (!before.present || !after.present || !(seconds > 0))
		return false;
	/* Through int64_t: the counts go down as well as up. */
	*rate = (double)(int64_t)(after.v - before.v) / seconds;
	return true;
}

void st_rates(struct st_table *t, const struct st_table *prev)
{
	struct st_row *r;
	const struct st_row *p;
	bool have_interval = false;
	double dt;
	size_t i, j;

	t->have_rates = true;
	t->interval = 0;
	for (i = 0; i < t->n; i++) {
		r = &t->rows[i];
		r->have_objects_rate = r->have_slabs_rate = false;
		if (!r->have)
			continue;
		for (j = 0, p = NULL; j < prev->n && !p; j++)
			if (prev->rows[j].have &&
			    !strcmp(prev->rows[j].name, r->name))
				p = &prev->rows[j];
		if (!p)
			continue;
		dt = r->t - p->t;
		r->have_objects_rate = st_rate(p->c.objects, r->c.objects, dt,
					       &r->objects_rate);
		r->have_slabs_rate = st_rate(p->c.slabs, r->c.slabs, dt,
					     &r->slabs_rate);
		if (!have_interval) {
			t->interval = dt;
			have_interval = true;
		}
	}
}

bool st_loss_pct(const struct st_row *r, double *pct)
{
	if (!r->have || !r->m.have_loss || !r->m.slab_bytes)
		return false;
	*pct = 100.0 * (double)r->m.loss_bytes / (double)r->m.slab_bytes;
	return true;
}

bool st_partial_pct(const struct st_row *r, double *pct)
{
	if (!r->have || !r->m.have_partial_share)
		return false;
	*pct = 100.0 * r->m.partial_share;
	return true;
}

/* The number a row sorts by under @key; false when it is not known. */
static bool sort_value(const struct st_row *r, enum st_sort key, double *v,
		       double *v2)
{
	struct opt_u64 o = { 0 };

	*v2 = 0;
	if (!r->have)
		return false;
	switch (key) {
	case ST_SORT_OBJECTS:
		o = r->c.objects;
		break;
	case ST_SORT_SLABS:
		o = r->c.slabs;
		break;
	case ST_SORT_PARTIAL:
		o = r->c.partial;
		break;
	case ST_SORT_MEMORY:
		*v = (double)r->m.slab_bytes;
		return r->m.have_slab_bytes;
	case ST_SORT_LOSS:
		*v = (double)r->m.loss_bytes;
		return r->m.have_loss;
	case ST_SORT_RATE:
		*v = r->have_objects_rate ? fabs(r->objects_rate) : 0;
		*v2 = r->have_slabs_rate ? fabs(r->slabs_rate) : 0;
		return r->have_objects_rate || r->have_slabs_rate;
	case ST_SORT_NAME:
		return false;
	}
	*v = (double)o.v;
	return o.present;
}

static int row_cmp(const void *a, const void *b, void *arg)
{
	const struct st_row *ra = a, *rb = b;
	enum st_sort key = *(const enum st_sort *)arg;
	double va, vb, va2, vb2;
	bool ha, hb;

	if (key != ST_SORT_NAME) {
		ha = sort_value(ra, key, &va, &va2);
		hb = sort_value(rb, key, &vb, &vb2);
		/* Unknown values go last, whatever the direction. */
		if (ha != hb)
			return ha ? -1 : 1;
		if (ha && va != vb)
			return va > vb ? -1 : 1;
		if (ha && va2 != vb2)
			return va2 > vb2 ? -1 : 1;
	}
	return strcmp(ra->name, rb->name);
}

void st_sort(struct st_table *t, enum st_sort key)
{
	if (t->n)
		qsort_r(t->rows, t->n, sizeof(t->rows[0]), row_cmp, &key);
}

void st_free(struct st_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->rows[i].alias);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}
