// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "strnum.h"
#include "swknobs.h"

const char *const sw_pattern_names[SW_NR_PATTERNS] = {
#define SW_PATTERN(name, ...) [SW_PAT_##name] = #name,
#include "uapi/slabwall.h"
#undef SW_PATTERN
};

const char *const sw_strategy_names[SW_NR_STRATEGIES] = {
#define SW_STRATEGY(name) [SW_STRAT_##name] = #name,
#include "uapi/slabwall.h"
#undef SW_STRATEGY
};

const char *const sw_free_names[SW_NR_FREE_MODES] = {
#define SW_FREE_MODE(id, name) [SW_FREE_##id] = #name,
#include "uapi/slabwall.h"
#undef SW_FREE_MODE
};

const struct swk_knob swk_knobs[SW_NR_KNOBS] = {
#define SW_KNOB(file, field, type, w, lo, hi, d) \
	[SW_KNOB_##file] = { #file, SW_KNOB_##type, w, lo, hi, d },
#include "uapi/slabwall.h"
#undef SW_KNOB
};

const struct swk_knob *swk_find(const char *name)
{
	size_t i;

	for (i = 0; i < SW_NR_KNOBS; i++)
		if (!strcmp(swk_knobs[i].name, name))
			return &swk_knobs[i];
	return NULL;
}

const char *swk_range(const struct swk_knob *k, char *buf, size_t len)
{
	size_t used = 0;
	uint64_t i;

	if (k->kind == SW_KNOB_NUMBER) {
		snprintf(buf, len, "%" PRIu64 "..%" PRIu64, k->min, k->max);
		return buf;
	}
	if (k->kind == SW_KNOB_CPULIST) {
		snprintf(buf, len, "a list of online CPUs");
		return buf;
	}
	if (k->kind == SW_KNOB_NODE) {
		snprintf(buf, len, "-1 (the worker's own node) or a node, 0..%" PRIu64,
			 k->max);
		return buf;
	}
	buf[0] = '\0';
	for (i = k->min; i <= k->max && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i == k->min ? "" : i == k->max ? " or " : ", ",
					 k->words[i]);
	return buf;
}

int swk_check(const struct swk_knob *k, const char *opt, const char *value,
	      struct swerr *e)
{
	char range[256];
	uint64_t v, i;

	if (k->kind == SW_KNOB_CPULIST)
		return 0;
	if (k->kind == SW_KNOB_WORD) {
		for (i = k->min; i <= k->max; i++)
			if (!strcmp(value, k->words[i]))
				return 0;
		return swerr_set(e, EINVAL, "%s \"%s\": %s takes %s", opt, value,
				 k->name, swk_range(k, range, sizeof(range)));
	}
	if (k->kind == SW_KNOB_NODE && !strcmp(value, "-1"))
		return 0;
	if (k->kind == SW_KNOB_NODE && value[0] == '-' && parse_u64(value + 1, &v))
		return swerr_set(e, EINVAL, "%s %s: out of range, %s takes %s",
				 opt, value, k->name,
				 swk_range(k, range, sizeof(range)));
	if (!parse_u64(value, &v))
		return swerr_set(e, EINVAL, "%s \"%s\": not a whole number", opt,
				 value);
	/* A node's min is -1, stored as the largest uint64_t. */
	if ((k->kind != SW_KNOB_NODE && v < k->min) || v > k->max)
		return swerr_set(e, EINVAL, "%s %s: out of range, %s takes %s",
				 opt, value, k->name,
				 swk_range(k, range, sizeof(range)));
	return 0;
}

int swk_check_u64(const struct swk_knob *k, const char *opt, uint64_t v,
		  struct swerr *e)
{
	char num[24];

	snprintf(num, sizeof(num), "%" PRIu64, v);
	return swk_check(k, opt, num, e);
}
