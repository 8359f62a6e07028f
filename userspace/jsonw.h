/* SPDX-License-Identifier: GPL-2.0 */
/* A small streaming JSON writer for --json output: indented, commas handled. */
#ifndef SLABWALL_JSONW_H
#define SLABWALL_JSONW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "strnum.h"

#define JW_MAX_DEPTH 16

struct jw {
	FILE *f;
	unsigned int depth;
	bool has_items[JW_MAX_DEPTH];
};

void jw_init(struct jw *w, FILE *f);

/* @key is the member name inside an object, NULL at the top and in arrays. */
void jw_begin_obj(struct jw *w, const char *key);
void jw_end_obj(struct jw *w);
void jw_begin_arr(struct jw *w, const char *key);
void jw_end_arr(struct jw *w);

void jw_str(struct jw *w, const char *key, const char *v);	/* NULL: null */
void jw_u64(struct jw *w, const char *key, uint64_t v);
void jw_i64(struct jw *w, const char *key, int64_t v);
void jw_double(struct jw *w, const char *key, double v);	/* NaN, inf: null */
void jw_bool(struct jw *w, const char *key, bool v);
void jw_null(struct jw *w, const char *key);
void jw_opt_u64(struct jw *w, const char *key, struct opt_u64 v);

#endif /* SLABWALL_JSONW_H */
