// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, the module's life: rmmod in a run, stop right after
 * start, load and unload cycles.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/* rmmod in the middle of a run stops it cleanly. */
TEST_F_TIMEOUT(slabwall, rmmod_mid_run, SWT_RELOAD_TIMEOUT)
{
	static const struct {
		const char *strategy, *free;
	} runs[] = {
		{ "slab", "local" }, { "slab", "remote" }, { "bulk", "remote" },
		{ "pool", "local" }, { "pool", "remote" }, { "arena", "remote" },
	};
	int64_t t0;
	unsigned int f;
	int err;

	if (!swt_exists(swt_ko_path()))
		SKIP(return, "no %s to reload (set SLABWALL_KO)",
		     swt_ko_path());
	for (f = 0; f < ARRAY_SIZE(runs); f++) {
		SWT_SET("cpus", self->online);
		SWT_SET("strategy", runs[f].strategy);
		SWT_SET("free", runs[f].free);
		SWT_SETU("duration_ms", 10000);
		err = swt_control("start");
		ASSERT_EQ(0, err) TH_LOG("start: %s", strerror(-err));
		swt_sleep_ms(100);
		expect_state(_metadata, "running");

		t0 = swt_now_ms();
		err = swt_rmmod();
		ASSERT_EQ(0, err) TH_LOG("rmmod with a %s/%s run going: %s",
					 runs[f].strategy, runs[f].free,
					 strerror(-err));
		SWT_MSG("%s/%s: rmmod mid-run took %" PRId64 " ms",
			runs[f].strategy, runs[f].free, swt_now_ms() - t0);
		check_unloaded(_metadata);
		load_ok(_metadata);
	}
}

/*
 * stop (and rmmod) right after start: threads that were woken but not yet
 * scheduled must still run to their end, or the run never finishes and
 * the next CPU waits for them forever.
 */
TEST_F_TIMEOUT(slabwall, stop_at_once, SWT_RELOAD_TIMEOUT)
{
	static const char *const frees[] = { "local", "remote" };
	struct swt_result r;
	unsigned int f, i;
	int err;

	for (f = 0; f < ARRAY_SIZE(frees); f++) {
		SWT_SET("cpus", self->online);
		SWT_SET("free", frees[f]);
		SWT_SETU("duration_ms", 5000);
		for (i = 0; i < 20; i++) {
			ASSERT_EQ(0, swt_control("start"));
			ASSERT_EQ(0, swt_control("stop"));
			err = swt_wait_state("done", 2000);
			ASSERT_EQ(0, err) TH_LOG("%s, round %u: not done after stop",
						 frees[f], i);
			read_result(_metadata, &r);
			EXPECT_EQ(r.allocs, r.frees) TH_LOG("%s, round %u", frees[f], i);
		}
	}
	if (!swt_exists(swt_ko_path()))
		SKIP(return, "no %s to reload (set SLABWALL_KO)", swt_ko_path());
	for (i = 0; i < 5; i++) {
		SWT_SET("free", "remote");
		SWT_SETU("duration_ms", 5000);
		ASSERT_EQ(0, swt_control("start"));
		err = swt_rmmod();
		ASSERT_EQ(0, err) TH_LOG("round %u: rmmod: %s", i, strerror(-err));
		check_unloaded(_metadata);
		load_ok(_metadata);
	}
}

/* The module loads and unloads repeatedly, taking its caches along. */
TEST_F_TIMEOUT(slabwall, load_cycles, SWT_RELOAD_TIMEOUT)
{
	struct swt_result r;
	int i, err;

	if (!swt_exists(swt_ko_path()))
		SKIP(return, "no %s to reload (set SLABWALL_KO)",
		     swt_ko_path());
	for (i = 0; i < 10; i++) {
		/* Every other cycle leaves used (empty) slabs behind. */
		if (i % 2) {
			SWT_SET("pattern", i % 4 == 1 ? "dentry" : "skb");
			run_ok(_metadata, 30, &r);
			EXPECT_EQ(r.allocs, r.frees) TH_LOG("cycle %d", i);
		}
		err = swt_rmmod();
		ASSERT_EQ(0, err) TH_LOG("cycle %d: rmmod: %s", i,
					 strerror(-err));
		check_unloaded(_metadata);
		load_ok(_metadata);
	}
}

TEST_HARNESS_MAIN
