// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall run: one point of the sweep engine (sweep_exec.h) run once.
 * The knobs given on the command line go on top of the module's current
 * values (there is no reset: settings made earlier or by hand stay), every
 * knob is written, and the module's stats are shown with before/after
 * deltas of the caches the point uses, the same caches a sweep watches,
 * and of /proc/meminfo and /proc/vmstat.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "commands.h"
#include "progress.h"
#include "runopts.h"
#include "snapshot.h"
#include "stats_print.h"
#include "sweep_exec.h"
#include "sweep_one.h"
#include "sweep_out.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall run [--pattern P] [--strategy S] [--allocs N] [--cpus LIST]\n"
		"                    [--free local|remote|rcu] [--size B] [--work B]\n"
		"                    [--duration MS] [--rate R] [--mem-limit KB]\n"
		"                    [--survive-every N] [--survivors-max N] [--fail-every N]\n"
		"                    [--node N] [--time-every N] [--typesafe-rcu] [--json]\n"
		"\n"
		"Runs one point, as slabwall sweep runs each of its points: the knobs\n"
		"given on top of the module's current values (the others keep theirs),\n"
		"every knob written, one run.  Prints the module's stats with before/after\n"
		"deltas of the slab caches the point uses (the pattern's own and the\n"
		"kmalloc-N of its side buffer, or for kmalloc the kmalloc-N of\n"
		"object_size: the caches a sweep watches), of Slab, SReclaimable and\n"
		"SUnreclaim in /proc/meminfo, and of the pages the page allocator\n"
		"handed out and took back (/proc/vmstat).  Ctrl-C, SIGTERM or SIGHUP\n"
		"stops the run; the numbers of the part that ran are still shown.\n"
		"\n");
	runopts_usage(f);
	fprintf(f,
		"  --json          print one JSON object instead of tables\n"
		"  --help          this text\n"
		"\n"
		"Exit status: 0 ok, 1 failure or stopped early, 2 bad command line,\n"
		"3 refused by the module (a value out of range, a run already going, or\n"
		"over mem_limit_kb).\n");
}

enum { O_HELP = 'h', O_JSON = 256 };

struct cmd_opts {
	struct run_opts run;
	bool json;
	bool help;
};

static int take_own(void *arg, int c, const char *optarg)
{
	struct cmd_opts *o = arg;

	(void)optarg;
	if (c == O_JSON)
		o->json = true;
	else if (c == O_HELP)
		o->help = true;
	else
		return sw_usage_hint("run");
	return EXIT_OK;
}

static int parse_args(int argc, char **argv, struct cmd_opts *o)
{
	static const struct option own[] = {
		{ "json", no_argument, NULL, O_JSON },
		{ "help", no_argument, NULL, O_HELP },
		{ 0 }
	};
	int ret;

	memset(o, 0, sizeof(*o));
	ret = runopts_getopt(argc, argv, "h", own, &o->run, "run", take_own, o);
	if (!ret && !o->help && optind < argc)
		ret = sw_usage_error("run", "unexpected argument \"%s\"",
				     argv[optind]);
	return ret;
}

static void report(const struct snapshot *snap, const struct sw_stats *st,
		   bool json, bool cut_short)
{
	struct jw w;

	if (json) {
		jw_init(&w, stdout);
		jw_begin_obj(&w, NULL);
		jw_bool(&w, "stopped_early", cut_short);
		stats_print_json(&w, st);
		snap_json(&w, snap);
		jw_end_obj(&w);
	} else {
		stats_print_pretty(stdout, st);
		snap_print(stdout, snap);
	}
}

/* Writes the point's knobs and runs it once, the signals caught throughout. */
static int run_one(struct sweep_one *one, struct sx_keep *keep,
		   struct swerr *e)
{
	char label[128];
	struct progress pg;
	int ret;

	ret = sx_prepare(&one->point, &one->set, e);
	if (ret)
		return ret;
	/* A bar on a terminal only: a log gets the result, not redraws. */
	progress_init(&pg, stderr,
		      isatty(STDERR_FILENO) ? PROGRESS_BAR : PROGRESS_NONE, 1, 1,
		      (double)one->set.duration_ms / 1000 * 1.2 + 0.05);
	sweep_point_label(&one->point, label, sizeof(label));
	progress_run(&pg, label, 1, 1);
	ret = sx_run(&one->point, &one->set, &one->run, sx_tick_progress, &pg,
		     keep, e);
	progress_clear(&pg);
	return ret;
}

int cmd_run(int argc, char **argv)
{
	struct sweep_one *one;
	struct sw_sigsave sigs;
	struct snapshot snap;
	struct sw_stats st;
	struct sx_keep keep = { .snap = &snap, .stats = &st };
	struct cmd_opts o;
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
	/* A point is big (the run's numbers, the cpulist): not on the stack. */
	one = calloc(1, sizeof(*one));
	if (!one)
		err(EXIT_FAIL, "out of memory");
	ret = sweep_one_init(one, NULL, o.run.val, &e);
	if (ret) {
		warnx("%s", e.msg);
		free(one);
		return exit_for(ret);
	}

	/* Before anything is written: a signal from here on stops the run. */
	sw_catch_signals(&sigs);
	sw_stats_init(&st);
	ret = run_one(one, &keep, &e);
	sw_restore_signals(&sigs);

	cut_short = (ret == -EINTR || ret == -ETIMEDOUT) && keep.have_stats;
	if (ret && !cut_short) {
		warnx("%s", e.msg);
		ret = ret == -EINTR ? EXIT_FAIL : exit_for(ret);
	} else {
		if (cut_short)
			warnx("%s: the run was stopped early; the numbers cover the part that ran",
			      e.msg);
		report(&snap, &st, o.json, cut_short);
		ret = cut_short ? EXIT_FAIL : EXIT_OK;
	}
	sw_stats_free(&st);
	free(one);
	return ret;
}
