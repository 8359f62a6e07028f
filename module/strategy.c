// SPDX-License-Identifier: GPL-2.0
/*
 * The strategies a run can use, in the order of SW_STRATEGIES
 * (uapi/slabwall.h).  Each one lives in its own strategy_*.c file.
 */
#include "slabwall.h"

const struct sw_strategy *const sw_strategies[SW_NR_STRATEGIES] = {
#define SW_STRATEGY(name)		\
	[SW_STRAT_##name] = &sw_strategy_##name,
#include "uapi/slabwall.h"
#undef SW_STRATEGY
};

const char *const sw_strategy_names[SW_NR_STRATEGIES] = {
#define SW_STRATEGY(name)		\
	[SW_STRAT_##name] = #name,
#include "uapi/slabwall.h"
#undef SW_STRATEGY
};
