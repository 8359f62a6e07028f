// SPDX-License-Identifier: GPL-2.0
/*
 * The "slabwall slabs" table on a fake /sys/kernel/slab: which rows, what
 * is in them, their order, and rates from two readings.
 */
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
#include "slabs_print.h"
#include "slabtable.h"

#define PAGE 4096

struct attr {
	const char *file, *content;
};

static void make_cache(const char *root, const char *dir,
		       const struct attr *attrs, size_t n)
{
	size_t i;

	fake_mkdir(root, dir);
	for (i = 0; i < n; i++)
		fake_write_in(root, dir, attrs[i].file, attrs[i].content);
}

/*
 * Three caches: a merged one with two aliases, a plain one, and one as an
 * older kernel shows it (no total_objects, cpu_slabs or slabs_cpu_partial).
 */
static void make_tree(const char *root)
{
	static const struct attr merged[] = {
		{ "object_size", "256\n" }, { "order", "1\n" },
		{ "objects", "300 N0=300\n" }, { "total_objects", "320 N0=320\n" },
		{ "slabs", "10 N0=10\n" }, { "partial", "2 N0=2\n" },
		{ "cpu_slabs", "3 C0=2 C1=1\n" },
		{ "slabs_cpu_partial", "16(1) C0=16(1)\n" },
	};
	static const struct attr plain[] = {
		{ "object_size", "192\n" }, { "order", "0\n" },
		{ "objects", "1000 N0=1000\n" }, { "total_objects", "1050 N0=1050\n" },
		{ "slabs", "50 N0=50\n" }, { "partial", "5 N0=5\n" },
		{ "cpu_slabs", "2 C0=1 C1=1\n" },
	};
	static const struct attr old[] = {
		{ "object_size", "64\n" }, { "order", "0\n" },
		{ "objects", "0 N0=0\n" }, { "slabs", "4 N0=4\n" },
		{ "partial", "0\n" },
	};

	make_cache(root, ":0000256", merged, sizeof(merged) / sizeof(merged[0]));
	fake_symlink(root, "slabwall_skbuff_head", ":0000256");
	fake_symlink(root, "filp", ":0000256");
	make_cache(root, "dentry", plain, sizeof(plain) / sizeof(plain[0]));
	make_cache(root, "old_cache", old, sizeof(old) / sizeof(old[0]));
	/* Neither shows up: a link to nothing and a stray file. */
	fake_symlink(root, "dangling", ":gone");
	fake_write(root, "stray", "1\n");
}

/* As a kernel without that attribute. */
static void remove_attr(const char *root, const char *rel)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(unlink(path), 0);
}

static int setup(void **state)
{
	*state = fake_mkdtemp();
	make_tree(*state);
	return 0;
}

static const struct st_row *row(const struct st_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].name, name))
			return &t->rows[i];
	fail_msg("no row %s", name);
	return NULL;
}

/* Lists, selects @names (all when NULL) and reads the fake tree. */
static void build(const char *root, char **names, size_t n,
		  struct st_table *t)
{
	struct sf_entry *ents;
	struct swerr e;
	size_t nents;

	assert_int_equal(sf_list(root, &ents, &nents, &e), 0);
	assert_int_equal(st_select(root, ents, nents, names, n, false, t, &e), 0);
	free(ents);
	assert_int_equal(st_read(root, PAGE, t, &e), 0);
}

static void test_list(void **state)
{
	struct sf_entry *ents;
	struct swerr e;
	size_t n;

	assert_int_equal(sf_list(*state, &ents, &n, &e), 0);
	assert_int_equal(n, 5);
	/* Sorted, aliases resolved, dangling link and file left out. */
	assert_string_equal(ents[0].name, ":0000256");
	assert_false(ents[0].is_alias);
	assert_string_equal(ents[1].name, "dentry");
	assert_string_equal(ents[2].name, "filp");
	assert_true(ents[2].is_alias);
	assert_string_equal(ents[2].real, ":0000256");
	assert_string_equal(ents[3].name, "old_cache");
	assert_string_equal(ents[4].name, "slabwall_skbuff_head");
	assert_string_equal(ents[4].real, ":0000256");
	free(ents);

	assert_int_equal(sf_list("/nonexistent/slab", &ents, &n, &e), -ENOENT);
	assert_non_null(strstr(e.msg, "/nonexistent/slab"));
}

static void test_all_caches_fold_aliases(void **state)
{
	const struct st_row *r;
	struct st_table t;

	build(*state, NULL, 0, &t);
	assert_int_equal(t.n, 3);
	r = row(&t, ":0000256");
	assert_int_equal(r->nalias, 2);
	assert_string_equal(r->alias[0], "filp");
	assert_string_equal(r->alias[1], "slabwall_skbuff_head");
	assert_true(r->have);
	assert_false(r->c.is_alias);
	assert_int_equal(r->c.objects.v, 300);
	assert_int_equal(r->c.total_objects.v, 320);
	assert_int_equal(r->c.cpu_slabs.v, 3);
	assert_int_equal(row(&t, "dentry")->nalias, 0);
	st_free(&t);
}

static void test_named_caches(void **state)
{
	char *names[] = { "slabwall_skbuff_head", "dentry", "filp", "dentry" };
	char *missing[] = { "dentry", "no_such", "../etc" };
	const struct st_row *r;
	struct sf_entry *ents;
	struct st_table t;
	struct swerr e;
	size_t nents;

	/* Two aliases of one cache and a repeated name: two rows. */
	build(*state, names, 4, &t);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.rows[0].name, ":0000256");
	assert_string_equal(t.rows[1].name, "dentry");
	r = &t.rows[0];
	assert_int_equal(r->nalias, 2);
	st_free(&t);

	assert_int_equal(sf_list(*state, &ents, &nents, &e), 0);
	assert_int_equal(st_select(*state, ents, nents, missing, 3, false, &t, &e),
			 -ENOENT);
	assert_non_null(strstr(e.msg, "no_such"));
	assert_non_null(strstr(e.msg, (char *)*state));
	assert_int_equal(t.n, 0);
	/* While watching, what went away is left out. */
	assert_int_equal(st_select(*state, ents, nents, missing, 3, true, &t, &e), 0);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.rows[0].name, "dentry");
	st_free(&t);
	free(ents);
}

static void test_derived_numbers_and_gaps(void **state)
{
	const struct st_row *r;
	struct st_table t;
	double pct;

	build(*state, NULL, 0, &t);

	/* 10 order-1 slabs of 4 KiB pages, 300 objects of 256 bytes. */
	r = row(&t, ":0000256");
	assert_int_equal(r->m.slab_bytes, 10 * 8192);
	assert_float_equal(r->m.bytes_per_object, 81920.0 / 300, 1e-9);
	assert_int_equal(r->m.loss_bytes, 81920 - 300 * 256);
	assert_true(st_loss_pct(r, &pct));
	assert_float_equal(pct, 100.0 * (81920 - 76800) / 81920, 1e-9);
	assert_true(st_partial_pct(r, &pct));
	assert_float_equal(pct, 20.0, 1e-9);

	/* The old kernel's cache: what is missing is absent, not zero. */
	r = row(&t, "old_cache");
	assert_true(r->have);
	assert_false(r->c.total_objects.present);
	assert_false(r->c.cpu_slabs.present);
	assert_true(r->m.have_slab_bytes);
	assert_int_equal(r->m.slab_bytes, 4 * PAGE);
	/* No live objects: no per-object figure, all of it is loss. */
	assert_false(r->m.have_per_object);
	assert_true(st_loss_pct(r, &pct));
	assert_float_equal(pct, 100.0, 1e-9);
	assert_true(st_partial_pct(r, &pct));
	assert_float_equal(pct, 0.0, 0);
	st_free(&t);
}

static void test_vanished_cache(void **state)
{
	char path[4200];
	struct sf_entry *ents;
	struct st_table t;
	struct swerr e;
	size_t nents;

	assert_int_equal(sf_list(*state, &ents, &nents, &e), 0);
	assert_int_equal(st_select(*state, ents, nents, NULL, 0, false, &t, &e), 0);
	free(ents);
	/* Unloaded between listing and reading. */
	snprintf(path, sizeof(path), "%s/old_cache", (char *)*state);
	fake_rmtree(path);
	assert_int_equal(st_read(*state, PAGE, &t, &e), 0);
	assert_false(row(&t, "old_cache")->have);
	assert_true(row(&t, "dentry")->have);
	st_free(&t);
}

/* Names of the rows in order, comma-separated. */
static const char *order(const struct st_table *t)
{
	static char buf[1024];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < t->n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
					i ? "," : "", t->rows[i].name);
	return buf;
}

static void test_sort(void **state)
{
	static const struct {
		const char *key, *order;
	} cases[] = {
		{ "name", ":0000256,dentry,old_cache" },
		/* dentry: 1000 objects, 50 slabs, 200 KiB, 5 partial. */
		{ "objects", "dentry,:0000256,old_cache" },
		{ "slabs", "dentry,:0000256,old_cache" },
		/* 80 KiB, 16 KiB. */
		{ "memory", "dentry,:0000256,old_cache" },
		/* 204800-192000, 81920-76800, 16384-0. */
		{ "loss", "old_cache,dentry,:0000256" },
		{ "partial", "dentry,:0000256,old_cache" },
	};
	struct st_table t;
	enum st_sort key;
	size_t i;

	build(*state, NULL, 0, &t);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(st_sort_parse(cases[i].key, &key), 0);
		assert_string_equal(st_sort_name(key), cases[i].key);
		st_sort(&t, key);
		assert_string_equal(order(&t), cases[i].order);
	}
	assert_int_equal(st_sort_parse("size", &key), -EINVAL);

	/* A value the kernel does not give sorts last, not as zero. */
	remove_attr(*state, "old_cache/partial");
	fake_write(*state, "dentry/partial", "0\n");
	st_free(&t);
	build(*state, NULL, 0, &t);
	assert_false(row(&t, "old_cache")->c.partial.present);
	st_sort(&t, ST_SORT_PARTIAL);
	assert_string_equal(order(&t), ":0000256,dentry,old_cache");
	st_free(&t);
}

static void test_rate_maths(void **state)
{
	struct opt_u64 a = { 100, true }, b = { 300, true }, none = { 0 };
	double r;

	(void)state;
	assert_true(st_rate(a, b, 2.0, &r));
	assert_float_equal(r, 100.0, 1e-12);
	/* Frees outrunning allocations: a negative rate. */
	assert_true(st_rate(b, a, 0.5, &r));
	assert_float_equal(r, -400.0, 1e-12);
	assert_true(st_rate(a, a, 1.0, &r));
	assert_float_equal(r, 0.0, 0);
	/* Far from zero the difference is still exact. */
	assert_true(st_rate((struct opt_u64){ (1ULL << 60) + 5, true },
			    (struct opt_u64){ (1ULL << 60) + 2, true }, 1.0, &r));
	assert_float_equal(r, -3.0, 0);
	assert_false(st_rate(none, b, 1.0, &r));
	assert_false(st_rate(a, none, 1.0, &r));
	assert_false(st_rate(a, b, 0.0, &r));
	assert_false(st_rate(a, b, -1.0, &r));
}

static void test_rates_between_tables(void **state)
{
	struct st_table prev, cur;
	const struct st_row *r;
	size_t i;

	build(*state, NULL, 0, &prev);
	fake_write(*state, "dentry/objects", "1600 N0=1600\n");
	fake_write(*state, "dentry/slabs", "44 N0=44\n");
	remove_attr(*state, "old_cache/slabs");
	build(*state, NULL, 0, &cur);
	/* Pretend the readings were 2 s apart, and sorted differently. */
	for (i = 0; i < cur.n; i++)
		cur.rows[i].t = prev.rows[0].t + 2.0;
	for (i = 0; i < prev.n; i++)
		prev.rows[i].t = prev.rows[0].t;
	st_sort(&prev, ST_SORT_MEMORY);
	st_rates(&cur, &prev);
	assert_true(cur.have_rates);
	assert_float_equal(cur.interval, 2.0, 1e-9);

	r = row(&cur, "dentry");
	assert_true(r->have_objects_rate);
	assert_float_equal(r->objects_rate, 300.0, 1e-9);
	assert_true(r->have_slabs_rate);
	assert_float_equal(r->slabs_rate, -3.0, 1e-9);
	r = row(&cur, ":0000256");
	assert_true(r->have_objects_rate);
	assert_float_equal(r->objects_rate, 0.0, 0);
	/* slabs went missing in the second reading: no slab rate. */
	r = row(&cur, "old_cache");
	assert_true(r->have_objects_rate);
	assert_false(r->have_slabs_rate);

	st_sort(&cur, ST_SORT_RATE);
	assert_string_equal(order(&cur), "dentry,:0000256,old_cache");
	st_free(&prev);
	st_free(&cur);
}

static void test_new_cache_has_no_rate(void **state)
{
	struct st_table prev, cur;

	build(*state, NULL, 0, &prev);
	fake_write(*state, "newcomer/objects", "5\n");
	build(*state, NULL, 0, &cur);
	st_rates(&cur, &prev);
	assert_false(row(&cur, "newcomer")->have_objects_rate);
	assert_true(row(&cur, "dentry")->have_objects_rate);
	st_free(&prev);
	st_free(&cur);
}

/* Prints @t into a string (free() it). */
static char *print(const struct st_table *t, bool json, bool rates)
{
	char *buf = NULL;
	size_t len = 0;
	struct jw w;
	FILE *f;

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (json) {
		jw_init(&w, f);
		jw_begin_obj(&w, NULL);
		slabs_print_json(&w, t, rates);
		jw_end_obj(&w);
	} else {
		slabs_print_text(f, t, rates);
	}
	fclose(f);
	return buf;
}

static const char *line_of(const char *text, const char *start)
{
	static char line[512];
	const char *p = strstr(text, start);
	size_t n;

	assert_non_null(p);
	n = strcspn(p, "\n");
	snprintf(line, sizeof(line), "%.*s", (int)n, p);
	return line;
}

static void test_printing(void **state)
{
	struct st_table t;
	char *out;

	build(*state, NULL, 0, &t);
	st_sort(&t, ST_SORT_NAME);

	out = print(&t, false, false);
	assert_non_null(strstr(out, "NAME"));
	assert_null(strstr(out, "NET OBJ/s"));
	/* Absent numbers show as "-"; 64-byte objects, none active, 4 slabs. */
	assert_non_null(strstr(line_of(out, "old_cache"),
			       "64         0         -       4       0     -   0"));
	/* Memory, per active object, loss 5120 of 81920, 2 of 10 partial, 2 aliases. */
	assert_non_null(strstr(line_of(out, ":0000256 "),
			       "80.0 KiB    273.1    6.2   20.0     2"));
	assert_non_null(strstr(out, "Aliases"));
	assert_non_null(strstr(line_of(out, "  :0000256"),
			       "filp slabwall_skbuff_head"));
	free(out);

	out = print(&t, false, true);
	assert_non_null(strstr(out, "NET OBJ/s"));
	free(out);

	out = print(&t, true, true);
	assert_non_null(strstr(out, "\"aliases\": [\n        \"filp\",\n        \"slabwall_skbuff_head\"\n      ]"));
	assert_non_null(strstr(out, "\"total_objects\": null"));
	assert_non_null(strstr(out, "\"bytes_per_active_object\": null"));
	assert_non_null(strstr(out, "\"slab_bytes\": 81920"));
	assert_non_null(strstr(out, "\"net_objects_per_s\": null"));
	free(out);
	out = print(&t, true, false);
	assert_null(strstr(out, "net_objects_per_s"));
	free(out);
	st_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_list, setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_all_caches_fold_aliases, setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_named_caches, setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_derived_numbers_and_gaps, setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_vanished_cache, setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_sort, setup, fake_teardown),
		cmocka_unit_test(test_rate_maths),
		cmocka_unit_test_setup_teardown(test_rates_between_tables, setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_new_cache_has_no_rate, setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_printing, setup, fake_teardown),
	};

	return cmocka_run_group_tests_name("slabs", tests, NULL, NULL);
}
