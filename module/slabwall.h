/* SPDX-License-Identifier: GPL-2.0 */
/*
 * slabwall: reproduce and measure slab allocator churn.
 *
 * A run starts one kthread per CPU of the run.  Each thread repeats an
 * operation: allocate allocs_per_op objects of a pattern, touch them, free
 * them (locally or through the next CPU).  Counters and a latency
 * histogram are kept per thread and merged when debugfs is read.
 */
#ifndef SLABWALL_H
#define SLABWALL_H

#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/cache.h>
#include <linux/jump_label.h>
#include <linux/slab.h>

typedef u64 hist_u64;
#include "hist_buckets.h"

#include "uapi/slabwall.h"

#define SW_DNAME_INLINE_LEN	32

/* Yield inside long loops: 4096 objects per operation under emulation. */
#define SW_RESCHED_EVERY	256

/* About one operation in SW_SAMPLE_EVERY also times its allocate/free phases. */
#define SW_SAMPLE_EVERY		8

/* With time_every above 1: about this much work between clock reads. */
#define SW_CHECK_NS		NSEC_PER_MSEC

/*
 * With a rate: wake this long before an operation is due (plus the
 * oversleep seen lately, up to SW_WAKE_LATE_MAX_NS), then spin.
 */
#define SW_WAKE_MARGIN_NS	(200 * NSEC_PER_USEC)
#define SW_WAKE_SLACK_NS	(50 * NSEC_PER_USEC)
#define SW_WAKE_LATE_MAX_NS	(2 * NSEC_PER_MSEC)

/* The knobs.  Copied into a run when it starts. */
struct sw_config {
	u32 pattern;
	u32 strategy;
	u32 allocs_per_op;
	u32 object_size;
	u32 data_size;
	u32 name_len;
	u32 free_mode;
	u32 work_bytes;
	u32 duration_ms;
	u32 rate;
	u32 mem_limit_kb;
	u32 survive_every;
	u32 survivors_max;
	u32 fail_every;
	u32 typesafe_rcu;
	s32 alloc_node;		/* SW_NODE_OWN (NUMA_NO_NODE) or a node */
	u32 time_every;
	cpumask_var_t cpus;
};

/*
 * A knob of SW_KNOBS: a number in [min, max], a word of @words, the
 * cpulist, or a node (an s32 in the u32's place, its min read as signed).
 */
struct sw_knob {
	const char *name;
	size_t offset;			/* of its u32 in struct sw_config */
	enum sw_knob_kind kind;
	u32 min, max, def;
	const char *const *words;	/* max + 1 of them */
};

extern const struct sw_knob sw_knobs[SW_NR_KNOBS];

static inline u32 sw_knob_value(const struct sw_knob *k,
				const struct sw_config *cfg)
{
	return *(const u32 *)((const char *)cfg + k->offset);
}

/*
 * Every allocation of a run: failures are counted, not logged, and a run
 * that runs the machine out of memory fails its allocations instead of
 * waking the OOM killer.
 */
#define SW_GFP			(GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN)

/*
 * On while a run can cross nodes (CPUs on several nodes, or alloc_node
 * set): only then does the slab strategy look up each object's node.
 */
DECLARE_STATIC_KEY_FALSE(sw_node_count_on);

/*
 * kmalloc(), or kmalloc_node() on the node alloc_node names.  The default
 * keeps the plain call, so a run without a node profiles as it always did.
 */
static inline void *sw_kmalloc(size_t size, const struct sw_config *cfg)
{
	if (cfg->alloc_node == SW_NODE_OWN)
		return kmalloc(size, SW_GFP);
	return kmalloc_node(size, SW_GFP, cfg->alloc_node);
}

bool sw_fault_next(u32 every);
void sw_fault_reset(u32 every);
void sw_fault_pause(bool pause);
DECLARE_STATIC_KEY_FALSE(sw_fault_on);

/*
 * True when this allocator call is to fail (fault.c).  Behind a static
 * key, on only while a run with fail_every starts or runs: with
 * fail_every 0 the check is a no-op in the allocation path.
 */
static inline bool sw_fault(const struct sw_config *cfg)
{
	return static_branch_unlikely(&sw_fault_on) && cfg->fail_every &&
	       sw_fault_next(cfg->fail_every);
}

struct seq_file;

/*
 * What one object of a pattern is: a head from *@cache, plus a kmalloc'd
 * buffer of @kmalloc_bytes that @attach adds to it; without @cache the
 * object is that kmalloc'd buffer alone.  Its name, size knob and cache
 * name are in the pattern's line of SW_PATTERNS (uapi/slabwall.h).
 */
struct sw_pattern {
	struct kmem_cache **cache;
	/*
	 * Makes *@cache, apart from other caches unless @mergeable, with
	 * sw_typesafe_flags() in its flags.
	 */
	int (*create)(bool mergeable);
	/* Bytes of the kmalloc'd buffer of one object, 0 for none. */
	size_t (*kmalloc_bytes)(const struct sw_config *cfg);
	/* Optional: add the buffer to a fresh head; undone by @detach. */
	int (*attach)(void *head, const struct sw_config *cfg);
	void (*detach)(void *obj);
	/* Bytes of one object laid out in an arena, and the layout. */
	size_t (*arena_size)(const struct sw_config *cfg);
	void *(*carve)(void *mem, const struct sw_config *cfg);
	/* Writable bytes of the object used for simulated work. */
	void *(*payload)(void *obj, const struct sw_config *cfg, size_t *len);
	/*
	 * A real object (the real_* patterns): the kernel makes it whole
	 * (alloc_skb(), d_alloc()) and releases it, in place of @cache and
	 * @attach.  @footprint bounds its bytes for the memory limit,
	 * @caches names the kernel's caches it comes from (as
	 * sw_caches_show() does), @destroy undoes @create at unload.
	 */
	void *(*alloc)(const struct sw_config *cfg);
	void (*free)(void *obj);
	size_t (*footprint)(const struct sw_config *cfg);
	void (*caches)(struct seq_file *m, bool keys, const struct sw_config *cfg);
	void (*destroy)(void);
	/*
	 * Free mode rcu: call_rcu() on the rcu_head inside the object; the
	 * callback frees it as sw_obj_free() would, then sw_rcu_done().
	 * Without it the pattern refuses free mode rcu.
	 */
	void (*free_rcu)(void *obj);
};

struct sw_worker;

/*
 * How an operation obtains and releases its objects.
 *
 * alloc_op fills w->objs[0..n) and counts them, or undoes itself, counts
 * the failure and returns -ENOMEM.  units turns the operation's objects
 * into the units handed to free_units (an arena is one unit); without it
 * every object is a unit.  free_units releases units that @owner's
 * alloc_op produced, on @owner's CPU or on the next one, and returns how
 * many objects that was.  prepare runs in the worker's thread, on its
 * CPU, before the run starts; teardown in process context after the
 * threads stopped.
 *
 * For the memory limit: held_bytes is what a worker keeps between
 * operations (objects of @obj_bytes and their arrays); unit_bytes, for a
 * strategy whose operation makes one unit of all its objects, what one
 * such unit (one ring slot) holds.  Without it a unit is one object.
 */
struct sw_strategy {
	bool (*supports)(const struct sw_config *cfg);
	u64 (*held_bytes)(const struct sw_config *cfg, u64 obj_bytes);
	u64 (*unit_bytes)(const struct sw_config *cfg);
	int (*prepare)(struct sw_worker *w);
	void (*teardown)(struct sw_worker *w);
	int (*alloc_op)(struct sw_worker *w, unsigned int n);
	unsigned int (*units)(struct sw_worker *w, unsigned int n);
	unsigned int (*free_units)(struct sw_worker *w, struct sw_worker *owner,
				   void **units, unsigned int k);
};

/* Single-producer single-consumer ring of objects handed to the next CPU. */
struct sw_ring {
	unsigned long head ____cacheline_aligned;	/* written by producer */
	unsigned long tail ____cacheline_aligned;	/* written by consumer */
	unsigned long mask;
	void **slots;
};

/* Counters of one worker; only that worker writes them during a run. */
struct sw_counters {
	u64 ops;
	u64 allocs;
	u64 frees;
	u64 alloc_failures;
	u64 remote_frees;
	u64 cross_node_allocs;	/* objects on another node than the CPU's */
	u64 cross_node_frees;	/* freed on a CPU of another node */
	u64 pool_misses;	/* objects a pool had to allocate */
	u64 reserve_hits;	/* objects a mempool took from its reserve */
	u64 arena_blocks;	/* blocks a kept arena allocated */
	u64 survivors;		/* objects alive past their operation */
	u64 start_ns;		/* ktime, for the run's elapsed time */
	u64 end_ns;
	u64 max_ns;
	u64 op_ns;		/* time of the operations not sampled */
	u64 sampled_ops;	/* operations that timed their phases */
	u64 sampled_ns;		/* time of sampled operations */
	u64 sampled_alloc_ns;	/* their allocate + free phases */
	u64 timed_ops;		/* operations in op_ns and the histogram */
	u64 rcu_callbacks;	/* objects handed to call_rcu() */
	u64 rcu_peak;		/* most objects waiting that this worker saw */
	u64 rcu_throttles;	/* waits for the rcu budget (rcu_free.c) */
};

/* Objects the pool strategy keeps between operations. */
struct sw_pool {
	void **objs;
	unsigned int nr;
	unsigned int cap;
	struct sw_ring back;		/* returned by the next CPU */
};

/* The block the arena_keep strategy keeps for the whole run. */
struct sw_arena {
	void *block;
	size_t size;
};

/*
 * Objects that outlive their operation, oldest first: a dentry LRU in
 * miniature.  They are freed when pushed out by newer ones, or with the
 * run, so they pin their slabs after the run has ended.
 */
struct sw_survivors {
	void **objs;
	unsigned int cap;
	unsigned int nr;
	unsigned int oldest;
	u32 countdown;			/* objects until the next survivor */
};

struct sw_run;

struct sw_worker {
	struct sw_counters c;
	struct sw_run *run;
	struct task_struct *task;
	unsigned int cpu;
	struct sw_ring inbox;		/* objects the previous CPU hands over */
	struct sw_worker *next;		/* where remote frees go */
	struct sw_worker *prev;		/* who fills our inbox */
	u64 checksum;			/* result of the simulated work */
	u32 rnd;			/* which operations are sampled */
	u64 wake_late;			/* recent oversleep of a rate wait */
	bool producing;			/* cleared when it stops handing over */
	int prepare_err;		/* of strategy->prepare */
	/* slab strategy: what an object is, decided at prepare */
	u8 obj_kind;
	struct kmem_cache *obj_cache;	/* the pattern's, or NULL */
	size_t obj_size;		/* kmalloc'd without a cache */
	bool lean;			/* only slab allocations, freed here */
	void **objs;			/* this operation's objects */
	struct sw_pool pool;
	struct sw_arena arena;
	struct mempool_s *mempool;	/* the mempool strategy's */
	bool mempool_failed;		/* its alloc fn failed this call */
	struct sw_survivors keep;
	u8 *scratch;			/* work buffer when objects lack room */
	u64 hist[HIST_BUCKETS];
} ____cacheline_aligned;

struct sw_run {
	struct sw_config cfg;
	const struct sw_pattern *pattern;
	const struct sw_strategy *strategy;
	unsigned int nr_workers;
	struct sw_worker **workers;
	struct completion ready;	/* every worker prepared */
	struct completion go;
	atomic_t preparing;		/* workers yet to prepare */
	atomic_t active;		/* workers still running */
	atomic_t finishing;		/* workers yet to publish their counters */
	bool woken;			/* the threads were started */
	bool aborted;			/* a worker failed to prepare */
	bool stop;
	int stop_reason;		/* enum sw_stop_reason, set once */
	u64 rcu_budget;			/* objects that may wait for RCU */
};

/*
 * The tables, in the order of the uapi lists: sw_pattern_<name> lives in
 * pattern_<name>.c, sw_strategy_<name> in strategy_<name>.c.
 */
#define SW_PATTERN(name, ...)	sw_pattern_##name,
extern const struct sw_pattern
#include "uapi/slabwall.h"
	sw_pattern_none;
#undef SW_PATTERN

#define SW_STRATEGY(name)	sw_strategy_##name,
extern const struct sw_strategy
#include "uapi/slabwall.h"
	sw_strategy_none;
#undef SW_STRATEGY

extern const struct sw_pattern *const sw_patterns[SW_NR_PATTERNS];
extern const struct sw_strategy *const sw_strategies[SW_NR_STRATEGIES];
extern const char *const sw_pattern_names[SW_NR_PATTERNS];
extern const char *const sw_strategy_names[SW_NR_STRATEGIES];
extern const char *const sw_free_names[SW_NR_FREE_MODES];
extern const char *const sw_state_names[SW_NR_STATES];
extern const char *const sw_stop_names[SW_NR_STOP_REASONS];

/*
 * The hooks of the default strategy and of the patterns, called directly
 * where the hot path dispatches through the tables (INDIRECT_CALL_*()):
 * with retpolines an indirect call costs a trampoline each time.  A
 * pattern or strategy not named here still works, through its pointer.
 */
int sw_slab_alloc_op(struct sw_worker *w, unsigned int n);
u32 sw_slab_local_ops(struct sw_worker *w, unsigned int n, u32 k);
unsigned int sw_slab_free_units(struct sw_worker *w, struct sw_worker *owner,
				void **objs, unsigned int n);
int sw_skb_attach(void *head, const struct sw_config *cfg);
void sw_skb_detach(void *obj);
int sw_dentry_attach(void *head, const struct sw_config *cfg);
void sw_dentry_detach(void *obj);
size_t sw_kmalloc_object_bytes(const struct sw_config *cfg);
void *sw_real_skb_alloc(const struct sw_config *cfg);
void sw_real_skb_free(void *obj);
void *sw_real_dentry_alloc(const struct sw_config *cfg);
void sw_real_dentry_free(void *obj);

/* strategy.c */
bool sw_supported(const struct sw_config *cfg);

/* patterns.c */
int sw_caches_create(bool mergeable);
int sw_caches_set_typesafe(bool typesafe);
bool sw_caches_need_change(bool typesafe);
slab_flags_t sw_typesafe_flags(void);
bool sw_caches_ready(void);
void sw_caches_destroy(void);
void *sw_obj_alloc(const struct sw_pattern *pat, const struct sw_config *cfg);
void sw_obj_free(const struct sw_pattern *pat, void *obj);
size_t sw_stride(struct kmem_cache *cache, size_t size);
size_t sw_footprint(const struct sw_pattern *pat, const struct sw_config *cfg);
slab_flags_t sw_nomerge(bool mergeable);
const char *sw_pattern_cache(unsigned int pattern);
void sw_caches_show(struct seq_file *m, bool keys, const struct sw_config *cfg);
void sw_cache_line(struct seq_file *m, bool keys, unsigned int i,
		   const char *name, size_t size);
void sw_kmalloc_line(struct seq_file *m, bool keys, unsigned int i,
		     const char *prefix, size_t bytes);

/* rcu_free.c */
unsigned int sw_rcu_free(struct sw_worker *w, void **objs, unsigned int n);
void sw_rcu_done(void);
long sw_rcu_waiting(void);
void sw_rcu_show(struct seq_file *m, const struct sw_run *run,
		 const struct sw_counters *sum);

/* ring.c */
int sw_ring_init(struct sw_ring *r, unsigned long len, int node);
void sw_ring_destroy(struct sw_ring *r);
unsigned long sw_ring_push(struct sw_ring *r, void **objs, unsigned long n);
unsigned long sw_ring_peek(struct sw_ring *r, void ***objs);
void sw_ring_consume(struct sw_ring *r, unsigned long n);
unsigned long sw_ring_len(const struct sw_config *cfg);

/* survivors.c */
int sw_survivors_init(struct sw_worker *w);
void sw_survivors_free(struct sw_worker *w);
unsigned int sw_survivors_take(struct sw_worker *w, unsigned int n);

/* run.c */
int sw_run_check(const struct sw_config *cfg);
int sw_run_start(struct sw_run **runp, const struct sw_config *cfg);
void sw_run_stop(struct sw_run *run);
int sw_run_stop_interruptible(struct sw_run *run);
void sw_run_free(struct sw_run *run);
enum sw_state sw_run_state(const struct sw_run *run);
enum sw_stop_reason sw_run_stop_reason(const struct sw_run *run);
int sw_hotplug_init(void);
void sw_hotplug_exit(void);
u64 sw_run_worst_case_bytes(const struct sw_config *cfg);
u64 sw_rcu_budget(const struct sw_config *cfg);
u64 sw_alloc_bytes(size_t size);
u64 sw_kv_bytes(size_t size);

/* stats.c */
int sw_stats_show(struct seq_file *m, const struct sw_run *run,
		  const struct sw_config *cfg);
int sw_histogram_show(struct seq_file *m, const struct sw_run *run);
u64 sw_run_totals(const struct sw_run *run, struct sw_counters *sum);

/*
 * What "calibrate" measured on one CPU (calibrate.c): a bare
 * alloc + free pair per pattern, its own cache's kmem_cache_alloc +
 * kmem_cache_free or, for kmalloc, kmalloc(kmalloc_size) + kfree, and
 * for a pattern with attach its whole object (the pair with attach and
 * detach between), less an empty loop of as many turns.  Picoseconds and
 * thousandths of a cycle per turn; @loops 0 until the first calibration.
 */
struct sw_cal_cost {
	u64 ps;
	u64 mcycles;
};

struct sw_calibration {
	u32 loops;
	u32 cpu;
	u32 kmalloc_size;
	u32 data_size;				/* of skb's and real objects */
	u32 name_len;				/* of dentries */
	struct sw_cal_cost empty;		/* the empty loop, per turn */
	struct sw_cal_cost pair[SW_NR_PATTERNS];
	/* Head, attach, detach and free, for a pattern with attach; else 0. */
	struct sw_cal_cost object[SW_NR_PATTERNS];
};

/* calibrate.c */
int sw_calibrate(struct sw_calibration *cal, u32 loops,
		 const struct sw_config *cfg);
void sw_calibration_show(struct seq_file *m, const struct sw_calibration *cal);

/* debugfs.c */
int sw_debugfs_init(void);
void sw_debugfs_exit(void);

#endif /* SLABWALL_H */
