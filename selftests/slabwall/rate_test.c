// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, rate: pacing each CPU, latency of paced operations,
 * stopping a slow run, sampling.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/* rate paces each CPU. */
TEST_F_TIMEOUT(slabwall, rate, SWT_TIMEOUT)
{
	struct swt_result r;

	SWT_SET("pattern", "kmalloc");
	SWT_SETU("object_size", 64);
	SWT_SETU("allocs_per_op", 1);
	SWT_SET("cpus", self->first);
	SWT_SETU("rate", 2000);
	run_ok(_metadata, 300, &r);
	SWT_MSG("rate 2000/s for 300 ms: %" PRIu64 " ops (600 expected)",
		r.ops);
	check_clean(_metadata, &r, 1, "rate 2000");
	EXPECT_LE(300ULL, r.ops);
	EXPECT_GE(700ULL, r.ops);
	expect_stat_str(_metadata, "rate", "2000");
}

/* The @per_million quantile of the histogram file, as the module reports one. */
static uint64_t hist_file_pct(struct __test_metadata *_metadata,
			      unsigned int per_million, uint64_t max)
{
	uint64_t sum = 0;
	const char *line;
	ssize_t len;
	int n = 0;

	len = swt_read_file(SWT_DIR "/histogram", hist, sizeof(hist));
	EXPECT_LT(0, len) TH_LOG("histogram: %s", strerror(-len));
	for (line = hist; len > 0 && *line && n < (int)HIST_BUCKETS; n++) {
		if (sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64, &hl[n].lower,
			   &hl[n].upper, &hl[n].count) != 3)
			break;
		sum += hl[n].count;
		line += strcspn(line, "\n");
		if (*line)
			line++;
	}
	return hist_pct(n, sum, per_million, max);
}

/*
 * Paced operations wait for their time without adding the harness's
 * oversleep to their latency: the lower quartile of a slow rate stays near
 * the median of the same point in a closed loop.  The oversleep used to
 * delay every operation by 100-300 us under TCG.  Generous, and on the
 * lower quartile: under emulation an operation after a sleep costs 10-30
 * us (its caches cold: its ns_per_op shows it), and a busy host stalls the
 * VM for milliseconds, making a run of operations late.
 */
TEST_F_TIMEOUT(slabwall, rate_latency, SWT_TIMEOUT)
{
	struct swt_result closed, paced;
	uint64_t p25;

	small_point(_metadata, self->first);
	run_ok(_metadata, 300, &closed);
	check_clean(_metadata, &closed, 1, "closed loop");
	SWT_SETU("rate", 200);
	run_ok(_metadata, 500, &paced);
	check_clean(_metadata, &paced, 1, "rate 200");
	p25 = hist_file_pct(_metadata, 250000, paced.max_ns);
	SWT_MSG("closed loop p50 %" PRIu64 " ns; rate 200/s p25 %" PRIu64
	       " ns, p50 %" PRIu64 " ns (%" PRIu64 " ops, ns_per_op %" PRIu64
	       ")", closed.p50_ns, p25, paced.p50_ns, paced.ops,
	       paced.ns_per_op);
	EXPECT_GT(closed.p50_ns * 3 + 60000, p25);
}

/* stop ends a slow paced run at once, not at its next operation. */
TEST_F_TIMEOUT(slabwall, rate_stop, SWT_TIMEOUT)
{
	struct swt_result r;
	int64_t t0, took;

	small_point(_metadata, self->online);
	SWT_SETU("rate", 1);
	SWT_SETU("duration_ms", 10000);
	ASSERT_EQ(0, swt_control("start"));
	swt_sleep_ms(100);
	t0 = swt_now_ms();
	ASSERT_EQ(0, swt_control("stop"));
	took = swt_now_ms() - t0;
	SWT_MSG("stop of a run at rate 1/s took %" PRId64 " ms", took);
	EXPECT_GT(500, took);
	read_result(_metadata, &r);
	EXPECT_STREQ("done", r.state);
	EXPECT_EQ(r.allocs, r.frees);
}

/*
 * About one operation in 8 is sampled, the null operation too, and the
 * sampled ones stay out of the histogram.
 */
TEST_F_TIMEOUT(slabwall, sampling, SWT_TIMEOUT)
{
	static const unsigned int apo[] = { 0, 1 };
	struct swt_result r;
	uint64_t sampled;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(apo); i++) {
		small_point(_metadata, self->first);
		SWT_SETU("allocs_per_op", apo[i]);
		run_ok(_metadata, 200, &r);
		ASSERT_EQ(0, swt_stat_u64(stats, "sampled_ops", &sampled))
			TH_LOG("no sampled_ops");
		SWT_MSG("allocs_per_op %u: %" PRIu64 " of %" PRIu64
		       " operations sampled", apo[i], sampled, r.ops);
		ASSERT_LT(1000ULL, r.ops);
		EXPECT_LT(r.ops / 16, sampled);
		EXPECT_GT(r.ops / 4, sampled);
	}
}

TEST_HARNESS_MAIN
