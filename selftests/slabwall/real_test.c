// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, the real objects: real_skb (alloc_skb() and
 * consume_skb()) and real_dentry (d_alloc() on the module's pseudo
 * filesystem, dput()).  Each runs and accounts with local and remote
 * free, names the kernel's caches it allocates from, runs with the slab
 * strategy only, keeps survivors and fails injected allocations cleanly,
 * and leaves nothing at rmmod in the middle of a run (a dentry still in
 * use would make the unmount warn, and panic_on_warn stops the VM).
 */
#define _GNU_SOURCE
#include "sw_test.h"

static const struct {
	const char *pattern, *cache;
} reals[] = {
	{ "real_skb", "skbuff_head_cache" },
	{ "real_dentry", "dentry" },
};

/*
 * Every cache the stats name exists under /sys/kernel/slab; cache1, if
 * any, starts with @prefix1 (NULL: there must be none).
 */
static void expect_caches(struct __test_metadata *_metadata, const char *cache0,
			  const char *prefix1, const char *what)
{
	char key[16], name[128], path[256];
	unsigned int i;

	expect_stat_str(_metadata, "cache0", cache0);
	for (i = 0; i < 2; i++) {
		snprintf(key, sizeof(key), "cache%u", i);
		if (swt_stat_str(stats, key, name, sizeof(name))) {
			EXPECT_TRUE(i == 1 && !prefix1)
				TH_LOG("%s: no %s in stats", what, key);
			continue;
		}
		if (i == 1) {
			EXPECT_TRUE(prefix1 && !strncmp(name, prefix1, strlen(prefix1)))
				TH_LOG("%s: cache1 %s, want %s...", what, name,
				       prefix1 ? prefix1 : "none");
		}
		if (!swt_is_dir(SWT_SLAB_DIR))
			continue;
		cache_path(path, sizeof(path), name, NULL);
		EXPECT_TRUE(swt_exists(path)) TH_LOG("%s: %s missing", what, path);
	}
}

/* Each real pattern with local and remote free, 1 and 64 objects an operation. */
TEST_F_TIMEOUT(slabwall, real_patterns_run, SWT_TIMEOUT)
{
	static const char *const frees[] = { "local", "remote" };
	static const unsigned int allocs[] = { 1, 64 };
	struct swt_result r;
	unsigned int p, f, a;
	char what[64];

	for (p = 0; p < ARRAY_SIZE(reals); p++) {
		for (f = 0; f < ARRAY_SIZE(frees); f++) {
			for (a = 0; a < ARRAY_SIZE(allocs); a++) {
				snprintf(what, sizeof(what), "%s/%s/%u",
					 reals[p].pattern, frees[f], allocs[a]);
				ASSERT_EQ(0, swt_control("reset"));
				SWT_SET("pattern", reals[p].pattern);
				SWT_SET("free", frees[f]);
				SWT_SET("cpus", self->online);
				SWT_SETU("allocs_per_op", allocs[a]);
				run_ok(_metadata, 200, &r);
				SWT_MSG("%s: ops %" PRIu64 " ns_per_alloc %" PRIu64
					" remote_frees %" PRIu64, what, r.ops,
					r.ns_per_alloc, r.remote_frees);
				check_clean(_metadata, &r, allocs[a], what);
				expect_stat_str(_metadata, "pattern",
						reals[p].pattern);
				if (f == 0) {
					EXPECT_EQ(0ULL, r.remote_frees)
						TH_LOG("%s", what);
				} else if (self->ncpus >= 2) {
					EXPECT_LT(0ULL, r.remote_frees)
						TH_LOG("%s", what);
				}
			}
		}
	}
}

/*
 * The caches named are the kernel's and exist: skbuff_head_cache with
 * kmalloc-N or skbuff_small_head for the data, dentry with kmalloc-rcl-N
 * for a long name only.
 */
TEST_F_TIMEOUT(slabwall, real_caches_named, SWT_TIMEOUT)
{
	struct swt_result r;

	SWT_SET("pattern", "real_skb");
	SWT_SETU("data_size", 1500);
	run_ok(_metadata, 100, &r);
	check_clean(_metadata, &r, 8, "real_skb 1500");
	expect_caches(_metadata, "skbuff_head_cache", "kmalloc-2k",
		      "real_skb 1500");
	/* A small buffer: skbuff_small_head where the kernel has it (6.3+). */
	SWT_SETU("data_size", 0);
	run_ok(_metadata, 100, &r);
	check_clean(_metadata, &r, 8, "real_skb 0");
	expect_caches(_metadata, "skbuff_head_cache",
		      swt_is_dir(SWT_SLAB_DIR "/skbuff_small_head") ?
		      "skbuff_small_head" : "kmalloc-", "real_skb 0");

	SWT_SET("pattern", "real_dentry");
	SWT_SETU("name_len", 1);
	run_ok(_metadata, 100, &r);
	check_clean(_metadata, &r, 8, "real_dentry 1");
	expect_caches(_metadata, "dentry", NULL, "real_dentry 1");
	SWT_SETU("name_len", 255);
	run_ok(_metadata, 100, &r);
	check_clean(_metadata, &r, 8, "real_dentry 255");
	expect_caches(_metadata, "dentry", "kmalloc-rcl-", "real_dentry 255");
}

/* Real objects run with the slab strategy only; a refusal changes nothing. */
TEST_F_TIMEOUT(slabwall, real_slab_only, SWT_TIMEOUT)
{
	static const char *const others[] = { "bulk", "pool", "arena" };
	unsigned int p, s;
	char val[64];
	int err;

	for (p = 0; p < ARRAY_SIZE(reals); p++) {
		ASSERT_EQ(0, swt_control("reset"));
		SWT_SET("pattern", reals[p].pattern);
		for (s = 0; s < ARRAY_SIZE(others); s++) {
			err = swt_set("strategy", others[s]);
			EXPECT_EQ(-EINVAL, err) TH_LOG("%s with %s: %s",
						       reals[p].pattern, others[s],
						       strerror(-err));
			get_knob(_metadata, "strategy", val, sizeof(val));
			EXPECT_STREQ("slab", val);
		}
		/* The other way round: the pattern is refused. */
		for (s = 0; s < ARRAY_SIZE(others); s++) {
			SWT_SET("pattern", "skb");
			SWT_SET("strategy", others[s]);
			err = swt_set("pattern", reals[p].pattern);
			EXPECT_EQ(-EINVAL, err) TH_LOG("%s under %s: %s",
						       reals[p].pattern, others[s],
						       strerror(-err));
			get_knob(_metadata, "pattern", val, sizeof(val));
			EXPECT_STREQ("skb", val);
			SWT_SET("strategy", "slab");
		}
	}
}

/* Survivors outlive their operation and go with reset; injected failures unwind. */
TEST_F_TIMEOUT(slabwall, real_survivors_faults, SWT_TIMEOUT)
{
	struct swt_result r;
	uint64_t v;
	unsigned int p;
	char what[64];

	for (p = 0; p < ARRAY_SIZE(reals); p++) {
		ASSERT_EQ(0, swt_control("reset"));
		SWT_SET("pattern", reals[p].pattern);
		SWT_SET("cpus", self->online);
		SWT_SET("free", "remote");
		SWT_SETU("survive_every", 3);
		SWT_SETU("survivors_max", 256);
		run_ok(_metadata, 200, &r);
		snprintf(what, sizeof(what), "%s survivors", reals[p].pattern);
		ASSERT_EQ(0, swt_stat_u64(stats, "survivors", &v));
		EXPECT_LT(0ULL, v) TH_LOG("%s: none kept", what);
		EXPECT_EQ(r.allocs, r.frees + v)
			TH_LOG("%s: allocs %" PRIu64 " frees %" PRIu64
			       " survivors %" PRIu64, what, r.allocs, r.frees, v);
		ASSERT_EQ(0, swt_control("reset"));

		SWT_SET("pattern", reals[p].pattern);
		SWT_SETU("fail_every", 5);
		run_ok(_metadata, 200, &r);
		snprintf(what, sizeof(what), "%s fail_every 5", reals[p].pattern);
		EXPECT_LT(0ULL, r.alloc_failures) TH_LOG("%s", what);
		EXPECT_EQ(r.allocs, r.frees) TH_LOG("%s", what);
	}
}

/* rmmod in the middle of a run: stopped, every object released, unmounted. */
TEST_F_TIMEOUT(slabwall, real_rmmod_mid_run, SWT_RELOAD_TIMEOUT)
{
	static const char *const frees[] = { "local", "remote" };
	unsigned int p, f;
	int err;

	if (!swt_exists(swt_ko_path()))
		SKIP(return, "no %s to reload (set SLABWALL_KO)",
		     swt_ko_path());
	for (p = 0; p < ARRAY_SIZE(reals); p++) {
		for (f = 0; f < ARRAY_SIZE(frees); f++) {
			SWT_SET("pattern", reals[p].pattern);
			SWT_SET("cpus", self->online);
			SWT_SET("free", frees[f]);
			SWT_SETU("survive_every", 5);
			SWT_SETU("duration_ms", 10000);
			err = swt_control("start");
			ASSERT_EQ(0, err) TH_LOG("start: %s", strerror(-err));
			swt_sleep_ms(100);
			expect_state(_metadata, "running");
			err = swt_rmmod();
			ASSERT_EQ(0, err) TH_LOG("rmmod with a %s/%s run going: %s",
						 reals[p].pattern, frees[f],
						 strerror(-err));
			check_unloaded(_metadata);
			load_ok(_metadata);
		}
	}
}

TEST_HARNESS_MAIN
