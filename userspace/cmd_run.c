// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall run: set the knobs given on the command line, run once, and show
 * the module's stats with before/after deltas of the caches the run uses
 * and of /proc/meminfo.  Knobs not given keep their current values: there
 * is no reset, so settings made earlier (or by hand) stay.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "cpulist.h"
#include "snapshot.h"
#include "stats_print.h"
#include "strnum.h"
#include "swpattern.h"

/* How long past duration_ms a run may take to wind down before we give up. */
#define WAIT_SLACK_MS 30000
#define POLL_MS 100

/* Knobs in the order they are written: pattern first, --size depends on it. */
enum knob {
	K_PATTERN, K_STRATEGY, K_ALLOCS, K_SIZE, K_CPUS, K_FREE, K_WORK,
	K_DURATION, K_RATE, K_COUNT
};

static const char *const knob_names[K_COUNT] = {
	[K_PATTERN] = "pattern",
	[K_STRATEGY] = "strategy",
	[K_ALLOCS] = "allocs_per_op",
	[K_SIZE] = NULL,		/* the pattern's size_knob (swpattern.h) */
	[K_CPUS] = "cpus",
	[K_FREE] = "free",
	[K_WORK] = "work_bytes",
	[K_DURATION] = "duration_ms",
	[K_RATE] = "rate",
};

struct run_opts {
	const char *val[K_COUNT];	/* NULL: leave the knob alone */
	char cpus[4096];		/* --cpus, rewritten as the kernel writes it */
	bool json;
	bool help;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall run [--pattern P] [--strategy S] [--allocs N] [--cpus LIST]\n"
		"                    [--free local|remote] [--size B] [--work B]\n"
		"                    [--duration MS] [--rate R] [--json]\n"
		"\n"
		"Sets the knobs given (the others keep their current values), runs once,\n"
		"and prints the module's stats with before/after deltas of the slab caches\n"
		"the run uses, of Slab, SReclaimable and SUnreclaim in /proc/meminfo, and\n"
		"of the pages the page allocator handed out and took back (/proc/vmstat).\n"
		"\n"
		"  --pattern P     skb, dentry or kmalloc: what one object is\n"
		"  --strategy S    how objects are obtained: slab, bulk, pool or arena\n"
		"  --allocs N      objects allocated and freed per operation (allocs_per_op)\n"
		"  --cpus LIST     CPUs to run on, e.g. 0-3,6 (must be online)\n"
		"  --free WHERE    local, or remote: the next CPU of the list frees\n"
		"  --size B        object_size for kmalloc, data_size for skb,\n"
		"                  name_len for dentry\n"
		"  --work B        bytes of simulated processing per operation (work_bytes)\n"
		"  --duration MS   run length in milliseconds (duration_ms)\n"
		"  --rate R        operations per second per CPU, 0 for a closed loop\n"
		"  --json          print one JSON object instead of tables\n"
		"  --help          this text\n"
		"\n"
		"Exit status: 0 ok, 1 failure, 2 bad command line, 3 refused by the module\n"
		"(a value out of range, a run already going, or over mem_limit_kb).\n");
}

static int check_cpus(const char *arg, struct run_opts *o)
{
	struct cpuset want, online, offline;
	char bad[256];
	struct swerr e;

	if (cpulist_parse(arg, &want, &e))
		return sw_usage_error("run", "--cpus: %s", e.msg);
	if (!cpuset_count(&want))
		return sw_usage_error("run", "--cpus \"%s\": no CPUs in the list",
				      arg);
	/* The module refuses offline CPUs too; say which ones here. */
	if (cpulist_read(CPULIST_ONLINE_PATH, &online, &e) == 0 &&
	    !cpuset_subset(&want, &online)) {
		cpuset_minus(&want, &online, &offline);
		cpulist_format(&offline, bad, sizeof(bad));
		return sw_usage_error("run",
				      "--cpus \"%s\": CPU(s) %s are not online",
				      arg, bad);
	}
	cpulist_format(&want, o->cpus, sizeof(o->cpus));
	o->val[K_CPUS] = o->cpus;
	return EXIT_OK;
}

static int parse_args(int argc, char **argv, struct run_opts *o)
{
	enum { O_HELP = 'h', O_PATTERN = 256, O_STRATEGY, O_ALLOCS, O_CPUS,
	       O_FREE, O_SIZE, O_WORK, O_DURATION, O_RATE, O_JSON };
	static const struct option opts[] = {
		{ "pattern", required_argument, NULL, O_PATTERN },
		{ "strategy", required_argument, NULL, O_STRATEGY },
		{ "allocs", required_argument, NULL, O_ALLOCS },
		{ "cpus", required_argument, NULL, O_CPUS },
		{ "free", required_argument, NULL, O_FREE },
		{ "size", required_argument, NULL, O_SIZE },
		{ "work", required_argument, NULL, O_WORK },
		{ "duration", required_argument, NULL, O_DURATION },
		{ "rate", required_argument, NULL, O_RATE },
		{ "json", no_argument, NULL, O_JSON },
		{ "help", no_argument, NULL, O_HELP },
		{ 0 }
	};
	static const struct {
		int opt;
		enum knob knob;
		const char *name;
	} numeric[] = {
		{ O_ALLOCS, K_ALLOCS, "--allocs" },
		{ O_SIZE, K_SIZE, "--size" },
		{ O_WORK, K_WORK, "--work" },
		{ O_DURATION, K_DURATION, "--duration" },
		{ O_RATE, K_RATE, "--rate" },
	};
	uint64_t v;
	size_t i;
	int c, ret;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		for (i = 0; i < sizeof(numeric) / sizeof(numeric[0]); i++) {
			if (numeric[i].opt != c)
				continue;
			/* Ranges are the module's business; syntax is ours. */
			if (!parse_u64(optarg, &v))
				return sw_usage_error("run",
						      "%s \"%s\": not a whole number",
						      numeric[i].name, optarg);
			o->val[numeric[i].knob] = optarg;
		}
		switch (c) {
		case O_PATTERN:
			o->val[K_PATTERN] = optarg;
			break;
		case O_STRATEGY:
			o->val[K_STRATEGY] = optarg;
			break;
		case O_CPUS:
			ret = check_cpus(optarg, o);
			if (ret)
				return ret;
			break;
		case O_FREE:
			if (strcmp(optarg, "local") && strcmp(optarg, "remote"))
				return sw_usage_error("run",
						      "--free \"%s\": want local or remote",
						      optarg);
			o->val[K_FREE] = optarg;
			break;
		case O_JSON:
			o->json = true;
			break;
		case O_HELP:
			o->help = true;
			return EXIT_OK;
		case '?':
			return sw_usage_hint("run");
		default:
			break;	/* numeric, handled above */
		}
	}
	if (optind < argc)
		return sw_usage_error("run", "unexpected argument \"%s\"",
				      argv[optind]);
	return EXIT_OK;
}

/* Writes the knobs given; *@pi is the pattern the run will use. */
static int set_knobs(const struct run_opts *o, const struct swp_info **pi)
{
	char pattern[64];
	struct swerr e;
	int k, ret;

	if (o->val[K_PATTERN]) {
		ret = sw_set(NULL, "pattern", o->val[K_PATTERN], &e);
		if (ret)
			goto fail;
	}
	ret = sw_get(NULL, "pattern", pattern, sizeof(pattern), &e);
	if (ret)
		goto fail;
	*pi = swp_find(pattern);
	if (!*pi && o->val[K_SIZE]) {
		fprintf(stderr,
			"slabwall run: --size: no size knob known for pattern \"%s\"\n",
			pattern);
		return EXIT_USAGE;
	}
	for (k = K_STRATEGY; k < K_COUNT; k++) {
		const char *knob = knob_names[k];

		if (k == K_SIZE)
			knob = *pi ? (*pi)->size_knob : NULL;
		if (!o->val[k] || !knob)
			continue;
		ret = sw_set(NULL, knob, o->val[k], &e);
		if (ret)
			goto fail;
	}
	return EXIT_OK;
fail:
	warnx("%s", e.msg);
	return exit_for(ret);
}

/*
 * The cache this pattern allocates from: its own, or for kmalloc the
 * kmalloc-N of object_size as the module has it.  (swp_caches(), which
 * sweep uses, would add the kmalloc-N of skb's and dentry's side buffers.)
 */
static void pick_caches(const struct swp_info *pi, struct snapshot *snap)
{
	char name[64];
	uint64_t size;
	struct swerr e;

	if (!pi)
		return;
	if (pi->cache) {
		snap_add_cache(snap, pi->cache);
		return;
	}
	if (sw_get_u64(NULL, "object_size", &size, &e)) {
		warnx("%s; not watching a kmalloc cache", e.msg);
		return;
	}
	if (sf_kmalloc_cache(NULL, size, name, sizeof(name)) == 0)
		snap_add_cache(snap, name);
	else
		warnx("no kmalloc-N cache fits object_size %" PRIu64
		      " (above 8 KiB kmalloc uses the page allocator); watching meminfo only",
		      size);
}

struct progress {
	unsigned long duration_ms;
	bool shown;
};

static int show_progress(void *arg, unsigned long elapsed_ms)
{
	struct progress *p = arg;
	struct sw_stats st;
	uint64_t ops = 0;

	if (sw_interrupted)
		return 1;
	sw_stats_init(&st);
	if (sw_read_stats(NULL, &st, NULL) >= 0)
		sw_stats_u64(&st, "ops", &ops);
	sw_stats_free(&st);
	fprintf(stderr, "\rslabwall: running %.1f s of %.1f s, %" PRIu64 " ops\033[K",
		(double)elapsed_ms / 1000, (double)p->duration_ms / 1000, ops);
	p->shown = true;
	return 0;
}

/* Starts the run and waits for it; a signal or a timeout stops it early. */
static int run_once(bool *cut_short)
{
	struct progress prog = { 0 };
	struct sw_sigsave sigs;
	uint64_t duration = 1000;
	enum sw_state state = SW_DONE;
	struct swerr e, stop_e;
	int ret;

	sw_get_u64(NULL, "duration_ms", &duration, NULL);
	prog.duration_ms = (unsigned long)duration;
	ret = sw_start(NULL, &e);
	if (ret) {
		warnx("%s", e.msg);
		return exit_for(ret);
	}

	/* A signal cuts the poll's nap short (no SA_RESTART). */
	sw_catch_signals(&sigs);
	ret = sw_wait(NULL, prog.duration_ms + WAIT_SLACK_MS, POLL_MS,
		      isatty(STDERR_FILENO) ? show_progress : NULL, &prog,
		      &state, &e);
	if (!ret && sw_interrupted)
		ret = swerr_set(&e, EINTR, "interrupted");
	sw_restore_signals(&sigs);
	if (prog.shown)
		fprintf(stderr, "\r\033[K");

	*cut_short = false;
	if (ret == -EINTR || ret == -ETIMEDOUT) {
		/* stop waits for the workers, so stats are final after it. */
		if (sw_stop(NULL, &stop_e))
			warnx("%s", stop_e.msg);
		warnx("%s: the run was stopped early; the numbers cover the part that ran",
		      e.msg);
		*cut_short = true;
		return EXIT_OK;
	}
	if (ret) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	if (state != SW_DONE) {
		warnx("the run ended in state \"%s\": was the module reset meanwhile?",
		      sw_state_name(state));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int report(const struct snapshot *snap, bool json, bool cut_short)
{
	struct sw_stats st;
	struct jw w;

	sw_stats_init(&st);
	if (sw_read_stats_warn(&st))
		return EXIT_FAIL;
	if (json) {
		jw_init(&w, stdout);
		jw_begin_obj(&w, NULL);
		jw_bool(&w, "stopped_early", cut_short);
		stats_print_json(&w, &st);
		snap_json(&w, snap);
		jw_end_obj(&w);
	} else {
		stats_print_pretty(stdout, &st);
		snap_print(stdout, snap);
	}
	sw_stats_free(&st);
	return EXIT_OK;
}

int cmd_run(int argc, char **argv)
{
	const struct swp_info *pi = NULL;
	struct snapshot snap;
	struct run_opts o;
	bool cut_short;
	struct swerr e;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		usage(stdout);
		return EXIT_OK;
	}
	ret = sw_check(NULL, &e);
	if (ret) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	ret = set_knobs(&o, &pi);
	if (ret)
		return ret;

	snap_init(&snap, NULL, NULL);
	pick_caches(pi, &snap);
	snap_take(&snap, false);
	ret = run_once(&cut_short);
	if (ret)
		return ret;
	snap_take(&snap, true);
	ret = report(&snap, o.json, cut_short);
	if (ret)
		return ret;
	return cut_short ? EXIT_FAIL : EXIT_OK;
}
