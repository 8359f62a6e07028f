// SPDX-License-Identifier: GPL-2.0
/*
 * The strategies a run can use, in the order debugfs lists them.  Each
 * one lives in its own strategy_*.c file.
 */
#include "slabwall.h"

const struct sw_strategy *const sw_strategies[] = {
	&sw_strategy_slab,
	&sw_strategy_bulk,
	&sw_strategy_pool,
	&sw_strategy_arena,
};

const unsigned int sw_nr_strategies = ARRAY_SIZE(sw_strategies);
