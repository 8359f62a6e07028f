// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, RCU: free mode rcu (objects freed after a grace
 * period, counted while they wait, nothing left after stop, reset or
 * rmmod) and the cache option typesafe_rcu (SLAB_TYPESAFE_BY_RCU).
 */
#define _GNU_SOURCE
#include "sw_test.h"

static uint64_t stat_u64(struct __test_metadata *_metadata, const char *key)
{
	uint64_t v = 0;
	int err = swt_stat_u64(stats, key, &v);

	EXPECT_EQ(0, err) TH_LOG("stats has no %s", key);
	return v;
}

/* The stats now, into stats[] and @r. */
static void read_now(struct __test_metadata *_metadata, struct swt_result *r)
{
	read_result(_metadata, r);
}

/* After a stop, reset or the end of a run's wait: nothing waits, nothing lost. */
static void check_drained(struct __test_metadata *_metadata, const char *what)
{
	struct swt_result r;
	uint64_t survivors;

	read_now(_metadata, &r);
	EXPECT_EQ(0ULL, stat_u64(_metadata, "rcu_waiting")) TH_LOG("%s", what);
	EXPECT_EQ(0ULL, stat_u64(_metadata, "rcu_waiting_bytes")) TH_LOG("%s", what);
	survivors = stat_u64(_metadata, "survivors");
	EXPECT_EQ(r.allocs, r.frees + survivors)
		TH_LOG("%s: allocs %" PRIu64 " frees %" PRIu64 " survivors %" PRIu64,
		       what, r.allocs, r.frees, survivors);
}

/* A run of free mode rcu on the online CPUs, stopped from outside. */
static void start_rcu(struct __test_metadata *_metadata,
		      const char *online, const char *pattern)
{
	int err;

	SWT_SET("pattern", pattern);
	SWT_SET("cpus", online);
	SWT_SET("free", "rcu");
	SWT_SETU("allocs_per_op", 64);
	SWT_SETU("duration_ms", 20000);
	err = swt_control("start");
	ASSERT_EQ(0, err) TH_LOG("start: %s", strerror(-err));
	swt_sleep_ms(300);
	expect_state(_metadata, "running");
}

/*
 * Objects wait for a grace period while the run goes (peak > 0, the
 * bytes are the peak times one object's footprint), every object went
 * through call_rcu(), and after stop none waits and none is lost; the
 * module's caches then shrink to nothing.
 */
TEST_F_TIMEOUT(slabwall, rcu_stop, SWT_TIMEOUT)
{
	static const char *const patterns[] = { "skb", "dentry" };
	uint64_t peak, peak_bytes, callbacks;
	struct swt_result r;
	unsigned int p;

	for (p = 0; p < ARRAY_SIZE(patterns); p++) {
		start_rcu(_metadata, self->online, patterns[p]);
		read_now(_metadata, &r);
		SWT_MSG("%s running: rcu_waiting %" PRIu64 " rcu_callbacks %" PRIu64,
			patterns[p], stat_u64(_metadata, "rcu_waiting"),
			stat_u64(_metadata, "rcu_callbacks"));
		ASSERT_EQ(0, swt_control("stop"));
		check_drained(_metadata, patterns[p]);
		read_now(_metadata, &r);
		peak = stat_u64(_metadata, "rcu_waiting_peak");
		peak_bytes = stat_u64(_metadata, "rcu_waiting_peak_bytes");
		callbacks = stat_u64(_metadata, "rcu_callbacks");
		SWT_MSG("%s: ops %" PRIu64 " peak %" PRIu64 " (%" PRIu64
			" bytes) callbacks %" PRIu64 " throttles %" PRIu64,
			patterns[p], r.ops, peak, peak_bytes, callbacks,
			stat_u64(_metadata, "rcu_throttles"));
		EXPECT_LE(64ULL, peak) TH_LOG("%s", patterns[p]);
		EXPECT_LT(0ULL, peak_bytes) TH_LOG("%s", patterns[p]);
		EXPECT_EQ(0ULL, peak_bytes % peak) TH_LOG("%s", patterns[p]);
		EXPECT_EQ(r.frees, callbacks) TH_LOG("%s", patterns[p]);
		EXPECT_EQ(0ULL, r.remote_frees) TH_LOG("%s", patterns[p]);
		EXPECT_LT(0ULL, r.ops) TH_LOG("%s", patterns[p]);
	}
	if (swt_is_dir(SWT_SLAB_DIR)) {
		shrink_to_zero(_metadata, SWT_CACHE_SKB);
		shrink_to_zero(_metadata, SWT_CACHE_DENTRY);
	}
}

/*
 * A run that ended by its duration may still have objects waiting;
 * reset waits for them.  Survivors pushed out of their LRU go through
 * RCU too, and reset frees the rest.
 */
TEST_F_TIMEOUT(slabwall, rcu_reset, SWT_TIMEOUT)
{
	struct swt_result r;

	SWT_SET("pattern", "dentry");
	SWT_SET("cpus", self->online);
	SWT_SET("free", "rcu");
	SWT_SETU("name_len", 100);
	SWT_SETU("allocs_per_op", 64);
	SWT_SETU("survive_every", 8);
	SWT_SETU("survivors_max", 64);
	run_ok(_metadata, 300, &r);
	SWT_MSG("done: rcu_waiting %" PRIu64 " survivors %" PRIu64,
		stat_u64(_metadata, "rcu_waiting"),
		stat_u64(_metadata, "survivors"));
	EXPECT_EQ(r.allocs, r.frees + stat_u64(_metadata, "survivors"));
	EXPECT_LT(0ULL, stat_u64(_metadata, "rcu_waiting_peak"));
	ASSERT_EQ(0, swt_control("reset"));
	check_drained(_metadata, "after reset");
	if (swt_is_dir(SWT_SLAB_DIR))
		shrink_to_zero(_metadata, SWT_CACHE_DENTRY);
}

/* rmmod in the middle of an rcu run: the caches go, nothing is left. */
TEST_F_TIMEOUT(slabwall, rcu_rmmod_mid_run, SWT_RELOAD_TIMEOUT)
{
	int err;

	if (!swt_exists(swt_ko_path()))
		SKIP(return, "no %s to reload (set SLABWALL_KO)", swt_ko_path());
	start_rcu(_metadata, self->online, "skb");
	err = swt_rmmod();
	ASSERT_EQ(0, err) TH_LOG("rmmod with an rcu run going: %s", strerror(-err));
	check_unloaded(_metadata);
	load_ok(_metadata);
}

/*
 * What free mode rcu does not go with: pool and arena (refused whichever
 * knob is written second), a kmalloc object too small for its rcu_head
 * and the real_* patterns (refused at start).  Nothing changes on a
 * refusal.
 */
TEST_F_TIMEOUT(slabwall, rcu_refused, SWT_TIMEOUT)
{
	static const char *const strategies[] = { "pool", "arena" };
	struct swt_result r;
	unsigned int s;
	char val[64];

	for (s = 0; s < ARRAY_SIZE(strategies); s++) {
		ASSERT_EQ(0, swt_control("reset"));
		SWT_SET("free", "rcu");
		EXPECT_EQ(-EINVAL, swt_set("strategy", strategies[s]));
		get_knob(_metadata, "strategy", val, sizeof(val));
		EXPECT_STREQ("slab", val);
		ASSERT_EQ(0, swt_control("reset"));
		SWT_SET("strategy", strategies[s]);
		EXPECT_EQ(-EINVAL, swt_set("free", "rcu"));
		get_knob(_metadata, "free", val, sizeof(val));
		EXPECT_STREQ("local", val);
	}
	ASSERT_EQ(0, swt_control("reset"));
	SWT_SET("free", "rcu");
	SWT_SET("pattern", "kmalloc");
	SWT_SET("cpus", self->first);
	SWT_SETU("object_size", 8);
	EXPECT_EQ(-EINVAL, swt_control("start"));
	expect_state(_metadata, "idle");
	SWT_SETU("object_size", 16);
	SWT_SETU("allocs_per_op", 4);
	run_ok(_metadata, 150, &r);
	ASSERT_EQ(0, swt_control("stop"));
	check_drained(_metadata, "kmalloc 16");
	/* The kernel's own objects are freed the kernel's way: refused. */
	ASSERT_EQ(0, swt_control("reset"));
	SWT_SET("free", "rcu");
	SWT_SET("pattern", "real_skb");
	SWT_SET("cpus", self->first);
	EXPECT_EQ(-EINVAL, swt_control("start"));
	expect_state(_metadata, "idle");
	/* bulk allocates in one call and frees through RCU one by one. */
	ASSERT_EQ(0, swt_control("reset"));
	SWT_SET("free", "rcu");
	SWT_SET("strategy", "bulk");
	SWT_SET("cpus", self->first);
	SWT_SETU("allocs_per_op", 16);
	run_ok(_metadata, 150, &r);
	ASSERT_EQ(0, swt_control("stop"));
	check_drained(_metadata, "bulk");
	EXPECT_EQ(r.allocs, stat_u64(_metadata, "rcu_callbacks"));
}

/* destroy_by_rcu of a cache: 1 with SLAB_TYPESAFE_BY_RCU. */
static uint64_t typesafe_of(struct __test_metadata *_metadata, const char *cache)
{
	uint64_t v = 2;
	int err = swt_slab_attr(cache, "destroy_by_rcu", &v);

	EXPECT_EQ(0, err) TH_LOG("%s/destroy_by_rcu: %s", cache, strerror(-err));
	return v;
}

/*
 * typesafe_rcu 1 makes the caches again with SLAB_TYPESAFE_BY_RCU at the
 * next start; while a run goes the knob is refused; reset brings the
 * caches back without the flag.  A typesafe run frees as any other.
 */
TEST_F_TIMEOUT(slabwall, typesafe_rcu, SWT_TIMEOUT)
{
	struct swt_result r;
	char val[64];
	int err;

	if (!swt_is_dir(SWT_SLAB_DIR))
		SKIP(return, "no %s (SLUB sysfs disabled)", SWT_SLAB_DIR);
	EXPECT_EQ(0ULL, typesafe_of(_metadata, SWT_CACHE_SKB));
	EXPECT_EQ(-EINVAL, swt_set("typesafe_rcu", "2"));
	SWT_SETU("typesafe_rcu", 1);
	SWT_SET("cpus", self->online);
	SWT_SETU("duration_ms", 20000);
	err = swt_control("start");
	ASSERT_EQ(0, err) TH_LOG("start: %s", strerror(-err));
	swt_sleep_ms(300);
	EXPECT_EQ(1ULL, typesafe_of(_metadata, SWT_CACHE_SKB));
	EXPECT_EQ(1ULL, typesafe_of(_metadata, SWT_CACHE_DENTRY));
	EXPECT_EQ(-EBUSY, swt_set("typesafe_rcu", "0"));
	EXPECT_EQ(-EBUSY, swt_set("free", "rcu"));
	get_knob(_metadata, "typesafe_rcu", val, sizeof(val));
	EXPECT_STREQ("1", val);
	ASSERT_EQ(0, swt_control("stop"));
	read_now(_metadata, &r);
	check_clean(_metadata, &r, 8, "typesafe skb");
	expect_stat_str(_metadata, "typesafe_rcu", "1");

	/* Both at once: typesafe caches, objects freed through RCU. */
	SWT_SET("free", "rcu");
	SWT_SET("pattern", "dentry");
	SWT_SETU("duration_ms", 150);
	run_ok(_metadata, 150, &r);
	ASSERT_EQ(0, swt_control("stop"));
	check_drained(_metadata, "typesafe dentry rcu");
	EXPECT_EQ(1ULL, typesafe_of(_metadata, SWT_CACHE_DENTRY));
	shrink_to_zero(_metadata, SWT_CACHE_DENTRY);

	ASSERT_EQ(0, swt_control("reset"));
	EXPECT_EQ(0ULL, typesafe_of(_metadata, SWT_CACHE_SKB));
	EXPECT_EQ(0ULL, typesafe_of(_metadata, SWT_CACHE_DENTRY));
	get_knob(_metadata, "typesafe_rcu", val, sizeof(val));
	EXPECT_STREQ("0", val);
}

TEST_HARNESS_MAIN
