// SPDX-License-Identifier: GPL-2.0
/*
 * A made-up sweep, through the knees, the CSV, JSON and table writers, and
 * back through plot's reader: every row has the header's columns, and the
 * knees land where the numbers put them.
 */
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

#include "csvr.h"
#include "fakefs.h"
#include "plot_gp.h"
#include "sweep_files.h"
#include "sweep_out.h"

/* Net cost per allocation: flat, then 2.5x from 32 allocations on. */
static double cost(uint64_t allocs)
{
	return allocs >= 32 ? 1500 : 600;
}

/* Throughput against one CPU: local scales, remote does not. */
static double scale(const struct sr_point *p)
{
	if (p->pt.cpus->n == 1)
		return 1;
	return strcmp(p->pt.free, "remote") ? 1.9 : 1.2;
}

/* The index of stat @key in sr_stats, or -1. */
static int stat_index(const char *key)
{
	size_t i;

	for (i = 0; i < SR_NSTATS; i++)
		if (!strcmp(sr_stats[i].key, key))
			return (int)i;
	return -1;
}

static void fake_runs(struct sweep_result *r)
{
	struct sr_point *p;
	struct sr_run *run;
	double ns_op;
	size_t i, k;

	for (i = 0; i < r->npoints; i++) {
		p = &r->points[i];
		p->status = SR_OK;
		p->size_knob = "data_size";
		p->sizes = (struct swp_sizes){ 256, p->pt.size, 24 };
		p->ncaches = 1;
		strcpy(p->caches[0], "slabwall_skbuff_head");
		for (k = 0; k < r->set.repeat; k++) {
			run = &p->runs[k];
			sr_run_clear(run);
			/* The null operation costs 200 ns; runs differ by +-1%. */
			ns_op = (200 + (double)p->pt.allocs * cost(p->pt.allocs)) *
				(1 + 0.01 * ((double)k - 1));
			run->stat[SR_NS_PER_OP] = ns_op;
			run->stat[SR_NS_PER_ALLOC] = p->pt.allocs ? ns_op / (double)p->pt.allocs : 0;
			run->stat[SR_OPS_PER_SEC] = 1e9 / ns_op * scale(p);
			run->stat[SR_P99_NS] = ns_op * 2;
			run->stat[SR_OPS] = run->stat[SR_OPS_PER_SEC] / 5;
			run->cache[0][SR_D_SLABS] = (double)k;
			run->mem[SR_M_SLAB_KB] = 4;
			if (stat_index("cross_node_allocs") >= 0)
				run->stat[stat_index("cross_node_allocs")] =
					(double)(i + 5 + k);
			p->nruns++;
		}
		sr_summarize(p);
	}
}

struct fixture {
	struct sweep_grid g;
	struct sweep_result r;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sweep_point *pts;
	struct cpuset on;
	size_t n, dropped;

	if (!fx)
		return -1;
	cpulist_parse("0-1", &on, NULL);
	if (sg_parse_word_list("--pattern", "skb", fx->g.patterns, &fx->g.npatterns, NULL) ||
	    sg_parse_word_list("--strategy", "slab", fx->g.strategies, &fx->g.nstrategies, NULL) ||
	    sg_parse_word_list("--free", "local,remote", fx->g.frees, &fx->g.nfrees, NULL) ||
	    sg_parse_cpus("1,all", &on, fx->g.cpus, &fx->g.ncpus, &dropped, NULL) ||
	    sg_parse_u64_list("--allocs", "0,1,2,4,8,16,32,64", fx->g.allocs,
			      &fx->g.nallocs, NULL))
		return -1;
	fx->r.set = (struct sweep_settings){
		.repeat = 3, .duration_ms = 200, .mem_limit_kb = 131072,
		.alloc_node = "0",
		.knee_ratio = SR_KNEE_RATIO, .base_lo = SR_BASE_LO,
		.base_hi = SR_BASE_HI, .min_eff = SR_MIN_EFF,
		.version = "slabwall test", .kernel = "6.12.0-test",
		.online = "0-1", .started = "2025-01-01T00:00:00Z",
	};
	pts = sg_expand(&fx->g, &n);
	if (!pts || sr_init(&fx->r, pts, n, sg_nlines(&fx->g), sg_ngroups(&fx->g)))
		return -1;
	free(pts);
	fake_runs(&fx->r);
	sr_find_knees(&fx->r);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	sr_free(&fx->r);
	free(fx);
	return 0;
}

/* Runs @fn into a string; free() it. */
static char *capture(void (*fn)(FILE *, const struct sweep_result *),
		     const struct sweep_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	fn(f, r);
	fclose(f);
	return buf;
}

static void test_knees(void **state)
{
	struct fixture *fx = *state;
	const struct sr_point *p;
	size_t i;

	assert_int_equal(fx->r.nlines, 4);
	for (i = 0; i < fx->r.nlines; i++) {
		assert_true(fx->r.lines[i].net);
		assert_int_equal(fx->r.lines[i].knee.status, KNEE_FOUND);
		assert_float_equal(fx->r.lines[i].knee.x, 32, 0);
		assert_float_equal(fx->r.lines[i].knee.baseline, 600, 1e-6);
	}
	for (i = 0; i < fx->r.ngroups; i++) {
		p = fx->r.groups[i].first;
		if (!strcmp(p->pt.free, "remote")) {
			assert_int_equal(fx->r.groups[i].knee.status, KNEE_FOUND);
			assert_float_equal(fx->r.groups[i].knee.x, 1, 0);
		} else {
			assert_int_equal(fx->r.groups[i].knee.status, KNEE_NONE);
		}
		assert_float_equal(fx->r.groups[i].knee.speedup,
				   strcmp(p->pt.free, "remote") ? 1.9 : 1.2, 1e-9);
	}
	/* The median run, and its spread of +-1%. */
	p = &fx->r.points[3];	/* local, 1 CPU, 4 allocs */
	assert_int_equal(p->pt.allocs, 4);
	assert_float_equal(p->stat[SR_NS_PER_OP].med, 2600, 1e-6);
	assert_float_equal(p->stat[SR_NS_PER_OP].min, 2574, 1e-6);
	assert_float_equal(p->stat[SR_NS_PER_OP].max, 2626, 1e-6);
	assert_float_equal(p->net_ns_per_alloc, 600, 1e-6);
	assert_true(isnan(fx->r.points[0].net_ns_per_alloc));	/* allocs 0 */
	assert_float_equal(p->cache_delta[0][SR_D_SLABS], 1, 0);
}

static int csv_write(FILE *f, const struct sweep_result *r)
{
	return sweep_write_csv(f, r);
}

/*
 * @r's sweep.csv, read back into @t (csv_free() it); the reader refuses a
 * line whose field count is not the header's.
 */
static void csv_read_back(const struct sweep_result *r, struct csv_table *t)
{
	char *buf = NULL;
	struct swerr e;
	size_t len;
	FILE *f;

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(csv_write(f, r), 0);
	fclose(f);
	if (csv_parse(buf, "sweep.csv", t, &e))
		fail_msg("%s", e.msg);
	free(buf);
}

static void test_csv(void **state)
{
	struct fixture *fx = *state;
	int knee, cpu_knee, free_col, allocs, net, status;
	struct csv_table t;
	size_t i;

	csv_read_back(&fx->r, &t);
	assert_int_equal(t.nrows, fx->r.npoints);
	assert_true(t.ncols > 60);

	knee = csv_col(&t, "alloc_knee");
	cpu_knee = csv_col(&t, "cpu_knee");
	free_col = csv_col(&t, "free");
	allocs = csv_col(&t, "allocs_per_op");
	net = csv_col(&t, "net_ns_per_alloc");
	status = csv_col(&t, "status");
	assert_true(knee >= 0 && cpu_knee >= 0 && free_col >= 0 && allocs >= 0 &&
		    net >= 0 && status >= 0);
	assert_true(csv_col(&t, "ops_per_sec_min") >= 0);
	assert_true(csv_col(&t, "cache1_d_slab_bytes") >= 0);
	assert_true(csv_col(&t, "meminfo_d_sunreclaim_kb") >= 0);
	for (i = 0; i < t.nrows; i++) {
		assert_string_equal(t.rows[i][knee], "32");
		assert_string_equal(t.rows[i][status], "ok");
		assert_string_equal(t.rows[i][cpu_knee],
				    strcmp(t.rows[i][free_col], "remote") ? "" : "1");
		if (!strcmp(t.rows[i][allocs], "4"))
			assert_string_equal(t.rows[i][net], "600");
		if (!strcmp(t.rows[i][allocs], "0"))
			assert_string_equal(t.rows[i][net], "");
	}
	csv_free(&t);
}

/*
 * The node and the counters added later come after every older column,
 * so a reader that counted columns before still finds its own.
 */
static void test_csv_later_columns_last(void **state)
{
	static const char *const later[] = {
		"alloc_node", "reserve_hits", "arena_blocks",
		"cross_node_allocs", "cross_node_frees", "pool_misses",
		"survivors",
	};
	struct fixture *fx = *state;
	int last_old, col, st;
	struct csv_table t;
	size_t i;

	csv_read_back(&fx->r, &t);
	last_old = csv_col(&t, "cpu_speedup");
	assert_true(last_old >= 0);
	for (i = 0; i < sizeof(later) / sizeof(later[0]); i++) {
		col = csv_col(&t, later[i]);
		if (col <= last_old)
			fail_msg("column %s at %d, not after cpu_speedup (%d)",
				 later[i], col, last_old);
		assert_int_equal(col, last_old + 1 + (int)i);
	}
	assert_int_equal(t.ncols, last_old + 1 + (int)i);
	assert_string_equal(t.rows[0][csv_col(&t, "alloc_node")], "0");
	/* The counters are the medians of the runs, as the others. */
	st = stat_index("cross_node_allocs");
	assert_true(st >= 0);
	assert_string_equal(t.rows[1][csv_col(&t, "cross_node_allocs")], "7");
	csv_free(&t);
}

static void test_json_and_table(void **state)
{
	struct fixture *fx = *state;
	char *json = capture(sweep_write_json, &fx->r);
	char *table = capture(sweep_write_table, &fx->r);

	assert_non_null(strstr(json, "\"knee_allocs\": 32"));
	assert_non_null(strstr(json, "\"knee_cpus\": 1"));
	assert_non_null(strstr(json, "\"metric\": \"net_ns_per_alloc\""));
	assert_non_null(strstr(json, "\"ops_per_sec\": {"));
	assert_non_null(strstr(json, "\"alloc_node\": 0"));
	assert_non_null(strstr(json, "\"cross_node_frees\": {"));
	assert_non_null(strstr(json, "\"reserve_hits\": {"));
	assert_non_null(strstr(table, "<- knee"));
	assert_non_null(strstr(table, "knee at 32 allocs"));
	assert_non_null(strstr(table, "kernel 6.12.0-test"));
	free(json);
	free(table);
}

/*
 * One run of each point from 32 on as cheap as the baseline (the host
 * slowed the other two): the medians rise 2.5x, the spread says noise.
 */
static void test_rise_within_noise(void **state)
{
	struct fixture *fx = *state;
	const struct sr_line *l;
	struct sr_point *p;
	char *json, *table;
	size_t i;

	for (i = 0; i < fx->r.npoints; i++) {
		p = &fx->r.points[i];
		if (p->pt.line != 0 || p->pt.allocs < 32)
			continue;
		p->runs[0].stat[SR_NS_PER_OP] = 200 + (double)p->pt.allocs * 600;
		sr_summarize(p);
	}
	sr_find_knees(&fx->r);
	l = &fx->r.lines[0];
	assert_int_equal(l->knee.status, KNEE_NOISY);
	assert_float_equal(l->knee.noisy_x, 32, 0);
	/* The baseline's runs reach 1% over 600 ns, with the null's spread. */
	assert_true(l->knee.base_top > 600 && l->knee.base_top < 700);
	assert_int_equal(fx->r.lines[1].knee.status, KNEE_FOUND);
	json = capture(sweep_write_json, &fx->r);
	table = capture(sweep_write_table, &fx->r);
	assert_non_null(strstr(json, "\"status\": \"within_noise\""));
	assert_non_null(strstr(table, "the rise at 32 allocs is within the runs' spread"));
	free(json);
	free(table);
}

static void test_plot_reads_it(void **state)
{
	struct fixture *fx = *state;
	struct plot_data *d = calloc(1, sizeof(*d));
	char *csv = NULL, *gp = NULL;
	struct csv_table t;
	size_t len;
	struct swerr e;
	FILE *f;

	assert_non_null(d);
	f = open_memstream(&csv, &len);
	csv_write(f, &fx->r);
	fclose(f);
	assert_int_equal(csv_parse(csv, "sweep.csv", &t, &e), 0);
	if (plot_data_from_csv(&t, "sweep.csv", d, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(d->nlines, 4);
	assert_true(d->any_zero);
	assert_int_equal(d->nx, 7);		/* 1..64 */
	assert_float_equal(d->x_zero, 0.5, 0);
	assert_float_equal(d->lines[0].knee, 32, 0);
	assert_string_equal(d->lines[0].title, "1 CPU, local free");
	assert_string_equal(d->lines[3].title, "2 CPUs, remote free");
	/* local and remote of the same CPUs share a colour. */
	assert_int_equal(d->lines[0].color, d->lines[2].color);
	assert_true(d->lines[0].color != d->lines[1].color);

	f = open_memstream(&gp, &len);
	plot_write_script(f, d, plot_terminal("wall.svg", false), "wall.svg");
	fclose(f);
	assert_non_null(strstr(gp, "set terminal svg"));
	assert_non_null(strstr(gp, "$L3 << EOD"));
	assert_non_null(strstr(gp, "knee at 32"));
	assert_non_null(strstr(gp, "'0' 0.5"));
	free(gp);
	csv_free(&t);
	free(csv);

	/* A CSV that is not a sweep's says which column it lacks. */
	assert_int_equal(csv_parse("a,b\n1,2\n", "x.csv", &t, &e), 0);
	assert_int_equal(plot_data_from_csv(&t, "x.csv", d, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "x.csv: no column \"allocs_per_op\""));
	csv_free(&t);
	free(d);
}

static void test_plot_text(void **state)
{
	char *buf = NULL;
	size_t len;
	FILE *f;

	(void)state;
	f = open_memstream(&buf, &len);
	plot_put_text(f, "data_size 'x' {a}^2");
	fclose(f);
	assert_string_equal(buf, "'data\\_size ''x'' \\{a\\}\\^2'");
	free(buf);

	assert_non_null(strstr(plot_terminal("w.png", true), "pngcairo"));
	assert_true(!strncmp(plot_terminal("w.PNG", false), "png ", 4));
	assert_non_null(strstr(plot_terminal("dir.d/w.svg", false), "svg"));
	assert_null(plot_terminal("w.pdf", true));
	assert_null(plot_terminal("wall", true));
}

static size_t lines_of(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;
	int c;

	assert_non_null(f);
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/*
 * --out: rows reach sweep.csv as points finish, an earlier sweep is kept
 * unless forced, a path that cannot be a directory is said.
 */
static void test_files(void **state)
{
	struct fixture *fx = *state;
	struct sweep_result *r = &fx->r;
	static const char *const knees[] = {
		"alloc_knee", "alloc_knee_metric", "alloc_knee_baseline",
		"cpu_knee", "cpu_speedup",
	};
	char out[512], csv[600], bad[512];
	struct sweep_files sf;
	struct csv_table t;
	size_t i;
	char *dir = fake_mkdtemp();
	struct swerr e;

	snprintf(out, sizeof(out), "%s/out/sub", dir);
	snprintf(csv, sizeof(csv), "%s/sweep.csv", out);
	assert_int_equal(swf_open(&sf, out, false, r, &e), 0);
	assert_int_equal(lines_of(csv), 1);
	r->knees_found = false;
	assert_int_equal(swf_row(&sf, r, &r->points[0], &e), 0);
	assert_int_equal(lines_of(csv), 2);
	assert_int_equal(swf_row(&sf, r, &r->points[1], &e), 0);
	assert_int_equal(lines_of(csv), 3);
	/* No knee yet: the five knee fields are empty. */
	assert_int_equal(csv_parse(fake_read(out, "sweep.csv"), csv, &t, &e), 0);
	assert_non_null(strstr(fake_read(out, "sweep.csv"), ",,,,,0,"));
	for (i = 0; i < 5; i++)
		assert_string_equal(t.rows[1][csv_col(&t, knees[i])], "");
	csv_free(&t);
	r->knees_found = true;
	assert_int_equal(swf_finish(&sf, r, &e), 0);
	assert_int_equal(lines_of(csv), r->npoints + 1);
	assert_true(strlen(fake_read(out, "sweep.json")) > 0);
	assert_true(strlen(fake_read(out, "table.txt")) > 0);

	assert_int_equal(swf_open(&sf, out, false, r, &e), -EEXIST);
	assert_non_null(strstr(e.msg, csv));
	assert_non_null(strstr(e.msg, "--force"));
	assert_int_equal(lines_of(csv), r->npoints + 1);
	assert_int_equal(swf_open(&sf, out, true, r, &e), 0);
	assert_int_equal(lines_of(csv), 1);
	swf_discard(&sf);

	fake_write(dir, "file", "x");
	snprintf(bad, sizeof(bad), "%s/file/out", dir);
	assert_true(swf_open(&sf, bad, false, r, &e) < 0);
	assert_non_null(strstr(e.msg, "/file"));

	fake_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_knees),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_later_columns_last),
		cmocka_unit_test(test_json_and_table),
		cmocka_unit_test(test_plot_reads_it),
		cmocka_unit_test(test_plot_text),
		cmocka_unit_test(test_files),
		/* Last: it changes the shared sweep. */
		cmocka_unit_test(test_rise_within_noise),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
