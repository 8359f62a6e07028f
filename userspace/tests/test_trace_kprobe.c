// SPDX-License-Identifier: GPL-2.0
/* tkp_pick(): the function to probe, from available_filter_functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "trace_kprobe.h"

/* Lines as 6.12 lists them (and a module's, with its name after). */
static const char avail_612[] =
	"__slab_free\n"
	"discard_slab\n"
	"kmem_cache_free_bulk\n"
	"kmem_cache_alloc_bulk_noprof\n"
	"kmem_cache_alloc_node_noprof\n"
	"kmem_cache_alloc_noprof\n"
	"kmem_cache_alloc_lru_noprof\n"
	"sw_run_worker [slabwall]\n"
	"allocate_slab";

static const char avail_61[] =
	"allocate_slab\n"
	"discard_slab\n"
	"___slab_alloc\n"
	"kmem_cache_alloc\n"
	"kmem_cache_alloc_node\n";

static void test_newest_name_first(void **state)
{
	const char *alloc[] = { "kmem_cache_alloc_noprof", "kmem_cache_alloc", NULL };

	(void)state;
	assert_string_equal(tkp_pick(avail_612, alloc), "kmem_cache_alloc_noprof");
	assert_string_equal(tkp_pick(avail_61, alloc), "kmem_cache_alloc");
}

static void test_whole_lines_only(void **state)
{
	const char *slab_free[] = { "__slab_free", NULL };
	const char *slow[] = { "___slab_alloc", NULL };
	const char *alloc[] = { "kmem_cache_alloc", NULL };
	const char *last[] = { "allocate_slab", NULL };
	const char *mod[] = { "sw_run_worker", NULL };
	const char *part[] = { "slab_alloc", "cache_alloc_noprof", NULL };

	(void)state;
	/* A name inside a longer one is not it. */
	assert_null(tkp_pick(avail_612, alloc));
	assert_null(tkp_pick(avail_612, part));
	assert_null(tkp_pick(avail_612, slow));
	assert_null(tkp_pick(avail_61, slab_free));
	assert_string_equal(tkp_pick(avail_612, slab_free), "__slab_free");
	/* The last line, without a newline after it. */
	assert_string_equal(tkp_pick(avail_612, last), "allocate_slab");
	assert_string_equal(tkp_pick(avail_612, mod), "sw_run_worker");
	assert_null(tkp_pick("", last));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_newest_name_first),
		cmocka_unit_test(test_whole_lines_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
