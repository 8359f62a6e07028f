// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, how objects go back: free strategies, survivors kept
 * across operations, empty bulk frees, and caches shrinking to zero afterwards.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/* After runs, nothing is left allocated in the named caches. */
TEST_F_TIMEOUT(slabwall, shrink_to_zero, SWT_TIMEOUT)
{
	struct swt_result r;

	if (!swt_is_dir(SWT_SLAB_DIR))
		SKIP(return, "no %s (SLUB sysfs disabled)", SWT_SLAB_DIR);
	SWT_SET("cpus", self->online);
	SWT_SET("pattern", "skb");
	SWT_SET("free", "remote");
	run_ok(_metadata, 200, &r);
	check_clean(_metadata, &r, 8, "skb");
	SWT_SET("pattern", "dentry");
	SWT_SETU("name_len", 100);
	run_ok(_metadata, 200, &r);
	check_clean(_metadata, &r, 8, "dentry");

	shrink_to_zero(_metadata, SWT_CACHE_SKB);
	shrink_to_zero(_metadata, SWT_CACHE_DENTRY);
}

/*
 * Every strategy with every pattern it supports, local and remote: the
 * same bookkeeping as slab, and nothing left in the named caches after.
 * bulk needs a cache handle, so it refuses the kmalloc pattern either way
 * round and leaves the knob as it was.
 */
TEST_F_TIMEOUT(slabwall, strategies, SWT_TIMEOUT)
{
	static const char *const strategies[] = { "bulk", "pool", "arena" };
	static const char *const patterns[] = { "skb", "dentry", "kmalloc" };
	static const char *const frees[] = { "local", "remote" };
	struct swt_result r;
	unsigned int s, p, f;
	char what[64], val[64];
	uint64_t misses;
	int err;

	for (s = 0; s < ARRAY_SIZE(strategies); s++) {
		for (p = 0; p < ARRAY_SIZE(patterns); p++) {
			bool refused = !strcmp(strategies[s], "bulk") &&
				       !strcmp(patterns[p], "kmalloc");

			for (f = 0; f < ARRAY_SIZE(frees); f++) {
				snprintf(what, sizeof(what), "%s/%s/%s",
					 strategies[s], patterns[p], frees[f]);
				ASSERT_EQ(0, swt_control("reset"));
				SWT_SET("pattern", patterns[p]);
				SWT_SET("free", frees[f]);
				SWT_SET("cpus", self->online);
				SWT_SETU("allocs_per_op", 16);
				err = swt_set("strategy", strategies[s]);
				if (refused) {
					EXPECT_EQ(-EINVAL, err) TH_LOG("%s", what);
					get_knob(_metadata, "strategy", val, sizeof(val));
					EXPECT_STREQ("slab", val);
					continue;
				}
				ASSERT_EQ(0, err) TH_LOG("%s: %s", what, strerror(-err));
				run_ok(_metadata, 150, &r);
				check_clean(_metadata, &r, 16, what);
				expect_stat_str(_metadata, "strategy", strategies[s]);
				ASSERT_EQ(0, swt_stat_u64(stats, "pool_misses", &misses));
				SWT_MSG("%s: ops %" PRIu64 " ns_per_op %" PRIu64
				       " remote_frees %" PRIu64 " pool_misses %" PRIu64,
				       what, r.ops, r.ns_per_op, r.remote_frees, misses);
				if (f == 0) {
					EXPECT_EQ(0ULL, r.remote_frees) TH_LOG("%s", what);
				} else if (self->ncpus >= 2) {
					EXPECT_LT(0ULL, r.remote_frees) TH_LOG("%s", what);
				}
			}
		}
	}
	/* The other way round: kmalloc refused while bulk is set. */
	ASSERT_EQ(0, swt_control("reset"));
	SWT_SET("strategy", "bulk");
	EXPECT_EQ(-EINVAL, swt_set("pattern", "kmalloc"));
	get_knob(_metadata, "pattern", val, sizeof(val));
	EXPECT_STREQ("skb", val);

	if (swt_is_dir(SWT_SLAB_DIR)) {
		shrink_to_zero(_metadata, SWT_CACHE_SKB);
		shrink_to_zero(_metadata, SWT_CACHE_DENTRY);
	}
}

/*
 * Survivors pin their slabs: after a run with one object in 16 kept,
 * the dentry cache holds exactly the survivors, shrink cannot give their
 * slabs back, and reset frees them so shrink empties the cache.  pool and
 * arena refuse survivors.
 */
TEST_F_TIMEOUT(slabwall, survivors, SWT_TIMEOUT)
{
	uint64_t survivors, objs, slabs_kept, slabs;
	struct swt_result r;
	char val[64];

	if (!swt_is_dir(SWT_SLAB_DIR))
		SKIP(return, "no %s (SLUB sysfs disabled)", SWT_SLAB_DIR);
	SWT_SET("pattern", "dentry");
	SWT_SET("cpus", self->first);
	SWT_SETU("allocs_per_op", 1024);
	SWT_SETU("survive_every", 16);
	SWT_SETU("survivors_max", 128);
	EXPECT_EQ(-EINVAL, swt_set("strategy", "pool"));
	EXPECT_EQ(-EINVAL, swt_set("strategy", "arena"));
	get_knob(_metadata, "strategy", val, sizeof(val));
	EXPECT_STREQ("slab", val);

	run_ok(_metadata, 200, &r);
	ASSERT_EQ(0, swt_stat_u64(stats, "survivors", &survivors));
	SWT_MSG("ops %" PRIu64 " allocs %" PRIu64 " frees %" PRIu64
	       " survivors %" PRIu64, r.ops, r.allocs, r.frees, survivors);
	/* One in 16 survives, up to 128: a loaded host may allow one op. */
	EXPECT_EQ(r.allocs / 16 < 128 ? r.allocs / 16 : 128ULL, survivors);
	EXPECT_EQ(r.allocs, r.frees + survivors);

	ASSERT_EQ(0, swt_write_str(SWT_SLAB_DIR "/" SWT_CACHE_DENTRY "/shrink", "1"));
	ASSERT_EQ(0, swt_slab_attr(SWT_CACHE_DENTRY, "objects", &objs));
	ASSERT_EQ(0, swt_slab_attr(SWT_CACHE_DENTRY, "slabs", &slabs_kept));
	SWT_MSG("after shrink: %" PRIu64 " objects in %" PRIu64 " slabs",
		objs, slabs_kept);
	EXPECT_EQ(survivors, objs);
	EXPECT_LT(0ULL, slabs_kept);

	/* The survivors go with the run. */
	ASSERT_EQ(0, swt_control("reset"));
	shrink_to_zero(_metadata, SWT_CACHE_DENTRY);
	ASSERT_EQ(0, swt_slab_attr(SWT_CACHE_DENTRY, "slabs", &slabs));
	EXPECT_EQ(0ULL, slabs);
}

/*
 * Operations with nothing to free: bulk with the null operation, and
 * bulk with every object surviving (an empty bulk free warns on 6.1).
 */
TEST_F_TIMEOUT(slabwall, bulk_empty, SWT_TIMEOUT)
{
	uint64_t survivors;
	struct swt_result r;

	SWT_SET("strategy", "bulk");
	SWT_SET("cpus", self->online);
	SWT_SETU("allocs_per_op", 0);
	run_ok(_metadata, 100, &r);
	EXPECT_LT(0ULL, r.ops);
	EXPECT_EQ(0ULL, r.allocs);

	SWT_SETU("allocs_per_op", 4);
	SWT_SETU("survive_every", 1);
	SWT_SETU("survivors_max", 64);
	run_ok(_metadata, 100, &r);
	ASSERT_EQ(0, swt_stat_u64(stats, "survivors", &survivors));
	EXPECT_LT(0ULL, r.ops);
	EXPECT_EQ(r.allocs, r.frees + survivors);
}

TEST_HARNESS_MAIN
