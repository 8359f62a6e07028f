// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, what an operation costs: a worker on every CPU, linear in
 * allocs_per_op, ns_per_op is the operations' own time; and the
 * calibration a bare alloc + free loop gives to set against it.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/*
 * A run on every CPU runs a worker on each of them for the whole run, and
 * the run's totals are the sum of theirs.  Whether the second CPU pays
 * (the throughput ratio) is a measurement, not a test: it is printed here
 * and measured by make bench, because on a 2-core host running other VMs
 * a vCPU can lose most of a run to the host and no fixed ratio survives.
 */
#define SWT_ALL_CPUS_APO	8
#define SWT_ALL_CPUS_MS		400

TEST_F_TIMEOUT(slabwall, every_cpu_runs_the_whole_run, SWT_TIMEOUT)
{
	struct swt_result r1, rn;
	uint64_t ops, el, sum_ops = 0, sum_allocs = 0;
	char key[48];
	int i;

	if (self->ncpus < 2)
		SKIP(return, "needs 2 CPUs, %d online", self->ncpus);
	SWT_SET("pattern", "kmalloc");
	SWT_SETU("object_size", 64);
	SWT_SETU("allocs_per_op", SWT_ALL_CPUS_APO);
	SWT_SET("cpus", self->first);
	run_ok(_metadata, SWT_ALL_CPUS_MS, &r1);
	check_clean(_metadata, &r1, SWT_ALL_CPUS_APO, "1 CPU");
	SWT_SET("cpus", self->online);
	run_ok(_metadata, SWT_ALL_CPUS_MS, &rn);
	check_clean(_metadata, &rn, SWT_ALL_CPUS_APO, "all CPUs");
	for (i = 0; i < self->ncpus; i++) {
		snprintf(key, sizeof(key), "cpu%d.ops", self->cpu[i]);
		ASSERT_EQ(0, swt_stat_u64(stats, key, &ops)) TH_LOG("no %s", key);
		EXPECT_LT(0ULL, ops) TH_LOG("CPU %d ran no operation", self->cpu[i]);
		sum_ops += ops;
		snprintf(key, sizeof(key), "cpu%d.allocs", self->cpu[i]);
		ASSERT_EQ(0, swt_stat_u64(stats, key, &ops)) TH_LOG("no %s", key);
		sum_allocs += ops;
		/* Its own time: from its start to its end, near the run's. */
		snprintf(key, sizeof(key), "cpu%d.elapsed_ns", self->cpu[i]);
		ASSERT_EQ(0, swt_stat_u64(stats, key, &el)) TH_LOG("no %s", key);
		EXPECT_LE((uint64_t)SWT_ALL_CPUS_MS * 1000000 / 2, el)
			TH_LOG("CPU %d ran %" PRIu64 " ns of a %d ms run",
			       self->cpu[i], el, SWT_ALL_CPUS_MS);
	}
	EXPECT_EQ(rn.ops, sum_ops);
	EXPECT_EQ(rn.allocs, sum_allocs);
	if (r1.ops_per_sec)
		SWT_MSG("ops/s: 1 CPU %" PRIu64 ", %d CPUs %" PRIu64
			", ratio %.2f (information, not a test)",
			r1.ops_per_sec, self->ncpus, rn.ops_per_sec,
			(double)rn.ops_per_sec / (double)r1.ops_per_sec);
}

/* The cost of an operation grows linearly with allocs_per_op. */
TEST_F_TIMEOUT(slabwall, linear_cost, SWT_TIMEOUT)
{
	static const unsigned int apo[] = { 0, 16, 128 };
	uint64_t ns[ARRAY_SIZE(apo)];
	struct swt_result r;
	double m16, m128;
	unsigned int i;

	SWT_SET("pattern", "kmalloc");
	SWT_SETU("object_size", 64);
	SWT_SET("cpus", self->first);
	for (i = 0; i < ARRAY_SIZE(apo); i++) {
		SWT_SETU("allocs_per_op", apo[i]);
		run_ok(_metadata, 300, &r);
		if (apo[i])
			check_clean(_metadata, &r, apo[i], "linear_cost");
		ns[i] = r.ns_per_op;
	}
	ASSERT_LT(ns[0], ns[1]);
	ASSERT_LT(ns[1], ns[2]);
	m16 = (double)(ns[1] - ns[0]) / 16;
	m128 = (double)(ns[2] - ns[0]) / 128;
	SWT_MSG("ns_per_op %" PRIu64 " / %" PRIu64 " / %" PRIu64
	       "; per alloc: m16 %.1f m128 %.1f ratio %.2f",
	       ns[0], ns[1], ns[2], m16, m128, m128 / m16);
	EXPECT_LT(0.4, m128 / m16);
	EXPECT_GT(2.5, m128 / m16);
}

/*
 * ns_per_op is the operations' own time, not wall time: paced at 1000/s
 * an operation still costs a few microseconds at most, not the 1 ms
 * between operations.
 */
TEST_F_TIMEOUT(slabwall, ns_per_op_own_time, SWT_TIMEOUT)
{
	struct swt_result r;

	small_point(_metadata, self->first);
	SWT_SETU("rate", 1000);
	run_ok(_metadata, 300, &r);
	check_clean(_metadata, &r, 1, "rate 1000");
	SWT_MSG("rate 1000/s: ns_per_op %" PRIu64 " ns_per_alloc %" PRIu64
	       " ops_per_sec %" PRIu64, r.ns_per_op, r.ns_per_alloc,
	       r.ops_per_sec);
	EXPECT_LT(0ULL, r.ns_per_op);
	EXPECT_GT(100000ULL, r.ns_per_op);
	EXPECT_EQ(r.ns_per_op, r.ns_per_alloc);
	EXPECT_GT(2000ULL, r.ops_per_sec);
}

#define SWT_CAL_FILE	SWT_DIR "/calibration"
#define SWT_CAL_LOOPS	4096
#define SWT_CALIBRATE	"calibrate 4096"

static const char *const cal_patterns[] = {
#define SW_PATTERN(name, ...)	#name,
#include "uapi/slabwall.h"
#undef SW_PATTERN
};

static void read_calibration(struct __test_metadata *_metadata, char *buf,
			     size_t size)
{
	ssize_t n = swt_read_file(SWT_CAL_FILE, buf, size);

	ASSERT_LT(0, n) TH_LOG("%s: %s", SWT_CAL_FILE, strerror((int)-n));
}

/*
 * "calibrate N" measures N alloc + free pairs of every pattern's cache
 * (kmalloc at object_size), less an empty loop: each costs more than
 * nothing, on the writer's CPU.  No cost bound: the VM is emulated.
 */
TEST_F_TIMEOUT(slabwall, calibration_every_pattern, SWT_TIMEOUT)
{
	char buf[4096], key[64];
	uint64_t loops, size;
	unsigned int i;
	double ns;
	int err;

	read_calibration(_metadata, buf, sizeof(buf));
	ASSERT_EQ(0, swt_stat_u64(buf, "loops", &loops));
	EXPECT_EQ(0ULL, loops) TH_LOG("before any calibration");
	SWT_SETU("object_size", 64);
	err = swt_control(SWT_CALIBRATE);
	ASSERT_EQ(0, err) TH_LOG("calibrate: %s", strerror(-err));
	read_calibration(_metadata, buf, sizeof(buf));
	SWT_MSG("%s", esc(buf));
	ASSERT_EQ(0, swt_stat_u64(buf, "loops", &loops));
	EXPECT_EQ((uint64_t)SWT_CAL_LOOPS, loops);
	ASSERT_EQ(0, swt_stat_u64(buf, "kmalloc_size", &size));
	EXPECT_EQ(64ULL, size);
	for (i = 0; i < ARRAY_SIZE(cal_patterns); i++) {
		snprintf(key, sizeof(key), "%s_ns", cal_patterns[i]);
		ASSERT_EQ(0, swt_stat_double(buf, key, &ns)) TH_LOG("%s", key);
		EXPECT_LT(0.0, ns) TH_LOG("%s", key);
	}
	/* A reset forgets it, as it forgets the last run. */
	ASSERT_EQ(0, swt_control("reset"));
	read_calibration(_metadata, buf, sizeof(buf));
	ASSERT_EQ(0, swt_stat_u64(buf, "loops", &loops));
	EXPECT_EQ(0ULL, loops);
}

/*
 * The patterns that attach something to their head (skb's data buffer,
 * dentry's name) are also timed whole, at the data_size and name_len the
 * file names; the others have no whole-object line.  No cost compared:
 * the VM is emulated and shared.
 */
TEST_F_TIMEOUT(slabwall, calibration_whole_objects, SWT_TIMEOUT)
{
	static const char *const whole[] = { "skb", "dentry" };
	char buf[4096], key[64];
	double ns;
	uint64_t v;
	unsigned int i, j;
	bool has;
	int err;

	SWT_SETU("data_size", 0);
	SWT_SETU("name_len", 24);
	err = swt_control(SWT_CALIBRATE);
	ASSERT_EQ(0, err) TH_LOG("calibrate: %s", strerror(-err));
	read_calibration(_metadata, buf, sizeof(buf));
	ASSERT_EQ(0, swt_stat_u64(buf, "data_size", &v));
	EXPECT_EQ(0ULL, v);
	ASSERT_EQ(0, swt_stat_u64(buf, "name_len", &v));
	EXPECT_EQ(24ULL, v);
	for (i = 0; i < ARRAY_SIZE(cal_patterns); i++) {
		has = false;
		for (j = 0; j < ARRAY_SIZE(whole); j++)
			has |= !strcmp(cal_patterns[i], whole[j]);
		snprintf(key, sizeof(key), "%s_object_ns", cal_patterns[i]);
		err = swt_stat_double(buf, key, &ns);
		if (!has) {
			EXPECT_NE(0, err) TH_LOG("%s: not a whole object", key);
			continue;
		}
		ASSERT_EQ(0, err) TH_LOG("%s missing", key);
		EXPECT_LT(0.0, ns) TH_LOG("%s", key);
		snprintf(key, sizeof(key), "%s_object_cycles", cal_patterns[i]);
		EXPECT_EQ(0, swt_stat_double(buf, key, &ns)) TH_LOG("%s", key);
	}
	ASSERT_EQ(0, swt_control("reset"));
}

/* Refused while a run runs and for a bad count; either changes nothing. */
TEST_F_TIMEOUT(slabwall, calibration_refused, SWT_TIMEOUT)
{
	static const char *const bad[] = {
		"calibrate 0", "calibrate x", "calibrate -1", "calibrate 1x",
		"calibrate 10000001", "calibrate 99999999999", "calibrated",
		"calibrate\t5", "calibrate 5 5",
	};
	char before[4096], after[4096];
	unsigned int i;
	int err;

	ASSERT_EQ(0, swt_control("calibrate 1000"));
	read_calibration(_metadata, before, sizeof(before));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		err = swt_control(bad[i]);
		EXPECT_EQ(-EINVAL, err) TH_LOG("'%s': %s", bad[i], strerror(-err));
	}
	SWT_SETU("duration_ms", 60000);
	SWT_SETU("allocs_per_op", 1);
	ASSERT_EQ(0, swt_control("start"));
	err = swt_control("calibrate 1000");
	EXPECT_EQ(-EBUSY, err) TH_LOG("calibrate while running: %s",
				      strerror(-err));
	ASSERT_EQ(0, swt_control("stop"));
	read_calibration(_metadata, after, sizeof(after));
	EXPECT_STREQ(before, after);
}

/*
 * Every object a calibration allocates goes back: the head caches hold
 * no more objects after it than before, give or take a slab (SLUB counts
 * a CPU's slab as in use), far fewer than its turns; and the caches go
 * at unload with nothing left in them (kernel_log.sh would see SLUB's
 * "Objects remaining").
 */
TEST_F_TIMEOUT(slabwall, calibration_leaks_nothing, SWT_RELOAD_TIMEOUT)
{
	static const char *const caches[] = { SWT_CACHE_SKB, SWT_CACHE_DENTRY };
	uint64_t before[ARRAY_SIZE(caches)], after, per_slab;
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(caches); i++) {
		if (swt_slab_attr(caches[i], "objects", &before[i]))
			SKIP(return, "no %s/%s/objects", SWT_SLAB_DIR, caches[i]);
	}
	ASSERT_EQ(0, swt_control(SWT_CALIBRATE));
	for (i = 0; i < ARRAY_SIZE(caches); i++) {
		ASSERT_EQ(0, swt_slab_attr(caches[i], "objects", &after));
		ASSERT_EQ(0, swt_slab_attr(caches[i], "objs_per_slab", &per_slab));
		SWT_MSG("%s: objects %" PRIu64 " -> %" PRIu64, caches[i],
			before[i], after);
		EXPECT_GE(before[i] + 2 * per_slab, after) TH_LOG("%s", caches[i]);
	}
	err = swt_rmmod();
	ASSERT_EQ(0, err) TH_LOG("rmmod: %s", strerror(-err));
	check_unloaded(_metadata);
	load_ok(_metadata);
}

TEST_HARNESS_MAIN
