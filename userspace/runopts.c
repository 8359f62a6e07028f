// SPDX-License-Identifier: GPL-2.0
/* The run knobs on a command line: parse, write, run once (runopts.h). */
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "cpulist.h"
#include "runopts.h"
#include "strnum.h"
#include "swknobs.h"

/* How long past duration_ms a run may take to wind down before we give up. */
#define WAIT_SLACK_MS 30000
#define POLL_MS 100

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
	[K_MEM] = "mem_limit_kb",
	[K_SURVIVE] = "survive_every",
	[K_SURVIVORS] = "survivors_max",
	[K_FAIL] = "fail_every",
	[K_NODE] = "alloc_node",
	[K_TIME] = "time_every",
	[K_TYPESAFE] = "typesafe_rcu",
};

/*
 * Option name, knob, whether it is a whole number, whether it is a flag
 * (no argument: it writes 1); the value is RUNOPT_BASE + knob.
 */
static const struct {
	const char *opt;
	bool numeric;
	bool flag;
} run_options[K_COUNT] = {
	[K_PATTERN] = { "pattern", false },
	[K_STRATEGY] = { "strategy", false },
	[K_ALLOCS] = { "allocs", true },
	[K_SIZE] = { "size", true },
	[K_CPUS] = { "cpus", false },
	[K_FREE] = { "free", false },
	[K_WORK] = { "work", true },
	[K_DURATION] = { "duration", true },
	[K_RATE] = { "rate", true },
	[K_MEM] = { "mem-limit", true },
	[K_SURVIVE] = { "survive-every", true },
	[K_SURVIVORS] = { "survivors-max", true },
	[K_FAIL] = { "fail-every", true },
	[K_NODE] = { "node", false },	/* -1 too: swk_check() says */
	[K_TIME] = { "time-every", true },
	[K_TYPESAFE] = { "typesafe-rcu", false, true },
};

void runopts_init(struct run_opts *o)
{
	memset(o, 0, sizeof(*o));
}

bool runopts_given(const struct run_opts *o)
{
	unsigned int k;

	for (k = 0; k < K_COUNT; k++)
		if (o->val[k])
			return true;
	return false;
}

struct option *runopts_longopts(const struct option *own)
{
	size_t n = 0, k;
	struct option *all;

	while (own[n].name)
		n++;
	all = calloc(n + K_COUNT + 1, sizeof(*all));
	if (!all)
		return NULL;
	memcpy(all, own, n * sizeof(*all));
	for (k = 0; k < K_COUNT; k++)
		all[n + k] = (struct option){ run_options[k].opt,
					      run_options[k].flag ? no_argument :
								    required_argument,
					      NULL, RUNOPT_BASE + (int)k };
	return all;
}

int runopts_getopt(int argc, char **argv, const char *optstring,
		   const struct option *own, struct run_opts *run,
		   const char *cmd,
		   int (*take)(void *arg, int opt, const char *optarg),
		   void *arg)
{
	struct option *opts = runopts_longopts(own);
	int c, ret = EXIT_OK;

	if (!opts)
		err(EXIT_FAIL, "out of memory");
	runopts_init(run);
	optind = 1;
	while (!ret && (c = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
		if (c == '?') {
			ret = sw_usage_hint(cmd);	/* getopt said what */
			break;
		}
		ret = runopts_take(run, c, optarg, cmd);
		if (ret == 1)
			ret = take(arg, c, optarg);
	}
	free(opts);
	return ret;
}

int runopts_command(int argc, char **argv, const struct run_opts *run,
		    const char *cmd, char ***command)
{
	*command = NULL;
	if (optind == argc)
		return EXIT_OK;
	if (strcmp(argv[optind - 1], "--"))
		return sw_usage_error(cmd, "unexpected argument \"%s\" (a COMMAND goes after --)",
				      argv[optind]);
	if (runopts_given(run))
		return sw_usage_error(cmd, "run options are for a run, not for a COMMAND");
	*command = argv + optind;
	return EXIT_OK;
}

/* " (knob, range)", or " (range)" without @named, from module/uapi/slabwall.h. */
static const char *range_of(const char *knob, bool named, char *buf, size_t len)
{
	char range[128];

	snprintf(buf, len, " (%s%s%s)", named ? knob : "", named ? ", " : "",
		 swk_range(swk_find(knob), range, sizeof(range)));
	return buf;
}

void runopts_usage(FILE *f)
{
	char r[16][160];

	fprintf(f,
		"  --pattern P     %s: what one object is\n"
		"  --strategy S    how objects are obtained: %s\n"
		"  --allocs N      objects allocated and freed per operation%s\n"
		"  --cpus LIST     CPUs to run on, e.g. 0-3,6 (must be online)\n"
		"  --free WHERE    %s: remote, the next CPU of the list frees;\n"
		"                  rcu, call_rcu() frees after a grace period\n"
		"  --size B        object_size for kmalloc%s,\n"
		"                  data_size for skb and real_skb%s,\n"
		"                  name_len for dentry and real_dentry%s\n"
		"  --work B        bytes of simulated processing per operation%s\n"
		"  --duration MS   run length in milliseconds%s\n"
		"  --rate R        operations per second per CPU, 0 for a closed loop%s\n"
		"  --mem-limit KB  most memory the run may hold outstanding: a worst\n"
		"                  case over it is refused at the start%s\n"
		"  --survive-every N  every Nth object outlives its operation, 0 for\n"
		"                  none%s\n"
		"  --survivors-max N  survivors kept per CPU%s\n"
		"  --fail-every N  every Nth allocator call fails, 0 for none%s\n"
		"  --node N        NUMA node the slab strategy allocates on:\n"
		"                  %s\n"
		"  --time-every N  time one operation in N (latencies from those),\n"
		"                  count them all%s\n"
		"  --typesafe-rcu  the module's own caches made with\n"
		"                  SLAB_TYPESAFE_BY_RCU (knob typesafe_rcu 1)\n",
		swk_range(swk_find("pattern"), r[0], sizeof(r[0])),
		swk_range(swk_find("strategy"), r[1], sizeof(r[1])),
		range_of("allocs_per_op", true, r[2], sizeof(r[2])),
		swk_range(swk_find("free"), r[3], sizeof(r[3])),
		range_of("object_size", false, r[4], sizeof(r[4])),
		range_of("data_size", false, r[5], sizeof(r[5])),
		range_of("name_len", false, r[6], sizeof(r[6])),
		range_of("work_bytes", true, r[7], sizeof(r[7])),
		range_of("duration_ms", true, r[8], sizeof(r[8])),
		range_of("rate", true, r[9], sizeof(r[9])),
		range_of("mem_limit_kb", true, r[15], sizeof(r[15])),
		range_of("survive_every", true, r[10], sizeof(r[10])),
		range_of("survivors_max", true, r[11], sizeof(r[11])),
		range_of("fail_every", true, r[12], sizeof(r[12])),
		swk_range(swk_find("alloc_node"), r[13], sizeof(r[13])),
		range_of("time_every", true, r[14], sizeof(r[14])));
}

static int check_cpus(const char *arg, struct run_opts *o, const char *cmd)
{
	struct cpuset want, online, offline;
	char bad[256];
	struct swerr e;

	if (cpulist_parse(arg, &want, &e))
		return sw_usage_error(cmd, "--cpus: %s", e.msg);
	if (!cpuset_count(&want))
		return sw_usage_error(cmd, "--cpus \"%s\": no CPUs in the list",
				      arg);
	/* The module refuses offline CPUs too; say which ones here. */
	if (cpulist_read(CPULIST_ONLINE_PATH, &online, &e) == 0 &&
	    !cpuset_subset(&want, &online)) {
		cpuset_minus(&want, &online, &offline);
		cpulist_format(&offline, bad, sizeof(bad));
		return sw_usage_error(cmd,
				      "--cpus \"%s\": CPU(s) %s are not online",
				      arg, bad);
	}
	if (cpulist_format(&want, o->cpus, sizeof(o->cpus)) >= sizeof(o->cpus))
		return sw_usage_error(cmd, "--cpus \"%s\": too long a list", arg);
	o->val[K_CPUS] = o->cpus;
	return EXIT_OK;
}

int runopts_take(struct run_opts *o, int opt, const char *arg, const char *cmd)
{
	unsigned int k = (unsigned int)(opt - RUNOPT_BASE);
	uint64_t v;

	char opt_name[32];
	struct swerr e;

	if (opt < RUNOPT_BASE || k >= K_COUNT)
		return 1;
	if (run_options[k].flag)
		arg = "1";
	if (run_options[k].numeric && !parse_u64(arg, &v))
		return sw_usage_error(cmd, "--%s \"%s\": not a whole number",
				      run_options[k].opt, arg);
	if (k == K_CPUS)
		return check_cpus(arg, o, cmd);
	/* --size is checked once the pattern is known (runopts_apply). */
	snprintf(opt_name, sizeof(opt_name), "--%s", run_options[k].opt);
	if (knob_names[k] && swk_check(swk_find(knob_names[k]), opt_name, arg, &e))
		return sw_usage_error(cmd, "%s", e.msg);
	o->val[k] = arg;
	return 0;
}

int runopts_apply(const struct run_opts *o, const struct swp_info **pi)
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
			"slabwall: --size: no size knob known for pattern \"%s\"\n",
			pattern);
		return EXIT_USAGE;
	}
	if (o->val[K_SIZE] &&
	    swk_check(swk_find((*pi)->size_knob), "--size", o->val[K_SIZE], &e)) {
		fprintf(stderr, "slabwall: %s\n", e.msg);
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

struct progress {
	unsigned long duration_ms;
	bool tty;
	bool shown;
};

/* Every poll: a signal ends the wait, on a terminal or not. */
static int show_progress(void *arg, unsigned long elapsed_ms)
{
	struct progress *p = arg;
	struct sw_stats st;
	uint64_t ops = 0;

	if (sw_interrupted)
		return 1;
	if (!p->tty)
		return 0;
	sw_stats_init(&st);
	if (sw_read_stats(NULL, &st, NULL) >= 0)
		sw_stats_u64(&st, "ops", &ops);
	sw_stats_free(&st);
	fprintf(stderr, "\rslabwall: running %.1f s of %.1f s, %" PRIu64 " ops\033[K",
		(double)elapsed_ms / 1000, (double)p->duration_ms / 1000, ops);
	p->shown = true;
	return 0;
}

int runopts_run(bool *cut_short)
{
	struct progress prog = { 0 };
	struct sw_sigsave sigs;
	uint64_t duration = 1000;
	enum sw_state state = SW_DONE;
	struct swerr e, stop_e;
	int ret;

	sw_get_u64(NULL, "duration_ms", &duration, NULL);
	prog.duration_ms = (unsigned long)duration;
	prog.tty = isatty(STDERR_FILENO);
	/*
	 * Caught before the start, so no signal can leave the module running;
	 * a signal cuts the poll's nap short (no SA_RESTART).
	 */
	sw_catch_signals(&sigs);
	ret = sw_start(NULL, &e);
	if (ret) {
		sw_restore_signals(&sigs);
		warnx("%s", e.msg);
		return exit_for(ret);
	}
	ret = sw_wait(NULL, prog.duration_ms + WAIT_SLACK_MS, POLL_MS,
		      show_progress, &prog, &state, &e);
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
