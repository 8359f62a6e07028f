/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One run of the twin: THREADS threads each build requests for
 * DURATION_MS, closed loop (the next request when the last is done) or at
 * a fixed total RATE (each request has an intended start; its latency is
 * counted from there, so a stall shows in every request it delayed).
 */
#ifndef SLABWALL_USER_RUN_H
#define SLABWALL_USER_RUN_H
#include <stdint.h>

#include "user_hist.h"
#include "user_mem.h"
#include "user_req.h"

struct urun_cfg {
	enum ureq_mode mode;
	unsigned int nodes;
	size_t node_size;
	unsigned int threads;
	unsigned int duration_ms;
	uint64_t rate;		/* requests/s over all threads; 0: closed loop */
	const char *text;
	size_t text_len;
};

struct urun_res {
	uint64_t ops, failures;
	uint64_t elapsed_ns;	/* wall clock, first start to last end */
	uint64_t busy_ns;	/* the requests' own time, all threads */
	struct uhist_pct pct;
	int64_t sys[USYS_N];	/* -1: not counted */
	uint64_t minflt;	/* minor faults of the timed loops */
	struct umem before, peak, after, trimmed;
};

/* 0, or -errno with @err naming what failed. */
int urun_one(const struct urun_cfg *c, struct urun_res *r, char *err,
	     size_t errlen);
#endif /* SLABWALL_USER_RUN_H */
