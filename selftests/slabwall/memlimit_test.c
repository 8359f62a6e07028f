// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, mem_limit_kb and the other limits a start is checked
 * against: E2BIG, and nothing changes.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/* A run over mem_limit_kb is refused with E2BIG, and nothing changes. */
TEST_F_TIMEOUT(slabwall, e2big, SWT_TIMEOUT)
{
	struct swt_result r;
	char val[64];
	int err;

	SWT_SET("pattern", "skb");
	SWT_SETU("allocs_per_op", 4096);
	SWT_SETU("data_size", 65536);
	SWT_SETU("mem_limit_kb", 64);
	SWT_SETU("duration_ms", 100);
	err = swt_control("start");
	EXPECT_EQ(-E2BIG, err) TH_LOG("start: %s", strerror(-err));
	if (!err)
		swt_control("stop");
	expect_state(_metadata, "idle");
	get_knob(_metadata, "allocs_per_op", val, sizeof(val));
	EXPECT_STREQ("4096", val);

	/*
	 * Under 192 KiB: 64 x 1 KiB on one CPU passes, 256 x 1 KiB does
	 * not, and neither do 64 x 1 KiB on two CPUs.  The margins leave room
	 * for the per-CPU bookkeeping counted on top (the worker and its
	 * kthread: 60 to 100 KiB).
	 */
	SWT_SET("pattern", "kmalloc");
	SWT_SETU("object_size", 1024);
	SWT_SETU("allocs_per_op", 64);
	SWT_SETU("mem_limit_kb", 192);
	SWT_SET("cpus", self->first);
	run_ok(_metadata, 50, &r);
	check_clean(_metadata, &r, 64, "64 x 1 KiB on 1 CPU, limit 192 KiB");

	SWT_SETU("allocs_per_op", 256);
	err = swt_control("start");
	EXPECT_EQ(-E2BIG, err) TH_LOG("256 x 1 KiB: %s", strerror(-err));
	if (!err)
		swt_wait_state("done", 10000);
	/* A refused start keeps the last run. */
	expect_state(_metadata, "done");
	ASSERT_EQ(0, swt_stats_read(stats, sizeof(stats)));
	expect_stat_str(_metadata, "allocs_per_op", "64");

	if (self->ncpus < 2) {
		SWT_MSG("1 CPU: the per-CPU part of the limit is not checked");
		return;
	}
	SWT_SETU("allocs_per_op", 64);
	SWT_SET("cpus", self->two);
	err = swt_control("start");
	EXPECT_EQ(-E2BIG, err) TH_LOG("2 x 64 KiB: %s", strerror(-err));
	if (!err)
		swt_wait_state("done", 10000);
}

/* MemTotal of /proc/meminfo in bytes, 0 if unreadable. */
static uint64_t mem_total(void)
{
	char buf[4096], *p;
	ssize_t n = swt_read_file("/proc/meminfo", buf, sizeof(buf));

	if (n <= 0)
		return 0;
	p = strstr(buf, "MemTotal:");
	return p ? strtoull(p + strlen("MemTotal:"), NULL, 10) * 1024 : 0;
}

/* start must fail with @want; a start that went through is stopped. */
static void expect_start(struct __test_metadata *_metadata, int want,
			 const char *what)
{
	int err = swt_control("start");

	EXPECT_EQ(want, err) TH_LOG("%s: start: %s", what, strerror(-err));
	if (!err) {
		swt_control("stop");
		swt_wait_state("done", 10000);
	}
}

/*
 * With remote free an inbox holds a ring's length of whole arenas, not
 * of objects: 4096 objects of 4 KiB make 16 MiB arenas, and 8192 of them
 * per CPU are far over any limit.  One CPU handing 64 KiB arenas to
 * itself holds up to 129 of them (8 MiB), not 192 objects of 1 KiB.
 */
TEST_F_TIMEOUT(slabwall, arena_remote_limit, SWT_TIMEOUT)
{
	struct swt_result r;

	SWT_SET("pattern", "kmalloc");
	SWT_SET("strategy", "arena");
	SWT_SET("free", "remote");
	SWT_SETU("object_size", 4096);
	SWT_SETU("allocs_per_op", 4096);
	SWT_SET("cpus", self->ncpus >= 2 ? self->two : self->first);
	SWT_SETU("mem_limit_kb", 16777216);
	SWT_SETU("duration_ms", 1);
	expect_start(_metadata, -E2BIG, "4096 x 4 KiB arenas, remote");

	SWT_SETU("object_size", 1024);
	SWT_SETU("allocs_per_op", 64);
	SWT_SET("cpus", self->first);
	SWT_SETU("mem_limit_kb", 4096);
	expect_start(_metadata, -E2BIG, "64 x 1 KiB arenas, 4 MiB");
	SWT_SETU("mem_limit_kb", 16384);
	run_ok(_metadata, 100, &r);
	check_clean(_metadata, &r, 64, "64 x 1 KiB arenas, 16 MiB");
}

/*
 * Whatever mem_limit_kb allows, a run whose worst case is over half the
 * machine's memory is refused: 64 KiB survivors for three quarters of
 * MemTotal are, for an eighth of it they run.
 */
TEST_F_TIMEOUT(slabwall, ram_share, SWT_TIMEOUT)
{
	uint64_t total = mem_total(), survivors;
	struct swt_result r;

	ASSERT_LT(0ULL, total) TH_LOG("no MemTotal in /proc/meminfo");
	SWT_SET("pattern", "kmalloc");
	SWT_SETU("object_size", 65536);
	SWT_SETU("allocs_per_op", 1);
	SWT_SET("cpus", self->first);
	SWT_SETU("survive_every", 1);
	SWT_SETU("survivors_max", total / 4 * 3 / 65536);
	SWT_SETU("mem_limit_kb", 16777216);
	SWT_SETU("duration_ms", 1);
	expect_start(_metadata, -E2BIG, "survivors for 3/4 of MemTotal");

	SWT_SETU("survivors_max", total / 8 / 65536);
	run_ok(_metadata, 50, &r);
	ASSERT_EQ(0, swt_stat_u64(stats, "survivors", &survivors));
	EXPECT_EQ(r.allocs, r.frees + survivors);
	ASSERT_EQ(0, swt_control("reset"));
}

/*
 * The survivors' array counts: a million 8-byte survivors are 8 MiB of
 * objects and 8 MiB of pointers to them.
 */
TEST_F_TIMEOUT(slabwall, survivor_array_limit, SWT_TIMEOUT)
{
	struct swt_result r;

	SWT_SET("pattern", "kmalloc");
	SWT_SETU("object_size", 8);
	SWT_SETU("allocs_per_op", 1);
	SWT_SET("cpus", self->first);
	SWT_SETU("survive_every", 1);
	SWT_SETU("survivors_max", 1048576);
	SWT_SETU("duration_ms", 1);
	SWT_SETU("mem_limit_kb", 12288);
	expect_start(_metadata, -E2BIG, "1M x 8 bytes, 12 MiB");
	SWT_SETU("mem_limit_kb", 20480);
	run_ok(_metadata, 20, &r);
	ASSERT_EQ(0, swt_control("reset"));
}

/*
 * Objects count at their slab stride (slab_size), not their size: with
 * slab debugging a dentry's red zones and tracking records take more
 * room than the dentry.  The limit sits halfway between the survivors at
 * object size and at stride, each plus the survivors' array.
 */
TEST_F_TIMEOUT(slabwall, slab_stride_limit, SWT_TIMEOUT)
{
	const uint64_t m = 262144;
	uint64_t size, stride, limit;

	if (swt_slab_attr(SWT_CACHE_DENTRY, "object_size", &size) ||
	    swt_slab_attr(SWT_CACHE_DENTRY, "slab_size", &stride))
		SKIP(return, "no /sys/kernel/slab/%s", SWT_CACHE_DENTRY);
	SWT_MSG("%s: object_size %" PRIu64 " slab_size %" PRIu64,
		SWT_CACHE_DENTRY, size, stride);
	if (stride < size + 8)
		SKIP(return, "stride %" PRIu64 " = size %" PRIu64, stride, size);
	/* Survivors at the mean of size and stride, their array, 128 KiB. */
	limit = (m * (size + stride) / 2 + m * 8) / 1024 + 128;
	SWT_SET("pattern", "dentry");
	SWT_SETU("allocs_per_op", 1);
	SWT_SET("cpus", self->first);
	SWT_SETU("survive_every", 1);
	SWT_SETU("survivors_max", m);
	SWT_SETU("duration_ms", 1);
	SWT_SETU("mem_limit_kb", limit);
	expect_start(_metadata, -E2BIG, "dentry survivors at their stride");
	SWT_SETU("mem_limit_kb", limit + m * (stride - size) / 1024);
	expect_start(_metadata, 0, "with room for the stride");
	ASSERT_EQ(0, swt_control("reset"));
}

TEST_HARNESS_MAIN
