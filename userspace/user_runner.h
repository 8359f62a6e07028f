/* SPDX-License-Identifier: GPL-2.0 */
/*
 * slabwall-user --allocators: the grid under each allocator, by
 * LD_PRELOAD, one process per allocator (per point with --fresh).  The
 * runs go in rounds, every allocator once a round, so a host that gets
 * busier during the lab slows every allocator alike instead of the last
 * ones; each child runs one round and hands its runs back as records.
 */
#ifndef SLABWALL_USER_RUNNER_H
#define SLABWALL_USER_RUNNER_H
#include <stdio.h>

#include "user_opts.h"

/* The file malloc resolves to in this process. */
const char *urunner_malloc_lib(void);
/* 0 if malloc comes from allocator @as's library, else 1 after a message. */
int urunner_check(const char *as, const char *lib);
/* The runner, with the whole command line; the exit status. */
int urunner_run(int argc, char **argv, const struct uopts *o);
/* A child's records: one per run of @p, or one saying why it failed. */
int urunner_put_runs(FILE *f, unsigned int index, const struct upoint *p);
#endif /* SLABWALL_USER_RUNNER_H */
