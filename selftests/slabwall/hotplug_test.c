// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, a CPU going offline in the middle of a run.  Needs a CPU
 * to take away: run it with 3 or more CPUs.
 */
#define _GNU_SOURCE
#include "sw_test.h"

/*
 * The CPU a live thread named @comm last ran on: -1 when there is none,
 * -2 when /proc cannot tell.
 */
static int thread_cpu(const char *comm)
{
	char path[300], buf[1024];
	struct dirent *d;
	int cpu = -1;
	DIR *dir;

	dir = opendir("/proc");
	if (!dir)
		return -2;
	while (cpu == -1 && (d = readdir(dir))) {
		char *p, *save = NULL;
		int field;

		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", d->d_name);
		if (swt_read_file(path, buf, sizeof(buf)) < 0 ||
		    strcmp(swt_trim(buf), comm))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", d->d_name);
		if (swt_read_file(path, buf, sizeof(buf)) < 0)
			continue;
		/* Fields after "pid (comm)": state is field 3, processor 39. */
		p = strrchr(buf, ')');
		if (!p)
			continue;
		p = strtok_r(p + 1, " ", &save);
		if (!p || *p == 'Z' || *p == 'X')
			continue;
		for (field = 3; p && field < 39; field++)
			p = strtok_r(NULL, " ", &save);
		cpu = p ? atoi(p) : -2;
	}
	closedir(dir);
	return cpu;
}

static int cpu_set_online(int cpu, bool on)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online",
		 cpu);
	return swt_write_str(path, on ? "1\n" : "0\n");
}

/*
 * A CPU of a run going offline ends the run (stop_reason cpu_offline)
 * instead of its worker carrying on from another CPU under the old
 * label; allocs == frees, and once the CPU is back a run on it is clean.
 * Needs 3 CPUs, so that two stay online: scripts/vm run --cpus 4.
 */
TEST_F_TIMEOUT(slabwall, cpu_offline_mid_run, SWT_RELOAD_TIMEOUT)
{
	static const char *const frees[] = { "local", "remote" };
	int victim = self->cpu[self->ncpus - 1];
	char path[128], comm[32], key[64];
	int err, off, on, done, where;
	struct swt_result r;
	unsigned int f;
	uint64_t v;

	if (self->ncpus < 3)
		SKIP(return, "needs 3 online CPUs, has %d (scripts/vm run --cpus 4)",
		     self->ncpus);
	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online",
		 victim);
	if (!swt_exists(path))
		SKIP(return, "CPU %d cannot go offline: no %s", victim, path);
	snprintf(comm, sizeof(comm), "slabwall/%d", victim);

	for (f = 0; f < ARRAY_SIZE(frees); f++) {
		SWT_SET("cpus", self->online);
		SWT_SET("free", frees[f]);
		SWT_SETU("duration_ms", 20000);
		err = swt_control("start");
		ASSERT_EQ(0, err) TH_LOG("start: %s", strerror(-err));
		swt_sleep_ms(300);
		expect_state(_metadata, "running");

		/* No ASSERT until the CPU is back online. */
		off = cpu_set_online(victim, false);
		where = thread_cpu(comm);
		/* One on its way out may be seen once, not 200 ms later. */
		if (where >= 0 && where != victim) {
			swt_sleep_ms(200);
			where = thread_cpu(comm);
		}
		done = swt_wait_state("done", 5000);
		on = cpu_set_online(victim, true);
		SWT_MSG("%s: CPU %d offline: %s; its worker then on CPU %d; "
		       "run %s", frees[f], victim, strerror(-off), where,
		       done ? "still going after 5 s" : "done");
		EXPECT_EQ(0, off) TH_LOG("offline CPU %d: %s", victim,
					 strerror(-off));
		EXPECT_EQ(0, on) TH_LOG("online CPU %d: %s", victim,
					strerror(-on));
		EXPECT_TRUE(where == -1 || where == victim)
			TH_LOG("%s runs on CPU %d with CPU %d offline", comm,
			       where, victim);
		EXPECT_EQ(0, done) TH_LOG("%s: the run did not end with CPU %d",
					  frees[f], victim);
		if (done) {
			swt_control("stop");
			ASSERT_EQ(0, swt_wait_state("done", 5000));
		}
		read_result(_metadata, &r);
		expect_stat_str(_metadata, "stop_reason", "cpu_offline");
		EXPECT_LT(0ULL, r.ops);
		EXPECT_EQ(r.allocs, r.frees)
			TH_LOG("%s: allocs %" PRIu64 " frees %" PRIu64,
			       frees[f], r.allocs, r.frees);
		EXPECT_EQ(r.ops * 8, r.allocs);
		snprintf(key, sizeof(key), "cpu%d.ops", victim);
		EXPECT_EQ(0, swt_stat_u64(stats, key, &v)) TH_LOG("no %s", key);
		ASSERT_EQ(0, on);
	}

	/* All CPUs back: a run on every one of them is clean. */
	ASSERT_EQ(self->ncpus, swt_online_cpus(self->cpu, SWT_MAX_CPUS));
	SWT_SET("cpus", self->online);
	SWT_SET("free", "remote");
	run_ok(_metadata, 200, &r);
	check_clean(_metadata, &r, 8, "after the CPU came back");
	expect_stat_str(_metadata, "stop_reason", "duration");

	if (!swt_exists(swt_ko_path()))
		SKIP(return, "no %s to reload (set SLABWALL_KO)", swt_ko_path());
	err = swt_rmmod();
	ASSERT_EQ(0, err) TH_LOG("rmmod: %s", strerror(-err));
	check_unloaded(_metadata);
	load_ok(_metadata);
}

TEST_HARNESS_MAIN
