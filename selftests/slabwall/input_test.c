// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, knob input and control: documented defaults and reset,
 * values accepted and refused, writes at the edges (partial, repeated, NUL),
 * and what a running module refuses.
 */
#define _GNU_SOURCE
#include "sw_test.h"

static void check_defaults(struct __test_metadata *_metadata,
			   const char *online)
{
	char val[1024];
	unsigned int i;

	/* The defaults of the interface header; cpus: every online CPU. */
	for (i = 0; i < SW_NR_KNOBS; i++) {
		const struct swt_knob *k = &swt_knobs[i];
		char want[32];

		if (k->kind == SW_KNOB_CPULIST)
			continue;
		if (k->kind == SW_KNOB_WORD)
			snprintf(want, sizeof(want), "%s", k->words[k->def]);
		else
			swt_knob_default(k, want, sizeof(want));
		get_knob(_metadata, k->name, val, sizeof(val));
		EXPECT_STREQ(want, val) TH_LOG("knob %s", k->name);
	}
	get_knob(_metadata, "cpus", val, sizeof(val));
	EXPECT_TRUE(same_cpus(online, val))
		TH_LOG("cpus %s, online %s", val, online);
	expect_state(_metadata, "idle");
}

/* reset restores every documented default and forgets the last run. */
TEST_F_TIMEOUT(slabwall, defaults, SWT_TIMEOUT)
{
	struct swt_result r;
	ssize_t n;
	int err;

	check_defaults(_metadata, self->online);

	/* stop is harmless when nothing runs */
	err = swt_control("stop");
	EXPECT_EQ(0, err) TH_LOG("stop when idle: %s", strerror(-err));
	expect_state(_metadata, "idle");

	/* Move every knob off its default, do a run, then reset. */
	SWT_SET("pattern", "kmalloc");
	SWT_SETU("allocs_per_op", 2);
	SWT_SETU("object_size", 64);
	SWT_SETU("data_size", 0);
	SWT_SETU("name_len", 40);
	SWT_SET("cpus", self->first);
	SWT_SETU("work_bytes", 64);
	SWT_SETU("rate", 1000);
	SWT_SETU("mem_limit_kb", 1024);
	SWT_SET("alloc_node", "0");
	run_ok(_metadata, 50, &r);
	check_clean(_metadata, &r, 2, "kmalloc run");
	SWT_SET("free", "remote");
	SWT_SET("pattern", "dentry");

	err = swt_control("reset");
	ASSERT_EQ(0, err) TH_LOG("reset: %s", strerror(-err));
	check_defaults(_metadata, self->online);

	/* No last run: the histogram has no bucket to show. */
	n = swt_read_file(SWT_DIR "/histogram", hist, sizeof(hist));
	if (n >= 0) {
		EXPECT_STREQ("", swt_trim(hist)) TH_LOG("histogram after reset");
	}
}

/* Valid values, with and without surrounding white space, read back. */
TEST_F_TIMEOUT(slabwall, set_values, SWT_TIMEOUT)
{
	static const struct {
		const char *knob, *write, *read;
	} cases[] = {
		{ "allocs_per_op",	"0",		"0" },
		{ "allocs_per_op",	"4096\n",	"4096" },
		{ "allocs_per_op",	"\t17 \n",	"17" },
		{ "object_size",	"8",		"8" },
		{ "object_size",	"65536\n",	"65536" },
		{ "object_size",	"  100\n",	"100" },
		{ "data_size",		"0\n",		"0" },
		{ "data_size",		"65536",	"65536" },
		{ "name_len",		"1\n",		"1" },
		{ "name_len",		"255\n",	"255" },
		{ "work_bytes",		"65536\n",	"65536" },
		{ "work_bytes",		"0\n",		"0" },
		{ "duration_ms",	"1\n",		"1" },
		{ "duration_ms",	"600000\n",	"600000" },
		{ "rate",		"10000000\n",	"10000000" },
		{ "rate",		"0",		"0" },
		{ "mem_limit_kb",	"64\n",		"64" },
		{ "mem_limit_kb",	"16777216\n",	"16777216" },
		{ "pattern",		"dentry\n",	"dentry" },
		{ "pattern",		"kmalloc",	"kmalloc" },
		{ "pattern",		" skb \n",	"skb" },
		{ "strategy",		"bulk\n",	"bulk" },
		{ "strategy",		"pool",		"pool" },
		{ "strategy",		"arena",	"arena" },
		{ "strategy",		"slab\n",	"slab" },
		{ "free",		"remote\n",	"remote" },
		{ "free",		"local",	"local" },
		{ "free",		"\tremote\n",	"remote" },
	};
	char val[1024];
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		err = swt_knob_write(cases[i].knob, cases[i].write);
		EXPECT_EQ(0, err) TH_LOG("%s <- %s: %s", cases[i].knob,
					 esc(cases[i].write), strerror(-err));
		get_knob(_metadata, cases[i].knob, val, sizeof(val));
		EXPECT_STREQ(cases[i].read, val)
			TH_LOG("%s after %s", cases[i].knob,
			       esc(cases[i].write));
	}

	SWT_SET("cpus", self->first);
	get_knob(_metadata, "cpus", val, sizeof(val));
	EXPECT_TRUE(same_cpus(self->first, val)) TH_LOG("cpus %s", val);
	SWT_SET("cpus", self->online);
	get_knob(_metadata, "cpus", val, sizeof(val));
	EXPECT_TRUE(same_cpus(self->online, val)) TH_LOG("cpus %s", val);
	if (self->ncpus >= 2) {
		SWT_SET("cpus", self->two);
		get_knob(_metadata, "cpus", val, sizeof(val));
		EXPECT_TRUE(same_cpus(self->two, val)) TH_LOG("cpus %s", val);
		snprintf(val, sizeof(val), "%d", self->cpu[1]);
		SWT_SET("cpus", val);
		get_knob(_metadata, "cpus", val, sizeof(val));
		EXPECT_EQ(self->cpu[1], atoi(val)) TH_LOG("cpus %s", val);
	}
}

/*
 * Write @bad to @knob: EINVAL and the value unchanged.  An empty write
 * (zero bytes) may also be taken as a no-op.
 */
static void expect_refused(struct __test_metadata *_metadata,
			   const char *knob, const char *bad, const char *ref)
{
	char val[1024];
	int err = swt_knob_write(knob, bad);

	if (!*bad) {
		EXPECT_TRUE(err == -EINVAL || err == 0)
			TH_LOG("%s <- zero bytes: %s", knob, strerror(-err));
	} else {
		EXPECT_EQ(-EINVAL, err)
			TH_LOG("%s <- %s: got %d (%s)", knob, esc(bad), err,
			       strerror(-err));
	}
	get_knob(_metadata, knob, val, sizeof(val));
	EXPECT_STREQ(ref, val) TH_LOG("%s changed by %s", knob, esc(bad));
}

/* Malformed and out-of-range values: EINVAL, nothing changes. */
TEST_F_TIMEOUT(slabwall, bad_values, SWT_TIMEOUT)
{
	/* Refused by every numeric knob. */
	static const char *const bad_numbers[] = {
		"", "\n", " \n", "abc", "8x", "8 x", "x8", "-1", "-0x1", "1.5",
		"1 2", "99999999999999999999", "4294967304",
	};
	static const struct {
		const char *knob;
		const char *base;	/* valid, not the default */
		const char *bad[8];
	} cases[] = {
		{ "allocs_per_op", "13",	{ "4097", "-4096" } },
		{ "object_size", "100",		{ "0", "7", "65537" } },
		{ "data_size", "700",		{ "65537" } },
		{ "name_len", "50",		{ "0", "256" } },
		{ "work_bytes", "128",		{ "65537" } },
		{ "duration_ms", "250",		{ "0", "600001" } },
		{ "rate", "1234",		{ "10000001" } },
		{ "mem_limit_kb", "4096",	{ "0", "63", "16777217" } },
		{ "survive_every", "7",		{ "65537", "-1" } },
		{ "survivors_max", "100",	{ "0", "1048577" } },
		{ "fail_every", "3",		{ "1000001", "x", "-5" } },
		{ "pattern", "dentry",
		  { "", "\n", "foo", "sk", "skbx", "skb dentry", "kmalloc1",
		    "1" } },
		{ "strategy", "slab",
		  { "", "\n", "slub", "sla", "slabs", "foo", "0", "pools" } },
		{ "free", "remote",
		  { "", "\n", "rem", "remotely", "locals", "both",
		    "local remote", "1" } },
	};
	static const char *const bad_cpus[] = {
		"", "\n", "99", "0-", ",", "abc", "-1", "1-0", "0x", "0-99",
		"4096", "0,99",
	};
	static const char *const bad_words[] = {
		"", "\n", "foo", "sta", "starts", "start stop", "stopp",
		"reset now", "1",
	};
	char ref[1024], val[64];
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *knob = cases[i].knob;
		bool numeric = cases[i].base[0] >= '0' && cases[i].base[0] <= '9';

		SWT_SET(knob, cases[i].base);
		get_knob(_metadata, knob, ref, sizeof(ref));
		ASSERT_STREQ(cases[i].base, ref);
		for (j = 0; j < ARRAY_SIZE(cases[i].bad) && cases[i].bad[j];
		     j++)
			expect_refused(_metadata, knob, cases[i].bad[j], ref);
		if (!numeric)
			continue;
		for (j = 0; j < ARRAY_SIZE(bad_numbers); j++)
			expect_refused(_metadata, knob, bad_numbers[j], ref);
	}

	SWT_SET("cpus", self->first);
	get_knob(_metadata, "cpus", ref, sizeof(ref));
	for (j = 0; j < ARRAY_SIZE(bad_cpus); j++)
		expect_refused(_metadata, "cpus", bad_cpus[j], ref);

	/* Unknown control words: EINVAL, no run, no reset. */
	SWT_SETU("allocs_per_op", 13);
	for (j = 0; j < ARRAY_SIZE(bad_words); j++) {
		expect_refused(_metadata, "control", bad_words[j], "idle");
		get_knob(_metadata, "allocs_per_op", val, sizeof(val));
		EXPECT_STREQ("13", val)
			TH_LOG("control <- %s reset the knobs",
			       esc(bad_words[j]));
	}
}

/* Write @len bytes of @buf to SWT_DIR/@file in one write(). */
static int write_raw(const char *file, const char *buf, size_t len)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", SWT_DIR, file);
	return swt_write_file(path, buf, len);
}

/*
 * Two writes of @a then @b on one open SWT_DIR/@file, with a seek back to
 * the start between them when @rewind; their errors in @err.
 */
static void write_twice(const char *file, const char *a, const char *b,
			bool rewind, int err[2])
{
	const char *bufs[2] = { a, b };
	char path[256];
	int fd, i;

	snprintf(path, sizeof(path), "%s/%s", SWT_DIR, file);
	err[0] = err[1] = 0;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		err[0] = err[1] = -errno;
		return;
	}
	for (i = 0; i < 2; i++) {
		ssize_t n;

		if (i && rewind && lseek(fd, 0, SEEK_SET) != 0) {
			err[i] = -errno;
			break;
		}
		n = write(fd, bufs[i], strlen(bufs[i]));
		if (n < 0)
			err[i] = -errno;
		else if ((size_t)n != strlen(bufs[i]))
			err[i] = -EIO;
	}
	close(fd);
}

/* @file <- @a, @b on one open file: @want errors, then it reads @ref. */
static void expect_twice(struct __test_metadata *_metadata, const char *file,
			 const char *a, const char *b, bool rewind,
			 int want0, int want1, const char *ref)
{
	char val[1024];
	int err[2];

	write_twice(file, a, b, rewind, err);
	EXPECT_EQ(want0, err[0])
		TH_LOG("%s <- %s: %s", file, esc(a), strerror(-err[0]));
	EXPECT_EQ(want1, err[1])
		TH_LOG("%s <- %s, then %s%s: %s", file, esc(a),
		       rewind ? "back to offset 0 and " : "", esc(b),
		       strerror(-err[1]));
	get_knob(_metadata, file, val, sizeof(val));
	EXPECT_STREQ(ref, val)
		TH_LOG("%s after %s then %s", file, esc(a), esc(b));
}

/* @len bytes of @buf, holding a NUL, to @file: EINVAL, still @ref. */
static void expect_nul_refused(struct __test_metadata *_metadata,
			       const char *file, const char *buf, size_t len,
			       const char *ref)
{
	char val[1024];
	int err = write_raw(file, buf, len);

	EXPECT_EQ(-EINVAL, err)
		TH_LOG("%s <- %s\\0%s (%zu bytes): %s", file, esc(buf),
		       esc(buf + strlen(buf) + 1), len, strerror(-err));
	get_knob(_metadata, file, val, sizeof(val));
	EXPECT_STREQ(ref, val) TH_LOG("%s changed by %s\\0...", file, esc(buf));
}

/*
 * A write is one whole value: one with a NUL in it, or at a non-zero
 * offset (a second write on the same open file), is refused with EINVAL
 * and changes nothing.  A seek back to 0 makes the next write whole again.
 */
TEST_F_TIMEOUT(slabwall, input_edges, SWT_TIMEOUT)
{
	char online[1024], one[16], val[64];

	/* A number */
	SWT_SET("allocs_per_op", "13");
	expect_nul_refused(_metadata, "allocs_per_op", "5\0junk", 6, "13");
	expect_nul_refused(_metadata, "allocs_per_op", "5\0", 2, "13");
	expect_nul_refused(_metadata, "allocs_per_op", "5\n\0", 3, "13");
	expect_twice(_metadata, "allocs_per_op", "1", "2\n", false, 0,
		     -EINVAL, "1");
	expect_twice(_metadata, "allocs_per_op", "3\n", "4\n", false, 0,
		     -EINVAL, "3");
	expect_twice(_metadata, "allocs_per_op", "3\n", "7\n", true, 0, 0,
		     "7");

	/* A word */
	SWT_SET("pattern", "skb");
	expect_nul_refused(_metadata, "pattern", "dentry\0junk", 11, "skb");
	expect_twice(_metadata, "pattern", "dentry\n", "kmalloc\n", false, 0,
		     -EINVAL, "dentry");
	expect_twice(_metadata, "pattern", "dent", "ry\n", false, -EINVAL,
		     -EINVAL, "dentry");
	expect_twice(_metadata, "pattern", "skb\n", "kmalloc\n", true, 0, 0,
		     "kmalloc");

	/* The cpulist */
	SWT_SET("cpus", self->online);
	get_knob(_metadata, "cpus", online, sizeof(online));
	snprintf(val, sizeof(val), "%s%cjunk", self->first, '\0');
	expect_nul_refused(_metadata, "cpus", val,
			   strlen(self->first) + 5, online);
	snprintf(one, sizeof(one), "%s\n", self->first);
	expect_twice(_metadata, "cpus", one, online, false, 0, -EINVAL,
		     self->first);
	expect_twice(_metadata, "cpus", one, online, true, 0, 0, online);

	/* control: no run starts, nothing is reset */
	SWT_SETU("duration_ms", 100);
	SWT_SETU("allocs_per_op", 13);
	expect_nul_refused(_metadata, "control", "start\0junk", 10, "idle");
	expect_nul_refused(_metadata, "control", "reset\0", 6, "idle");
	expect_twice(_metadata, "control", "stop\n", "start\n", false, 0,
		     -EINVAL, "idle");
	expect_twice(_metadata, "control", "stop\n", "reset\n", false, 0,
		     -EINVAL, "idle");
	get_knob(_metadata, "allocs_per_op", val, sizeof(val));
	EXPECT_STREQ("13", val) TH_LOG("a refused control write reset the knobs");
	swt_control("stop");
}

/* While a run goes: EBUSY for knobs, start and reset; stop ends it. */
TEST_F_TIMEOUT(slabwall, busy, SWT_TIMEOUT)
{
	uint64_t ops1, ops2;
	struct swt_result r;
	char before[1024], after[1024];
	int64_t t0, t1, took;
	unsigned int i;
	int err;

	SWT_SET("cpus", self->online);
	SWT_SETU("duration_ms", 5000);
	t0 = swt_now_ms();
	err = swt_control("start");
	ASSERT_EQ(0, err) TH_LOG("start: %s", strerror(-err));
	expect_state(_metadata, "running");

	for (i = 0; i < SW_NR_KNOBS; i++) {
		const char *knob = swt_knobs[i].name;

		get_knob(_metadata, knob, before, sizeof(before));
		err = swt_set(knob, before);
		EXPECT_EQ(-EBUSY, err)
			TH_LOG("%s <- %s while running: %s", knob, before,
			       strerror(-err));
		get_knob(_metadata, knob, after, sizeof(after));
		EXPECT_STREQ(before, after);
	}
	/* An otherwise valid new value too. */
	err = swt_set("allocs_per_op", "3");
	EXPECT_EQ(-EBUSY, err) TH_LOG("allocs_per_op <- 3: %s", strerror(-err));
	err = swt_control("start");
	EXPECT_EQ(-EBUSY, err) TH_LOG("second start: %s", strerror(-err));
	err = swt_control("reset");
	EXPECT_EQ(-EBUSY, err) TH_LOG("reset while running: %s",
				      strerror(-err));
	expect_state(_metadata, "running");

	/* stats is a live snapshot */
	ASSERT_EQ(0, swt_stats_read(stats, sizeof(stats)));
	expect_stat_str(_metadata, "state", "running");
	expect_stat_str(_metadata, "stop_reason", "none");
	ASSERT_EQ(0, swt_stat_u64(stats, "ops", &ops1));
	swt_sleep_ms(200);
	ASSERT_EQ(0, swt_read_stat("ops", &ops2));
	EXPECT_LT(ops1, ops2) TH_LOG("ops did not move while running");

	t1 = swt_now_ms();
	err = swt_control("stop");
	EXPECT_EQ(0, err) TH_LOG("stop: %s", strerror(-err));
	err = swt_wait_state("done", 2000);
	took = swt_now_ms() - t1;
	ASSERT_EQ(0, err) TH_LOG("not done after stop: %s", strerror(-err));
	SWT_MSG("stop took %" PRId64 " ms", took);
	EXPECT_GE(3000, took) TH_LOG("stop took %" PRId64 " ms", took);
	EXPECT_GT(4500, swt_now_ms() - t0) TH_LOG("the run was not cut short");

	read_result(_metadata, &r);
	EXPECT_STREQ("done", r.state);
	expect_stat_str(_metadata, "stop_reason", "stop");
	EXPECT_LT(0ULL, r.ops);
	EXPECT_EQ(r.allocs, r.frees);
	EXPECT_EQ(0ULL, r.alloc_failures);
	EXPECT_GT(5000000000ULL, r.elapsed_ns);

	/* stop after the end is harmless; knobs are writable again */
	EXPECT_EQ(0, swt_control("stop"));
	expect_state(_metadata, "done");
	EXPECT_EQ(0, swt_set("allocs_per_op", "8"));
}

TEST_HARNESS_MAIN
