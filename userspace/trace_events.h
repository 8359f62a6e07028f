/* SPDX-License-Identifier: GPL-2.0 */
/* Which trace events a recording enables, and what its buffers lost. */
#ifndef SLABWALL_TRACE_EVENTS_H
#define SLABWALL_TRACE_EVENTS_H

#include <stdint.h>

#include "swerr.h"

struct tracefs_instance;

/* The allocator's events, and with them slabwall's own. */
#define TE_KMEM_EVENTS \
	"kmem:kmem_cache_alloc,kmem:kmem_cache_free,kmem:kmalloc,kmem:kfree," \
	"kmem:mm_page_alloc,kmem:mm_page_free"
#define TE_DEFAULT_EVENTS TE_KMEM_EVENTS ",slabwall"

/*
 * Enables each SYSTEM:EVENT or SYSTEM of the comma-separated @list in
 * @inst; -ENOENT naming the first one tracefs does not have, -errno
 * when one could not be enabled.
 */
int te_enable(struct tracefs_instance *inst, const char *list, struct swerr *e);

/* Summed over the CPUs' per_cpu/cpuN/stats of an instance. */
struct te_lost {
	uint64_t entries;	/* events in the buffers now */
	uint64_t lost;		/* overwritten (overrun) or dropped */
};

void te_lost_read(struct tracefs_instance *inst, struct te_lost *l);

/* The same from the text of one stats file (tests feed it). */
void te_lost_parse(const char *stats, struct te_lost *l);

#endif /* SLABWALL_TRACE_EVENTS_H */
