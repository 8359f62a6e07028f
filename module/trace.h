/* SPDX-License-Identifier: GPL-2.0 */
/*
 * slabwall's tracepoints: a run's knobs and totals, each operation, and
 * each hand-over of objects to another CPU for freeing.  They appear under
 * events/slabwall/ in tracefs and cost a static branch while disabled.
 * See docs/tracing.md.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM slabwall

#if !defined(SLABWALL_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define SLABWALL_TRACE_H

#include <linux/tracepoint.h>
#include <linux/string.h>
#include "slabwall.h"

/*
 * Names go in fixed arrays, not __string(): one event per run, and no
 * __assign_str(), whose arguments changed in 6.10.
 */
#define SW_TRACE_NAME	32

TRACE_EVENT(slabwall_run_start,
	    TP_PROTO(const struct sw_run *run, const char *cache),
	    TP_ARGS(run, cache),
	    TP_STRUCT__entry(__array(char, pattern, SW_TRACE_NAME)
			     __array(char, strategy, SW_TRACE_NAME)
			     __array(char, free, SW_TRACE_NAME)
			     __array(char, cache, SW_TRACE_NAME)
			     __field(u32, allocs_per_op)
			     __field(u32, object_size)
			     __field(u32, data_size)
			     __field(u32, name_len)
			     __field(u32, work_bytes)
			     __field(u32, duration_ms)
			     __field(u32, rate)
			     __field(u32, mem_limit_kb)
			     __field(u32, survive_every)
			     __field(u32, survivors_max)
			     __field(u32, fail_every)
			     __field(s32, alloc_node)
			     __field(u32, time_every)
			     __field(u32, nr_cpus)
			     __bitmask(cpus, nr_cpumask_bits)),
	    TP_fast_assign(strscpy(__entry->pattern, sw_pattern_names[run->cfg.pattern],
				   SW_TRACE_NAME);
			   strscpy(__entry->strategy, sw_strategy_names[run->cfg.strategy],
				   SW_TRACE_NAME);
			   strscpy(__entry->free,
				   sw_free_names[run->cfg.free_mode],
				   SW_TRACE_NAME);
			   strscpy(__entry->cache, cache, SW_TRACE_NAME);
			   __entry->allocs_per_op = run->cfg.allocs_per_op;
			   __entry->object_size = run->cfg.object_size;
			   __entry->data_size = run->cfg.data_size;
			   __entry->name_len = run->cfg.name_len;
			   __entry->work_bytes = run->cfg.work_bytes;
			   __entry->duration_ms = run->cfg.duration_ms;
			   __entry->rate = run->cfg.rate;
			   __entry->mem_limit_kb = run->cfg.mem_limit_kb;
			   __entry->survive_every = run->cfg.survive_every;
			   __entry->survivors_max = run->cfg.survivors_max;
			   __entry->fail_every = run->cfg.fail_every;
			   __entry->alloc_node = run->cfg.alloc_node;
			   __entry->time_every = run->cfg.time_every;
			   __entry->nr_cpus = run->nr_workers;
			   __assign_bitmask(cpus, cpumask_bits(run->cfg.cpus),
					    nr_cpumask_bits);),
	    TP_printk("pattern=%s strategy=%s free=%s cache=%s allocs_per_op=%u object_size=%u data_size=%u name_len=%u work_bytes=%u duration_ms=%u rate=%u mem_limit_kb=%u survive_every=%u survivors_max=%u fail_every=%u alloc_node=%d time_every=%u nr_cpus=%u cpus=%s",
		      __entry->pattern, __entry->strategy, __entry->free,
		      __entry->cache, __entry->allocs_per_op,
		      __entry->object_size, __entry->data_size,
		      __entry->name_len, __entry->work_bytes,
		      __entry->duration_ms, __entry->rate,
		      __entry->mem_limit_kb, __entry->survive_every,
		      __entry->survivors_max, __entry->fail_every,
		      __entry->alloc_node, __entry->time_every,
		      __entry->nr_cpus,
		      __get_bitmask(cpus))
);

TRACE_EVENT(slabwall_run_end,
	    TP_PROTO(const struct sw_counters *sum, u64 elapsed_ns),
	    TP_ARGS(sum, elapsed_ns),
	    TP_STRUCT__entry(__field(u64, ops)
			     __field(u64, allocs)
			     __field(u64, frees)
			     __field(u64, remote_frees)
			     __field(u64, alloc_failures)
			     __field(u64, elapsed_ns)),
	    TP_fast_assign(__entry->ops = sum->ops;
			   __entry->allocs = sum->allocs;
			   __entry->frees = sum->frees;
			   __entry->remote_frees = sum->remote_frees;
			   __entry->alloc_failures = sum->alloc_failures;
			   __entry->elapsed_ns = elapsed_ns;),
	    TP_printk("ops=%llu allocs=%llu frees=%llu remote_frees=%llu alloc_failures=%llu elapsed_ns=%llu",
		      __entry->ops, __entry->allocs, __entry->frees,
		      __entry->remote_frees, __entry->alloc_failures,
		      __entry->elapsed_ns)
);

/*
 * One completed operation.  alloc_ns and free_ns are the allocate and
 * free phases, timed only on sampled operations (0 on the others).
 */
TRACE_EVENT(slabwall_op,
	    TP_PROTO(u32 allocs, u64 op_ns, u64 alloc_ns, u64 free_ns),
	    TP_ARGS(allocs, op_ns, alloc_ns, free_ns),
	    TP_STRUCT__entry(__field(u32, allocs)
			     __field(u64, op_ns)
			     __field(u64, alloc_ns)
			     __field(u64, free_ns)),
	    TP_fast_assign(__entry->allocs = allocs;
			   __entry->op_ns = op_ns;
			   __entry->alloc_ns = alloc_ns;
			   __entry->free_ns = free_ns;),
	    TP_printk("allocs=%u op_ns=%llu alloc_ns=%llu free_ns=%llu",
		      __entry->allocs, __entry->op_ns, __entry->alloc_ns,
		      __entry->free_ns)
);

/* Objects given to another CPU to free (@units: arenas count as one). */
TRACE_EVENT(slabwall_hand_over,
	    TP_PROTO(unsigned int from_cpu, unsigned int to_cpu, u32 objs,
		     u32 units),
	    TP_ARGS(from_cpu, to_cpu, objs, units),
	    TP_STRUCT__entry(__field(u32, from_cpu)
			     __field(u32, to_cpu)
			     __field(u32, objs)
			     __field(u32, units)),
	    TP_fast_assign(__entry->from_cpu = from_cpu;
			   __entry->to_cpu = to_cpu;
			   __entry->objs = objs;
			   __entry->units = units;),
	    TP_printk("from_cpu=%u to_cpu=%u objs=%u units=%u",
		      __entry->from_cpu, __entry->to_cpu, __entry->objs,
		      __entry->units)
);

#endif /* SLABWALL_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
