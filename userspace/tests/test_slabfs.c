// SPDX-License-Identifier: GPL-2.0
/* slabfs and meminfo against fake /sys/kernel/slab trees and meminfo files. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakefs.h"
#include "meminfo.h"
#include "slabfs.h"

/* A cache as a 6.12+ kernel shows it: every attribute, two NUMA nodes. */
static void make_full_cache(const char *root, const char *dir)
{
	static const struct {
		const char *file, *content;
	} attrs[] = {
		{ "object_size", "192\n" },
		{ "slab_size", "192\n" },
		{ "objs_per_slab", "21\n" },
		{ "order", "1\n" },
		{ "align", "8\n" },
		{ "usersize", "40\n" },
		{ "objects", "130473 N0=130000 N1=473\n" },
		{ "total_objects", "130494 N0=130021 N1=473\n" },
		{ "objects_partial", "17 N0=17\n" },
		{ "slabs", "6214 N0=6191 N1=23\n" },
		{ "partial", "3 N0=3\n" },
		{ "cpu_slabs", "2 C0=1 C1=1\n" },
		{ "slabs_cpu_partial", "21(2) C0=21(2)\n" },
		{ "cpu_partial", "120\n" },
		{ "min_partial", "5\n" },
		{ "remote_node_defrag_ratio", "100\n" },
		{ "sheaf_capacity", "0\n" },
		{ "aliases", "0\n" },
		{ "reclaim_account", "1\n" },
		{ "hwcache_align", "0\n" },
		{ "destroy_by_rcu", "0\n" },
		{ "cache_dma", "0\n" },
		{ "poison", "0\n" },
		{ "red_zone", "0\n" },
		{ "store_user", "0\n" },
		{ "sanity_checks", "0\n" },
		{ "trace", "0\n" },
		{ "ctor", "dentry_ctor+0x0/0x20 [slabwall]\n" },
		{ "shrink", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		fake_write_in(root, dir, attrs[i].file, attrs[i].content);
}

/* A cache as an older kernel shows it: no sheaves, no ctor file, no cpu_slabs. */
static void make_sparse_cache(const char *root, const char *dir)
{
	fake_write_in(root, dir, "object_size", "256\n");
	fake_write_in(root, dir, "order", "0\n");
	fake_write_in(root, dir, "slabs", "10 N0=10\n");
	fake_write_in(root, dir, "objects", "0 N0=0\n");
	fake_write_in(root, dir, "partial", "0\n");
}

static void test_reads_every_attribute(void **state)
{
	const char *root = *state;
	struct sf_cache c;
	struct swerr e;

	make_full_cache(root, "slabwall_dentry");
	assert_int_equal(sf_read_cache(root, "slabwall_dentry", &c, &e), 0);
	assert_string_equal(c.name, "slabwall_dentry");
	assert_string_equal(c.real, "slabwall_dentry");
	assert_false(c.is_alias);

	assert_true(c.object_size.present);
	assert_int_equal(c.object_size.v, 192);
	assert_int_equal(c.objs_per_slab.v, 21);
	assert_int_equal(c.order.v, 1);
	assert_int_equal(c.usersize.v, 40);
	/* The total, not a node's count. */
	assert_int_equal(c.objects.v, 130473);
	assert_int_equal(c.total_objects.v, 130494);
	assert_int_equal(c.slabs.v, 6214);
	assert_int_equal(c.partial.v, 3);
	assert_int_equal(c.objects_partial.v, 17);
	assert_int_equal(c.cpu_slabs.v, 2);
	assert_true(c.cpu_partial_objects.present);
	assert_int_equal(c.cpu_partial_objects.v, 21);
	assert_int_equal(c.cpu_partial_slabs.v, 2);
	assert_int_equal(c.cpu_partial.v, 120);
	assert_int_equal(c.min_partial.v, 5);
	assert_true(c.sheaf_capacity.present);
	assert_int_equal(c.reclaim_account.v, 1);
	assert_true(c.hwcache_align.present);
	assert_int_equal(c.hwcache_align.v, 0);
	assert_true(c.ctor_present);
	assert_string_equal(c.ctor, "dentry_ctor+0x0/0x20 [slabwall]");
}

static void test_missing_attributes_are_absent(void **state)
{
	const char *root = *state;
	struct sf_cache c;
	struct swerr e;

	make_sparse_cache(root, "old_kernel_cache");
	assert_int_equal(sf_read_cache(root, "old_kernel_cache", &c, &e), 0);
	assert_true(c.object_size.present);
	assert_int_equal(c.object_size.v, 256);
	assert_true(c.slabs.present);
	assert_false(c.sheaf_capacity.present);
	assert_false(c.cpu_slabs.present);
	assert_false(c.cpu_partial.present);
	assert_false(c.cpu_partial_objects.present);
	assert_false(c.cpu_partial_slabs.present);
	assert_false(c.total_objects.present);
	assert_false(c.aliases.present);
	assert_false(c.ctor_present);
	assert_string_equal(c.ctor, "");
}

static void test_empty_ctor_means_none(void **state)
{
	const char *root = *state;
	struct sf_cache c;

	make_sparse_cache(root, "kmalloc-64");
	fake_write(root, "kmalloc-64/ctor", "\n");
	assert_int_equal(sf_read_cache(root, "kmalloc-64", &c, NULL), 0);
	assert_true(c.ctor_present);
	assert_string_equal(c.ctor, "");
}

static void test_alias_resolves_to_merged_cache(void **state)
{
	const char *root = *state;
	char real[NAME_MAX + 1], target[512];
	struct sf_cache c;
	bool alias = true;

	make_full_cache(root, ":0000256");
	fake_symlink(root, "slabwall_skbuff_head", ":0000256");

	assert_int_equal(sf_read_cache(root, "slabwall_skbuff_head", &c, NULL), 0);
	assert_string_equal(c.name, "slabwall_skbuff_head");
	assert_string_equal(c.real, ":0000256");
	assert_true(c.is_alias);
	assert_int_equal(c.objects.v, 130473);

	/* The merged cache's own directory is not an alias. */
	assert_int_equal(sf_resolve(root, ":0000256", real, sizeof(real),
				    &alias, NULL), 0);
	assert_string_equal(real, ":0000256");
	assert_false(alias);

	/* sysfs links may carry a path: only the last part names the cache. */
	snprintf(target, sizeof(target), "../%s/:0000256", strrchr(root, '/') + 1);
	fake_symlink(root, "other_name", target);
	assert_int_equal(sf_resolve(root, "other_name", real, sizeof(real),
				    &alias, NULL), 0);
	assert_string_equal(real, ":0000256");
	assert_true(alias);
}

static void test_bad_names_and_missing_caches(void **state)
{
	const char *root = *state;
	struct sf_cache c;
	struct swerr e;

	assert_int_equal(sf_read_cache(root, "no_such_cache", &c, &e), -ENOENT);
	assert_non_null(strstr(e.msg, "no_such_cache"));
	assert_non_null(strstr(e.msg, root));
	assert_false(sf_cache_exists(root, "no_such_cache"));

	assert_int_equal(sf_read_cache(root, "../etc", &c, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "../etc"));
	assert_int_equal(sf_read_cache(root, "", &c, &e), -EINVAL);

	fake_symlink(root, "dangling", ":gone");
	assert_int_equal(sf_read_cache(root, "dangling", &c, &e), -ENOENT);
	assert_non_null(strstr(e.msg, ":gone"));

	fake_write(root, "plain_file", "1\n");
	assert_int_equal(sf_read_cache(root, "plain_file", &c, &e), -ENOTDIR);
}

static void test_garbled_number_names_file_and_value(void **state)
{
	const char *root = *state;
	struct sf_cache c;
	struct swerr e;

	make_sparse_cache(root, "garbled");
	fake_write(root, "garbled/objects", "12x N0=12\n");
	assert_int_equal(sf_read_cache(root, "garbled", &c, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "garbled/objects"));
	assert_non_null(strstr(e.msg, "\"12x N0=12\""));

	make_sparse_cache(root, "garbled2");
	fake_write(root, "garbled2/slabs_cpu_partial", "21 C0=21\n");
	assert_int_equal(sf_read_cache(root, "garbled2", &c, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "garbled2/slabs_cpu_partial"));

	make_sparse_cache(root, "negative");
	fake_write(root, "negative/order", "-1\n");
	assert_int_equal(sf_read_cache(root, "negative", &c, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "\"-1\""));
}

static void test_derived_memory(void **state)
{
	const char *root = *state;
	struct sf_cache c;
	struct sf_mem m;

	make_full_cache(root, "d");
	assert_int_equal(sf_read_cache(root, "d", &c, NULL), 0);
	/* 6214 slabs of order 1 with 4 KiB pages. */
	sf_memory(&c, 4096, &m);
	assert_int_equal(m.page_size, 4096);
	assert_true(m.have_slab_bytes);
	assert_int_equal(m.slab_bytes, 6214ULL * 8192);
	assert_true(m.have_per_object);
	assert_float_equal(m.bytes_per_object, 6214.0 * 8192 / 130473, 1e-9);
	assert_true(m.have_loss);
	assert_int_equal(m.loss_bytes, 6214LL * 8192 - 130473LL * 192);
	assert_true(m.have_partial_share);
	assert_float_equal(m.partial_share, 3.0 / 6214, 1e-12);

	/* Page size from sysconf when not given. */
	sf_memory(&c, 0, &m);
	assert_int_equal(m.page_size, sysconf(_SC_PAGESIZE));
	assert_int_equal(m.slab_bytes,
			 6214ULL * ((uint64_t)sysconf(_SC_PAGESIZE) << 1));
}

static void test_derived_memory_with_gaps(void **state)
{
	const char *root = *state;
	struct sf_cache c;
	struct sf_mem m;

	/* No objects alive: no per-object figure, loss is the whole slab. */
	make_sparse_cache(root, "empty");
	assert_int_equal(sf_read_cache(root, "empty", &c, NULL), 0);
	sf_memory(&c, 4096, &m);
	assert_true(m.have_slab_bytes);
	assert_int_equal(m.slab_bytes, 10 * 4096);
	assert_false(m.have_per_object);
	assert_true(m.have_loss);
	assert_int_equal(m.loss_bytes, 10 * 4096);
	assert_true(m.have_partial_share);
	assert_float_equal(m.partial_share, 0.0, 0);

	/* Without slabs nothing can be derived. */
	c.slabs.present = false;
	sf_memory(&c, 4096, &m);
	assert_false(m.have_slab_bytes);
	assert_false(m.have_per_object);
	assert_false(m.have_loss);
	assert_false(m.have_partial_share);
}

static void test_write_knobs(void **state)
{
	const char *root = *state;
	struct swerr e;

	make_full_cache(root, ":0000192");
	fake_symlink(root, "alias192", ":0000192");
	assert_int_equal(sf_set_cpu_partial(root, "alias192", 52, &e), 0);
	assert_string_equal(fake_read(root, ":0000192/cpu_partial"), "52\n");
	assert_int_equal(sf_set_min_partial(root, ":0000192", 7, &e), 0);
	assert_string_equal(fake_read(root, ":0000192/min_partial"), "7\n");
	assert_int_equal(sf_shrink(root, ":0000192", &e), 0);
	assert_string_equal(fake_read(root, ":0000192/shrink"), "1\n");
}

static void test_write_errors_name_file_and_value(void **state)
{
	const char *root = *state;
	struct swerr e;

	/* A knob this kernel lacks. */
	make_sparse_cache(root, "old");
	assert_int_equal(sf_set_cpu_partial(root, "old", 13, &e), -ENOENT);
	assert_non_null(strstr(e.msg, "old/cpu_partial"));
	assert_non_null(strstr(e.msg, "does not have"));

	/* A write that fails after open: EISDIR stands in for the kernel's EINVAL. */
	fake_mkdir(root, "old/min_partial");
	assert_int_equal(sf_set_min_partial(root, "old", 99, &e), -EISDIR);
	assert_non_null(strstr(e.msg, "old/min_partial"));
	assert_non_null(strstr(e.msg, "\"99\""));

	assert_int_equal(sf_shrink(root, "a/b", &e), -EINVAL);
}

static void test_kmalloc_cache_choice(void **state)
{
	static const char *const present[] = {
		"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64",
		"kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512",
		"kmalloc-1k", "kmalloc-2k", "kmalloc-4k", "kmalloc-8k",
	};
	const char *root = *state;
	char name[32];
	size_t i;

	for (i = 0; i < sizeof(present) / sizeof(present[0]); i++)
		fake_mkdir(root, present[i]);
	assert_int_equal(sf_kmalloc_cache(root, 1, name, sizeof(name)), 0);
	assert_string_equal(name, "kmalloc-8");
	assert_int_equal(sf_kmalloc_cache(root, 8, name, sizeof(name)), 0);
	assert_string_equal(name, "kmalloc-8");
	assert_int_equal(sf_kmalloc_cache(root, 9, name, sizeof(name)), 0);
	assert_string_equal(name, "kmalloc-16");
	/* kmalloc-96 absent here (as on arm64): 65..128 go to kmalloc-128. */
	assert_int_equal(sf_kmalloc_cache(root, 65, name, sizeof(name)), 0);
	assert_string_equal(name, "kmalloc-128");
	assert_int_equal(sf_kmalloc_cache(root, 129, name, sizeof(name)), 0);
	assert_string_equal(name, "kmalloc-192");
	assert_int_equal(sf_kmalloc_cache(root, 1500, name, sizeof(name)), 0);
	assert_string_equal(name, "kmalloc-2k");
	assert_int_equal(sf_kmalloc_cache(root, 8192, name, sizeof(name)), 0);
	assert_string_equal(name, "kmalloc-8k");
	assert_int_equal(sf_kmalloc_cache(root, 8193, name, sizeof(name)), -ENOENT);

	fake_mkdir(root, "kmalloc-96");
	assert_int_equal(sf_kmalloc_cache(root, 65, name, sizeof(name)), 0);
	assert_string_equal(name, "kmalloc-96");
}

static void test_meminfo(void **state)
{
	const char *root = *state;
	struct meminfo_slab m;
	char path[4096];
	struct swerr e;

	snprintf(path, sizeof(path), "%s/meminfo", root);
	fake_write(root, "meminfo",
		   "MemTotal:       24545060 kB\n"
		   "Slab:             419660 kB\n"
		   "SReclaimable:     270012 kB\n"
		   "SUnreclaim:       149648 kB\n"
		   "KernelStack:       10240 kB\n");
	assert_int_equal(meminfo_read_slab(path, &m, &e), 0);
	assert_true(m.slab_kb.present);
	assert_int_equal(m.slab_kb.v, 419660);
	assert_int_equal(m.sreclaimable_kb.v, 270012);
	assert_int_equal(m.sunreclaim_kb.v, 149648);

	fake_write(root, "meminfo", "Slab: 10 kB\nSUnreclaim: 4 kB");
	assert_int_equal(meminfo_read_slab(path, &m, &e), 0);
	assert_int_equal(m.slab_kb.v, 10);
	assert_false(m.sreclaimable_kb.present);
	assert_true(m.sunreclaim_kb.present);
	assert_int_equal(m.sunreclaim_kb.v, 4);

	fake_write(root, "meminfo", "Slab: lots kB\n");
	assert_int_equal(meminfo_read_slab(path, &m, &e), -EINVAL);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "lots"));

	snprintf(path, sizeof(path), "%s/nothing", root);
	assert_int_equal(meminfo_read_slab(path, &m, &e), -ENOENT);
	assert_non_null(strstr(e.msg, path));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reads_every_attribute, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_missing_attributes_are_absent, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_empty_ctor_means_none, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_alias_resolves_to_merged_cache, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_bad_names_and_missing_caches, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_garbled_number_names_file_and_value, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_derived_memory, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_derived_memory_with_gaps, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_write_knobs, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_write_errors_name_file_and_value, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_kmalloc_cache_choice, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_meminfo, fake_setup, fake_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
