// SPDX-License-Identifier: GPL-2.0
/*
 * trace_read on the committed traces of two skb runs recorded in the VM on
 * 6.12 (2 CPUs, 10 ms, 8 allocs/op, freed remote resp. local): the trace's
 * counts for the run's caches against the module's own totals, which
 * tests/data/skb-*.stats hold.  Run from userspace/ (make test).
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

#include "fileio.h"
#include "swstats.h"
#include "trace_check.h"
#include "trace_read.h"

#define DATA "tests/data/"
#define SKB_CACHE "slabwall_skbuff_head"
/* skb data: data_size 1500 plus headroom and shared info, a 2 KiB kmalloc */
#define SKB_DATA_CACHE "kmalloc-2k"

struct stats {
	uint64_t ops, allocs, frees, remote_frees;
};

static void read_stats(const char *path, struct stats *s)
{
	struct sw_stats st;
	struct swerr e;
	size_t len;
	char *text;

	if (fio_read_alloc(path, &text, &len, &e))
		fail_msg("%s", e.msg);
	sw_stats_init(&st);
	assert_int_equal(sw_stats_parse(&st, text, path, &e), 0);
	assert_int_equal(sw_stats_u64(&st, "ops", &s->ops), 0);
	assert_int_equal(sw_stats_u64(&st, "allocs", &s->allocs), 0);
	assert_int_equal(sw_stats_u64(&st, "frees", &s->frees), 0);
	assert_int_equal(sw_stats_u64(&st, "remote_frees", &s->remote_frees), 0);
	sw_stats_free(&st);
	free(text);
}

static void read_trace(const char *path, struct tr_data *d)
{
	struct swerr e;

	if (tr_read(d, path, &e))
		fail_msg("%s", e.msg);
}

static const struct tp_cache *cache(const struct tr_data *d, const char *name)
{
	const struct tp_cache *c = tp_find_cache(&d->pairs, name);

	if (!c)
		fail_msg("no cache %s in the trace", name);
	return c;
}

/* What both runs must show, whatever CPU frees. */
static void check_run(const char *name, struct tr_data *d, struct stats *s)
{
	char dat[64], st[64];
	const struct tp_cache *c;

	snprintf(dat, sizeof(dat), DATA "%s.dat", name);
	snprintf(st, sizeof(st), DATA "%s.stats", name);
	read_stats(st, s);
	read_trace(dat, d);

	/* Nothing lost: the counts must be exact. */
	assert_false(tp_incomplete(&d->pairs));
	assert_int_equal(d->cpus, 2);
	c = cache(d, SKB_CACHE);
	assert_int_equal(c->allocs, s->allocs);
	assert_int_equal(c->frees, s->frees);
	assert_int_equal(c->paired, s->allocs);
	assert_int_equal(c->unpaired_allocs, 0);
	assert_int_equal(c->unpaired_frees, 0);
	/* One data buffer per head, none of the kernel's own in the trace. */
	c = cache(d, SKB_DATA_CACHE);
	assert_int_equal(c->allocs, s->allocs);
	assert_int_equal(c->frees, s->frees);

	/* The run's knobs and the module's totals, from slabwall's events. */
	assert_int_equal(d->nruns, 1);
	assert_true(d->runs[0].ended);
	assert_string_equal(tr_run_value(&d->runs[0], "cache"), SKB_CACHE);
	assert_string_equal(tr_run_value(&d->runs[0], "pattern"), "skb");
	assert_string_equal(tr_run_value(&d->runs[0], "data_size"), "1500");
	assert_string_equal(tr_run_value(&d->runs[0], "cpus"), "0-1");
	assert_int_equal(d->events[TR_RUN_START], 1);
	assert_int_equal(d->events[TR_RUN_END], 1);
	assert_int_equal(d->events[TR_OP], s->ops);
}

static void check_agrees(const struct tr_data *d, const struct stats *s)
{
	struct trc_check *chk;
	size_t n;

	assert_int_equal(trc_build(d, &chk, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(chk[0].cache, SKB_CACHE);
	assert_false(chk[0].shared);
	assert_true(chk[0].row[TRC_ALLOCS].has_module);
	assert_true(chk[0].row[TRC_ALLOCS].has_trace);
	assert_int_equal(chk[0].row[TRC_ALLOCS].module, s->allocs);
	assert_int_equal(chk[0].row[TRC_REMOTE_FREES].module, s->remote_frees);
	assert_int_equal(chk[0].row[TRC_REMOTE_FREES].trace, s->remote_frees);
	assert_int_equal(chk[0].row[TRC_OPS].trace, s->ops);
	assert_true(trc_agrees(&chk[0]));
	free(chk);
}

static void test_remote(void **state)
{
	const struct tp_cache *c;
	struct tr_data d;
	struct stats s;

	(void)state;
	check_run("skb-remote", &d, &s);
	c = cache(&d, SKB_CACHE);
	assert_true(tp_cross_pct(c) > 95.0);
	c = cache(&d, SKB_DATA_CACHE);
	assert_true(tp_cross_pct(c) > 95.0);
	/* Each hand-over gives a batch to the other CPU; all were freed there. */
	assert_int_equal(d.hand_over_objs, s.remote_frees);
	check_agrees(&d, &s);
	tr_release(&d);
}

static void test_local(void **state)
{
	const struct tp_cache *c;
	struct tr_data d;
	struct stats s;

	(void)state;
	check_run("skb-local", &d, &s);
	c = cache(&d, SKB_CACHE);
	assert_true(tp_cross_pct(c) < 5.0);
	c = cache(&d, SKB_DATA_CACHE);
	assert_true(tp_cross_pct(c) < 5.0);
	assert_int_equal(d.events[TR_HAND_OVER], 0);
	check_agrees(&d, &s);
	tr_release(&d);
}

/*
 * A run with time_every above 1 traces its clocked operations only: its
 * op events are not to be held against ops.  The recorded run, given a
 * time_every of 16 and a sixteenth of the events.
 */
static void test_sampled_ops(void **state)
{
	struct trc_check *chk;
	struct tr_run *r;
	struct tr_data d;
	struct stats s;
	size_t i, n;

	(void)state;
	check_run("skb-local", &d, &s);
	r = &d.runs[0];
	for (i = 0; i < r->nknobs && strcmp(r->knobs[i].name, "fail_every"); i++)
		;
	assert_true(i < r->nknobs);
	free(r->knobs[i].name);
	free(r->knobs[i].text);
	r->knobs[i].name = strdup("time_every");
	r->knobs[i].text = strdup("16");
	assert_non_null(r->knobs[i].name);
	assert_non_null(r->knobs[i].text);
	d.events[TR_OP] = (s.ops + 15) / 16;
	assert_int_equal(trc_build(&d, &chk, &n), 0);
	assert_int_equal(n, 1);
	assert_false(chk[0].row[TRC_OPS].has_trace);
	assert_true(trc_agrees(&chk[0]));
	free(chk);
	tr_release(&d);
}

/* The call sites resolve through the trace's own symbols (the module's). */
static void test_call_sites(void **state)
{
	const struct tp_site *s;
	struct tr_data d;
	char sym[128];

	(void)state;
	read_trace(DATA "skb-remote.dat", &d);
	assert_true(d.pairs.nsites >= 2);
	s = &d.pairs.sites[0];
	assert_true(!strcmp(s->cache, SKB_CACHE) || !strcmp(s->cache, SKB_DATA_CACHE));
	s = strcmp(s->cache, SKB_DATA_CACHE) ? &d.pairs.sites[1] : s;
	assert_string_equal(s->cache, SKB_DATA_CACHE);
	tr_symbol(&d, s->call_site, sym, sizeof(sym));
	assert_true(!strncmp(sym, "skb_attach+0x", 13));
	/* Far beyond any symbol the filtered table kept: the bare address. */
	tr_symbol(&d, 0x1000, sym, sizeof(sym));
	assert_string_equal(sym, "0x1000");
	tr_release(&d);
}

static void test_bad_files(void **state)
{
	struct tr_data d;
	struct swerr e;

	(void)state;
	assert_int_equal(tr_read(&d, DATA "no-such.dat", &e), -ENOENT);
	assert_non_null(strstr(e.msg, DATA "no-such.dat"));
	tr_release(&d);
	/* A text file is no trace. */
	assert_int_equal(tr_read(&d, DATA "skb-local.stats", &e), -EINVAL);
	assert_non_null(strstr(e.msg, DATA "skb-local.stats"));
	tr_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remote),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_sampled_ops),
		cmocka_unit_test(test_call_sites),
		cmocka_unit_test(test_bad_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
