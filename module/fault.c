// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection for the unwind paths.  With fail_every = N, every Nth
 * allocator call on a CPU fails as if the allocator had returned NULL,
 * without making the call.  Debian's kernels are built without FAILSLAB,
 * so the module brings its own.
 */
#include <linux/percpu.h>
#include <linux/jump_label.h>
#include "slabwall.h"

static DEFINE_PER_CPU(u32, sw_fault_seq);
static DEFINE_PER_CPU(bool, sw_fault_paused);
DEFINE_STATIC_KEY_FALSE(sw_fault_on);

bool sw_fault_next(u32 every)
{
	if (this_cpu_read(sw_fault_paused))
		return false;
	return !(this_cpu_inc_return(sw_fault_seq) % every);
}

/*
 * No injected faults on this CPU, and none counted, until unpaused: for
 * a worker filling a mempool's reserve (migration disabled), the reserve
 * being what the faults of the run are there to show.
 */
void sw_fault_pause(bool pause)
{
	this_cpu_write(sw_fault_paused, pause);
}

/*
 * Before a run's threads run (and after the last run's are gone), under
 * cpus_read_lock(): every run counts from its own first call, whatever
 * the runs before it did, and the check is patched in only for a run
 * with @every.  No other thread allocates through sw_fault() meanwhile.
 */
void sw_fault_reset(u32 every)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		per_cpu(sw_fault_seq, cpu) = 0;
		per_cpu(sw_fault_paused, cpu) = false;
	}
	if (every)
		static_branch_enable_cpuslocked(&sw_fault_on);
	else
		static_branch_disable_cpuslocked(&sw_fault_on);
}
