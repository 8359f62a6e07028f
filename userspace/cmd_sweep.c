// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall sweep: run the module over a grid of knob values, each point
 * several times, with the slab caches read around every run; write
 * sweep.csv, sweep.json and table.txt, and find the knees (docs/csv.md).
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "humanfmt.h"
#include "progress.h"
#include "strnum.h"
#include "sweep_exec.h"
#include "sweep_files.h"
#include "sweep_out.h"
#include "swknobs.h"

#ifndef SLABWALL_VERSION
#define SLABWALL_VERSION "0.1"
#endif

#define DEF_ALLOCS	"0,1,2,4,8,16,32,64,128,256,512,1024"
#define DEF_CPUS	"1,all"
#define DEF_FREE	"local,remote"
#define DEF_STRATEGY	"slab"
#define DEF_PATTERN	"skb"
#define DEF_REPEAT	3
#define MAX_REPEAT	64
#define DEF_DURATION	200
/* Give up after this many points in a row failed (not refused). */
#define MAX_FAILED_IN_A_ROW 3

struct sweep_opts {
	const char *allocs, *cpus, *free, *strategy, *pattern, *size;
	const char *out;
	char node[16];		/* --node as written to alloc_node */
	bool force;
	enum progress_mode progress;
	bool progress_given;
	bool help;
};

static void usage(FILE *f)
{
	char strategies[160];

	/* The module's strategies, from the header. */
	swk_range(swk_find("strategy"), strategies, sizeof(strategies));
	fprintf(f,
		"usage: slabwall sweep --out DIR [--allocs LIST] [--cpus LIST] [--free LIST]\n"
		"                      [--strategy LIST] [--pattern LIST] [--size LIST]\n"
		"                      [--repeat N] [--duration MS] [--work B] [--rate R]\n"
		"                      [--mem-limit KB] [--survive-every N]\n"
		"                      [--survivors-max N] [--fail-every N] [--time-every N]\n"
		"                      [--node N] [--typesafe-rcu]\n"
		"                      [--knee-ratio X] [--knee-metric M] [--cpu-knee-eff X]\n"
		"                      [--progress bar|lines|none] [--force]\n"
		"\n"
		"Runs every combination of the listed knob values (LIST is comma-separated),\n"
		"each --repeat times, every knob set explicitly before each point and the\n"
		"slab caches read around every run.  Writes DIR/sweep.csv (columns in\n"
		"docs/csv.md; a row as each point finishes, the knees at the end),\n"
		"DIR/sweep.json and DIR/table.txt, prints the table, and finds the\n"
		"allocation knee of each line and the CPU knee of each group.  DIR is\n"
		"checked before the module is touched.\n"
		"\n"
		"  --allocs LIST     allocs_per_op values (default %s)\n"
		"  --cpus LIST       CPU sets (default %s), separated by ';', or by ','\n"
		"                    when there is no ';'.  Each is \"all\" (every online CPU),\n"
		"                    a count N (the first N online CPUs: 1 is the first CPU\n"
		"                    alone) or a cpulist with a '-' or ',' in it: \"0-1\",\n"
		"                    \"0;0,2\", \"2-2\" for CPU 2 alone, \"0,2;\" for 0 and 2\n"
		"  --free LIST       local, remote, rcu (default %s)\n"
		"  --strategy LIST   strategies (default %s), of:\n"
		"                    %s\n"
		"  --pattern LIST    skb, dentry, kmalloc, real_skb, real_dentry (default %s)\n"
		"  --size LIST       each pattern's size knob: data_size for skb and\n"
		"                    real_skb, name_len for dentry and real_dentry,\n"
		"                    object_size for kmalloc (default: the\n"
		"                    module's default for each: %" PRIu64 ", %" PRIu64 ", %" PRIu64 ")\n"
		"  --repeat N        runs per point; the median is reported (default %d)\n"
		"  --duration MS     length of each run (default %d)\n"
		"  --work B          work_bytes for every point (default 0)\n"
		"  --rate R          rate for every point, 0 for a closed loop (default 0)\n"
		"  --mem-limit KB    mem_limit_kb for every point (default %d)\n"
		"  --survive-every N survive_every for every point (default %d: none)\n"
		"  --survivors-max N survivors_max for every point (default %d)\n"
		"  --fail-every N    fail_every for every point (default %d: none)\n"
		"  --time-every N    time_every for every point: one operation in N is\n"
		"                    timed, all are counted (default %d: every one)\n"
		"  --node N          alloc_node for every point: the NUMA node the slab\n"
		"                    strategy allocates on, -1 each worker's own (default\n"
		"                    -1; other strategies take -1 only)\n"
		"  --typesafe-rcu    typesafe_rcu 1 for every point: the module's own caches\n"
		"                    made with SLAB_TYPESAFE_BY_RCU (default: 0)\n"
		"  --knee-ratio X    the allocation knee is where the cost per allocation is\n"
		"                    over X times that of allocs 1..8 (default %g)\n"
		"  --knee-metric M   net (default): ns/op less the null operation's (allocs\n"
		"                    0), per allocation; gross: the module's ns_per_alloc\n"
		"  --cpu-knee-eff X  the CPU knee is where going to more CPUs earns less\n"
		"                    than X of the ideal (linear) gain (default %g)\n"
		"  --progress MODE   bar (redrawn), lines (one per point) or none; the\n"
		"                    default is bar on a terminal, lines otherwise\n"
		"  --out DIR         where the results go (made if missing)\n"
		"  --force           overwrite an earlier sweep in DIR (refused without)\n"
		"  --help            this text\n"
		"\n"
		"Ctrl-C, SIGTERM and SIGHUP stop the running run and write what ran.\n"
		"Exit status: 0 ok (points the module refused are marked in the results),\n"
		"1 failure, interrupted (what ran is still written) or no point ran,\n"
		"2 bad command line, 3 the module refused every point.\n",
		DEF_ALLOCS, DEF_CPUS, DEF_FREE, DEF_STRATEGY, strategies,
		DEF_PATTERN,
		swk_find("data_size")->def, swk_find("name_len")->def,
		swk_find("object_size")->def,
		DEF_REPEAT, DEF_DURATION, SW_DEF_mem_limit_kb, SW_DEF_survive_every,
		SW_DEF_survivors_max, SW_DEF_fail_every, SW_DEF_time_every,
		SR_KNEE_RATIO, SR_MIN_EFF);
}

static int parse_num(const char *opt, const char *arg, uint64_t lo,
		     uint64_t hi, uint64_t *out)
{
	if (!parse_u64(arg, out) || *out < lo || *out > hi)
		return sw_usage_error("sweep",
				      "%s \"%s\": want a whole number from %" PRIu64
				      " to %" PRIu64, opt, arg, lo, hi);
	return EXIT_OK;
}

/* --node: -1 or a node in alloc_node's range, kept as a plain number. */
static int parse_node(const char *arg, char *buf, size_t len,
		      struct swerr *e)
{
	uint64_t v;

	if (swk_check(swk_find("alloc_node"), "--node", arg, e))
		return -EINVAL;
	if (!strcmp(arg, "-1"))
		snprintf(buf, len, "-1");
	else if (parse_u64(arg, &v))
		snprintf(buf, len, "%" PRIu64, v);
	return 0;
}

static int parse_args(int argc, char **argv, struct sweep_opts *o,
		      struct sweep_settings *s)
{
	enum { O_HELP = 'h', O_ALLOCS = 256, O_CPUS, O_FREE, O_STRATEGY,
	       O_PATTERN, O_SIZE, O_REPEAT, O_DURATION, O_WORK, O_RATE, O_FORCE,
	       O_MEM, O_SURVIVE, O_SURVIVORS, O_FAIL, O_TIME, O_TYPESAFE, O_KNEE,
	       O_METRIC, O_EFF, O_PROGRESS, O_OUT, O_NODE };
	static const struct option opts[] = {
		{ "allocs", required_argument, NULL, O_ALLOCS },
		{ "cpus", required_argument, NULL, O_CPUS },
		{ "free", required_argument, NULL, O_FREE },
		{ "strategy", required_argument, NULL, O_STRATEGY },
		{ "pattern", required_argument, NULL, O_PATTERN },
		{ "size", required_argument, NULL, O_SIZE },
		{ "repeat", required_argument, NULL, O_REPEAT },
		{ "duration", required_argument, NULL, O_DURATION },
		{ "work", required_argument, NULL, O_WORK },
		{ "rate", required_argument, NULL, O_RATE },
		{ "mem-limit", required_argument, NULL, O_MEM },
		{ "survive-every", required_argument, NULL, O_SURVIVE },
		{ "survivors-max", required_argument, NULL, O_SURVIVORS },
		{ "fail-every", required_argument, NULL, O_FAIL },
		{ "time-every", required_argument, NULL, O_TIME },
		{ "node", required_argument, NULL, O_NODE },
		{ "typesafe-rcu", no_argument, NULL, O_TYPESAFE },
		{ "knee-ratio", required_argument, NULL, O_KNEE },
		{ "knee-metric", required_argument, NULL, O_METRIC },
		{ "cpu-knee-eff", required_argument, NULL, O_EFF },
		{ "progress", required_argument, NULL, O_PROGRESS },
		{ "out", required_argument, NULL, O_OUT },
		{ "force", no_argument, NULL, O_FORCE },
		{ "help", no_argument, NULL, O_HELP },
		{ 0 }
	};
	struct swerr e;
	uint64_t v;
	char *end;
	int c, ret = EXIT_OK;

	memset(o, 0, sizeof(*o));
	o->allocs = DEF_ALLOCS;
	o->cpus = DEF_CPUS;
	o->free = DEF_FREE;
	o->strategy = DEF_STRATEGY;
	o->pattern = DEF_PATTERN;
	s->repeat = DEF_REPEAT;
	s->duration_ms = DEF_DURATION;
	s->mem_limit_kb = SW_DEF_mem_limit_kb;
	s->survive_every = SW_DEF_survive_every;
	s->survivors_max = SW_DEF_survivors_max;
	s->fail_every = SW_DEF_fail_every;
	s->time_every = SW_DEF_time_every;
	/* Written before every point, so a node left from earlier cannot leak in. */
	snprintf(o->node, sizeof(o->node), "%d", SW_DEF_alloc_node);
	s->alloc_node = o->node;
	s->knee_ratio = SR_KNEE_RATIO;
	s->base_lo = SR_BASE_LO;
	s->base_hi = SR_BASE_HI;
	s->min_eff = SR_MIN_EFF;

	optind = 1;
	while (!ret && (c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_ALLOCS:
			o->allocs = optarg;
			break;
		case O_CPUS:
			o->cpus = optarg;
			break;
		case O_FREE:
			o->free = optarg;
			break;
		case O_STRATEGY:
			o->strategy = optarg;
			break;
		case O_PATTERN:
			o->pattern = optarg;
			break;
		case O_SIZE:
			o->size = optarg;
			break;
		case O_REPEAT:
			ret = parse_num("--repeat", optarg, 1, MAX_REPEAT, &v);
			s->repeat = (unsigned int)v;
			break;
		/* Their ranges are checked with the lists (check_ranges). */
		case O_DURATION:
			ret = parse_num("--duration", optarg, 1, UINT32_MAX,
					&s->duration_ms);
			break;
		case O_WORK:
			ret = parse_num("--work", optarg, 0, UINT32_MAX,
					&s->work_bytes);
			break;
		case O_RATE:
			ret = parse_num("--rate", optarg, 0, UINT32_MAX, &s->rate);
			break;
		case O_MEM:
			ret = parse_num("--mem-limit", optarg, 1, UINT64_MAX / 1024,
					&s->mem_limit_kb);
			break;
		case O_SURVIVE:
			ret = parse_num("--survive-every", optarg, 0, UINT32_MAX,
					&s->survive_every);
			break;
		case O_SURVIVORS:
			ret = parse_num("--survivors-max", optarg, 0, UINT32_MAX,
					&s->survivors_max);
			break;
		case O_FAIL:
			ret = parse_num("--fail-every", optarg, 0, UINT32_MAX,
					&s->fail_every);
			break;
		case O_TIME:
			ret = parse_num("--time-every", optarg, 0, UINT32_MAX,
					&s->time_every);
			break;
		case O_TYPESAFE:
			s->typesafe_rcu = 1;
			break;
		case O_NODE:
			ret = parse_node(optarg, o->node, sizeof(o->node), &e);
			if (ret)
				ret = sw_usage_error("sweep", "%s", e.msg);
			break;
		case O_KNEE:
			s->knee_ratio = strtod(optarg, &end);
			if (*end || end == optarg || !(s->knee_ratio > 1) ||
			    !isfinite(s->knee_ratio))
				ret = sw_usage_error("sweep",
						     "--knee-ratio \"%s\": want a number above 1",
						     optarg);
			break;
		case O_METRIC:
			if (strcmp(optarg, "net") && strcmp(optarg, "gross"))
				ret = sw_usage_error("sweep",
						     "--knee-metric \"%s\": want net or gross",
						     optarg);
			s->knee_gross = !strcmp(optarg, "gross");
			break;
		case O_EFF:
			s->min_eff = strtod(optarg, &end);
			if (*end || end == optarg || !(s->min_eff > 0) ||
			    !(s->min_eff <= 1))
				ret = sw_usage_error("sweep",
						     "--cpu-knee-eff \"%s\": want a number above 0, at most 1",
						     optarg);
			break;
		case O_PROGRESS:
			o->progress_given = true;
			if (!strcmp(optarg, "bar"))
				o->progress = PROGRESS_BAR;
			else if (!strcmp(optarg, "lines"))
				o->progress = PROGRESS_LINES;
			else if (!strcmp(optarg, "none"))
				o->progress = PROGRESS_NONE;
			else
				ret = sw_usage_error("sweep",
						     "--progress \"%s\": want bar, lines or none",
						     optarg);
			break;
		case O_OUT:
			o->out = optarg;
			break;
		case O_FORCE:
			o->force = true;
			break;
		case O_HELP:
			o->help = true;
			return EXIT_OK;
		default:
			return sw_usage_hint("sweep");
		}
	}
	if (ret)
		return ret;
	if (optind < argc)
		return sw_usage_error("sweep", "unexpected argument \"%s\"",
				      argv[optind]);
	if (!o->out || !*o->out)
		return sw_usage_error("sweep",
				      "--out DIR is needed: where the results go");
	return EXIT_OK;
}

/*
 * Every value of every list, and the settings, against the module's
 * ranges and words (module/uapi/slabwall.h), before any point runs: a
 * size against the size knob of each pattern it is used with.
 */
static int check_ranges(const struct sweep_grid *g,
			const struct sweep_settings *s, struct swerr *e)
{
	const struct swp_info *pi;
	size_t i, p;

	for (i = 0; i < g->nallocs; i++)
		if (swk_check_u64(swk_find("allocs_per_op"), "--allocs",
				  g->allocs[i], e))
			return -EINVAL;
	for (i = 0; i < g->nfrees; i++)
		if (swk_check(swk_find("free"), "--free", g->frees[i], e))
			return -EINVAL;
	for (i = 0; i < g->nstrategies; i++)
		if (swk_check(swk_find("strategy"), "--strategy",
			      g->strategies[i], e))
			return -EINVAL;
	for (p = 0; p < g->npatterns; p++) {
		if (swk_check(swk_find("pattern"), "--pattern", g->patterns[p], e))
			return -EINVAL;
		pi = swp_find(g->patterns[p]);
		for (i = 0; pi && i < g->nsizes; i++)
			if (swk_check_u64(swk_find(pi->size_knob), "--size",
					  g->sizes[i], e))
				return -EINVAL;
	}
	if (swk_check_u64(swk_find("duration_ms"), "--duration", s->duration_ms, e) ||
	    swk_check_u64(swk_find("work_bytes"), "--work", s->work_bytes, e) ||
	    swk_check_u64(swk_find("rate"), "--rate", s->rate, e) ||
	    swk_check_u64(swk_find("mem_limit_kb"), "--mem-limit",
			  s->mem_limit_kb, e) ||
	    swk_check_u64(swk_find("time_every"), "--time-every",
			  s->time_every, e))
		return -EINVAL;
	return 0;
}

/* The lists into the grid; the CPU sets against the online CPUs. */
static int build_grid(const struct sweep_opts *o, struct sweep_grid *g,
		      struct sweep_settings *s)
{
	struct cpuset online;
	struct swerr e;
	size_t dropped;

	memset(g, 0, sizeof(*g));
	if (sg_parse_u64_list("--allocs", o->allocs, g->allocs, &g->nallocs, &e) ||
	    sg_parse_word_list("--free", o->free, g->frees, &g->nfrees, &e) ||
	    sg_parse_word_list("--strategy", o->strategy, g->strategies,
			       &g->nstrategies, &e) ||
	    sg_parse_word_list("--pattern", o->pattern, g->patterns,
			       &g->npatterns, &e) ||
	    (o->size && sg_parse_u64_list("--size", o->size, g->sizes,
					  &g->nsizes, &e)))
		return sw_usage_error("sweep", "%s", e.msg);
	if (check_ranges(g, s, &e))
		return sw_usage_error("sweep", "%s", e.msg);

	if (cpulist_read(CPULIST_ONLINE_PATH, &online, &e)) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	cpulist_format(&online, s->online, sizeof(s->online));
	if (sg_parse_cpus(o->cpus, &online, g->cpus, &g->ncpus, &dropped, &e))
		return sw_usage_error("sweep", "%s", e.msg);
	if (dropped)
		warnx("--cpus \"%s\": %zu item(s) came to the same CPUs as an earlier one (%s online); running those once",
		      o->cpus, dropped, s->online);
	return EXIT_OK;
}

/*
 * Writes each word to its knob once, so a typo ends the sweep before it
 * starts instead of at its first point.  Survivors off, local free and
 * the worker's own node first, as before every point (sweep_exec.c): a
 * survive_every left from earlier would have the module refuse pool and
 * arena, a remote free arena_keep, a node every strategy but slab.
 */
static int preflight(const struct sweep_grid *g)
{
	struct swerr e;
	size_t i;
	int ret;

	ret = sw_set(NULL, "survive_every", "0", &e);
	if (!ret)
		ret = sw_set(NULL, "free", "local", &e);
	if (!ret)
		ret = sw_set(NULL, "alloc_node", "-1", &e);
	if (ret)
		goto fail;
	for (i = 0; i < g->npatterns; i++) {
		ret = sw_set(NULL, "pattern", g->patterns[i], &e);
		if (ret)
			goto fail;
	}
	for (i = 0; i < g->nstrategies; i++) {
		ret = sw_set(NULL, "strategy", g->strategies[i], &e);
		if (ret)
			goto fail;
	}
	for (i = 0; i < g->ncpus; i++) {
		ret = sw_set(NULL, "cpus", g->cpus[i].list, &e);
		if (ret)
			goto fail;
	}
	return EXIT_OK;
fail:
	warnx("%s", e.msg);
	return exit_for(ret);
}

/* The table on stdout first: it is there even if the files fail. */
static int write_results(struct sweep_files *sf, const struct sweep_result *r)
{
	struct swerr e;

	sweep_write_table(stdout, r);
	fflush(stdout);
	if (swf_finish(sf, r, &e)) {
		warnx("%s", e.msg);
		return -EIO;
	}
	fprintf(stderr, "slabwall sweep: wrote %s, %s and %s\n", sf->csv,
		sf->json, sf->table);
	return 0;
}

static void summary(const struct sr_point *p, char *buf, size_t len)
{
	char h[HUMAN_LEN];

	if (p->status != SR_OK) {
		snprintf(buf, len, "%s: %s", sr_status_name(p->status), p->why);
		return;
	}
	snprintf(buf, len, "%.0f ops/s +-%.0f%%, %.0f ns/op, p99 %s",
		 p->stat[SR_OPS_PER_SEC].med, spread_pct(&p->stat[SR_OPS_PER_SEC]),
		 p->stat[SR_NS_PER_OP].med,
		 isnan(p->stat[SR_P99_NS].med) ? "-" :
		 human_ns((uint64_t)p->stat[SR_P99_NS].med, h));
}

/* Runs one point's repeats; -EINTR ends the sweep. */
static int run_point(struct sr_point *p, const struct sweep_settings *s,
		     struct progress *pg)
{
	char label[128], line[SWERR_MSG_MAX + 64];
	struct swerr e;
	unsigned int rep;
	int ret;

	sweep_point_label(p, label, sizeof(label));
	ret = sx_prepare(p, s, &e);
	for (rep = 0; !ret && rep < s->repeat; rep++) {
		progress_run(pg, label, rep + 1, s->repeat);
		ret = sx_run(p, s, &p->runs[rep], sx_tick_progress, pg, NULL,
			     &e);
		if (!ret) {
			p->nruns++;
			progress_run_done(pg);
		}
	}
	if (ret == -EINTR)
		return ret;
	if (ret) {
		progress_skip(pg, s->repeat - rep + (rep ? 1 : 0));
		p->status = sw_refused(ret) ? SR_REFUSED : SR_FAILED;
		snprintf(p->why, sizeof(p->why), "%s", e.msg);
	} else {
		p->status = SR_OK;
	}
	sr_summarize(p);
	summary(p, line, sizeof(line));
	if (p->status != SR_OK && pg->mode == PROGRESS_BAR) {
		progress_clear(pg);
		warnx("%s: %s", label, line);
	}
	progress_point_done(pg, line);
	return 0;
}

static void stamp(struct sweep_settings *s)
{
	struct utsname u;
	time_t now = time(NULL);
	struct tm tm;

	snprintf(s->version, sizeof(s->version), "slabwall %s", SLABWALL_VERSION);
	if (uname(&u) == 0)
		snprintf(s->kernel, sizeof(s->kernel), "%s", u.release);
	if (gmtime_r(&now, &tm))
		strftime(s->started, sizeof(s->started), "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The point's row into sweep.csv now: a sweep cut short keeps it. */
static void save_row(struct sweep_files *sf, const struct sweep_result *r,
		     const struct sr_point *p, struct progress *pg)
{
	struct swerr e;

	if (swf_row(sf, r, p, &e) && !sf->row_failed) {
		progress_clear(pg);
		warnx("%s; the rows are written again at the end", e.msg);
		sf->row_failed = true;
	}
}

static int sweep(const struct sweep_opts *o, struct sweep_result *r,
		 struct sweep_files *sf)
{
	enum progress_mode mode = o->progress;
	size_t i, failed = 0;
	struct progress pg;
	double t0;
	int ret = EXIT_OK;

	if (!o->progress_given)
		mode = isatty(STDERR_FILENO) ? PROGRESS_BAR : PROGRESS_LINES;
	progress_init(&pg, stderr, mode, r->npoints, r->set.repeat,
		      (double)r->set.duration_ms / 1000 * 1.2 + 0.05);
	fprintf(stderr, "slabwall sweep: %zu points x %u runs of %" PRIu64
		" ms, CPUs %s online; results in %s\n", r->npoints,
		r->set.repeat, r->set.duration_ms, r->set.online, o->out);

	t0 = progress_now();
	for (i = 0; i < r->npoints; i++) {
		if (sw_interrupted || run_point(&r->points[i], &r->set, &pg) == -EINTR) {
			r->interrupted = true;
			break;
		}
		save_row(sf, r, &r->points[i], &pg);
		failed = r->points[i].status == SR_FAILED ? failed + 1 : 0;
		if (failed == MAX_FAILED_IN_A_ROW) {
			progress_clear(&pg);
			warnx("%d points in a row failed; giving up", MAX_FAILED_IN_A_ROW);
			ret = EXIT_FAIL;
			break;
		}
	}
	r->seconds = progress_now() - t0;
	progress_clear(&pg);
	if (r->interrupted) {
		warnx("interrupted: writing the %zu point(s) done", i);
		ret = EXIT_FAIL;
	}
	return ret;
}

/* Exit status for the points' fate: 3 when the module refused them all. */
static int points_status(const struct sweep_result *r)
{
	size_t i, ok = 0, refused = 0, failed = 0;

	for (i = 0; i < r->npoints; i++) {
		ok += r->points[i].status == SR_OK;
		refused += r->points[i].status == SR_REFUSED;
		failed += r->points[i].status == SR_FAILED;
	}
	if (refused == r->npoints) {
		warnx("the module refused every point: see the error column");
		return EXIT_REFUSED;
	}
	if (refused + failed)
		warnx("%zu of %zu points did not run to the end: see the status and error columns",
		      refused + failed, r->npoints);
	return ok ? EXIT_OK : EXIT_FAIL;
}

int cmd_sweep(int argc, char **argv)
{
	struct sweep_result r = { 0 };
	struct sweep_files sf;
	struct sweep_point *pts;
	struct sw_sigsave sigs;
	struct sweep_opts o;
	struct sweep_grid *g;
	struct swerr e;
	size_t n;
	int ret, status;

	ret = parse_args(argc, argv, &o, &r.set);
	if (ret || o.help) {
		if (o.help)
			usage(stdout);
		return ret;
	}
	/* The grid is big (fixed arrays): not on the stack. */
	g = calloc(1, sizeof(*g));
	if (!g)
		err(EXIT_FAIL, "out of memory");
	ret = build_grid(&o, g, &r.set);
	if (ret)
		goto out_grid;
	ret = sw_check(NULL, &e);
	if (ret) {
		warnx("%s", e.msg);
		ret = EXIT_FAIL;
		goto out_grid;
	}
	stamp(&r.set);
	pts = sg_expand(g, &n);
	if (!pts || sr_init(&r, pts, n, sg_nlines(g), sg_ngroups(g)))
		err(EXIT_FAIL, "out of memory");
	free(pts);

	/* Where the results go, before any knob is written. */
	if (swf_open(&sf, o.out, o.force, &r, &e)) {
		warnx("%s", e.msg);
		ret = EXIT_FAIL;
		goto out_result;
	}
	/* From the first write of a knob on, a signal ends the sweep cleanly. */
	sw_catch_signals(&sigs);
	ret = preflight(g);
	if (ret) {
		swf_discard(&sf);
		goto out_signals;
	}
	ret = sweep(&o, &r, &sf);
	sr_find_knees(&r);
	if (write_results(&sf, &r))
		ret = EXIT_FAIL;
	status = points_status(&r);
	if (!ret)
		ret = status;
out_signals:
	sw_restore_signals(&sigs);
out_result:
	sr_free(&r);
out_grid:
	free(g);
	return ret;
}
