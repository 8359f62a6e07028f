// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "slabfs.h"
#include "slabnodes.h"
#include "strnum.h"

static const char *const attr_names[SN_NR_ATTRS] = {
	[SN_OBJECTS] = "objects",
	[SN_TOTAL_OBJECTS] = "total_objects",
	[SN_OBJECTS_PARTIAL] = "objects_partial",
	[SN_SLABS] = "slabs",
	[SN_PARTIAL] = "partial",
};

/* Longer than any of these files: a total and 1024 "N<node>=<count>". */
#define SN_TEXT_MAX (32 * (SN_MAX_NODES + 1))

const char *sn_attr_name(enum sn_attr a)
{
	return attr_names[a];
}

/* One "N<node>=<count>" field of @len bytes at @f. */
static bool parse_field(const char *f, size_t len, unsigned int *node,
			uint64_t *count)
{
	char tmp[64];
	char *eq;
	uint64_t n;

	if (len >= sizeof(tmp) || f[0] != 'N')
		return false;
	memcpy(tmp, f + 1, len - 1);
	tmp[len - 1] = '\0';
	eq = strchr(tmp, '=');
	if (!eq)
		return false;
	*eq = '\0';
	if (!parse_u64(tmp, &n) || n >= SN_MAX_NODES || !parse_u64(eq + 1, count))
		return false;
	*node = (unsigned int)n;
	return true;
}

int sn_parse(const char *text, const char *what, uint64_t *per_node,
	     unsigned int *nnodes, struct swerr *e)
{
	const char *p = text + strspn(text, " \t\n");
	size_t len = strcspn(p, " \t\n");
	uint64_t total, sum = 0, count;
	unsigned int node;
	bool any = false;
	char head[32];

	memset(per_node, 0, SN_MAX_NODES * sizeof(*per_node));
	*nnodes = 1;
	if (!len || len >= sizeof(head))
		return swerr_set(e, EINVAL, "%s: \"%s\" does not start with a count",
				 what, text);
	memcpy(head, p, len);
	head[len] = '\0';
	if (!parse_u64(head, &total))
		return swerr_set(e, EINVAL, "%s: \"%s\" is not a count", what, head);
	for (p += len; *(p += strspn(p, " \t\n")); p += len) {
		len = strcspn(p, " \t\n");
		if (!parse_field(p, len, &node, &count))
			return swerr_set(e, EINVAL,
					 "%s: \"%.*s\" is not N<node>=<count> (node under %d)",
					 what, (int)len, p, SN_MAX_NODES);
		per_node[node] += count;
		sum += count;
		if (node + 1 > *nnodes)
			*nnodes = node + 1;
		any = true;
	}
	if (!any)	/* a kernel without NUMA: all of it on node 0 */
		per_node[0] = sum = total;
	if (sum != total)
		return swerr_set(e, EINVAL,
				 "%s: the nodes add up to %llu, not the total %llu",
				 what, (unsigned long long)sum,
				 (unsigned long long)total);
	return 0;
}

/* Reads @dir/@file into @c; 0 without the file. */
static int read_one(const char *dir, enum sn_attr a, char *buf,
		    uint64_t *per_node, struct sn_counts *c, struct swerr *e)
{
	char path[PATH_MAX];
	unsigned int n;
	ssize_t len;
	int ret;

	ret = fio_path(path, sizeof(path), dir, attr_names[a], e);
	if (ret)
		return ret;
	len = fio_read(path, buf, SN_TEXT_MAX, e);
	if (len == -ENOENT)
		return 0;
	if (len == -EACCES || len == -EPERM)
		return swerr_set(e, (int)-len,
				 "%s: permission denied (slab attributes are root-only)",
				 path);
	if (len < 0)
		return (int)len;
	ret = sn_parse(buf, path, per_node, &n, e);
	if (ret)
		return ret;
	c->v[a] = malloc(n * sizeof(uint64_t));
	if (!c->v[a])
		return swerr_set(e, ENOMEM, "%s: out of memory", path);
	memcpy(c->v[a], per_node, n * sizeof(uint64_t));
	c->len[a] = n;
	c->have[a] = true;
	if (n > c->nnodes)
		c->nnodes = n;
	return 0;
}

int sn_read(const char *root, const char *dir, struct sn_counts *c,
	    struct swerr *e)
{
	char base[PATH_MAX];
	uint64_t *per_node;
	char *buf;
	int ret, a;

	memset(c, 0, sizeof(*c));
	c->nnodes = 1;
	ret = fio_path(base, sizeof(base), root ? root : SF_DEFAULT_ROOT, dir, e);
	if (ret)
		return ret;
	buf = malloc(SN_TEXT_MAX);
	per_node = calloc(SN_MAX_NODES, sizeof(*per_node));
	ret = buf && per_node ? 0 : swerr_set(e, ENOMEM, "%s: out of memory", base);
	for (a = 0; a < SN_NR_ATTRS && !ret; a++)
		ret = read_one(base, (enum sn_attr)a, buf, per_node, c, e);
	free(per_node);
	free(buf);
	if (ret)
		sn_free(c);
	return ret;
}

uint64_t sn_get(const struct sn_counts *c, enum sn_attr a, unsigned int node)
{
	return c->v[a] && node < c->len[a] ? c->v[a][node] : 0;
}

void sn_free(struct sn_counts *c)
{
	int a;

	for (a = 0; a < SN_NR_ATTRS; a++) {
		free(c->v[a]);
		c->v[a] = NULL;
		c->len[a] = 0;
		c->have[a] = false;
	}
}
