// SPDX-License-Identifier: GPL-2.0
/*
 * The twin's request builder: each mode makes the allocator calls it says
 * it makes, counted by an allocator that counts (and checks every free
 * is of a live block).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "user_point.h"
#include "user_req.h"

#define MAX_LIVE 4096

struct counter {
	unsigned long allocs, frees;
	size_t bytes;		/* asked for, all allocations */
	void *live[MAX_LIVE];
	unsigned int nlive;
	unsigned int fail_at;	/* fail the Nth allocation (1-based), 0 never */
};

static void *count_alloc(void *ctx, size_t size)
{
	struct counter *c = ctx;
	void *p;

	c->allocs++;
	if (c->fail_at && c->allocs == c->fail_at)
		return NULL;
	p = malloc(size);
	assert_non_null(p);
	assert_true(c->nlive < MAX_LIVE);
	c->live[c->nlive++] = p;
	c->bytes += size;
	return p;
}

static void count_free(void *ctx, void *p)
{
	struct counter *c = ctx;
	unsigned int i;

	for (i = 0; i < c->nlive; i++)
		if (c->live[i] == p)
			break;
	if (i == c->nlive)
		fail_msg("free of %p, which is not live", p);
	c->live[i] = c->live[--c->nlive];
	c->frees++;
	free(p);
}

struct case_ {
	enum ureq_mode mode;
	unsigned int nodes;
	unsigned long setup_allocs;	/* by ureq_init */
	unsigned long per_request;	/* allocs (and frees) per request */
};

static void check_mode(const struct case_ *k)
{
	struct counter c = { 0 };
	struct ureq_alloc a = { count_alloc, count_free, &c };
	char *text = ureq_make_text(2048);
	struct ureq r;
	int i, failed;

	assert_non_null(text);
	assert_int_equal(ureq_init(&r, k->mode, k->nodes, 0, text, 2048, &a), 0);
	assert_int_equal(c.allocs, k->setup_allocs);
	assert_int_equal(c.frees, 0);
	for (i = 0; i < 10; i++) {
		assert_int_not_equal(ureq_run(&r, &failed), 0);
		assert_int_equal(failed, 0);
	}
	if (c.allocs != k->setup_allocs + 10 * k->per_request ||
	    c.frees != 10 * k->per_request)
		fail_msg("%s, %u nodes: %lu allocs and %lu frees after 10 requests, want %lu and %lu",
			 ureq_mode_name(k->mode), k->nodes, c.allocs, c.frees,
			 k->setup_allocs + 10 * k->per_request, 10 * k->per_request);
	/* what a request allocates, the mode's malloc calls say */
	assert_int_equal(upoint_malloc_calls(k->mode, k->nodes), k->per_request);
	assert_int_equal(c.nlive, k->setup_allocs);
	ureq_fini(&r);
	assert_int_equal(c.nlive, 0);
	assert_int_equal(c.frees, c.allocs);
	free(text);
}

static void per_request_counts(void **state)
{
	static const unsigned int nodes[] = { 0, 1, 2, 32, 33, 1024 };
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		struct case_ k = { UREQ_PER_REQUEST, nodes[i], 0, nodes[i] };

		check_mode(&k);
	}
}

static void pooled_counts(void **state)
{
	struct case_ k0 = { UREQ_POOLED, 0, 0, 0 };
	struct case_ k = { UREQ_POOLED, 64, 64, 0 };

	(void)state;
	check_mode(&k0);
	check_mode(&k);
}

static void arena_counts(void **state)
{
	struct case_ k0 = { UREQ_ARENA, 0, 0, 0 };
	struct case_ k = { UREQ_ARENA, 64, 0, 1 };

	(void)state;
	check_mode(&k0);
	check_mode(&k);
}

static void arena_keep_counts(void **state)
{
	struct case_ k0 = { UREQ_ARENA_KEEP, 0, 0, 0 };
	struct case_ k = { UREQ_ARENA_KEEP, 64, 1, 0 };

	(void)state;
	check_mode(&k0);
	check_mode(&k);
}

/* The manifest record: 32 nodes, 1224 bytes, the same in every mode. */
static void manifest_shape(void **state)
{
	size_t total = 0;
	unsigned int i;

	(void)state;
	for (i = 0; i < UREQ_SHAPE_NODES; i++)
		total += ureq_node_size(0, i);
	assert_int_equal(total, 1224);
	assert_int_equal(ureq_node_size(0, UREQ_SHAPE_NODES), ureq_node_size(0, 0));
	assert_int_equal(ureq_node_size(4096, 7), 4096);
	assert_int_equal(ureq_node_size(1, 7), UREQ_MIN_NODE);
}

/* Every node's bytes are asked for: per_request asks node by node. */
static void bytes_asked(void **state)
{
	struct counter c = { 0 };
	struct ureq_alloc a = { count_alloc, count_free, &c };
	struct ureq r;
	int failed;

	(void)state;
	assert_int_equal(ureq_init(&r, UREQ_PER_REQUEST, 32, 0, "x", 1, &a), 0);
	ureq_run(&r, &failed);
	assert_int_equal(c.bytes, 1224);
	ureq_fini(&r);
	assert_int_equal(ureq_init(&r, UREQ_ARENA, 3, 100, "x", 1, &a), 0);
	c.bytes = 0;
	ureq_run(&r, &failed);
	assert_int_equal(c.bytes, 3 * 112);	/* aligned to 16 */
	ureq_fini(&r);
}

/* A failed allocation mid-request: reported, and nothing leaks. */
static void failure_frees_what_was_built(void **state)
{
	struct counter c = { .fail_at = 5 };
	struct ureq_alloc a = { count_alloc, count_free, &c };
	struct ureq r;
	int failed;

	(void)state;
	assert_int_equal(ureq_init(&r, UREQ_PER_REQUEST, 8, 0, "x", 1, &a), 0);
	assert_int_equal(ureq_run(&r, &failed), 0);
	assert_int_equal(failed, 1);
	assert_int_equal(c.nlive, 0);
	assert_int_equal(c.frees, 4);
	ureq_fini(&r);
}

/* A pool that cannot be filled gives back what it had. */
static void pool_setup_failure(void **state)
{
	struct counter c = { .fail_at = 3 };
	struct ureq_alloc a = { count_alloc, count_free, &c };
	struct ureq r;

	(void)state;
	assert_int_equal(ureq_init(&r, UREQ_POOLED, 8, 0, "x", 1, &a), -12);
	assert_int_equal(c.nlive, 0);
}

static void mode_names(void **state)
{
	int m;

	(void)state;
	for (m = 0; m < UREQ_NMODES; m++)
		assert_int_equal(ureq_mode_parse(ureq_mode_name(m)), m);
	assert_int_equal(ureq_mode_parse("pool"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(per_request_counts),
		cmocka_unit_test(pooled_counts),
		cmocka_unit_test(arena_counts),
		cmocka_unit_test(arena_keep_counts),
		cmocka_unit_test(manifest_shape),
		cmocka_unit_test(bytes_asked),
		cmocka_unit_test(failure_frees_what_was_built),
		cmocka_unit_test(pool_setup_failure),
		cmocka_unit_test(mode_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
