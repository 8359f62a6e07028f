// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, the strategies that keep memory for the run:
 * mempool (the kernel's mempool_t, a reserve for when the allocator
 * fails) and arena_keep (an arena whose block is kept and reset).  Runs
 * end clean, the reserve takes over from a failing allocator, a kept
 * block is allocated once per worker, and stop or rmmod in a run leave
 * nothing behind.
 */
#define _GNU_SOURCE
#include "sw_test.h"

static uint64_t stat_u64(struct __test_metadata *_metadata, const char *key)
{
	uint64_t v = 0;

	EXPECT_EQ(0, swt_stat_u64(stats, key, &v)) TH_LOG("stats has no %s", key);
	return v;
}

/* Objects of our own caches all freed once the run is forgotten. */
static void check_caches_empty(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, swt_control("reset"));
	if (!swt_is_dir(SWT_SLAB_DIR))
		return;
	shrink_to_zero(_metadata, SWT_CACHE_SKB);
	shrink_to_zero(_metadata, SWT_CACHE_DENTRY);
}

/*
 * Without faults a mempool is the allocator plus a reserve it never
 * touches: every pattern, local and remote, ends with allocs == frees
 * and no reserve hit, and the reserve is freed with the run.
 */
TEST_F_TIMEOUT(slabwall, mempool_clean, SWT_TIMEOUT)
{
	static const char *const patterns[] = { "skb", "dentry", "kmalloc" };
	static const char *const frees[] = { "local", "remote" };
	struct swt_result r;
	char what[64];
	unsigned int p, f;

	for (p = 0; p < ARRAY_SIZE(patterns); p++) {
		for (f = 0; f < ARRAY_SIZE(frees); f++) {
			snprintf(what, sizeof(what), "mempool/%s/%s",
				 patterns[p], frees[f]);
			ASSERT_EQ(0, swt_control("reset"));
			SWT_SET("pattern", patterns[p]);
			SWT_SET("strategy", "mempool");
			SWT_SET("free", frees[f]);
			SWT_SET("cpus", self->online);
			SWT_SETU("allocs_per_op", 8);
			SWT_SETU("name_len", 100);	/* dentry: two calls */
			run_ok(_metadata, 100, &r);
			check_clean(_metadata, &r, 8, what);
			EXPECT_EQ(0ULL, stat_u64(_metadata, "reserve_hits"))
				TH_LOG("%s", what);
		}
	}
	check_caches_empty(_metadata);
}

/*
 * The reserve at work: with every allocator call failing, a local run
 * still completes every operation, each object from the reserve (it
 * holds one operation's objects and is filled before the faults start).
 * With one call in 7 failing, some objects come from the reserve and no
 * operation fails.
 */
TEST_F_TIMEOUT(slabwall, mempool_reserve, SWT_TIMEOUT)
{
	static const unsigned int every[] = { 1, 7 };
	struct swt_result r;
	uint64_t hits;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(every); i++) {
		ASSERT_EQ(0, swt_control("reset"));
		SWT_SET("pattern", "skb");
		SWT_SET("strategy", "mempool");
		SWT_SET("cpus", self->online);
		SWT_SETU("allocs_per_op", 8);
		SWT_SETU("fail_every", every[i]);
		run_ok(_metadata, 150, &r);
		check_clean(_metadata, &r, 8, "mempool with faults, local");
		hits = stat_u64(_metadata, "reserve_hits");
		SWT_MSG("fail_every %u: ops %" PRIu64 " allocs %" PRIu64
			" reserve_hits %" PRIu64, every[i], r.ops, r.allocs, hits);
		if (every[i] == 1) {
			EXPECT_EQ(r.allocs, hits);
		} else {
			EXPECT_LT(0ULL, hits);
			EXPECT_GT(r.allocs, hits);
		}
	}
	check_caches_empty(_metadata);
}

/*
 * Remote free with every call failing: objects on their way back are not
 * in the reserve, so an operation can find it empty.  It must fail
 * (alloc_failures), not wait for an element, and the run ends, stops and
 * unloads as any other, with every object back.
 */
TEST_F_TIMEOUT(slabwall, mempool_empty_reserve, SWT_RELOAD_TIMEOUT)
{
	struct swt_result r;
	int64_t t0;
	int err;

	SWT_SET("strategy", "mempool");
	SWT_SET("free", "remote");
	SWT_SET("cpus", self->online);
	SWT_SETU("allocs_per_op", 8);
	SWT_SETU("fail_every", 1);
	run_ok(_metadata, 200, &r);
	SWT_MSG("remote, fail_every 1: ops %" PRIu64 " alloc_failures %" PRIu64
		" reserve_hits %" PRIu64, r.ops, r.alloc_failures,
		stat_u64(_metadata, "reserve_hits"));
	EXPECT_EQ(r.allocs, r.frees);
	EXPECT_EQ(r.ops * 8, r.allocs);
	/* Every object came from the reserve, some of failed operations too. */
	EXPECT_LE(r.allocs, stat_u64(_metadata, "reserve_hits"));

	/* stop in the middle of a long one */
	SWT_SETU("duration_ms", 60000);
	ASSERT_EQ(0, swt_control("start"));
	swt_sleep_ms(200);
	t0 = swt_now_ms();
	ASSERT_EQ(0, swt_control("stop"));
	SWT_MSG("stop took %" PRId64 " ms", swt_now_ms() - t0);
	read_result(_metadata, &r);
	EXPECT_STREQ("done", r.state);
	expect_stat_str(_metadata, "stop_reason", "stop");
	EXPECT_EQ(r.allocs, r.frees);
	check_caches_empty(_metadata);

	if (!swt_exists(swt_ko_path()))
		SKIP(return, "no %s to reload (set SLABWALL_KO)", swt_ko_path());
	SWT_SET("strategy", "mempool");
	SWT_SET("free", "remote");
	SWT_SET("cpus", self->online);
	SWT_SETU("fail_every", 1);
	SWT_SETU("duration_ms", 60000);
	ASSERT_EQ(0, swt_control("start"));
	swt_sleep_ms(200);
	t0 = swt_now_ms();
	err = swt_rmmod();
	ASSERT_EQ(0, err) TH_LOG("rmmod mid-run: %s", strerror(-err));
	SWT_MSG("rmmod mid-run took %" PRId64 " ms", swt_now_ms() - t0);
	check_unloaded(_metadata);
	load_ok(_metadata);
}

/*
 * arena_keep allocates its block once per worker: the first operation's
 * allocation is the only allocator call of a run.  With every second
 * call failing, that first one succeeds and nothing fails after it; with
 * every call failing no block and no operation.
 */
TEST_F_TIMEOUT(slabwall, arena_keep_once, SWT_TIMEOUT)
{
	static const char *const patterns[] = { "skb", "dentry", "kmalloc" };
	struct swt_result r;
	char key[32], what[64];
	unsigned int p;
	int i;

	for (p = 0; p < ARRAY_SIZE(patterns); p++) {
		snprintf(what, sizeof(what), "arena_keep/%s", patterns[p]);
		ASSERT_EQ(0, swt_control("reset"));
		SWT_SET("pattern", patterns[p]);
		SWT_SET("strategy", "arena_keep");
		SWT_SET("cpus", self->online);
		SWT_SETU("allocs_per_op", 64);
		SWT_SETU("name_len", 100);
		SWT_SETU("fail_every", 2);
		run_ok(_metadata, 150, &r);
		check_clean(_metadata, &r, 64, what);
		EXPECT_EQ((uint64_t)self->ncpus, stat_u64(_metadata, "arena_blocks"))
			TH_LOG("%s", what);
		for (i = 0; i < self->ncpus; i++) {
			snprintf(key, sizeof(key), "cpu%d.arena_blocks", self->cpu[i]);
			EXPECT_EQ(1ULL, stat_u64(_metadata, key)) TH_LOG("%s", what);
		}
	}

	ASSERT_EQ(0, swt_control("reset"));
	SWT_SET("strategy", "arena_keep");
	SWT_SETU("fail_every", 1);
	run_ok(_metadata, 100, &r);
	EXPECT_EQ(0ULL, r.ops);
	EXPECT_LT(0ULL, r.alloc_failures);
	EXPECT_EQ(0ULL, stat_u64(_metadata, "arena_blocks"));
	check_caches_empty(_metadata);
}

/*
 * A kept block's objects are reset by their owner's next operation, so
 * they can neither go to another CPU nor survive it; a mempool's
 * survivor would never return to the reserve.  Refused whichever knob
 * is written second, and nothing changes.
 */
TEST_F_TIMEOUT(slabwall, pools_refuse, SWT_TIMEOUT)
{
	char val[64];

	SWT_SET("strategy", "arena_keep");
	EXPECT_EQ(-EINVAL, swt_set("free", "remote"));
	EXPECT_EQ(-EINVAL, swt_set("survive_every", "3"));
	get_knob(_metadata, "free", val, sizeof(val));
	EXPECT_STREQ("local", val);
	SWT_SET("strategy", "mempool");
	EXPECT_EQ(-EINVAL, swt_set("survive_every", "3"));
	SWT_SET("free", "remote");
	EXPECT_EQ(-EINVAL, swt_set("strategy", "arena_keep"));
	get_knob(_metadata, "strategy", val, sizeof(val));
	EXPECT_STREQ("mempool", val);
	SWT_SET("strategy", "slab");
	SWT_SET("free", "local");
	SWT_SETU("survive_every", 3);
	EXPECT_EQ(-EINVAL, swt_set("strategy", "arena_keep"));
	EXPECT_EQ(-EINVAL, swt_set("strategy", "mempool"));
}

/* rmmod in a run of each leaves no object in our caches. */
TEST_F_TIMEOUT(slabwall, pools_rmmod_mid_run, SWT_RELOAD_TIMEOUT)
{
	static const struct {
		const char *strategy, *free;
	} runs[] = {
		{ "mempool", "local" }, { "mempool", "remote" },
		{ "arena_keep", "local" },
	};
	unsigned int i;
	int err;

	if (!swt_exists(swt_ko_path()))
		SKIP(return, "no %s to reload (set SLABWALL_KO)", swt_ko_path());
	for (i = 0; i < ARRAY_SIZE(runs); i++) {
		SWT_SET("strategy", runs[i].strategy);
		SWT_SET("free", runs[i].free);
		SWT_SET("cpus", self->online);
		SWT_SETU("allocs_per_op", 64);
		SWT_SETU("duration_ms", 10000);
		ASSERT_EQ(0, swt_control("start"));
		swt_sleep_ms(150);
		expect_state(_metadata, "running");
		err = swt_rmmod();
		ASSERT_EQ(0, err) TH_LOG("rmmod in a %s/%s run: %s",
					 runs[i].strategy, runs[i].free,
					 strerror(-err));
		check_unloaded(_metadata);
		load_ok(_metadata);
	}
}

TEST_HARNESS_MAIN
