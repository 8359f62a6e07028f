/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's knobs as module/uapi/slabwall.h lists them: names, kinds,
 * ranges, defaults and words, to check a value before it is written and
 * to say the ranges in usage texts.
 */
#ifndef SLABWALL_SWKNOBS_H
#define SLABWALL_SWKNOBS_H

#include <stddef.h>
#include <stdint.h>

#include "swerr.h"
#include "uapi/slabwall.h"

struct swk_knob {
	const char *name;
	enum sw_knob_kind kind;
	const char *const *words;	/* a word knob's max + 1 words */
	uint64_t min, max, def;
};

/* SW_DEF_<knob>: a knob's default, as a constant. */
enum swk_default {
#define SW_KNOB(file, field, type, w, lo, hi, d) SW_DEF_##file = (d),
#include "uapi/slabwall.h"
#undef SW_KNOB
};

extern const struct swk_knob swk_knobs[SW_NR_KNOBS];
extern const char *const sw_pattern_names[SW_NR_PATTERNS];
extern const char *const sw_strategy_names[SW_NR_STRATEGIES];
extern const char *const sw_free_names[SW_NR_FREE_MODES];

/* The knob called @name, or NULL. */
const struct swk_knob *swk_find(const char *name);

/*
 * 0 when @value is one @k takes (a whole number in range, or one of its
 * words; a cpulist is not checked here), else -EINVAL with an error that
 * names @opt (the option, e.g. "--allocs"), the value and the range.
 */
int swk_check(const struct swk_knob *k, const char *opt, const char *value,
	      struct swerr *e);

/* swk_check() of a number already parsed. */
int swk_check_u64(const struct swk_knob *k, const char *opt, uint64_t v,
		  struct swerr *e);

/* "0..4096" or "skb, dentry or kmalloc" into @buf. */
const char *swk_range(const struct swk_knob *k, char *buf, size_t len);

#endif /* SLABWALL_SWKNOBS_H */
