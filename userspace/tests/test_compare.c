// SPDX-License-Identifier: GPL-2.0
/* compare on small made-up tables shaped like a sweep.csv and a lab's table. */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "compare.h"
#include "compare_merge.h"

/* Strategies at two allocs and two free modes; one refused, one with no base. */
static const char sweep_csv[] =
	"point,pattern,strategy,allocs_per_op,cpus_spec,free,status,error,ops_per_sec,p99_ns\n"
	"0,skb,slab,8,all,local,ok,,1000,800\n"
	"1,skb,slab,64,all,local,ok,,100,10000\n"
	"2,skb,slab,64,all,remote,ok,,50,20000\n"
	"3,skb,pool,8,all,local,ok,,3000,300\n"
	"4,skb,pool,64.0,all,local,ok,,310,3800\n"
	"5,skb,pool,64,all,remote,ok,,200,5000\n"
	"6,skb,arena,64,all,local,refused,\"E2BIG, over the limit\",,\n"
	"7,skb,bulk,64,all,local,ok,,120,\n"
	"8,skb,bulk,64,1,local,ok,,130,9000\n";

static char *print_of(const struct cmp_opts *o, const struct cmp_report *r,
		      bool brief)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	cmp_print(f, o, r, brief);
	fclose(f);
	return buf;
}

static void parse(const char *text, struct csv_table *t)
{
	struct swerr e;

	assert_int_equal(csv_parse(text, "test", t, &e), 0);
}

static void at(struct cmp_opts *o, const char *col, const char *val)
{
	o->at[o->nat++] = (struct cmp_cond){ col, val };
}

static void test_strategies_at_64(void **state)
{
	struct cmp_opts o = { .by = "strategy", .base = "slab" };
	struct cmp_report r;
	struct csv_table t;
	struct swerr e;
	char *out;

	(void)state;
	parse(sweep_csv, &t);
	at(&o, "allocs_per_op", "64");
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	/* pool local and remote; bulk all-CPUs local (no p99); bulk 1 CPU has no base. */
	assert_int_equal(r.n, 3);
	assert_int_equal(r.no_base, 1);
	assert_int_equal(r.no_number, 0);
	assert_string_equal(r.res[0].value, "pool");
	assert_int_equal(r.res[0].base_row, 1);
	assert_float_equal(r.res[0].ratio, 3.1, 1e-12);
	assert_float_equal(r.res[0].tail_pct, -62, 1e-9);
	assert_int_equal(r.res[1].base_row, 2);
	assert_float_equal(r.res[1].ratio, 4, 1e-12);
	assert_true(isnan(r.res[2].tail_pct));

	out = print_of(&o, &r, false);
	assert_string_equal(out,
		"pool: 3.10x slab throughput at allocs_per_op=64 cpus_spec=all free=local, p99 -62%\n"
		"pool: 4.00x slab throughput at allocs_per_op=64 cpus_spec=all free=remote, p99 -75%\n"
		"bulk: 1.20x slab throughput at allocs_per_op=64 cpus_spec=all free=local\n");
	free(out);
	out = print_of(&o, &r, true);
	assert_string_equal(out,
		"allocs_per_op=64 cpus_spec=all free=local: pool 3.10x p99 -62%, bulk 1.20x\n"
		"allocs_per_op=64 cpus_spec=all free=remote: pool 4.00x p99 -75%\n");
	free(out);
	cmp_free(&r);
	csv_free(&t);
}

static void test_pinned_and_biggest(void **state)
{
	struct cmp_opts o = { .by = "strategy", .base = "slab" };
	struct cmp_report r;
	struct csv_table t;
	struct swerr e;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	parse(sweep_csv, &t);
	at(&o, "free", "local");
	at(&o, "cpus_spec", "all");
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	/* pool at 8 and at 64, bulk at 64: only allocs_per_op varies. */
	assert_int_equal(r.n, 3);
	assert_int_equal(cmp_biggest(&r), 1);	/* pool at 64: 3.1x beats 3.0x at 8 */
	assert_string_equal(r.res[0].where, "free=local cpus_spec=all allocs_per_op=8");
	assert_string_equal(r.res[1].where, "free=local cpus_spec=all allocs_per_op=64.0");

	f = open_memstream(&buf, &len);
	cmp_print_one(f, &o, &r.res[2]);
	fclose(f);
	assert_string_equal(buf, "bulk: 1.20x slab throughput at free=local cpus_spec=all allocs_per_op=64\n");
	free(buf);
	cmp_free(&r);
	csv_free(&t);
}

/* A lab's table: a setting column, a cost metric (lower is better), no p99. */
static void test_settings_cost(void **state)
{
	static const char csv[] =
		"setting,allocs_per_op,ns_per_alloc,status\n"
		"default,64,700,ok\n"
		"init_on_alloc=0,64,350,ok\n"
		"slab_nomerge,64,690,ok\n"
		"slub_debug,64,7700,ok\n"
		"default,8,600,ok\n";
	struct cmp_opts o = { .by = "setting", .base = "default",
			      .metric = "ns_per_alloc", .tail = "" };
	struct cmp_report r;
	struct csv_table t;
	struct swerr e;
	char *buf = NULL;
	size_t len = 0;
	long best;
	FILE *f;

	(void)state;
	parse(csv, &t);
	at(&o, "allocs_per_op", "64");
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	assert_int_equal(r.n, 3);
	best = cmp_biggest(&r);
	assert_int_equal(best, 2);
	f = open_memstream(&buf, &len);
	cmp_print_one(f, &o, &r.res[best]);
	cmp_print_one(f, &o, &r.res[0]);
	fclose(f);
	assert_string_equal(buf,
		"slub_debug: 11.0x default ns_per_alloc at allocs_per_op=64\n"
		"init_on_alloc=0: 0.50x default ns_per_alloc at allocs_per_op=64\n");
	free(buf);
	cmp_free(&r);

	/* An --at on the --by column leaves the base rows out: nothing to do. */
	o.nat = 0;
	at(&o, "setting", "init_on_alloc=0");
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	assert_int_equal(r.n, 0);	/* the base rows are not selected */
	cmp_free(&r);
	csv_free(&t);
}

/*
 * A CPU scaling sweep compared by ncpus: cpus_spec and cpus say the same
 * knob, so they cannot be keys a row and its base must share.
 */
static void test_by_ncpus(void **state)
{
	static const char csv[] =
		"point,pattern,allocs_per_op,cpus_spec,cpus,ncpus,free,status,ops_per_sec,p99_ns\n"
		"0,skb,8,1,0,1,local,ok,1000,800\n"
		"1,skb,8,all,0-1,2,local,ok,1900,900\n"
		"2,skb,8,1,0,1,remote,ok,800,800\n"
		"3,skb,8,all,0-1,2,remote,ok,1200,1600\n";
	struct cmp_opts o = { .by = "ncpus", .base = "1" };
	struct cmp_report r;
	struct csv_table t;
	struct swerr e;

	(void)state;
	parse(csv, &t);
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	assert_int_equal(r.no_base, 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.res[0].base_row, 0);
	assert_float_equal(r.res[0].ratio, 1.9, 1e-12);
	assert_int_equal(r.res[1].base_row, 2);
	assert_float_equal(r.res[1].ratio, 1.5, 1e-12);
	cmp_free(&r);
	csv_free(&t);

	/* And by cpus_spec, the same pairs. */
	parse(csv, &t);
	o.by = "cpus_spec";
	o.base = "1";
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.no_base, 0);
	cmp_free(&r);
	csv_free(&t);
}

static void test_keys_and_errors(void **state)
{
	struct cmp_opts o = { .by = "strategy", .base = "slab" };
	struct cmp_report r;
	struct csv_table t;
	struct swerr e;
	char arg[] = "allocs_per_op=64", bad[] = "=64", none[] = "free";
	struct cmp_cond c;

	(void)state;
	assert_int_equal(cmp_parse_cond("--at", arg, &c, &e), 0);
	assert_string_equal(c.col, "allocs_per_op");
	assert_string_equal(c.val, "64");
	assert_int_equal(cmp_parse_cond("--at", bad, &c, &e), -EINVAL);
	assert_int_equal(cmp_parse_cond("--at", none, &c, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "COLUMN=VALUE"));

	parse(sweep_csv, &t);
	/* Only allocs_per_op must agree: bulk on 1 CPU finds a base now. */
	o.keys[o.nkeys++] = "allocs_per_op";
	at(&o, "allocs_per_op", "64");
	at(&o, "free", "local");
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.no_base, 0);
	assert_int_equal(r.res[2].base_row, 1);
	assert_float_equal(r.res[2].ratio, 1.3, 1e-12);
	cmp_free(&r);

	o.keys[0] = "nope";
	assert_int_equal(cmp_run(&t, &o, &r, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "nope"));
	o.nkeys = 0;
	o.metric = "ops";
	assert_int_equal(cmp_run(&t, &o, &r, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "--metric"));
	o.metric = NULL;
	o.by = "strat";
	assert_int_equal(cmp_run(&t, &o, &r, &e), -EINVAL);
	csv_free(&t);
}

/* Two runs, the second without p99_ns: each against the first's slab. */
static void test_two_files(void **state)
{
	struct cmp_opts o = { .by = "strategy", .base = "6.1:slab" };
	const char *labels[] = { "6.1", "6.12" };
	struct csv_table in[2], t;
	struct cmp_report r;
	struct swerr e;
	char *out;

	(void)state;
	parse("strategy,allocs_per_op,status,ops_per_sec,p99_ns\n"
	      "slab,64,ok,100,1000\n"
	      "pool,64,ok,300,500\n", &in[0]);
	parse("allocs_per_op,strategy,ops_per_sec\n"
	      "64,slab,120\n"
	      "64,pool,240\n", &in[1]);
	assert_int_equal(cmp_merge(in, labels, 2, "strategy", &t, &e), 0);
	assert_int_equal(t.ncols, 5);
	assert_int_equal(t.nrows, 4);
	assert_string_equal(t.rows[2][0], "6.12:slab");
	assert_string_equal(t.rows[3][3], "240");
	assert_string_equal(t.rows[3][4], "");	/* no p99_ns there */
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	out = print_of(&o, &r, false);
	assert_string_equal(out,
		"6.1:pool: 3.00x 6.1:slab throughput, p99 -50%\n"
		"6.12:slab: 1.20x 6.1:slab throughput\n"
		"6.12:pool: 2.40x 6.1:slab throughput\n");
	free(out);
	cmp_free(&r);
	csv_free(&t);

	/* A file without the --by column is named. */
	assert_int_equal(cmp_merge(in, labels, 2, "free", &t, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "6.1: no column \"free\""));
	csv_free(&in[0]);
	csv_free(&in[1]);
}

/*
 * --decide: pool's range clears slab's, bulk's overlaps it, arena is
 * lower, kmem ran twice (too few runs), and remote has no _min/_max.
 */
static const char decide_csv[] =
	"strategy,free,runs,status,ops_per_sec,ops_per_sec_min,ops_per_sec_max\n"
	"slab,local,5,ok,100,90,110\n"
	"pool,local,5,ok,300,280,320\n"
	"bulk,local,5,ok,120,100,130\n"
	"arena,local,5,ok,50,45,80\n"
	"kmem,local,2,ok,300,280,320\n"
	"slab,remote,5,ok,100,,\n"
	"pool,remote,5,ok,300,,\n";

static void test_decide(void **state)
{
	struct cmp_opts o = { .by = "strategy", .base = "slab", .tail = "",
			      .decide = true };
	struct cmp_report r;
	struct csv_table t;
	struct swerr e;
	char *out;

	(void)state;
	assert_int_equal(cmp_decide(1.1, 1.5, 1), CMP_HIGHER);
	assert_int_equal(cmp_decide(0.5, 0.99, 1), CMP_LOWER);
	assert_int_equal(cmp_decide(0.9, 1.5, 1), CMP_INCONCLUSIVE);
	assert_int_equal(cmp_decide(1.2, 1.4, 1.5), CMP_LOWER);
	assert_int_equal(cmp_decide(1.4, 1.6, 1.5), CMP_INCONCLUSIVE);
	assert_int_equal(cmp_decide(NAN, 2, 1), CMP_INCONCLUSIVE);
	assert_int_equal(cmp_decide(1.2, NAN, 1), CMP_INCONCLUSIVE);
	assert_int_equal(cmp_decide(1.2, INFINITY, 1), CMP_HIGHER);

	parse(decide_csv, &t);
	at(&o, "free", "local");
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	assert_int_equal(r.n, 4);
	assert_float_equal(r.res[0].lo, 280.0 / 110, 1e-12);
	assert_float_equal(r.res[0].hi, 320.0 / 90, 1e-12);
	assert_int_equal(r.res[0].decision, CMP_HIGHER);
	assert_int_equal(r.res[1].decision, CMP_INCONCLUSIVE);
	assert_int_equal(r.res[2].decision, CMP_LOWER);	/* 80 / 90 < 1 */
	assert_int_equal(r.res[3].runs, 2);
	assert_int_equal(r.res[3].decision, CMP_INCONCLUSIVE);
	out = print_of(&o, &r, false);
	assert_string_equal(out,
		"pool: higher: 3.00x slab throughput (2.55-3.56x over the runs) at free=local\n"
		"bulk: inconclusive: 1.20x slab throughput (0.91-1.44x over the runs: ranges overlap) at free=local\n"
		"arena: lower: 0.50x slab throughput (0.41-0.89x over the runs) at free=local\n"
		"kmem: inconclusive: 3.00x slab throughput (no range: 2 run(s), 3 needed) at free=local\n");
	free(out);
	out = print_of(&o, &r, true);
	assert_string_equal(out,
		"free=local: pool 3.00x (2.55-3.56x) higher, bulk 1.20x (0.91-1.44x) inconclusive, "
		"arena 0.50x (0.41-0.89x) lower, kmem 3.00x (no range) inconclusive\n");
	free(out);
	cmp_free(&r);

	/* Against 3x: pool's 2.55-3.56 spans it; no _min/_max decides nothing. */
	o.threshold = 3;
	o.nat = 0;
	at(&o, "free", "remote");
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.res[0].decision, CMP_INCONCLUSIVE);
	out = print_of(&o, &r, false);
	assert_string_equal(out,
		"pool: inconclusive than 3.00x: 3.00x slab throughput "
		"(no range: no ops_per_sec_min and ops_per_sec_max) at free=remote\n");
	free(out);
	cmp_free(&r);
	o.nat = 0;
	at(&o, "free", "local");
	assert_int_equal(cmp_run(&t, &o, &r, &e), 0);
	assert_int_equal(r.res[0].decision, CMP_INCONCLUSIVE);
	assert_int_equal(r.res[2].decision, CMP_LOWER);
	out = print_of(&o, &r, false);
	assert_non_null(strstr(out, "pool: inconclusive than 3.00x: 3.00x slab throughput "
			       "(2.55-3.56x over the runs: spans 3.00x)"));
	free(out);
	cmp_free(&r);
	csv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_files),
		cmocka_unit_test(test_strategies_at_64),
		cmocka_unit_test(test_pinned_and_biggest),
		cmocka_unit_test(test_settings_cost),
		cmocka_unit_test(test_keys_and_errors),
		cmocka_unit_test(test_by_ncpus),
		cmocka_unit_test(test_decide),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
