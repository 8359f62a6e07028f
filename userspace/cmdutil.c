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

volatile sig_atomic_t sw_interrupted;

static void on_signal(int sig)
{
	(void)sig;
	sw_interrupted = 1;
}

void sw_catch_signals(struct sw_sigsave *save)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sw_interrupted = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, save ? &save->old_int : NULL);
	sigaction(SIGTERM, &sa, save ? &save->old_term : NULL);
}

void sw_restore_signals(const struct sw_sigsave *save)
{
	sigaction(SIGINT, &save->old_int, NULL);
	sigaction(SIGTERM, &save->old_term, NULL);
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
