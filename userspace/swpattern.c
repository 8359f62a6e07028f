// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fileio.h"
#include "slabfs.h"
#include "swctl.h"
#include "swknobs.h"
#include "swpattern.h"

static const struct swp_info patterns[] = {
#define SW_PATTERN(name, cache, knob) \
	{ #name, #knob, SW_DEF_##knob, cache },
#include "uapi/slabwall.h"
#undef SW_PATTERN
};

const struct swp_info *swp_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		if (!strcmp(patterns[i].name, name))
			return &patterns[i];
	return NULL;
}

static uint64_t knob_default(const char *name)
{
	return swk_find(name)->def;
}

void swp_sizes_for(const struct swp_info *pi, uint64_t size,
		   struct swp_sizes *out)
{
	out->object_size = knob_default("object_size");
	out->data_size = knob_default("data_size");
	out->name_len = knob_default("name_len");
	if (!pi)
		return;
	if (!strcmp(pi->size_knob, "object_size"))
		out->object_size = size;
	else if (!strcmp(pi->size_knob, "data_size"))
		out->data_size = size;
	else if (!strcmp(pi->size_knob, "name_len"))
		out->name_len = size;
}

/* Appends @name to @names unless it is there or not under @slab_root. */
static void add_cache(const char *slab_root, const char *name,
		      char names[SWP_MAX_CACHES][NAME_MAX + 1], size_t *n)
{
	size_t i;

	if (*n >= SWP_MAX_CACHES || !sf_cache_exists(slab_root, name))
		return;
	for (i = 0; i < *n; i++)
		if (!strcmp(names[i], name))
			return;
	snprintf(names[(*n)++], NAME_MAX + 1, "%s", name);
}

size_t swp_caches(const char *dir, const char *slab_root,
		  const struct swp_info *pi,
		  char names[SWP_MAX_CACHES][NAME_MAX + 1])
{
	char buf[4096], path[PATH_MAX], name[NAME_MAX + 1], kname[NAME_MAX + 1];
	char *line, *save = NULL;
	uint64_t size;
	size_t n = 0;

	if (!pi)
		return 0;
	snprintf(path, sizeof(path), "%s/caches", dir ? dir : sw_default_dir());
	if (fio_read(path, buf, sizeof(buf), NULL) < 0) {
		if (pi->cache)
			add_cache(slab_root, pi->cache, names, &n);
		return n;
	}
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%255s %" SCNu64, name, &size) != 2)
			continue;
		/* A kmalloc class may go by another name here (an alias). */
		if (!sf_cache_exists(slab_root, name) &&
		    !strncmp(name, "kmalloc-", 8) &&
		    sf_kmalloc_cache(slab_root, size, kname, sizeof(kname)) == 0)
			snprintf(name, sizeof(name), "%s", kname);
		add_cache(slab_root, name, names, &n);
	}
	return n;
}
