/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A cache's counts per NUMA node: the "N0=.. N1=.." fields SLUB puts
 * after the total in /sys/kernel/slab/<cache>/objects, total_objects,
 * objects_partial, slabs and partial.  A kernel without NUMA writes the
 * total alone; that reads as node 0 holding it all.
 */
#ifndef SLABWALL_SLABNODES_H
#define SLABWALL_SLABNODES_H

#include <stdbool.h>
#include <stdint.h>

#include "swerr.h"

#define SN_MAX_NODES 1024	/* MAX_NUMNODES at the largest NODES_SHIFT */

enum sn_attr {
	SN_OBJECTS,		/* objects in use (CPU slabs' free ones count) */
	SN_TOTAL_OBJECTS,	/* object slots */
	SN_OBJECTS_PARTIAL,	/* objects in use on partial slabs */
	SN_SLABS,
	SN_PARTIAL,		/* slabs on the node's partial list */
	SN_NR_ATTRS
};

struct sn_counts {
	bool have[SN_NR_ATTRS];		/* the file was there */
	unsigned int nnodes;		/* highest node any named, plus one */
	unsigned int len[SN_NR_ATTRS];	/* values in each array */
	uint64_t *v[SN_NR_ATTRS];	/* malloc'd, or NULL */
};

/* The attribute's file name, "objects_partial" etc. */
const char *sn_attr_name(enum sn_attr a);

/*
 * Parses one attribute's text, "12 N0=8 N1=4\n", into @per_node (zeroed
 * first, SN_MAX_NODES of them) and the highest node named plus one in
 * *@nnodes (1 for a text without N fields: node 0 gets the total).
 * -EINVAL with a message naming @what for anything else: a field that is
 * not N<node>=<count>, a node past SN_MAX_NODES, nodes that do not add
 * up to the total.
 */
int sn_parse(const char *text, const char *what, uint64_t *per_node,
	     unsigned int *nnodes, struct swerr *e);

/*
 * Reads the attributes of the cache directory @dir under @root (NULL:
 * /sys/kernel/slab) into @c; a missing file leaves have[] false.  Read
 * the values with sn_get(), nodes 0 to c->nnodes - 1; free with
 * sn_free().
 */
int sn_read(const char *root, const char *dir, struct sn_counts *c,
	    struct swerr *e);

/* @c's value of @a on @node: 0 where the kernel wrote none. */
uint64_t sn_get(const struct sn_counts *c, enum sn_attr a, unsigned int node);

void sn_free(struct sn_counts *c);

#endif /* SLABWALL_SLABNODES_H */
