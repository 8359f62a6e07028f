// SPDX-License-Identifier: GPL-2.0
/*
 * The stats and histogram files: per-worker counters and buckets merged
 * at read time, so the hot path never shares a cache line.
 */
#include <linux/seq_file.h>
#include <linux/math64.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include "slabwall.h"

const char *const sw_state_names[SW_NR_STATES] = {
#define SW_STATE(id, name)		\
	[SW_##id] = #name,
#include "uapi/slabwall.h"
#undef SW_STATE
};

const char *const sw_stop_names[SW_NR_STOP_REASONS] = {
#define SW_STOP_REASON(id, name)	\
	[SW_STOP_##id] = #name,
#include "uapi/slabwall.h"
#undef SW_STOP_REASON
};

static const unsigned int sw_quantiles[] = { 500000, 900000, 990000, 999000 };
static const char *const sw_quantile_keys[] = { "p50_ns", "p90_ns", "p99_ns", "p999_ns" };

/* A worker's run time so far; a live snapshot while it is running. */
static u64 sw_worker_elapsed(const struct sw_worker *w)
{
	u64 start = READ_ONCE(w->c.start_ns);
	u64 end = READ_ONCE(w->c.end_ns);

	if (!start)
		return 0;
	return (end ?: ktime_get_ns()) - start;
}

static void sw_add_counters(struct sw_counters *sum, const struct sw_counters *c)
{
	sum->ops += READ_ONCE(c->ops);
	sum->allocs += READ_ONCE(c->allocs);
	sum->frees += READ_ONCE(c->frees);
	sum->alloc_failures += READ_ONCE(c->alloc_failures);
	sum->remote_frees += READ_ONCE(c->remote_frees);
	sum->cross_node_allocs += READ_ONCE(c->cross_node_allocs);
	sum->cross_node_frees += READ_ONCE(c->cross_node_frees);
	sum->pool_misses += READ_ONCE(c->pool_misses);
	sum->reserve_hits += READ_ONCE(c->reserve_hits);
	sum->arena_blocks += READ_ONCE(c->arena_blocks);
	sum->survivors += READ_ONCE(c->survivors);
	sum->op_ns += READ_ONCE(c->op_ns);
	sum->sampled_ops += READ_ONCE(c->sampled_ops);
	sum->sampled_ns += READ_ONCE(c->sampled_ns);
	sum->sampled_alloc_ns += READ_ONCE(c->sampled_alloc_ns);
	sum->timed_ops += READ_ONCE(c->timed_ops);
	sum->max_ns = max(sum->max_ns, READ_ONCE(c->max_ns));
	sum->rcu_callbacks += READ_ONCE(c->rcu_callbacks);
	sum->rcu_throttles += READ_ONCE(c->rcu_throttles);
	/* The counter is the module's: the run's peak is the highest seen. */
	sum->rcu_peak = max(sum->rcu_peak, READ_ONCE(c->rcu_peak));
}

static u64 sw_div(u64 a, u64 b)
{
	return b ? div64_u64(a, b) : 0;
}

/*
 * The numbers of one worker or of the whole run.  @elapsed is wall time,
 * @hist NULL when there is none.  The time of all operations is estimated
 * from the timed ones: one in time_every less the sampled ones (those
 * read the clock twice more).
 */
static void sw_show_numbers(struct seq_file *m, const char *pfx,
			    const struct sw_counters *c, u64 elapsed,
			    const u64 *hist)
{
	u64 share = sw_div(c->sampled_alloc_ns * 1000, c->sampled_ns);
	u64 timed = c->timed_ops;
	u64 op_ns = timed ? mul_u64_u64_div_u64(c->op_ns, c->ops, timed) : 0;
	u64 count = 0;
	unsigned int i;

	seq_printf(m, "%sops %llu\n", pfx, c->ops);
	seq_printf(m, "%sallocs %llu\n", pfx, c->allocs);
	seq_printf(m, "%sfrees %llu\n", pfx, c->frees);
	seq_printf(m, "%salloc_failures %llu\n", pfx, c->alloc_failures);
	seq_printf(m, "%sremote_frees %llu\n", pfx, c->remote_frees);
	seq_printf(m, "%scross_node_allocs %llu\n", pfx, c->cross_node_allocs);
	seq_printf(m, "%scross_node_frees %llu\n", pfx, c->cross_node_frees);
	seq_printf(m, "%spool_misses %llu\n", pfx, c->pool_misses);
	seq_printf(m, "%sreserve_hits %llu\n", pfx, c->reserve_hits);
	seq_printf(m, "%sarena_blocks %llu\n", pfx, c->arena_blocks);
	seq_printf(m, "%ssurvivors %llu\n", pfx, c->survivors);
	seq_printf(m, "%ssampled_ops %llu\n", pfx, c->sampled_ops);
	seq_printf(m, "%stimed_ops %llu\n", pfx, c->timed_ops);
	seq_printf(m, "%selapsed_ns %llu\n", pfx, elapsed);
	seq_printf(m, "%sops_per_sec %llu\n", pfx,
		   elapsed ? mul_u64_u64_div_u64(c->ops, NSEC_PER_SEC, elapsed) : 0);
	seq_printf(m, "%sns_per_op %llu\n", pfx, sw_div(op_ns, c->ops));
	seq_printf(m, "%sns_per_alloc %llu\n", pfx, sw_div(op_ns, c->allocs));
	seq_printf(m, "%salloc_share_pct %llu.%llu\n", pfx, share / 10, share % 10);

	if (hist)
		for (i = 0; i < HIST_BUCKETS; i++)
			count += hist[i];
	for (i = 0; i < ARRAY_SIZE(sw_quantiles); i++) {
		u64 q = hist ? hist_quantile(hist, count, sw_quantiles[i]) : 0;

		seq_printf(m, "%s%s %llu\n", pfx, sw_quantile_keys[i], min(q, c->max_ns));
	}
	seq_printf(m, "%smax_ns %llu\n", pfx, c->max_ns);
}

/* The settings: state, stop reason, every knob, the caches they use. */
static void sw_show_config(struct seq_file *m, const struct sw_config *cfg,
			   enum sw_state state, enum sw_stop_reason why)
{
	const struct sw_knob *k;

	seq_printf(m, "state %s\n", sw_state_names[state]);
	seq_printf(m, "stop_reason %s\n", sw_stop_names[why]);
	for (k = sw_knobs; k < sw_knobs + SW_NR_KNOBS; k++) {
		if (k->kind == SW_KNOB_CPULIST)
			seq_printf(m, "%s %*pbl\n", k->name,
				   cpumask_pr_args(cfg->cpus));
		else if (k->kind == SW_KNOB_WORD)
			seq_printf(m, "%s %s\n", k->name,
				   k->words[sw_knob_value(k, cfg)]);
		else if (k->kind == SW_KNOB_NODE)
			seq_printf(m, "%s %d\n", k->name,
				   (s32)sw_knob_value(k, cfg));
		else
			seq_printf(m, "%s %u\n", k->name, sw_knob_value(k, cfg));
	}
	sw_caches_show(m, true, cfg);
}

/* Sum of the workers' buckets, or NULL when out of memory. */
static u64 *sw_merge_hist(const struct sw_run *run)
{
	u64 *hist = kvcalloc(HIST_BUCKETS, sizeof(*hist), GFP_KERNEL);
	unsigned int i, b;

	if (!hist)
		return NULL;
	for (i = 0; i < run->nr_workers; i++)
		for (b = 0; b < HIST_BUCKETS; b++)
			hist[b] += READ_ONCE(run->workers[i]->hist[b]);
	return hist;
}

/*
 * The workers' counters summed into @sum (zeroed first); returns the
 * run's wall time, first start to last end.
 */
u64 sw_run_totals(const struct sw_run *run, struct sw_counters *sum)
{
	u64 first = U64_MAX, last = 0;
	unsigned int i;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < run->nr_workers; i++) {
		const struct sw_worker *w = run->workers[i];
		u64 start = READ_ONCE(w->c.start_ns);

		sw_add_counters(sum, &w->c);
		if (start) {
			first = min(first, start);
			last = max(last, start + sw_worker_elapsed(w));
		}
	}
	return last > first ? last - first : 0;
}

/* @run is NULL before the first run; @cfg then gives the knobs to show. */
int sw_stats_show(struct seq_file *m, const struct sw_run *run,
		  const struct sw_config *cfg)
{
	struct sw_counters sum = {};
	u64 elapsed;
	u64 *hist;
	unsigned int i;

	if (!run) {
		sw_show_config(m, cfg, SW_IDLE, SW_STOP_NONE);
		sw_show_numbers(m, "", &sum, 0, NULL);
		sw_rcu_show(m, NULL, &sum);
		return 0;
	}
	hist = sw_merge_hist(run);
	if (!hist)
		return -ENOMEM;
	sw_show_config(m, &run->cfg, sw_run_state(run), sw_run_stop_reason(run));
	elapsed = sw_run_totals(run, &sum);
	sw_show_numbers(m, "", &sum, elapsed, hist);
	kvfree(hist);
	sw_rcu_show(m, run, &sum);

	for (i = 0; i < run->nr_workers; i++) {
		const struct sw_worker *w = run->workers[i];
		struct sw_counters c = {};
		char pfx[24];
		u64 elapsed = sw_worker_elapsed(w);

		sw_add_counters(&c, &w->c);
		snprintf(pfx, sizeof(pfx), "cpu%u.", w->cpu);
		sw_show_numbers(m, pfx, &c, elapsed, w->hist);
	}
	return 0;
}

int sw_histogram_show(struct seq_file *m, const struct sw_run *run)
{
	unsigned int b;
	u64 *hist;

	if (!run)
		return 0;
	hist = sw_merge_hist(run);
	if (!hist)
		return -ENOMEM;
	for (b = 0; b < HIST_BUCKETS; b++)
		if (hist[b])
			seq_printf(m, "%llu %llu %llu\n", hist_lower(b),
				   hist_upper(b), hist[b]);
	kvfree(hist);
	return 0;
}
