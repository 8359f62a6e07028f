// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, the named caches and what each pattern allocates: cache
 * shapes, every pattern with local and remote free, long dentry names, size
 * edges, simulated work and the null operation.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/* Both named caches stay unmerged: a directory each, not an alias link. */
TEST_F_TIMEOUT(slabwall, caches_named, SWT_TIMEOUT)
{
	static const char *const caches[] = { SWT_CACHE_SKB, SWT_CACHE_DENTRY };
	char path[256], buf[64];
	unsigned int i;

	if (!swt_is_dir(SWT_SLAB_DIR))
		SKIP(return, "no %s (SLUB sysfs disabled)", SWT_SLAB_DIR);
	for (i = 0; i < ARRAY_SIZE(caches); i++) {
		cache_path(path, sizeof(path), caches[i], NULL);
		EXPECT_TRUE(swt_exists(path)) TH_LOG("%s missing", path);
		EXPECT_TRUE(swt_is_dir(path))
			TH_LOG("%s is not a directory (merged?)", path);
	}
	/* Loaded without mergeable=1 */
	if (swt_read_file("/sys/module/slabwall/parameters/mergeable", buf,
			  sizeof(buf)) > 0) {
		swt_trim(buf);
		EXPECT_TRUE(!strcmp(buf, "N") || !strcmp(buf, "0"))
			TH_LOG("mergeable reads %s", esc(buf));
	}
}

/*
 * The named caches have the shape of the kernel caches they copy: compare
 * with skbuff_head_cache and dentry where those have their own directory.
 */
TEST_F_TIMEOUT(slabwall, cache_shapes, SWT_TIMEOUT)
{
	static const char *const skb_attrs[] = {
		"object_size", "align", "usersize",
	};
	uint64_t mine, theirs;
	char path[256], buf[256];
	unsigned int i;
	int err;

	if (!swt_is_dir(SWT_SLAB_DIR))
		SKIP(return, "no %s (SLUB sysfs disabled)", SWT_SLAB_DIR);

	for (i = 0; i < ARRAY_SIZE(skb_attrs); i++) {
		err = swt_slab_attr(SWT_CACHE_SKB, skb_attrs[i], &mine);
		ASSERT_EQ(0, err) TH_LOG("%s/%s: %s", SWT_CACHE_SKB,
					 skb_attrs[i], strerror(-err));
		if (!swt_is_dir(SWT_SLAB_DIR "/skbuff_head_cache"))
			continue;
		ASSERT_EQ(0, swt_slab_attr("skbuff_head_cache", skb_attrs[i],
					   &theirs));
		EXPECT_EQ(theirs, mine) TH_LOG("%s", skb_attrs[i]);
	}

	err = swt_slab_attr(SWT_CACHE_DENTRY, "object_size", &mine);
	ASSERT_EQ(0, err);
	if (swt_is_dir(SWT_SLAB_DIR "/dentry")) {
		ASSERT_EQ(0, swt_slab_attr("dentry", "object_size", &theirs));
		EXPECT_EQ(theirs, mine) TH_LOG("dentry object_size");
	}
	err = swt_slab_attr(SWT_CACHE_DENTRY, "reclaim_account", &mine);
	if (!err) {
		EXPECT_EQ(1ULL, mine) TH_LOG("no SLAB_RECLAIM_ACCOUNT");
	}
	cache_path(path, sizeof(path), SWT_CACHE_DENTRY, "ctor");
	if (swt_read_file(path, buf, sizeof(buf)) >= 0) {
		EXPECT_STRNE("", swt_trim(buf)) TH_LOG("dentry has no ctor");
	}
}

/* Every pattern with local and remote free, on all online CPUs. */
TEST_F_TIMEOUT(slabwall, patterns, SWT_TIMEOUT)
{
	static const char *const patterns[] = { "skb", "dentry", "kmalloc" };
	static const char *const frees[] = { "local", "remote" };
	struct swt_result r;
	char what[64];
	unsigned int p, f;
	int err;

	for (p = 0; p < ARRAY_SIZE(patterns); p++) {
		for (f = 0; f < ARRAY_SIZE(frees); f++) {
			snprintf(what, sizeof(what), "%s/%s", patterns[p],
				 frees[f]);
			err = swt_control("reset");
			ASSERT_EQ(0, err) TH_LOG("reset: %s", strerror(-err));
			SWT_SET("pattern", patterns[p]);
			SWT_SET("free", frees[f]);
			SWT_SET("cpus", self->online);
			run_ok(_metadata, 200, &r);
			SWT_MSG("%s: ops %" PRIu64 " ns_per_op %" PRIu64
			       " remote_frees %" PRIu64, what, r.ops,
			       r.ns_per_op, r.remote_frees);
			check_clean(_metadata, &r, 8, what);
			expect_stat_str(_metadata, "pattern", patterns[p]);
			expect_stat_str(_metadata, "free", frees[f]);
			EXPECT_LE(180000000ULL, r.elapsed_ns) TH_LOG("%s", what);
			EXPECT_GE(r.frees, r.remote_frees) TH_LOG("%s", what);
			if (f == 0) {
				EXPECT_EQ(0ULL, r.remote_frees)
					TH_LOG("%s", what);
			} else if (self->ncpus >= 2) {
				EXPECT_LT(0ULL, r.remote_frees)
					TH_LOG("%s", what);
			} else {
				SWT_MSG("%s: 1 CPU, remote_frees not checked",
					what);
			}
		}
	}
}

/* Names over 32 bytes are kmalloc'd beside the dentry. */
TEST_F_TIMEOUT(slabwall, dentry_long_name, SWT_TIMEOUT)
{
	static const unsigned int lens[] = { 100, 255 };
	struct swt_result r;
	char what[32];
	unsigned int i;

	SWT_SET("pattern", "dentry");
	SWT_SET("cpus", self->online);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		snprintf(what, sizeof(what), "name_len %u", lens[i]);
		SWT_SETU("name_len", lens[i]);
		run_ok(_metadata, 200, &r);
		check_clean(_metadata, &r, 8, what);
		snprintf(what, sizeof(what), "%u", lens[i]);
		expect_stat_str(_metadata, "name_len", what);
	}
}

/* The ends of the size ranges run clean, page-allocator sizes included. */
TEST_F_TIMEOUT(slabwall, size_edges, SWT_TIMEOUT)
{
	static const struct {
		const char *pattern, *knob;
		unsigned int val;
	} cases[] = {
		{ "skb", "data_size", 0 },
		{ "skb", "data_size", 65536 },
		{ "kmalloc", "object_size", 8 },
		{ "kmalloc", "object_size", 65536 },
		{ "dentry", "name_len", 1 },
		{ "dentry", "name_len", 31 },
		{ "dentry", "name_len", 32 },
	};
	struct swt_result r;
	char what[64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(what, sizeof(what), "%s %s=%u", cases[i].pattern,
			 cases[i].knob, cases[i].val);
		ASSERT_EQ(0, swt_control("reset"));
		SWT_SET("pattern", cases[i].pattern);
		SWT_SETU(cases[i].knob, cases[i].val);
		run_ok(_metadata, 150, &r);
		check_clean(_metadata, &r, 8, what);
	}
}

/* Simulated processing makes an operation dearer. */
TEST_F_TIMEOUT(slabwall, work_bytes, SWT_TIMEOUT)
{
	struct swt_result r0, r1;

	SWT_SET("pattern", "kmalloc");
	SWT_SETU("object_size", 64);
	SWT_SETU("allocs_per_op", 1);
	SWT_SET("cpus", self->first);
	run_ok(_metadata, 200, &r0);
	check_clean(_metadata, &r0, 1, "work_bytes 0");
	SWT_SETU("work_bytes", 16384);
	run_ok(_metadata, 200, &r1);
	check_clean(_metadata, &r1, 1, "work_bytes 16384");
	expect_stat_str(_metadata, "work_bytes", "16384");
	SWT_MSG("ns_per_op: work_bytes 0: %" PRIu64 ", 16384: %" PRIu64,
		r0.ns_per_op, r1.ns_per_op);
	EXPECT_LT(r0.ns_per_op, r1.ns_per_op);
}

/* allocs_per_op 0 measures the harness alone. */
TEST_F_TIMEOUT(slabwall, null_op, SWT_TIMEOUT)
{
	struct swt_result r;

	SWT_SETU("allocs_per_op", 0);
	SWT_SET("cpus", self->online);
	run_ok(_metadata, 200, &r);
	SWT_MSG("null op: ops %" PRIu64 " ns_per_op %" PRIu64, r.ops,
		r.ns_per_op);
	EXPECT_LT(0ULL, r.ops);
	EXPECT_EQ(0ULL, r.allocs);
	EXPECT_EQ(0ULL, r.frees);
	EXPECT_EQ(0ULL, r.alloc_failures);
	EXPECT_EQ(0ULL, r.ns_per_alloc);
	EXPECT_LT(0ULL, r.ns_per_op);
}

TEST_HARNESS_MAIN
