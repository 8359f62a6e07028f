/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The interface of slabwall.ko in one place (docs/debugfs.md): its knobs
 * with their ranges and defaults, the words of the word knobs, the states
 * and stop reasons, and the limits.  Plain C, included by the module, the
 * slabwall command and the selftests, so none of them keeps a copy.
 *
 * The lists are at the end, outside the include guard, in the style of
 * linux/bpf_types.h: a user defines SW_PATTERN(name, cache, size_knob)
 * (or SW_STRATEGY, SW_FREE_MODE, SW_STATE, SW_STOP_REASON, SW_KNOB),
 * includes this file again and gets one expansion per entry, in table
 * order, to make an enum, a table or a check; then #undefs it.
 */
#ifndef SLABWALL_UAPI_SLABWALL_H
#define SLABWALL_UAPI_SLABWALL_H

/* The module's directory under debugfs. */
#define SW_DEBUGFS_DIR		"slabwall"

/* Limits of the knobs (ranges in SW_KNOBS below) and of one write. */
#define SW_MAX_ALLOCS		4096
#define SW_MIN_OBJECT_SIZE	8
#define SW_MAX_SIZE		65536
#define SW_MAX_NAME_LEN		255
#define SW_MAX_WORK		65536
#define SW_MAX_DURATION_MS	600000
#define SW_MAX_RATE		10000000
#define SW_MIN_MEM_KB		64
#define SW_MAX_MEM_KB		16777216	/* 16 GiB */
#define SW_MAX_SURVIVE_EVERY	65536
#define SW_MAX_SURVIVORS	1048576
#define SW_MAX_FAIL_EVERY	1000000
#define SW_MAX_TIME_EVERY	65536
#define SW_INPUT_MAX		4096	/* longest write, a cpulist */
#define SW_CAL_LOOPS		100000	/* "calibrate" without a count */
#define SW_MAX_CAL_LOOPS	10000000
#define SW_NODE_OWN		(-1)	/* alloc_node: the worker's own node */
#define SW_MAX_NODE		1023	/* MAX_NUMNODES at the largest NODES_SHIFT */

/* The module's own caches, as /sys/kernel/slab names them. */
#define SW_CACHE_SKB		"slabwall_skbuff_head"
#define SW_CACHE_DENTRY		"slabwall_dentry"

/* The kernel's own caches the real_* patterns' heads come from. */
#define SW_CACHE_REAL_SKB	"skbuff_head_cache"
#define SW_CACHE_REAL_DENTRY	"dentry"

#define SW_NO_CACHE		((const char *)0)
#define SW_NO_WORDS		((const char *const *)0)

/* The module's tables are in the order of these enums. */
enum sw_pattern_id {
#define SW_PATTERN(name, ...)	SW_PAT_##name,
#include "slabwall.h"
#undef SW_PATTERN
	SW_NR_PATTERNS
};

enum sw_strategy_id {
#define SW_STRATEGY(name)	SW_STRAT_##name,
#include "slabwall.h"
#undef SW_STRATEGY
	SW_NR_STRATEGIES
};

enum sw_free_mode {
#define SW_FREE_MODE(id, ...)	SW_FREE_##id,
#include "slabwall.h"
#undef SW_FREE_MODE
	SW_NR_FREE_MODES
};

enum sw_state {
#define SW_STATE(id, ...)	SW_##id,
#include "slabwall.h"
#undef SW_STATE
	SW_NR_STATES
};

enum sw_stop_reason {
#define SW_STOP_REASON(id, ...)	SW_STOP_##id,
#include "slabwall.h"
#undef SW_STOP_REASON
	SW_NR_STOP_REASONS
};

/*
 * What a knob's file takes: a whole number in [min, max], one word of a
 * list (the list's index in [min, max]; the file reads back every word,
 * the current one in brackets: "[skb] dentry kmalloc"), or a cpulist of
 * online CPUs (default: every online CPU), or a NUMA node: SW_NODE_OWN
 * (-1) or a whole number in [0, max], signed where the others are not;
 * whether that node is online is checked when a run starts.
 */
enum sw_knob_kind { SW_KNOB_NUMBER, SW_KNOB_WORD, SW_KNOB_CPULIST,
		    SW_KNOB_NODE };

/* SW_KNOB_<file>: a knob's index in the list. */
enum sw_knob_id {
#define SW_KNOB(file, ...)	SW_KNOB_##file,
#include "slabwall.h"
#undef SW_KNOB
	SW_NR_KNOBS
};

#endif /* SLABWALL_UAPI_SLABWALL_H */

/*
 * SW_PATTERN(name, own cache, size knob): the patterns, each in the
 * module's pattern_<name>.c.  A pattern of kmalloc only has no own cache;
 * the size knob is the one the command's --size sets.  A real_* pattern
 * allocates the kernel's own object (alloc_skb(), d_alloc()) from the
 * kernel's cache named here; it runs with the slab strategy only.
 */
#ifdef SW_PATTERN
SW_PATTERN(skb, SW_CACHE_SKB, data_size)
SW_PATTERN(dentry, SW_CACHE_DENTRY, name_len)
SW_PATTERN(kmalloc, SW_NO_CACHE, object_size)
SW_PATTERN(real_skb, SW_CACHE_REAL_SKB, data_size)
SW_PATTERN(real_dentry, SW_CACHE_REAL_DENTRY, name_len)
#endif

/* SW_STRATEGY(name): the strategies, each in the module's strategy_<name>.c. */
#ifdef SW_STRATEGY
SW_STRATEGY(slab)
SW_STRATEGY(bulk)
SW_STRATEGY(pool)
SW_STRATEGY(arena)
SW_STRATEGY(mempool)
SW_STRATEGY(arena_keep)
#endif

/* SW_FREE_MODE(ID, name): where an operation's objects are freed. */
#ifdef SW_FREE_MODE
SW_FREE_MODE(LOCAL, local)
SW_FREE_MODE(REMOTE, remote)
SW_FREE_MODE(RCU, rcu)		/* call_rcu(), freed after a grace period */
#endif

/* SW_STATE(ID, name): what control reads. */
#ifdef SW_STATE
SW_STATE(IDLE, idle)		/* no run since load or reset */
SW_STATE(RUNNING, running)
SW_STATE(DONE, done)
#endif

/*
 * SW_STOP_REASON(ID, name): why a run ended (stats: stop_reason).  A run
 * holds NONE, USER or CPU_OFFLINE (the first reason given wins); a run
 * done with NONE ran its whole duration and reads DURATION.
 */
#ifdef SW_STOP_REASON
SW_STOP_REASON(NONE, none)
SW_STOP_REASON(DURATION, duration)
SW_STOP_REASON(USER, stop)
SW_STOP_REASON(CPU_OFFLINE, cpu_offline)
#endif

/*
 * SW_KNOB(file, field, kind, words, min, max, default): every knob, in
 * the order the stats file shows them.  @kind is NUMBER, WORD, CPULIST or
 * NODE (enum sw_knob_kind without SW_KNOB_); @field is the member of the
 * module's struct sw_config; @words names the table of a word knob's
 * names (sw_pattern_names etc.), SW_NO_WORDS for the other kinds.
 */
#ifdef SW_KNOB
SW_KNOB(pattern, pattern, WORD, sw_pattern_names,
	0, SW_NR_PATTERNS - 1, SW_PAT_skb)
SW_KNOB(strategy, strategy, WORD, sw_strategy_names,
	0, SW_NR_STRATEGIES - 1, SW_STRAT_slab)
SW_KNOB(allocs_per_op, allocs_per_op, NUMBER, SW_NO_WORDS,
	0, SW_MAX_ALLOCS, 8)
SW_KNOB(object_size, object_size, NUMBER, SW_NO_WORDS,
	SW_MIN_OBJECT_SIZE, SW_MAX_SIZE, 256)
SW_KNOB(data_size, data_size, NUMBER, SW_NO_WORDS,
	0, SW_MAX_SIZE, 1500)
SW_KNOB(name_len, name_len, NUMBER, SW_NO_WORDS,
	1, SW_MAX_NAME_LEN, 24)
SW_KNOB(cpus, cpus, CPULIST, SW_NO_WORDS,
	0, 0, 0)
SW_KNOB(free, free_mode, WORD, sw_free_names,
	0, SW_NR_FREE_MODES - 1, SW_FREE_LOCAL)
SW_KNOB(work_bytes, work_bytes, NUMBER, SW_NO_WORDS,
	0, SW_MAX_WORK, 0)
SW_KNOB(duration_ms, duration_ms, NUMBER, SW_NO_WORDS,
	1, SW_MAX_DURATION_MS, 1000)
SW_KNOB(rate, rate, NUMBER, SW_NO_WORDS,
	0, SW_MAX_RATE, 0)
SW_KNOB(mem_limit_kb, mem_limit_kb, NUMBER, SW_NO_WORDS,
	SW_MIN_MEM_KB, SW_MAX_MEM_KB, 131072)
SW_KNOB(survive_every, survive_every, NUMBER, SW_NO_WORDS,
	0, SW_MAX_SURVIVE_EVERY, 0)
SW_KNOB(survivors_max, survivors_max, NUMBER, SW_NO_WORDS,
	1, SW_MAX_SURVIVORS, 4096)
SW_KNOB(fail_every, fail_every, NUMBER, SW_NO_WORDS,
	0, SW_MAX_FAIL_EVERY, 0)
/* Where the slab strategy allocates; other strategies take only -1. */
SW_KNOB(alloc_node, alloc_node, NODE, SW_NO_WORDS,
	SW_NODE_OWN, SW_MAX_NODE, SW_NODE_OWN)
SW_KNOB(time_every, time_every, NUMBER, SW_NO_WORDS,
	1, SW_MAX_TIME_EVERY, 1)
SW_KNOB(typesafe_rcu, typesafe_rcu, NUMBER, SW_NO_WORDS,
	0, 1, 0)
#endif
