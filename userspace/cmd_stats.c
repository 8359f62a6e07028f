// SPDX-License-Identifier: GPL-2.0
/* slabwall stats: the module's stats file, as a table, raw or as JSON. */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "fileio.h"
#include "stats_print.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall stats [--raw | --json]\n"
		"\n"
		"Shows the stats of the last run (a live snapshot while one is going):\n"
		"settings, results, then a column per CPU.\n"
		"\n"
		"  --raw    print %s/stats as it is\n"
		"  --json   print one JSON object: {\"stats\": {...}, \"per_cpu\": {...}}\n"
		"  --help   this text\n",
		sw_default_dir());
}

static int print_raw(void)
{
	char path[PATH_MAX];
	struct swerr e;
	char *text;
	int ret;

	if (fio_path(path, sizeof(path), sw_default_dir(), "stats", &e)) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	ret = fio_read_alloc(path, &text, NULL, &e);
	if (ret) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	fputs(text, stdout);
	free(text);
	return EXIT_OK;
}

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "raw", no_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	bool raw = false, json = false;
	struct sw_stats st;
	struct swerr e;
	struct jw w;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			raw = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return sw_usage_hint("stats");
		}
	}
	if (optind < argc)
		return sw_usage_error("stats", "unexpected argument \"%s\"",
				      argv[optind]);
	if (raw && json)
		return sw_usage_error("stats", "--raw and --json do not go together");

	ret = sw_check(NULL, &e);
	if (ret) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	if (raw)
		return print_raw();

	sw_stats_init(&st);
	if (sw_read_stats_warn(&st))
		return EXIT_FAIL;
	if (json) {
		jw_init(&w, stdout);
		jw_begin_obj(&w, NULL);
		stats_print_json(&w, &st);
		jw_end_obj(&w);
	} else {
		stats_print_pretty(stdout, &st);
	}
	sw_stats_free(&st);
	return EXIT_OK;
}
