// SPDX-License-Identifier: GPL-2.0
/* A calibration as a table or as JSON (calib_print.h). */
#include <inttypes.h>

#include "calib_print.h"

#define NO_CALIBRATION "no calibration yet (loops 0): the module has not calibrated since it was loaded or reset"

void calib_print_table(FILE *f, const struct calib *c)
{
	unsigned int i;

	if (!c->loops) {
		fprintf(f, "%s\n", NO_CALIBRATION);
		return;
	}
	fprintf(f, "CPU %" PRIu64 ", %" PRIu64 " loops, kmalloc_size %" PRIu64,
		c->cpu, c->loops, c->kmalloc_size);
	if (c->has_sizes)
		fprintf(f, ", data_size %" PRIu64 ", name_len %" PRIu64,
			c->data_size, c->name_len);
	fprintf(f, "; the empty loop (%.3f ns, %.3f cycles per turn) taken off\n",
		c->empty.ns, c->empty.cycles);
	fprintf(f, "%-12s %-24s %10s %12s %10s %12s\n", "pattern", "cache",
		"ns/pair", "cycles/pair", "ns/object", "cycles/obj");
	for (i = 0; i < c->nr_rows; i++) {
		const struct calib_row *r = &c->rows[i];

		fprintf(f, "%-12s %-24s %10.3f %12.3f", r->pattern,
			*r->cache ? r->cache : "-", r->pair.ns, r->pair.cycles);
		if (r->has_object)
			fprintf(f, " %10.3f %12.3f", r->object.ns,
				r->object.cycles);
		fputc('\n', f);
	}
}

static void cost_json(struct jw *w, const char *ns_key,
		      const char *cycles_key, const struct calib_cost *cost)
{
	if (cost) {
		jw_double(w, ns_key, cost->ns);
		jw_double(w, cycles_key, cost->cycles);
	} else {
		jw_null(w, ns_key);
		jw_null(w, cycles_key);
	}
}

void calib_print_json(struct jw *w, const struct calib *c)
{
	unsigned int i;

	jw_u64(w, "loops", c->loops);
	if (!c->loops) {
		jw_str(w, "note", NO_CALIBRATION);
		return;
	}
	jw_u64(w, "cpu", c->cpu);
	jw_u64(w, "kmalloc_size", c->kmalloc_size);
	if (c->has_sizes) {
		jw_u64(w, "data_size", c->data_size);
		jw_u64(w, "name_len", c->name_len);
	} else {
		jw_null(w, "data_size");
		jw_null(w, "name_len");
	}
	cost_json(w, "empty_ns", "empty_cycles", &c->empty);
	jw_begin_arr(w, "patterns");
	for (i = 0; i < c->nr_rows; i++) {
		const struct calib_row *r = &c->rows[i];

		jw_begin_obj(w, NULL);
		jw_str(w, "pattern", r->pattern);
		jw_str(w, "cache", *r->cache ? r->cache : NULL);
		cost_json(w, "ns", "cycles", &r->pair);
		cost_json(w, "object_ns", "object_cycles",
			  r->has_object ? &r->object : NULL);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}
