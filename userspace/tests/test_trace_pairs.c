// SPDX-License-Identifier: GPL-2.0
/*
 * trace_pairs on synthetic events: pairing by pointer, cross-CPU frees,
 * unpaired objects, cache names learned and guessed, kmalloc size
 * classes, waste, lifetimes, call-site order, pages and lost events.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "trace_pairs.h"

#define PTR(n) (0xffff888000000000ULL + (uint64_t)(n) * 64)
#define SITE_A 0xffffffffc0001000ULL
#define SITE_B 0xffffffffc0002000ULL
#define SITE_C 0xffffffffc0003000ULL

static void cache_alloc(struct tp_state *tp, int cpu, uint64_t ts, uint64_t ptr,
			uint64_t site, uint64_t size)
{
	struct tp_alloc_ev a = {
		.ts = ts, .cpu = cpu, .ptr = ptr, .call_site = site,
		.bytes_req = size, .bytes_alloc = size, .node = -1,
		.kind = TP_KMEM_CACHE,
	};

	assert_int_equal(tp_alloc(tp, &a), 0);
}

static void kmalloc_ev(struct tp_state *tp, int cpu, uint64_t ts, uint64_t ptr,
		       uint64_t site, uint64_t req, uint64_t alloc)
{
	struct tp_alloc_ev a = {
		.ts = ts, .cpu = cpu, .ptr = ptr, .call_site = site,
		.bytes_req = req, .bytes_alloc = alloc, .node = -1,
		.kind = TP_KMALLOC,
	};

	assert_int_equal(tp_alloc(tp, &a), 0);
}

static void cache_free(struct tp_state *tp, int cpu, uint64_t ts, uint64_t ptr,
		       const char *name)
{
	struct tp_free_ev f = {
		.ts = ts, .cpu = cpu, .ptr = ptr, .cache = name,
		.kind = TP_KMEM_CACHE,
	};

	assert_int_equal(tp_free(tp, &f), 0);
}

static void kfree_ev(struct tp_state *tp, int cpu, uint64_t ts, uint64_t ptr)
{
	struct tp_free_ev f = { .ts = ts, .cpu = cpu, .ptr = ptr, .kind = TP_KMALLOC };

	assert_int_equal(tp_free(tp, &f), 0);
}

static const struct tp_cache *cache(const struct tp_state *tp, const char *name)
{
	const struct tp_cache *c = tp_find_cache(tp, name);

	if (!c)
		fail_msg("no cache \"%s\"", name);
	return c;
}

static void test_local_and_cross_cpu(void **state)
{
	const struct tp_cache *c;
	struct tp_state tp;
	int i;

	(void)state;
	tp_init(&tp);
	/* Three freed where allocated, one on the other CPU. */
	for (i = 0; i < 4; i++)
		cache_alloc(&tp, 0, 1000 + i, PTR(i), SITE_A, 256);
	for (i = 0; i < 3; i++)
		cache_free(&tp, 0, 2000 + i, PTR(i), "foo");
	cache_free(&tp, 1, 3000, PTR(3), "foo");
	assert_int_equal(tp_finish(&tp), 0);

	c = cache(&tp, "foo");
	assert_int_equal(c->allocs, 4);
	assert_int_equal(c->frees, 4);
	assert_int_equal(c->paired, 4);
	assert_int_equal(c->cross_cpu, 1);
	assert_int_equal(c->unpaired_allocs, 0);
	assert_int_equal(c->unpaired_frees, 0);
	assert_float_equal(tp_cross_pct(c), 25.0, 1e-9);
	assert_int_equal(tp.t.paired, 4);
	assert_int_equal(tp.t.cross_cpu, 1);
	assert_false(tp_incomplete(&tp));
	tp_release(&tp);
}

static void test_unpaired(void **state)
{
	const struct tp_cache *c;
	struct tp_state tp;

	(void)state;
	tp_init(&tp);
	/* Freed, but allocated before the trace began. */
	cache_free(&tp, 0, 10, PTR(1), "foo");
	kfree_ev(&tp, 0, 11, PTR(2));
	/* Allocated and never freed. */
	cache_alloc(&tp, 0, 12, PTR(3), SITE_A, 64);
	kmalloc_ev(&tp, 1, 13, PTR(4), SITE_B, 30, 32);
	assert_int_equal(tp_finish(&tp), 0);

	c = cache(&tp, "foo");
	assert_int_equal(c->allocs, 0);
	assert_int_equal(c->frees, 1);
	assert_int_equal(c->unpaired_frees, 1);
	assert_true(isnan(tp_cross_pct(c)));
	/* kfree names no cache and the allocation is not in the trace. */
	c = cache(&tp, TP_UNKNOWN);
	assert_int_equal(c->unpaired_frees, 1);
	/* Nothing taught the name of SITE_A's 64-byte objects. */
	assert_int_equal(c->allocs, 1);
	assert_int_equal(c->unpaired_allocs, 1);
	c = cache(&tp, "kmalloc-32");
	assert_int_equal(c->allocs, 1);
	assert_int_equal(c->unpaired_allocs, 1);
	assert_int_equal(c->paired, 0);
	assert_int_equal(tp_life_quantile(c, 500000), 0);
	assert_int_equal(tp.t.unpaired_allocs, 2);
	assert_int_equal(tp.t.unpaired_frees, 2);
	tp_release(&tp);
}

static void test_names_learned(void **state)
{
	const struct tp_cache *c;
	struct tp_state tp;

	(void)state;
	tp_init(&tp);
	/* Freed by kfree before anything taught SITE_A's name ... */
	cache_alloc(&tp, 0, 1, PTR(1), SITE_A, 192);
	kfree_ev(&tp, 1, 2, PTR(1));
	/* ... never freed ... */
	cache_alloc(&tp, 0, 3, PTR(2), SITE_A, 192);
	/* ... and the pair that teaches it comes last. */
	cache_alloc(&tp, 0, 4, PTR(3), SITE_A, 192);
	cache_free(&tp, 0, 5, PTR(3), "bar");
	/* The same site with another stride learns nothing. */
	cache_alloc(&tp, 0, 6, PTR(4), SITE_A, 512);
	assert_int_equal(tp_finish(&tp), 0);

	c = cache(&tp, "bar");
	assert_int_equal(c->allocs, 3);
	assert_int_equal(c->paired, 2);
	assert_int_equal(c->cross_cpu, 1);
	assert_int_equal(c->unpaired_allocs, 1);
	assert_int_equal(c->frees, 2);
	c = cache(&tp, TP_UNKNOWN);
	assert_int_equal(c->allocs, 1);
	assert_int_equal(c->bytes_alloc, 512);
	tp_release(&tp);
}

static void test_kmalloc_class_names(void **state)
{
	static const struct {
		uint64_t req, alloc;
		const char *name;
	} cases[] = {
		{ 1, 8, "kmalloc-8" },
		{ 8, 8, "kmalloc-8" },
		{ 9, 16, "kmalloc-16" },
		{ 33, 64, "kmalloc-64" },
		{ 65, 96, "kmalloc-96" },
		{ 97, 128, "kmalloc-128" },
		{ 129, 192, "kmalloc-192" },
		{ 193, 256, "kmalloc-256" },
		{ 300, 512, "kmalloc-512" },
		{ 513, 1024, "kmalloc-1k" },
		{ 1920, 2048, "kmalloc-2k" },
		{ 4096, 4096, "kmalloc-4k" },
		{ 5000, 8192, "kmalloc-8k" },
		{ 8193, 12288, TP_KMALLOC_LARGE },
		{ 65536, 65536, TP_KMALLOC_LARGE },
		/* slab debugging pads the stride: the request decides */
		{ 100, 168, "kmalloc-128" },
		{ 1500, 1560, "kmalloc-2k" },
		/* the kernel's rounding: 96 and 192 come between the powers */
		{ 90, 0, "kmalloc-96" },
		{ 150, 0, "kmalloc-192" },
	};
	const struct tp_cache *c;
	struct tp_state tp;
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(tp_kmalloc_class(cases[i].req, cases[i].alloc,
						     buf, sizeof(buf)),
				    cases[i].name);

	/* And through the pairing: kfree gives no name, the class does. */
	tp_init(&tp);
	kmalloc_ev(&tp, 0, 10, PTR(1), SITE_A, 1920, 2048);
	kmalloc_ev(&tp, 0, 11, PTR(2), SITE_A, 20000, 20480);
	kfree_ev(&tp, 1, 20, PTR(1));
	kfree_ev(&tp, 0, 21, PTR(2));
	assert_int_equal(tp_finish(&tp), 0);
	c = cache(&tp, "kmalloc-2k");
	assert_int_equal(c->paired, 1);
	assert_int_equal(c->cross_cpu, 1);
	c = cache(&tp, TP_KMALLOC_LARGE);
	assert_int_equal(c->paired, 1);
	assert_int_equal(c->cross_cpu, 0);
	tp_release(&tp);
}

static void test_waste(void **state)
{
	struct tp_cache none = { 0 };
	const struct tp_cache *c;
	struct tp_state tp;

	(void)state;
	tp_init(&tp);
	kmalloc_ev(&tp, 0, 1, PTR(1), SITE_A, 1920, 2048);
	kmalloc_ev(&tp, 0, 2, PTR(2), SITE_A, 1024 + 512, 2048);
	assert_int_equal(tp_finish(&tp), 0);
	c = cache(&tp, "kmalloc-2k");
	assert_int_equal(c->bytes_req, 1920 + 1536);
	assert_int_equal(c->bytes_alloc, 4096);
	/* (4096 - 3456) / 4096 */
	assert_float_equal(tp_waste_pct(c), 15.625, 1e-9);
	assert_true(isnan(tp_waste_pct(&none)));
	assert_int_equal(tp.nsites, 1);
	assert_int_equal(tp.sites[0].bytes_req, 3456);
	tp_release(&tp);
}

static void test_lifetimes(void **state)
{
	const struct tp_cache *c;
	struct tp_state tp;
	uint64_t q;
	int i;

	(void)state;
	tp_init(&tp);
	/* Lifetimes 1..100 ns: below 128 every value is its own bucket. */
	for (i = 1; i <= 100; i++) {
		cache_alloc(&tp, 0, 1000 * (uint64_t)i, PTR(i), SITE_A, 64);
		cache_free(&tp, 0, 1000 * (uint64_t)i + (uint64_t)i, PTR(i), "x");
	}
	/* Larger ones, where buckets are 1/64 wide. */
	for (i = 1; i <= 100; i++) {
		cache_alloc(&tp, 1, 1000000 * (uint64_t)i, PTR(1000 + i), SITE_A, 64);
		cache_free(&tp, 1, 1000000 * (uint64_t)i + 10000 * (uint64_t)i,
			   PTR(1000 + i), "y");
	}
	assert_int_equal(tp_finish(&tp), 0);
	c = cache(&tp, "x");
	assert_int_equal(tp_life_quantile(c, 500000), 50);
	assert_int_equal(tp_life_quantile(c, 990000), 99);
	assert_int_equal(c->life_max, 100);
	c = cache(&tp, "y");
	/* Never under the true value, at most a bucket (1/64) over it. */
	q = tp_life_quantile(c, 500000);
	assert_true(q >= 500000 && q <= 500000 + 500000 / 64);
	q = tp_life_quantile(c, 990000);
	assert_true(q >= 990000 && q <= 990000 + 990000 / 64);
	/* The top bucket's bound is clamped to the largest value seen. */
	assert_int_equal(tp_life_quantile(c, 1000000), 1000000);
	assert_int_equal(c->life_max, 1000000);
	tp_release(&tp);
}

static void test_site_order(void **state)
{
	struct tp_state tp;
	int i;

	(void)state;
	tp_init(&tp);
	/* SITE_B 5 allocs, SITE_A 3 of 64 B, SITE_C 3 of 128 B, SITE_A 1 elsewhere. */
	for (i = 0; i < 5; i++)
		cache_alloc(&tp, 0, 1, PTR(i), SITE_B, 32);
	for (i = 0; i < 3; i++)
		cache_alloc(&tp, 0, 2, PTR(10 + i), SITE_A, 64);
	for (i = 0; i < 3; i++)
		cache_alloc(&tp, 0, 3, PTR(20 + i), SITE_C, 128);
	kmalloc_ev(&tp, 0, 4, PTR(30), SITE_A, 8, 8);
	for (i = 0; i < 5; i++)
		cache_free(&tp, 0, 5, PTR(i), "b");
	assert_int_equal(tp_finish(&tp), 0);
	assert_int_equal(tp.nsites, 4);
	assert_int_equal(tp.sites[0].call_site, SITE_B);
	assert_int_equal(tp.sites[0].allocs, 5);
	assert_string_equal(tp.sites[0].cache, "b");
	/* A tie in allocations: more bytes first. */
	assert_int_equal(tp.sites[1].call_site, SITE_C);
	assert_int_equal(tp.sites[2].call_site, SITE_A);
	assert_string_equal(tp.sites[2].cache, TP_UNKNOWN);
	assert_int_equal(tp.sites[3].call_site, SITE_A);
	assert_string_equal(tp.sites[3].cache, "kmalloc-8");
	/* Caches by allocations too. */
	assert_string_equal(tp.caches[0].name, TP_UNKNOWN);
	assert_int_equal(tp.caches[0].allocs, 6);
	assert_string_equal(tp.caches[1].name, "b");
	tp_release(&tp);
}

static void test_lost_events(void **state)
{
	struct tp_state tp;

	(void)state;
	tp_init(&tp);
	tp_lost(&tp, 0);
	assert_false(tp_incomplete(&tp));
	tp_lost(&tp, 5);
	tp_lost(&tp, 7);
	assert_true(tp_incomplete(&tp));
	assert_int_equal(tp.lost, 12);
	assert_false(tp.lost_unknown);
	tp_release(&tp);

	tp_init(&tp);
	tp_lost(&tp, -1);
	assert_true(tp_incomplete(&tp));
	assert_true(tp.lost_unknown);
	assert_int_equal(tp.lost, 0);
	tp_release(&tp);
}

static void test_reused_and_null(void **state)
{
	const struct tp_cache *c;
	struct tp_state tp;

	(void)state;
	tp_init(&tp);
	/* The free of the first was not traced: the pointer comes back. */
	cache_alloc(&tp, 0, 1, PTR(1), SITE_A, 64);
	cache_alloc(&tp, 1, 2, PTR(1), SITE_A, 64);
	cache_free(&tp, 0, 3, PTR(1), "z");
	cache_alloc(&tp, 0, 4, 0, SITE_A, 64);
	kfree_ev(&tp, 0, 5, 0);
	kfree_ev(&tp, 0, 6, 16);	/* ZERO_SIZE_PTR */
	assert_int_equal(tp_finish(&tp), 0);
	c = cache(&tp, "z");
	assert_int_equal(c->allocs, 2);
	assert_int_equal(c->paired, 1);
	assert_int_equal(c->cross_cpu, 1);
	assert_int_equal(c->unpaired_allocs, 1);
	assert_int_equal(tp.t.reused, 1);
	assert_int_equal(tp.t.failed_allocs, 1);
	assert_int_equal(tp.t.null_frees, 2);
	assert_int_equal(tp.t.allocs[TP_KMEM_CACHE], 3);
	assert_int_equal(tp.t.frees[TP_KMALLOC], 2);
	/* No more events once finished. */
	{
		struct tp_alloc_ev a = { .ptr = PTR(9), .kind = TP_KMEM_CACHE };

		assert_int_equal(tp_alloc(&tp, &a), -EINVAL);
	}
	tp_release(&tp);
}

/*
 * 6.12 traces a kmalloc above 8 KiB twice (the page path and its caller):
 * one object.  A small kmalloc of a held pointer is still a reuse.
 */
static void test_large_kmalloc_traced_twice(void **state)
{
	const struct tp_cache *c;
	struct tp_state tp;

	(void)state;
	tp_init(&tp);
	kmalloc_ev(&tp, 0, 1, PTR(1), SITE_A, 16384, 16384);
	kmalloc_ev(&tp, 0, 1, PTR(1), SITE_B, 16384, 16384);
	kfree_ev(&tp, 0, 2, PTR(1));
	kmalloc_ev(&tp, 1, 3, PTR(2), SITE_A, 64, 64);
	kmalloc_ev(&tp, 1, 4, PTR(2), SITE_A, 64, 64);
	assert_int_equal(tp_finish(&tp), 0);
	c = cache(&tp, TP_KMALLOC_LARGE);
	assert_int_equal(c->allocs, 1);
	assert_int_equal(c->paired, 1);
	assert_int_equal(tp.t.large_twice, 1);
	assert_int_equal(tp.t.allocs[TP_KMALLOC], 3);
	assert_int_equal(tp.t.reused, 1);
	tp_release(&tp);
}

static void test_pages(void **state)
{
	struct tp_state tp;

	(void)state;
	tp_init(&tp);
	tp_page_alloc(&tp, 0, false);
	tp_page_alloc(&tp, 0, false);
	tp_page_alloc(&tp, 3, false);
	tp_page_alloc(&tp, 2, true);
	tp_page_alloc(&tp, 40, false);
	tp_page_free(&tp, 0);
	tp_page_free(&tp, 3);
	assert_int_equal(tp.page_allocs[0], 2);
	assert_int_equal(tp.page_allocs[3], 1);
	assert_int_equal(tp.page_allocs[2], 0);
	assert_int_equal(tp.page_alloc_failed, 1);
	assert_int_equal(tp.page_allocs[TP_ORDERS - 1], 1);
	assert_int_equal(tp.page_frees[0], 1);
	assert_int_equal(tp.page_frees[3], 1);
	tp_release(&tp);
}

/* xorshift64*: reproducible pointers and orders without libc's rand(). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Many objects live at once and freed out of order: the hash table's deletes. */
static void test_many_objects(void **state)
{
	enum { N = 50000 };
	uint64_t *live = malloc(N * sizeof(*live));
	const struct tp_cache *c;
	struct tp_state tp;
	size_t n = 0, i, j;
	uint64_t ts = 0;

	(void)state;
	assert_non_null(live);
	tp_init(&tp);
	for (i = 0; i < N; i++) {
		live[n++] = PTR(i);
		cache_alloc(&tp, (int)(i & 1), ts++, PTR(i), SITE_A, 64);
		/* Free a random live one now and then. */
		if (rng() % 3 == 0) {
			j = rng() % n;
			cache_free(&tp, (int)(j & 1), ts++, live[j], "many");
			live[j] = live[--n];
		}
	}
	while (n) {
		j = rng() % n;
		cache_free(&tp, 0, ts++, live[j], "many");
		live[j] = live[--n];
	}
	assert_int_equal(tp_finish(&tp), 0);
	c = cache(&tp, "many");
	assert_int_equal(c->allocs, N);
	assert_int_equal(c->paired, N);
	assert_int_equal(c->unpaired_allocs, 0);
	assert_int_equal(c->unpaired_frees, 0);
	assert_int_equal(tp.ncaches, 1);
	free(live);
	tp_release(&tp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_local_and_cross_cpu),
		cmocka_unit_test(test_unpaired),
		cmocka_unit_test(test_names_learned),
		cmocka_unit_test(test_kmalloc_class_names),
		cmocka_unit_test(test_waste),
		cmocka_unit_test(test_lifetimes),
		cmocka_unit_test(test_site_order),
		cmocka_unit_test(test_lost_events),
		cmocka_unit_test(test_reused_and_null),
		cmocka_unit_test(test_large_kmalloc_traced_twice),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_many_objects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
