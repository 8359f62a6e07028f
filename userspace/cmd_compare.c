// SPDX-License-Identifier: GPL-2.0
/* slabwall compare: one verdict line per value of a column, against a base. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "compare.h"
#include "compare_merge.h"
#include "plot_gp.h"

#define MAX_FILES	8

/* The CSVs on the command line and their names in the output. */
struct cmp_files {
	const char *path[MAX_FILES];
	const char *label[MAX_FILES];
	char name[MAX_FILES][128];
	int n, nlabels;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall compare FILE.csv [FILE.csv...] --by COLUMN --base VALUE\n"
		"                        [--at COLUMN=VALUE...] [--metric COLUMN]\n"
		"                        [--tail COLUMN|none] [--key COLUMN...]\n"
		"                        [--brief | --biggest] [--label NAME...]\n"
		"                        [--decide] [--threshold X]\n"
		"\n"
		"Compares the rows of a CSV (a sweep.csv, or a lab's table) whose COLUMN\n"
		"is not VALUE with the row whose COLUMN is VALUE and whose other knobs are\n"
		"the same, and prints one line each:\n"
		"\n"
		"  pool: 3.10x slab throughput at allocs_per_op=64 free=local, p99 -62%%\n"
		"\n"
		"With two or more CSVs (6.1 beside 6.12, a run beside a reference) the\n"
		"base is the first file's: every file's rows, its own base value's\n"
		"included, are compared with it, each named LABEL:VALUE:\n"
		"\n"
		"  6.12:slab: 1.20x 6.1:slab throughput at allocs_per_op=64, p99 -10%%\n"
		"\n"
		"  --by COLUMN        the column whose values are compared (strategy, free,\n"
		"                     setting, ...)\n"
		"  --base VALUE       the value the others are compared with\n"
		"  --at COLUMN=VALUE  only rows with that value (repeatable); numbers match\n"
		"                     numbers (64 = 64.0)\n"
		"  --metric COLUMN    the ratio's column (default ops_per_sec, \"throughput\")\n"
		"  --tail COLUMN      the latency whose change is given (default p99_ns);\n"
		"                     none leaves it out\n"
		"  --key COLUMN       a column a row and its base must agree on\n"
		"                     (repeatable; default: the knob columns the CSV has,\n"
		"                     setting pattern strategy size cpus_spec free\n"
		"                     allocs_per_op work_bytes rate; by ncpus or cpus,\n"
		"                     which say the CPU set as cpus_spec does, without\n"
		"                     cpus_spec)\n"
		"  --brief            one line per set of knobs: \"free=local: bulk 1.21x\n"
		"                     p99 -12%%, pool 3.10x p99 -62%%\"\n"
		"  --biggest          only the line furthest from the base, either way\n"
		"  --label NAME       the name of the next CSV, in order (repeatable;\n"
		"                     default: the file name without .csv)\n"
		"  --decide           also say higher, lower or inconclusive, from the\n"
		"                     metric's _min and _max columns: higher only when\n"
		"                     the row's min over the base's max is above 1,\n"
		"                     lower only when its max over the base's min is\n"
		"                     below 1 (at least %d runs each side):\n"
		"                     \"remote: higher: 1.84x local ns_per_alloc\n"
		"                     (1.52-2.20x over the runs) at allocs_per_op=64\"\n"
		"  --threshold X      --decide against X instead of 1 (\"2 CPUs give\n"
		"                     more than 1.5x one CPU's throughput\")\n"
		"  --help             this text\n"
		"\n"
		"Rows whose status is not ok are left out.  The line names the --at\n"
		"conditions and the knobs that differ between the rows compared.\n"
		"Exit status: 0 ok, 1 nothing to compare or an unreadable CSV, 2 bad\n"
		"command line.\n", CMP_MIN_RUNS);
}

enum {
	O_BY = 256, O_BASE, O_AT, O_METRIC, O_TAIL, O_KEY, O_BRIEF, O_BIGGEST,
	O_LABEL, O_DECIDE, O_THRESHOLD
};

static int parse(int argc, char **argv, struct cmp_opts *o, bool *brief,
		 bool *biggest, struct cmp_files *files)
{
	static const struct option opts[] = {
		{ "by", required_argument, NULL, O_BY },
		{ "base", required_argument, NULL, O_BASE },
		{ "at", required_argument, NULL, O_AT },
		{ "metric", required_argument, NULL, O_METRIC },
		{ "tail", required_argument, NULL, O_TAIL },
		{ "key", required_argument, NULL, O_KEY },
		{ "brief", no_argument, NULL, O_BRIEF },
		{ "biggest", no_argument, NULL, O_BIGGEST },
		{ "label", required_argument, NULL, O_LABEL },
		{ "decide", no_argument, NULL, O_DECIDE },
		{ "threshold", required_argument, NULL, O_THRESHOLD },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct swerr e;
	char *end;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_BY:
			o->by = optarg;
			break;
		case O_BASE:
			o->base = optarg;
			break;
		case O_AT:
			if (o->nat == CMP_MAX_AT)
				return sw_usage_error("compare", "at most %d --at",
						      CMP_MAX_AT);
			if (cmp_parse_cond("--at", optarg, &o->at[o->nat], &e))
				return sw_usage_error("compare", "%s", e.msg);
			o->nat++;
			break;
		case O_METRIC:
			o->metric = optarg;
			break;
		case O_TAIL:
			o->tail = strcmp(optarg, "none") ? optarg : "";
			break;
		case O_KEY:
			if (o->nkeys == CMP_MAX_KEYS)
				return sw_usage_error("compare", "at most %d --key",
						      CMP_MAX_KEYS);
			o->keys[o->nkeys++] = optarg;
			break;
		case O_BRIEF:
			*brief = true;
			break;
		case O_BIGGEST:
			*biggest = true;
			break;
		case O_LABEL:
			if (files->nlabels == MAX_FILES)
				return sw_usage_error("compare", "at most %d --label",
						      MAX_FILES);
			files->label[files->nlabels++] = optarg;
			break;
		case O_DECIDE:
			o->decide = true;
			break;
		case O_THRESHOLD:
			o->decide = true;
			o->threshold = strtod(optarg, &end);
			if (*end || end == optarg || !(o->threshold > 0) ||
			    !isfinite(o->threshold))
				return sw_usage_error("compare",
						      "--threshold \"%s\": want a number above 0",
						      optarg);
			break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			return sw_usage_hint("compare");
		}
	}
	if (optind >= argc)
		return sw_usage_error("compare", "which CSV file?");
	if (argc - optind > MAX_FILES)
		return sw_usage_error("compare", "at most %d CSV files", MAX_FILES);
	if (files->nlabels > argc - optind)
		return sw_usage_error("compare", "%d --label for %d CSV file(s)",
				      files->nlabels, argc - optind);
	if (!o->by || !o->base)
		return sw_usage_error("compare", "--by and --base are needed");
	if (*brief && *biggest)
		return sw_usage_error("compare", "--brief or --biggest, not both");
	for (files->n = 0; optind < argc; files->n++, optind++) {
		files->path[files->n] = argv[optind];
		plot_label_of(argv[optind], files->name[files->n],
			      sizeof(files->name[0]));
		if (files->n < files->nlabels)
			snprintf(files->name[files->n], sizeof(files->name[0]),
				 "%s", files->label[files->n]);
	}
	return 0;
}

/*
 * One CSV as it is; several merged into one table, the base renamed to the
 * first file's (@base_buf).
 */
static int read_tables(const struct cmp_files *files, struct cmp_opts *o,
		       char *base_buf, size_t len, struct csv_table *t)
{
	struct csv_table in[MAX_FILES];
	const char *names[MAX_FILES];
	struct swerr e;
	int i, ret = 0;

	for (i = 0; i < files->n; i++) {
		if (csv_read_file(files->path[i], &in[i], &e)) {
			warnx("%s", e.msg);
			while (i--)
				csv_free(&in[i]);
			return EXIT_FAIL;
		}
		names[i] = files->name[i];
	}
	if (files->n == 1) {
		*t = in[0];
		return 0;
	}
	if (cmp_merge(in, names, (size_t)files->n, o->by, t, &e)) {
		warnx("%s", e.msg);
		ret = EXIT_FAIL;
	}
	snprintf(base_buf, len, "%s:%s", names[0], o->base);
	o->base = base_buf;
	for (i = 0; i < files->n; i++)
		csv_free(&in[i]);
	return ret;
}

int cmd_compare(int argc, char **argv)
{
	struct cmp_opts o = { 0 };
	struct cmp_report rep;
	bool brief = false, biggest = false;
	struct cmp_files files = { 0 };
	struct csv_table t;
	const char *file;
	char base[256];
	struct swerr e;
	long best;
	int ret;

	ret = parse(argc, argv, &o, &brief, &biggest, &files);
	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	ret = read_tables(&files, &o, base, sizeof(base), &t);
	if (ret)
		return ret;
	file = files.n == 1 ? files.path[0] : "the CSVs";
	ret = cmp_run(&t, &o, &rep, &e);
	if (ret) {
		warnx("%s: %s", file, e.msg);
		csv_free(&t);
		return ret == -EINVAL ? EXIT_USAGE : EXIT_FAIL;
	}
	if (rep.no_base)
		warnx("%s: %zu row(s) with no %s=%s row to compare to", file,
		      rep.no_base, o.by, o.base);
	if (rep.no_number)
		warnx("%s: %zu row(s) without a number to compare", file,
		      rep.no_number);
	ret = EXIT_OK;
	if (!rep.n) {
		warnx("%s: nothing to compare", file);
		ret = EXIT_FAIL;
	} else if (biggest) {
		best = cmp_biggest(&rep);
		cmp_print_one(stdout, &o, &rep.res[best]);
	} else {
		cmp_print(stdout, &o, &rep, brief);
	}
	cmp_free(&rep);
	csv_free(&t);
	return ret;
}
