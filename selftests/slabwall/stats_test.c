// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, the stats and histogram files: every documented key, each
 * consistent with the others, and the histogram's buckets.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/* Every line is "key value" with one space, keys [a-z0-9_.]. */
static void check_stats_lines(struct __test_metadata *_metadata)
{
	const char *line = stats;
	int n = 0;

	while (*line) {
		size_t len = strcspn(line, "\n");
		size_t key = strspn(line, "abcdefghijklmnopqrstuvwxyz0123456789_.");
		const char *val = line + key + 1;
		size_t vlen = len - key - 1;

		EXPECT_TRUE(key > 0 && key < len && line[key] == ' ' &&
			    vlen > 0 && memchr(val, ' ', vlen) == NULL)
			TH_LOG("bad stats line %d: %.*s", n, (int)len, line);
		line += len;
		if (*line)
			line++;
		n++;
	}
	EXPECT_LT(20, n) TH_LOG("stats has only %d lines", n);
}

static int stat_pos(const char *key)
{
	const char *p = stats;
	size_t klen = strlen(key);

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == ' ')
			return p - stats;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

/* The stats file has every documented key, consistent with itself. */
TEST_F_TIMEOUT(slabwall, stats_shape, SWT_TIMEOUT)
{
	static const char *const keys[] = {
		"state", "stop_reason", "pattern", "strategy", "allocs_per_op",
		"object_size", "data_size", "name_len", "cpus", "free",
		"work_bytes", "duration_ms", "rate", "ops", "allocs", "frees",
		"alloc_failures", "remote_frees", "sampled_ops", "timed_ops",
		"time_every", "elapsed_ns",
		"ops_per_sec",
		"ns_per_op", "ns_per_alloc", "alloc_share_pct", "p50_ns",
		"p90_ns", "p99_ns", "p999_ns", "max_ns",
	};
	static const struct {
		const char *key, *val;
	} settings[] = {
		{ "pattern", "skb" }, { "strategy", "slab" },
		{ "allocs_per_op", "4" }, { "object_size", "128" },
		{ "data_size", "512" }, { "name_len", "40" },
		{ "free", "local" }, { "work_bytes", "64" },
		{ "duration_ms", "200" }, { "rate", "0" },
	};
	static const char *const sums[] = { "ops", "allocs", "frees" };
	uint64_t total, sum, v, expect_ops_per_sec;
	struct swt_result r;
	char key[64], val[1024];
	int i, s, last_total;
	unsigned int k;

	SWT_SETU("allocs_per_op", 4);
	SWT_SETU("object_size", 128);
	SWT_SETU("data_size", 512);
	SWT_SETU("name_len", 40);
	SWT_SETU("work_bytes", 64);
	SWT_SET("cpus", self->online);
	run_ok(_metadata, 200, &r);
	check_clean(_metadata, &r, 4, "skb x4");

	check_stats_lines(_metadata);
	for (k = 0; k < ARRAY_SIZE(keys); k++) {
		EXPECT_EQ(1, swt_stat_count(stats, keys[k]))
			TH_LOG("key %s", keys[k]);
	}
	EXPECT_EQ(0, stat_pos("state")) TH_LOG("stats starts with state");
	expect_stat_str(_metadata, "stop_reason", "duration");

	/* The settings the run had */
	for (k = 0; k < ARRAY_SIZE(settings); k++)
		expect_stat_str(_metadata, settings[k].key, settings[k].val);
	ASSERT_EQ(0, swt_stat_str(stats, "cpus", val, sizeof(val)));
	EXPECT_TRUE(same_cpus(self->online, val)) TH_LOG("cpus %s", val);

	/* The knobs are copied at start: later writes do not show. */
	SWT_SETU("allocs_per_op", 3);
	ASSERT_EQ(0, swt_stats_read(stats, sizeof(stats)));
	expect_stat_str(_metadata, "allocs_per_op", "4");

	/* Per-CPU totals after the totals, summing to them */
	last_total = stat_pos("max_ns");
	for (s = 0; s < (int)ARRAY_SIZE(sums); s++) {
		ASSERT_EQ(0, swt_stat_u64(stats, sums[s], &total));
		sum = 0;
		for (i = 0; i < self->ncpus; i++) {
			snprintf(key, sizeof(key), "cpu%d.%s", self->cpu[i],
				 sums[s]);
			EXPECT_EQ(1, swt_stat_count(stats, key))
				TH_LOG("key %s", key);
			EXPECT_LT(last_total, stat_pos(key))
				TH_LOG("%s before the totals", key);
			if (!swt_stat_u64(stats, key, &v))
				sum += v;
		}
		EXPECT_EQ(total, sum) TH_LOG("per-CPU %s", sums[s]);
	}

	/* Derived values */
	EXPECT_LE(r.p50_ns, r.p90_ns);
	EXPECT_LE(r.p90_ns, r.p99_ns);
	EXPECT_LE(r.p99_ns, r.p999_ns);
	EXPECT_LE(r.p999_ns, r.max_ns);
	EXPECT_LT(0ULL, r.p50_ns);
	EXPECT_LT(0.0, r.alloc_share_pct);
	EXPECT_GE(100.0, r.alloc_share_pct);
	EXPECT_LT(0ULL, r.ns_per_op);
	EXPECT_LE(r.ns_per_alloc * 4, r.ns_per_op + 4);
	EXPECT_GE(r.ns_per_alloc * 4 + 4 + r.ns_per_op / 100, r.ns_per_op)
		TH_LOG("ns_per_alloc %" PRIu64 " ns_per_op %" PRIu64,
		       r.ns_per_alloc, r.ns_per_op);
	ASSERT_LT(0ULL, r.elapsed_ns);
	expect_ops_per_sec = (uint64_t)((double)r.ops * 1e9 / r.elapsed_ns);
	EXPECT_GE(expect_ops_per_sec / 50 + 1,
		  expect_ops_per_sec > r.ops_per_sec ?
		  expect_ops_per_sec - r.ops_per_sec :
		  r.ops_per_sec - expect_ops_per_sec)
		TH_LOG("ops_per_sec %" PRIu64 ", ops/elapsed %" PRIu64,
		       r.ops_per_sec, expect_ops_per_sec);
	EXPECT_LE(180000000ULL, r.elapsed_ns);

	/* A one-CPU run reports that CPU alone. */
	if (self->ncpus < 2)
		return;
	SWT_SET("cpus", self->first);
	run_ok(_metadata, 100, &r);
	snprintf(key, sizeof(key), "cpu%d.ops", self->cpu[0]);
	ASSERT_EQ(0, swt_stat_u64(stats, key, &v)) TH_LOG("no %s", key);
	EXPECT_EQ(r.ops, v);
	for (i = 1; i < self->ncpus; i++) {
		snprintf(key, sizeof(key), "cpu%d.ops", self->cpu[i]);
		if (!swt_stat_u64(stats, key, &v)) {
			EXPECT_EQ(0ULL, v) TH_LOG("%s in a run on CPU %d",
						  key, self->cpu[0]);
		}
	}
}

/* histogram: sorted log-linear buckets counting the operations not sampled. */
TEST_F_TIMEOUT(slabwall, histogram, SWT_TIMEOUT)
{
	static const struct {
		unsigned int per_million;
		const char *key;
	} pcts[] = {
		{ 500000, "p50_ns" }, { 900000, "p90_ns" },
		{ 990000, "p99_ns" }, { 999000, "p999_ns" },
	};
	uint64_t sum = 0, want, sampled, timed;
	struct swt_result r;
	const char *line;
	unsigned int k;
	ssize_t len;
	int n = 0;

	SWT_SET("cpus", self->online);
	run_ok(_metadata, 200, &r);
	len = swt_read_file(SWT_DIR "/histogram", hist, sizeof(hist));
	ASSERT_LT(0, len) TH_LOG("histogram: %s", strerror(-len));

	for (line = hist; *line; ) {
		size_t l = strcspn(line, "\n");
		struct hist_line *h = &hl[n];
		unsigned int idx;
		int used = 0;

		ASSERT_GT((int)HIST_BUCKETS, n)
			TH_LOG("more lines than buckets");
		ASSERT_EQ(3, sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64 "%n",
				    &h->lower, &h->upper, &h->count, &used))
			TH_LOG("bad line %d: %.*s", n, (int)l, line);
		EXPECT_EQ(l, (size_t)used)
			TH_LOG("trailing text on line %d: %.*s", n, (int)l,
			       line);
		EXPECT_LE(h->lower, h->upper) TH_LOG("line %d", n);
		EXPECT_LT(0ULL, h->count) TH_LOG("empty bucket on line %d", n);
		if (n) {
			EXPECT_LT(hl[n - 1].upper, h->lower)
				TH_LOG("line %d not after line %d", n, n - 1);
		}
		/* Bounds are the module's own bucket bounds. */
		idx = hist_index(h->lower);
		EXPECT_EQ(hist_lower(idx), h->lower) TH_LOG("line %d", n);
		EXPECT_EQ(hist_upper(idx), h->upper) TH_LOG("line %d", n);
		sum += h->count;
		n++;
		line += l;
		if (*line)
			line++;
	}
	SWT_MSG("%d buckets, %" PRIu64 " ops, max %" PRIu64 " ns", n, r.ops,
		r.max_ns);
	ASSERT_LT(0, n);
	/* Sampled operations read the clock more: they are left out. */
	ASSERT_EQ(0, swt_stat_u64(stats, "sampled_ops", &sampled));
	EXPECT_EQ(r.ops - sampled, sum);
	ASSERT_EQ(0, swt_stat_u64(stats, "timed_ops", &timed));
	EXPECT_EQ(timed, sum) TH_LOG("timed_ops is the histogram's count");
	EXPECT_LE(hl[n - 1].lower, r.max_ns) TH_LOG("max below the top bucket");
	EXPECT_GE(hl[n - 1].upper, r.max_ns) TH_LOG("max above the top bucket");
	for (k = 0; k < ARRAY_SIZE(pcts); k++) {
		uint64_t got;

		ASSERT_EQ(0, swt_stat_u64(stats, pcts[k].key, &got));
		want = hist_pct(n, sum, pcts[k].per_million, r.max_ns);
		EXPECT_EQ(want, got) TH_LOG("%s from the histogram",
					    pcts[k].key);
	}
}

/* The operations the histogram file counts, or -errno. */
static int64_t hist_count(void)
{
	ssize_t len = swt_read_file(SWT_DIR "/histogram", hist, sizeof(hist));
	uint64_t lower, upper, count;
	int64_t sum = 0;
	const char *line;

	if (len < 0)
		return len;
	for (line = hist; *line; line++) {
		if (sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64,
			   &lower, &upper, &count) != 3)
			return -EINVAL;
		sum += count;
		line = strchr(line, '\n');
		if (!line)
			break;
	}
	return sum;
}

/*
 * time_every N: each CPU clocks the first of every N operations it
 * completes, so timed_ops + sampled_ops is ceil(ops / N) per CPU; the
 * histogram counts timed_ops; every operation is still counted.
 */
TEST_F_TIMEOUT(slabwall, time_every, SWT_TIMEOUT)
{
	static const unsigned int every[] = { 1, 16, 256 };
	uint64_t timed, sampled, ops, v, clocked;
	char key[64], val[32];
	struct swt_result r;
	unsigned int k;
	int i;

	SWT_SET("pattern", "kmalloc");
	SWT_SETU("object_size", 64);
	SWT_SETU("allocs_per_op", 1);
	SWT_SET("cpus", self->online);
	for (k = 0; k < ARRAY_SIZE(every); k++) {
		SWT_SETU("time_every", every[k]);
		run_ok(_metadata, 200, &r);
		check_clean(_metadata, &r, 1, "time_every");
		expect_stat_str(_metadata, "time_every",
				(snprintf(val, sizeof(val), "%u", every[k]), val));
		ASSERT_EQ(0, swt_stat_u64(stats, "timed_ops", &timed));
		ASSERT_EQ(0, swt_stat_u64(stats, "sampled_ops", &sampled));
		SWT_MSG("time_every %u: ops %" PRIu64 " timed_ops %" PRIu64
			" sampled_ops %" PRIu64 " ns_per_op %" PRIu64,
			every[k], r.ops, timed, sampled, r.ns_per_op);
		EXPECT_LT(0ULL, timed);
		EXPECT_LT(0ULL, r.ns_per_op);
		EXPECT_EQ((int64_t)timed, hist_count())
			TH_LOG("time_every %u: histogram count", every[k]);
		clocked = 0;
		for (i = 0; i < self->ncpus; i++) {
			snprintf(key, sizeof(key), "cpu%d.ops", self->cpu[i]);
			ASSERT_EQ(0, swt_stat_u64(stats, key, &ops));
			snprintf(key, sizeof(key), "cpu%d.timed_ops",
				 self->cpu[i]);
			ASSERT_EQ(0, swt_stat_u64(stats, key, &v)) TH_LOG("%s", key);
			clocked = v;
			snprintf(key, sizeof(key), "cpu%d.sampled_ops",
				 self->cpu[i]);
			ASSERT_EQ(0, swt_stat_u64(stats, key, &v));
			clocked += v;
			EXPECT_EQ((ops + every[k] - 1) / every[k], clocked)
				TH_LOG("CPU %d, time_every %u: ops %" PRIu64,
				       self->cpu[i], every[k], ops);
		}
		EXPECT_LE(timed + sampled, r.ops);
	}
}

/* Bad values of time_every are refused and change nothing. */
TEST_F_TIMEOUT(slabwall, time_every_bad, SWT_TIMEOUT)
{
	static const char *const bad[] = { "0", "65537", "x", "-1", "16x", " " };
	uint64_t v;
	unsigned int k;
	int err;

	SWT_SETU("time_every", 16);
	for (k = 0; k < ARRAY_SIZE(bad); k++) {
		err = swt_knob_write("time_every", bad[k]);
		EXPECT_EQ(-EINVAL, err) TH_LOG("time_every <- \"%s\"", bad[k]);
		ASSERT_EQ(0, swt_get_u64("time_every", &v));
		EXPECT_EQ(16ULL, v) TH_LOG("after \"%s\"", bad[k]);
	}
	SWT_SETU("time_every", SW_MAX_TIME_EVERY);
	ASSERT_EQ(0, swt_get_u64("time_every", &v));
	EXPECT_EQ((uint64_t)SW_MAX_TIME_EVERY, v);
	/* reset puts the default back */
	ASSERT_EQ(0, swt_control("reset"));
	ASSERT_EQ(0, swt_get_u64("time_every", &v));
	EXPECT_EQ(1ULL, v);
}

TEST_HARNESS_MAIN
