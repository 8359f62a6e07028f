// SPDX-License-Identifier: GPL-2.0
/*
 * Free mode rcu: an operation's objects go back after an RCU grace
 * period, as d_free() hands a dentry that an RCU path walk may still be
 * looking at to call_rcu().  Each pattern queues its object on the
 * rcu_head inside it (its free_rcu hook); the callback frees the object
 * into its cache and calls sw_rcu_done().
 *
 * One counter for the module: objects queued and not yet freed.  It is
 * raised before the call_rcu() calls, so it never goes below zero, and a
 * run's stop waits for it to drain with rcu_barrier() (run.c).  Being
 * one shared cache line, written by every callback, it is part of what
 * an rcu run costs.
 */
#include <linux/rcupdate.h>
#include <linux/atomic.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include "slabwall.h"

static atomic_long_t sw_rcu_pending = ATOMIC_LONG_INIT(0);

void sw_rcu_done(void)
{
	atomic_long_dec(&sw_rcu_pending);
}

long sw_rcu_waiting(void)
{
	return atomic_long_read(&sw_rcu_pending);
}

/*
 * Wait while @n more objects would take the run over its budget: grace
 * periods are not bounded by anything this module controls, so the
 * memory limit bounds what may wait for one.  Check and add are not one
 * step, so each worker can overshoot by one operation; the budget leaves
 * room for that (sw_rcu_budget()).  A stopping run queues anyway.
 */
static void sw_rcu_throttle(struct sw_worker *w, unsigned int n)
{
	while (atomic_long_read(&sw_rcu_pending) + n > w->run->rcu_budget &&
	       !READ_ONCE(w->run->stop)) {
		w->c.rcu_throttles++;
		schedule_timeout_interruptible(1);
	}
}

/* Queue @objs[0..n) to be freed after a grace period; returns @n. */
unsigned int sw_rcu_free(struct sw_worker *w, void **objs, unsigned int n)
{
	void (*free_rcu)(void *obj) = w->run->pattern->free_rcu;
	unsigned int i;
	long now;

	if (!n)
		return 0;
	sw_rcu_throttle(w, n);
	now = atomic_long_add_return(n, &sw_rcu_pending);
	if (now > w->c.rcu_peak)
		w->c.rcu_peak = now;
	for (i = 0; i < n; i++) {
		free_rcu(objs[i]);
		if (!((i + 1) % SW_RESCHED_EVERY))
			cond_resched();
	}
	w->c.rcu_callbacks += n;
	return n;
}

/*
 * The stats lines of free mode rcu.  Bytes are objects times the
 * footprint of one object at slab strides (head and buffer), the memory
 * the waiting objects keep from being reused.
 */
void sw_rcu_show(struct seq_file *m, const struct sw_run *run,
		 const struct sw_counters *sum)
{
	u64 obj = run ? sw_footprint(run->pattern, &run->cfg) : 0;
	long now = sw_rcu_waiting();
	u64 waiting = now > 0 ? now : 0;

	seq_printf(m, "rcu_callbacks %llu\n", sum->rcu_callbacks);
	seq_printf(m, "rcu_waiting %llu\n", waiting);
	seq_printf(m, "rcu_waiting_peak %llu\n", sum->rcu_peak);
	seq_printf(m, "rcu_waiting_bytes %llu\n", waiting * obj);
	seq_printf(m, "rcu_waiting_peak_bytes %llu\n", sum->rcu_peak * obj);
	seq_printf(m, "rcu_throttles %llu\n", sum->rcu_throttles);
	seq_printf(m, "rcu_budget %llu\n", run ? run->rcu_budget : 0);
}
