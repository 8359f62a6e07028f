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

/*
 * Whether @cfg's strategy can run its pattern.  A real object (alloc_skb(),
 * d_alloc()) comes whole from the kernel's own cache, one call each: there
 * is no cache handle to bulk from, no layout to carve in an arena, and a
 * pool of them would measure the pool, not the kernel's path.  So the
 * real_* patterns run with the slab strategy only, whatever strategies
 * there are; the rest is each strategy's own rule.
 */
bool sw_supported(const struct sw_config *cfg)
{
	/* The kernel's own objects: slab only, where the kernel puts them. */
	if (sw_patterns[cfg->pattern]->alloc &&
	    (cfg->strategy != SW_STRAT_slab || cfg->alloc_node != SW_NODE_OWN))
		return false;
	return sw_strategies[cfg->strategy]->supports(cfg);
}
