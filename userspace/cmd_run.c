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
#include <stdlib.h>

#include "commands.h"
#include "snapshot.h"
#include "stats_print.h"
#include "runopts.h"

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
		"\n");
	runopts_usage(f);
	fprintf(f,
		"  --json          print one JSON object instead of tables\n"
		"  --help          this text\n"
		"\n"
		"Exit status: 0 ok, 1 failure, 2 bad command line, 3 refused by the module\n"
		"(a value out of range, a run already going, or over mem_limit_kb).\n");
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
	ret = runopts_apply(&o.run, &pi);
	if (ret)
		return ret;

	snap_init(&snap, NULL, NULL);
	pick_caches(pi, &snap);
	snap_take(&snap, false);
	ret = runopts_run(&cut_short);
	if (ret)
		return ret;
	snap_take(&snap, true);
	ret = report(&snap, o.json, cut_short);
	if (ret)
		return ret;
	return cut_short ? EXIT_FAIL : EXIT_OK;
}
