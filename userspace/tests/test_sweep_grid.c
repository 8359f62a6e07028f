// SPDX-License-Identifier: GPL-2.0
/* slabwall sweep's lists and the grid they expand to. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sweep_grid.h"

static void test_u64_lists(void **state)
{
	uint64_t v[SG_MAX_ITEMS];
	char many[512] = "0";
	struct swerr e;
	size_t n, i;

	(void)state;
	assert_int_equal(sg_parse_u64_list("--allocs", "0,1,2,1024", v, &n, &e), 0);
	assert_int_equal(n, 4);
	assert_int_equal(v[0], 0);
	assert_int_equal(v[3], 1024);
	assert_int_equal(sg_parse_u64_list("--allocs", "7", v, &n, &e), 0);
	assert_int_equal(n, 1);

	assert_int_equal(sg_parse_u64_list("--allocs", "1,,2", v, &n, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "empty item (item 2)"));
	assert_int_equal(sg_parse_u64_list("--allocs", "", v, &n, &e), -EINVAL);
	assert_int_equal(sg_parse_u64_list("--allocs", "1,x", v, &n, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "\"x\" is not a whole number"));
	assert_non_null(strstr(e.msg, "--allocs \"1,x\""));
	assert_int_equal(sg_parse_u64_list("--size", "1, 2", v, &n, &e), -EINVAL);
	assert_int_equal(sg_parse_u64_list("--size", "-1", v, &n, &e), -EINVAL);
	assert_int_equal(sg_parse_u64_list("--allocs", "4,8,4", v, &n, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "4 is given twice"));

	for (i = 1; i <= SG_MAX_ITEMS; i++)	/* one item too many */
		snprintf(many + strlen(many), sizeof(many) - strlen(many), ",%zu", i);
	assert_int_equal(sg_parse_u64_list("--allocs", many, v, &n, &e), -E2BIG);
}

static void test_word_lists(void **state)
{
	char w[SG_MAX_ITEMS][SG_WORD_MAX];
	struct swerr e;
	size_t n;

	(void)state;
	assert_int_equal(sg_parse_word_list("--free", "local,remote", w, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(w[1], "remote");
	assert_int_equal(sg_parse_word_list("--free", "local,local", w, &n, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "given twice"));
	assert_int_equal(sg_parse_word_list("--pattern", "skb,", w, &n, &e), -EINVAL);
	assert_int_equal(sg_parse_word_list("--pattern", "sk b", w, &n, &e), -EINVAL);
	assert_int_equal(sg_parse_word_list("--pattern",
					    "a_name_far_longer_than_thirty_one_chars",
					    w, &n, &e), -EINVAL);
}

static void online(struct cpuset *s, const char *list)
{
	assert_int_equal(cpulist_parse(list, s, NULL), 0);
}

static void test_cpus(void **state)
{
	struct sg_cpus c[SG_MAX_ITEMS];
	size_t n, dropped;
	struct cpuset on;
	struct swerr e;

	(void)state;
	online(&on, "0-3");
	/* The words: 1 is the first CPU alone, all is all of them. */
	assert_int_equal(sg_parse_cpus("1,all", &on, c, &n, &dropped, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].spec, "1");
	assert_string_equal(c[0].list, "0");
	assert_int_equal(c[0].n, 1);
	assert_string_equal(c[1].spec, "all");
	assert_string_equal(c[1].list, "0-3");
	assert_int_equal(c[1].n, 4);

	/* Counts, and a range, with ','. */
	assert_int_equal(sg_parse_cpus("1,2,0-2", &on, c, &n, &dropped, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(c[1].list, "0-1");
	assert_string_equal(c[2].list, "0-2");

	/* ';' separates lists that have commas; a trailing ';' is fine. */
	assert_int_equal(sg_parse_cpus("0,2;1,3;", &on, c, &n, &dropped, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].list, "0,2");
	assert_string_equal(c[1].list, "1,3");
	assert_int_equal(c[1].n, 2);
	assert_int_equal(sg_parse_cpus("2-2", &on, c, &n, &dropped, &e), 0);
	assert_string_equal(c[0].list, "2");

	/* The same CPUs twice: run once. */
	assert_int_equal(sg_parse_cpus("4,all,0-3", &on, c, &n, &dropped, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(dropped, 2);

	/* A hole in the online CPUs: counts take the first online ones. */
	online(&on, "0,2-3");
	assert_int_equal(sg_parse_cpus("2", &on, c, &n, &dropped, &e), 0);
	assert_string_equal(c[0].list, "0,2");
}

static void test_cpus_rejects(void **state)
{
	static const struct {
		const char *arg, *want;
	} bad[] = {
		{ "0", "write 0-0" },		/* a count of none */
		{ "5", "4 are online" },
		{ "1,,all", "empty item (item 2)" },
		{ "1;;all", "empty item (item 2)" },
		{ "3-5", "CPU(s) 4-5 of \"3-5\" are not online" },
		{ "1-x", "bad item" },
		{ "most", "bad item" },
		{ "", "empty item" },
	};
	struct sg_cpus c[SG_MAX_ITEMS];
	size_t i, n, dropped;
	struct cpuset on;
	struct swerr e;

	(void)state;
	online(&on, "0-3");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		e.msg[0] = '\0';
		if (!sg_parse_cpus(bad[i].arg, &on, c, &n, &dropped, &e))
			fail_msg("\"%s\" taken", bad[i].arg);
		if (!strstr(e.msg, bad[i].want) || !strstr(e.msg, "--cpus"))
			fail_msg("\"%s\": \"%s\" lacks \"%s\"", bad[i].arg, e.msg,
				 bad[i].want);
	}
}

static void test_expand(void **state)
{
	struct sweep_grid *g = calloc(1, sizeof(*g));
	struct sweep_point *pts;
	struct cpuset on;
	size_t n, dropped, i, j;
	struct swerr e;

	(void)state;
	assert_non_null(g);
	online(&on, "0-1");
	assert_int_equal(sg_parse_word_list("--pattern", "skb,kmalloc", g->patterns,
					    &g->npatterns, &e), 0);
	assert_int_equal(sg_parse_word_list("--strategy", "slab", g->strategies,
					    &g->nstrategies, &e), 0);
	assert_int_equal(sg_parse_word_list("--free", "local,remote", g->frees,
					    &g->nfrees, &e), 0);
	assert_int_equal(sg_parse_cpus("1,all", &on, g->cpus, &g->ncpus, &dropped, &e), 0);
	assert_int_equal(sg_parse_u64_list("--allocs", "0,1,8", g->allocs, &g->nallocs, &e), 0);

	assert_int_equal(sg_npoints(g), 2 * 1 * 1 * 2 * 2 * 3);
	assert_int_equal(sg_nlines(g), 8);
	assert_int_equal(sg_ngroups(g), 2 * 2 * 3);
	pts = sg_expand(g, &n);
	assert_non_null(pts);
	assert_int_equal(n, 24);

	/* allocs fastest, then cpus, free, (size), strategy, pattern. */
	assert_int_equal(pts[0].allocs, 0);
	assert_int_equal(pts[2].allocs, 8);
	assert_string_equal(pts[3].cpus->spec, "all");
	assert_string_equal(pts[5].free, "local");
	assert_string_equal(pts[6].free, "remote");
	assert_string_equal(pts[11].pattern, "skb");
	assert_string_equal(pts[12].pattern, "kmalloc");
	/* No --size: each pattern's own default. */
	assert_int_equal(pts[0].size, 1500);
	assert_int_equal(pts[12].size, 256);

	for (i = 0; i < n; i++) {
		assert_int_equal(pts[i].index, i);
		assert_int_equal(pts[i].line, i / 3);
		for (j = 0; j < n; j++) {
			bool same_but_cpus = !strcmp(pts[i].pattern, pts[j].pattern) &&
					     !strcmp(pts[i].free, pts[j].free) &&
					     pts[i].allocs == pts[j].allocs;

			/* A group is every point that differs only in cpus. */
			if ((pts[i].group == pts[j].group) != same_but_cpus)
				fail_msg("points %zu and %zu: groups %zu, %zu", i, j,
					 pts[i].group, pts[j].group);
		}
	}
	free(pts);

	/* --size applies to each pattern's own size knob. */
	assert_int_equal(sg_parse_u64_list("--size", "64,2048", g->sizes, &g->nsizes, &e), 0);
	pts = sg_expand(g, &n);
	assert_int_equal(n, 48);
	assert_int_equal(pts[0].size, 64);
	assert_int_equal(pts[12].size, 2048);
	assert_int_equal(pts[24].size, 64);
	assert_string_equal(pts[24].pattern, "kmalloc");
	free(pts);
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u64_lists),
		cmocka_unit_test(test_word_lists),
		cmocka_unit_test(test_cpus),
		cmocka_unit_test(test_cpus_rejects),
		cmocka_unit_test(test_expand),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
