// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "csvw.h"

void csvw_init(struct csvw *w, FILE *f)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
}

bool csv_needs_quotes(const char *s)
{
	size_t n = strlen(s);

	if (strpbrk(s, ",\"\r\n"))
		return true;
	/* Many readers trim unquoted edge spaces; quoting keeps them. */
	return n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
		     s[n - 1] == '\t');
}

static void sep(struct csvw *w)
{
	if (w->col++)
		fputc(',', w->f);
}

void csvw_str(struct csvw *w, const char *s)
{
	sep(w);
	if (!s)
		return;
	if (!csv_needs_quotes(s)) {
		fputs(s, w->f);
		return;
	}
	fputc('"', w->f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', w->f);
		fputc(*s, w->f);
	}
	fputc('"', w->f);
}

void csvw_u64(struct csvw *w, uint64_t v)
{
	sep(w);
	fprintf(w->f, "%" PRIu64, v);
}

void csvw_i64(struct csvw *w, int64_t v)
{
	sep(w);
	fprintf(w->f, "%" PRId64, v);
}

/* Significant digits of a number with a fraction, as %.10g would keep. */
#define CSVW_DIGITS 10

void csvw_double(struct csvw *w, double v)
{
	/* A double's longest fixed form: 309 digits, or "0." and 324 after it. */
	char buf[400];
	int decimals, n;

	sep(w);
	if (!isfinite(v))
		return;
	/* Medians of counters are mostly whole: no ".000000" noise. */
	if (v == floor(v)) {
		fprintf(w->f, "%.0f", v);
		return;
	}
	/*
	 * Fixed notation, never %g's e-notation (docs/csv.md): as many
	 * decimals as CSVW_DIGITS significant digits need, trailing zeros cut.
	 */
	decimals = CSVW_DIGITS - 1 - (int)floor(log10(fabs(v)));
	if (decimals < 0)
		decimals = 0;
	n = snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		w->err = w->err ? w->err : -EINVAL;
		return;
	}
	if (strchr(buf, '.')) {
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (n > 0 && buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	fputs(buf, w->f);
}

void csvw_empty(struct csvw *w)
{
	sep(w);
}

int csvw_end_line(struct csvw *w)
{
	int ret = 0;

	fputc('\n', w->f);
	if (!w->lines)
		w->ncols = w->col;
	else if (w->col != w->ncols)
		ret = -EINVAL;
	if (ret && !w->err)
		w->err = ret;
	w->lines++;
	w->col = 0;
	return ret;
}

int csvw_finish(struct csvw *w)
{
	if (fflush(w->f) || ferror(w->f)) {
		if (!w->err)
			w->err = -EIO;
	}
	return w->err;
}
