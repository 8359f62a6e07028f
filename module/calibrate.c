// SPDX-License-Identifier: GPL-2.0
/*
 * Calibration: what a bare allocator call costs on this machine, to set
 * the engine's cost per allocation against.  For each pattern a tight
 * loop of alloc + free on its own cache (kmalloc + kfree for a pattern
 * without one), timed in chunks on one CPU; an empty loop of as many
 * turns is timed the same way and subtracted, so the clock reads and the
 * loop itself drop out.  A pattern whose objects are more than their
 * head (attach and detach: skb's buffer, dentry's name) is also timed
 * whole, as an operation of one object does that work, so the engine's
 * cost per object can be set against the same work done bare.  Between
 * chunks the loop yields and gives up on a signal; it holds no lock.
 */
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/math64.h>
#include <linux/timex.h>
#include "slabwall.h"
#include "object.h"

/* Turns timed between two clock reads: well under 1 ms of small pairs. */
#define SW_CAL_CHUNK		1024

/* The time of a chunk: nanoseconds and cycles. */
struct sw_cal_sum {
	u64 ns;
	u64 cycles;
};

static noinline void sw_cal_empty(unsigned int n)
{
	while (n--)
		barrier();
}

static noinline int sw_cal_cache(struct kmem_cache *cache, unsigned int n)
{
	void *p;

	while (n--) {
		p = kmem_cache_alloc(cache, SW_GFP);
		if (unlikely(!p))
			return -ENOMEM;
		kmem_cache_free(cache, p);
	}
	return 0;
}

static noinline int sw_cal_kmalloc(size_t size, unsigned int n)
{
	void *p;

	while (n--) {
		p = kmalloc(size, SW_GFP);
		if (unlikely(!p))
			return -ENOMEM;
		kfree(p);
	}
	return 0;
}

/*
 * A pattern's whole object: its head, what attach adds and detach undoes,
 * made and released as the slab strategy makes them (object.h).
 */
static noinline int sw_cal_object(const struct sw_pattern *pat,
				  const struct sw_config *cfg,
				  struct kmem_cache *cache, unsigned int n)
{
	void *p;

	while (n--) {
		p = sw_obj_make(pat, cfg, SW_KIND_CACHE, cache, 0);
		if (unlikely(!p))
			return -ENOMEM;
		sw_obj_release(pat, p, SW_KIND_CACHE, cache);
	}
	return 0;
}

/* A real object: the kernel's own allocation and release of it. */
static noinline int sw_cal_real(const struct sw_pattern *pat,
				const struct sw_config *cfg, unsigned int n)
{
	void *p;

	while (n--) {
		p = pat->alloc(cfg);
		if (unlikely(!p))
			return -ENOMEM;
		pat->free(p);
	}
	return 0;
}

/*
 * One chunk of @n turns: @pat's real object, else its whole object if
 * @whole, else @cache, else kmalloc(@size), else the empty loop.
 */
static int sw_cal_chunk(const struct sw_pattern *pat,
			const struct sw_config *cfg, struct kmem_cache *cache,
			size_t size, bool whole, unsigned int n)
{
	if (whole)
		return sw_cal_object(pat, cfg, cache, n);
	if (pat && pat->alloc)
		return sw_cal_real(pat, cfg, n);
	if (cache)
		return sw_cal_cache(cache, n);
	if (size)
		return sw_cal_kmalloc(size, n);
	sw_cal_empty(n);
	return 0;
}

static int sw_cal_loop(const struct sw_pattern *pat,
		       const struct sw_config *cfg, struct kmem_cache *cache,
		       size_t size, bool whole, u32 loops,
		       struct sw_cal_sum *sum)
{
	unsigned int n;
	cycles_t c0;
	u64 t0;
	int err;

	sum->ns = 0;
	sum->cycles = 0;
	while (loops) {
		n = min_t(u32, loops, SW_CAL_CHUNK);
		t0 = local_clock();
		c0 = get_cycles();
		err = sw_cal_chunk(pat, cfg, cache, size, whole, n);
		sum->cycles += get_cycles() - c0;
		sum->ns += local_clock() - t0;
		if (err)
			return err;
		loops -= n;
		if (signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/* Per turn, in thousandths; @sub (the empty loop) taken off, not below 0. */
static u64 sw_cal_per_turn(u64 total, u64 sub, u32 loops)
{
	return total > sub ? div_u64((total - sub) * 1000, loops) : 0;
}

static void sw_cal_set(struct sw_cal_cost *c, const struct sw_cal_sum *sum,
		       const struct sw_cal_sum *empty, u32 loops)
{
	c->ps = sw_cal_per_turn(sum->ns, empty->ns, loops);
	c->mcycles = sw_cal_per_turn(sum->cycles, empty->cycles, loops);
}

/*
 * Measure on the calling thread's CPU into @cal, kmalloc at @cfg's
 * object_size, a real or a whole object at its data_size or name_len; on
 * an error (-ENOMEM, -EINTR) @cal is left as it was.
 */
int sw_calibrate(struct sw_calibration *cal, u32 loops,
		 const struct sw_config *cfg)
{
	u32 kmalloc_size = cfg->object_size;
	struct sw_calibration new = {
		.loops = loops,
		.kmalloc_size = kmalloc_size,
		.data_size = cfg->data_size,
		.name_len = cfg->name_len,
	};
	struct sw_cal_sum empty, sum;
	struct kmem_cache *cache;
	unsigned int i;
	int err;

	migrate_disable();
	new.cpu = raw_smp_processor_id();
	err = sw_cal_loop(NULL, cfg, NULL, 0, false, loops, &empty);
	for (i = 0; i < SW_NR_PATTERNS && !err; i++) {
		const struct sw_pattern *pat = sw_patterns[i];

		cache = pat->cache ? *pat->cache : NULL;
		err = sw_cal_loop(pat, cfg, cache, cache ? 0 : kmalloc_size,
				  false, loops, &sum);
		sw_cal_set(&new.pair[i], &sum, &empty, loops);
		if (err || !pat->attach || !cache)
			continue;
		err = sw_cal_loop(pat, cfg, cache, 0, true, loops, &sum);
		sw_cal_set(&new.object[i], &sum, &empty, loops);
	}
	migrate_enable();
	if (err)
		return err;
	new.empty.ps = sw_cal_per_turn(empty.ns, 0, loops);
	new.empty.mcycles = sw_cal_per_turn(empty.cycles, 0, loops);
	*cal = new;
	return 0;
}

static void sw_cal_show_cost(struct seq_file *m, const char *name,
			     const struct sw_cal_cost *c)
{
	seq_printf(m, "%s_ns %llu.%03llu\n", name, c->ps / 1000, c->ps % 1000);
	seq_printf(m, "%s_cycles %llu.%03llu\n", name, c->mcycles / 1000,
		   c->mcycles % 1000);
}

/* The calibration file: key value lines, as stats has them. */
void sw_calibration_show(struct seq_file *m, const struct sw_calibration *cal)
{
	char name[32];
	unsigned int i;

	seq_printf(m, "loops %u\n", cal->loops);
	if (!cal->loops)
		return;
	seq_printf(m, "cpu %u\n", cal->cpu);
	seq_printf(m, "kmalloc_size %u\n", cal->kmalloc_size);
	seq_printf(m, "data_size %u\n", cal->data_size);
	seq_printf(m, "name_len %u\n", cal->name_len);
	sw_cal_show_cost(m, "empty", &cal->empty);
	for (i = 0; i < SW_NR_PATTERNS; i++) {
		seq_printf(m, "%s_cache %s\n", sw_pattern_names[i],
			   sw_pattern_cache(i));
		sw_cal_show_cost(m, sw_pattern_names[i], &cal->pair[i]);
		if (!sw_patterns[i]->attach || !sw_patterns[i]->cache)
			continue;
		snprintf(name, sizeof(name), "%s_object", sw_pattern_names[i]);
		sw_cal_show_cost(m, name, &cal->object[i]);
	}
}
