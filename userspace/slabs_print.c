// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>

#include "humanfmt.h"
#include "slabs_print.h"

#define NAME_MIN_W 8
#define NAME_MAX_W 32	/* longer names push their own line, not every line */
#define ALIAS_WRAP 78

static void cell_u64(char *buf, size_t len, const struct st_row *r,
		     struct opt_u64 v)
{
	if (r->have && v.present)
		snprintf(buf, len, "%" PRIu64, v.v);
	else
		snprintf(buf, len, "-");
}

static void cell_pct(char *buf, size_t len, bool ok, double pct)
{
	if (ok)
		snprintf(buf, len, "%.1f", pct);
	else
		snprintf(buf, len, "-");
}

static void cell_rate(char *buf, size_t len, bool ok, double rate)
{
	if (ok)
		snprintf(buf, len, "%+.1f", rate);
	else
		snprintf(buf, len, "-");
}

int slabs_name_width(const struct st_table *t)
{
	size_t i, w = NAME_MIN_W, len;

	for (i = 0; i < t->n; i++) {
		len = strlen(t->rows[i].name);
		if (len > w)
			w = len;
	}
	return (int)(w < NAME_MAX_W ? w : NAME_MAX_W);
}

static void print_row(FILE *f, const struct st_row *r, int nw, bool rates)
{
	char osz[24], act[24], tot[24], sl[24], part[24], cpu[24], ord[24];
	char mem[HUMAN_LEN], per[24], loss[24], pp[24], al[24];
	char ro[32], rs[32];
	double pct = 0;
	bool ok;

	cell_u64(osz, sizeof(osz), r, r->c.object_size);
	cell_u64(act, sizeof(act), r, r->c.objects);
	cell_u64(tot, sizeof(tot), r, r->c.total_objects);
	cell_u64(sl, sizeof(sl), r, r->c.slabs);
	cell_u64(part, sizeof(part), r, r->c.partial);
	cell_u64(cpu, sizeof(cpu), r, r->c.cpu_slabs);
	cell_u64(ord, sizeof(ord), r, r->c.order);
	if (r->have && r->m.have_slab_bytes)
		human_bytes((int64_t)r->m.slab_bytes, mem);
	else
		snprintf(mem, sizeof(mem), "-");
	cell_pct(per, sizeof(per), r->have && r->m.have_per_object,
		 r->m.bytes_per_object);
	/* Not in the call: the order arguments are evaluated in is unspecified. */
	ok = st_loss_pct(r, &pct);
	cell_pct(loss, sizeof(loss), ok, pct);
	ok = st_partial_pct(r, &pct);
	cell_pct(pp, sizeof(pp), ok, pct);
	if (r->nalias)
		snprintf(al, sizeof(al), "%zu", r->nalias);
	else
		snprintf(al, sizeof(al), "-");

	fprintf(f, "%-*s %7s %9s %9s %7s %7s %5s %3s %10s %8s %6s %6s %5s",
		nw, r->name, osz, act, tot, sl, part, cpu, ord, mem, per, loss,
		pp, al);
	if (rates) {
		cell_rate(ro, sizeof(ro), r->have_objects_rate, r->objects_rate);
		cell_rate(rs, sizeof(rs), r->have_slabs_rate, r->slabs_rate);
		fprintf(f, " %11s %10s", ro, rs);
	}
	if (!r->have)
		fprintf(f, "  (gone)");
	fputc('\n', f);
}

/* "  :0000256  a b c", wrapped under the first alias. */
static void print_aliases(FILE *f, const struct st_row *r, int nw)
{
	size_t i, col, len;

	col = (size_t)fprintf(f, "  %-*s", nw, r->name);
	for (i = 0; i < r->nalias; i++) {
		len = strlen(r->alias[i]) + 1;
		if (i && col + len > ALIAS_WRAP) {
			fprintf(f, "\n  %-*s", nw, "");
			col = (size_t)nw + 2;
		}
		fprintf(f, " %s", r->alias[i]);
		col += len;
	}
	fputc('\n', f);
}

void slabs_print_text(FILE *f, const struct st_table *t, bool rates)
{
	int nw = slabs_name_width(t);
	bool any_alias = false;
	size_t i;

	fprintf(f, "%-*s %7s %9s %9s %7s %7s %5s %3s %10s %8s %6s %6s %5s",
		nw, "NAME", "OBJSIZE", "ACTIVE", "TOTAL", "SLABS", "PARTIAL",
		"CPU", "ORD", "MEMORY", "B/ACTIVE", "LOSS%", "PART%", "ALIAS");
	if (rates)
		fprintf(f, " %11s %10s", "NET OBJ/s", "NET SLAB/s");
	fputc('\n', f);
	for (i = 0; i < t->n; i++) {
		print_row(f, &t->rows[i], nw, rates);
		any_alias |= t->rows[i].nalias > 0;
	}
	if (!any_alias)
		return;
	fprintf(f, "\nAliases (merged into the cache on the left; its numbers are theirs together):\n");
	for (i = 0; i < t->n; i++)
		if (t->rows[i].nalias)
			print_aliases(f, &t->rows[i], nw);
}

static void json_pct(struct jw *w, const char *key, bool ok, double pct)
{
	if (ok)
		jw_double(w, key, pct);
	else
		jw_null(w, key);
}

static void json_row(struct jw *w, const struct st_row *r, bool rates)
{
	const struct opt_u64 none = { 0 };
	double pct = 0;
	bool ok;
	size_t i;

	jw_begin_obj(w, NULL);
	jw_str(w, "name", r->name);
	jw_begin_arr(w, "aliases");
	for (i = 0; i < r->nalias; i++)
		jw_str(w, NULL, r->alias[i]);
	jw_end_arr(w);
	jw_bool(w, "present", r->have);
	jw_opt_u64(w, "object_size", r->have ? r->c.object_size : none);
	jw_opt_u64(w, "objects", r->have ? r->c.objects : none);
	jw_opt_u64(w, "total_objects", r->have ? r->c.total_objects : none);
	jw_opt_u64(w, "slabs", r->have ? r->c.slabs : none);
	jw_opt_u64(w, "partial", r->have ? r->c.partial : none);
	jw_opt_u64(w, "cpu_slabs", r->have ? r->c.cpu_slabs : none);
	jw_opt_u64(w, "order", r->have ? r->c.order : none);
	jw_opt_u64(w, "slab_bytes", (struct opt_u64){
		   r->m.slab_bytes, r->have && r->m.have_slab_bytes });
	json_pct(w, "bytes_per_active_object", r->have && r->m.have_per_object,
		 r->m.bytes_per_object);
	if (r->have && r->m.have_loss)
		jw_i64(w, "loss_bytes", r->m.loss_bytes);
	else
		jw_null(w, "loss_bytes");
	ok = st_loss_pct(r, &pct);
	json_pct(w, "loss_pct", ok, pct);
	ok = st_partial_pct(r, &pct);
	json_pct(w, "partial_pct", ok, pct);
	if (rates) {
		json_pct(w, "net_objects_per_s", r->have_objects_rate,
			 r->objects_rate);
		json_pct(w, "net_slabs_per_s", r->have_slabs_rate,
			 r->slabs_rate);
	}
	jw_end_obj(w);
}

void slabs_print_json(struct jw *w, const struct st_table *t, bool rates)
{
	size_t i;

	jw_begin_arr(w, "caches");
	for (i = 0; i < t->n; i++)
		json_row(w, &t->rows[i], rates);
	jw_end_arr(w);
}
