// SPDX-License-Identifier: GPL-2.0
/*
 * Preparing a point against a fake module directory: every knob is
 * written, so values left by an earlier run or by hand cannot skew it.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fakefs.h"
#include "sweep_exec.h"
#include "sweep_one.h"

/* Every knob of docs/debugfs.md, at a value no sweep would pick. */
static const char *const leftovers[][2] = {
	{ "pattern", "dentry" }, { "strategy", "pool" },
	{ "allocs_per_op", "3" }, { "object_size", "999" },
	{ "data_size", "7" }, { "name_len", "200" }, { "cpus", "1" },
	{ "free", "remote" }, { "work_bytes", "5" }, { "duration_ms", "9" },
	{ "rate", "11" }, { "mem_limit_kb", "64" }, { "survive_every", "7" },
	{ "survivors_max", "9" }, { "fail_every", "3" },
	{ "time_every", "5" },
	{ "typesafe_rcu", "1" }, { "alloc_node", "3" },
};

static void fake_module(const char *dir)
{
	size_t i;

	for (i = 0; i < sizeof(leftovers) / sizeof(leftovers[0]); i++)
		fake_write(dir, leftovers[i][0], leftovers[i][1]);
	fake_write(dir, "control", "idle\n");
}

static void test_prepare_writes_every_knob(void **state)
{
	const char *dir = *state;
	struct sg_cpus cpus = { "1", "0", 1 };
	struct sweep_settings set = {
		.dir = dir, .repeat = 1, .duration_ms = 100, .work_bytes = 0,
		.rate = 0, .mem_limit_kb = 131072, .survive_every = 0,
		.survivors_max = 4096, .fail_every = 0, .time_every = 1,
		.alloc_node = "-1",
	};
	struct sr_point p = { 0 };
	struct swerr e;

	p.pt.pattern = "skb";
	p.pt.strategy = "slab";
	p.pt.free = "local";
	p.pt.cpus = &cpus;
	p.pt.allocs = 8;
	p.sizes = (struct swp_sizes){ 256, 1500, 24 };
	fake_module(dir);

	assert_int_equal(sx_prepare(&p, &set, &e), 0);
	assert_string_equal(fake_read(dir, "pattern"), "skb\n");
	assert_string_equal(fake_read(dir, "strategy"), "slab\n");
	assert_string_equal(fake_read(dir, "allocs_per_op"), "8\n");
	assert_string_equal(fake_read(dir, "object_size"), "256\n");
	assert_string_equal(fake_read(dir, "data_size"), "1500\n");
	assert_string_equal(fake_read(dir, "name_len"), "24\n");
	assert_string_equal(fake_read(dir, "cpus"), "0\n");
	assert_string_equal(fake_read(dir, "free"), "local\n");
	assert_string_equal(fake_read(dir, "work_bytes"), "0\n");
	assert_string_equal(fake_read(dir, "duration_ms"), "100\n");
	assert_string_equal(fake_read(dir, "rate"), "0\n");
	assert_string_equal(fake_read(dir, "mem_limit_kb"), "131072\n");
	assert_string_equal(fake_read(dir, "survive_every"), "0\n");
	assert_string_equal(fake_read(dir, "survivors_max"), "4096\n");
	assert_string_equal(fake_read(dir, "fail_every"), "0\n");
	assert_string_equal(fake_read(dir, "time_every"), "1\n");
	assert_string_equal(fake_read(dir, "typesafe_rcu"), "0\n");
	assert_string_equal(fake_read(dir, "alloc_node"), "-1\n");
}

/*
 * run's point: the module's knobs with the command line's on top, every
 * one written back, so the knobs run does not take keep their values.
 */
static void test_one_point_from_knobs(void **state)
{
	const char *dir = *state;
	const char *val[K_COUNT] = { 0 };
	struct sweep_one *one = calloc(1, sizeof(*one));
	struct sr_point *p = &one->point;
	struct swerr e;

	assert_non_null(one);
	fake_module(dir);
	val[K_PATTERN] = "kmalloc";
	val[K_SIZE] = "512";
	val[K_DURATION] = "250";
	val[K_MEM] = "256";
	assert_int_equal(sweep_one_init(one, dir, val, &e), 0);
	assert_string_equal(p->pt.pattern, "kmalloc");
	assert_string_equal(p->pt.strategy, "pool");
	assert_string_equal(p->pt.free, "remote");
	assert_string_equal(p->pt.cpus->list, "1");
	assert_int_equal(p->pt.cpus->n, 1);
	assert_int_equal(p->pt.allocs, 3);
	assert_string_equal(p->size_knob, "object_size");
	assert_int_equal(p->pt.size, 512);
	assert_int_equal(p->sizes.object_size, 512);
	assert_int_equal(p->sizes.data_size, 7);
	assert_int_equal(p->sizes.name_len, 200);
	assert_int_equal(one->set.duration_ms, 250);
	assert_int_equal(one->set.work_bytes, 5);
	assert_int_equal(one->set.rate, 11);
	assert_int_equal(one->set.mem_limit_kb, 256);
	assert_int_equal(one->set.survive_every, 7);
	assert_int_equal(one->set.survivors_max, 9);
	assert_int_equal(one->set.fail_every, 3);
	assert_int_equal(one->set.time_every, 5);
	assert_int_equal(one->set.typesafe_rcu, 1);

	assert_int_equal(sx_prepare(p, &one->set, &e), 0);
	assert_string_equal(fake_read(dir, "pattern"), "kmalloc\n");
	assert_string_equal(fake_read(dir, "object_size"), "512\n");
	assert_string_equal(fake_read(dir, "duration_ms"), "250\n");
	assert_string_equal(fake_read(dir, "mem_limit_kb"), "256\n");
	/* No --node: the module's alloc_node is left as it was. */
	assert_string_equal(fake_read(dir, "alloc_node"), "3");
	assert_string_equal(fake_read(dir, "survive_every"), "7\n");
	assert_string_equal(fake_read(dir, "fail_every"), "3\n");
	assert_string_equal(fake_read(dir, "time_every"), "5\n");
	assert_string_equal(fake_read(dir, "typesafe_rcu"), "1\n");

	/* A pattern the tool does not know: said, nothing written. */
	val[K_PATTERN] = "slabby";
	assert_int_equal(sweep_one_init(one, dir, val, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "\"slabby\""));
	assert_string_equal(fake_read(dir, "pattern"), "kmalloc\n");
	free(one);
}

/*
 * A word knob reads back with every word it takes, the chosen one in
 * brackets: a list longer than the word's own buffer still gives the word.
 */
static void test_one_point_reads_a_long_word_list(void **state)
{
	const char *dir = *state;
	const char *val[K_COUNT] = { 0 };
	struct sweep_one *one = calloc(1, sizeof(*one));
	struct swerr e;

	assert_non_null(one);
	fake_module(dir);
	fake_write(dir, "strategy",
		   "slab bulk pool arena mempool [arena_keep] and_some_more\n");
	fake_write(dir, "free", "[local] remote\n");
	assert_int_equal(sweep_one_init(one, dir, val, &e), 0);
	assert_string_equal(one->point.pt.strategy, "arena_keep");
	assert_string_equal(one->point.pt.free, "local");
	free(one);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prepare_writes_every_knob,
						fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_one_point_from_knobs,
						fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_one_point_reads_a_long_word_list,
						fake_setup, fake_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
