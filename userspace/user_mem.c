// SPDX-License-Identifier: GPL-2.0
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "user_mem.h"

/* "Name:   123 kB" lines of a /proc file, -1 when absent. */
static int64_t kb_field(const char *path, const char *name)
{
	size_t n = strlen(name);
	char line[256];
	int64_t v = -1;
	FILE *f = fopen(path, "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ':') {
			v = strtoll(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

void umem_read(struct umem *m)
{
	m->rss_kb = kb_field("/proc/self/smaps_rollup", "Rss");
	m->lazyfree_kb = kb_field("/proc/self/smaps_rollup", "LazyFree");
	m->hwm_kb = kb_field("/proc/self/status", "VmHWM");
}

bool umem_reset_peak(void)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, "5", 1) == 1;
	close(fd);
	return ok;
}

const char *const usys_names[USYS_N] = {
	[USYS_MMAP] = "mmap", [USYS_MUNMAP] = "munmap", [USYS_BRK] = "brk",
};

/* The tracepoint's id, from tracefs wherever it is mounted; -1 if none. */
static long tracepoint_id(const char *sys)
{
	static const char *const roots[] = {
		"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
	};
	char path[160];
	unsigned int i;
	long id = -1;
	FILE *f;

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]) && id < 0; i++) {
		snprintf(path, sizeof(path), "%s/events/syscalls/sys_enter_%s/id",
			 roots[i], sys);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (fscanf(f, "%ld", &id) != 1)
			id = -1;
		fclose(f);
	}
	return id;
}

void usys_open(struct usys *s)
{
	struct perf_event_attr a;
	unsigned int i;
	long id;

	for (i = 0; i < USYS_N; i++) {
		s->fd[i] = -1;
		id = tracepoint_id(usys_names[i]);
		if (id < 0)
			continue;
		memset(&a, 0, sizeof(a));
		a.type = PERF_TYPE_TRACEPOINT;
		a.size = sizeof(a);
		a.config = (unsigned long long)id;
		a.sample_period = 0;
		/* this thread, any CPU */
		s->fd[i] = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1,
					PERF_FLAG_FD_CLOEXEC);
	}
}

void usys_read(const struct usys *s, int64_t out[USYS_N])
{
	unsigned int i;
	uint64_t v;

	for (i = 0; i < USYS_N; i++) {
		out[i] = -1;
		if (s->fd[i] >= 0 && read(s->fd[i], &v, sizeof(v)) == sizeof(v))
			out[i] = (int64_t)v;
	}
}

void usys_close(struct usys *s)
{
	unsigned int i;

	for (i = 0; i < USYS_N; i++)
		if (s->fd[i] >= 0)
			close(s->fd[i]);
}
