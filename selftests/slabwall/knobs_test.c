// SPDX-License-Identifier: GPL-2.0
/*
 * The knobs against module/uapi/slabwall.h, the list the module makes
 * them from: for every knob of the list its file exists, reads back its
 * default after reset, takes its minimum and maximum, refuses one past
 * the maximum (or an unknown word) with EINVAL and changes nothing, and
 * a word knob reads back every word, the current one in brackets.  A
 * knob added to the header without its file, or a default or range that
 * drifts from it, fails here.  Also the caches file: the caches it names
 * are the ones /sys/kernel/slab shows, at their object sizes.
 *
 * Runs as root in the test VM with the module loaded; no run is longer
 * than a few tens of milliseconds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The harness has an unused handler parameter; keep -Wextra quiet. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop
#pragma GCC diagnostic ignored "-Wclobbered"
#include "sw_util.h"
#include "uapi/slabwall.h"

#define KT_TIMEOUT	120	/* seconds, per test */

/* The file as it reads, trimmed, or "" when it cannot be read. */
static const char *raw(const char *name, char *buf, size_t size)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", SWT_DIR, name);
	if (swt_read_file(path, buf, size) < 0)
		buf[0] = '\0';
	return swt_trim(buf);
}

FIXTURE(knobs) {
	int unused;
};

FIXTURE_SETUP(knobs)
{
	int err;

	if (geteuid())
		SKIP(return, "must run as root");
	if (!swt_loaded()) {
		err = swt_insmod();
		ASSERT_EQ(0, err)
			TH_LOG("insmod %s: %s", swt_ko_path(), strerror(-err));
	}
	swt_control("stop");
	err = swt_control("reset");
	ASSERT_EQ(0, err) TH_LOG("reset: %s", strerror(-err));
}

FIXTURE_TEARDOWN(knobs)
{
	if (swt_loaded())
		swt_control("reset");
}

/* Every knob of the header has its file, at its default after reset. */
TEST_F_TIMEOUT(knobs, every_knob_at_its_default, KT_TIMEOUT)
{
	char path[256], got[4096], want[4096];
	unsigned int i;

	for (i = 0; i < SW_NR_KNOBS; i++) {
		snprintf(path, sizeof(path), "%s/%s", SWT_DIR,
			 swt_knobs[i].name);
		EXPECT_TRUE(swt_exists(path)) TH_LOG("no %s", path);
		EXPECT_STREQ(swt_knob_default(&swt_knobs[i], want, sizeof(want)),
			     raw(swt_knobs[i].name, got, sizeof(got)))
			TH_LOG("%s after reset", swt_knobs[i].name);
	}
	/* ... and back there after a change and another reset. */
	ASSERT_EQ(0, swt_set("pattern",
				   swt_knobs[SW_KNOB_pattern].words[SW_PAT_dentry]));
	ASSERT_EQ(0, swt_set_u64("allocs_per_op", SW_MAX_ALLOCS));
	ASSERT_EQ(0, swt_control("reset"));
	EXPECT_STREQ(swt_knob_default(&swt_knobs[SW_KNOB_pattern], want,
				      sizeof(want)),
		     raw("pattern", got, sizeof(got)));
	EXPECT_STREQ(swt_knob_default(&swt_knobs[SW_KNOB_allocs_per_op], want,
				      sizeof(want)),
		     raw("allocs_per_op", got, sizeof(got)));
}

/*
 * Every number knob takes its minimum and maximum and refuses one past
 * the maximum (and one below a non-zero minimum) with EINVAL, leaving
 * the value it had.
 */
TEST_F_TIMEOUT(knobs, number_ranges, KT_TIMEOUT)
{
	char got[64], want[64];
	unsigned int i;

	for (i = 0; i < SW_NR_KNOBS; i++) {
		const struct swt_knob *k = &swt_knobs[i];

		if (k->kind != SW_KNOB_NUMBER)
			continue;
		EXPECT_EQ(0, swt_set_u64(k->name, k->min)) TH_LOG("%s min", k->name);
		snprintf(want, sizeof(want), "%" PRIu64, k->min);
		EXPECT_STREQ(want, raw(k->name, got, sizeof(got)));
		EXPECT_EQ(0, swt_set_u64(k->name, k->max)) TH_LOG("%s max", k->name);
		snprintf(want, sizeof(want), "%" PRIu64, k->max);
		EXPECT_STREQ(want, raw(k->name, got, sizeof(got)));

		EXPECT_EQ(-EINVAL, swt_set_u64(k->name, k->max + 1))
			TH_LOG("%s <- max + 1", k->name);
		EXPECT_STREQ(want, raw(k->name, got, sizeof(got)))
			TH_LOG("%s changed by a refused write", k->name);
		if (k->min) {
			EXPECT_EQ(-EINVAL, swt_set_u64(k->name, k->min - 1))
				TH_LOG("%s <- min - 1", k->name);
			EXPECT_STREQ(want, raw(k->name, got, sizeof(got)));
		}
		ASSERT_EQ(0, swt_control("reset"));
	}
}

/*
 * Every word of a word knob is taken (written bare) and reads back in
 * brackets among all the words; an unknown word, or the bracket form
 * itself, is refused with EINVAL and changes nothing.
 */
TEST_F_TIMEOUT(knobs, words_read_back_in_brackets, KT_TIMEOUT)
{
	char got[512], want[512], word[512];
	unsigned int i;
	uint64_t w;

	for (i = 0; i < SW_NR_KNOBS; i++) {
		const struct swt_knob *k = &swt_knobs[i];

		if (k->kind != SW_KNOB_WORD)
			continue;
		for (w = k->min; w <= k->max; w++) {
			/* bulk refuses kmalloc: a strategy is tried on skb. */
			ASSERT_EQ(0, swt_control("reset"));
			EXPECT_EQ(0, swt_set(k->name, k->words[w]))
				TH_LOG("%s <- %s", k->name, k->words[w]);
			EXPECT_STREQ(swt_knob_bracketed(k, w, want, sizeof(want)),
				     raw(k->name, got, sizeof(got)));
			ASSERT_EQ(0, swt_get(k->name, word, sizeof(word)));
			EXPECT_STREQ(k->words[w], word);

			snprintf(word, sizeof(word), "%sx", k->words[w]);
			EXPECT_EQ(-EINVAL, swt_set(k->name, word))
				TH_LOG("%s <- %s", k->name, word);
			EXPECT_EQ(-EINVAL, swt_set(k->name, want))
				TH_LOG("%s <- its own read-back %s", k->name, want);
			EXPECT_STREQ(want, raw(k->name, got, sizeof(got)))
				TH_LOG("%s changed by a refused write", k->name);
		}
	}
}

/* The cpulist knob: a CPU past the last possible one is refused. */
TEST_F_TIMEOUT(knobs, cpus_refuses_unknown_cpu, KT_TIMEOUT)
{
	char before[1024], after[1024];

	raw("cpus", before, sizeof(before));
	EXPECT_EQ(-EINVAL, swt_set("cpus", "100000"));
	EXPECT_EQ(-EINVAL, swt_set("cpus", "x"));
	EXPECT_STREQ(before, raw("cpus", after, sizeof(after)));
}

/* "name size" lines of the caches file into @names and @sizes. */
static int read_caches(char names[][64], uint64_t *sizes, int max)
{
	char buf[1024], *line, *save = NULL;
	int n = 0;

	raw("caches", buf, sizeof(buf));
	for (line = strtok_r(buf, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "%63s %" SCNu64, names[n], &sizes[n]) == 2)
			n++;
	return n;
}

/* Each cache named is in /sys/kernel/slab with that object_size. */
static void check_caches_exist(struct __test_metadata *_metadata,
			       char names[][64], uint64_t *sizes, int n)
{
	uint64_t size;
	int i;

	if (!swt_is_dir(SWT_SLAB_DIR))
		return;
	for (i = 0; i < n; i++) {
		EXPECT_EQ(0, swt_slab_attr(names[i], "object_size", &size))
			TH_LOG("cache %s is not in %s", names[i], SWT_SLAB_DIR);
		EXPECT_EQ(sizes[i], size) TH_LOG("object_size of %s", names[i]);
	}
}

/*
 * caches names what a run of the current knobs allocates from: the
 * pattern's own cache first, then the kmalloc class of its buffer, none
 * when there is no buffer or it is above the kmalloc caches; stats shows
 * the same for the run as cacheN and cacheN_size.
 */
TEST_F_TIMEOUT(knobs, caches_file, KT_TIMEOUT)
{
	char names[4][64], key[32], val[64];
	static char stats[SWT_STATS_MAX];
	uint64_t sizes[4], v;
	int n, i;

	n = read_caches(names, sizes, 4);
	ASSERT_EQ(2, n) TH_LOG("skb with a data buffer: head and buffer");
	EXPECT_STREQ(SWT_CACHE_SKB, names[0]);
	EXPECT_EQ(0, strncmp(names[1], "kmalloc-", 8)) TH_LOG("%s", names[1]);
	check_caches_exist(_metadata, names, sizes, n);

	ASSERT_EQ(0, swt_set_u64("data_size", 0));
	EXPECT_EQ(1, read_caches(names, sizes, 4)) TH_LOG("skb without data");

	ASSERT_EQ(0, swt_set("pattern", "dentry"));
	n = read_caches(names, sizes, 4);
	EXPECT_EQ(1, n) TH_LOG("a short name lives in the dentry");
	EXPECT_STREQ(SWT_CACHE_DENTRY, names[0]);
	ASSERT_EQ(0, swt_set_u64("name_len", SW_MAX_NAME_LEN));
	n = read_caches(names, sizes, 4);
	EXPECT_EQ(2, n) TH_LOG("a long name is kmalloc'd");
	check_caches_exist(_metadata, names, sizes, n);

	ASSERT_EQ(0, swt_set("pattern", "kmalloc"));
	ASSERT_EQ(0, swt_set_u64("object_size", 100));
	n = read_caches(names, sizes, 4);
	ASSERT_EQ(1, n);
	EXPECT_LE(100ULL, sizes[0]);
	check_caches_exist(_metadata, names, sizes, n);
	ASSERT_EQ(0, swt_set_u64("object_size", SW_MAX_SIZE));
	EXPECT_EQ(0, read_caches(names, sizes, 4))
		TH_LOG("64 KiB comes from the page allocator");

	/* The last run's caches in stats, as the file said before it. */
	ASSERT_EQ(0, swt_set_u64("object_size", 100));
	ASSERT_EQ(0, swt_set_u64("duration_ms", 20));
	ASSERT_EQ(0, swt_set_u64("allocs_per_op", 1));
	n = read_caches(names, sizes, 4);
	ASSERT_EQ(0, swt_run(20));
	ASSERT_EQ(0, swt_stats_read(stats, sizeof(stats)));
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "cache%d", i);
		ASSERT_EQ(0, swt_stat_str(stats, key, val, sizeof(val)))
			TH_LOG("stats has no %s", key);
		EXPECT_STREQ(names[i], val);
		snprintf(key, sizeof(key), "cache%d_size", i);
		ASSERT_EQ(0, swt_stat_u64(stats, key, &v));
		EXPECT_EQ(sizes[i], v);
	}
	snprintf(key, sizeof(key), "cache%d", n);
	EXPECT_EQ(0, swt_stat_count(stats, key));
}

/* stats shows every knob of the header, once (mem_limit_kb was missing). */
TEST_F_TIMEOUT(knobs, stats_shows_every_knob, KT_TIMEOUT)
{
	static char stats[SWT_STATS_MAX];
	unsigned int i;

	ASSERT_EQ(0, swt_stats_read(stats, sizeof(stats)));
	for (i = 0; i < SW_NR_KNOBS; i++) {
		const char *key = swt_knobs[i].name;

		EXPECT_EQ(1, swt_stat_count(stats, key))
			TH_LOG("stats key %s", key ? key : "(none)");
	}
}

TEST_HARNESS_MAIN
