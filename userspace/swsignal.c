// SPDX-License-Identifier: GPL-2.0
/* Ctrl-C, SIGTERM and SIGHUP as a flag the commands check (swsignal.h). */
#include <stddef.h>

#include "swsignal.h"

volatile sig_atomic_t sw_interrupted;

static void on_signal(int sig)
{
	(void)sig;
	sw_interrupted = 1;
}

void sw_catch_signals(struct sw_sigsave *save)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, save ? &save->old_int : NULL);
	sigaction(SIGTERM, &sa, save ? &save->old_term : NULL);
	sigaction(SIGHUP, &sa, save ? &save->old_hup : NULL);
}

void sw_restore_signals(const struct sw_sigsave *save)
{
	sigaction(SIGINT, &save->old_int, NULL);
	sigaction(SIGTERM, &save->old_term, NULL);
	sigaction(SIGHUP, &save->old_hup, NULL);
}
