/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ctrl-C, SIGTERM and SIGHUP as a flag: long waits and runs check sw_interrupted
 * and wind down through their normal exits, so that what they set up
 * (a run, a tracefs instance, kprobe events, perf) is always undone.
 */
#ifndef SLABWALL_SWSIGNAL_H
#define SLABWALL_SWSIGNAL_H

#include <signal.h>

/*
 * Set by SIGINT, SIGTERM or SIGHUP once sw_catch_signals() ran, and never cleared:
 * a signal that came before a nested catch (a run inside a trace) is
 * still seen after it.
 */
extern volatile sig_atomic_t sw_interrupted;

struct sw_sigsave {
	struct sigaction old_int, old_term, old_hup;
};

/*
 * Catches SIGINT, SIGTERM and SIGHUP (a closed terminal or ssh session
 * must not kill us with a run going), without SA_RESTART so a signal cuts
 * a sleep short; the old handlers go to @save (may be NULL).
 */
void sw_catch_signals(struct sw_sigsave *save);
void sw_restore_signals(const struct sw_sigsave *save);

#endif /* SLABWALL_SWSIGNAL_H */
