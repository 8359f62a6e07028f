// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "snapshot.h"
#include "sweep_exec.h"
#include "swctl.h"

/* How long past duration_ms a run may take to wind down. */
#define SX_SLACK_MS	30000
/* Short polls: at 200 ms per run, a 100 ms poll would waste a third. */
#define SX_POLL_MS	5

static int write_knobs(const struct sr_point *p,
		       const struct sweep_settings *set, struct swerr *e)
{
	const struct {
		const char *knob;
		const char *word;	/* NULL: the number */
		uint64_t num;
	} knobs[] = {
		/* The pattern first: the module checks the others against it. */
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
	};
	size_t i;
	int ret;

	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		if (knobs[i].word)
			ret = sw_set(NULL, knobs[i].knob, knobs[i].word, e);
		else
			ret = sw_set_u64(NULL, knobs[i].knob, knobs[i].num, e);
		if (ret)
			return ret;
	}
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
	p->ncaches = swp_caches(NULL, pi, &p->sizes, p->caches);
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

/* The run's stats, checked to be the run we set up. */
static int collect(const struct sr_point *p, struct sr_run *run,
		   struct swerr *e)
{
	struct sw_stats st;
	const char *state;
	uint64_t allocs;
	size_t i;
	int ret;

	sw_stats_init(&st);
	ret = sw_read_stats(NULL, &st, e);
	if (ret < 0)
		goto out;
	ret = 0;
	state = sw_stats_str(&st, "state");
	if (!state || strcmp(state, "done")) {
		ret = swerr_set(e, EIO, "%s/stats: state is \"%s\" after the run, not done",
				SW_DEFAULT_DIR, state ? state : "(missing)");
		goto out;
	}
	/* Someone else writing the knobs meanwhile would show here. */
	if (sw_stats_u64(&st, "allocs_per_op", &allocs) || allocs != p->pt.allocs) {
		ret = swerr_set(e, EIO,
				"%s/stats: allocs_per_op is not %" PRIu64 " as set: is something else driving the module?",
				SW_DEFAULT_DIR, p->pt.allocs);
		goto out;
	}
	for (i = 0; i < SR_NSTATS; i++)
		if (sw_stats_double(&st, sr_stats[i].key, &run->stat[i]))
			run->stat[i] = NAN;
out:
	sw_stats_free(&st);
	return ret;
}

int sx_run(struct sr_point *p, const struct sweep_settings *set,
	   struct sr_run *run, sx_tick_fn tick, void *arg, struct swerr *e)
{
	struct wait_arg wa = { tick, arg };
	enum sw_state state = SW_DONE;
	struct snapshot snap;
	char why[SWERR_MSG_MAX];
	struct swerr stop_e;
	size_t i;
	int ret;

	sr_run_clear(run);
	snap_init(&snap, NULL, NULL);
	for (i = 0; i < p->ncaches; i++)
		snap_add_cache(&snap, p->caches[i]);
	snap_take(&snap, false);

	ret = sw_start(NULL, e);
	if (ret)
		return ret;
	/* Nothing to see before the run's end: sleep through most of it. */
	ret = nap(set->duration_ms, tick, arg);
	if (!ret)
		ret = sw_wait(NULL, SX_SLACK_MS, SX_POLL_MS, wait_tick, &wa,
			      &state, e);
	if (ret == -EINTR || ret == -ETIMEDOUT) {
		/* stop waits for the workers: the next point starts clean. */
		snprintf(why, sizeof(why), "%s",
			 ret == -EINTR ? "interrupted" : e->msg);
		if (sw_stop(NULL, &stop_e))
			swerr_set(e, -ret, "%s; stopping the run failed too: %s",
				  why, stop_e.msg);
		else
			swerr_set(e, -ret, "%s", why);
		return ret;
	}
	if (ret)
		return ret;
	if (state != SW_DONE)
		return swerr_set(e, EIO, "the run ended in state \"%s\": was the module reset meanwhile?",
				 sw_state_name(state));
	ret = collect(p, run, e);
	if (ret)
		return ret;
	snap_take(&snap, true);
	deltas(&snap, run);
	return 0;
}
