// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "vmstat.h"

/* Adds @val to @sum; -EOVERFLOW rather than a wrapped total. */
static int add(struct opt_u64 *sum, uint64_t val)
{
	if (sum->v > UINT64_MAX - val)
		return -EOVERFLOW;
	sum->v += val;
	sum->present = true;
	return 0;
}

/* "pgalloc_normal 123456": the name, one space, the count. */
static int parse_line(const char *path, char *line, struct vmstat_pages *v,
		      struct swerr *e)
{
	char *val = strchr(line, ' ');
	struct opt_u64 *into;
	uint64_t n;

	if (!strncmp(line, "pgalloc_", 8))
		into = &v->pgalloc;
	else if (!strncmp(line, "pgfree ", 7))
		into = &v->pgfree;
	else
		return 0;
	if (!val || !parse_u64(fio_trim(val + 1), &n))
		return swerr_set(e, EINVAL, "%s: bad line: \"%s\"", path, line);
	if (add(into, n))
		return swerr_set(e, EOVERFLOW, "%s: the pgalloc_* lines add up past 2^64",
				 path);
	return 0;
}

int vmstat_read_pages(const char *path, struct vmstat_pages *v,
		      struct swerr *e)
{
	char *text, *line, *next;
	int ret;

	if (!path)
		path = VMSTAT_DEFAULT_PATH;
	memset(v, 0, sizeof(*v));
	ret = fio_read_alloc(path, &text, NULL, e);
	if (ret)
		return ret;
	for (line = text; line && *line && !ret; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ret = parse_line(path, line, v, e);
	}
	free(text);
	return ret;
}
