// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall slabs: a slabinfo/slabtop-like view of /sys/kernel/slab, once
 * or redrawn every few seconds with net rates from the difference between
 * readings.  The kernel counts objects and slabs by walking lists under
 * the node lock, so every reading disturbs the caches a little: intervals
 * under a second are refused.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "slabnodes_print.h"
#include "slabs_print.h"
#include "slabtable.h"
#include "strnum.h"

#define WATCH_DEFAULT_S 2.0
#define WATCH_MIN_S 1.0
#define WATCH_MAX_S 86400.0

struct slabs_opts {
	bool watch, json, help, nodes;
	double interval;
	uint64_t count;			/* frames to show; 0: until interrupted */
	enum st_sort sort;
	char **names;
	size_t nnames;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall slabs [--watch [SECONDS]] [--count N] [--sort KEY] [--json]\n"
		"                      [--nodes] [CACHE...]\n"
		"\n"
		"Shows the slab caches named (all of them by default) as SLUB counts them in\n"
		"/sys/kernel/slab, one line per cache.  A name that is an alias of a merged\n"
		"cache shows as that cache, with every alias listed under the table.\n"
		"\n"
		"  --watch [SECONDS]  redraw every SECONDS (default %.0f, at least %.0f: each\n"
		"                     reading walks the slab lists under the node lock) and\n"
		"                     add NET OBJ/s and NET SLAB/s, the net change per second\n"
		"                     since the previous reading; without CONFIG_SLUB_STATS\n"
		"                     the kernel counts no allocations, so an allocation and\n"
		"                     a free within one interval cancel out\n"
		"  --count N          with --watch: stop after N readings\n"
		"  --sort KEY         %s\n"
		"                     (default memory); name sorts up, the rest down; loss\n"
		"                     sorts by bytes, partial by partial slabs, rate by NET OBJ/s\n"
		"  --json             one JSON object (per reading with --watch)\n"
		"  --nodes            per NUMA node instead: each cache's ACTIVE, TOTAL, SLABS,\n"
		"                     PARTIAL and PART_ACTIVE (objects in use on partial\n"
		"                     slabs) from the N<node>= fields of objects,\n"
		"                     total_objects, slabs, partial and objects_partial\n"
		"  --help             this text\n"
		"\n"
		"Columns: OBJSIZE object size; ACTIVE objects in use as the kernel counts them\n"
		"(free objects held by CPUs count as in use); TOTAL object slots; SLABS; PARTIAL\n"
		"slabs on the node partial lists; CPU slabs held by CPUs (cpu_slabs); ORD slab\n"
		"order; MEMORY slabs times their size; B/ACTIVE memory per active object; LOSS%%\n"
		"share of the memory not holding an active object; PART%% partial slabs over all\n"
		"slabs; ALIAS how many names are merged into the cache.  \"-\": not known\n"
		"(this kernel lacks the file, or nothing to divide by).\n"
		"\n"
		"Needs root (the attributes are root-only).  Exit status: 0 ok, 1 failure,\n"
		"2 bad command line or no such cache.\n",
		WATCH_DEFAULT_S, WATCH_MIN_S, st_sort_keys());
}

/* Seconds, fractions allowed; false for anything else. */
static bool parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	if (!*s || (*s != '.' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

static int parse_args(int argc, char **argv, struct slabs_opts *o)
{
	enum { O_HELP = 'h', O_WATCH = 256, O_COUNT, O_SORT, O_JSON, O_NODES };
	static const struct option opts[] = {
		{ "watch", optional_argument, NULL, O_WATCH },
		{ "count", required_argument, NULL, O_COUNT },
		{ "sort", required_argument, NULL, O_SORT },
		{ "json", no_argument, NULL, O_JSON },
		{ "nodes", no_argument, NULL, O_NODES },
		{ "help", no_argument, NULL, O_HELP },
		{ 0 }
	};
	const char *secs;
	int c;

	memset(o, 0, sizeof(*o));
	o->interval = WATCH_DEFAULT_S;
	o->sort = ST_SORT_MEMORY;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_WATCH:
			o->watch = true;
			secs = optarg;
			/* "--watch 5" as well as "--watch=5": a number is no cache name. */
			if (!secs && optind < argc &&
			    parse_seconds(argv[optind], &o->interval))
				secs = argv[optind++];
			if (secs && !parse_seconds(secs, &o->interval))
				return sw_usage_error("slabs",
						      "--watch \"%s\": not a number of seconds",
						      secs);
			if (o->interval < WATCH_MIN_S)
				return sw_usage_error("slabs",
						      "--watch %s: under %.0f s the readings themselves disturb the caches (counting walks the slab lists under the node lock)",
						      secs, WATCH_MIN_S);
			if (o->interval > WATCH_MAX_S)
				return sw_usage_error("slabs",
						      "--watch %s: more than a day", secs);
			break;
		case O_COUNT:
			if (!parse_u64(optarg, &o->count) || !o->count)
				return sw_usage_error("slabs",
						      "--count \"%s\": want a whole number from 1",
						      optarg);
			break;
		case O_SORT:
			if (st_sort_parse(optarg, &o->sort))
				return sw_usage_error("slabs",
						      "--sort \"%s\": want one of %s",
						      optarg, st_sort_keys());
			break;
		case O_JSON:
			o->json = true;
			break;
		case O_NODES:
			o->nodes = true;
			break;
		case O_HELP:
			o->help = true;
			return EXIT_OK;
		default:
			return sw_usage_hint("slabs");
		}
	}
	if (o->count && !o->watch)
		return sw_usage_error("slabs", "--count needs --watch");
	if (o->sort == ST_SORT_RATE && !o->watch)
		return sw_usage_error("slabs",
				      "--sort rate needs --watch: rates come from two readings");
	o->names = argv + optind;
	o->nnames = (size_t)(argc - optind);
	return EXIT_OK;
}

/* One reading of the caches asked for, rates against @prev when given. */
static int take(const struct slabs_opts *o, bool first,
		const struct st_table *prev, struct st_table *t)
{
	struct sf_entry *ents;
	struct swerr e;
	size_t nents;
	int ret;

	ret = sf_list(NULL, &ents, &nents, &e);
	if (ret) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	/* A named cache that goes away while watching drops out quietly. */
	ret = st_select(NULL, ents, nents, o->names, o->nnames, !first, t, &e);
	free(ents);
	if (ret) {
		warnx("%s", e.msg);
		return ret == -ENOENT ? EXIT_USAGE : EXIT_FAIL;
	}
	ret = st_read(NULL, 0, t, &e);
	if (ret) {
		warnx("%s", e.msg);
		st_free(t);
		return EXIT_FAIL;
	}
	if (prev)
		st_rates(t, prev);
	st_sort(t, o->sort);
	return EXIT_OK;
}

static void print_header(const struct slabs_opts *o, const struct st_table *t)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;

	strftime(when, sizeof(when), "%H:%M:%S", localtime_r(&now, &tm));
	printf("slabwall slabs  %s  every %g s  sorted by %s  %zu cache(s)\n",
	       when, o->interval, st_sort_name(o->sort), t->n);
	if (t->have_rates)
		printf("NET OBJ/s, NET SLAB/s: net change per second over the last %.1f s, not\n"
		       "allocation counts (without CONFIG_SLUB_STATS the kernel keeps none).\n\n",
		       t->interval);
	else
		printf("NET OBJ/s, NET SLAB/s: from the next reading on.\n\n");
}

/* The per-node counts of every row of @t, in a malloc'd array of t->n. */
static int read_nodes(const struct st_table *t, struct sn_counts **out)
{
	struct sn_counts *nodes = calloc(t->n ? t->n : 1, sizeof(*nodes));
	struct swerr e;
	size_t i;

	if (!nodes) {
		warnx("slabs --nodes: out of memory");
		return EXIT_FAIL;
	}
	for (i = 0; i < t->n; i++) {
		if (!t->rows[i].have)
			continue;
		if (sn_read(NULL, t->rows[i].name, &nodes[i], &e)) {
			warnx("%s", e.msg);
			while (i--)
				sn_free(&nodes[i]);
			free(nodes);
			return EXIT_FAIL;
		}
	}
	*out = nodes;
	return EXIT_OK;
}

static void free_nodes(const struct st_table *t, struct sn_counts *nodes)
{
	size_t i;

	for (i = 0; nodes && i < t->n; i++)
		sn_free(&nodes[i]);
	free(nodes);
}

static void print_json(const struct slabs_opts *o, const struct st_table *t,
		       const struct sn_counts *nodes)
{
	struct timespec ts;
	struct jw w;

	jw_init(&w, stdout);
	jw_begin_obj(&w, NULL);
	if (o->watch) {
		clock_gettime(CLOCK_REALTIME, &ts);
		jw_double(&w, "time", (double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
		if (t->have_rates)
			jw_double(&w, "interval_s", t->interval);
		else
			jw_null(&w, "interval_s");
		jw_str(&w, "rates", "net change per second since the previous reading, not allocation counts");
	}
	jw_str(&w, "sort", st_sort_name(o->sort));
	if (nodes)
		slabnodes_print_json(&w, t, nodes);
	else
		slabs_print_json(&w, t, o->watch);
	jw_end_obj(&w);
}

static int show(const struct slabs_opts *o, const struct st_table *t,
		bool redraw)
{
	struct sn_counts *nodes = NULL;
	int ret;

	if (o->nodes) {
		ret = read_nodes(t, &nodes);
		if (ret)
			return ret;
	}
	if (o->json) {
		print_json(o, t, nodes);
	} else {
		if (redraw)
			fputs("\033[H\033[2J", stdout);
		if (o->watch)
			print_header(o, t);
		if (nodes)
			slabnodes_print_text(stdout, t, nodes);
		else
			slabs_print_text(stdout, t, o->watch);
		if (o->watch && !redraw)
			putchar('\n');
	}
	fflush(stdout);
	free_nodes(t, nodes);
	return EXIT_OK;
}

static void add_seconds(struct timespec *ts, double s)
{
	double whole = floor(s);

	ts->tv_sec += (time_t)whole;
	ts->tv_nsec += (long)((s - whole) * 1e9);
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static bool before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static int watch(const struct slabs_opts *o)
{
	struct st_table prev = { 0 }, cur;
	bool redraw = !o->json && isatty(STDOUT_FILENO);
	struct timespec next, now;
	uint64_t frame;
	int ret = EXIT_OK;

	/* Ctrl-C cuts the nap short (no SA_RESTART) and ends cleanly. */
	sw_catch_signals(NULL);
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (frame = 0; !sw_interrupted; frame++) {
		ret = take(o, frame == 0, frame ? &prev : NULL, &cur);
		if (ret)
			break;
		ret = show(o, &cur, redraw);
		st_free(&prev);
		prev = cur;
		if (ret)
			break;
		if (o->count && frame + 1 >= o->count)
			break;
		/* Fixed beats, so the intervals do not stretch by the reading time. */
		add_seconds(&next, o->interval);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (before(&next, &now))
			next = now;
		while (!sw_interrupted &&
		       clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next,
				       NULL) == EINTR)
			;
	}
	st_free(&prev);
	return ret;
}

int cmd_slabs(int argc, char **argv)
{
	struct slabs_opts o;
	struct st_table t;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		usage(stdout);
		return EXIT_OK;
	}
	if (o.watch)
		return watch(&o);
	ret = take(&o, true, NULL, &t);
	if (ret)
		return ret;
	ret = show(&o, &t, false);
	st_free(&t);
	return ret;
}
