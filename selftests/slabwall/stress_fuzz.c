// SPDX-License-Identifier: GPL-2.0
/*
 * stress_fuzz: random and malformed writes to every file of
 * /sys/kernel/debug/slabwall, each checked against a model of the rules
 * of docs/debugfs.md.  After every write all knobs are read back: a
 * refused write must leave every value as it was, an accepted one must
 * change exactly the knob written, to exactly the value written.  Short
 * valid runs are interleaved (writes during them must be refused), then
 * several processes write at once.  KTAP output; the seed is printed and
 * "-s SEED" replays the same writes.
 *
 *   stress_fuzz [-n WRITES] [-s SEED] [-j WRITERS]
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "kselftest.h"
#include "uapi/slabwall.h"

#define SWT_DIR		"/sys/kernel/debug/" SW_DEBUGFS_DIR
#define ONLINE		"/sys/devices/system/cpu/online"
#define CPU1_ONLINE	"/sys/devices/system/cpu/cpu1/online"
#define INPUT_MAX	SW_INPUT_MAX	/* longest write the module takes */
#define BUF		(2 * INPUT_MAX)
#define RUN_EVERY	250	/* writes between two short runs */
#define SHOW_MAX	5	/* failures described per check */

enum kind { NUM, WORD, CPUS, NODE };

struct knob {
	const char *name;
	enum kind kind;
	unsigned long long min, max, def;
	const char *const *words;
};

/* The knobs and their words as module/uapi/slabwall.h lists them. */
static const char *const patterns[] = {
#define SW_PATTERN(name, ...) #name,
#include "uapi/slabwall.h"
#undef SW_PATTERN
	NULL
};
static const char *const strategies[] = {
#define SW_STRATEGY(name) #name,
#include "uapi/slabwall.h"
#undef SW_STRATEGY
	NULL
};
static const char *const frees[] = {
#define SW_FREE_MODE(id, name) #name,
#include "uapi/slabwall.h"
#undef SW_FREE_MODE
	NULL
};

/* Short names of the header's knob indices. */
enum {
	K_PATTERN = SW_KNOB_pattern, K_STRATEGY = SW_KNOB_strategy,
	K_ALLOCS = SW_KNOB_allocs_per_op, K_OBJSIZE = SW_KNOB_object_size,
	K_DATASIZE = SW_KNOB_data_size, K_NAMELEN = SW_KNOB_name_len,
	K_CPUS = SW_KNOB_cpus, K_FREE = SW_KNOB_free,
	K_WORK = SW_KNOB_work_bytes, K_DURATION = SW_KNOB_duration_ms,
	K_RATE = SW_KNOB_rate, K_MEMLIMIT = SW_KNOB_mem_limit_kb,
	K_SURVIVE = SW_KNOB_survive_every, K_SURVMAX = SW_KNOB_survivors_max,
	K_FAIL = SW_KNOB_fail_every, K_NODE = SW_KNOB_alloc_node,
	NK = SW_NR_KNOBS
};

/* The header's words tables by the names this file gives them. */
#define FZ_NUMBER	NUM
#define FZ_WORD		WORD
#define FZ_CPULIST	CPUS
#define FZ_NODE		NODE
#define sw_pattern_names	patterns
#define sw_strategy_names	strategies
#define sw_free_names		frees
static const struct knob knobs[NK] = {
#define SW_KNOB(file, field, type, w, lo, hi, d) \
	[SW_KNOB_##file] = { #file, FZ_##type, lo, hi, d, w },
#include "uapi/slabwall.h"
#undef SW_KNOB
};

/* The files that are not knobs; CONTROL is the index past the knobs. */
static const char *const others[] = { "control", "stats", "histogram", "caches",
				      "calibration", NULL };
#define CONTROL NK

/* What a write should do, by the model. */
enum verdict { REFUSE, ACCEPT, UNKNOWN };

/* Failure counts of each check, shared with the concurrent writers. */
enum check { C_FILES, C_REFUSED, C_ACCEPTED, C_PARTIAL, C_OTHERS, C_BUSY,
	     C_RUNS, C_CONCURRENT, C_READONLY, NC };
static const char *const check_names[NC] = {
	"fuzz.every_file_is_known",
	"fuzz.refused_write_changes_nothing",
	"fuzz.accepted_write_reads_back_as_written",
	"fuzz.no_write_half_accepted",
	"fuzz.write_changes_no_other_knob",
	"fuzz.writes_refused_while_running",
	"fuzz.short_runs_use_their_knobs_and_account",
	"fuzz.concurrent_writers_leave_a_valid_config",
	"fuzz.stats_and_histogram_refuse_writes",
};

struct shared {
	unsigned long fails[NC];
	unsigned long writes;
};
static struct shared *sh;

static unsigned long long model[NK];	/* the knobs as they should read */
static unsigned long long online;	/* online CPUs, a bit each */
static unsigned long long seed, rng;
static unsigned long write_no, runs, run_ops;
static char *guard;			/* a byte before an inaccessible page */

static unsigned long long rnd64(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

static unsigned long long rnd(unsigned long long n)
{
	return n ? rnd64() % n : 0;
}

static void fail(enum check c, const char *fmt, ...)
{
	va_list ap;

	if (sh->fails[c]++ >= SHOW_MAX)
		return;
	printf("# %s: seed %llu write %lu: ", check_names[c], seed, write_no);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* Printable form of an input for the diagnostics. */
static const char *show(const char *b, size_t len)
{
	static char out[160];
	size_t i, o = 0;

	for (i = 0; i < len && o < sizeof(out) - 16; i++) {
		unsigned char c = b[i];

		if (isprint(c) && c != '\\')
			out[o++] = c;
		else
			o += sprintf(out + o, "\\x%02x", c);
	}
	if (i < len)
		o += sprintf(out + o, "...(%zu)", len);
	out[o] = 0;
	return out;
}

static const char *path_of(const char *name)
{
	static char p[128];

	snprintf(p, sizeof(p), SWT_DIR "/%s", name);
	return p;
}

/* A file's contents without the trailing newline; -errno on failure. */
static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n < 0)
		return n;
	buf[n] = 0;
	if (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	return n;
}

/* ---- the model: what the module's parsers accept ---- */

/* The kernel's isspace(): also 0xa0 (Latin-1 no-break space). */
static int kspace(unsigned char c)
{
	return c == ' ' || (c >= 9 && c <= 13) || c == 0xa0;
}

/* The input as the module sees it (when it holds no NUL): trimmed. */
static char *trimmed(const char *in, size_t len, char *s)
{
	size_t n = strnlen(in, len);

	memcpy(s, in, n);
	s[n] = 0;
	while (n && kspace(s[n - 1]))
		s[--n] = 0;
	while (kspace(*s))
		s++;
	return s;
}

/* Decimal digits only, at least one, the value never above @limit. */
static bool parse_digits(const char *s, unsigned long long limit,
			 unsigned long long *v)
{
	unsigned long long x = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
		x = x * 10 + (*s - '0');
		if (x > limit)
			return false;
	}
	*v = x;
	return true;
}

static enum verdict parse_num(const struct knob *k, const char *s,
			      unsigned long long *v)
{
	unsigned long long x;

	if (*s == '+')
		s++;
	if (!parse_digits(s, UINT_MAX, &x))
		return REFUSE;
	if (x < k->min || x > k->max)
		return REFUSE;
	*v = x;
	return ACCEPT;
}

/*
 * A node as kstrtos32() reads it: an optional sign, decimal digits, in
 * [-1, max]; the model keeps it as the bits of a long long.  Whether the
 * node is online is the start's to check, not the write's.
 */
static enum verdict parse_node(const struct knob *k, const char *s,
			       unsigned long long *v)
{
	unsigned long long digits;
	long long x;
	int neg = 0;

	if (*s == '-')
		neg = 1, s++;
	else if (*s == '+')
		s++;
	if (!parse_digits(s, (unsigned long long)k->max + 1, &digits))
		return REFUSE;
	x = neg ? -(long long)digits : (long long)digits;
	if (x < -1 || x > (long long)k->max)
		return REFUSE;
	*v = (unsigned long long)x;
	return ACCEPT;
}

/*
 * A cpulist: exact for "A" and "A-B" items between single commas; the
 * rest of bitmap_parselist()'s syntax (groups, "N", "all", white space
 * and commas as separators) is UNKNOWN: only the weaker checks apply.
 */
static enum verdict parse_cpus(const char *s, unsigned long long *v)
{
	unsigned long long mask = 0, a, b;
	const char *p;
	char *end;

	if (strchr(s, '\n'))
		return UNKNOWN;
	for (p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && !strchr(",-:/NnAaLl", *p) &&
		    !kspace(*p))
			return REFUSE;
	for (p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != ',' && *p != '-')
			return UNKNOWN;
	p = s;
	for (;;) {
		if (!isdigit((unsigned char)*p))
			return UNKNOWN;
		a = strtoull(p, &end, 10);
		b = a;
		if (*end == '-') {
			if (!isdigit((unsigned char)end[1]))
				return UNKNOWN;
			b = strtoull(end + 1, &end, 10);
		}
		if (a > b || b >= 64)
			return REFUSE;
		for (; a <= b; a++)
			mask |= 1ULL << a;
		if (!*end)
			break;
		if (*end != ',')
			return UNKNOWN;
		p = end + 1;
	}
	if (!mask || (mask & ~online))
		return REFUSE;
	*v = mask;
	return ACCEPT;
}

/* The strategy/pattern, strategy/survivor, strategy/node and strategy/free rules. */
static int config_ok(const unsigned long long *c)
{
	/* The kernel's own objects: slab only. */
	if ((c[K_PATTERN] == SW_PAT_real_skb ||
	     c[K_PATTERN] == SW_PAT_real_dentry) &&
	    (c[K_STRATEGY] != SW_STRAT_slab || (long long)c[K_NODE] != SW_NODE_OWN))
		return 0;
	if (c[K_STRATEGY] != SW_STRAT_slab && (long long)c[K_NODE] != SW_NODE_OWN)
		return 0;
	if (c[K_STRATEGY] == SW_STRAT_bulk && c[K_PATTERN] == SW_PAT_kmalloc)
		return 0;
	if (c[K_STRATEGY] >= SW_STRAT_pool && c[K_SURVIVE])
		return 0;
	if (c[K_STRATEGY] == SW_STRAT_arena_keep && c[K_FREE] == SW_FREE_REMOTE)
		return 0;
	if (c[K_STRATEGY] >= SW_STRAT_pool && c[K_FREE] == SW_FREE_RCU)
		return 0;
	return 1;
}

/* A value of knob @k on its own, without the rules between knobs. */
static enum verdict parse_alone(int k, const char *s, unsigned long long *v)
{
	const struct knob *kn = &knobs[k];
	int i;

	if (kn->kind == NUM)
		return parse_num(kn, s, v);
	if (kn->kind == CPUS)
		return parse_cpus(s, v);
	if (kn->kind == NODE)
		return parse_node(kn, s, v);
	for (i = 0; kn->words[i]; i++)
		if (!strcmp(s, kn->words[i])) {
			*v = i;
			return ACCEPT;
		}
	return REFUSE;
}

/*
 * What writing @in to knob @k at file offset @off should do; *v gets the
 * new value.  One write is one whole value: at a non-zero offset (the
 * rest of a value, a second value on one open file), over INPUT_MAX
 * bytes or holding a NUL anywhere, it is refused.
 */
static enum verdict model_write(int k, const char *in, size_t len,
				long long off, unsigned long long *v)
{
	unsigned long long next[NK];
	static char buf[BUF + 1];
	enum verdict r;

	if (off || len > INPUT_MAX || memchr(in, 0, len))
		return REFUSE;
	r = parse_alone(k, trimmed(in, len, buf), v);
	if (r != ACCEPT)
		return r;
	memcpy(next, model, sizeof(next));
	next[k] = *v;
	return config_ok(next) ? r : REFUSE;
}

static void format(int k, unsigned long long v, char *out)
{
	int a, b, o = 0;

	if (knobs[k].kind == NUM) {
		sprintf(out, "%llu", v);
		return;
	}
	if (knobs[k].kind == NODE) {
		sprintf(out, "%lld", (long long)v);
		return;
	}
	if (knobs[k].kind == WORD) {	/* every word, the current in brackets */
		for (a = 0; knobs[k].words[a]; a++)
			o += sprintf(out + o, a == (int)v ? "%s[%s]" : "%s%s",
				     a ? " " : "", knobs[k].words[a]);
		return;
	}
	out[0] = 0;
	for (a = 0; a < 64; a = b + 1) {
		if (!(v & (1ULL << a))) {
			b = a;
			continue;
		}
		for (b = a; b < 63 && (v & (1ULL << (b + 1))); b++)
			;
		o += sprintf(out + o, o ? ",%d" : "%d", a);
		if (b > a)
			o += sprintf(out + o, "-%d", b);
	}
}

static void read_online(void)
{
	char buf[256];

	online = ~0ULL;
	if (read_file(ONLINE, buf, sizeof(buf)) < 0 ||
	    parse_cpus(buf, &online) != ACCEPT)
		ksft_exit_fail_msg("cannot read %s\n", ONLINE);
}

static void model_defaults(void)
{
	int k;

	for (k = 0; k < NK; k++)
		model[k] = knobs[k].def;
	model[K_CPUS] = online;
}

/* Of a word knob's "a [b] c" the bracketed word, in place; else @buf. */
static char *chosen(int k, char *buf)
{
	char *open = strchr(buf, '['), *close;

	if (knobs[k].kind != WORD || !open || !(close = strchr(open, ']')))
		return buf;
	*close = 0;
	return open + 1;
}

/*
 * Read every knob back and compare with the model; @changed is the knob
 * the last write may have changed (-1: none).  Resynchronises the model
 * on a mismatch so that one failure is reported once.
 */
static void check_all(int changed, enum check c_changed)
{
	char buf[BUF], want[BUF];
	unsigned long long v;
	int k;

	for (k = 0; k < NK; k++) {
		if (read_file(path_of(knobs[k].name), buf, sizeof(buf)) < 0) {
			fail(k == changed ? c_changed : C_OTHERS,
			     "%s unreadable", knobs[k].name);
			continue;
		}
		format(k, model[k], want);
		if (!strcmp(buf, want))
			continue;
		fail(k == changed ? c_changed : C_OTHERS,
		     "%s reads \"%s\", expected \"%s\"", knobs[k].name,
		     show(buf, strlen(buf)), want);
		if (parse_alone(k, chosen(k, buf), &v) == ACCEPT)
			model[k] = v;
	}
}

/* ---- inputs ---- */

static size_t gen_valid(int k, char *b)
{
	const struct knob *kn = &knobs[k];
	unsigned long long m = 0;
	int i, n;

	if (kn->kind == NUM) {
		switch (rnd(4)) {
		case 0: return sprintf(b, "%llu", kn->min);
		case 1: return sprintf(b, "%llu", kn->max);
		case 2: return sprintf(b, "%llu", kn->def);
		}
		return sprintf(b, "%llu", kn->min + rnd(kn->max - kn->min + 1));
	}
	if (kn->kind == NODE)	/* -1 or a node, online or not */
		return sprintf(b, "%lld", (long long)rnd(kn->max + 2) - 1);
	if (kn->kind == WORD) {
		for (n = 0; kn->words[n]; n++)
			;
		return sprintf(b, "%s", kn->words[rnd(n)]);
	}
	while (!m)
		m = rnd64() & online;
	if (rnd(4) == 0) {	/* a list, not the canonical form */
		n = 0;
		for (i = 63; i >= 0; i--)
			if (m & (1ULL << i))
				n += sprintf(b + n, n ? ",%d" : "%d", i);
		return n;
	}
	format(k, m, b);
	return strlen(b);
}

static const char *const junk[] = {
	"-1", "-0", "+", "++1", "+-1", "4294967295", "4294967296",
	"18446744073709551616", "99999999999999999999999999", "0x10", "0X1f",
	"010", "1e3", "1.0", "0b1", "1 2", "1\t2", "one", "", "\n", " ",
	"0-4095", "4096", "2", "3", "63", "64", "0-63", "0-64", "1-0", "0,,1",
	",0", "0,", "0-", "-1-0", "0-1:1/2", "N", "all", "ALL", "0 1", "0\n1",
	"2147483647", "0-4294967295", "skb ", "SKB", "sk", "slabs", "pool\n",
	"remote\nlocal", "start", "stop", "reset", "START", "star", "resets",
};

/* A random input for knob @k (or control), at most BUF bytes. */
static size_t gen_input(int k, char *b)
{
	static const char sp[] = " \t\n\v\f\r\xa0";
	size_t n, i, pad;

	if (k == CONTROL) {
		if (rnd(3) == 0)
			return sprintf(b, "%s", rnd(2) ? "stop" : "reset");
		n = sprintf(b, "%s", junk[rnd(ARRAY_SIZE(junk))]);
		if (rnd(2) && n)
			b[rnd(n)] ^= 1 << rnd(8);
		return n;
	}
	switch (rnd(16)) {
	case 0: case 1: case 2: case 3:
		return gen_valid(k, b);
	case 4:		/* white space around */
		n = 0;
		for (i = rnd(3); i; i--)
			b[n++] = sp[rnd(sizeof(sp) - 1)];
		n += gen_valid(k, b + n);
		for (i = rnd(3); i; i--)
			b[n++] = sp[rnd(sizeof(sp) - 1)];
		return n;
	case 5:		/* embedded NUL */
		n = gen_valid(k, b);
		b[n++] = 0;
		return n + sprintf(b + n, "%s", junk[rnd(ARRAY_SIZE(junk))]);
	case 6:		/* NUL first */
		b[0] = 0;
		return 1 + gen_valid(k, b + 1);
	case 7: case 8:
		return sprintf(b, "%s", junk[rnd(ARRAY_SIZE(junk))]);
	case 9:		/* just in and out of range */
		if (knobs[k].kind == NODE)
			return sprintf(b, "%lld", rnd(2) ? -2LL - (long long)rnd(3) :
				       (long long)knobs[k].max + 1 + (long long)rnd(3));
		if (knobs[k].kind != NUM)
			return gen_valid(k, b);
		if (rnd(2) || !knobs[k].min)
			return sprintf(b, "%llu", knobs[k].max + 1 + rnd(3));
		return sprintf(b, "%llu", knobs[k].min - 1);
	case 10:	/* 4096 bytes (valid) or 4097 and more (too long) */
		n = gen_valid(k, b + BUF / 2);
		pad = INPUT_MAX - n + rnd(3) - (rnd(2) ? 0 : 1);
		memset(b, knobs[k].kind == NUM ? '0' : ' ', pad);
		memmove(b + pad, b + BUF / 2, n);
		return pad + n;
	case 11:	/* random bytes */
		n = rnd(65);
		for (i = 0; i < n; i++)
			b[i] = rnd(256);
		return n;
	case 12:	/* a valid value with a byte changed, cut or added */
		n = gen_valid(k, b);
		switch (rnd(4)) {
		case 0: b[rnd(n)] ^= 1 << rnd(8); return n;
		case 1: return n - 1;
		case 2: b[n] = "x0-,+"[rnd(5)]; return n + 1;
		}
		b[n] = ' ';
		return n + 1 + gen_valid(k, b + n + 1);
	case 13:	/* sign in front */
		b[0] = "+-"[rnd(2)];
		return 1 + gen_valid(k, b + 1);
	case 14:	/* hex of a valid number */
		if (knobs[k].kind != NUM)
			return gen_valid(k, b);
		return sprintf(b, "0x%llx", knobs[k].min + rnd(knobs[k].max - knobs[k].min + 1));
	}
	return 0;	/* empty write */
}

/* ---- writes ---- */

/* write(2) or pwrite(2) of @len bytes at @buf to @name; -errno or count. */
static long do_write(const char *name, const char *buf, size_t len,
		     long long off, int use_pwrite)
{
	int fd = open(path_of(name), O_WRONLY);
	long r;

	if (fd < 0)
		return -errno;
	r = use_pwrite ? pwrite(fd, buf, len, off) : write(fd, buf, len);
	if (r < 0)
		r = -errno;
	close(fd);
	return r;
}

/*
 * Check one write's result against the model: a write at file offset
 * @off; @maybe_refused when the write may be refused, with any error,
 * before the module sees it (a bad buffer; pwrite(), which these files do
 * not support: ESPIPE).
 */
static void judge(int k, const char *in, size_t len, long long off, long r,
		  int maybe_refused)
{
	unsigned long long v = model[k];
	enum verdict want = model_write(k, in, len, off, &v);
	enum check c = C_ACCEPTED;

	if (r >= 0 && (size_t)r != len) {
		fail(C_PARTIAL, "%s: \"%s\" at offset %lld took %ld of %zu bytes",
		     knobs[k].name, show(in, len), off, r, len);
	} else if (r >= 0 && len && want == REFUSE) {
		fail(C_REFUSED, "%s: \"%s\" at offset %lld accepted, should be refused",
		     knobs[k].name, show(in, len), off);
	} else if (r < 0 && r != -EINVAL && !maybe_refused) {
		fail(C_REFUSED, "%s: \"%s\" at offset %lld refused with %s, not EINVAL",
		     knobs[k].name, show(in, len), off, strerror(-r));
	} else if (r < 0 && want == ACCEPT && !maybe_refused) {
		fail(C_ACCEPTED, "%s: \"%s\" at offset %lld refused (%s), should be accepted",
		     knobs[k].name, show(in, len), off, strerror(-r));
	}
	if (r < 0)
		c = C_REFUSED;
	else if (len && want != REFUSE)
		model[k] = v;
	/* UNKNOWN: take what reads back, if it is a valid value. */
	if (r >= 0 && len && want == UNKNOWN) {
		char buf[BUF];

		if (read_file(path_of(knobs[k].name), buf, sizeof(buf)) >= 0 &&
		    parse_alone(k, buf, &v) == ACCEPT)
			model[k] = v;
		else
			fail(C_ACCEPTED, "cpus: \"%s\" reads back as \"%s\"",
			     show(in, len), show(buf, strlen(buf)));
	}
	check_all(k, c);
}

static void write_control(const char *in, size_t len)
{
	static char buf[BUF + 1];
	const char *s = trimmed(in, len, buf);
	int valid = len <= INPUT_MAX && !memchr(in, 0, len) &&
		    (!strcmp(s, "stop") || !strcmp(s, "reset"));
	long r;

	if (!strcmp(s, "start"))	/* the short runs start runs */
		return;
	r = do_write("control", in, len, 0, 0);
	if (valid && r != (long)len)
		fail(C_ACCEPTED, "control: \"%s\" gave %ld", show(in, len), r);
	if (!valid && (len ? r != -EINVAL : r > 0))
		fail(C_REFUSED, "control: \"%s\" gave %ld", show(in, len), r);
	if (valid && !strcmp(s, "reset")) {
		model_defaults();
		check_all(-1, C_OTHERS);
	} else {
		check_all(-1, C_REFUSED);
	}
}

/* One random write to knob @k, in one of several ways. */
static void fuzz_one(int k)
{
	static char b[BUF + 8];
	size_t len = gen_input(k, b), cut;
	long long off;
	long r;
	int fd;
	char *p;

	sh->writes++;
	write_no++;
	if (k == CONTROL)
		return write_control(b, len);
	switch (rnd(10)) {
	case 0:		/* pwrite at an offset, up to the end of loff_t */
		off = rnd(2) ? (long long)rnd(1 << 20) : LLONG_MAX - (long long)rnd(8);
		r = do_write(knobs[k].name, b, len, off, 1);
		return judge(k, b, len, off, r, 1);
	case 1:		/* two writes on one open file, then back to 0 */
		cut = rnd(len + 1);
		fd = open(path_of(knobs[k].name), O_WRONLY);
		if (fd < 0)
			return fail(C_ACCEPTED, "open %s: %m", knobs[k].name);
		r = write(fd, b, cut);
		judge(k, b, cut, 0, r < 0 ? -errno : r, 0);
		off = r > 0 ? r : 0;	/* a taken write moves the offset */
		r = write(fd, b + cut, len - cut);
		judge(k, b + cut, len - cut, off, r < 0 ? -errno : r, 0);
		if (off && lseek(fd, 0, SEEK_SET) == 0) {
			r = write(fd, b + cut, len - cut);
			judge(k, b + cut, len - cut, 0, r < 0 ? -errno : r, 0);
		}
		close(fd);
		return;
	case 2:		/* a count shorter than the value */
		cut = len ? rnd(len) : 0;
		r = do_write(knobs[k].name, b, cut, 0, 0);
		return judge(k, b, cut, 0, r, 0);
	case 3:		/* the buffer runs into an inaccessible page */
		if (!len || len > INPUT_MAX)
			break;
		cut = rnd(len);
		p = guard + 1 - cut;
		memcpy(p, b, cut);
		r = do_write(knobs[k].name, p, len, 0, 0);
		if (r != -EFAULT)
			fail(C_REFUSED, "%s: write over a bad page gave %ld",
			     knobs[k].name, r);
		return judge(k, p, cut, 0, r, 1);	/* the model reads no further */
	}
	r = do_write(knobs[k].name, b, len, 0, 0);
	judge(k, b, len, 0, r, 0);
}

/*
 * stats, histogram, caches and calibration: no write is taken, and they
 * do not change.
 */
static void fuzz_readonly(void)
{
	static char before[1 << 16], after[1 << 16], b[BUF + 8];
	const char *f = others[1 + rnd(4)];
	size_t len = gen_input(K_PATTERN, b);
	long r;

	read_file(path_of(f), before, sizeof(before));
	r = do_write(f, b, len, 0, 0);
	read_file(path_of(f), after, sizeof(after));
	sh->writes++;
	write_no++;
	if (r >= 0 && len)
		fail(C_READONLY, "%s took \"%s\"", f, show(b, len));
	if (strcmp(before, after))
		fail(C_READONLY, "%s changed after a refused write", f);
}

/* ---- short runs ---- */

/* Writes @v to knob @k: a word knob takes its bare word. */
static void set_valid(int k, unsigned long long v)
{
	char b[BUF];

	if (knobs[k].kind == WORD)
		strcpy(b, knobs[k].words[v]);
	else
		format(k, v, b);
	judge(k, b, strlen(b), 0, do_write(knobs[k].name, b, strlen(b), 0, 0), 0);
}

static const char *stat_of(const char *stats, const char *key, char *out)
{
	const char *p = stats;
	size_t n = strlen(key);

	out[0] = 0;
	while (p && *p) {
		if (!strncmp(p, key, n) && p[n] == ' ') {
			sscanf(p + n + 1, "%255s", out);
			break;
		}
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return out;
}

/*
 * A small valid configuration, a run stopped by us, writes during it
 * (all refused), then the stats: the run's settings are the knobs it
 * started with and allocs == frees + survivors.
 */
static void short_run(void)
{
	static char stats[1 << 16];
	char want[BUF], got[256], b[BUF];
	unsigned long long strat = rnd(SW_NR_STRATEGIES), pat = rnd(3), m = 0;
	unsigned long long allocs, fr, sv;
	int i, k;
	long r;

	if (strat == SW_STRAT_bulk && pat == SW_PAT_kmalloc)
		pat = rnd(2);
	while (!m)
		m = rnd64() & online;
	set_valid(K_SURVIVE, 0);
	set_valid(K_NODE, (unsigned long long)SW_NODE_OWN);
	set_valid(K_FREE, SW_FREE_LOCAL);
	set_valid(K_PATTERN, 0);
	set_valid(K_STRATEGY, strat);
	set_valid(K_PATTERN, pat);
	set_valid(K_ALLOCS, rnd(65));
	set_valid(K_OBJSIZE, 8 + rnd(4089));
	set_valid(K_DATASIZE, rnd(2049));
	set_valid(K_NAMELEN, 1 + rnd(64));
	set_valid(K_CPUS, m);
	/*
	 * rcu with slab and bulk only, and a kmalloc object that holds an
	 * rcu_head; arena_keep frees locally only.
	 */
	if (strat == SW_STRAT_arena_keep)
		set_valid(K_FREE, SW_FREE_LOCAL);
	else
		set_valid(K_FREE, strat < SW_STRAT_pool ? rnd(3) : rnd(2));
	if (model[K_FREE] == SW_FREE_RCU && pat == 2 && model[K_OBJSIZE] < 16)
		set_valid(K_OBJSIZE, 16);
	set_valid(K_WORK, rnd(2) ? 0 : rnd(513));
	set_valid(K_DURATION, 60000);
	set_valid(K_RATE, rnd(2) ? 0 : 1000 + rnd(100000));
	set_valid(K_MEMLIMIT, knobs[K_MEMLIMIT].def);
	set_valid(K_SURVMAX, 1 + rnd(256));
	set_valid(K_FAIL, rnd(2) ? 0 : 2 + rnd(100));
	set_valid(K_SURVIVE, strat <= SW_STRAT_bulk && rnd(2) ? 1 + rnd(16) : 0);

	r = do_write("control", "start", 5, 0, 0);
	if (r == -ENOMEM && strat == SW_STRAT_pool && model[K_FAIL])
		return;		/* an injected failure while filling the pools */
	if (r != 5) {
		fail(C_RUNS, "start refused: %ld (%s/%s allocs %llu free %s fail_every %llu survive_every %llu)",
		     r, strategies[strat], patterns[pat], model[K_ALLOCS],
		     frees[model[K_FREE]], model[K_FAIL], model[K_SURVIVE]);
		return;
	}
	for (i = 0; i < 20; i++) {
		k = rnd(NK);
		r = do_write(knobs[k].name, b, gen_input(k, b), 0, 0);
		sh->writes++;
		if (r > 0)
			fail(C_BUSY, "%s: \"%s\" taken during a run", knobs[k].name,
			     show(b, r));
		check_all(-1, C_BUSY);
	}
	if (do_write("control", "reset", 5, 0, 0) != -EBUSY ||
	    do_write("control", "start", 5, 0, 0) != -EBUSY)
		fail(C_BUSY, "reset or start during a run not EBUSY");
	check_all(-1, C_BUSY);
	usleep(rnd(30000));
	if (do_write("control", "stop", 4, 0, 0) != 4)
		fail(C_RUNS, "stop refused");
	if (read_file(path_of("control"), got, sizeof(got)) < 0 ||
	    strcmp(got, "done"))
		fail(C_RUNS, "state after stop is \"%s\"", got);
	if (read_file(path_of("stats"), stats, sizeof(stats)) < 0) {
		fail(C_RUNS, "stats unreadable");
		return;
	}
	for (k = 0; k < NK; k++) {
		/* stats shows a word knob's word alone */
		if (knobs[k].kind == WORD)
			strcpy(want, knobs[k].words[model[k]]);
		else
			format(k, model[k], want);
		stat_of(stats, knobs[k].name, got);
		if (strcmp(got, want))
			fail(C_RUNS, "run's %s is \"%s\", knob \"%s\"",
			     knobs[k].name, got, want);
	}
	allocs = strtoull(stat_of(stats, "allocs", got), NULL, 10);
	fr = strtoull(stat_of(stats, "frees", got), NULL, 10);
	sv = strtoull(stat_of(stats, "survivors", got), NULL, 10);
	if (allocs != fr + sv)
		fail(C_RUNS, "allocs %llu != frees %llu + survivors %llu",
		     allocs, fr, sv);
	run_ops += strtoull(stat_of(stats, "ops", got), NULL, 10);
	runs++;
}

/* ---- several writers at once ---- */

/* A value read while others write must still be a valid value. */
static void check_wellformed(enum check c)
{
	char buf[BUF];
	unsigned long long v;
	int k;

	for (k = 0; k < NK; k++) {
		if (read_file(path_of(knobs[k].name), buf, sizeof(buf)) < 0)
			continue;
		/* Each knob alone: the cross rules need one consistent read. */
		if (parse_alone(k, chosen(k, buf), &v) != ACCEPT)
			fail(c, "%s reads \"%s\"", knobs[k].name, show(buf, strlen(buf)));
	}
}

static void writer(int id, unsigned long n)
{
	static char b[BUF + 8];
	unsigned long i;
	int k;
	long r;

	rng = seed ^ (0x9E3779B97F4A7C15ULL * (id + 1));
	for (i = 0; i < n; i++) {
		k = rnd(NK + 1);
		if (k == K_MEMLIMIT)	/* runs stay within the default limit */
			continue;
		if (id == 0 && !(i % 16)) {
			r = do_write("control", "start", 5, 0, 0);
			do_write("control", "stop", 4, 0, 0);
			/* -EBUSY: another writer's "start" got in first. */
			if (r < 0 && r != -EINVAL && r != -E2BIG && r != -ENOMEM &&
			    r != -EBUSY)
				fail(C_CONCURRENT, "start: %s", strerror(-r));
			continue;
		}
		r = do_write(k == CONTROL ? "control" : knobs[k].name, b,
			     gen_input(k, b), 0, 0);
		__atomic_fetch_add(&sh->writes, 1, __ATOMIC_RELAXED);
		/* A "start" among the junk: refused for its knobs or memory. */
		if (k == CONTROL && (r == -E2BIG || r == -ENOMEM))
			continue;
		if (r < 0 && r != -EINVAL && r != -EBUSY)
			fail(C_CONCURRENT, "write: %s", strerror(-r));
	}
	_exit(0);
}

static void concurrent(int nproc, unsigned long per)
{
	char state[32];
	int i, status, alive = nproc;
	unsigned long long v;

	fflush(stdout);
	for (i = 0; i < nproc; i++)
		if (fork() == 0)
			writer(i, per);
	while (alive) {
		check_wellformed(C_CONCURRENT);
		if (waitpid(-1, &status, WNOHANG) > 0) {
			alive--;
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				fail(C_CONCURRENT, "a writer died (status %d)", status);
		}
	}
	do_write("control", "stop", 4, 0, 0);
	read_file(path_of("control"), state, sizeof(state));
	for (i = 0; i < NK; i++) {
		char buf[BUF];

		if (read_file(path_of(knobs[i].name), buf, sizeof(buf)) < 0 ||
		    parse_alone(i, chosen(i, buf), &v) != ACCEPT)
			fail(C_CONCURRENT, "%s unreadable or malformed", knobs[i].name);
		else
			model[i] = v;
	}
	if (!config_ok(model))
		fail(C_CONCURRENT, "left strategy %s with pattern %s, survive_every %llu, alloc_node %lld",
		     strategies[model[K_STRATEGY]], patterns[model[K_PATTERN]],
		     model[K_SURVIVE], (long long)model[K_NODE]);
}

/* ---- main ---- */

static void check_files(void)
{
	struct dirent *e;
	DIR *dir = opendir(SWT_DIR);
	int k, known;

	if (!dir)
		ksft_exit_fail_msg("%s: %s\n", SWT_DIR, strerror(errno));
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		known = 0;
		for (k = 0; k < NK; k++)
			known |= !strcmp(e->d_name, knobs[k].name);
		for (k = 0; others[k]; k++)
			known |= !strcmp(e->d_name, others[k]);
		if (!known)
			fail(C_FILES, "%s is not covered by the fuzzer", e->d_name);
	}
	closedir(dir);
}

/* Take CPU 1 offline for a stretch, when the machine lets us. */
static int set_cpu1(int on)
{
	int fd = open(CPU1_ONLINE, O_WRONLY), ok;

	if (fd < 0)
		return 0;
	ok = write(fd, on ? "1" : "0", 1) == 1;
	close(fd);
	read_online();
	return ok;
}

int main(int argc, char **argv)
{
	unsigned long n = 10000, i;
	int opt, nproc = 4, c, hot = 0;
	char *pages;

	seed = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 32);
	while ((opt = getopt(argc, argv, "n:s:j:")) != -1) {
		switch (opt) {
		case 'n': n = strtoul(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'j': nproc = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: %s [-n WRITES] [-s SEED] [-j WRITERS]\n", argv[0]);
			return 2;
		}
	}
	rng = seed ? seed : 1;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pages = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED || pages == MAP_FAILED ||
	    mprotect(pages + 4096, 4096, PROT_NONE))
		ksft_exit_fail_msg("mmap: %s\n", strerror(errno));
	guard = pages + 4095;

	ksft_print_header();
	ksft_set_plan(NC);
	ksft_print_msg("seed %llu (replay: %s -n %lu -s %llu -j %d)\n", seed,
		       argv[0], n, seed, nproc);
	check_files();
	read_online();
	if (do_write("control", "reset", 5, 0, 0) != 5)
		ksft_exit_fail_msg("reset refused\n");
	model_defaults();
	check_all(-1, C_OTHERS);

	/* Three quarters alone, with CPU 1 offline in the third tenth. */
	for (i = 0; i < n * 3 / 4; i++) {
		if (i == n * 2 / 10)
			hot = set_cpu1(0);
		if (i == n * 3 / 10 && hot)
			set_cpu1(1);
		if (i && !(i % RUN_EVERY))
			short_run();
		if (rnd(50) == 0)
			fuzz_readonly();
		else
			fuzz_one(rnd(NK + 1));
	}
	ksft_print_msg("cpu 1 offline for writes %lu-%lu: %s\n", n * 2 / 10,
		       n * 3 / 10, hot ? "yes" : "no (cannot offline it)");
	concurrent(nproc, (n - n * 3 / 4) / nproc + 1);
	do_write("control", "reset", 5, 0, 0);

	for (c = 0; c < NC; c++)
		ksft_test_result(!sh->fails[c], "%s\n", check_names[c]);
	ksft_print_msg("figure fuzz_writes %lu\n", sh->writes);
	ksft_print_msg("figure fuzz_runs %lu (%lu ops)\n", runs, run_ops);
	ksft_finished();
}
