// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>

#include "slabnodes_print.h"
#include "slabs_print.h"

/* The columns, in order, with their headings. */
static const struct {
	enum sn_attr attr;
	const char *head;
} cols[] = {
	{ SN_OBJECTS, "ACTIVE" },
	{ SN_TOTAL_OBJECTS, "TOTAL" },
	{ SN_SLABS, "SLABS" },
	{ SN_PARTIAL, "PARTIAL" },
	{ SN_OBJECTS_PARTIAL, "PART_ACTIVE" },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

static unsigned int all_nodes(const struct st_table *t,
			      const struct sn_counts *nodes)
{
	unsigned int n = 1;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->rows[i].have && nodes[i].nnodes > n)
			n = nodes[i].nnodes;
	return n;
}

void slabnodes_print_text(FILE *f, const struct st_table *t,
			  const struct sn_counts *nodes)
{
	unsigned int nn = all_nodes(t, nodes), node;
	int nw = slabs_name_width(t);
	char cell[24];
	size_t i, c;

	fprintf(f, "%-*s %4s", nw, "NAME", "NODE");
	for (c = 0; c < NCOLS; c++)
		fprintf(f, " %11s", cols[c].head);
	fputc('\n', f);
	for (i = 0; i < t->n; i++) {
		const struct sn_counts *s = &nodes[i];

		for (node = 0; node < nn; node++) {
			fprintf(f, "%-*s %4u", nw, node ? "" : t->rows[i].name, node);
			for (c = 0; c < NCOLS; c++) {
				if (t->rows[i].have && s->have[cols[c].attr])
					snprintf(cell, sizeof(cell), "%" PRIu64,
						 sn_get(s, cols[c].attr, node));
				else
					snprintf(cell, sizeof(cell), "-");
				fprintf(f, " %11s", cell);
			}
			fputc('\n', f);
		}
	}
	fprintf(f, "\nPer node as SLUB counts them (the N<node>= fields): ACTIVE objects in use\n"
		"(free objects held by CPUs count as in use), TOTAL object slots, SLABS,\n"
		"PARTIAL slabs on the node's partial list, PART_ACTIVE objects in use on them.\n");
}

void slabnodes_print_json(struct jw *w, const struct st_table *t,
			  const struct sn_counts *nodes)
{
	unsigned int nn = all_nodes(t, nodes), node;
	size_t i, c;

	jw_begin_arr(w, "nodes");
	for (i = 0; i < t->n; i++) {
		for (node = 0; node < nn; node++) {
			jw_begin_obj(w, NULL);
			jw_str(w, "cache", t->rows[i].name);
			jw_u64(w, "node", node);
			for (c = 0; c < NCOLS; c++)
				jw_opt_u64(w, sn_attr_name(cols[c].attr),
					   (struct opt_u64){
						   sn_get(&nodes[i], cols[c].attr, node),
						   t->rows[i].have &&
						   nodes[i].have[cols[c].attr] });
			jw_end_obj(w);
		}
	}
	jw_end_arr(w);
}
