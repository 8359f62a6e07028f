// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall calibrate: what a bare allocator pair costs per pattern on one
 * CPU, measured by the module (control's "calibrate") and shown.
 */
#include <err.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calib.h"
#include "calib_print.h"
#include "commands.h"
#include "cpulist.h"
#include "strnum.h"
#include "swknobs.h"

/* The size knobs it may set first, as run's --size sets one of them. */
enum { SZ_OBJECT, SZ_DATA, SZ_NAME, SZ_COUNT };

static const struct {
	const char *opt;
	const char *knob;
} size_opts[SZ_COUNT] = {
	[SZ_OBJECT] = { "--size", "object_size" },
	[SZ_DATA] = { "--data-size", "data_size" },
	[SZ_NAME] = { "--name-len", "name_len" },
};

struct cal_opts {
	const char *cpu;		/* NULL: the first CPU we may run on */
	uint64_t loops;			/* 0: the module's default */
	const char *size[SZ_COUNT];	/* NULL: leave the knob alone */
	bool json;
};

static void usage(FILE *f)
{
	char r[SZ_COUNT][96];
	unsigned int i;

	for (i = 0; i < SZ_COUNT; i++)
		swk_range(swk_find(size_opts[i].knob), r[i], sizeof(r[i]));
	fprintf(f,
		"usage: slabwall calibrate [--cpu C] [--loops N] [--size B]\n"
		"                          [--data-size B] [--name-len B] [--json]\n"
		"\n"
		"Has the module time a bare alloc + free of each pattern's object, in a\n"
		"tight loop on one CPU (the empty loop's cost taken off), and prints the\n"
		"costs: ns and cycles per pair on the pattern's cache (kmalloc + kfree for\n"
		"kmalloc), and per whole object for a pattern that attaches more to its\n"
		"head (skb's data, dentry's name).  Runs are set against these (docs/\n"
		"debugfs.md, \"calibration\"; docs/performance.md).\n"
		"\n"
		"  --cpu C         the CPU to measure on (default: the first this process\n"
		"                  may run on); the tool moves itself there\n"
		"  --loops N       turns of each loop, 1..%u (default %u)\n"
		"  --size B        object_size first, kmalloc's size (%s)\n"
		"  --data-size B   data_size first, skb's and real_skb's (%s)\n"
		"  --name-len B    name_len first, dentry's and real_dentry's (%s)\n"
		"  --json          print one JSON object instead of the table\n"
		"  --help          this text\n"
		"\n"
		"Knobs not given stay as they are.  Not while a run is going.  Needs root.\n"
		"Exit status: 0 ok, 1 failure, 2 bad command line, 3 refused by the module\n"
		"(a run or another calibration is going, a value it does not take).\n",
		SW_MAX_CAL_LOOPS, SW_CAL_LOOPS, r[SZ_OBJECT], r[SZ_DATA], r[SZ_NAME]);
}

static int take_opt(struct cal_opts *o, int c, const char *arg)
{
	struct swerr e;

	switch (c) {
	case 'c':
		o->cpu = arg;
		return EXIT_OK;
	case 'l':
		if (!parse_u64(arg, &o->loops) || o->loops < 1 ||
		    o->loops > SW_MAX_CAL_LOOPS)
			return sw_usage_error("calibrate",
					      "--loops \"%s\": not a whole number in 1..%u",
					      arg, SW_MAX_CAL_LOOPS);
		return EXIT_OK;
	case 's':
	case 'd':
	case 'n':
		c = c == 's' ? SZ_OBJECT : c == 'd' ? SZ_DATA : SZ_NAME;
		if (swk_check(swk_find(size_opts[c].knob), size_opts[c].opt,
			      arg, &e))
			return sw_usage_error("calibrate", "%s", e.msg);
		o->size[c] = arg;
		return EXIT_OK;
	case 'j':
		o->json = true;
		return EXIT_OK;
	default:
		return sw_usage_hint("calibrate");
	}
}

/* Moves this thread to --cpu, or to the first CPU it may run on. */
static int pin(const char *arg, unsigned int *cpu)
{
	struct cpuset allowed;
	char list[256];
	cpu_set_t set;
	uint64_t want;
	int i;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set)) {
		warn("cannot read the CPUs this process may run on");
		return EXIT_FAIL;
	}
	cpuset_clear(&allowed);
	for (i = 0; i < CPU_SETSIZE && i < CPUSET_MAX; i++)
		if (CPU_ISSET(i, &set))
			cpuset_add(&allowed, (unsigned int)i);
	if (!arg) {
		*cpu = (unsigned int)cpuset_next(&allowed, -1);
	} else {
		if (!parse_u64(arg, &want))
			return sw_usage_error("calibrate", "--cpu \"%s\": not a CPU number",
					      arg);
		if (want >= CPU_SETSIZE || !cpuset_has(&allowed, (unsigned int)want)) {
			cpulist_format(&allowed, list, sizeof(list));
			return sw_usage_error("calibrate",
					      "--cpu %s: not a CPU this process may run on (%s)",
					      arg, list);
		}
		*cpu = (unsigned int)want;
	}
	CPU_ZERO(&set);
	CPU_SET(*cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		warn("cannot move to CPU %u", *cpu);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int set_sizes(const struct cal_opts *o)
{
	struct swerr e;
	unsigned int i;
	int ret;

	for (i = 0; i < SZ_COUNT; i++) {
		if (!o->size[i])
			continue;
		ret = sw_set(NULL, size_opts[i].knob, o->size[i], &e);
		if (ret) {
			warnx("%s", e.msg);
			return exit_for(ret);
		}
	}
	return EXIT_OK;
}

/* Reads, parses and prints the calibration the module just made. */
static int show(const struct cal_opts *o, unsigned int cpu)
{
	char path[PATH_MAX];
	struct swerr e;
	struct calib c;
	char *text;
	struct jw w;
	int ret;

	ret = sw_read_calibration(NULL, &text, &e);
	if (ret) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	snprintf(path, sizeof(path), "%s/calibration", sw_default_dir());
	ret = calib_parse(path, text, &c, &e);
	free(text);
	if (ret) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	if (!c.loops) {
		warnx("%s says loops 0: the module was reset before it could be read",
		      path);
		return EXIT_FAIL;
	}
	if (c.cpu != cpu)
		warnx("asked for CPU %u, the module measured on CPU %" PRIu64,
		      cpu, c.cpu);
	if (o->json) {
		jw_init(&w, stdout);
		jw_begin_obj(&w, NULL);
		calib_print_json(&w, &c);
		jw_end_obj(&w);
	} else {
		calib_print_table(stdout, &c);
	}
	return EXIT_OK;
}

int cmd_calibrate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cpu", required_argument, NULL, 'c' },
		{ "loops", required_argument, NULL, 'l' },
		{ "size", required_argument, NULL, 's' },
		{ "data-size", required_argument, NULL, 'd' },
		{ "name-len", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct cal_opts o = { 0 };
	unsigned int cpu = 0;
	struct swerr e;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return EXIT_OK;
		}
		ret = take_opt(&o, c, optarg);
		if (ret)
			return ret;
	}
	if (optind < argc)
		return sw_usage_error("calibrate", "unexpected argument \"%s\"",
				      argv[optind]);
	ret = pin(o.cpu, &cpu);
	if (ret)
		return ret;
	ret = sw_check(NULL, &e);
	if (ret) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	ret = set_sizes(&o);
	if (ret)
		return ret;
	ret = sw_calibrate(NULL, (uint32_t)o.loops, &e);
	if (ret) {
		warnx("%s", e.msg);
		return exit_for(ret);
	}
	return show(&o, cpu);
}
