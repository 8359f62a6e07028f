/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The values "slabwall tune" replaced, kept in a small text file so that
 * "slabwall tune --restore" can put them back, one "CACHE KNOB VALUE"
 * line each.  The first value saved for a knob is the one kept: tuning
 * twice must still restore what was there before slabwall touched it.
 */
#ifndef SLABWALL_TUNESTATE_H
#define SLABWALL_TUNESTATE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "swerr.h"

#define TS_DEFAULT_PATH "/var/lib/slabwall/tune.saved"
#define TS_ENV "SLABWALL_STATE"
#define TS_KNOB_MAX 32

struct ts_entry {
	char cache[NAME_MAX + 1];	/* the cache's directory, not an alias */
	char knob[TS_KNOB_MAX];
	uint64_t value;
};

struct ts_state {
	struct ts_entry *v;
	size_t n;
};

/* $SLABWALL_STATE, or TS_DEFAULT_PATH when it is unset or empty. */
const char *ts_path(void);

/* A missing file is an empty state; a malformed line is -EINVAL naming it. */
int ts_load(const char *path, struct ts_state *s, struct swerr *e);

/*
 * Replaces @path with @s (through a temporary file and rename), making the
 * directories above it; an empty @s removes the file.
 */
int ts_save(const char *path, const struct ts_state *s, struct swerr *e);

struct ts_entry *ts_find(struct ts_state *s, const char *cache,
			 const char *knob);
/* Adds the entry unless one for @cache and @knob is there: 1 added, 0 kept. */
int ts_add(struct ts_state *s, const char *cache, const char *knob,
	   uint64_t value);
void ts_remove(struct ts_state *s, size_t i);
void ts_free(struct ts_state *s);

#endif /* SLABWALL_TUNESTATE_H */
