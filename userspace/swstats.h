/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's stats file: "key value" lines like /proc/vmstat, totals
 * first, then "cpuN.key value" per CPU.  Values are unsigned integers,
 * decimals ("83.4") or words ("skb", "0-1").
 */
#ifndef SLABWALL_SWSTATS_H
#define SLABWALL_SWSTATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "swerr.h"

enum sw_val_kind {
	SW_VAL_UINT,	/* digits only, fits in 64 bits: u and d are set */
	SW_VAL_NUM,	/* [-]digits[.digits], or an integer too big: d is set */
	SW_VAL_WORD,	/* anything else: only text */
};

struct sw_stat {
	char *key;
	char *text;
	enum sw_val_kind kind;
	uint64_t u;
	double d;
};

struct sw_stats {
	struct sw_stat *v;
	size_t n, cap;
	unsigned int malformed;	/* lines skipped by the last parse */
};

void sw_stats_init(struct sw_stats *st);
void sw_stats_free(struct sw_stats *st);

/*
 * Adds the lines of @text to @st.  Blank lines are ignored; a line that is
 * not "key value", or repeats a key, is skipped and counted.  Returns the
 * number of skipped lines (@e names @origin and the first of them), or
 * -ENOMEM.
 */
int sw_stats_parse(struct sw_stats *st, const char *text, const char *origin,
		   struct swerr *e);

const struct sw_stat *sw_stats_find(const struct sw_stats *st, const char *key);
/* The value's text, or NULL when @key is missing. */
const char *sw_stats_str(const struct sw_stats *st, const char *key);
/* 0, -ENOENT when @key is missing, -EINVAL when it is not an unsigned integer. */
int sw_stats_u64(const struct sw_stats *st, const char *key, uint64_t *out);
/* Like sw_stats_u64() but takes decimals too. */
int sw_stats_double(const struct sw_stats *st, const char *key, double *out);
/* "cpu@cpu.@key". */
int sw_stats_cpu_u64(const struct sw_stats *st, unsigned int cpu,
		     const char *key, uint64_t *out);

/* Splits "cpu12.ops" into 12 and "ops"; false for a total's key. */
bool sw_stat_cpu_key(const char *key, unsigned int *cpu, const char **subkey);

#endif /* SLABWALL_SWSTATS_H */
