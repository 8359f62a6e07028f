// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall flame: a kernel flame graph of one run.  perf samples every
 * CPU's kernel stack while the run goes; the stacks are folded, drawn as
 * an SVG with the allocator's frames in warm colours and sw_work's in
 * blue, and the allocator's share of slabwall's own samples is set
 * against the share the module measures with its clock (alloc_share_pct).
 * --from-script and --from-folded draw what an earlier run left, anywhere.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "fileio.h"
#include "flame_class.h"
#include "flame_perf.h"
#include "flame_svg.h"
#include "runopts.h"
#include "strnum.h"

#define DEFAULT_SVG "flame.svg"
#define DEFAULT_FREQ 999
#define MAX_FREQ 100000
#define PERF_DATA "/tmp/slabwall-perf.data"
#define PERF_LOG "/tmp/slabwall-perf.log"
#define KPTR_RESTRICT "/proc/sys/kernel/kptr_restrict"
#define PERF_PARANOID "/proc/sys/kernel/perf_event_paranoid"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall flame [RUN OPTIONS] [-o FILE.svg] [--folded FILE]\n"
		"                      [--perf PATH] [--freq HZ] [--data FILE]\n"
		"                      [--title TEXT] [--min-width PCT] [--icicle]\n"
		"                      [--only THREAD]\n"
		"       slabwall flame --from-script FILE | --from-folded FILE\n"
		"                      [--stats FILE] [-o FILE.svg] [--folded FILE] ...\n"
		"\n"
		"Runs perf record -e cpu-clock -a -g on every CPU, sets the knobs given,\n"
		"runs once, stops perf and folds its stacks (perf script).  Writes the\n"
		"folded stacks and an SVG flame graph: the allocator's frames in reds\n"
		"(SLUB), oranges (page allocator) and yellows (zeroing under them), the\n"
		"operation's work (sw_work, see --work) in blue, the rest grey.  Prints\n"
		"the allocator's and the work's share of the samples in slabwall's\n"
		"kthreads, and the module's own alloc_share_pct beside them.\n"
		"\n");
	runopts_usage(f);
	fprintf(f,
		"  -o FILE         the SVG (default " DEFAULT_SVG ")\n"
		"  --folded FILE   the folded stacks, \"root;...;leaf count\" (default: the\n"
		"                  SVG's name with .folded for .svg)\n"
		"  --perf PATH     the perf to run (default perf)\n"
		"  --freq HZ       samples per second per CPU (default %d)\n"
		"  --data FILE     perf.data (default " PERF_DATA ")\n"
		"  --from-script FILE   fold the text of an earlier `perf script`\n"
		"  --from-folded FILE   draw folded stacks written earlier\n"
		"  --stats FILE    with --from-*: the module's stats of that run, for\n"
		"                  alloc_share_pct\n"
		"  --title TEXT    the SVG's title\n"
		"  --min-width PCT frames under PCT%% of all samples are not drawn\n"
		"                  (default 0.1)\n"
		"  --icicle        callers at the top\n"
		"  --only THREAD   draw only the stacks of THREAD (a root as the folded\n"
		"                  file has it: slabwall/* for slabwall's kthreads); the\n"
		"                  folded file keeps them all\n"
		"  --help          this text\n"
		"\n"
		"Stacks start with the thread's name up to any '/' (\"kworker\" for\n"
		"kworker/1:2); slabwall's kthreads, slabwall/0, slabwall/1... and any\n"
		"thread seen in sw_worker_fn whatever perf called it, are \"slabwall/*\".\n"
		"Needs root: it lowers kptr_restrict and perf_event_paranoid for the\n"
		"run and puts them back.\n"
		"Exit status: 0 ok, 1 failure or a run cut short (the graph is still\n"
		"written), 2 bad command line, 3 refused by the module.\n",
		DEFAULT_FREQ);
}

struct cmd_opts {
	struct run_opts run;
	const char *svg, *folded, *perf, *data, *from_script, *from_folded;
	const char *stats, *title, *only;
	char folded_buf[4096];
	unsigned int freq;
	double min_pct;
	bool icicle, help;
};

enum {
	O_FOLDED = 256, O_PERF, O_FREQ, O_DATA, O_FROM_SCRIPT, O_FROM_FOLDED,
	O_STATS, O_TITLE, O_MIN_WIDTH, O_ICICLE, O_ONLY
};

/* A whole decimal number, nothing after it. */
static bool parse_double(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return *s && !*end && !errno && isfinite(*out);
}

/* The options that take a file or a text: where each one goes. */
static const char **string_opt(struct cmd_opts *o, int c)
{
	switch (c) {
	case 'o':
		return &o->svg;
	case O_FOLDED:
		return &o->folded;
	case O_PERF:
		return &o->perf;
	case O_DATA:
		return &o->data;
	case O_FROM_SCRIPT:
		return &o->from_script;
	case O_FROM_FOLDED:
		return &o->from_folded;
	case O_STATS:
		return &o->stats;
	case O_TITLE:
		return &o->title;
	case O_ONLY:
		return &o->only;
	}
	return NULL;
}

static int take_own(void *p, int c, const char *arg)
{
	struct cmd_opts *o = p;
	const char **str = string_opt(o, c);
	uint64_t v;

	if (str) {
		*str = arg;
		return EXIT_OK;
	}
	switch (c) {
	case O_ICICLE:
		o->icicle = true;
		break;
	case 'h':
		o->help = true;
		break;
	case O_FREQ:
		if (!parse_u64(arg, &v) || v < 1 || v > MAX_FREQ)
			return sw_usage_error("flame",
					      "--freq \"%s\": want 1 to %d samples per second",
					      arg, MAX_FREQ);
		o->freq = (unsigned int)v;
		break;
	case O_MIN_WIDTH:
		if (!parse_double(arg, &o->min_pct) || o->min_pct < 0 ||
		    o->min_pct > 100)
			return sw_usage_error("flame",
					      "--min-width \"%s\": want a percentage, 0 to 100",
					      arg);
		break;
	default:
		return sw_usage_hint("flame");
	}
	return EXIT_OK;
}

/* flame.svg -> flame.folded; other names get .folded added. */
static void default_folded(struct cmd_opts *o)
{
	size_t n = strlen(o->svg);

	if (o->folded)
		return;
	if (n > 4 && !strcmp(o->svg + n - 4, ".svg"))
		n -= 4;
	snprintf(o->folded_buf, sizeof(o->folded_buf), "%.*s.folded", (int)n,
		 o->svg);
	o->folded = o->folded_buf;
}

static int check_args(struct cmd_opts *o, int argc, char **argv)
{
	if (optind < argc)
		return sw_usage_error("flame", "unexpected argument \"%s\"", argv[optind]);
	if (o->from_script && o->from_folded)
		return sw_usage_error("flame", "--from-script and --from-folded: one or the other");
	if ((o->from_script || o->from_folded) && runopts_given(&o->run))
		return sw_usage_error("flame",
				      "run options need a run: not with --from-script or --from-folded");
	if (o->stats && !o->from_script && !o->from_folded)
		return sw_usage_error("flame",
				      "--stats is for --from-*: a run reads the module's own");
	default_folded(o);
	return EXIT_OK;
}

static int parse_args(int argc, char **argv, struct cmd_opts *o)
{
	static const struct option own[] = {
		{ "folded", required_argument, NULL, O_FOLDED },
		{ "perf", required_argument, NULL, O_PERF },
		{ "freq", required_argument, NULL, O_FREQ },
		{ "data", required_argument, NULL, O_DATA },
		{ "from-script", required_argument, NULL, O_FROM_SCRIPT },
		{ "from-folded", required_argument, NULL, O_FROM_FOLDED },
		{ "stats", required_argument, NULL, O_STATS },
		{ "title", required_argument, NULL, O_TITLE },
		{ "min-width", required_argument, NULL, O_MIN_WIDTH },
		{ "icicle", no_argument, NULL, O_ICICLE },
		{ "only", required_argument, NULL, O_ONLY },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int ret;

	memset(o, 0, sizeof(*o));
	o->svg = DEFAULT_SVG;
	o->perf = "perf";
	o->data = PERF_DATA;
	o->freq = DEFAULT_FREQ;
	o->min_pct = 0.1;
	ret = runopts_getopt(argc, argv, "ho:", own, &o->run, "flame", take_own, o);
	if (!ret && !o->help)
		ret = check_args(o, argc, argv);
	return ret;
}

/* ---- output ---- */

static int write_svg(const struct cmd_opts *o, const struct flame_folded *f)
{
	struct flame_svg_opts so;
	struct flame_folded only;
	struct flame_shares sh;
	char legend[512];
	FILE *out;
	int ret;

	/* The shares of all the stacks, drawn or not. */
	flame_shares_count(f, FLAME_SW_THREAD, &sh);
	flame_share_sentence(&sh, legend, sizeof(legend));
	flame_folded_init(&only);
	if (o->only) {
		if (flame_folded_keep_root(f, o->only, &only)) {
			warnx("out of memory");
			return EXIT_FAIL;
		}
		if (!only.total)
			warnx("--only \"%s\": no stacks start with it; the graph is empty",
			      o->only);
		f = &only;
	}
	flame_svg_opts_init(&so);
	so.title = o->title;
	so.legend = legend;
	so.min_frac = o->min_pct / 100;
	so.icicle = o->icicle;
	out = fopen(o->svg, "w");
	if (!out) {
		warn("%s: cannot write the flame graph", o->svg);
		flame_folded_free(&only);
		return EXIT_FAIL;
	}
	ret = flame_svg_write(f, &so, out);
	flame_folded_free(&only);
	if (fclose(out) || ret) {
		warnx("%s: writing the flame graph failed", o->svg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int write_outputs(const struct cmd_opts *o, const struct flame_folded *f)
{
	FILE *out;
	int ret;

	out = fopen(o->folded, "w");
	if (!out) {
		warn("%s: cannot write the folded stacks", o->folded);
		return EXIT_FAIL;
	}
	ret = flame_write_folded(f, out);
	if (fclose(out) || ret) {
		warnx("%s: writing the folded stacks failed", o->folded);
		return EXIT_FAIL;
	}
	if (write_svg(o, f))
		return EXIT_FAIL;
	fprintf(stderr, "slabwall flame: wrote %s and %s\n", o->svg, o->folded);
	return EXIT_OK;
}

/* The module's alloc_share_pct from @st, or NaN with the reason warned. */
static double module_share(const struct sw_stats *st, const char *origin)
{
	double d;

	if (sw_stats_double(st, "alloc_share_pct", &d)) {
		warnx("%s: no alloc_share_pct to compare with", origin);
		return NAN;
	}
	return d;
}

/*
 * One line: the profile's shares, then the module's alloc_share_pct and
 * how far apart the two are, against the profile's sampling error.
 */
static void verdict(const struct flame_folded *f, double module)
{
	struct flame_shares sh;
	char line[512];
	double prof, se;

	flame_shares_count(f, FLAME_SW_THREAD, &sh);
	flame_share_sentence(&sh, line, sizeof(line));
	printf("flame: %s", line);
	if (!isnan(module) && sh.threads) {
		prof = flame_share_pct(&sh, sh.alloc);
		se = flame_share_se(&sh, sh.alloc);
		printf("; the module's alloc_share_pct %.1f%%, %.1f points %s the profile's",
		       module, fabs(module - prof),
		       module >= prof ? "above" : "below");
		printf(" (its sampling error +-%.1f)", se);
	}
	putchar('\n');
}

/* ---- from files ---- */

static double stats_file_share(const char *path)
{
	struct sw_stats st;
	struct swerr e;
	char *text;
	double d;

	if (fio_read_alloc(path, &text, NULL, &e)) {
		warnx("%s", e.msg);
		return NAN;
	}
	sw_stats_init(&st);
	if (sw_stats_parse(&st, text, path, &e) > 0)
		warnx("%u malformed line(s) skipped, the first: %s", st.malformed,
		      e.msg);
	d = module_share(&st, path);
	sw_stats_free(&st);
	free(text);
	return d;
}

static int from_files(const struct cmd_opts *o)
{
	const struct flame_rename rename = FLAME_SW_RENAME;
	const char *path = o->from_script ? o->from_script : o->from_folded;
	struct flame_folded f;
	struct swerr e;
	int ret = EXIT_OK;
	FILE *in;

	in = fopen(path, "r");
	if (!in) {
		warn("%s: cannot open to read", path);
		return EXIT_FAIL;
	}
	flame_folded_init(&f);
	if (o->from_script)
		ret = flame_fold_script(&f, in, path, &rename, &e);
	else
		ret = flame_read_folded(&f, in, path, &e);
	fclose(in);
	if (ret) {
		warnx("%s", e.msg);
		ret = EXIT_FAIL;
	} else {
		if (f.malformed)
			warnx("%u malformed line(s) skipped, the first: %s",
			      f.malformed, e.msg);
		ret = write_outputs(o, &f);
		if (!ret)
			verdict(&f, o->stats ? stats_file_share(o->stats) : NAN);
	}
	flame_folded_free(&f);
	return ret;
}

/* ---- a run under perf ---- */

/* The sysctls perf needs, set for the run and put back after it. */
struct sysctl_save {
	char kptr[32], paranoid[32];
	bool have_kptr, have_paranoid;
};

static bool sysctl_set(const char *path, const char *value, char *old,
		       size_t len)
{
	struct swerr e;
	char *t;

	if (fio_read(path, old, len, &e) < 0) {
		warnx("%s; perf may not see kernel symbols", e.msg);
		return false;
	}
	t = fio_trim(old);
	memmove(old, t, strlen(t) + 1);
	if (fio_write(path, value, &e)) {
		warnx("%s; perf may not see kernel symbols", e.msg);
		return false;
	}
	return true;
}

static void sysctls_open(struct sysctl_save *s)
{
	/* Addresses in /proc/kallsyms, and every CPU's kernel samples. */
	s->have_kptr = sysctl_set(KPTR_RESTRICT, "0", s->kptr, sizeof(s->kptr));
	s->have_paranoid = sysctl_set(PERF_PARANOID, "-1", s->paranoid,
				      sizeof(s->paranoid));
}

static void sysctls_restore(const struct sysctl_save *s)
{
	struct swerr e;

	if (s->have_kptr && fio_write(KPTR_RESTRICT, s->kptr, &e))
		warnx("%s", e.msg);
	if (s->have_paranoid && fio_write(PERF_PARANOID, s->paranoid, &e))
		warnx("%s", e.msg);
}

/* What perf said, when it failed: its own words name the cause. */
static void show_log(const char *path)
{
	const size_t tail = 2048;
	char *text, *from;
	size_t len;

	if (fio_read_alloc(path, &text, &len, NULL))
		return;
	from = len > tail ? text + len - tail : text;
	if (len)
		fprintf(stderr, "%s%s:\n%s%s", len > tail ? "the end of " : "",
			path, from, text[len - 1] == '\n' ? "" : "\n");
	free(text);
}

/* perf on, the run, perf off; *@cut_short when the run was stopped early. */
static int record_run(struct flame_perf *p, bool *cut_short)
{
	struct swerr e;
	int ret, stop;

	*cut_short = false;
	ret = flame_perf_record_start(p, &e);
	if (ret) {
		warnx("%s", e.msg);
		if (ret != -EINTR)
			show_log(p->log);
		return EXIT_FAIL;
	}
	/* A Ctrl-C while perf started: no run, perf stopped in order. */
	if (sw_interrupted)
		*cut_short = true;
	else
		ret = runopts_run(cut_short);
	stop = flame_perf_record_stop(p, &e);
	if (stop) {
		warnx("%s", e.msg);
		show_log(p->log);
		return EXIT_FAIL;
	}
	return ret;
}

static int fold_run(const struct cmd_opts *o, struct flame_perf *p)
{
	const struct flame_rename rename = FLAME_SW_RENAME;
	struct flame_shares sh;
	struct flame_folded f;
	char stats[PATH_MAX];
	struct sw_stats st;
	struct swerr e;
	int ret;

	flame_folded_init(&f);
	ret = flame_perf_script(p, &f, &rename, &e);
	if (ret) {
		warnx("%s", e.msg);
		show_log(p->log);
		flame_folded_free(&f);
		return EXIT_FAIL;
	}
	if (f.malformed)
		warnx("%u malformed line(s) skipped, the first: %s", f.malformed,
		      e.msg);
	ret = write_outputs(o, &f);
	/* Without kernel symbols nothing is sw_worker_fn: say where to look. */
	flame_shares_count(&f, FLAME_SW_THREAD, &sh);
	if (!sh.threads)
		warnx("no samples in slabwall's kthreads: did the run start, and could perf read kernel symbols (/proc/kallsyms, %s)?",
		      KPTR_RESTRICT);
	sw_stats_init(&st);
	if (!ret && !sw_read_stats_warn(&st)) {
		snprintf(stats, sizeof(stats), "%s/stats", sw_default_dir());
		verdict(&f, module_share(&st, stats));
		sw_stats_free(&st);
	}
	flame_folded_free(&f);
	return ret;
}

static int run_flame(const struct cmd_opts *o)
{
	struct flame_perf p = {
		.perf = o->perf, .data = o->data, .log = PERF_LOG,
		.freq = o->freq, .cancel = &sw_interrupted,
	};
	const struct swp_info *pi = NULL;
	struct sysctl_save saved = { 0 };
	struct sw_sigsave sigs;
	bool cut_short = false;
	struct swerr e;
	int ret;

	if (sw_check(NULL, &e)) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	ret = runopts_apply(&o->run, &pi);
	if (ret)
		return ret;
	/* Ctrl-C from here on stops the run and perf in order. */
	sw_catch_signals(&sigs);
	sysctls_open(&saved);
	ret = record_run(&p, &cut_short);
	/* perf script reads /proc/kallsyms too: restore after it. */
	if (!ret || cut_short)
		ret = fold_run(o, &p) ? EXIT_FAIL : ret;
	sysctls_restore(&saved);
	sw_restore_signals(&sigs);
	if (!ret && cut_short)
		ret = EXIT_FAIL;
	return ret;
}

int cmd_flame(int argc, char **argv)
{
	struct cmd_opts o;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		usage(stdout);
		return EXIT_OK;
	}
	if (o.from_script || o.from_folded)
		return from_files(&o);
	return run_flame(&o);
}
