// SPDX-License-Identifier: GPL-2.0
/*
 * compare --decide: a ratio is a conclusion only when the runs' spread
 * cannot account for it (compare.h says how the range is taken).
 */
#include <math.h>

#include "compare.h"

enum cmp_decision cmp_decide(double lo, double hi, double threshold)
{
	/* NaN compares false both ways: no range, no conclusion. */
	if (lo > threshold && hi >= lo)
		return CMP_HIGHER;
	if (hi < threshold && lo <= hi)
		return CMP_LOWER;
	return CMP_INCONCLUSIVE;
}

const char *cmp_decision_name(enum cmp_decision d)
{
	switch (d) {
	case CMP_HIGHER:
		return "higher";
	case CMP_LOWER:
		return "lower";
	default:
		return "inconclusive";
	}
}

static double threshold_of(const struct cmp_opts *o)
{
	return o->threshold > 0 ? o->threshold : 1;
}

/* "1.52-2.20x": the low end as cmp_print_ratio() would, without its x. */
static void print_range(FILE *f, const struct cmp_result *c)
{
	fprintf(f, "%.*f-", c->lo < 10 ? 2 : c->lo < 100 ? 1 : 0, c->lo);
	if (isinf(c->hi))
		fputs("inf", f);
	else
		cmp_print_ratio(f, c->hi);
}

/* Why a result is inconclusive, or nothing when it is not. */
static void print_why(FILE *f, const struct cmp_opts *o,
		      const struct cmp_result *c)
{
	if (c->decision != CMP_INCONCLUSIVE || isnan(c->lo) || isnan(c->hi))
		return;
	if (threshold_of(o) == 1) {
		fputs(": ranges overlap", f);
		return;
	}
	fputs(": spans ", f);
	cmp_print_ratio(f, threshold_of(o));
}

/* "(1.52-2.20x over the runs)", or why there is no range. */
static void print_spread(FILE *f, const struct cmp_opts *o,
			 const struct cmp_result *c)
{
	const char *m = o->metric ? o->metric : CMP_DEFAULT_METRIC;

	if (c->runs >= 0 && c->runs < CMP_MIN_RUNS) {
		fprintf(f, "(no range: %ld run(s), %d needed)", c->runs,
			CMP_MIN_RUNS);
	} else if (isnan(c->lo) || isnan(c->hi)) {
		fprintf(f, "(no range: no %s_min and %s_max)", m, m);
	} else {
		fputc('(', f);
		print_range(f, c);
		fputs(" over the runs", f);
		print_why(f, o, c);
		fputc(')', f);
	}
}

void cmp_print_decided(FILE *f, const struct cmp_opts *o,
		       const struct cmp_result *c)
{
	fprintf(f, "%s: %s", c->value, cmp_decision_name(c->decision));
	if (threshold_of(o) != 1) {
		fputs(" than ", f);
		cmp_print_ratio(f, threshold_of(o));
	}
	fputs(": ", f);
	cmp_print_versus(f, o, c);
	fputc(' ', f);
	print_spread(f, o, c);
	cmp_print_line_end(f, o, c);
}

void cmp_print_brief_decision(FILE *f, const struct cmp_result *c)
{
	fputc(' ', f);
	if (isnan(c->lo) || isnan(c->hi)) {
		fputs("(no range)", f);
	} else {
		fputc('(', f);
		print_range(f, c);
		fputc(')', f);
	}
	fprintf(f, " %s", cmp_decision_name(c->decision));
}
