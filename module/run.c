// SPDX-License-Identifier: GPL-2.0
/*
 * The run engine: one kthread per CPU of the run, released together,
 * each repeating operations until the duration ends or the run is stopped.
 *
 * With remote free, each worker hands its objects to the next CPU of the
 * run through a ring (ring.c), and frees what the previous CPU handed to
 * it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/spinlock.h>
#include <linux/sched/clock.h>
#include <linux/sched/task.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/wait_bit.h>
#include <linux/random.h>
#include <linux/hrtimer.h>
#include <linux/indirect_call_wrapper.h>
#include <linux/rcupdate.h>
#include <linux/math64.h>
#include "slabwall.h"
#include "trace.h"

/*
 * Not kthread_should_stop(): a woken worker must always run to its end,
 * or the next CPU would wait forever for its last hand-over.
 */
static bool sw_should_stop(const struct sw_run *run)
{
	return READ_ONCE(run->stop);
}

/* Stop @run; the first reason given to a running run is the one it keeps. */
static void sw_run_request_stop(struct sw_run *run, enum sw_stop_reason why)
{
	if (atomic_read(&run->active))
		cmpxchg(&run->stop_reason, SW_STOP_NONE, why);
	WRITE_ONCE(run->stop, true);
}

/* The strategy's free_units, the slab strategy's by a direct call. */
static unsigned int sw_free_units(struct sw_worker *w, struct sw_worker *owner,
				  void **units, unsigned int n)
{
	return INDIRECT_CALL_1(w->run->strategy->free_units,
			       sw_slab_free_units, w, owner, units, n);
}

/* Free what the previous CPU handed over, releasing ring space as we go. */
static void sw_drain(struct sw_worker *w)
{
	unsigned long n;
	void **units;

	while ((n = sw_ring_peek(&w->inbox, &units))) {
		unsigned int objs = sw_free_units(w, w->prev, units, n);

		w->c.frees += objs;
		if (w->prev != w)
			w->c.remote_frees += objs;
		sw_ring_consume(&w->inbox, n);
	}
}

/*
 * Hand this operation's units to the next CPU, waiting for room.  A next
 * CPU that does not take them before the run stops or its time is up
 * (a starved worker) leaves them to be freed here.
 */
static void sw_hand_over(struct sw_worker *w, unsigned int n, u64 deadline)
{
	unsigned long done = 0;

	while (done < n) {
		done += sw_ring_push(&w->next->inbox, w->objs + done, n - done);
		if (done == n)
			break;
		if (sw_should_stop(w->run) || local_clock() >= deadline) {
			w->c.frees += sw_free_units(w, w, w->objs + done,
						    n - done);
			break;
		}
		/* The next CPU may be waiting on us: free our inbox. */
		sw_drain(w);
		cond_resched();
	}
}

static void sw_release(struct sw_worker *w, unsigned int n, u64 deadline)
{
	const struct sw_strategy *s = w->run->strategy;
	unsigned int units;

	if (w->keep.objs)
		n = sw_survivors_take(w, n);
	if (w->run->cfg.free_mode == SW_FREE_RCU) {
		w->c.frees += sw_rcu_free(w, w->objs, n);
		return;
	}
	units = s->units ? s->units(w, n) : n;
	if (w->run->cfg.free_mode == SW_FREE_LOCAL) {
		w->c.frees += sw_free_units(w, w, w->objs, units);
		return;
	}
	trace_slabwall_hand_over(w->cpu, w->next->cpu, n, units);
	sw_hand_over(w, units, deadline);
	sw_drain(w);
}

/* Fill and checksum @len bytes: the processing an object goes through. */
static u64 sw_touch(void *p, size_t len, u8 seed)
{
	const u8 *b = p;
	u64 sum = 0;
	size_t i;

	memset(p, seed, len);
	for (i = 0; i < len; i++)
		sum += b[i];
	return sum;
}

/*
 * Spread work_bytes (not 0) over the objects; what they cannot hold goes
 * to scratch.
 * Not inlined: profiles show the operation's own work as a frame of its own.
 */
static noinline void sw_work(struct sw_worker *w, unsigned int n)
{
	const struct sw_config *cfg = &w->run->cfg;
	size_t left = cfg->work_bytes;
	size_t share, len;
	unsigned int i;
	u8 seed = w->c.ops;
	void *p;

	share = n ? DIV_ROUND_UP(left, n) : 0;
	for (i = 0; i < n && left; i++) {
		p = w->run->pattern->payload(w->objs[i], cfg, &len);
		len = min3(len, share, left);
		w->checksum += sw_touch(p, len, seed);
		left -= len;
	}
	if (left)
		w->checksum += sw_touch(w->scratch, left, seed);
}

/*
 * With a rate, wait for @when: sleep until a margin before it, then spin.
 * The margin is SW_WAKE_MARGIN_NS plus the worst recent oversleep (a
 * decaying maximum, capped at SW_WAKE_LATE_MAX_NS), so a wakeup that comes
 * late still comes before @when.  false if the run is stopping:
 * sw_run_stop() wakes a sleeping worker.
 */
static bool sw_wait_until(struct sw_worker *w, u64 when)
{
	const struct sw_run *run = w->run;
	u64 now, wake, late;

	while ((now = local_clock()) < when) {
		if (sw_should_stop(run))
			return false;
		if (when - now > SW_WAKE_MARGIN_NS + w->wake_late) {
			ktime_t rel;

			wake = when - SW_WAKE_MARGIN_NS - w->wake_late;
			rel = ns_to_ktime(wake - now);
			/* Ordered against the stop flag and the waker. */
			set_current_state(TASK_INTERRUPTIBLE);
			if (!sw_should_stop(run))
				schedule_hrtimeout_range(&rel, SW_WAKE_SLACK_NS,
							 HRTIMER_MODE_REL);
			__set_current_state(TASK_RUNNING);
			now = local_clock();
			late = now > wake ? now - wake : 0;
			late = max(late, w->wake_late - w->wake_late / 8);
			w->wake_late = min_t(u64, late, SW_WAKE_LATE_MAX_NS);
		} else {
			cpu_relax();
		}
	}
	return true;
}

/* About one operation in SW_SAMPLE_EVERY, at random (xorshift32). */
static bool sw_sample(struct sw_worker *w)
{
	u32 x = w->rnd;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	w->rnd = x;
	return x < U32_MAX / SW_SAMPLE_EVERY;
}

static void sw_record(struct sw_worker *w, u64 ns)
{
	w->hist[hist_index(ns)]++;
	if (ns > w->c.max_ns)
		w->c.max_ns = ns;
}

/*
 * How many operations may pass without a clock read when time_every is
 * above 1: about SW_CHECK_NS of work, from the last timed operation's
 * length, and never more than time_every.  The deadline and the
 * scheduler are looked at then, and at every timed operation; the stop
 * flag before each operation, or for a lean worker (which frees as it
 * goes) before each run of them.
 */
static u32 sw_check_every(u64 op_ns, u32 every)
{
	u64 n = div64_u64(SW_CHECK_NS, max_t(u64, op_ns, 1));

	return clamp_t(u64, n, 1, every);
}

/*
 * One operation: allocate, work, release.  Returns 1, or 0 when the
 * allocation failed (counted and undone by the strategy).  A sampled one
 * (@t1 and @t2 not NULL) also reads the clock between its phases.
 */
static u32 sw_op(struct sw_worker *w, unsigned int n, u64 deadline,
		 u64 *t1, u64 *t2)
{
	if (INDIRECT_CALL_1(w->run->strategy->alloc_op, sw_slab_alloc_op,
			    w, n))
		return 0;
	if (t1)
		*t1 = local_clock();
	/* Not even the call without work: it is in every operation. */
	if (w->run->cfg.work_bytes)
		sw_work(w, n);
	if (t2)
		*t2 = local_clock();
	sw_release(w, n, deadline);
	return 1;
}

/*
 * Up to @k operations back to back; how many were done (fewer after a
 * failed allocation, or a stop).  A lean worker's are the slab
 * strategy's own loop, with no dispatch between the allocator calls.
 * The others look at the stop flag before each one: a stopping run
 * stops throttling RCU frees (rcu_free.c) and hands over nothing more.
 */
static u32 sw_ops(struct sw_worker *w, unsigned int n, u32 k, u64 deadline)
{
	u32 done;

	if (w->lean)
		return sw_slab_local_ops(w, n, k);
	for (done = 0; done < k && !sw_should_stop(w->run); done++)
		if (!sw_op(w, n, deadline, NULL, NULL))
			break;
	return done;
}

/*
 * Whether an operation is the slab strategy's allocations and their local
 * frees and nothing else: no work, no survivors, no RCU, no rate (decided
 * once a run, after the strategy's prepare).
 */
static bool sw_lean(const struct sw_worker *w)
{
	const struct sw_config *cfg = &w->run->cfg;

	return w->run->strategy == &sw_strategy_slab &&
	       cfg->free_mode == SW_FREE_LOCAL && !cfg->work_bytes &&
	       !cfg->rate && !w->keep.objs;
}

/*
 * One operation in time_every is clocked, the first of each run of
 * time_every completed ones: two clock reads around it, about one in
 * SW_SAMPLE_EVERY of those a sampled one (its phases timed too, left out
 * of the histogram), the others timed (op_ns and the histogram).  The
 * operations in between run back to back, as many as fit before the
 * next check of the clock.  Every operation is counted; ops per second
 * come from the run's wall time.
 */
static void sw_worker_loop(struct sw_worker *w)
{
	struct sw_run *run = w->run;
	const struct sw_config *cfg = &run->cfg;
	unsigned int n = cfg->allocs_per_op;
	u32 every = cfg->time_every;
	u64 period = cfg->rate ? div_u64(NSEC_PER_SEC, cfg->rate) : 0;
	u64 start = local_clock();
	u64 deadline = start + (u64)cfg->duration_ms * NSEC_PER_MSEC;
	u64 intended = start;
	/* Operations before the next clocked one, and before a check. */
	u32 untimed = 0, unchecked = 0, check_every = 1;

	while (!sw_should_stop(run)) {
		/*
		 * A sampled operation also times its phases: two more clock
		 * reads, so it stays out of the histogram and of op_ns.
		 */
		bool clocked = !untimed;
		bool sampled = clocked && sw_sample(w);
		u64 t0 = 0, t1 = 0, t2 = 0, t3, from = 0;
		u32 k = 1, done;

		if (period) {
			if (intended >= deadline || !sw_wait_until(w, intended))
				break;
			from = intended;
			intended += period;
		}
		/* Checked before the batch: one that keeps failing ends too. */
		if (clocked || !unchecked) {
			t0 = local_clock();
			if (t0 >= deadline)
				break;
			unchecked = check_every;
			if (!clocked)
				cond_resched();
		}
		if (!period)
			from = t0;
		/* Untimed ones go back to back, up to the next check. */
		if (!clocked && !period)
			k = min(untimed, unchecked);
		if (sampled)
			done = sw_op(w, n, deadline, &t1, &t2);
		else
			done = sw_ops(w, n, k, deadline);
		/* A failed operation takes its turn towards the check too. */
		unchecked -= min(unchecked, done + (done < k));
		if (!clocked) {
			w->c.ops += done;
			untimed -= done;
			if (done < k)
				cond_resched();
			continue;
		}
		if (!done) {
			cond_resched();
			continue;
		}
		t3 = local_clock();
		w->c.ops++;
		trace_slabwall_op(n, t3 - from, sampled ? t1 - t0 : 0,
				  sampled ? t3 - t2 : 0);
		if (sampled) {
			w->c.sampled_ops++;
			w->c.sampled_ns += t3 - t0;
			w->c.sampled_alloc_ns += (t1 - t0) + (t3 - t2);
		} else {
			w->c.timed_ops++;
			w->c.op_ns += t3 - t0;
			sw_record(w, t3 - from);
		}
		untimed = every - 1;
		if (every > 1)
			check_every = sw_check_every(t3 - t0, every);
		cond_resched();
	}
}

/* By the last worker to finish: every other one has published its counters. */
static void sw_trace_run_end(const struct sw_run *run)
{
	struct sw_counters sum;
	u64 elapsed;

	if (!trace_slabwall_run_end_enabled())
		return;
	elapsed = sw_run_totals(run, &sum);
	trace_slabwall_run_end(&sum, elapsed);
}

static int sw_worker_fn(void *arg)
{
	struct sw_worker *w = arg;
	struct sw_run *run = w->run;

	/*
	 * Pinned to our CPU until the end: a CPU going offline waits for us
	 * (sw_cpu_down() stops the run first) instead of pushing us to
	 * another CPU whose work would be counted under our CPU's name.  If
	 * that happened before we got here, the run ends at once.
	 */
	migrate_disable();
	/* On our CPU and node, as a per-CPU cache is filled. */
	if (run->strategy->prepare)
		w->prepare_err = run->strategy->prepare(w);
	if (atomic_dec_and_test(&run->preparing))
		complete(&run->ready);
	wait_for_completion(&run->go);
	if (READ_ONCE(run->aborted)) {
		atomic_dec(&run->finishing);
		if (atomic_dec_and_test(&run->active))
			wake_up_var(&run->active);
		migrate_enable();
		return 0;
	}
	if (raw_smp_processor_id() != w->cpu)
		sw_run_request_stop(run, SW_STOP_CPU_OFFLINE);
	w->lean = sw_lean(w);
	w->c.start_ns = ktime_get_ns();
	sw_worker_loop(w);

	/*
	 * Objects may still sit in our inbox: keep freeing until the previous
	 * CPU has handed over its last one.
	 */
	/* Pairs with the acquire below on the next CPU: our last hand-over. */
	smp_store_release(&w->producing, false);
	if (run->cfg.free_mode == SW_FREE_REMOTE) {
		/* Pairs with the release above on the previous CPU. */
		while (smp_load_acquire(&w->prev->producing)) {
			sw_drain(w);
			cond_resched();
		}
		sw_drain(w);
	}
	w->c.end_ns = ktime_get_ns();
	/*
	 * Fully ordered: the counters are published before the run is done.
	 * The last to finish traces the totals before its own decrement of
	 * active, so whoever sees the run done finds run_end in the trace.
	 */
	if (atomic_dec_and_test(&run->finishing))
		sw_trace_run_end(run);
	if (atomic_dec_and_test(&run->active))
		wake_up_var(&run->active);
	migrate_enable();
	return 0;
}

/*
 * At most what vmalloc(@size) takes: its pages, its array of them, the
 * page tables that map them (one page per PMD the area can touch, as if
 * none existed yet) and a page for its vm_struct and vmap_area.
 */
static u64 sw_vmalloc_bytes(size_t size)
{
	u64 pages = DIV_ROUND_UP((u64)size, PAGE_SIZE);

	return pages * PAGE_SIZE +
	       kmalloc_size_roundup(pages * sizeof(struct page *)) +
	       (DIV_ROUND_UP((u64)size, PMD_SIZE) + 1) * PAGE_SIZE + PAGE_SIZE;
}

/* What kmalloc(@size) takes, or vmalloc(@size) above KMALLOC_MAX_SIZE. */
u64 sw_alloc_bytes(size_t size)
{
	if (size > KMALLOC_MAX_SIZE)
		return sw_vmalloc_bytes(size);
	return sw_stride(NULL, size);
}

/* What kvmalloc(@size) takes, whichever way it goes. */
u64 sw_kv_bytes(size_t size)
{
	u64 bytes = kmalloc_size_roundup(size);

	if (size > PAGE_SIZE)
		bytes = max(bytes, sw_vmalloc_bytes(size));
	return bytes;
}

/*
 * The most memory a run can hold at once, per CPU: the operation's own
 * units, an inbox full of the previous CPU's units, what the strategy
 * holds and the survivors, at slab strides; every array of pointers; the
 * work buffer; the worker and its kthread.  The exact formula is in
 * docs/debugfs.md, under Memory limit.
 */
u64 sw_run_worst_case_bytes(const struct sw_config *cfg)
{
	const struct sw_strategy *s = sw_strategies[cfg->strategy];
	u64 obj = sw_footprint(sw_patterns[cfg->pattern], cfg);
	u64 ring = sw_ring_len(cfg);
	u64 per_cpu, unit, units;

	if (s->unit_bytes) {
		unit = s->unit_bytes(cfg);
		units = cfg->allocs_per_op ? 1 : 0;
	} else {
		unit = obj;
		units = cfg->allocs_per_op;
	}
	per_cpu = (units + ring) * unit;
	if (s->held_bytes)
		per_cpu += s->held_bytes(cfg, obj);
	if (cfg->survive_every)
		per_cpu += (u64)cfg->survivors_max * obj +
			   sw_kv_bytes(cfg->survivors_max * sizeof(void *));
	per_cpu += sw_kv_bytes(max_t(u32, cfg->allocs_per_op, 1) * sizeof(void *));
	if (ring)
		per_cpu += sw_kv_bytes(ring * sizeof(void *));
	if (cfg->work_bytes)
		per_cpu += sw_kv_bytes(cfg->work_bytes);
	/* The worker, its kthread's stack, task and FPU state. */
	per_cpu += sw_kv_bytes(sizeof(struct sw_worker)) +
		   sw_vmalloc_bytes(THREAD_SIZE) + sizeof(struct task_struct) +
		   PAGE_SIZE;
	return per_cpu * cpumask_weight(cfg->cpus) + sizeof(struct sw_run) +
	       sw_kv_bytes(cpumask_weight(cfg->cpus) * sizeof(void *));
}

/*
 * The share of the machine's memory a run may hold at most, whatever
 * mem_limit_kb says: half, so the rest of the system (page cache, the
 * tools reading the results, the kernel's own allocations) keeps room.
 */
#define SW_RAM_SHARE_DIV	2

/* What a run may hold: mem_limit_kb, at most the share of the machine. */
static u64 sw_run_limit_bytes(const struct sw_config *cfg)
{
	return min((u64)cfg->mem_limit_kb << 10,
		   ((u64)totalram_pages() << PAGE_SHIFT) / SW_RAM_SHARE_DIV);
}

/*
 * Free mode rcu: how many objects may wait for a grace period at once,
 * the room the limit leaves over the worst case, less one operation per
 * CPU that a worker may queue past the budget (rcu_free.c).  0 when
 * there is no room for one operation per CPU beyond that, or no rcu.
 */
u64 sw_rcu_budget(const struct sw_config *cfg)
{
	u64 limit = sw_run_limit_bytes(cfg);
	u64 worst = sw_run_worst_case_bytes(cfg);
	u64 obj = sw_footprint(sw_patterns[cfg->pattern], cfg);
	u64 slack = (u64)cfg->allocs_per_op * cpumask_weight(cfg->cpus);
	u64 objs;

	if (cfg->free_mode != SW_FREE_RCU || worst >= limit || !obj)
		return 0;
	objs = div64_u64(limit - worst, obj);
	return objs >= 2 * slack ? objs - slack : 0;
}

/* On the worker's own node: the hot path touches all of it. */
static struct sw_worker *sw_worker_alloc(const struct sw_run *run, unsigned int cpu)
{
	const struct sw_config *cfg = &run->cfg;
	unsigned long ring = sw_ring_len(cfg);
	int node = cpu_to_node(cpu);
	struct sw_worker *w;

	w = kvzalloc_node(sizeof(*w), GFP_KERNEL, node);
	if (!w)
		return NULL;
	w->objs = kvmalloc_node(array_size(max_t(u32, cfg->allocs_per_op, 1),
					   sizeof(void *)), GFP_KERNEL, node);
	if (cfg->work_bytes)
		w->scratch = kvmalloc_node(cfg->work_bytes, GFP_KERNEL, node);
	if (!w->objs || (cfg->work_bytes && !w->scratch) ||
	    (ring && sw_ring_init(&w->inbox, ring, node))) {
		sw_ring_destroy(&w->inbox);
		kvfree(w->scratch);
		kvfree(w->objs);
		kvfree(w);
		return NULL;
	}
	w->producing = true;
	w->rnd = get_random_u32() | 1;
	return w;
}

static void sw_worker_free(struct sw_worker *w)
{
	sw_survivors_free(w);
	if (w->run->strategy->teardown)
		w->run->strategy->teardown(w);
	sw_ring_destroy(&w->inbox);
	kvfree(w->scratch);
	kvfree(w->objs);
	kvfree(w);
}

/* Ask the threads to stop, and wake those waiting for a paced start. */
static void sw_run_tell_stop(struct sw_run *run, enum sw_stop_reason why)
{
	unsigned int i;

	sw_run_request_stop(run, why);
	if (!run->woken)
		return;
	/* Out of a rate wait; a spurious wakeup anywhere else. */
	for (i = 0; i < run->nr_workers; i++)
		if (run->workers[i]->task)
			wake_up_process(run->workers[i]->task);
}

/*
 * Stop the run's threads and wait for them; the counters stay readable.
 * Woken threads are waited for until each has finished its run: a thread
 * stopped before it was first scheduled would never start, and the next
 * CPU would wait for it forever.  Threads never woken (a failed start)
 * go at kthread_stop() without running.
 */
void sw_run_stop(struct sw_run *run)
{
	unsigned int i;

	sw_run_tell_stop(run, SW_STOP_USER);
	if (run->woken)
		wait_var_event(&run->active, !atomic_read(&run->active));
	for (i = 0; i < run->nr_workers; i++) {
		struct sw_worker *w = run->workers[i];

		if (!w || !w->task)
			continue;
		kthread_stop(w->task);
		put_task_struct(w->task);
		w->task = NULL;
	}
	/* Every object queued for a grace period is freed before we return. */
	if (run->woken && run->cfg.free_mode == SW_FREE_RCU)
		rcu_barrier();
}

/* The running run, for sw_cpu_down(); set under cpus_read_lock(). */
static struct sw_run *sw_hotplug_run;
static DEFINE_SPINLOCK(sw_hotplug_lock);
static int sw_hotplug_state;

/*
 * On the CPU going offline, before its tasks are gone: a run using it
 * stops.  Its worker, pinned there, then ends its run on that CPU; the
 * CPU goes offline once the worker is done.
 */
static int sw_cpu_down(unsigned int cpu)
{
	struct sw_run *run;

	spin_lock(&sw_hotplug_lock);
	run = sw_hotplug_run;
	if (run && cpumask_test_cpu(cpu, run->cfg.cpus) &&
	    atomic_read(&run->active)) {
		/*
		 * The flag only: waking the workers would race with
		 * sw_run_stop() putting their tasks.  A worker in a rate wait
		 * sees it within one period.
		 */
		sw_run_request_stop(run, SW_STOP_CPU_OFFLINE);
		pr_info("CPU %u going offline: run stopped\n", cpu);
	}
	spin_unlock(&sw_hotplug_lock);
	return 0;
}

int sw_hotplug_init(void)
{
	int ret;

	ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "slabwall:online",
					NULL, sw_cpu_down);
	if (ret < 0)
		return ret;
	sw_hotplug_state = ret;
	return 0;
}

void sw_hotplug_exit(void)
{
	cpuhp_remove_state_nocalls(sw_hotplug_state);
}

/*
 * sw_run_stop() for a writer of "stop": a signal ends the wait with
 * -ERESTARTSYS, and the run goes on stopping by itself.
 */
int sw_run_stop_interruptible(struct sw_run *run)
{
	sw_run_tell_stop(run, SW_STOP_USER);
	if (run->woken &&
	    wait_var_event_interruptible(&run->active, !atomic_read(&run->active)))
		return -ERESTARTSYS;
	sw_run_stop(run);
	return 0;
}

void sw_run_free(struct sw_run *run)
{
	unsigned int i;

	if (!run)
		return;
	spin_lock(&sw_hotplug_lock);
	if (sw_hotplug_run == run)
		sw_hotplug_run = NULL;
	spin_unlock(&sw_hotplug_lock);
	sw_run_stop(run);
	for (i = 0; i < run->nr_workers; i++)
		if (run->workers[i])
			sw_worker_free(run->workers[i]);
	kfree(run->workers);
	free_cpumask_var(run->cfg.cpus);
	kfree(run);
}

enum sw_state sw_run_state(const struct sw_run *run)
{
	if (!run)
		return SW_IDLE;
	return atomic_read_acquire(&run->active) ? SW_RUNNING : SW_DONE;
}

enum sw_stop_reason sw_run_stop_reason(const struct sw_run *run)
{
	int why;

	if (sw_run_state(run) != SW_DONE)
		return SW_STOP_NONE;
	why = READ_ONCE(run->stop_reason);
	return why == SW_STOP_NONE ? SW_STOP_DURATION : why;
}

static int sw_run_create_workers(struct sw_run *run)
{
	unsigned int i = 0, cpu;
	int err;

	for_each_cpu(cpu, run->cfg.cpus) {
		struct sw_worker *w = sw_worker_alloc(run, cpu);
		struct task_struct *t;

		if (!w)
			return -ENOMEM;
		run->workers[i] = w;
		w->run = run;
		w->cpu = cpu;
		err = sw_survivors_init(w);
		if (err)
			return err;
		t = kthread_create_on_cpu(sw_worker_fn, w, cpu, "slabwall/%u");
		if (IS_ERR(t))
			return PTR_ERR(t);
		get_task_struct(t);
		w->task = t;
		i++;
	}
	for (i = 0; i < run->nr_workers; i++) {
		struct sw_worker *w = run->workers[i];

		w->next = run->workers[(i + 1) % run->nr_workers];
		w->next->prev = w;
	}
	return 0;
}

DEFINE_STATIC_KEY_FALSE(sw_node_count_on);

/* Whether a run of @cfg can allocate or free across nodes. */
static bool sw_run_crosses_nodes(const struct sw_config *cfg)
{
	unsigned int cpu;
	int node = NUMA_NO_NODE;

	if (cfg->alloc_node != SW_NODE_OWN)
		return true;
	for_each_cpu(cpu, cfg->cpus) {
		if (node != NUMA_NO_NODE && cpu_to_node(cpu) != node)
			return true;
		node = cpu_to_node(cpu);
	}
	return false;
}

/*
 * Whether @cfg can run: -EINVAL for a strategy that cannot do the pattern,
 * an offline CPU or an alloc_node not online, -E2BIG for a run over the
 * memory limit.  Under cpus_read_lock(), held until sw_run_start() has
 * woken the threads.
 */
int sw_run_check(const struct sw_config *cfg)
{
	u64 worst;

	if (!cpumask_subset(cfg->cpus, cpu_online_mask) ||
	    cpumask_empty(cfg->cpus))
		return -EINVAL;
	if (cfg->alloc_node != SW_NODE_OWN &&
	    (cfg->alloc_node >= MAX_NUMNODES || !node_online(cfg->alloc_node)))
		return -EINVAL;
	if (!sw_supported(cfg))
		return -EINVAL;
	/*
	 * Free mode rcu: the pattern must have the hook, and a kmalloc
	 * object must hold its rcu_head.
	 */
	if (cfg->free_mode == SW_FREE_RCU &&
	    (!sw_patterns[cfg->pattern]->free_rcu ||
	     (!sw_patterns[cfg->pattern]->cache &&
	      cfg->object_size < sizeof(struct rcu_head))))
		return -EINVAL;
	worst = sw_run_worst_case_bytes(cfg);
	if (worst > sw_run_limit_bytes(cfg))
		return -E2BIG;
	if (cfg->free_mode == SW_FREE_RCU && cfg->allocs_per_op &&
	    !sw_rcu_budget(cfg))
		return -E2BIG;
	return 0;
}

/*
 * Start a run of a @cfg that passed sw_run_check(), under the same
 * cpus_read_lock(): no CPU of the run goes offline before its thread is
 * woken there (one that finds itself elsewhere ends the run).  Nothing is
 * left behind on failure: -ENOMEM or a kthread error.
 */
int sw_run_start(struct sw_run **runp, const struct sw_config *cfg)
{
	struct sw_run *run;
	unsigned int i;
	int err;

	run = kzalloc(sizeof(*run), GFP_KERNEL);
	if (!run)
		return -ENOMEM;
	run->cfg = *cfg;
	if (!zalloc_cpumask_var(&run->cfg.cpus, GFP_KERNEL)) {
		kfree(run);
		return -ENOMEM;
	}
	cpumask_copy(run->cfg.cpus, cfg->cpus);
	run->pattern = sw_patterns[cfg->pattern];
	run->strategy = sw_strategies[cfg->strategy];
	run->rcu_budget = sw_rcu_budget(cfg);
	init_completion(&run->ready);
	init_completion(&run->go);
	run->workers = kcalloc(cpumask_weight(cfg->cpus), sizeof(*run->workers),
			       GFP_KERNEL);
	if (!run->workers) {
		sw_run_free(run);
		return -ENOMEM;
	}
	run->nr_workers = cpumask_weight(cfg->cpus);
	atomic_set(&run->active, run->nr_workers);
	atomic_set(&run->finishing, run->nr_workers);
	atomic_set(&run->preparing, run->nr_workers);
	err = sw_run_create_workers(run);
	if (err) {
		sw_run_free(run);
		return err;
	}
	/* Each run's injected faults count from its own first call. */
	sw_fault_reset(cfg->fail_every);
	/* No thread of the last run is left to see the key change. */
	if (sw_run_crosses_nodes(cfg))
		static_branch_enable_cpuslocked(&sw_node_count_on);
	else
		static_branch_disable_cpuslocked(&sw_node_count_on);
	spin_lock(&sw_hotplug_lock);
	sw_hotplug_run = run;
	spin_unlock(&sw_hotplug_lock);
	for (i = 0; i < run->nr_workers; i++)
		wake_up_process(run->workers[i]->task);
	run->woken = true;
	wait_for_completion(&run->ready);
	for (i = 0; i < run->nr_workers && !err; i++)
		err = run->workers[i]->prepare_err;
	if (err) {
		/* The threads end without running; then all goes. */
		WRITE_ONCE(run->aborted, true);
		complete_all(&run->go);
		sw_run_free(run);
		return err;
	}
	trace_slabwall_run_start(run, sw_pattern_cache(cfg->pattern));
	complete_all(&run->go);
	*runp = run;
	return 0;
}
