// SPDX-License-Identifier: GPL-2.0
/*
 * "slabwall slabs --nodes" on a fake /sys/kernel/slab of two nodes: the
 * N<node>= fields parsed and checked, per-node counts read, and the table
 * and JSON they make.
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
#include "jsonw.h"
#include "slabnodes.h"
#include "slabnodes_print.h"
#include "slabtable.h"

static uint64_t per_node[SN_MAX_NODES];

static void test_parse_two_nodes(void **state)
{
	unsigned int n;
	struct swerr e;

	(void)state;
	assert_int_equal(sn_parse("300 N0=200 N1=100\n", "objects", per_node,
				  &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(per_node[0], 200);
	assert_int_equal(per_node[1], 100);
	/* A node with none is left out by the kernel. */
	assert_int_equal(sn_parse("7 N1=7", "objects", per_node, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(per_node[0], 0);
	assert_int_equal(per_node[1], 7);
	/* An empty cache writes the total alone. */
	assert_int_equal(sn_parse("0\n", "partial", per_node, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(per_node[0], 0);
}

static void test_parse_without_numa(void **state)
{
	unsigned int n;
	struct swerr e;

	(void)state;
	assert_int_equal(sn_parse("42\n", "slabs", per_node, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(per_node[0], 42);
}

static void test_parse_refuses(void **state)
{
	static const char *const bad[] = {
		"", "x N0=1", "3 N0=1 N1=1",	/* nodes short of the total */
		"1 N0=2",			/* or over it */
		"1 C0=1", "1 N0", "1 N=1", "1 Nx=1", "1 N0=x",
		"1 N1024=1",			/* past the largest node */
		"1 N-1=1",
	};
	unsigned int n;
	struct swerr e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		e.msg[0] = '\0';
		assert_int_equal(sn_parse(bad[i], "/x/objects", per_node, &n, &e),
				 -EINVAL);
		/* The message names the file. */
		assert_non_null(strstr(e.msg, "/x/objects"));
	}
	assert_int_equal(sn_parse("9 N1023=9", "objects", per_node, &n, &e), 0);
	assert_int_equal(n, 1024);
}

/* Two caches on two nodes; the second as a kernel without total_objects. */
static void make_tree(const char *root)
{
	fake_write(root, "slabwall_dentry/objects", "1024 N1=1024\n");
	fake_write(root, "slabwall_dentry/total_objects", "1050 N0=21 N1=1029\n");
	fake_write(root, "slabwall_dentry/objects_partial", "40 N0=10 N1=30\n");
	fake_write(root, "slabwall_dentry/slabs", "50 N0=1 N1=49\n");
	fake_write(root, "slabwall_dentry/partial", "3 N0=1 N1=2\n");
	fake_write(root, "slabwall_dentry/object_size", "192\n");
	fake_write(root, "old/objects", "5 N0=5\n");
	fake_write(root, "old/objects_partial", "0\n");
	fake_write(root, "old/slabs", "1 N0=1\n");
	fake_write(root, "old/partial", "0\n");
	fake_write(root, "old/object_size", "64\n");
}

static void test_read_fake_tree(void **state)
{
	const char *root = *state;
	struct sn_counts c;
	struct swerr e;

	make_tree(root);
	assert_int_equal(sn_read(root, "slabwall_dentry", &c, &e), 0);
	assert_int_equal(c.nnodes, 2);
	assert_int_equal(sn_get(&c, SN_OBJECTS, 0), 0);
	assert_int_equal(sn_get(&c, SN_OBJECTS, 1), 1024);
	assert_int_equal(sn_get(&c, SN_TOTAL_OBJECTS, 0), 21);
	assert_int_equal(sn_get(&c, SN_OBJECTS_PARTIAL, 1), 30);
	assert_int_equal(sn_get(&c, SN_SLABS, 1), 49);
	assert_int_equal(sn_get(&c, SN_PARTIAL, 0), 1);
	assert_int_equal(sn_get(&c, SN_PARTIAL, 1), 2);
	/* Past what the kernel named: 0. */
	assert_int_equal(sn_get(&c, SN_PARTIAL, 5), 0);
	sn_free(&c);

	assert_int_equal(sn_read(root, "old", &c, &e), 0);
	assert_false(c.have[SN_TOTAL_OBJECTS]);
	assert_true(c.have[SN_OBJECTS]);
	assert_int_equal(c.nnodes, 1);
	assert_int_equal(sn_get(&c, SN_OBJECTS, 0), 5);
	sn_free(&c);
}

static void test_read_garbled(void **state)
{
	const char *root = *state;
	struct sn_counts c;
	struct swerr e;

	fake_write(root, "bad/objects", "10 N0=4 N1=4\n");
	assert_int_equal(sn_read(root, "bad", &c, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "bad/objects"));
	assert_non_null(strstr(e.msg, "add up to 8, not the total 10"));
}

/* Reads the tree into a table as "slabwall slabs" does. */
static void take(const char *root, struct st_table *t, struct sn_counts *nodes)
{
	char *names[] = { "slabwall_dentry", "old" };
	struct sf_entry *ents;
	struct swerr e;
	size_t n, i;

	assert_int_equal(sf_list(root, &ents, &n, &e), 0);
	assert_int_equal(st_select(root, ents, n, names, 2, false, t, &e), 0);
	free(ents);
	assert_int_equal(st_read(root, 4096, t, &e), 0);
	for (i = 0; i < t->n; i++)
		assert_int_equal(sn_read(root, t->rows[i].name, &nodes[i], &e), 0);
}

static char *print_to_string(const struct st_table *t,
			     const struct sn_counts *nodes, bool json)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct jw w;

	assert_non_null(f);
	if (json) {
		jw_init(&w, f);
		jw_begin_obj(&w, NULL);
		slabnodes_print_json(&w, t, nodes);
		jw_end_obj(&w);
	} else {
		slabnodes_print_text(f, t, nodes);
	}
	fclose(f);
	return out;
}

static void test_table(void **state)
{
	const char *root = *state;
	struct sn_counts nodes[2];
	struct st_table t;
	char *out;
	size_t i;

	make_tree(root);
	take(root, &t, nodes);
	out = print_to_string(&t, nodes, false);
	/* Every node for every cache; "-" where the kernel has no file. */
	assert_non_null(strstr(out, "slabwall_dentry    0           0          21           1           1          10\n"));
	assert_non_null(strstr(out, "\n                   1        1024        1029          49           2          30\n"));
	assert_non_null(strstr(out, "old                0           5           -           1           0           0\n"));
	assert_non_null(strstr(out, "\n                   1           0           -           0           0           0\n"));
	free(out);

	out = print_to_string(&t, nodes, true);
	assert_non_null(strstr(out,
		"      \"cache\": \"slabwall_dentry\",\n"
		"      \"node\": 1,\n"
		"      \"objects\": 1024,\n"
		"      \"total_objects\": 1029,\n"
		"      \"slabs\": 49,\n"
		"      \"partial\": 2,\n"
		"      \"objects_partial\": 30\n"));
	assert_non_null(strstr(out,
		"      \"cache\": \"old\",\n"
		"      \"node\": 0,\n"
		"      \"objects\": 5,\n"
		"      \"total_objects\": null,\n"));
	free(out);
	for (i = 0; i < t.n; i++)
		sn_free(&nodes[i]);
	st_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_two_nodes),
		cmocka_unit_test(test_parse_without_numa),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test_setup_teardown(test_read_fake_tree, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_read_garbled, fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_table, fake_setup, fake_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
