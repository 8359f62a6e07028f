// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>

#include "user_run.h"

/* The start line: workers warm up, check in, and wait for go. */
struct gate {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned int ready;
	int go;			/* 1: run, -1: stop (a thread did not start) */
	uint64_t t0;
};

struct worker {
	pthread_t tid;
	const struct urun_cfg *c;
	struct gate *g;
	unsigned int index;
	int err;
	uint64_t ops, failures, busy_ns;
	uint64_t end_ns;	/* when its timed loop ended */
	int64_t sys[USYS_N];
	uint64_t minflt;
	uint64_t sink;
	struct uhist h;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void sleep_until(uint64_t t)
{
	struct timespec ts = {
		.tv_sec = (time_t)(t / 1000000000ULL),
		.tv_nsec = (long)(t % 1000000000ULL),
	};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static uint64_t thread_minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_THREAD, &ru);
	return (uint64_t)ru.ru_minflt;
}

/* Warm-up: a tenth of the run, at least one request, not timed. */
static void warm_up(struct worker *w, struct ureq *r)
{
	uint64_t end = now_ns() + (uint64_t)w->c->duration_ms * 100000ULL;
	int failed;

	do {
		w->sink += ureq_run(r, &failed);
	} while (now_ns() < end);
}

/* The histogram's pages, faulted in now, not in the timed loop. */
static void prefault(void *p, size_t len)
{
	volatile char *c = p;
	size_t i;

	for (i = 0; i < len; i += 4096)
		c[i] = 0;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	const struct urun_cfg *c = w->c;
	uint64_t period = 0, deadline, t0, k, start, due, end, flt0;
	struct usys sys;
	struct ureq r;
	int failed, go;

	w->err = ureq_init(&r, c->mode, c->nodes, c->node_size, c->text,
			   c->text_len, &ureq_libc);
	if (!w->err)
		warm_up(w, &r);
	prefault(&w->h, sizeof(w->h));
	/* opening the counters is slow (tracepoints): before the clock runs */
	usys_open(&sys);
	pthread_mutex_lock(&w->g->lock);
	w->g->ready++;
	pthread_cond_broadcast(&w->g->cond);
	while (!w->g->go)
		pthread_cond_wait(&w->g->cond, &w->g->lock);
	t0 = w->g->t0;
	go = w->g->go;
	pthread_mutex_unlock(&w->g->lock);
	if (w->err || go < 0) {
		usys_close(&sys);
		if (!w->err)
			ureq_fini(&r);
		return NULL;
	}
	deadline = t0 + (uint64_t)c->duration_ms * 1000000ULL;
	if (c->rate) {
		period = 1000000000ULL * c->threads / c->rate;
		/* wake on time: the default 50 us slack would count as latency */
		prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
	}
	flt0 = thread_minflt();
	for (k = 0;; k++) {
		/* threads start a period apart, so the rate is even */
		due = t0 + (k * c->threads + w->index) * period / c->threads;
		if (c->rate) {
			if (due >= deadline)
				break;
			if (now_ns() < due)
				sleep_until(due);
		}
		start = now_ns();
		if (!c->rate) {
			/*
			 * One request at least: a thread that got going after
			 * the deadline (a loaded host) still measures one.
			 */
			if (start >= deadline && k)
				break;
			due = start;
		}
		w->sink += ureq_run(&r, &failed);
		end = now_ns();
		w->failures += (unsigned int)failed;
		w->busy_ns += end - start;
		uhist_add(&w->h, end - due);
		w->ops++;
	}
	w->end_ns = now_ns();
	w->minflt = thread_minflt() - flt0;
	usys_read(&sys, w->sys);
	usys_close(&sys);
	ureq_fini(&r);
	return NULL;
}

static void sum_sys(int64_t *into, const int64_t *from)
{
	unsigned int i;

	for (i = 0; i < USYS_N; i++)
		into[i] = (into[i] < 0 || from[i] < 0) ? -1 : into[i] + from[i];
}

/* Everyone checked in: start them together, or stop them (@go -1). */
static uint64_t open_gate(struct gate *g, unsigned int started, int go)
{
	pthread_mutex_lock(&g->lock);
	while (g->ready < started)
		pthread_cond_wait(&g->cond, &g->lock);
	g->t0 = now_ns();
	g->go = go;
	pthread_cond_broadcast(&g->cond);
	pthread_mutex_unlock(&g->lock);
	return g->t0;
}

int urun_one(const struct urun_cfg *c, struct urun_res *r, char *err,
	     size_t errlen)
{
	struct gate g = {
		.lock = PTHREAD_MUTEX_INITIALIZER,
		.cond = PTHREAD_COND_INITIALIZER,
	};
	struct worker *w;
	struct uhist *all;
	unsigned int i, started = 0;
	uint64_t t0;
	int ret = 0;

	memset(r, 0, sizeof(*r));
	w = calloc(c->threads, sizeof(*w));
	all = calloc(1, sizeof(*all));
	if (!w || !all) {
		free(w);
		free(all);
		snprintf(err, errlen, "out of memory for %u threads", c->threads);
		return -ENOMEM;
	}
	umem_read(&r->before);
	umem_reset_peak();
	for (i = 0; i < c->threads && !ret; i++) {
		w[i].c = c;
		w[i].g = &g;
		w[i].index = i;
		ret = -pthread_create(&w[i].tid, NULL, work, &w[i]);
		if (!ret)
			started++;
	}
	if (ret)
		snprintf(err, errlen, "thread %u of %u: %s", started + 1,
			 c->threads, strerror(-ret));
	t0 = open_gate(&g, started, ret ? -1 : 1);
	for (i = 0; i < started; i++)
		pthread_join(w[i].tid, NULL);
	umem_read(&r->peak);
	for (i = 0; i < USYS_N; i++)
		r->sys[i] = 0;
	for (i = 0; i < started; i++) {
		if (w[i].err && !ret) {
			ret = w[i].err;
			snprintf(err, errlen, "thread %u: setting up its %s requests: %s",
				 i, ureq_mode_name(c->mode), strerror(-ret));
		}
		if (w[i].end_ns > t0 && w[i].end_ns - t0 > r->elapsed_ns)
			r->elapsed_ns = w[i].end_ns - t0;
		r->ops += w[i].ops;
		r->failures += w[i].failures;
		r->busy_ns += w[i].busy_ns;
		r->minflt += w[i].minflt;
		sum_sys(r->sys, w[i].sys);
		uhist_merge(all, &w[i].h);
	}
	uhist_percentiles(all, &r->pct);
	free(w);
	free(all);
	/* everything of the run is freed: what the allocator kept, then trimmed */
	umem_read(&r->after);
	malloc_trim(0);
	umem_read(&r->trimmed);
	return ret;
}
