// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, a worker starved by a real-time hog: hand-over and stop
 * still end on time.
 */
#define _GNU_SOURCE
#include "sw_test.h"

#define SWT_RT_RUNTIME	"/proc/sys/kernel/sched_rt_runtime_us"
#define SWT_FAIR_SERVER	"/sys/kernel/debug/sched/fair_server/cpu%d/runtime"

/* A child spinning at SCHED_FIFO on @cpu for @ms: nothing else runs there. */
static pid_t rt_hog(int cpu, unsigned int ms)
{
	struct sched_param sp = { .sched_priority = 1 };
	int64_t end;
	cpu_set_t set;
	pid_t pid;

	pid = fork();
	if (pid)
		return pid;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) ||
	    sched_setscheduler(0, SCHED_FIFO, &sp))
		_exit(1);
	end = swt_now_ms() + ms;
	while (swt_now_ms() < end)
		;
	_exit(0);
}

/* Save @path's value into @old and write @val; false if that failed. */
static bool swap_value(const char *path, char *old, size_t size,
		       const char *val)
{
	if (swt_read_file(path, old, size) <= 0)
		return false;
	swt_trim(old);
	return !swt_write_str(path, val);
}

/* RT throttling and @cpu's fair server, turned off to let a hog starve it. */
struct starve {
	char rt_old[32], fair_old[32], fair[128];
	bool rt_set, fair_set;
};

static void starve_begin(struct __test_metadata *_metadata,
			 struct starve *st, int cpu)
{
	memset(st, 0, sizeof(*st));
	st->rt_set = swap_value(SWT_RT_RUNTIME, st->rt_old, sizeof(st->rt_old),
				"-1");
	EXPECT_TRUE(st->rt_set) TH_LOG("cannot turn RT throttling off");
	snprintf(st->fair, sizeof(st->fair), SWT_FAIR_SERVER, cpu);
	if (swt_exists(st->fair)) {
		st->fair_set = swap_value(st->fair, st->fair_old,
					  sizeof(st->fair_old), "0");
		EXPECT_TRUE(st->fair_set) TH_LOG("cannot turn %s off", st->fair);
	}
}

static void starve_end(struct starve *st)
{
	if (st->fair_set)
		swt_write_str(st->fair, st->fair_old);
	if (st->rt_set)
		swt_write_str(SWT_RT_RUNTIME, st->rt_old);
}

/* Run on @cpu alone: a hog elsewhere must not starve the test. */
static void pin_to(struct __test_metadata *_metadata, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	ASSERT_EQ(0, sched_setaffinity(0, sizeof(set), &set));
}

/*
 * A worker whose next CPU never takes its objects (starved by a real-time
 * hog, with RT throttling and the fair server off) stops waiting to hand
 * them over when the run's time is up and frees them itself: the blocked
 * operation ends at the deadline, not when the hog lets go.
 */
#define SWT_HOG_MS	2500

TEST_F_TIMEOUT(slabwall, hand_over_starved, SWT_TIMEOUT)
{
	struct swt_result r;
	struct starve st;
	char key[32];
	uint64_t max;
	pid_t hog = -1;
	int status = 0, err;

	if (self->ncpus < 2)
		SKIP(return, "needs 2 CPUs, %d online", self->ncpus);
	pin_to(_metadata, self->cpu[0]);
	small_point(_metadata, self->two);
	SWT_SET("free", "remote");
	SWT_SETU("duration_ms", 400);

	starve_begin(_metadata, &st, self->cpu[1]);
	err = st.rt_set ? swt_control("start") : -EPERM;
	if (!err)
		hog = rt_hog(self->cpu[1], SWT_HOG_MS);
	if (hog > 0) {
		waitpid(hog, &status, 0);
		err = swt_wait_state("done", 10000);
	}
	starve_end(&st);
	ASSERT_LT(0, hog) TH_LOG("start: %s", strerror(-err));
	EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status))
		TH_LOG("hog failed");
	ASSERT_EQ(0, err) TH_LOG("run not done: %s", strerror(-err));

	read_result(_metadata, &r);
	check_clean(_metadata, &r, 1, "starved");
	snprintf(key, sizeof(key), "cpu%d.max_ns", self->cpu[0]);
	ASSERT_EQ(0, swt_stat_u64(stats, key, &max)) TH_LOG("no %s", key);
	SWT_MSG("next CPU starved for %d ms: %s %" PRIu64 ", ops %" PRIu64
	       ", remote_frees %" PRIu64, SWT_HOG_MS, key, max, r.ops,
	       r.remote_frees);
	EXPECT_GT(1000000000ULL, max);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* @fn under a 300 ms alarm that interrupts it; returns its result. */
static int interrupted(int (*fn)(void), int64_t *took)
{
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	int64_t t0 = swt_now_ms();
	int err;

	sigaction(SIGALRM, &sa, NULL);
	ualarm(300000, 0);
	err = fn();
	ualarm(0, 0);
	*took = swt_now_ms() - t0;
	return err;
}

static int do_stop(void)
{
	return swt_control("stop");
}

/* One read(), not swt_stats_read(): that one retries on EINTR. */
static int do_stats(void)
{
	int fd = open(SWT_DIR "/stats", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, stats, sizeof(stats) - 1);
	n = n < 0 ? -errno : 0;
	close(fd);
	return n;
}

/*
 * A stop that waits for a starved worker holds the module's lock: a
 * signal ends both that wait and another file's wait for the lock.
 */
TEST_F_TIMEOUT(slabwall, stop_interruptible, SWT_TIMEOUT)
{
	int64_t took_read = 0, took_stop = 0, took_own = 0;
	int err_read = 0, err_stop = 0, err_own = 0, status = 0, cstatus = 0;
	struct swt_result r;
	struct starve st;
	pid_t hog = -1, stopper = -1;
	int err;

	if (self->ncpus < 2)
		SKIP(return, "needs 2 CPUs, %d online", self->ncpus);
	pin_to(_metadata, self->cpu[0]);
	small_point(_metadata, self->two);
	SWT_SET("free", "remote");
	SWT_SETU("duration_ms", 10000);

	starve_begin(_metadata, &st, self->cpu[1]);
	err = st.rt_set ? swt_control("start") : -EPERM;
	if (!err)
		hog = rt_hog(self->cpu[1], 3000);
	if (hog > 0) {
		swt_sleep_ms(200);
		/* Our own stop, interrupted while it waits for the run. */
		err_own = interrupted(do_stop, &took_own);
		/* Another one, holding the lock until the hog ends. */
		stopper = fork();
		if (!stopper)
			_exit(swt_control("stop") ? 1 : 0);
		swt_sleep_ms(200);
		err_read = interrupted(do_stats, &took_read);
		err_stop = interrupted(do_stop, &took_stop);
		waitpid(hog, &status, 0);
		if (stopper > 0)
			waitpid(stopper, &cstatus, 0);
		err = swt_wait_state("done", 10000);
	}
	starve_end(&st);
	ASSERT_LT(0, hog) TH_LOG("start: %s", strerror(-err));
	ASSERT_LT(0, stopper);
	SWT_MSG("interrupted: stop %s after %" PRId64 " ms; with a stop going, "
	       "stats %s after %" PRId64 " ms, stop %s after %" PRId64 " ms",
	       strerror(-err_own), took_own, strerror(-err_read), took_read,
	       strerror(-err_stop), took_stop);
	EXPECT_EQ(-EINTR, err_own);
	EXPECT_GT(1000, took_own);
	EXPECT_EQ(-EINTR, err_read);
	EXPECT_GT(1000, took_read);
	EXPECT_EQ(-EINTR, err_stop);
	EXPECT_GT(1000, took_stop);
	EXPECT_TRUE(WIFEXITED(cstatus) && !WEXITSTATUS(cstatus))
		TH_LOG("the uninterrupted stop failed");
	ASSERT_EQ(0, err) TH_LOG("run not done: %s", strerror(-err));
	read_result(_metadata, &r);
	EXPECT_EQ(r.allocs, r.frees);
}

TEST_HARNESS_MAIN
