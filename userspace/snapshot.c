// SPDX-License-Identifier: GPL-2.0
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "humanfmt.h"
#include "snapshot.h"

void snap_init(struct snapshot *s, const char *slab_root,
	       const char *meminfo_path)
{
	memset(s, 0, sizeof(*s));
	s->slab_root = slab_root;
	s->meminfo_path = meminfo_path;
}

int snap_add_cache(struct snapshot *s, const char *name)
{
	struct snap_cache *c;

	if (s->ncaches == SNAP_MAX_CACHES)
		return -ENOSPC;
	c = &s->caches[s->ncaches++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	return 0;
}

void snap_take(struct snapshot *s, bool after)
{
	const char *when = after ? "after" : "before";
	struct swerr e;
	size_t i;

	for (i = 0; i < s->ncaches; i++) {
		struct snap_cache *c = &s->caches[i];
		struct sf_cache *into = after ? &c->after : &c->before;
		bool *have = after ? &c->have_after : &c->have_before;

		*have = sf_read_cache(s->slab_root, c->name, into, &e) == 0;
		if (!*have)
			warnx("%s the run: %s; leaving that cache out", when,
			      e.msg);
	}
	if (after)
		s->have_mem_after = meminfo_read_slab(s->meminfo_path,
						      &s->mem_after, &e) == 0;
	else
		s->have_mem_before = meminfo_read_slab(s->meminfo_path,
						       &s->mem_before, &e) == 0;
	if (!(after ? s->have_mem_after : s->have_mem_before))
		warnx("%s the run: %s; leaving meminfo out", when, e.msg);
	if (after)
		s->have_vm_after = vmstat_read_pages(s->vmstat_path,
						     &s->vm_after, &e) == 0;
	else
		s->have_vm_before = vmstat_read_pages(s->vmstat_path,
						      &s->vm_before, &e) == 0;
	if (!(after ? s->have_vm_after : s->have_vm_before))
		warnx("%s the run: %s; leaving vmstat out", when, e.msg);
}

/* One before/after pair; absent when either side is unknown. */
struct pair {
	bool before_ok, after_ok;
	uint64_t before, after;
};

/* A line of the report: a label for people, a key for JSON. */
struct row {
	const char *label, *key;
	bool bytes;
	struct pair p;
};

enum { CACHE_ROWS = 5, MEM_ROWS = 3, VM_ROWS = 2, MAX_ROWS = CACHE_ROWS };

static struct pair pair_of(bool have_b, struct opt_u64 b, bool have_a,
			   struct opt_u64 a)
{
	return (struct pair){
		.before_ok = have_b && b.present, .before = b.v,
		.after_ok = have_a && a.present, .after = a.v,
	};
}

static struct pair slab_bytes_pair(const struct snap_cache *c)
{
	struct sf_mem mb, ma;
	struct pair p = { 0 };

	if (c->have_before) {
		sf_memory(&c->before, 0, &mb);
		p.before_ok = mb.have_slab_bytes;
		p.before = mb.slab_bytes;
	}
	if (c->have_after) {
		sf_memory(&c->after, 0, &ma);
		p.after_ok = ma.have_slab_bytes;
		p.after = ma.slab_bytes;
	}
	return p;
}

#define CACHE_PAIR(c, f) \
	pair_of((c)->have_before, (c)->before.f, (c)->have_after, (c)->after.f)
#define MEM_PAIR(s, f) \
	pair_of((s)->have_mem_before, (s)->mem_before.f, \
		(s)->have_mem_after, (s)->mem_after.f)
#define VM_PAIR(s, f) \
	pair_of((s)->have_vm_before, (s)->vm_before.f, \
		(s)->have_vm_after, (s)->vm_after.f)

static void cache_rows(const struct snap_cache *c, struct row rows[CACHE_ROWS])
{
	rows[0] = (struct row){ "objects", "objects", false, CACHE_PAIR(c, objects) };
	rows[1] = (struct row){ "slabs", "slabs", false, CACHE_PAIR(c, slabs) };
	rows[2] = (struct row){ "partial", "partial", false, CACHE_PAIR(c, partial) };
	rows[3] = (struct row){ "cpu_slabs", "cpu_slabs", false, CACHE_PAIR(c, cpu_slabs) };
	rows[4] = (struct row){ "slab memory", "slab_bytes", true, slab_bytes_pair(c) };
}

static void mem_rows(const struct snapshot *s, struct row rows[MEM_ROWS])
{
	rows[0] = (struct row){ "Slab", "slab_kb", false, MEM_PAIR(s, slab_kb) };
	rows[1] = (struct row){ "SReclaimable", "sreclaimable_kb", false,
				MEM_PAIR(s, sreclaimable_kb) };
	rows[2] = (struct row){ "SUnreclaim", "sunreclaim_kb", false,
				MEM_PAIR(s, sunreclaim_kb) };
}

/* Pages, not kB: an order-N allocation counts 2^N. */
static void vm_rows(const struct snapshot *s, struct row rows[VM_ROWS])
{
	rows[0] = (struct row){ "pgalloc (pages)", "pgalloc", false, VM_PAIR(s, pgalloc) };
	rows[1] = (struct row){ "pgfree (pages)", "pgfree", false, VM_PAIR(s, pgfree) };
}

static void format_value(char buf[HUMAN_LEN], bool ok, uint64_t v, bool bytes)
{
	if (!ok)
		snprintf(buf, HUMAN_LEN, "-");
	else if (bytes)
		human_bytes((int64_t)v, buf);
	else
		snprintf(buf, HUMAN_LEN, "%" PRIu64, v);
}

static void print_row(FILE *f, const struct row *r)
{
	char b[HUMAN_LEN], a[HUMAN_LEN], d[HUMAN_LEN], h[HUMAN_LEN];
	int64_t delta = (int64_t)(r->p.after - r->p.before);

	format_value(b, r->p.before_ok, r->p.before, r->bytes);
	format_value(a, r->p.after_ok, r->p.after, r->bytes);
	if (!r->p.before_ok || !r->p.after_ok)
		snprintf(d, sizeof(d), "-");
	else if (r->bytes)
		snprintf(d, sizeof(d), "%s%s", delta > 0 ? "+" : "",
			 human_bytes(delta, h));
	else
		snprintf(d, sizeof(d), "%+" PRId64, delta);
	fprintf(f, "  %-20s %14s %14s %14s\n", r->label, b, a, d);
}

void snap_print(FILE *f, const struct snapshot *s)
{
	struct row rows[MAX_ROWS];
	const struct snap_cache *c;
	size_t i, j;

	for (i = 0; i < s->ncaches; i++) {
		c = &s->caches[i];
		if (!c->have_before && !c->have_after)
			continue;
		fprintf(f, "\nCache %s", c->name);
		if (c->before.is_alias || c->after.is_alias)
			fprintf(f, " (alias of %s: counts include the caches merged with it)",
				c->have_after ? c->after.real : c->before.real);
		fprintf(f, "\n  %-20s %14s %14s %14s\n", "", "before", "after",
			"delta");
		cache_rows(c, rows);
		for (j = 0; j < CACHE_ROWS; j++)
			print_row(f, &rows[j]);
	}
	if (s->have_mem_before || s->have_mem_after) {
		fprintf(f, "\n%-22s %14s %14s %14s\n",
			s->meminfo_path ? s->meminfo_path : MEMINFO_DEFAULT_PATH,
			"before kB", "after kB", "delta kB");
		mem_rows(s, rows);
		for (j = 0; j < MEM_ROWS; j++)
			print_row(f, &rows[j]);
	}
	if (!s->have_vm_before && !s->have_vm_after)
		return;
	/* System-wide: whatever else the machine does shows up here too. */
	fprintf(f, "\n%-22s %14s %14s %14s\n",
		s->vmstat_path ? s->vmstat_path : VMSTAT_DEFAULT_PATH,
		"before", "after", "delta");
	vm_rows(s, rows);
	for (j = 0; j < VM_ROWS; j++)
		print_row(f, &rows[j]);
}

static void json_known(struct jw *w, const char *key, bool ok, uint64_t v)
{
	jw_opt_u64(w, key, (struct opt_u64){ .v = v, .present = ok });
}

/* The rows as three objects: before, after and delta. */
static void json_rows(struct jw *w, const struct row *rows, size_t n)
{
	size_t i;

	jw_begin_obj(w, "before");
	for (i = 0; i < n; i++)
		json_known(w, rows[i].key, rows[i].p.before_ok, rows[i].p.before);
	jw_end_obj(w);
	jw_begin_obj(w, "after");
	for (i = 0; i < n; i++)
		json_known(w, rows[i].key, rows[i].p.after_ok, rows[i].p.after);
	jw_end_obj(w);
	jw_begin_obj(w, "delta");
	for (i = 0; i < n; i++) {
		if (rows[i].p.before_ok && rows[i].p.after_ok)
			jw_i64(w, rows[i].key,
			       (int64_t)(rows[i].p.after - rows[i].p.before));
		else
			jw_null(w, rows[i].key);
	}
	jw_end_obj(w);
}

void snap_json(struct jw *w, const struct snapshot *s)
{
	struct row rows[MAX_ROWS];
	const struct snap_cache *c;
	const struct sf_cache *any;
	size_t i;

	jw_begin_arr(w, "caches");
	for (i = 0; i < s->ncaches; i++) {
		c = &s->caches[i];
		any = c->have_after ? &c->after : &c->before;
		jw_begin_obj(w, NULL);
		jw_str(w, "name", c->name);
		if (c->have_before || c->have_after) {
			jw_str(w, "cache", any->real);
			jw_bool(w, "alias", any->is_alias);
		} else {
			jw_null(w, "cache");
			jw_null(w, "alias");
		}
		cache_rows(c, rows);
		json_rows(w, rows, CACHE_ROWS);
		jw_end_obj(w);
	}
	jw_end_arr(w);

	jw_begin_obj(w, "meminfo");
	mem_rows(s, rows);
	json_rows(w, rows, MEM_ROWS);
	jw_end_obj(w);

	jw_begin_obj(w, "vmstat");
	vm_rows(s, rows);
	json_rows(w, rows, VM_ROWS);
	jw_end_obj(w);
}
