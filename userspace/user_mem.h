/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the twin's process costs the kernel: resident memory from
 * /proc/self/smaps_rollup and /proc/self/status, and the mmap, munmap and
 * brk calls of one thread, counted by the kernel's syscall tracepoints
 * through perf_event_open (empty when the kernel or the permissions do
 * not allow it).
 */
#ifndef SLABWALL_USER_MEM_H
#define SLABWALL_USER_MEM_H
#include <stdbool.h>
#include <stdint.h>

struct umem {
	int64_t rss_kb;		/* smaps_rollup Rss; -1 unknown */
	int64_t lazyfree_kb;	/* smaps_rollup LazyFree (MADV_FREE'd, still counted in Rss) */
	int64_t hwm_kb;		/* status VmHWM: the peak since umem_reset_peak */
};

void umem_read(struct umem *m);
/* Peak RSS starts again from the current RSS (clear_refs 5); false if refused. */
bool umem_reset_peak(void);

enum { USYS_MMAP, USYS_MUNMAP, USYS_BRK, USYS_N };
extern const char *const usys_names[USYS_N];

/* Counters of the calling thread, -1 fds where the tracepoint is not there. */
struct usys {
	int fd[USYS_N];
};

void usys_open(struct usys *s);
/* Counts since usys_open, -1 for a counter that is not open. */
void usys_read(const struct usys *s, int64_t out[USYS_N]);
void usys_close(struct usys *s);
#endif /* SLABWALL_USER_MEM_H */
