// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, what an operation costs: scaling with CPUs, linear in
 * allocs_per_op, ns_per_op is the operations' own time.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/*
 * A per-CPU workload scales with CPUs.  8 objects per operation, not 1:
 * under TCG every clock read goes through one lock shared by all vCPUs, and
 * with a single small kmalloc per operation the two clock reads of each
 * operation dominate, so the ratio then measures QEMU rather than the
 * module (about 1.3-1.6 with 1 object, 1.8-2.0 with 8 on a 2-core host).
 * A noisy host gets a second try; a scaling bug fails both.
 */
#define SWT_SCALING_APO		8
#define SWT_SCALING_MIN		1.3

TEST_F_TIMEOUT(slabwall, cpu_scaling, SWT_TIMEOUT)
{
	struct swt_result r1, rn;
	double ratio = 0;
	int attempt;

	if (self->ncpus < 2)
		SKIP(return, "needs 2 CPUs, %d online", self->ncpus);
	SWT_SET("pattern", "kmalloc");
	SWT_SETU("object_size", 64);
	SWT_SETU("allocs_per_op", SWT_SCALING_APO);
	for (attempt = 1; attempt <= 2 && ratio <= SWT_SCALING_MIN; attempt++) {
		SWT_SET("cpus", self->first);
		run_ok(_metadata, 400, &r1);
		check_clean(_metadata, &r1, SWT_SCALING_APO, "1 CPU");
		SWT_SET("cpus", self->online);
		run_ok(_metadata, 400, &rn);
		check_clean(_metadata, &rn, SWT_SCALING_APO, "all CPUs");
		ASSERT_LT(0ULL, r1.ops_per_sec);
		ratio = (double)rn.ops_per_sec / (double)r1.ops_per_sec;
		SWT_MSG("ops/s: 1 CPU %" PRIu64 ", %d CPUs %" PRIu64
		       ", ratio %.2f (attempt %d)", r1.ops_per_sec,
		       self->ncpus, rn.ops_per_sec, ratio, attempt);
	}
	EXPECT_LT(SWT_SCALING_MIN, ratio) TH_LOG("ratio %.2f", ratio);
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

TEST_HARNESS_MAIN
