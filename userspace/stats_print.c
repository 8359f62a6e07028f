// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "humanfmt.h"
#include "stats_print.h"
#include "swknobs.h"

/* CPUs per row of the per-CPU table, so it fits a terminal. */
#define CPUS_PER_ROW 6

/*
 * The run's settings: its state and stop reason, every knob of
 * module/uapi/slabwall.h, and the caches it uses (cacheN, cacheN_size); the rest
 * are results.
 */
static bool is_setting(const char *key)
{
	return !strcmp(key, "state") || !strcmp(key, "stop_reason") ||
	       !strncmp(key, "cache", 5) || swk_find(key);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static void print_section(FILE *f, const struct sw_stats *st, bool settings)
{
	char human[HUMAN_LEN];
	unsigned int cpu;
	const char *sub;
	size_t i;

	fprintf(f, "%s\n", settings ? "Settings" : "Results");
	for (i = 0; i < st->n; i++) {
		const struct sw_stat *s = &st->v[i];

		if (sw_stat_cpu_key(s->key, &cpu, &sub) ||
		    is_setting(s->key) != settings)
			continue;
		if (s->kind == SW_VAL_UINT && ends_with(s->key, "_ns"))
			fprintf(f, "  %-20s %-12s (%s)\n", s->key, s->text,
				human_ns(s->u, human));
		else
			fprintf(f, "  %-20s %s\n", s->key, s->text);
	}
}

/* Appends @x to @list unless it is there; both lists are tiny. */
static void add_unique_cpu(unsigned int *list, size_t *n, unsigned int x)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (list[i] == x)
			return;
	list[(*n)++] = x;
}

static void add_unique_key(const char **list, size_t *n, const char *x)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp(list[i], x))
			return;
	list[(*n)++] = x;
}

static const char *cpu_value(const struct sw_stats *st, unsigned int cpu,
			     const char *sub)
{
	char key[256];
	const char *v;

	snprintf(key, sizeof(key), "cpu%u.%s", cpu, sub);
	v = sw_stats_str(st, key);
	return v ? v : "-";
}

static void print_per_cpu(FILE *f, const struct sw_stats *st)
{
	const char **subs = calloc(st->n + 1, sizeof(*subs));
	unsigned int *cpus = calloc(st->n + 1, sizeof(*cpus));
	size_t nsubs = 0, ncpus = 0, i, j, first;
	unsigned int cpu;
	const char *sub;
	char head[32];

	if (!subs || !cpus)
		goto out;
	for (i = 0; i < st->n; i++) {
		if (!sw_stat_cpu_key(st->v[i].key, &cpu, &sub))
			continue;
		add_unique_cpu(cpus, &ncpus, cpu);
		add_unique_key(subs, &nsubs, sub);
	}
	for (first = 0; first < ncpus; first += CPUS_PER_ROW) {
		size_t last = first + CPUS_PER_ROW < ncpus ?
			      first + CPUS_PER_ROW : ncpus;

		fprintf(f, "\n%-22s", first ? "" : "Per CPU");
		for (j = first; j < last; j++) {
			snprintf(head, sizeof(head), "cpu%u", cpus[j]);
			fprintf(f, " %12s", head);
		}
		fputc('\n', f);
		for (i = 0; i < nsubs; i++) {
			fprintf(f, "  %-20s", subs[i]);
			for (j = first; j < last; j++)
				fprintf(f, " %12s", cpu_value(st, cpus[j], subs[i]));
			fputc('\n', f);
		}
	}
out:
	free(subs);
	free(cpus);
}

void stats_print_pretty(FILE *f, const struct sw_stats *st)
{
	print_section(f, st, true);
	fputc('\n', f);
	print_section(f, st, false);
	print_per_cpu(f, st);
}

static void json_value(struct jw *w, const char *key, const struct sw_stat *s)
{
	switch (s->kind) {
	case SW_VAL_UINT:
		jw_u64(w, key, s->u);
		break;
	case SW_VAL_NUM:
		jw_double(w, key, s->d);
		break;
	default:
		jw_str(w, key, s->text);
		break;
	}
}

void stats_print_json(struct jw *w, const struct sw_stats *st)
{
	unsigned int *cpus = calloc(st->n + 1, sizeof(*cpus));
	unsigned int cpu, c;
	size_t ncpus = 0, i, j;
	const char *sub;
	char name[16];

	jw_begin_obj(w, "stats");
	for (i = 0; i < st->n; i++) {
		if (sw_stat_cpu_key(st->v[i].key, &cpu, &sub)) {
			if (cpus)
				add_unique_cpu(cpus, &ncpus, cpu);
			continue;
		}
		json_value(w, st->v[i].key, &st->v[i]);
	}
	jw_end_obj(w);

	jw_begin_obj(w, "per_cpu");
	for (j = 0; j < ncpus; j++) {
		snprintf(name, sizeof(name), "%u", cpus[j]);
		jw_begin_obj(w, name);
		for (i = 0; i < st->n; i++)
			if (sw_stat_cpu_key(st->v[i].key, &c, &sub) &&
			    c == cpus[j])
				json_value(w, sub, &st->v[i]);
		jw_end_obj(w);
	}
	jw_end_obj(w);
	free(cpus);
}
