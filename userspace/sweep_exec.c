// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "progress.h"
#include "snapshot.h"
#include "sweep_exec.h"
#include "swctl.h"
#include "swsignal.h"

/* How long past duration_ms a run may take to wind down. */
#define SX_SLACK_MS	30000
/* Short polls: at 200 ms per run, a 100 ms poll would waste a third. */
#define SX_POLL_MS	5

int sx_tick_progress(void *pg)
{
	progress_tick(pg);
	return sw_interrupted;
}

static int write_knobs(const struct sr_point *p,
		       const struct sweep_settings *set, struct swerr *e)
{
	const struct {
		const char *knob;
		const char *word;	/* NULL: the number */
		uint64_t num;
	} knobs[] = {
		/*
		 * The module refuses a pattern, strategy, free mode and
		 * survive_every that do not go together, whichever is written
		 * second: survivors off, local free (pool, arena and mempool
		 * refuse rcu) and the slab strategy first (always allowed, and
		 * slab takes every pattern), so values left from earlier cannot
		 * refuse the point's pattern or strategy; the pattern next, the
		 * others are checked against it; the point's survive_every last.
		 */
		{ "survive_every", NULL, 0 },
		{ "free", "local", 0 },
		{ "strategy", "slab", 0 },
		{ "pattern", p->pt.pattern, 0 },
		{ "strategy", p->pt.strategy, 0 },
		{ "object_size", NULL, p->sizes.object_size },
		{ "data_size", NULL, p->sizes.data_size },
		{ "name_len", NULL, p->sizes.name_len },
		{ "allocs_per_op", NULL, p->pt.allocs },
		{ "cpus", p->pt.cpus->list, 0 },
		{ "free", p->pt.free, 0 },
		{ "work_bytes", NULL, set->work_bytes },
		{ "duration_ms", NULL, set->duration_ms },
		{ "rate", NULL, set->rate },
		{ "mem_limit_kb", NULL, set->mem_limit_kb },
		{ "survive_every", NULL, set->survive_every },
		{ "survivors_max", NULL, set->survivors_max },
		{ "fail_every", NULL, set->fail_every },
		{ "time_every", NULL, set->time_every },
		{ "typesafe_rcu", NULL, set->typesafe_rcu },
	};
	size_t i;
	int ret;

	/* A node only goes with the slab strategy: the worker's own first. */
	if (set->alloc_node) {
		ret = sw_set(set->dir, "alloc_node", "-1", e);
		if (ret)
			return ret;
	}
	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		if (knobs[i].word)
			ret = sw_set(set->dir, knobs[i].knob, knobs[i].word, e);
		else
			ret = sw_set_u64(set->dir, knobs[i].knob, knobs[i].num, e);
		if (ret)
			return ret;
	}
	if (set->alloc_node)
		return sw_set(set->dir, "alloc_node", set->alloc_node, e);
	return 0;
}

int sx_prepare(struct sr_point *p, const struct sweep_settings *set,
	       struct swerr *e)
{
	const struct swp_info *pi = swp_find(p->pt.pattern);
	int ret;

	/* The module names the caches for the knobs it has: write them first. */
	ret = write_knobs(p, set, e);
	if (ret)
		return ret;
	p->ncaches = swp_caches(set->dir, set->slab_root, pi, p->caches);
	return 0;
}

/* Sleeps @ms, a few ms at a time so that @tick can stop it. */
static int nap(unsigned long ms, sx_tick_fn tick, void *arg)
{
	struct timespec ts;

	while (ms) {
		unsigned long step = ms < 50 ? ms : 50;

		ts.tv_sec = 0;
		ts.tv_nsec = (long)step * 1000000;
		nanosleep(&ts, NULL);
		ms -= step;
		if (tick && tick(arg))
			return -EINTR;
	}
	return 0;
}

struct wait_arg {
	sx_tick_fn tick;
	void *arg;
};

static int wait_tick(void *arg, unsigned long elapsed_ms)
{
	struct wait_arg *w = arg;

	(void)elapsed_ms;
	return w->tick ? w->tick(w->arg) : 0;
}

static double opt_diff(bool ok, struct opt_u64 b, struct opt_u64 a)
{
	if (!ok || !b.present || !a.present)
		return NAN;
	return (double)a.v - (double)b.v;
}

/* After minus before, for what both sides of the snapshot have. */
static void deltas(const struct snapshot *s, struct sr_run *run)
{
	const struct snap_cache *c;
	struct sf_mem mb, ma;
	size_t i;
	bool ok;

	for (i = 0; i < s->ncaches && i < SWP_MAX_CACHES; i++) {
		c = &s->caches[i];
		ok = c->have_before && c->have_after;
		run->cache[i][SR_D_OBJECTS] = opt_diff(ok, c->before.objects, c->after.objects);
		run->cache[i][SR_D_SLABS] = opt_diff(ok, c->before.slabs, c->after.slabs);
		run->cache[i][SR_D_PARTIAL] = opt_diff(ok, c->before.partial, c->after.partial);
		run->cache[i][SR_D_CPU_SLABS] = opt_diff(ok, c->before.cpu_slabs,
							 c->after.cpu_slabs);
		if (!ok)
			continue;
		sf_memory(&c->before, 0, &mb);
		sf_memory(&c->after, 0, &ma);
		if (mb.have_slab_bytes && ma.have_slab_bytes)
			run->cache[i][SR_D_SLAB_BYTES] =
				(double)ma.slab_bytes - (double)mb.slab_bytes;
	}
	ok = s->have_mem_before && s->have_mem_after;
	run->mem[SR_M_SLAB_KB] = opt_diff(ok, s->mem_before.slab_kb,
					  s->mem_after.slab_kb);
	run->mem[SR_M_SRECLAIMABLE_KB] = opt_diff(ok, s->mem_before.sreclaimable_kb,
						  s->mem_after.sreclaimable_kb);
	run->mem[SR_M_SUNRECLAIM_KB] = opt_diff(ok, s->mem_before.sunreclaim_kb,
						s->mem_after.sunreclaim_kb);
	ok = s->have_vm_before && s->have_vm_after;
	run->vm[SR_V_PGALLOC] = opt_diff(ok, s->vm_before.pgalloc, s->vm_after.pgalloc);
	run->vm[SR_V_PGFREE] = opt_diff(ok, s->vm_before.pgfree, s->vm_after.pgfree);
}

/* The run's stats into @st (the caller frees it), checked to be the run we set up. */
static int collect(const struct sr_point *p, const struct sweep_settings *set,
		   struct sr_run *run, struct sw_stats *st, struct swerr *e)
{
	const char *dir = set->dir ? set->dir : sw_default_dir();
	const char *state;
	uint64_t allocs;
	size_t i;
	int ret;

	ret = sw_read_stats(set->dir, st, e);
	if (ret < 0)
		return ret;
	state = sw_stats_str(st, "state");
	if (!state || strcmp(state, "done"))
		return swerr_set(e, EIO, "%s/stats: state is \"%s\" after the run, not done",
				 dir, state ? state : "(missing)");
	/* Someone else writing the knobs meanwhile would show here. */
	if (sw_stats_u64(st, "allocs_per_op", &allocs) || allocs != p->pt.allocs)
		return swerr_set(e, EIO,
				 "%s/stats: allocs_per_op is not %" PRIu64 " as set: is something else driving the module?",
				 dir, p->pt.allocs);
	for (i = 0; i < SR_NSTATS; i++)
		if (sw_stats_double(st, sr_stats[i].key, &run->stat[i]))
			run->stat[i] = NAN;
	return 0;
}

/*
 * After a run stopped early: what ran, for a caller that shows it (the
 * module's stats cover the part that ran once stop has returned).
 */
static void keep_partial(const struct sweep_settings *set,
			 struct snapshot *snap, struct sx_keep *keep)
{
	snap_take(snap, true);
	if (keep->stats && sw_read_stats(set->dir, keep->stats, NULL) >= 0)
		keep->have_stats = true;
}

int sx_run(struct sr_point *p, const struct sweep_settings *set,
	   struct sr_run *run, sx_tick_fn tick, void *arg,
	   struct sx_keep *keep, struct swerr *e)
{
	struct sx_keep none = { 0 };
	struct wait_arg wa = { tick, arg };
	enum sw_state state = SW_DONE;
	struct snapshot own, *snap;
	char why[SWERR_MSG_MAX];
	struct sw_stats own_st, *st;
	struct swerr stop_e;
	size_t i;
	int ret;

	if (!keep)
		keep = &none;
	keep->have_stats = false;
	snap = keep->snap ? keep->snap : &own;
	st = keep->stats ? keep->stats : &own_st;
	sr_run_clear(run);
	snap_init(snap, set->slab_root, NULL);
	for (i = 0; i < p->ncaches; i++)
		snap_add_cache(snap, p->caches[i]);
	/* A signal that came while the knobs were written: do not start. */
	if (tick && tick(arg))
		return swerr_set(e, EINTR, "interrupted before the run started");
	snap_take(snap, false);

	ret = sw_start(set->dir, e);
	if (ret)
		return ret;
	/* Nothing to see before the run's end: sleep through most of it. */
	ret = nap(set->duration_ms, tick, arg);
	if (!ret)
		ret = sw_wait(set->dir, SX_SLACK_MS, SX_POLL_MS, wait_tick, &wa,
			      &state, e);
	if (ret == -EINTR || ret == -ETIMEDOUT) {
		/* stop waits for the workers: the next point starts clean. */
		snprintf(why, sizeof(why), "%s",
			 ret == -EINTR ? "interrupted" : e->msg);
		if (sw_stop(set->dir, &stop_e)) {
			swerr_set(e, -ret, "%s; stopping the run failed too: %s",
				  why, stop_e.msg);
			return ret;
		}
		swerr_set(e, -ret, "%s", why);
		if (keep != &none)
			keep_partial(set, snap, keep);
		return ret;
	}
	if (ret)
		return ret;
	if (state != SW_DONE)
		return swerr_set(e, EIO, "the run ended in state \"%s\": was the module reset meanwhile?",
				 sw_state_name(state));
	if (st == &own_st)
		sw_stats_init(st);
	ret = collect(p, set, run, st, e);
	if (st == &own_st)
		sw_stats_free(st);
	else
		keep->have_stats = ret == 0;
	if (ret)
		return ret;
	snap_take(snap, true);
	deltas(snap, run);
	return 0;
}
