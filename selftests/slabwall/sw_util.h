/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the slabwall selftests: debugfs knob access, runs, stats
 * parsing, /sys/kernel/slab attributes, and module reload.
 * The kernel log is checked by kernel_log.sh.
 *
 * Every function that can fail returns 0 (or a count) on success and a
 * negative errno on failure, so the tests can check the exact error the
 * module gave.
 */
#ifndef SW_UTIL_H
#define SW_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "uapi/slabwall.h"

#define SWT_DIR		"/sys/kernel/debug/slabwall"
#define SWT_SLAB_DIR	"/sys/kernel/slab"
#define SWT_CPU_ONLINE	"/sys/devices/system/cpu/online"
#define SWT_MODNAME	"slabwall"
#define SWT_KO_DEFAULT	"/lib/modules/slabwall.ko"

#define SWT_CACHE_SKB	"slabwall_skbuff_head"
#define SWT_CACHE_DENTRY	"slabwall_dentry"

#define SWT_MAX_CPUS	1024
#define SWT_STATS_MAX	(64 * 1024)
#define SWT_HIST_MAX	(512 * 1024)

/* The totals of one run, as read from the stats file. */
struct swt_result {
	char state[16];
	uint64_t ops;
	uint64_t allocs;
	uint64_t frees;
	uint64_t alloc_failures;
	uint64_t remote_frees;
	uint64_t elapsed_ns;
	uint64_t ops_per_sec;
	uint64_t ns_per_op;
	uint64_t ns_per_alloc;
	uint64_t p50_ns;
	uint64_t p90_ns;
	uint64_t p99_ns;
	uint64_t p999_ns;
	uint64_t max_ns;
	double alloc_share_pct;
};

/* Files */
int swt_write_file(const char *path, const char *buf, size_t len);
int swt_write_str(const char *path, const char *s);
ssize_t swt_read_file(const char *path, char *buf, size_t size);
char *swt_trim(char *s);
bool swt_exists(const char *path);
bool swt_is_dir(const char *path);

/* Knobs and control: name is a file in SWT_DIR */
int swt_knob_write(const char *knob, const char *raw);
int swt_set(const char *knob, const char *val);
int swt_set_u64(const char *knob, uint64_t val);
int swt_get(const char *knob, char *buf, size_t size);
int swt_get_u64(const char *knob, uint64_t *val);
int swt_control(const char *word);
int swt_state(char *buf, size_t size);
int swt_wait_state(const char *want, int timeout_ms);
int swt_run(unsigned int duration_ms);

/* stats */
int swt_stats_read(char *buf, size_t size);
int swt_stat_count(const char *stats, const char *key);
int swt_stat_str(const char *stats, const char *key, char *val, size_t size);
int swt_stat_u64(const char *stats, const char *key, uint64_t *val);
int swt_stat_double(const char *stats, const char *key, double *val);
int swt_read_stat(const char *key, uint64_t *val);
int swt_result_parse(const char *stats, struct swt_result *r,
		     const char **missing);

/* /sys/kernel/slab/<cache>/<attr>: the leading number */
int swt_slab_attr(const char *cache, const char *attr, uint64_t *val);

/* CPU lists */
int swt_parse_cpulist(const char *s, bool *set, int max);
int swt_online_cpus(int *cpus, int max);

/* Module */
bool swt_loaded(void);
const char *swt_ko_path(void);
int swt_rmmod(void);
int swt_insmod(void);

/* Time */
int64_t swt_now_ms(void);
void swt_sleep_ms(unsigned int ms);

/* Knobs, from module/uapi/slabwall.h */
struct swt_knob {
	const char *name;
	enum sw_knob_kind kind;
	const char *const *words;
	uint64_t min, max, def;
};
extern const struct swt_knob swt_knobs[SW_NR_KNOBS];
const char *swt_knob_bracketed(const struct swt_knob *k, uint64_t cur,
			       char *buf, size_t size);
const char *swt_knob_default(const struct swt_knob *k, char *buf, size_t size);

#endif /* SW_UTIL_H */
