// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall trace record: trace one slabwall run (or a command) in a tracefs
 * instance of its own and write a trace.dat that trace-cmd report and
 * slabwall trace report read.  The instance keeps the top-level buffer and
 * every other user's tracing untouched; trace-cmd extract writes the file.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tracefs.h>

#include "commands.h"
#include "proc.h"
#include "runopts.h"
#include "slabfs.h"
#include "strnum.h"
#include "trace_events.h"
#include "trace_instance.h"

#define MAX_CACHES 16
#define DEFAULT_BUFFER_KB 16384

enum { O_HELP = 'h', O_OUT = 'o', O_CACHE = 256, O_EVENTS, O_BUFFER,
       O_TRACE_CMD };

struct rec_opts {
	struct run_opts run;
	const char *out;
	const char *events;
	bool default_events;		/* no --events given */
	const char *caches[MAX_CACHES];
	unsigned int nr_caches;
	uint64_t buffer_kb;
	const char *trace_cmd;
	char **command;			/* after --, or NULL for a slabwall run */
	bool help;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall trace record [run options] [--cache NAME]... [--events LIST]\n"
		"                             [--buffer-kb N] [-o FILE] [-- COMMAND [ARGS...]]\n"
		"\n"
		"Traces one slabwall run with the knobs given (the others keep their\n"
		"values), or COMMAND, in a tracefs instance of its own, then writes what\n"
		"the instance caught to FILE with trace-cmd extract.  The instance is\n"
		"removed afterwards, also on Ctrl-C.  Read FILE with 'slabwall trace\n"
		"report' or 'trace-cmd report'.\n"
		"\n");
	runopts_usage(f);
	fprintf(f,
		"  --cache NAME    only this cache (repeatable): kmem_cache_free by name,\n"
		"                  kmem_cache_alloc by the cache's object and slab sizes\n"
		"                  (other caches of the same sizes pass too)\n"
		"  --events LIST   events to enable, comma-separated SYSTEM:EVENT or SYSTEM\n"
		"                  (default: %s)\n"
		"  --buffer-kb N   ring buffer per CPU in KiB (default %d); a run that\n"
		"                  fills it loses its oldest events, and the report says so\n"
		"  -o FILE         output file (default trace.dat)\n"
		"  --trace-cmd P   the trace-cmd program (default trace-cmd)\n"
		"  --help          this text\n"
		"\n"
		"Exit status: 0 ok, 1 failure, 2 bad command line, 3 refused by the module;\n"
		"with COMMAND, 1 when it failed.\n",
		TE_DEFAULT_EVENTS, DEFAULT_BUFFER_KB);
}

static int take_own(void *arg, int c, const char *optarg)
{
	struct rec_opts *o = arg;

	switch (c) {
	case O_CACHE:
		if (o->nr_caches == MAX_CACHES)
			return sw_usage_error("trace record",
					      "--cache: at most %d caches",
					      MAX_CACHES);
		o->caches[o->nr_caches++] = optarg;
		break;
	case O_EVENTS:
		o->events = optarg;
		o->default_events = false;
		break;
	case O_BUFFER:
		if (!parse_u64(optarg, &o->buffer_kb) || !o->buffer_kb ||
		    o->buffer_kb > (1U << 22))
			return sw_usage_error("trace record",
					      "--buffer-kb \"%s\": want 1 to %u",
					      optarg, 1U << 22);
		break;
	case O_OUT:
		o->out = optarg;
		break;
	case O_TRACE_CMD:
		o->trace_cmd = optarg;
		break;
	case O_HELP:
		o->help = true;
		break;
	default:
		return sw_usage_hint("trace record");
	}
	return EXIT_OK;
}

static int parse_args(int argc, char **argv, struct rec_opts *o)
{
	static const struct option own[] = {
		{ "cache", required_argument, NULL, O_CACHE },
		{ "events", required_argument, NULL, O_EVENTS },
		{ "buffer-kb", required_argument, NULL, O_BUFFER },
		{ "trace-cmd", required_argument, NULL, O_TRACE_CMD },
		{ "help", no_argument, NULL, O_HELP },
		{ 0 }
	};
	int ret;

	memset(o, 0, sizeof(*o));
	o->out = "trace.dat";
	o->events = TE_DEFAULT_EVENTS;
	o->default_events = true;
	o->buffer_kb = DEFAULT_BUFFER_KB;
	o->trace_cmd = "trace-cmd";
	ret = runopts_getopt(argc, argv, "+ho:", own, &o->run, "trace record",
			     take_own, o);
	if (ret || o->help)
		return ret;
	return runopts_command(argc, argv, &o->run, "trace record", &o->command);
}

/*
 * kmem_cache_alloc has no cache name on 6.1 and 6.12: it is matched by
 * the cache's sizes (bytes_req is object_size, bytes_alloc the stride).
 */
static int cache_filters(const struct rec_opts *o, char *alloc, char *free_f,
			 size_t size)
{
	size_t la = 0, lf = 0;
	struct sf_cache c;
	struct swerr e;
	unsigned int i;

	alloc[0] = free_f[0] = 0;
	for (i = 0; i < o->nr_caches; i++) {
		if (sf_read_cache(NULL, o->caches[i], &c, &e)) {
			warnx("--cache %s: %s", o->caches[i], e.msg);
			return EXIT_USAGE;
		}
		if (!c.object_size.present || !c.slab_size.present) {
			warnx("--cache %s: %s/%s has no object_size or slab_size",
			      o->caches[i], SF_DEFAULT_ROOT, c.real);
			return EXIT_FAIL;
		}
		la += snprintf(alloc + la, size - la,
			       "%s(bytes_req == %" PRIu64 " && bytes_alloc == %" PRIu64 ")",
			       i ? " || " : "", c.object_size.v, c.slab_size.v);
		lf += snprintf(free_f + lf, size - lf, "%sname == \"%s\"",
			       i ? " || " : "", o->caches[i]);
		if (la >= size || lf >= size) {
			warnx("--cache: too many caches for one filter");
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

static int set_filters(struct tinst *t, const struct rec_opts *o)
{
	char alloc[2048], free_f[2048];
	int ret;

	if (!o->nr_caches)
		return EXIT_OK;
	ret = cache_filters(o, alloc, free_f, sizeof(alloc));
	if (ret)
		return ret;
	if (tracefs_event_file_write(t->inst, "kmem", "kmem_cache_alloc",
				     "filter", alloc) < 0 ||
	    tracefs_event_file_write(t->inst, "kmem", "kmem_cache_free",
				     "filter", free_f) < 0) {
		warnx("%s: cannot set the --cache filters on kmem_cache_alloc/free (are they enabled?)",
		      t->name);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* Runs COMMAND and waits for it; its failure is ours. */
static int run_command(char **command)
{
	char why[64];
	int status;

	status = proc_run(command, -1);
	if (status < 0)
		return EXIT_FAIL;
	if (!proc_status(status, why, sizeof(why)))
		return EXIT_OK;
	warnx("%s %s", command[0], why);
	return EXIT_FAIL;
}

static int run_traced(const struct rec_opts *o)
{
	bool cut_short = false;
	int ret;

	if (o->command)
		return run_command(o->command);
	ret = runopts_run(&cut_short);
	if (!ret && cut_short)
		warnx("the run was cut short; the trace covers the part that ran");
	return ret;
}

/*
 * The default list without slabwall's events when the module is not
 * loaded: a COMMAND can be traced without it.
 */
static const char *default_events(const struct rec_opts *o)
{
	if (!o->default_events ||
	    tracefs_event_file_exists(NULL, "slabwall", "slabwall_op", "format"))
		return o->events;
	warnx("slabwall.ko is not loaded: tracing the kmem events only");
	return TE_KMEM_EVENTS;
}

/* Knobs are written before tracing starts: their writes are not traced. */
static int prepare_run(const struct rec_opts *o)
{
	const struct swp_info *pi;
	struct swerr e;

	if (o->command)
		return EXIT_OK;
	if (sw_check(NULL, &e)) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	return runopts_apply(&o->run, &pi);
}

/* Shows what trace-cmd said, when it failed. */
static void show_log(FILE *log)
{
	char line[512];

	rewind(log);
	while (fgets(line, sizeof(line), log))
		fprintf(stderr, "  %s", line);
}

/*
 * trace-cmd extract writes the instance's buffers to @out.  Its per-CPU
 * chatter is kept from the terminal and shown only when it fails; a
 * file it left half written is removed.
 */
static int extract(const struct rec_opts *o, const struct tinst *t)
{
	char *argv[] = { (char *)o->trace_cmd, "extract", "-B", (char *)t->name,
			 "-o", (char *)o->out, NULL };
	FILE *log = tmpfile();
	char why[64];
	int status;

	if (!log) {
		warn("tmpfile");
		return EXIT_FAIL;
	}
	status = proc_run(argv, fileno(log));
	if (status >= 0 && !proc_status(status, why, sizeof(why))) {
		fclose(log);
		return EXIT_OK;
	}
	if (status >= 0)
		warnx("%s extract -B %s -o %s %s:", o->trace_cmd, t->name,
		      o->out, why);
	show_log(log);
	fclose(log);
	unlink(o->out);
	return EXIT_FAIL;
}

int cmd_trace_record(int argc, char **argv)
{
	struct te_lost lost;
	struct rec_opts o;
	char dir[512];
	struct tinst t;
	struct swerr e;
	int ret, run_ret, err;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		usage(stdout);
		return EXIT_OK;
	}
	ret = prepare_run(&o);
	if (ret)
		return ret;
	/* From here Ctrl-C only sets a flag: the instance must go. */
	if (tinst_create(&t, "slabwall-record", &e)) {
		warnx("%s", e.msg);
		tinst_destroy(&t);
		return EXIT_FAIL;
	}
	ret = EXIT_FAIL;
	if (tracefs_instance_set_buffer_size(t.inst, o.buffer_kb, -1) < 0) {
		warn("%s/buffer_size_kb: cannot write %" PRIu64,
		     tinst_dir(&t, dir, sizeof(dir)), o.buffer_kb);
		goto out;
	}
	err = te_enable(t.inst, default_events(&o), &e);
	if (err) {
		warnx("--events: %s", e.msg);
		ret = err == -ENOENT ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	ret = set_filters(&t, &o);
	if (ret)
		goto out;
	if (sw_interrupted) {
		warnx("interrupted before the run started: nothing traced");
		ret = EXIT_FAIL;
		goto out;
	}
	if (tracefs_trace_on(t.inst) < 0) {
		warn("%s/tracing_on: cannot write 1", tinst_dir(&t, dir, sizeof(dir)));
		ret = EXIT_FAIL;
		goto out;
	}
	run_ret = run_traced(&o);
	tracefs_trace_off(t.inst);
	/* A run the module refused or that failed left nothing to keep. */
	if (!o.command && (run_ret == EXIT_REFUSED || run_ret == EXIT_FAIL)) {
		ret = run_ret;
		goto out;
	}
	te_lost_read(t.inst, &lost);
	ret = extract(&o, &t);
	if (!ret) {
		printf("slabwall trace record: wrote %s (instance %s, %" PRIu64
		       " events written)\n", o.out, t.name, lost.entries);
		if (lost.lost)
			printf("slabwall trace record: LOST %" PRIu64
			       " events (ring buffer full): use --buffer-kb or 'slabwall trace hist'\n",
			       lost.lost);
	}
	if (!ret)
		ret = run_ret;
out:
	tinst_destroy(&t);
	return ret;
}
