// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall trace report FILE: what a trace.dat says about the slab
 * allocator, per cache (allocations paired with their frees by pointer,
 * cross-CPU frees, lifetimes, waste), per call site and per page order,
 * and, for a trace of a slabwall run, the module's totals next to it.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "strnum.h"
#include "trace_out.h"

#define TOP_DEFAULT 10

enum report_fmt { FMT_TABLE, FMT_CSV, FMT_JSON };

struct report_opts {
	enum report_fmt fmt;
	unsigned int top;
	char **caches;
	size_t ncaches;
	const char *file;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall trace report [--csv | --json] [--top N] [--cache NAME...]\n"
		"                             FILE\n"
		"\n"
		"Reads a trace-cmd trace.dat (slabwall trace record's, or any with kmem\n"
		"events, e.g. from 'trace-cmd record -e kmem') and pairs every allocation\n"
		"with its free by pointer.  The table has, in order:\n"
		"\n"
		"  - each slabwall run in the trace: its knobs and the module's totals,\n"
		"    and those totals next to what the trace counts for the run's cache\n"
		"  - per cache: allocations, frees, unpaired ones (allocated and never\n"
		"    freed in the trace / freed but allocated before it began), bytes\n"
		"    allocated and the share wasted over the bytes requested, frees on\n"
		"    another CPU than the allocation, object lifetime p50/p99/max, and\n"
		"    allocations that asked for a node\n"
		"  - the top call sites by allocations (symbol+offset, or the address\n"
		"    when the trace's symbol table lacks it)\n"
		"  - page allocations and frees by order\n"
		"  - lost events, also on stderr: pairing is then incomplete\n"
		"\n"
		"kmem_cache_alloc names no cache: an object takes the name its\n"
		"kmem_cache_free gives, else the one learned from objects of the same\n"
		"call site and size, else \"(unknown)\".  kmalloc objects are named by size\n"
		"class (kmalloc-8 ... kmalloc-8k, \"kmalloc-large (pages)\"), accounted and\n"
		"reclaimable copies included.  Merged caches go by the name of the cache\n"
		"they merged into.  Bulk allocations and frees emit no kmem events.\n"
		"Lifetimes are in the trace clock's unit (ns with the default clock).\n"
		"\n"
		"  --csv          one line per cache, with a header line\n"
		"  --json         the whole report as one JSON object\n"
		"  --top N        call sites to list (default %d; 0: none)\n"
		"  --cache NAME   only this cache (repeatable), in every section\n"
		"  --help         this text\n"
		"\n"
		"Exit status: 0 ok, 1 the file is missing or not a trace, 2 bad command\n"
		"line.\n", TOP_DEFAULT);
}

enum { O_CSV = 256, O_JSON, O_TOP, O_CACHE };

/* EXIT_OK to go on, -1 after --help, or the exit code of a usage error. */
static int parse(int argc, char **argv, struct report_opts *o)
{
	static const struct option opts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "json", no_argument, NULL, O_JSON },
		{ "top", required_argument, NULL, O_TOP },
		{ "cache", required_argument, NULL, O_CACHE },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	uint64_t top;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_CSV:
		case O_JSON:
			if (o->fmt != FMT_TABLE)
				return sw_usage_error("trace report",
						      "--csv or --json, not both");
			o->fmt = c == O_CSV ? FMT_CSV : FMT_JSON;
			break;
		case O_TOP:
			if (!parse_u64(optarg, &top) || top > 1000000)
				return sw_usage_error("trace report",
						      "--top \"%s\": want a whole number up to 1000000",
						      optarg);
			o->top = (unsigned int)top;
			break;
		case O_CACHE:
			o->caches[o->ncaches++] = optarg;
			break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			return sw_usage_hint("trace report");
		}
	}
	if (optind >= argc)
		return sw_usage_error("trace report", "which trace.dat?");
	if (optind + 1 < argc)
		return sw_usage_error("trace report", "one trace.dat at a time (\"%s\" too)",
				      argv[optind + 1]);
	o->file = argv[optind];
	return EXIT_OK;
}

/* A --cache the trace does not have is said, not fatal: it may be a typo. */
static void warn_missing(const struct report_opts *o, const struct tr_data *d)
{
	size_t i;

	for (i = 0; i < o->ncaches; i++)
		if (!tp_find_cache(&d->pairs, o->caches[i]))
			warnx("%s: no cache named \"%s\" in the trace", o->file,
			      o->caches[i]);
}

static bool has_kmem(const struct tr_data *d)
{
	static const enum tr_ev kmem[] = {
		TR_CACHE_ALLOC, TR_CACHE_ALLOC_NODE, TR_CACHE_FREE,
		TR_KMALLOC, TR_KMALLOC_NODE, TR_KFREE,
	};
	size_t i;

	for (i = 0; i < sizeof(kmem) / sizeof(kmem[0]); i++)
		if (d->events[kmem[i]])
			return true;
	return false;
}

static int output(const struct report_opts *o, const struct tr_data *d)
{
	struct trace_out out = {
		.path = o->file, .d = d, .top = o->top,
		.caches = o->caches, .ncaches = o->ncaches,
	};
	struct trc_check *checks;
	size_t nchecks;
	char lost[512];
	int ret = 0;

	if (trc_build(d, &checks, &nchecks)) {
		warnx("%s: out of memory", o->file);
		return EXIT_FAIL;
	}
	out.checks = checks;
	out.nchecks = nchecks;
	if (trace_out_lost(d, lost, sizeof(lost)))
		warnx("%s: %s", o->file, lost);
	if (!has_kmem(d))
		warnx("%s: no kmem allocation or free events in the trace "
		      "(record with -e kmem)", o->file);
	warn_missing(o, d);
	if (o->fmt == FMT_CSV)
		ret = trace_out_csv(stdout, &out);
	else if (o->fmt == FMT_JSON)
		trace_out_json(stdout, &out);
	else
		trace_out_table(stdout, &out);
	free(checks);
	if (ret || fflush(stdout) || ferror(stdout)) {
		warnx("writing the report failed");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_trace_report(int argc, char **argv)
{
	struct report_opts o = { .fmt = FMT_TABLE, .top = TOP_DEFAULT };
	struct tr_data d;
	struct swerr e;
	int ret;

	/* No more --cache than arguments. */
	o.caches = calloc((size_t)argc + 1, sizeof(*o.caches));
	if (!o.caches)
		err(EXIT_FAIL, "out of memory");
	ret = parse(argc, argv, &o);
	if (ret) {
		free(o.caches);
		return ret < 0 ? EXIT_OK : ret;
	}
	if (tr_read(&d, o.file, &e)) {
		warnx("%s", e.msg);
		ret = EXIT_FAIL;
	} else {
		ret = output(&o, &d);
	}
	tr_release(&d);
	free(o.caches);
	return ret;
}
