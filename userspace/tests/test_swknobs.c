// SPDX-License-Identifier: GPL-2.0
/*
 * The knobs as module/uapi/slabwall.h lists them: the tool checks values
 * against the header's ranges before writing, reads word knobs in their
 * bracket form, and prints every knob under Settings.
 */
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "stats_print.h"
#include "swctl.h"
#include "swknobs.h"

static void test_ranges_from_header(void **state)
{
	const struct swk_knob *k = swk_find("allocs_per_op");
	char buf[64];
	struct swerr e;

	(void)state;
	assert_non_null(k);
	assert_int_equal(k->max, SW_MAX_ALLOCS);
	assert_int_equal(swk_check(k, "--allocs", "0", &e), 0);
	assert_int_equal(swk_check(k, "--allocs", "4096", &e), 0);
	snprintf(buf, sizeof(buf), "%d", SW_MAX_ALLOCS + 1);
	assert_int_equal(swk_check(k, "--allocs", buf, &e), -EINVAL);
	/* The option, the value and the range. */
	assert_non_null(strstr(e.msg, "--allocs"));
	assert_non_null(strstr(e.msg, "4097"));
	assert_non_null(strstr(e.msg, "0..4096"));
	assert_int_equal(swk_check(k, "--allocs", "x", &e), -EINVAL);

	k = swk_find("duration_ms");
	assert_int_equal(swk_check(k, "--duration", "0", &e), -EINVAL);
	assert_non_null(strstr(e.msg, "1..600000"));
	k = swk_find("name_len");
	assert_int_equal(swk_check(k, "--size", "256", &e), -EINVAL);
	assert_int_equal(swk_check(k, "--size", "255", &e), 0);
	assert_null(swk_find("no_such_knob"));
}

static void test_words_from_header(void **state)
{
	const struct swk_knob *k = swk_find("strategy");
	char buf[128];
	struct swerr e;

	(void)state;
	assert_int_equal(k->kind, SW_KNOB_WORD);
	assert_int_equal(swk_check(k, "--strategy", "arena", &e), 0);
	assert_int_equal(swk_check(k, "--strategy", "slabs", &e), -EINVAL);
	assert_non_null(strstr(e.msg, "\"slabs\""));
	/* Commas between the words, "or" before the header's last one. */
	swk_range(k, buf, sizeof(buf));
	assert_memory_equal(buf, "slab, bulk, pool, ", strlen("slab, bulk, pool, "));
	assert_non_null(strstr(buf, " or "));
	assert_string_equal(strstr(buf, " or ") + 4, k->words[k->max]);
	k = swk_find("pattern");
	assert_string_equal(k->words[k->def], "skb");
	assert_int_equal(swk_find("data_size")->def, SW_DEF_data_size);
}

/* alloc_node: -1 (the worker's own node) or a node up to 1023. */
static void test_node_from_header(void **state)
{
	const struct swk_knob *k = swk_find("alloc_node");
	struct swerr e;

	(void)state;
	assert_int_equal(k->kind, SW_KNOB_NODE);
	assert_int_equal(SW_DEF_alloc_node, -1);
	assert_int_equal(swk_check(k, "--node", "-1", &e), 0);
	assert_int_equal(swk_check(k, "--node", "0", &e), 0);
	assert_int_equal(swk_check(k, "--node", "1023", &e), 0);
	assert_int_equal(swk_check(k, "--node", "1024", &e), -EINVAL);
	assert_non_null(strstr(e.msg, "out of range"));
	assert_int_equal(swk_check(k, "--node", "-2", &e), -EINVAL);
	assert_non_null(strstr(e.msg, "-1 (the worker's own node) or a node, 0..1023"));
	assert_int_equal(swk_check(k, "--node", "one", &e), -EINVAL);
	assert_int_equal(swk_check(k, "--node", "--1", &e), -EINVAL);
}

static void test_bracket_form(void **state)
{
	char buf[64];

	(void)state;
	snprintf(buf, sizeof(buf), "skb [dentry] kmalloc");
	assert_int_equal(sw_chosen_word(buf), 0);
	assert_string_equal(buf, "dentry");
	snprintf(buf, sizeof(buf), "[local] remote");
	assert_int_equal(sw_chosen_word(buf), 0);
	assert_string_equal(buf, "local");
	snprintf(buf, sizeof(buf), "1500");
	assert_int_equal(sw_chosen_word(buf), 0);
	assert_string_equal(buf, "1500");
	snprintf(buf, sizeof(buf), "[a] [b]");
	assert_int_equal(sw_chosen_word(buf), -EINVAL);
	snprintf(buf, sizeof(buf), "a [b");
	assert_int_equal(sw_chosen_word(buf), -EINVAL);
}

/* Every knob and the caches are settings, whatever the module adds. */
static void test_knobs_under_settings(void **state)
{
	static const char text[] =
		"state done\nstop_reason duration\npattern skb\n"
		"mem_limit_kb 131072\nsurvive_every 0\nsurvivors_max 4096\n"
		"fail_every 0\ncache0 kmalloc-2k\ncache0_size 2048\nops 10\n";
	struct sw_stats st;
	char *out = NULL, *results;
	size_t len = 0;
	FILE *f;

	(void)state;
	sw_stats_init(&st);
	assert_true(sw_stats_parse(&st, text, "test", NULL) >= 0);
	f = open_memstream(&out, &len);
	assert_non_null(f);
	stats_print_pretty(f, &st);
	fclose(f);
	results = strstr(out, "Results");
	assert_non_null(results);
	assert_true(strstr(out, "fail_every") < results);
	assert_true(strstr(out, "survivors_max") < results);
	assert_true(strstr(out, "stop_reason") < results);
	assert_true(strstr(out, "kmalloc-2k") < results);
	assert_true(strstr(out, "cache0_size") < results);
	assert_non_null(strstr(results, "ops"));
	free(out);
	sw_stats_free(&st);
}

/* A file of the tree, read whole (tests run from userspace/). */
static char *slurp(const char *path)
{
	static char buf[1 << 18];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/*
 * The docs say what the header says: debugfs.md's table row of every
 * knob, and the man page's ranges of the run options.
 */
static void test_docs_match_header(void **state)
{
	static const char *const run_knobs[] = {
		"allocs_per_op", "object_size", "data_size", "name_len",
		"work_bytes", "duration_ms", "rate",
	};
	char row[256], words[128];
	const char *doc;
	size_t i, n;
	uint64_t w;

	(void)state;
	doc = slurp("../docs/debugfs.md");
	for (i = 0; i < SW_NR_KNOBS; i++) {
		const struct swk_knob *k = &swk_knobs[i];

		if (k->kind == SW_KNOB_NUMBER) {
			snprintf(row, sizeof(row), "| `%s` | %" PRIu64 "..%" PRIu64
				 " | %" PRIu64 " |", k->name, k->min, k->max, k->def);
		} else if (k->kind == SW_KNOB_WORD) {
			for (n = 0, w = k->min; w <= k->max; w++)
				n += (size_t)snprintf(words + n, sizeof(words) - n,
						      "%s`%s`", w ? ", " : "",
						      k->words[w]);
			snprintf(row, sizeof(row), "| `%s` | %s | `%s` |",
				 k->name, words, k->words[k->def]);
		} else {
			snprintf(row, sizeof(row), "| `%s` |", k->name);
		}
		if (!strstr(doc, row))
			fail_msg("docs/debugfs.md has no row \"%s\"", row);
	}
	doc = slurp("../docs/slabwall.1");
	for (i = 0; i < sizeof(run_knobs) / sizeof(run_knobs[0]); i++) {
		const struct swk_knob *k = swk_find(run_knobs[i]);

		snprintf(row, sizeof(row), "%" PRIu64 " to %" PRIu64, k->min, k->max);
		if (!strstr(doc, row))
			fail_msg("docs/slabwall.1 does not give %s as \"%s\"",
				 k->name, row);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges_from_header),
		cmocka_unit_test(test_words_from_header),
		cmocka_unit_test(test_node_from_header),
		cmocka_unit_test(test_bracket_form),
		cmocka_unit_test(test_knobs_under_settings),
		cmocka_unit_test(test_docs_match_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
