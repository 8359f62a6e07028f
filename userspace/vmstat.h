/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page allocator's counters in /proc/vmstat: pages handed out and
 * taken back, to see when kmalloc leaves the slab caches for the buddy
 * allocator (above 8 KiB) or a slab cache grows and shrinks.
 */
#ifndef SLABWALL_VMSTAT_H
#define SLABWALL_VMSTAT_H

#include "strnum.h"
#include "swerr.h"

#define VMSTAT_DEFAULT_PATH "/proc/vmstat"

/*
 * In pages, as the kernel counts them: an order-2 allocation adds 4.
 * pgalloc is the sum of every zone's pgalloc_<zone> line (dma, dma32,
 * normal, movable, ...); absent when the file has none.
 */
struct vmstat_pages {
	struct opt_u64 pgalloc;
	struct opt_u64 pgfree;
};

/* Reads the pgalloc_* and pgfree lines of @path (NULL: /proc/vmstat). */
int vmstat_read_pages(const char *path, struct vmstat_pages *v,
		      struct swerr *e);

#endif /* SLABWALL_VMSTAT_H */
