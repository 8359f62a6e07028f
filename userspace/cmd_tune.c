// SPDX-License-Identifier: GPL-2.0
/* slabwall tune: set a cache's cpu_partial and min_partial, or put them back. */
#include <err.h>
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "tune.h"
#include "tunestate.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall tune CACHE [cpu_partial=N] [min_partial=N]\n"
		"       slabwall tune --restore\n"
		"\n"
		"Prints the cache's old values, writes the new ones to /sys/kernel/slab/CACHE\n"
		"and saves the old ones in %s\n"
		"(or $%s), so that --restore puts them back and clears the file.\n"
		"Tuning again keeps the first saved values.  With no KNOB=N it only prints\n"
		"the current values.\n"
		"\n"
		"  cpu_partial=N  free objects a CPU may keep on its per-CPU partial slabs\n"
		"                 (0 turns them off)\n"
		"  min_partial=N  empty slabs a node keeps on its partial list instead of\n"
		"                 giving them back\n"
		"  --restore      write back every saved value\n"
		"  --help         this text\n"
		"\n"
		"An alias of a merged cache tunes every cache merged with it.  Needs root.\n"
		"Exit status: 0 ok, 1 failure, 2 bad command line or no such cache,\n"
		"3 refused by the kernel (a value it does not take).\n",
		TS_DEFAULT_PATH, TS_ENV);
}

int cmd_tune(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "restore", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct tune_req r;
	bool restore = false;
	struct swerr e;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			restore = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return sw_usage_hint("tune");
		}
	}
	if (restore) {
		if (optind < argc)
			return sw_usage_error("tune",
					      "--restore: unexpected argument \"%s\"",
					      argv[optind]);
		ret = tune_restore(NULL, ts_path(), stdout, &e);
	} else {
		/* It fails only with EXIT_USAGE. */
		if (tune_parse(argc - optind, argv + optind, &r, &e))
			return sw_usage_error("tune", "%s", e.msg);
		ret = tune_apply(NULL, ts_path(), &r, stdout, &e);
	}
	if (ret) {
		fflush(stdout);
		warnx("%s", e.msg);
	}
	return ret;
}
