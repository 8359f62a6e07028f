/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every slabwall selftest program shares: the kselftest harness, the
 * "slabwall" fixture (module loaded, knobs reset, the online CPUs), and
 * checks built on the harness's EXPECT/ASSERT.  The helpers without the
 * harness are in sw_util.h.
 *
 * Runs as root inside the test VM with debugfs at /sys/kernel/debug and the
 * module loaded.  The VM is an emulated 2-CPU guest, many times slower than
 * hardware, so every run is kept to a few hundred milliseconds.
 *
 * Every test starts from "reset" (fixture setup).  Tests that reload the
 * module leave it loaded.
 *
 * Each program includes this once: the harness keeps its list of tests
 * per program, and a helper a program does not use is __maybe_unused.
 */
#ifndef SW_TEST_H
#define SW_TEST_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

/* The harness has an unused handler parameter; keep -Wextra quiet. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop
/*
 * TEST_F()'s wrapper sets a local between setjmp() and longjmp(); that is
 * the harness's business, not this file's.
 */
#pragma GCC diagnostic ignored "-Wclobbered"
#include "sw_util.h"

/* The module's bucket layout, to check the histogram file against. */
typedef uint64_t hist_u64;
#include "hist_buckets.h"

#define SWT_TIMEOUT		120	/* seconds, per test */
#define SWT_RELOAD_TIMEOUT	300

#ifndef __maybe_unused
#define __maybe_unused __attribute__((unused))
#endif

static char stats[SWT_STATS_MAX] __maybe_unused;
static char hist[SWT_HIST_MAX] __maybe_unused;

/*
 * Note: EXPECT_*() and ASSERT_*() expand to more than one statement, so an
 * if, else or for around them needs braces even for a single check.
 */

/* A "# " diagnostic line in the KTAP stream (the test exits with _exit). */
#define SWT_MSG(fmt, ...) do {						\
	ksft_print_msg(fmt "\n", ##__VA_ARGS__);			\
	fflush(stdout);							\
} while (0)

#define SWT_SET(knob, val) do {						\
	int __err = swt_set(knob, val);					\
	ASSERT_EQ(0, __err)						\
		TH_LOG("%s <- %s: %s", knob, val, strerror(-__err));	\
} while (0)

#define SWT_SETU(knob, val) do {						\
	uint64_t __val = (val);						\
	int __err = swt_set_u64(knob, __val);				\
	ASSERT_EQ(0, __err)						\
		TH_LOG("%s <- %" PRIu64 ": %s", knob, __val,		\
		       strerror(-__err));				\
} while (0)

/* Printable form of a written value, for the logs. */
static __maybe_unused const char *esc(const char *s)
{
	static char bufs[4][160];
	static unsigned int slot;
	char *out = bufs[slot++ % 4];
	size_t n = 0;

	out[n++] = '"';
	for (; *s && n < 150; s++) {
		if (*s == '\n' || *s == '\t') {
			out[n++] = '\\';
			out[n++] = *s == '\n' ? 'n' : 't';
		} else {
			out[n++] = *s;
		}
	}
	out[n++] = '"';
	out[n] = '\0';
	return out;
}

static bool __maybe_unused same_cpus(const char *a, const char *b)
{
	static bool sa[SWT_MAX_CPUS], sb[SWT_MAX_CPUS];
	int na = swt_parse_cpulist(a, sa, SWT_MAX_CPUS);
	int nb = swt_parse_cpulist(b, sb, SWT_MAX_CPUS);

	return na > 0 && na == nb && !memcmp(sa, sb, sizeof(sa));
}

static void __maybe_unused cache_path(char *buf, size_t size, const char *cache,
				      const char *attr)
{
	if (attr)
		snprintf(buf, size, "%s/%s/%s", SWT_SLAB_DIR, cache, attr);
	else
		snprintf(buf, size, "%s/%s", SWT_SLAB_DIR, cache);
}

/* Read a knob or fail. */
static void __maybe_unused get_knob(struct __test_metadata *_metadata,
				    const char *knob, char *buf, size_t size)
{
	int err = swt_get(knob, buf, size);

	ASSERT_EQ(0, err) TH_LOG("read %s: %s", knob, strerror(-err));
}

static void __maybe_unused expect_state(struct __test_metadata *_metadata,
					const char *want)
{
	char state[32];

	get_knob(_metadata, "control", state, sizeof(state));
	EXPECT_STREQ(want, state);
}

/* Read and parse the stats of the last run. */
static void __maybe_unused read_result(struct __test_metadata *_metadata,
				       struct swt_result *r)
{
	const char *missing;
	int err;

	err = swt_stats_read(stats, sizeof(stats));
	ASSERT_EQ(0, err) TH_LOG("read stats: %s", strerror(-err));
	err = swt_result_parse(stats, r, &missing);
	ASSERT_EQ(0, err)
		TH_LOG("stats key %s: %s", missing, strerror(-err));
}

/* One run of @ms with the knobs as set; leaves its stats in stats[]. */
static void __maybe_unused run_ok(struct __test_metadata *_metadata,
				  unsigned int ms, struct swt_result *r)
{
	int err = swt_run(ms);

	ASSERT_EQ(0, err) TH_LOG("run of %u ms: %s", ms, strerror(-err));
	read_result(_metadata, r);
	EXPECT_STREQ("done", r->state);
}

/* What every finished run must satisfy. */
static void __maybe_unused check_clean(struct __test_metadata *_metadata,
				       const struct swt_result *r,
				       uint64_t allocs_per_op, const char *what)
{
	EXPECT_LT(0ULL, r->ops) TH_LOG("%s: no operation completed", what);
	EXPECT_EQ(r->allocs, r->frees)
		TH_LOG("%s: allocs %" PRIu64 " != frees %" PRIu64, what,
		       r->allocs, r->frees);
	EXPECT_EQ(0ULL, r->alloc_failures) TH_LOG("%s", what);
	EXPECT_EQ(r->ops * allocs_per_op, r->allocs)
		TH_LOG("%s: ops %" PRIu64 " * %" PRIu64 " != allocs %" PRIu64,
		       what, r->ops, allocs_per_op, r->allocs);
}

static void __maybe_unused expect_stat_str(struct __test_metadata *_metadata,
					   const char *key, const char *want)
{
	char val[256];
	int err = swt_stat_str(stats, key, val, sizeof(val));

	EXPECT_EQ(0, err) TH_LOG("stats has no %s", key);
	if (!err) {
		EXPECT_STREQ(want, val) TH_LOG("stats %s", key);
	}
}

FIXTURE(slabwall) {
	int ncpus;
	int cpu[SWT_MAX_CPUS];	/* online CPUs, ascending */
	char online[1024];	/* /sys/devices/system/cpu/online */
	char first[16];		/* the lowest online CPU as a cpulist */
	char two[32];		/* the two lowest online CPUs, if there are */
};

FIXTURE_SETUP(slabwall)
{
	char buf[1024];
	ssize_t n;
	int err;

	if (geteuid())
		SKIP(return, "must run as root");
	if (!swt_loaded()) {
		TH_LOG("%s missing, loading %s", SWT_DIR, swt_ko_path());
		err = swt_insmod();
		ASSERT_EQ(0, err)
			TH_LOG("insmod %s: %s", swt_ko_path(), strerror(-err));
	}
	ASSERT_TRUE(swt_loaded()) TH_LOG("no %s/control", SWT_DIR);
	/* A run left by an earlier, killed test; harmless otherwise. */
	swt_control("stop");
	err = swt_control("reset");
	ASSERT_EQ(0, err) TH_LOG("reset: %s", strerror(-err));

	self->ncpus = swt_online_cpus(self->cpu, SWT_MAX_CPUS);
	ASSERT_LT(0, self->ncpus) TH_LOG("cannot parse %s", SWT_CPU_ONLINE);
	n = swt_read_file(SWT_CPU_ONLINE, buf, sizeof(buf));
	ASSERT_LT(0, n);
	snprintf(self->online, sizeof(self->online), "%s", swt_trim(buf));
	snprintf(self->first, sizeof(self->first), "%d", self->cpu[0]);
	if (self->ncpus >= 2)
		snprintf(self->two, sizeof(self->two), "%d,%d",
			 self->cpu[0], self->cpu[1]);
}

FIXTURE_TEARDOWN(slabwall)
{
	/* Leave no run going behind a failed test. */
	if (swt_loaded())
		swt_control("stop");
}

static void __maybe_unused shrink_to_zero(struct __test_metadata *_metadata,
					  const char *cache)
{
	char path[256];
	uint64_t objs = ~0ULL;
	int i, err;

	cache_path(path, sizeof(path), cache, "shrink");
	ASSERT_TRUE(swt_exists(path)) TH_LOG("%s missing", path);
	for (i = 0; i < 10; i++) {
		err = swt_write_str(path, "1");
		ASSERT_EQ(0, err) TH_LOG("%s: %s", path, strerror(-err));
		err = swt_slab_attr(cache, "objects", &objs);
		ASSERT_EQ(0, err) TH_LOG("%s objects: %s", cache,
					 strerror(-err));
		if (!objs)
			break;
		swt_sleep_ms(50);
	}
	EXPECT_EQ(0ULL, objs) TH_LOG("%s keeps objects after shrink", cache);
}

struct hist_line {
	uint64_t lower, upper, count;
};

static struct hist_line hl[HIST_BUCKETS] __maybe_unused;

/* The percentile the module reports: bucket upper bound, capped at max. */
static uint64_t __maybe_unused hist_pct(int n, uint64_t total,
					unsigned int per_million, uint64_t max)
{
	uint64_t rank = (total * per_million + 999999) / 1000000, seen = 0;
	int i;

	if (!rank)
		rank = 1;
	for (i = 0; i < n; i++) {
		seen += hl[i].count;
		if (seen >= rank)
			return hl[i].upper < max ? hl[i].upper : max;
	}
	return max;
}

/* The kmalloc-64 point at one object per operation on the first CPU. */
static void __maybe_unused small_point(struct __test_metadata *_metadata,
				       const char *cpu)
{
	SWT_SET("pattern", "kmalloc");
	SWT_SETU("object_size", 64);
	SWT_SETU("allocs_per_op", 1);
	SWT_SET("cpus", cpu);
}

/* Wait up to @ms for @path to (dis)appear. */
static bool __maybe_unused wait_exists(const char *path, bool want, int ms)
{
	int64_t deadline = swt_now_ms() + ms;

	while (swt_exists(path) != want) {
		if (swt_now_ms() > deadline)
			return false;
		swt_sleep_ms(10);
	}
	return true;
}

static void __maybe_unused check_unloaded(struct __test_metadata *_metadata)
{
	EXPECT_FALSE(swt_exists(SWT_DIR)) TH_LOG("%s still there", SWT_DIR);
	if (!swt_is_dir(SWT_SLAB_DIR))
		return;
	EXPECT_TRUE(wait_exists(SWT_SLAB_DIR "/" SWT_CACHE_SKB, false, 2000))
		TH_LOG("%s outlives the module", SWT_CACHE_SKB);
	EXPECT_TRUE(wait_exists(SWT_SLAB_DIR "/" SWT_CACHE_DENTRY, false, 2000))
		TH_LOG("%s outlives the module", SWT_CACHE_DENTRY);
}

static void __maybe_unused load_ok(struct __test_metadata *_metadata)
{
	char val[64];
	int err;

	err = swt_insmod();
	ASSERT_EQ(0, err) TH_LOG("insmod %s: %s", swt_ko_path(), strerror(-err));
	ASSERT_TRUE(swt_loaded()) TH_LOG("%s missing after insmod", SWT_DIR);
	expect_state(_metadata, "idle");
	get_knob(_metadata, "pattern", val, sizeof(val));
	EXPECT_STREQ("skb", val);
	if (!swt_is_dir(SWT_SLAB_DIR))
		return;
	EXPECT_TRUE(swt_is_dir(SWT_SLAB_DIR "/" SWT_CACHE_SKB));
	EXPECT_TRUE(swt_is_dir(SWT_SLAB_DIR "/" SWT_CACHE_DENTRY));
}

#endif /* SW_TEST_H */
