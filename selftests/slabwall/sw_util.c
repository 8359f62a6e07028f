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

#define SW_POLL_MS	10
#define SW_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

int sw_write_file(const char *path, const char *buf, size_t len)
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

int sw_write_str(const char *path, const char *s)
{
	return sw_write_file(path, s, strlen(s));
}

/*
 * Read a whole file into @buf and NUL-terminate it.  Returns its length,
 * or -EFBIG when it does not fit.
 */
ssize_t sw_read_file(const char *path, char *buf, size_t size)
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
char *sw_trim(char *s)
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

bool sw_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* A real directory: symlinks (SLUB's merged-cache aliases) do not count. */
bool sw_is_dir(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void sw_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", SW_DIR, name);
}

/* Write @raw to a file in SW_DIR exactly as given. */
int sw_knob_write(const char *knob, const char *raw)
{
	char path[256];

	sw_path(path, sizeof(path), knob);
	return sw_write_str(path, raw);
}

/* Set a knob the way `echo VALUE > FILE` does. */
int sw_set(const char *knob, const char *val)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s\n", val);
	return sw_knob_write(knob, buf);
}

int sw_set_u64(const char *knob, uint64_t val)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, val);
	return sw_set(knob, buf);
}

/*
 * Read a knob (or control) with the white space trimmed; of a word knob's
 * choices ("[skb] dentry kmalloc") the current one.
 */
int sw_get(const char *knob, char *buf, size_t size)
{
	char path[256], tmp[4096];
	char *s, *open, *close;
	ssize_t n;

	sw_path(path, sizeof(path), knob);
	n = sw_read_file(path, tmp, sizeof(tmp));
	if (n < 0)
		return n;
	s = sw_trim(tmp);
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

static int sw_parse_u64(const char *s, uint64_t *val)
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

int sw_get_u64(const char *knob, uint64_t *val)
{
	char buf[64];
	int err;

	err = sw_get(knob, buf, sizeof(buf));
	if (err)
		return err;
	return sw_parse_u64(buf, val);
}

int sw_control(const char *word)
{
	return sw_set("control", word);
}

int sw_state(char *buf, size_t size)
{
	return sw_get("control", buf, size);
}

/* Poll control until it reads @want, for at most @timeout_ms. */
int sw_wait_state(const char *want, int timeout_ms)
{
	int64_t deadline = sw_now_ms() + timeout_ms;
	char state[32];
	int err;

	for (;;) {
		err = sw_state(state, sizeof(state));
		if (err)
			return err;
		if (!strcmp(state, want))
			return 0;
		if (sw_now_ms() > deadline)
			return -ETIMEDOUT;
		sw_sleep_ms(SW_POLL_MS);
	}
}

/*
 * Set duration_ms, start a run with the current knobs and wait until
 * control reads "done".  The emulated test VM is slow, so the timeout is
 * generous; a run that never ends is still caught.
 */
int sw_run(unsigned int duration_ms)
{
	int64_t deadline;
	char state[32];
	int err;

	err = sw_set_u64("duration_ms", duration_ms);
	if (err)
		return err;
	err = sw_control("start");
	if (err)
		return err;
	deadline = sw_now_ms() + 3 * (int64_t)duration_ms + 15000;
	for (;;) {
		sw_sleep_ms(SW_POLL_MS);
		err = sw_state(state, sizeof(state));
		if (err)
			return err;
		if (!strcmp(state, "done"))
			return 0;
		if (strcmp(state, "running"))
			return -ECANCELED;
		if (sw_now_ms() > deadline) {
			sw_control("stop");
			return -ETIMEDOUT;
		}
	}
}

int sw_stats_read(char *buf, size_t size)
{
	ssize_t n = sw_read_file(SW_DIR "/stats", buf, size);

	return n < 0 ? (int)n : 0;
}

/* Find the line "key value" in @stats; returns the value, or NULL. */
static const char *sw_stat_find(const char *stats, const char *key,
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
int sw_stat_count(const char *stats, const char *key)
{
	const char *p = stats;
	int n = 0;

	while (p && sw_stat_find(p, key, &p))
		n++;
	return n;
}

int sw_stat_str(const char *stats, const char *key, char *val, size_t size)
{
	const char *v = sw_stat_find(stats, key, NULL);
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

int sw_stat_u64(const char *stats, const char *key, uint64_t *val)
{
	char buf[64];
	int err;

	err = sw_stat_str(stats, key, buf, sizeof(buf));
	if (err)
		return err;
	return sw_parse_u64(buf, val);
}

int sw_stat_double(const char *stats, const char *key, double *val)
{
	char buf[64], *end;
	int err;

	err = sw_stat_str(stats, key, buf, sizeof(buf));
	if (err)
		return err;
	errno = 0;
	*val = strtod(buf, &end);
	if (errno || end == buf || *end)
		return -EINVAL;
	return 0;
}

int sw_read_stat(const char *key, uint64_t *val)
{
	char *stats = malloc(SW_STATS_MAX);
	int err;

	if (!stats)
		return -ENOMEM;
	err = sw_stats_read(stats, SW_STATS_MAX);
	if (!err)
		err = sw_stat_u64(stats, key, val);
	free(stats);
	return err;
}

int sw_result_parse(const char *stats, struct sw_result *r,
		    const char **missing)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
#define SW_KEY(k) { #k, offsetof(struct sw_result, k) }
		SW_KEY(ops), SW_KEY(allocs), SW_KEY(frees),
		SW_KEY(alloc_failures), SW_KEY(remote_frees),
		SW_KEY(elapsed_ns), SW_KEY(ops_per_sec), SW_KEY(ns_per_op),
		SW_KEY(ns_per_alloc), SW_KEY(p50_ns), SW_KEY(p90_ns),
		SW_KEY(p99_ns), SW_KEY(p999_ns), SW_KEY(max_ns),
#undef SW_KEY
	};
	unsigned int i;
	int err;

	memset(r, 0, sizeof(*r));
	*missing = "state";
	err = sw_stat_str(stats, "state", r->state, sizeof(r->state));
	if (err)
		return err;
	for (i = 0; i < SW_ARRAY_SIZE(keys); i++) {
		*missing = keys[i].key;
		err = sw_stat_u64(stats, keys[i].key,
				  (uint64_t *)((char *)r + keys[i].off));
		if (err)
			return err;
	}
	*missing = "alloc_share_pct";
	err = sw_stat_double(stats, "alloc_share_pct", &r->alloc_share_pct);
	if (err)
		return err;
	*missing = NULL;
	return 0;
}

/*
 * The leading number of /sys/kernel/slab/<cache>/<attr>; "objects" reads
 * like "0" or "12 N0=12".
 */
int sw_slab_attr(const char *cache, const char *attr, uint64_t *val)
{
	char path[256], buf[4096], *end;
	unsigned long long v;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s/%s", SW_SLAB_DIR, cache, attr);
	n = sw_read_file(path, buf, sizeof(buf));
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

static int sw_parse_uint(const char **p, unsigned long *val)
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
int sw_parse_cpulist(const char *s, bool *set, int max)
{
	unsigned long a, b, c;
	int n = 0;

	memset(set, 0, max * sizeof(*set));
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return 0;
	for (;;) {
		if (sw_parse_uint(&s, &a))
			return -EINVAL;
		b = a;
		if (*s == '-') {
			s++;
			if (sw_parse_uint(&s, &b))
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
int sw_online_cpus(int *cpus, int max)
{
	static bool set[SW_MAX_CPUS];
	char buf[4096];
	ssize_t n;
	int i, cnt = 0;

	n = sw_read_file(SW_CPU_ONLINE, buf, sizeof(buf));
	if (n < 0)
		return n;
	n = sw_parse_cpulist(buf, set, SW_MAX_CPUS);
	if (n < 0)
		return n;
	for (i = 0; i < SW_MAX_CPUS && cnt < max; i++)
		if (set[i])
			cpus[cnt++] = i;
	return cnt;
}

bool sw_loaded(void)
{
	return sw_exists(SW_DIR "/control");
}

const char *sw_ko_path(void)
{
	const char *ko = getenv("SLABWALL_KO");

	return ko && *ko ? ko : SW_KO_DEFAULT;
}

/* What `rmmod slabwall` does, with the errno kept. */
int sw_rmmod(void)
{
	if (syscall(SYS_delete_module, SW_MODNAME, O_NONBLOCK))
		return -errno;
	return 0;
}

/* What `insmod $SLABWALL_KO` does, with the errno kept. */
int sw_insmod(void)
{
	int fd, err = 0;

	fd = open(sw_ko_path(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, "", 0))
		err = -errno;
	close(fd);
	return err;
}

int64_t sw_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sw_sleep_ms(unsigned int ms)
{
	struct timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (long)(ms % 1000) * 1000000,
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * A pattern matches anywhere in the message, or only at its start when it
 * begins with '^': "^WARNING:" finds WARN() splats but not boot notes like
 * "Spectre V2 : WARNING: ...".
 */
static bool sw_match(const char *text, const char *const *pats, int npats)
{
	int i;

	while (isspace((unsigned char)*text))
		text++;
	for (i = 0; i < npats; i++) {
		const char *p = pats[i];

		if (p[0] == '^') {
			if (!strncmp(text, p + 1, strlen(p + 1)))
				return true;
		} else if (strstr(text, p)) {
			return true;
		}
	}
	return false;
}

/* Fallback when /dev/kmsg cannot be read: the dmesg tool. */
static int sw_dmesg_find(const char *const *pats, int npats, char *line,
			 size_t size)
{
	char buf[1024];
	FILE *f;
	int found = 0;

	f = popen("dmesg 2>/dev/null", "r");
	if (!f)
		return -errno;
	while (fgets(buf, sizeof(buf), f)) {
		char *text = buf;

		/* "[    1.234567] text" */
		if (*text == '[' && strchr(text, ']'))
			text = strchr(text, ']') + 1;
		if (!found && sw_match(text, pats, npats)) {
			snprintf(line, size, "%s", sw_trim(text));
			found = 1;
		}
	}
	if (pclose(f) && !found)
		return -EIO;
	return found;
}

/*
 * Look for any of @pats in the kernel log.  /dev/kmsg hands out one record
 * per read, "prio,seq,time,flags;text\n" followed by dictionary lines.
 */
int sw_kmsg_find(const char *const *pats, int npats, char *line, size_t size)
{
	char rec[8192];
	ssize_t n;
	int fd;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return sw_dmesg_find(pats, npats, line, size);
	for (;;) {
		char *text, *nl;

		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0) {
			/* EPIPE: records were overwritten, keep going */
			if (errno == EPIPE || errno == EINTR)
				continue;
			if (errno == EAGAIN)
				break;
			close(fd);
			return sw_dmesg_find(pats, npats, line, size);
		}
		if (n == 0)
			break;
		rec[n] = '\0';
		text = strchr(rec, ';');
		text = text ? text + 1 : rec;
		nl = strchr(text, '\n');
		if (nl)
			*nl = '\0';
		if (sw_match(text, pats, npats)) {
			snprintf(line, size, "%s", text);
			close(fd);
			return 1;
		}
	}
	close(fd);
	return 0;
}
