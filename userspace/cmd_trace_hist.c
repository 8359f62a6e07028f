// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall trace hist: allocations, frees and SLUB's slow paths per
 * cache during one slabwall run (or one command), counted in the kernel
 * by hist triggers.  A hist trigger adds each event to a table as it
 * happens, so nothing is lost however fast events come, unlike a ring
 * buffer that a reader must keep up with.  Everything happens in a
 * tracefs instance of our own, removed at the end with the kprobe
 * events (trace_instance.h, trace_kprobe.h).
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <tracefs.h>

#include "commands.h"
#include "proc.h"
#include "runopts.h"
#include "slabfs.h"
#include "strnum.h"
#include "trace_btf.h"
#include "trace_cachestat.h"
#include "trace_hist.h"
#include "trace_instance.h"
#include "trace_kprobe.h"

#define CMD "trace hist"
#define INSTANCE_PREFIX "slabwall-hist"
#define MAX_CACHES 64

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall trace hist [run options] [--cache NAME]... [--csv | --json]\n"
		"       slabwall trace hist [--cache NAME]... [--csv | --json] -- COMMAND [ARG]...\n"
		"\n"
		"Counts allocations, frees and SLUB's slow paths per slab cache in the\n"
		"kernel, with hist triggers in a tracefs instance of its own, during one\n"
		"slabwall run (the run options as for 'slabwall run') or while COMMAND\n"
		"runs.  Slow paths come from kprobes on ___slab_alloc (allocations that\n"
		"left the fast path), allocate_slab (new slabs), __slab_free (frees not to\n"
		"the CPU slab) and __free_slab (slabs freed), each also per 1,000\n"
		"allocations.  The instance and the kprobe events are removed at the end,\n"
		"on errors and on Ctrl-C.  Needs root.\n"
		"\n");
	runopts_usage(f);
	fprintf(f,
		"  --cache NAME    only this cache (again for more); shown even at zero\n"
		"  --csv           CSV instead of a table\n"
		"  --json          one JSON object instead of a table\n"
		"  --help          this text\n"
		"\n"
		"Frees of kmalloc caches are not counted (kfree's event names no cache);\n"
		"kmalloc-N counts every kmalloc() of its size class, also those served by\n"
		"kmalloc-cg-N, kmalloc-rcl-N or dma-kmalloc-N.\n"
		"\n"
		"Exit status: 0 ok, 1 failure or stopped early, 2 bad command line,\n"
		"3 refused by the module.\n");
}

/* getopt_long values of our own options, below RUNOPT_BASE. */
enum { O_HELP = 'h', O_CACHE = 256, O_CSV, O_JSON };

struct cmd_opts {
	struct run_opts run;
	const char *caches[MAX_CACHES];
	size_t ncaches;
	bool csv, json, help;
	char **command;		/* after "--", NULL for a slabwall run */
};

static int own_option(void *p, int c, const char *arg)
{
	struct cmd_opts *o = p;

	switch (c) {
	case O_CACHE:
		if (o->ncaches == MAX_CACHES)
			return sw_usage_error(CMD, "--cache: at most %d caches",
					      MAX_CACHES);
		o->caches[o->ncaches++] = arg;
		return 0;
	case O_CSV:
		o->csv = true;
		return 0;
	case O_JSON:
		o->json = true;
		return 0;
	case O_HELP:
		o->help = true;
		return 0;
	default:
		return sw_usage_hint(CMD);
	}
}

static int parse_args(int argc, char **argv, struct cmd_opts *o)
{
	static const struct option own[] = {
		{ "cache", required_argument, NULL, O_CACHE },
		{ "csv", no_argument, NULL, O_CSV },
		{ "json", no_argument, NULL, O_JSON },
		{ "help", no_argument, NULL, O_HELP },
		{ 0 }
	};
	int ret;

	memset(o, 0, sizeof(*o));
	ret = runopts_getopt(argc, argv, "+h", own, &o->run, CMD, own_option, o);
	if (ret || o->help)
		return ret;
	ret = runopts_command(argc, argv, &o->run, CMD, &o->command);
	if (!ret && o->csv && o->json)
		ret = sw_usage_error(CMD, "--csv or --json, not both");
	return ret;
}

/* ---- what is counted where ---- */

/* One hist trigger: an event, its key, and the column it adds to. */
struct source {
	const char *system;	/* NULL: our kprobe group */
	const char *event;	/* NULL: the probe's event */
	int probe;		/* enum tkp_id, or -1 for a tracepoint */
	const char *key;
	const char *val;	/* a field summed, NULL: events counted */
	enum cs_col col;
	bool by_size;		/* the key is bytes_alloc: a kmalloc-N */
	bool primary;		/* without it the column is not counted */
};

/* A tracepoint's field, or the cache name of one of our kprobe events. */
#define TP(sys, ev, k, c, ...)						\
	{ .system = sys, .event = ev, .probe = -1, .key = k, .col = c,	\
	  __VA_ARGS__ }
#define KP(id, c, ...)							\
	{ .probe = id, .key = TKP_NAME_FIELD, .col = c, __VA_ARGS__ }

static const struct source sources[] = {
	TP("kmem", "kmem_cache_free", "name", CS_FREES, .primary = true),
	KP(TKP_FREE_BULK, CS_FREES, .val = TKP_COUNT_FIELD),
	KP(TKP_ALLOC, CS_ALLOCS, .primary = true),
	KP(TKP_ALLOC_LRU, CS_ALLOCS),
	KP(TKP_ALLOC_NODE, CS_ALLOCS),
	KP(TKP_ALLOC_BULK, CS_ALLOCS, .val = TKP_COUNT_FIELD),
	TP("kmem", "kmalloc", "bytes_alloc", CS_ALLOCS, .by_size = true),
	KP(TKP_SLOW_ALLOC, CS_SLOW_ALLOCS, .primary = true),
	KP(TKP_NEW_SLAB, CS_NEW_SLABS, .primary = true),
	KP(TKP_SLOW_FREE, CS_SLOW_FREES, .primary = true),
	KP(TKP_SLAB_FREED, CS_SLABS_FREED, .primary = true),
};

#define NSOURCES (sizeof(sources) / sizeof(sources[0]))

struct hist_run {
	const char *system, *event;
	struct tracefs_hist *h;
};

struct ctx {
	struct cmd_opts o;
	struct tinst ti;
	struct tkp_set kp;
	bool kp_made;
	struct btf *btf;
	struct tep_handle *tep;
	struct hist_run runs[NSOURCES];
	struct cs_table table;
	char **notes;
	size_t nnotes;
	uint64_t dropped;
	bool stopped_early;
};

static void note(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A line for the end of the report: what was not counted, and why. */
static void note(struct ctx *c, const char *fmt, ...)
{
	char **notes = realloc(c->notes, (c->nnotes + 1) * sizeof(*notes));
	va_list ap;
	int n;

	if (!notes)
		err(EXIT_FAIL, "out of memory");
	c->notes = notes;
	va_start(ap, fmt);
	n = vasprintf(&notes[c->nnotes], fmt, ap);
	va_end(ap);
	if (n < 0)
		err(EXIT_FAIL, "out of memory");
	c->nnotes++;
}

/* ---- setting up and taking down ---- */

/* The kernel's reason a trigger was refused, from our instance's error_log. */
static void start_failed(struct ctx *c, size_t i, int err)
{
	char *why = tracefs_error_last(c->ti.inst);

	note(c, "%s%s: hist trigger on %s/%s refused: %s",
	     cs_col_name(sources[i].col),
	     sources[i].primary ? " not counted" : " incomplete",
	     c->runs[i].system, c->runs[i].event,
	     why && *why ? why : strerror(err));
	free(why);
}

static void start_one(struct ctx *c, size_t i)
{
	const struct source *s = &sources[i];
	struct hist_run *r = &c->runs[i];

	if (s->probe >= 0 && !c->kp.p[s->probe].sym) {
		if (s->primary)
			note(c, "%s not counted: %s", cs_col_name(s->col),
			     c->kp.p[s->probe].skipped);
		else
			note(c, "%s leave out the kprobe event %s: %s",
			     cs_col_name(s->col), c->kp.p[s->probe].event,
			     c->kp.p[s->probe].skipped);
		return;
	}
	r->system = s->system ? s->system : c->kp.group;
	r->event = s->event ? s->event : c->kp.p[s->probe].event;
	errno = 0;
	r->h = tracefs_hist_alloc(c->tep, r->system, r->event, s->key,
				  TRACEFS_HIST_KEY_NORMAL);
	if (!r->h || (s->val && tracefs_hist_add_value(r->h, s->val))) {
		note(c, "%s%s: no event %s/%s with a field %s%s%s",
		     cs_col_name(s->col), s->primary ? " not counted" : " incomplete",
		     r->system, r->event, s->key, s->val ? " and " : "",
		     s->val ? s->val : "");
	} else if (tracefs_hist_start(c->ti.inst, r->h)) {
		start_failed(c, i, errno);
	} else {
		return;
	}
	tracefs_hist_free(r->h);
	r->h = NULL;
}

/* A column is counted when every source it cannot do without is. */
static void columns_counted(struct ctx *c)
{
	size_t i;

	for (i = 0; i < CS_NCOLS; i++)
		c->table.have[i] = true;
	for (i = 0; i < NSOURCES; i++)
		if (sources[i].primary && !c->runs[i].h)
			c->table.have[sources[i].col] = false;
}

static int setup(struct ctx *c)
{
	const char *systems[] = { "kmem", c->kp.group, NULL };
	const char *why = NULL;
	char group[sizeof(c->kp.group)];
	struct swerr e;
	size_t i, n = 0;

	if (tinst_create(&c->ti, INSTANCE_PREFIX, &e)) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	c->btf = tbtf_load_vmlinux(&e);
	if (!c->btf)
		why = e.msg;
	/* Dynamic events are global: the pid keeps two of us apart. */
	snprintf(group, sizeof(group), "slabwall_hist_%ld", (long)getpid());
	tkp_create(&c->kp, group, c->btf, why);
	c->kp_made = true;
	if (sw_interrupted)
		return EXIT_FAIL;
	c->tep = tracefs_local_events_system(NULL, systems);
	if (!c->tep) {
		warnx("%s/events/kmem: cannot read the event formats",
		      tracefs_tracing_dir());
		return EXIT_FAIL;
	}
	for (i = 0; i < NSOURCES && !sw_interrupted; i++) {
		start_one(c, i);
		n += c->runs[i].h != NULL;
	}
	if (sw_interrupted)
		return EXIT_FAIL;
	if (!n) {
		warnx("no hist trigger could be set: %s",
		      c->nnotes ? c->notes[0] : "?");
		return EXIT_FAIL;
	}
	columns_counted(c);
	return EXIT_OK;
}

/* Triggers first: the kernel keeps an event in use by one. */
static void teardown(struct ctx *c)
{
	struct hist_run *r;
	size_t i;

	for (i = 0; i < NSOURCES; i++) {
		r = &c->runs[i];
		if (!r->h)
			continue;
		tracefs_hist_destroy(c->ti.inst, r->h);
		tracefs_hist_free(r->h);
		r->h = NULL;
	}
	/* The instance takes any trigger left with it; then try again. */
	if (c->kp_made && tkp_destroy(&c->kp, false)) {
		tinst_destroy(&c->ti);
		tkp_destroy(&c->kp, true);
	}
	tinst_destroy(&c->ti);
	if (c->tep)
		tep_free(c->tep);
	c->tep = NULL;
	btf__free(c->btf);
	c->btf = NULL;
}

/* ---- reading the tables ---- */

/*
 * The kmalloc-N that kmalloc() takes @bytes_alloc (the cache's object
 * size) from; false for page allocator sizes and for sizes no kmalloc-N
 * has (a debug option can make a cache's objects larger).
 */
static bool kmalloc_cache(const char *bytes_alloc, char *name, size_t len)
{
	uint64_t bytes, size;

	if (!parse_u64(bytes_alloc, &bytes) ||
	    sf_kmalloc_cache(NULL, bytes, name, len) ||
	    sf_kmalloc_size(name, &size))
		return false;
	return size == bytes;
}

/*
 * Folds one row into the table.  Rows with no name (kfree_bulk() passes
 * no cache, RCU's batched kfree() uses it) and kmalloc sizes of no
 * kmalloc-N are counted in *@unnamed and *@unmapped instead.
 */
static int fold_row(struct ctx *c, size_t i, const struct thist_row *row,
		    uint64_t *unnamed, uint64_t *unmapped)
{
	const struct source *s = &sources[i];
	const char *cache = row->key;
	char name[64];
	uint64_t v = row->hitcount;

	if (s->val && !thist_row_val(row, s->val, &v)) {
		warnx("%s/%s: row \"%s\" has no %s", c->runs[i].system,
		      c->runs[i].event, row->key, s->val);
		return EXIT_FAIL;
	}
	if (s->by_size) {
		if (!kmalloc_cache(row->key, name, sizeof(name))) {
			*unmapped += v;
			return EXIT_OK;
		}
		cache = name;
	} else if (!*cache) {
		*unnamed += v;
		return EXIT_OK;
	}
	if (cs_add(&c->table, cache, s->col, v))
		err(EXIT_FAIL, "out of memory");
	return EXIT_OK;
}

static void dropped(struct ctx *c, size_t i, uint64_t n)
{
	note(c, "%s: %" PRIu64 " events of %s/%s dropped, its table was full: the counts are low",
	     cs_col_name(sources[i].col), n, c->runs[i].system, c->runs[i].event);
	c->dropped += n;
}

static int read_one(struct ctx *c, size_t i)
{
	struct hist_run *r = &c->runs[i];
	uint64_t unnamed = 0, unmapped = 0;
	struct thist h;
	struct swerr e;
	char *text, dir[512];
	size_t k;
	int ret;

	tinst_dir(&c->ti, dir, sizeof(dir));
	text = tracefs_event_file_read(c->ti.inst, r->system, r->event, "hist",
				       NULL);
	if (!text) {
		warn("%s/events/%s/%s/hist: cannot read", dir, r->system, r->event);
		return EXIT_FAIL;
	}
	ret = thist_parse(text, &h, &e);
	free(text);
	if (ret) {
		warnx("%s/events/%s/%s/hist: %s", dir, r->system, r->event, e.msg);
		thist_free(&h);
		return EXIT_FAIL;
	}
	for (k = 0; !ret && k < h.nrows; k++)
		ret = fold_row(c, i, &h.rows[k], &unnamed, &unmapped);
	if (h.dropped)
		dropped(c, i, h.dropped);
	if (unnamed)
		note(c, "%s: %" PRIu64 " from %s/%s with no cache (kfree_bulk() names none) left out",
		     cs_col_name(sources[i].col), unnamed, r->system, r->event);
	if (unmapped)
		note(c, "%" PRIu64 " kmalloc() calls above 8 KiB (no kmalloc-N) left out",
		     unmapped);
	thist_free(&h);
	return ret;
}

static int collect(struct ctx *c)
{
	size_t i;
	int ret = EXIT_OK;

	/* All of them still, so that the columns add up over the same events. */
	for (i = 0; i < NSOURCES; i++)
		if (c->runs[i].h)
			tracefs_hist_pause(c->ti.inst, c->runs[i].h);
	for (i = 0; i < NSOURCES && !ret; i++)
		if (c->runs[i].h)
			ret = read_one(c, i);
	return ret;
}

/* ---- what runs meanwhile ---- */

static int run_command(struct ctx *c)
{
	char **argv = c->o.command;
	char why[64];
	int status;

	status = proc_run(argv, -1);
	if (status < 0)
		return EXIT_FAIL;
	if (proc_status(status, why, sizeof(why))) {
		note(c, "%s %s", argv[0], why);
		c->stopped_early = true;
	}
	return EXIT_OK;
}

static int run_slabwall(struct ctx *c)
{
	bool cut_short = false;
	int ret = runopts_run(&cut_short);

	c->stopped_early = cut_short;
	return ret;
}

/* ---- the report ---- */

static void print_json(struct ctx *c)
{
	struct utsname u;
	struct jw w;
	size_t i;
	int id;

	jw_init(&w, stdout);
	jw_begin_obj(&w, NULL);
	jw_str(&w, "kernel", uname(&u) ? NULL : u.release);
	jw_str(&w, "instance", c->ti.name);
	jw_bool(&w, "stopped_early", c->stopped_early);
	jw_u64(&w, "dropped", c->dropped);
	jw_begin_arr(&w, "probes");
	for (id = 0; id < TKP_COUNT; id++) {
		jw_begin_obj(&w, NULL);
		jw_str(&w, "event", c->kp.p[id].event);
		jw_str(&w, "function", c->kp.p[id].sym);
		jw_str(&w, "skipped", c->kp.p[id].sym ? NULL : c->kp.p[id].skipped);
		jw_end_obj(&w);
	}
	jw_end_arr(&w);
	jw_begin_arr(&w, "notes");
	for (i = 0; i < c->nnotes; i++)
		jw_str(&w, NULL, c->notes[i]);
	jw_end_arr(&w);
	cs_print_json(&w, "caches", &c->table);
	jw_end_obj(&w);
	fputc('\n', stdout);
}

static int report(struct ctx *c)
{
	size_t i;

	if (c->o.ncaches && cs_keep(&c->table, c->o.caches, c->o.ncaches))
		err(EXIT_FAIL, "out of memory");
	cs_sort(&c->table);
	if (c->o.json) {
		print_json(c);
		return EXIT_OK;
	}
	if (c->o.csv) {
		for (i = 0; i < c->nnotes; i++)
			warnx("%s", c->notes[i]);
		if (cs_print_csv(stdout, &c->table)) {
			warnx("writing the CSV failed");
			return EXIT_FAIL;
		}
		return EXIT_OK;
	}
	cs_print_table(stdout, &c->table);
	if (c->nnotes)
		fputc('\n', stdout);
	for (i = 0; i < c->nnotes; i++)
		printf("note: %s\n", c->notes[i]);
	return EXIT_OK;
}

static void ctx_free(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nnotes; i++)
		free(c->notes[i]);
	free(c->notes);
	cs_free(&c->table);
}

/* Setup, the run, the tables read, and always the teardown. */
static int trace(struct ctx *c)
{
	int ret = setup(c);

	if (!ret)
		ret = c->o.command ? run_command(c) : run_slabwall(c);
	/* Stopped by Ctrl-C, the run still reports what it counted. */
	if (!ret) {
		c->stopped_early |= sw_interrupted;
		ret = collect(c);
	}
	teardown(c);
	return ret;
}

int cmd_trace_hist(int argc, char **argv)
{
	const struct swp_info *pi = NULL;
	struct ctx c;
	struct swerr e;
	int ret;

	memset(&c, 0, sizeof(c));
	cs_init(&c.table);
	ret = parse_args(argc, argv, &c.o);
	if (ret)
		return ret;
	if (c.o.help) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!c.o.command) {
		/* The knobs first: a value the module refuses leaves nothing to undo. */
		if (sw_check(NULL, &e)) {
			warnx("%s", e.msg);
			return EXIT_FAIL;
		}
		ret = runopts_apply(&c.o.run, &pi);
		if (ret)
			return ret;
	}
	ret = trace(&c);
	if (ret) {
		if (sw_interrupted)
			warnx("interrupted; the tracing instance and kprobe events are removed");
		ctx_free(&c);
		return ret;
	}
	ret = report(&c);
	ctx_free(&c);
	return ret ? ret : c.stopped_early ? EXIT_FAIL : EXIT_OK;
}
