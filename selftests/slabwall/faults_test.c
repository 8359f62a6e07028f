// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, injected allocation failures (fail_every) and what a run
 * reports about them.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/*
 * Injected faults do not depend on earlier runs: a pool of 4 skbs is 8
 * allocator calls, so with fail_every = 9 it fills every time.  Counting
 * on from the last run, or on the CPU of the writer instead of the
 * worker, the 9th call of some start would fail.
 */
TEST_F_TIMEOUT(slabwall, fault_history, SWT_TIMEOUT)
{
	struct swt_result r;
	cpu_set_t set;
	unsigned int i;

	CPU_ZERO(&set);
	CPU_SET(self->cpu[0], &set);
	ASSERT_EQ(0, sched_setaffinity(0, sizeof(set), &set));
	SWT_SET("pattern", "skb");
	SWT_SET("strategy", "pool");
	SWT_SETU("allocs_per_op", 4);
	SWT_SET("cpus", self->first);
	SWT_SETU("fail_every", 9);
	for (i = 0; i < 4; i++) {
		run_ok(_metadata, 20, &r);
		check_clean(_metadata, &r, 4, "pool of 4 skbs, fail_every 9");
	}
	/* The same from the other CPU's point of view: the worker's counts. */
	if (self->ncpus >= 2) {
		SWT_SET("cpus", self->two);
		for (i = 0; i < 2; i++) {
			run_ok(_metadata, 20, &r);
			check_clean(_metadata, &r, 4, "on two CPUs");
		}
	}
	CPU_ZERO(&set);
	for (i = 0; i < (unsigned int)self->ncpus; i++)
		CPU_SET(self->cpu[i], &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/*
 * Injected allocation failures (fail_every): each failed operation is
 * counted and unwound, the run goes on, and nothing leaks, whatever the
 * strategy and wherever in an object the failure lands.  pool fills its
 * pool before the run, so there the failure refuses the start instead.
 */
/*
 * A run of 150 ms with faults injected: some operations completed, some
 * allocations failed, and every object of a completed one came back.
 */
static void faulted_run(struct __test_metadata *_metadata, const char *what,
			unsigned int allocs, struct swt_result *r)
{
	run_ok(_metadata, 150, r);
	SWT_MSG("%s: ops %" PRIu64 " alloc_failures %" PRIu64, what,
		r->ops, r->alloc_failures);
	EXPECT_LT(0ULL, r->ops) TH_LOG("%s", what);
	EXPECT_LT(0ULL, r->alloc_failures) TH_LOG("%s", what);
	EXPECT_EQ(r->allocs, r->frees) TH_LOG("%s", what);
	EXPECT_EQ(r->ops * allocs, r->allocs) TH_LOG("%s", what);
}

TEST_F_TIMEOUT(slabwall, faults, SWT_TIMEOUT)
{
	static const struct {
		const char *strategy, *pattern, *free;
	} runs[] = {
		{ "slab", "skb", "local" }, { "slab", "dentry", "remote" },
		{ "slab", "kmalloc", "local" }, { "bulk", "skb", "remote" },
		{ "bulk", "dentry", "local" }, { "arena", "skb", "remote" },
		{ "arena", "kmalloc", "local" },
	};
	struct swt_result r;
	char what[64];
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(runs); i++) {
		snprintf(what, sizeof(what), "%s/%s/%s", runs[i].strategy,
			 runs[i].pattern, runs[i].free);
		ASSERT_EQ(0, swt_control("reset"));
		SWT_SET("pattern", runs[i].pattern);
		SWT_SET("strategy", runs[i].strategy);
		SWT_SET("free", runs[i].free);
		SWT_SET("cpus", self->online);
		SWT_SETU("allocs_per_op", 16);
		SWT_SETU("name_len", 100);	/* dentry: a second allocation */
		/*
		 * Faults count from each run's first call: an arena is one
		 * call per operation, and a slow run makes only a few dozen.
		 */
		SWT_SETU("fail_every", strcmp(runs[i].strategy, "arena") ? 37 : 3);
		faulted_run(_metadata, what, 16, &r);
	}

	/* Every call failing: no operation completes, the run still ends. */
	ASSERT_EQ(0, swt_control("reset"));
	SWT_SETU("fail_every", 1);
	run_ok(_metadata, 100, &r);
	EXPECT_EQ(0ULL, r.ops);
	EXPECT_LT(0ULL, r.alloc_failures);
	EXPECT_EQ(0ULL, r.allocs);

	ASSERT_EQ(0, swt_control("reset"));
	SWT_SET("strategy", "pool");
	SWT_SETU("fail_every", 5);
	err = swt_control("start");
	EXPECT_EQ(-ENOMEM, err) TH_LOG("pool start: %s", strerror(-err));
	expect_state(_metadata, "idle");

	if (swt_is_dir(SWT_SLAB_DIR)) {
		shrink_to_zero(_metadata, SWT_CACHE_SKB);
		shrink_to_zero(_metadata, SWT_CACHE_DENTRY);
	}
}

/*
 * With time_every above 1 the operations between clock reads run back
 * to back: a failure among them is counted and undone like any other,
 * and the clock still comes round, so the counts add up per CPU and a
 * run whose every call fails still ends at its duration.
 */
TEST_F_TIMEOUT(slabwall, faults_between_clock_reads, SWT_TIMEOUT)
{
	static const struct {
		const char *pattern, *free;
		unsigned int allocs, every;
	} runs[] = {
		{ "kmalloc", "local", 1, 16 }, { "skb", "local", 16, 256 },
		{ "dentry", "remote", 4, 16 }, { "kmalloc", "rcu", 1, 256 },
	};
	uint64_t ops, v, clocked;
	struct swt_result r;
	char what[64], key[64];
	unsigned int i;
	int c;

	for (i = 0; i < ARRAY_SIZE(runs); i++) {
		snprintf(what, sizeof(what), "%s/%s x%u, time_every %u",
			 runs[i].pattern, runs[i].free, runs[i].allocs,
			 runs[i].every);
		ASSERT_EQ(0, swt_control("reset"));
		SWT_SET("pattern", runs[i].pattern);
		SWT_SET("free", runs[i].free);
		SWT_SET("cpus", self->online);
		SWT_SETU("allocs_per_op", runs[i].allocs);
		SWT_SETU("object_size", 64);
		SWT_SETU("time_every", runs[i].every);
		SWT_SETU("fail_every", 37);
		faulted_run(_metadata, what, runs[i].allocs, &r);
		for (c = 0; c < self->ncpus; c++) {
			snprintf(key, sizeof(key), "cpu%d.ops", self->cpu[c]);
			ASSERT_EQ(0, swt_stat_u64(stats, key, &ops));
			snprintf(key, sizeof(key), "cpu%d.timed_ops",
				 self->cpu[c]);
			ASSERT_EQ(0, swt_stat_u64(stats, key, &clocked));
			snprintf(key, sizeof(key), "cpu%d.sampled_ops",
				 self->cpu[c]);
			ASSERT_EQ(0, swt_stat_u64(stats, key, &v));
			clocked += v;
			EXPECT_EQ((ops + runs[i].every - 1) / runs[i].every,
				  clocked)
				TH_LOG("%s: CPU %d, ops %" PRIu64, what,
				       self->cpu[c], ops);
		}
	}

	ASSERT_EQ(0, swt_control("reset"));
	SWT_SETU("time_every", 256);
	SWT_SETU("fail_every", 1);
	run_ok(_metadata, 100, &r);
	EXPECT_EQ(0ULL, r.ops);
	EXPECT_LT(0ULL, r.alloc_failures);
	expect_stat_str(_metadata, "stop_reason", "duration");
	ASSERT_EQ(0, swt_control("reset"));
}

TEST_HARNESS_MAIN
