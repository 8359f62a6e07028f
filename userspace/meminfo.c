// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "meminfo.h"

/* "Slab:             123456 kB" */
static int parse_line(const char *path, char *line, const char *key,
		      struct opt_u64 *out, struct swerr *e)
{
	size_t klen = strlen(key);
	char *val, *unit;

	if (strncmp(line, key, klen) || line[klen] != ':')
		return 0;
	val = line + klen + 1;
	val += strspn(val, " \t");
	unit = val + strcspn(val, " \t");
	if (*unit) {
		*unit++ = '\0';
		unit += strspn(unit, " \t");
	}
	if (!parse_u64(val, &out->v) || strcmp(unit, "kB"))
		return swerr_set(e, EINVAL, "%s: bad %s line: \"%s\" \"%s\"",
				 path, key, val, unit);
	out->present = true;
	return 1;
}

int meminfo_read_slab(const char *path, struct meminfo_slab *m,
		      struct swerr *e)
{
	char *text, *line, *next;
	int ret = 0;

	if (!path)
		path = MEMINFO_DEFAULT_PATH;
	memset(m, 0, sizeof(*m));
	ret = fio_read_alloc(path, &text, NULL, e);
	if (ret)
		return ret;
	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ret = parse_line(path, line, "Slab", &m->slab_kb, e);
		if (!ret)
			ret = parse_line(path, line, "SReclaimable",
					 &m->sreclaimable_kb, e);
		if (!ret)
			ret = parse_line(path, line, "SUnreclaim",
					 &m->sunreclaim_kb, e);
		if (ret < 0)
			break;
	}
	free(text);
	return ret < 0 ? ret : 0;
}
