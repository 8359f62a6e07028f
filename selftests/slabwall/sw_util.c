// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for the slabwall selftests, see sw_util.h.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sw_util.h"

#define SWT_POLL_MS	10
#define SWT_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

int swt_write_file(const char *path, const char *buf, size_t len)
{
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	if (n < 0)
		err = -errno;
	else if ((size_t)n != len)
		err = -EIO;
	/* Some writers report their error only on close. */
	if (close(fd) && !err)
		err = -errno;
	return err;
}

int swt_write_str(const char *path, const char *s)
{
	return swt_write_file(path, s, strlen(s));
}

/*
 * Read a whole file into @buf and NUL-terminate it.  Returns its length,
 * or -EFBIG when it does not fit.
 */
ssize_t swt_read_file(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd, err = 0;

	if (!size)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		if (len == size - 1) {
			char extra;

			n = read(fd, &extra, 1);
			if (n > 0)
				err = -EFBIG;
			else if (n < 0)
				err = -errno;
			break;
		}
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	return err ? err : (ssize_t)len;
}

/* Strip leading and trailing white space in place. */
char *swt_trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	return s;
}

bool swt_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* A real directory: symlinks (SLUB's merged-cache aliases) do not count. */
bool swt_is_dir(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void swt_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", SWT_DIR, name);
}

/* Write @raw to a file in SWT_DIR exactly as given. */
int swt_knob_write(const char *knob, const char *raw)
{
	char path[256];

	swt_path(path, sizeof(path), knob);
	return swt_write_str(path, raw);
}

/* Set a knob the way `echo VALUE > FILE` does. */
int swt_set(const char *knob, const char *val)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s\n", val);
	return swt_knob_write(knob, buf);
}

int swt_set_u64(const char *knob, uint64_t val)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, val);
	return swt_set(knob, buf);
}

/*
 * Read a knob (or control) with the white space trimmed; of a word knob's
 * choices ("[skb] dentry kmalloc") the current one.
 */
int swt_get(const char *knob, char *buf, size_t size)
{
	char path[256], tmp[4096];
	char *s, *open, *close;
	ssize_t n;

	swt_path(path, sizeof(path), knob);
	n = swt_read_file(path, tmp, sizeof(tmp));
	if (n < 0)
		return n;
	s = swt_trim(tmp);
	open = strchr(s, '[');
	if (open) {
		close = strchr(open, ']');
		if (!close)
			return -EINVAL;
		*close = '\0';
		s = open + 1;
	}
	snprintf(buf, size, "%s", s);
	return 0;
}

static int swt_parse_u64(const char *s, uint64_t *val)
{
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return -EINVAL;
	*val = v;
	return 0;
}

int swt_get_u64(const char *knob, uint64_t *val)
{
	char buf[64];
	int err;

	err = swt_get(knob, buf, sizeof(buf));
	if (err)
		return err;
	return swt_parse_u64(buf, val);
}

int swt_control(const char *word)
{
	return swt_set("control", word);
}

int swt_state(char *buf, size_t size)
{
	return swt_get("control", buf, size);
}

/* Poll control until it reads @want, for at most @timeout_ms. */
int swt_wait_state(const char *want, int timeout_ms)
{
	int64_t deadline = swt_now_ms() + timeout_ms;
	char state[32];
	int err;

	for (;;) {
		err = swt_state(state, sizeof(state));
		if (err)
			return err;
		if (!strcmp(state, want))
			return 0;
		if (swt_now_ms() > deadline)
			return -ETIMEDOUT;
		swt_sleep_ms(SWT_POLL_MS);
	}
}

/*
 * Set duration_ms, start a run with the current knobs and wait until
 * control reads "done".  The emulated test VM is slow, so the timeout is
 * generous; a run that never ends is still caught.
 */
int swt_run(unsigned int duration_ms)
{
	int64_t deadline;
	char state[32];
	int err;

	err = swt_set_u64("duration_ms", duration_ms);
	if (err)
		return err;
	err = swt_control("start");
	if (err)
		return err;
	deadline = swt_now_ms() + 3 * (int64_t)duration_ms + 15000;
	for (;;) {
		swt_sleep_ms(SWT_POLL_MS);
		err = swt_state(state, sizeof(state));
		if (err)
			return err;
		if (!strcmp(state, "done"))
			return 0;
		if (strcmp(state, "running"))
			return -ECANCELED;
		if (swt_now_ms() > deadline) {
			swt_control("stop");
			return -ETIMEDOUT;
		}
	}
}

int swt_stats_read(char *buf, size_t size)
{
	ssize_t n = swt_read_file(SWT_DIR "/stats", buf, size);

	return n < 0 ? (int)n : 0;
}

/* Find the line "key value" in @stats; returns the value, or NULL. */
static const char *swt_stat_find(const char *stats, const char *key,
				 const char **next)
{
	size_t klen = strlen(key);
	const char *line = stats;

	while (line && *line) {
		const char *nl = strchr(line, '\n');

		if (!strncmp(line, key, klen) && line[klen] == ' ') {
			if (next)
				*next = nl ? nl + 1 : NULL;
			return line + klen + 1;
		}
		line = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* How many lines have @key: the contract wants exactly one. */
int swt_stat_count(const char *stats, const char *key)
{
	const char *p = stats;
	int n = 0;

	while (p && swt_stat_find(p, key, &p))
		n++;
	return n;
}

int swt_stat_str(const char *stats, const char *key, char *val, size_t size)
{
	const char *v = swt_stat_find(stats, key, NULL);
	size_t len;

	if (!v)
		return -ENOENT;
	len = strcspn(v, "\n");
	if (len >= size)
		len = size - 1;
	memcpy(val, v, len);
	val[len] = '\0';
	return 0;
}

int swt_stat_u64(const char *stats, const char *key, uint64_t *val)
{
	char buf[64];
	int err;

	err = swt_stat_str(stats, key, buf, sizeof(buf));
	if (err)
		return err;
	return swt_parse_u64(buf, val);
}

int swt_stat_double(const char *stats, const char *key, double *val)
{
	char buf[64], *end;
	int err;

	err = swt_stat_str(stats, key, buf, sizeof(buf));
	if (err)
		return err;
	errno = 0;
	*val = strtod(buf, &end);
	if (errno || end == buf || *end)
		return -EINVAL;
	return 0;
}

int swt_read_stat(const char *key, uint64_t *val)
{
	char *stats = malloc(SWT_STATS_MAX);
	int err;

	if (!stats)
		return -ENOMEM;
	err = swt_stats_read(stats, SWT_STATS_MAX);
	if (!err)
		err = swt_stat_u64(stats, key, val);
	free(stats);
	return err;
}

int swt_result_parse(const char *stats, struct swt_result *r,
		     const char **missing)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
#define SWT_KEY(k) { #k, offsetof(struct swt_result, k) }
		SWT_KEY(ops), SWT_KEY(allocs), SWT_KEY(frees),
		SWT_KEY(alloc_failures), SWT_KEY(remote_frees),
		SWT_KEY(elapsed_ns), SWT_KEY(ops_per_sec), SWT_KEY(ns_per_op),
		SWT_KEY(ns_per_alloc), SWT_KEY(p50_ns), SWT_KEY(p90_ns),
		SWT_KEY(p99_ns), SWT_KEY(p999_ns), SWT_KEY(max_ns),
#undef SWT_KEY
	};
	unsigned int i;
	int err;

	memset(r, 0, sizeof(*r));
	*missing = "state";
	err = swt_stat_str(stats, "state", r->state, sizeof(r->state));
	if (err)
		return err;
	for (i = 0; i < SWT_ARRAY_SIZE(keys); i++) {
		*missing = keys[i].key;
		err = swt_stat_u64(stats, keys[i].key,
				   (uint64_t *)((char *)r + keys[i].off));
		if (err)
			return err;
	}
	*missing = "alloc_share_pct";
	err = swt_stat_double(stats, "alloc_share_pct", &r->alloc_share_pct);
	if (err)
		return err;
	*missing = NULL;
	return 0;
}

/*
 * The leading number of /sys/kernel/slab/<cache>/<attr>; "objects" reads
 * like "0" or "12 N0=12".
 */
int swt_slab_attr(const char *cache, const char *attr, uint64_t *val)
{
	char path[256], buf[4096], *end;
	unsigned long long v;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s/%s", SWT_SLAB_DIR, cache, attr);
	n = swt_read_file(path, buf, sizeof(buf));
	if (n < 0)
		return n;
	if (!isdigit((unsigned char)buf[0]))
		return -EINVAL;
	errno = 0;
	v = strtoull(buf, &end, 10);
	if (errno || (*end && !isspace((unsigned char)*end)))
		return -EINVAL;
	*val = v;
	return 0;
}

static int swt_parse_uint(const char **p, unsigned long *val)
{
	char *end;

	if (!isdigit((unsigned char)**p))
		return -EINVAL;
	errno = 0;
	*val = strtoul(*p, &end, 10);
	if (errno)
		return -EINVAL;
	*p = end;
	return 0;
}

/*
 * Parse a cpulist ("0-3,5") into @set[0..max-1].  Returns the number of
 * CPUs in it or -EINVAL.
 */
int swt_parse_cpulist(const char *s, bool *set, int max)
{
	unsigned long a, b, c;
	int n = 0;

	memset(set, 0, max * sizeof(*set));
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return 0;
	for (;;) {
		if (swt_parse_uint(&s, &a))
			return -EINVAL;
		b = a;
		if (*s == '-') {
			s++;
			if (swt_parse_uint(&s, &b))
				return -EINVAL;
		}
		if (a > b || b >= (unsigned long)max)
			return -EINVAL;
		for (c = a; c <= b; c++) {
			if (!set[c])
				n++;
			set[c] = true;
		}
		if (*s != ',')
			break;
		s++;
	}
	while (isspace((unsigned char)*s))
		s++;
	return *s ? -EINVAL : n;
}

/* The online CPUs, ascending, in @cpus; returns how many. */
int swt_online_cpus(int *cpus, int max)
{
	static bool set[SWT_MAX_CPUS];
	char buf[4096];
	ssize_t n;
	int i, cnt = 0;

	n = swt_read_file(SWT_CPU_ONLINE, buf, sizeof(buf));
	if (n < 0)
		return n;
	n = swt_parse_cpulist(buf, set, SWT_MAX_CPUS);
	if (n < 0)
		return n;
	for (i = 0; i < SWT_MAX_CPUS && cnt < max; i++)
		if (set[i])
			cpus[cnt++] = i;
	return cnt;
}

bool swt_loaded(void)
{
	return swt_exists(SWT_DIR "/control");
}

const char *swt_ko_path(void)
{
	const char *ko = getenv("SLABWALL_KO");

	return ko && *ko ? ko : SWT_KO_DEFAULT;
}

/* What `rmmod slabwall` does, with the errno kept. */
int swt_rmmod(void)
{
	if (syscall(SYS_delete_module, SWT_MODNAME, O_NONBLOCK))
		return -errno;
	return 0;
}

/* What `insmod $SLABWALL_KO` does, with the errno kept. */
int swt_insmod(void)
{
	int fd, err = 0;

	fd = open(swt_ko_path(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, "", 0))
		err = -errno;
	close(fd);
	return err;
}

int64_t swt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void swt_sleep_ms(unsigned int ms)
{
	struct timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (long)(ms % 1000) * 1000000,
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* The knobs of the interface header, as the tests read them. */
static const char *const swt_pattern_words[SW_NR_PATTERNS] = {
#define SW_PATTERN(name, ...) [SW_PAT_##name] = #name,
#include "uapi/slabwall.h"
#undef SW_PATTERN
};

static const char *const swt_strategy_words[SW_NR_STRATEGIES] = {
#define SW_STRATEGY(name) [SW_STRAT_##name] = #name,
#include "uapi/slabwall.h"
#undef SW_STRATEGY
};

static const char *const swt_free_words[SW_NR_FREE_MODES] = {
#define SW_FREE_MODE(id, name) [SW_FREE_##id] = #name,
#include "uapi/slabwall.h"
#undef SW_FREE_MODE
};

/* The header names each word knob's words by the module's array names. */
#define sw_pattern_names	swt_pattern_words
#define sw_strategy_names	swt_strategy_words
#define sw_free_names		swt_free_words
const struct swt_knob swt_knobs[SW_NR_KNOBS] = {
#define SW_KNOB(file, field, type, w, lo, hi, d) \
	[SW_KNOB_##file] = { #file, SW_KNOB_##type, w, lo, hi, d },
#include "uapi/slabwall.h"
#undef SW_KNOB
};

/* What a word knob at word @cur reads: every word, @cur in brackets. */
const char *swt_knob_bracketed(const struct swt_knob *k, uint64_t cur,
			       char *buf, size_t size)
{
	size_t n = 0;
	uint64_t i;

	buf[0] = '\0';
	for (i = k->min; i <= k->max && n < size; i++)
		n += snprintf(buf + n, size - n, i == cur ? "%s[%s]" : "%s%s",
			      i == k->min ? "" : " ", k->words[i]);
	return buf;
}

/* What knob @k reads after reset: its default (cpus: every online CPU). */
const char *swt_knob_default(const struct swt_knob *k, char *buf, size_t size)
{
	if (k->kind == SW_KNOB_WORD)
		return swt_knob_bracketed(k, k->def, buf, size);
	if (k->kind == SW_KNOB_CPULIST) {
		if (swt_read_file(SWT_CPU_ONLINE, buf, size) < 0)
			buf[0] = '\0';
		return swt_trim(buf);
	}
	if (k->kind == SW_KNOB_NODE)	/* signed: -1 is the worker's own */
		snprintf(buf, size, "%" PRId64, (int64_t)k->def);
	else
		snprintf(buf, size, "%" PRIu64, k->def);
	return buf;
}
