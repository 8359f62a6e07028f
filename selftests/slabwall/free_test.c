// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, how objects go back: free strategies, survivors kept
 * across operations, empty bulk frees, and caches shrinking to zero afterwards.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/* After runs, nothing is left allocated in the named caches. */
TEST_F_TIMEOUT(slabwall, shrink_to_zero, SW_TIMEOUT)
{
	struct sw_result r;

	if (!sw_is_dir(SW_SLAB_DIR))
		SKIP(return, "no %s (SLUB sysfs disabled)", SW_SLAB_DIR);
	SW_SET("cpus", self->online);
	SW_SET("pattern", "skb");
	SW_SET("free", "remote");
	run_ok(_metadata, 200, &r);
	check_clean(_metadata, &r, 8, "skb");
	SW_SET("pattern", "dentry");
	SW_SETU("name_len", 100);
	run_ok(_metadata, 200, &r);
	check_clean(_metadata, &r, 8, "dentry");

	shrink_to_zero(_metadata, SW_CACHE_SKB);
	shrink_to_zero(_metadata, SW_CACHE_DENTRY);
}

/*
 * Every strategy with every pattern it supports, local and remote: the
 * same bookkeeping as slab, and nothing left in the named caches after.
 * bulk needs a cache handle, so it refuses the kmalloc pattern either way
 * round and leaves the knob as it was.
 */
TEST_F_TIMEOUT(slabwall, strategies, SW_TIMEOUT)
{
	static const char *const strategies[] = { "bulk", "pool", "arena" };
	static const char *const patterns[] = { "skb", "dentry", "kmalloc" };
	static const char *const frees[] = { "local", "remote" };
	struct sw_result r;
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
				ASSERT_EQ(0, sw_control("reset"));
				SW_SET("pattern", patterns[p]);
				SW_SET("free", frees[f]);
				SW_SET("cpus", self->online);
				SW_SETU("allocs_per_op", 16);
				err = sw_set("strategy", strategies[s]);
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
				ASSERT_EQ(0, sw_stat_u64(stats, "pool_misses", &misses));
				SW_MSG("%s: ops %" PRIu64 " ns_per_op %" PRIu64
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
	ASSERT_EQ(0, sw_control("reset"));
	SW_SET("strategy", "bulk");
	EXPECT_EQ(-EINVAL, sw_set("pattern", "kmalloc"));
	get_knob(_metadata, "pattern", val, sizeof(val));
	EXPECT_STREQ("skb", val);

	if (sw_is_dir(SW_SLAB_DIR)) {
		shrink_to_zero(_metadata, SW_CACHE_SKB);
		shrink_to_zero(_metadata, SW_CACHE_DENTRY);
	}
}

/*
 * Survivors pin their slabs: after a run with one object in 16 kept,
 * the dentry cache holds exactly the survivors, shrink cannot give their
 * slabs back, and reset frees them so shrink empties the cache.  pool and
 * arena refuse survivors.
 */
TEST_F_TIMEOUT(slabwall, survivors, SW_TIMEOUT)
{
	uint64_t survivors, objs, slabs_kept, slabs;
	struct sw_result r;
	char val[64];

	if (!sw_is_dir(SW_SLAB_DIR))
		SKIP(return, "no %s (SLUB sysfs disabled)", SW_SLAB_DIR);
	SW_SET("pattern", "dentry");
	SW_SET("cpus", self->first);
	SW_SETU("allocs_per_op", 1024);
	SW_SETU("survive_every", 16);
	SW_SETU("survivors_max", 128);
	EXPECT_EQ(-EINVAL, sw_set("strategy", "pool"));
	EXPECT_EQ(-EINVAL, sw_set("strategy", "arena"));
	get_knob(_metadata, "strategy", val, sizeof(val));
	EXPECT_STREQ("slab", val);

	run_ok(_metadata, 200, &r);
	ASSERT_EQ(0, sw_stat_u64(stats, "survivors", &survivors));
	SW_MSG("ops %" PRIu64 " allocs %" PRIu64 " frees %" PRIu64
	       " survivors %" PRIu64, r.ops, r.allocs, r.frees, survivors);
	/* One in 16 survives, up to 128: a loaded host may allow one op. */
	EXPECT_EQ(r.allocs / 16 < 128 ? r.allocs / 16 : 128ULL, survivors);
	EXPECT_EQ(r.allocs, r.frees + survivors);

	ASSERT_EQ(0, sw_write_str(SW_SLAB_DIR "/" SW_CACHE_DENTRY "/shrink", "1"));
	ASSERT_EQ(0, sw_slab_attr(SW_CACHE_DENTRY, "objects", &objs));
	ASSERT_EQ(0, sw_slab_attr(SW_CACHE_DENTRY, "slabs", &slabs_kept));
	SW_MSG("after shrink: %" PRIu64 " objects in %" PRIu64 " slabs",
	       objs, slabs_kept);
	EXPECT_EQ(survivors, objs);
	EXPECT_LT(0ULL, slabs_kept);

	/* The survivors go with the run. */
	ASSERT_EQ(0, sw_control("reset"));
	shrink_to_zero(_metadata, SW_CACHE_DENTRY);
	ASSERT_EQ(0, sw_slab_attr(SW_CACHE_DENTRY, "slabs", &slabs));
	EXPECT_EQ(0ULL, slabs);
}

/*
 * Operations with nothing to free: bulk with the null operation, and
 * bulk with every object surviving (an empty bulk free warns on 6.1).
 */
TEST_F_TIMEOUT(slabwall, bulk_empty, SW_TIMEOUT)
{
	uint64_t survivors;
	struct sw_result r;

	SW_SET("strategy", "bulk");
	SW_SET("cpus", self->online);
	SW_SETU("allocs_per_op", 0);
	run_ok(_metadata, 100, &r);
	EXPECT_LT(0ULL, r.ops);
	EXPECT_EQ(0ULL, r.allocs);

	SW_SETU("allocs_per_op", 4);
	SW_SETU("survive_every", 1);
	SW_SETU("survivors_max", 64);
	run_ok(_metadata, 100, &r);
	ASSERT_EQ(0, sw_stat_u64(stats, "survivors", &survivors));
	EXPECT_LT(0ULL, r.ops);
	EXPECT_EQ(r.allocs, r.frees + survivors);
}

TEST_HARNESS_MAIN
