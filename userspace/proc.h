/* SPDX-License-Identifier: GPL-2.0 */
/* Running another program to its end: trace-cmd, a traced COMMAND. */
#ifndef SLABWALL_PROC_H
#define SLABWALL_PROC_H

#include <stddef.h>

/*
 * Runs @argv (PATH searched) with stdout and stderr to @out_fd (-1: ours)
 * and waits for it.  Ctrl-C reaches it through the terminal; a SIGTERM
 * that only we got (sw_interrupted) is passed on once.  Returns its wait
 * status, 127 << 8 when it could not be started, or -1 when fork or
 * waitpid failed (warned).
 */
int proc_run(char *const argv[], int out_fd);

/* 0 for a clean exit; else "exited with status N" or "killed by signal N" in @buf. */
int proc_status(int status, char *buf, size_t len);

#endif /* SLABWALL_PROC_H */
