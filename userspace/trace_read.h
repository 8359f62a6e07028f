/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reads a trace-cmd trace.dat (any: `slabwall trace record`'s, or plain
 * `trace-cmd record -e kmem` on any machine) and feeds its allocator
 * events to trace_pairs.  slabwall's own events, when the file has them,
 * give each run's knobs and the module's totals to compare with.
 */
#ifndef SLABWALL_TRACE_READ_H
#define SLABWALL_TRACE_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "swerr.h"
#include "trace_pairs.h"

struct tracecmd_input;
struct tep_handle;

/* A field of a slabwall event as the trace prints it. */
struct tr_field {
	char *name;
	char *text;
};

/* One slabwall_run_start, and its slabwall_run_end if the trace has it. */
struct tr_run {
	uint64_t start_ts, end_ts;
	struct tr_field *knobs;		/* run_start's fields, in order */
	size_t nknobs;
	struct tr_field *totals;	/* run_end's: ops, allocs, frees ... */
	size_t ntotals;
	bool ended;
};

/* The events that were read, by kind. */
enum tr_ev {
	TR_CACHE_ALLOC,
	TR_CACHE_ALLOC_NODE,	/* kernels before 6.1 */
	TR_CACHE_FREE,
	TR_KMALLOC,
	TR_KMALLOC_NODE,	/* kernels before 6.1 */
	TR_KFREE,
	TR_PAGE_ALLOC,
	TR_PAGE_FREE,
	TR_RUN_START,
	TR_RUN_END,
	TR_HAND_OVER,
	TR_OP,
	TR_NR_EV
};

struct tr_data {
	struct tp_state pairs;
	struct tr_run *runs;
	size_t nruns;
	uint64_t events[TR_NR_EV];
	uint64_t records;		/* every record, of any event */
	uint64_t hand_over_objs;	/* summed over slabwall_hand_over */
	uint64_t first_ts, last_ts;
	int cpus;

	/* private: symbols are resolved until tr_release() */
	size_t cap_runs;
	struct tracecmd_input **handles; /* the top buffer and its instances */
	size_t nhandles;
	void *evmaps;
	struct swerr *e;
	const char *path;
	int err;
};

/* The event's name as the trace calls it ("kmem:kmalloc"). */
const char *tr_event_name(enum tr_ev ev);

/*
 * Reads @path into @d (zeroed by this call).  0, or -errno with @e
 * naming the file; tr_release() @d either way.
 */
int tr_read(struct tr_data *d, const char *path, struct swerr *e);
void tr_release(struct tr_data *d);

/*
 * "function+0xoff", or "0xaddress" when the trace's symbol table does not
 * cover @addr.  Returns @buf.
 */
const char *tr_symbol(const struct tr_data *d, uint64_t addr, char *buf,
		      size_t len);

/* A run's knob or total by name, or NULL. */
const char *tr_run_value(const struct tr_run *r, const char *name);

#endif /* SLABWALL_TRACE_READ_H */
