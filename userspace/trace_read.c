// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event-parse.h>
#include <trace-cmd.h>

#include "cpulist.h"
#include "trace_read.h"

/* No kernel function is this long: a larger offset means a missing symbol. */
#define MAX_FUNC_OFFSET 0x10000

static const struct {
	const char *sys, *name;
} ev_names[TR_NR_EV] = {
	[TR_CACHE_ALLOC] = { "kmem", "kmem_cache_alloc" },
	[TR_CACHE_ALLOC_NODE] = { "kmem", "kmem_cache_alloc_node" },
	[TR_CACHE_FREE] = { "kmem", "kmem_cache_free" },
	[TR_KMALLOC] = { "kmem", "kmalloc" },
	[TR_KMALLOC_NODE] = { "kmem", "kmalloc_node" },
	[TR_KFREE] = { "kmem", "kfree" },
	[TR_PAGE_ALLOC] = { "kmem", "mm_page_alloc" },
	[TR_PAGE_FREE] = { "kmem", "mm_page_free" },
	[TR_RUN_START] = { "slabwall", "slabwall_run_start" },
	[TR_RUN_END] = { "slabwall", "slabwall_run_end" },
	[TR_HAND_OVER] = { "slabwall", "slabwall_hand_over" },
	[TR_OP] = { "slabwall", "slabwall_op" },
};

/* The events of one buffer's tep handle (instances may have their own). */
struct evmap {
	struct tracecmd_input *handle;
	struct tep_handle *tep;
	struct tep_event *ev[TR_NR_EV];
};

const char *tr_event_name(enum tr_ev ev)
{
	static char names[TR_NR_EV][64];

	if (!names[ev][0])
		snprintf(names[ev], sizeof(names[ev]), "%s:%s",
			 ev_names[ev].sys, ev_names[ev].name);
	return names[ev];
}

/* A number field; @dflt when the event has no such field. */
static uint64_t field_u64(struct tep_event *ev, const char *name,
			  const struct tep_record *rec, uint64_t dflt)
{
	struct tep_format_field *f = tep_find_field(ev, name);
	unsigned long long v;

	if (!f || tep_read_number_field(f, rec->data, &v))
		return dflt;
	return v;
}

/* A signed field of any size, sign-extended ("int node" is 4 bytes). */
static int64_t field_s64(struct tep_event *ev, const char *name,
			 const struct tep_record *rec, int64_t dflt)
{
	struct tep_format_field *f = tep_find_field(ev, name);
	unsigned long long v;
	unsigned int bits;

	if (!f || tep_read_number_field(f, rec->data, &v))
		return dflt;
	bits = (unsigned int)f->size * 8;
	if ((f->flags & TEP_FIELD_IS_SIGNED) && bits < 64 && (v >> (bits - 1)) & 1)
		v |= ~0ULL << bits;
	return (int64_t)v;
}

/* A string field (kmem_cache_free's name) into @buf; NULL if absent. */
static const char *field_str(struct tep_event *ev, const char *name,
			     struct tep_record *rec, char *buf, size_t size)
{
	const char *raw;
	int len;

	if (!tep_find_field(ev, name))
		return NULL;
	raw = tep_get_field_raw(NULL, ev, name, rec, &len, 0);
	if (!raw || len <= 0)
		return NULL;
	if ((size_t)len >= size)
		len = (int)size - 1;
	memcpy(buf, raw, (size_t)len);
	buf[len] = '\0';
	return buf;
}

/* True if the field is all ones for its size: page allocations that failed. */
static bool field_all_ones(struct tep_event *ev, const char *name,
			   const struct tep_record *rec)
{
	struct tep_format_field *f = tep_find_field(ev, name);
	unsigned long long v;

	if (!f || tep_read_number_field(f, rec->data, &v))
		return false;
	return f->size >= 8 ? v == ~0ULL : v == (1ULL << (f->size * 8)) - 1;
}

static int on_alloc(struct tr_data *d, struct tep_event *ev,
		    struct tep_record *rec, enum tp_kind kind)
{
	struct tp_alloc_ev a = {
		.ts = rec->ts,
		.cpu = rec->cpu,
		.ptr = field_u64(ev, "ptr", rec, 0),
		.call_site = field_u64(ev, "call_site", rec, 0),
		.bytes_req = field_u64(ev, "bytes_req", rec, 0),
		.bytes_alloc = field_u64(ev, "bytes_alloc", rec, 0),
		.node = (int)field_s64(ev, "node", rec, -1),
		.kind = kind,
	};

	return tp_alloc(&d->pairs, &a);
}

static int on_free(struct tr_data *d, struct tep_event *ev,
		   struct tep_record *rec, enum tp_kind kind)
{
	char name[256];
	struct tp_free_ev f = {
		.ts = rec->ts,
		.cpu = rec->cpu,
		.ptr = field_u64(ev, "ptr", rec, 0),
		.cache = field_str(ev, "name", rec, name, sizeof(name)),
		.kind = kind,
	};

	return tp_free(&d->pairs, &f);
}

static int on_page(struct tr_data *d, struct tep_event *ev,
		   struct tep_record *rec, bool alloc)
{
	unsigned int order = (unsigned int)field_u64(ev, "order", rec, 0);

	if (!alloc)
		tp_page_free(&d->pairs, order);
	else if (tep_find_field(ev, "pfn"))
		tp_page_alloc(&d->pairs, order, field_all_ones(ev, "pfn", rec));
	else	/* kernels that traced the struct page pointer */
		tp_page_alloc(&d->pairs, order, !field_u64(ev, "page", rec, 1));
	return 0;
}

static void free_fields(struct tr_field *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].text);
	}
	free(v);
}

/*
 * A __bitmask field (slabwall_run_start's cpus) as a CPU list, "0-1",
 * where the trace would print "ARRAY[03, 00, ...]".
 */
static char *bitmask_text(struct tep_event *ev, struct tep_format_field *f,
			  struct tep_record *rec)
{
	int len, lsize = tep_get_long_size(ev->tep), w, b;
	const unsigned char *raw;
	struct cpuset *set;
	char *text = NULL;
	size_t n;

	raw = tep_get_field_raw(NULL, ev, f->name, rec, &len, 0);
	set = malloc(sizeof(*set));
	if (!raw || !set || lsize <= 0 || lsize > 8) {
		free(set);
		return NULL;
	}
	cpuset_clear(set);
	for (w = 0; (w + 1) * lsize <= len; w++) {
		unsigned long long word = tep_read_number(ev->tep, raw + w * lsize,
							  lsize);

		for (b = 0; b < lsize * 8; b++)
			if (word >> b & 1 && w * lsize * 8 + b < CPUSET_MAX)
				cpuset_add(set, (unsigned int)(w * lsize * 8 + b));
	}
	n = cpulist_format(set, NULL, 0) + 1;
	text = malloc(n);
	if (text)
		cpulist_format(set, text, n);
	free(set);
	return text;
}

static bool is_bitmask(const struct tep_format_field *f)
{
	return (f->flags & TEP_FIELD_IS_DYNAMIC) && f->type &&
	       strstr(f->type, "unsigned long[]");
}

static char *field_text(struct tep_event *ev, struct tep_format_field *f,
			struct tep_record *rec)
{
	struct trace_seq s;
	char *text;

	if (is_bitmask(f))
		return bitmask_text(ev, f, rec);
	trace_seq_init(&s);
	tep_print_field_content(&s, rec->data, rec->size, f);
	trace_seq_terminate(&s);
	text = strdup(s.buffer ? s.buffer : "");
	trace_seq_destroy(&s);
	return text;
}

/* Every field of @ev in @rec, printed as the trace prints it. */
static int read_fields(struct tep_event *ev, struct tep_record *rec,
		       struct tr_field **out, size_t *n)
{
	struct tep_format_field **fields = tep_event_fields(ev);
	struct tr_field *v;
	size_t i, cnt = 0;

	*out = NULL;
	*n = 0;
	if (!fields)
		return -ENOMEM;
	while (fields[cnt])
		cnt++;
	v = calloc(cnt ? cnt : 1, sizeof(*v));
	if (!v) {
		free(fields);
		return -ENOMEM;
	}
	for (i = 0; i < cnt; i++) {
		v[i].name = strdup(fields[i]->name);
		v[i].text = field_text(ev, fields[i], rec);
		if (!v[i].name || !v[i].text) {
			free(fields);
			free_fields(v, i + 1);
			return -ENOMEM;
		}
	}
	free(fields);
	*out = v;
	*n = cnt;
	return 0;
}

static struct tr_run *new_run(struct tr_data *d)
{
	struct tr_run *r;

	if (d->nruns == d->cap_runs) {
		size_t cap = d->cap_runs ? d->cap_runs * 2 : 4;

		r = realloc(d->runs, cap * sizeof(*r));
		if (!r)
			return NULL;
		d->runs = r;
		d->cap_runs = cap;
	}
	r = &d->runs[d->nruns++];
	memset(r, 0, sizeof(*r));
	return r;
}

static int on_run_start(struct tr_data *d, struct tep_event *ev,
			struct tep_record *rec)
{
	struct tr_run *r = new_run(d);

	if (!r)
		return -ENOMEM;
	r->start_ts = rec->ts;
	return read_fields(ev, rec, &r->knobs, &r->nknobs);
}

static int on_run_end(struct tr_data *d, struct tep_event *ev,
		      struct tep_record *rec)
{
	struct tr_run *r = d->nruns ? &d->runs[d->nruns - 1] : NULL;

	/* A trace that began during a run has its end only. */
	if (!r || r->ended)
		r = new_run(d);
	if (!r)
		return -ENOMEM;
	r->ended = true;
	r->end_ts = rec->ts;
	return read_fields(ev, rec, &r->totals, &r->ntotals);
}

static int on_event(struct tr_data *d, struct tep_event *ev, enum tr_ev kind,
		    struct tep_record *rec)
{
	switch (kind) {
	case TR_CACHE_ALLOC:
	case TR_CACHE_ALLOC_NODE:
		return on_alloc(d, ev, rec, TP_KMEM_CACHE);
	case TR_KMALLOC:
	case TR_KMALLOC_NODE:
		return on_alloc(d, ev, rec, TP_KMALLOC);
	case TR_CACHE_FREE:
		return on_free(d, ev, rec, TP_KMEM_CACHE);
	case TR_KFREE:
		return on_free(d, ev, rec, TP_KMALLOC);
	case TR_PAGE_ALLOC:
	case TR_PAGE_FREE:
		return on_page(d, ev, rec, kind == TR_PAGE_ALLOC);
	case TR_RUN_START:
		return on_run_start(d, ev, rec);
	case TR_RUN_END:
		return on_run_end(d, ev, rec);
	case TR_HAND_OVER:
		d->hand_over_objs += field_u64(ev, "objs", rec, 0);
		return 0;
	default:
		return 0;
	}
}

static const struct evmap *evmap_of(const struct tr_data *d,
				    struct tracecmd_input *h)
{
	const struct evmap *m = d->evmaps;
	size_t i;

	for (i = 0; i < d->nhandles; i++)
		if (m[i].handle == h)
			return &m[i];
	return &m[0];
}

static int on_record(struct tracecmd_input *h, struct tep_record *rec,
		     int cpu, void *arg)
{
	struct tr_data *d = arg;
	const struct evmap *m = evmap_of(d, h);
	int id, i;

	(void)cpu;
	if (!d->records || rec->ts < d->first_ts)
		d->first_ts = rec->ts;
	if (rec->ts > d->last_ts)
		d->last_ts = rec->ts;
	d->records++;
	if (rec->missed_events)
		tp_lost(&d->pairs, rec->missed_events);
	id = tep_data_type(m->tep, rec);
	for (i = 0; i < TR_NR_EV; i++) {
		if (!m->ev[i] || m->ev[i]->id != id)
			continue;
		d->events[i]++;
		d->err = on_event(d, m->ev[i], (enum tr_ev)i, rec);
		/* Non-zero stops the iteration. */
		return d->err ? 1 : 0;
	}
	return 0;
}

static int open_handles(struct tr_data *d, struct tracecmd_input *top)
{
	int i, n = tracecmd_buffer_instances(top);
	struct evmap *m;

	d->handles = calloc((size_t)(n > 0 ? n : 0) + 1, sizeof(*d->handles));
	d->evmaps = m = calloc((size_t)(n > 0 ? n : 0) + 1, sizeof(*m));
	if (!d->handles || !m)
		return -ENOMEM;
	d->handles[d->nhandles++] = top;
	/* `trace-cmd record -B` and tracefs instances keep events apart. */
	for (i = 0; i < n; i++) {
		struct tracecmd_input *h = tracecmd_buffer_instance_handle(top, i);

		if (h)
			d->handles[d->nhandles++] = h;
	}
	for (i = 0; i < (int)d->nhandles; i++) {
		size_t k;

		m[i].handle = d->handles[i];
		m[i].tep = tracecmd_get_tep(d->handles[i]);
		for (k = 0; k < TR_NR_EV && m[i].tep; k++)
			m[i].ev[k] = tep_find_event_by_name(m[i].tep,
							    ev_names[k].sys,
							    ev_names[k].name);
	}
	return 0;
}

int tr_read(struct tr_data *d, const char *path, struct swerr *e)
{
	struct tracecmd_input *top;
	int fd, ret;

	memset(d, 0, sizeof(*d));
	tp_init(&d->pairs);
	d->path = path;
	d->e = e;
	/* libtracecmd says little about a missing file; errno does. */
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return swerr_set(e, errno, "%s: %s", path, strerror(errno));
	close(fd);
	tracecmd_set_loglevel(TEP_LOG_NONE);
	top = tracecmd_open(path, TRACECMD_FL_LOAD_NO_PLUGINS);
	if (!top)
		return swerr_set(e, EINVAL, "%s: not a trace-cmd trace.dat, or a truncated one",
				 path);
	ret = open_handles(d, top);
	if (ret) {
		if (!d->nhandles)
			tracecmd_close(top);
		return swerr_set(e, -ret, "%s: %s", path, strerror(-ret));
	}
	d->cpus = tep_get_cpus(tracecmd_get_tep(top));
	ret = tracecmd_iterate_events_multi(d->handles, (int)d->nhandles,
					    on_record, d);
	if (d->err)
		return swerr_set(e, -d->err, "%s: %s", path, strerror(-d->err));
	if (ret < 0)
		return swerr_set(e, EIO, "%s: its events could not be read", path);
	ret = tp_finish(&d->pairs);
	if (ret)
		return swerr_set(e, -ret, "%s: %s", path, strerror(-ret));
	return 0;
}

void tr_release(struct tr_data *d)
{
	size_t i;

	for (i = 0; i < d->nruns; i++) {
		free_fields(d->runs[i].knobs, d->runs[i].nknobs);
		free_fields(d->runs[i].totals, d->runs[i].ntotals);
	}
	free(d->runs);
	/* Instances first: they hold a reference to the top handle. */
	for (i = d->nhandles; i-- > 0;)
		tracecmd_close(d->handles[i]);
	free(d->handles);
	free(d->evmaps);
	tp_release(&d->pairs);
	memset(d, 0, sizeof(*d));
}

const char *tr_symbol(const struct tr_data *d, uint64_t addr, char *buf,
		      size_t len)
{
	struct tep_handle *tep = d->nhandles ? tracecmd_get_tep(d->handles[0]) : NULL;
	unsigned long long start = 0;
	unsigned long size = 0;
	const char *name = NULL;

	/* Returns non-zero when it found a function. */
	if (tep && tep_find_function_info(tep, addr, &name, &start, &size) &&
	    name && addr >= start && addr - start < MAX_FUNC_OFFSET)
		snprintf(buf, len, "%s+0x%llx", name, addr - start);
	else
		snprintf(buf, len, "0x%" PRIx64, addr);
	return buf;
}

const char *tr_run_value(const struct tr_run *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nknobs; i++)
		if (!strcmp(r->knobs[i].name, name))
			return r->knobs[i].text;
	for (i = 0; i < r->ntotals; i++)
		if (!strcmp(r->totals[i].name, name))
			return r->totals[i].text;
	return NULL;
}
