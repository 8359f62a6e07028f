// SPDX-License-Identifier: GPL-2.0
/* What the subcommands share: usage errors, Ctrl-C, reading the stats. */
#include <err.h>
#include <stdarg.h>
#include <stdio.h>

#include "commands.h"

int sw_usage_hint(const char *cmd)
{
	fprintf(stderr, "Try 'slabwall %s --help'.\n", cmd);
	return EXIT_USAGE;
}

int sw_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "slabwall %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return sw_usage_hint(cmd);
}

int sw_read_stats_warn(struct sw_stats *st)
{
	struct swerr e;
	int ret;

	ret = sw_read_stats(NULL, st, &e);
	if (ret < 0) {
		warnx("%s", e.msg);
		sw_stats_free(st);
		return EXIT_FAIL;
	}
	if (ret > 0)
		warnx("%d malformed stats line(s) skipped, the first: %s", ret,
		      e.msg);
	return EXIT_OK;
}
