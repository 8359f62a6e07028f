// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "slabfs.h"

/* sysfs hands out at most a page per attribute; 64 KiB pages exist. */
#define SF_ATTR_MAX 65536

static const char *root_or_default(const char *root)
{
	return root ? root : SF_DEFAULT_ROOT;
}

#define NUM(f) { #f, offsetof(struct sf_cache, f) }

/* Attributes that hold one number, optionally followed by per-node lists. */
static const struct {
	const char *file;
	size_t off;
} num_attrs[] = {
	NUM(object_size), NUM(slab_size), NUM(objs_per_slab), NUM(order),
	NUM(align), NUM(usersize),
	NUM(objects), NUM(total_objects), NUM(objects_partial),
	NUM(slabs), NUM(partial), NUM(cpu_slabs),
	NUM(cpu_partial), NUM(min_partial), NUM(remote_node_defrag_ratio),
	NUM(sheaf_capacity),
	NUM(aliases), NUM(reclaim_account), NUM(hwcache_align),
	NUM(destroy_by_rcu), NUM(cache_dma), NUM(poison), NUM(red_zone),
	NUM(store_user), NUM(sanity_checks), NUM(trace),
};

/* The directory of cache @name under @root, after checking the name. */
static int cache_path(const char *root, const char *name, char *path,
		      size_t len, struct swerr *e)
{
	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return swerr_set(e, EINVAL, "%s: \"%s\" is not a cache name",
				 root, name);
	return fio_path(path, len, root, name, e);
}

int sf_resolve(const char *root, const char *name, char *real, size_t len,
	       bool *is_alias, struct swerr *e)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	struct stat st;
	ssize_t n;
	int ret, err;

	root = root_or_default(root);
	ret = cache_path(root, name, path, sizeof(path), e);
	if (ret)
		return ret;
	if (lstat(path, &st) < 0) {
		err = errno;
		if (err == ENOENT)
			return swerr_set(e, err, "%s: no such slab cache", path);
		return swerr_set(e, err, "%s: %s", path, strerror(err));
	}
	if (S_ISLNK(st.st_mode)) {
		/* Merged caches: every name is a link to ":<flags>-<size>". */
		n = readlink(path, target, sizeof(target) - 1);
		if (n < 0) {
			err = errno;
			return swerr_set(e, err, "%s: readlink failed: %s",
					 path, strerror(err));
		}
		target[n] = '\0';
		if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
			return swerr_set(e, ENOENT,
					 "%s: alias of \"%s\", which is not a cache directory",
					 path, target);
		base = strrchr(target, '/');
		base = base ? base + 1 : target;
		*is_alias = true;
	} else if (S_ISDIR(st.st_mode)) {
		base = name;
		*is_alias = false;
	} else {
		return swerr_set(e, ENOTDIR, "%s: not a cache directory", path);
	}
	if (strlen(base) >= len)
		return swerr_set(e, ENAMETOOLONG, "%s: cache name \"%s\" too long",
				 path, base);
	strcpy(real, base);
	return 0;
}

bool sf_cache_exists(const char *root, const char *name)
{
	char real[NAME_MAX + 1];
	bool alias;

	return sf_resolve(root, name, real, sizeof(real), &alias, NULL) == 0;
}

/*
 * Reads one attribute.  Returns 1 with the trimmed text in @buf, 0 when the
 * file does not exist on this kernel, or -errno.
 */
static int read_attr(const char *dir, const char *file, char *path,
		     char *buf, size_t size, char **text, struct swerr *e)
{
	ssize_t n;
	int ret;

	ret = fio_path(path, PATH_MAX, dir, file, e);
	if (ret)
		return ret;
	n = fio_read(path, buf, size, e);
	if (n == -ENOENT)
		return 0;
	if (n == -EACCES || n == -EPERM)
		return swerr_set(e, (int)-n,
				 "%s: permission denied (slab attributes are root-only)",
				 path);
	if (n < 0)
		return (int)n;
	*text = fio_trim(buf);
	return 1;
}

/* "123 N0=100 N1=23": the total comes first; the lists are per node or CPU. */
static int parse_leading_u64(const char *path, char *text, uint64_t *v,
			     struct swerr *e)
{
	char *end = text + strcspn(text, " \t\n");
	char saved = *end;
	bool ok;

	*end = '\0';
	ok = parse_u64(text, v);
	*end = saved;
	if (!ok)
		return swerr_set(e, EINVAL, "%s: \"%s\" is not a number", path,
				 text);
	return 0;
}

/* slabs_cpu_partial is "objects(slabs) C0=o(s) ...". */
static int parse_cpu_partial_list(const char *path, char *text,
				  struct sf_cache *c, struct swerr *e)
{
	uint64_t objs, slabs;
	char *open = strchr(text, '('), *close;
	size_t head = strcspn(text, " \t\n");

	if (!open || (size_t)(open - text) > head)
		goto bad;
	close = strchr(open, ')');
	if (!close)
		goto bad;
	*open = *close = '\0';
	if (!parse_u64(text, &objs) || !parse_u64(open + 1, &slabs)) {
		*open = '(';
		*close = ')';
		goto bad;
	}
	c->cpu_partial_objects = (struct opt_u64){ objs, true };
	c->cpu_partial_slabs = (struct opt_u64){ slabs, true };
	return 0;
bad:
	return swerr_set(e, EINVAL, "%s: \"%s\" is not \"objects(slabs) ...\"",
			 path, text);
}

static int read_attrs(const char *dir, char *path, char *buf,
		      struct sf_cache *c, struct swerr *e)
{
	struct opt_u64 *field;
	char *text;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(num_attrs) / sizeof(num_attrs[0]); i++) {
		ret = read_attr(dir, num_attrs[i].file, path, buf, SF_ATTR_MAX,
				&text, e);
		if (ret < 0)
			return ret;
		if (ret == 0)
			continue;
		field = (struct opt_u64 *)((char *)c + num_attrs[i].off);
		ret = parse_leading_u64(path, text, &field->v, e);
		if (ret)
			return ret;
		field->present = true;
	}

	ret = read_attr(dir, "slabs_cpu_partial", path, buf, SF_ATTR_MAX,
			&text, e);
	if (ret < 0)
		return ret;
	if (ret > 0) {
		ret = parse_cpu_partial_list(path, text, c, e);
		if (ret)
			return ret;
	}

	/* "dentry_ctor+0x0/0x20 [slabwall]", or empty without a constructor. */
	ret = read_attr(dir, "ctor", path, buf, SF_ATTR_MAX, &text, e);
	if (ret < 0)
		return ret;
	if (ret > 0) {
		c->ctor_present = true;
		snprintf(c->ctor, sizeof(c->ctor), "%s", text);
	}
	return 0;
}

int sf_read_cache(const char *root, const char *name, struct sf_cache *c,
		  struct swerr *e)
{
	char dir[PATH_MAX], path[PATH_MAX];
	char *buf;
	int ret;

	root = root_or_default(root);
	memset(c, 0, sizeof(*c));
	if (strlen(name) >= sizeof(c->name))
		return swerr_set(e, ENAMETOOLONG, "%s: cache name \"%s\" too long",
				 root, name);
	strcpy(c->name, name);
	ret = sf_resolve(root, name, c->real, sizeof(c->real), &c->is_alias, e);
	if (ret)
		return ret;
	ret = fio_path(dir, sizeof(dir), root, c->real, e);
	if (ret)
		return ret;
	buf = malloc(SF_ATTR_MAX);
	if (!buf)
		return swerr_set(e, ENOMEM, "%s: out of memory", dir);
	ret = read_attrs(dir, path, buf, c, e);
	free(buf);
	return ret;
}

void sf_memory(const struct sf_cache *c, long page_size, struct sf_mem *m)
{
	memset(m, 0, sizeof(*m));
	if (page_size <= 0)
		page_size = sysconf(_SC_PAGESIZE);
	m->page_size = page_size;

	/*
	 * "order" is the cache's preferred order; under memory pressure SLUB
	 * may fall back to smaller slabs, so this can over-state a little.
	 */
	if (c->slabs.present && c->order.present && c->order.v < 32) {
		m->slab_bytes = c->slabs.v * ((uint64_t)page_size << c->order.v);
		m->have_slab_bytes = true;
	}
	if (m->have_slab_bytes && c->objects.present && c->objects.v) {
		m->bytes_per_object = (double)m->slab_bytes / (double)c->objects.v;
		m->have_per_object = true;
	}
	if (m->have_slab_bytes && c->objects.present && c->object_size.present) {
		m->loss_bytes = (int64_t)m->slab_bytes -
				(int64_t)(c->objects.v * c->object_size.v);
		m->have_loss = true;
	}
	if (c->partial.present && c->slabs.present && c->slabs.v) {
		m->partial_share = (double)c->partial.v / (double)c->slabs.v;
		m->have_partial_share = true;
	}
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sf_entry *)a)->name,
		      ((const struct sf_entry *)b)->name);
}

int sf_list(const char *root, struct sf_entry **out, size_t *n,
	    struct swerr *e)
{
	struct sf_entry *v = NULL, *bigger;
	size_t used = 0, cap = 0;
	struct dirent *d;
	DIR *dir;
	int err;

	root = root_or_default(root);
	dir = opendir(root);
	if (!dir) {
		err = errno;
		return swerr_set(e, err, "%s: cannot list slab caches: %s%s",
				 root, strerror(err),
				 err == ENOENT ? " (no SLUB sysfs here?)" : "");
	}
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		if (used == cap) {
			cap = cap ? cap * 2 : 256;
			bigger = realloc(v, cap * sizeof(*v));
			if (!bigger) {
				closedir(dir);
				free(v);
				return swerr_set(e, ENOMEM, "%s: out of memory listing it",
						 root);
			}
			v = bigger;
		}
		if (strlen(d->d_name) >= sizeof(v[used].name))
			continue;
		strcpy(v[used].name, d->d_name);
		/* A link whose cache went away meanwhile is simply not listed. */
		if (sf_resolve(root, d->d_name, v[used].real,
			       sizeof(v[used].real), &v[used].is_alias, NULL))
			continue;
		used++;
	}
	closedir(dir);
	if (used)
		qsort(v, used, sizeof(*v), entry_cmp);
	*out = v;
	*n = used;
	return 0;
}

static const char *write_hint(int err)
{
	switch (err) {
	case EACCES:
	case EPERM:
		return " (slab attributes are root-only)";
	case EINVAL:
		return " (the kernel refused the value)";
	case ERANGE:
		return " (out of the range the kernel takes)";
	case ENOENT:
		return " (this kernel does not have that knob)";
	default:
		return "";
	}
}

static int write_attr(const char *root, const char *name, const char *file,
		      const char *value, struct swerr *e)
{
	char dir[PATH_MAX], path[PATH_MAX];
	int ret;

	root = root_or_default(root);
	ret = cache_path(root, name, dir, sizeof(dir), e);
	if (ret)
		return ret;
	ret = fio_path(path, sizeof(path), dir, file, e);
	if (ret)
		return ret;
	ret = fio_write(path, value, e);
	if (ret && e) {
		size_t n = strlen(e->msg);

		snprintf(e->msg + n, sizeof(e->msg) - n, "%s", write_hint(-ret));
	}
	return ret;
}

static int write_u64_attr(const char *root, const char *name,
			  const char *file, uint64_t v, struct swerr *e)
{
	char value[24];

	snprintf(value, sizeof(value), "%" PRIu64, v);
	return write_attr(root, name, file, value, e);
}

int sf_set_cpu_partial(const char *root, const char *name, uint64_t v,
		       struct swerr *e)
{
	return write_u64_attr(root, name, "cpu_partial", v, e);
}

int sf_set_min_partial(const char *root, const char *name, uint64_t v,
		       struct swerr *e)
{
	return write_u64_attr(root, name, "min_partial", v, e);
}

int sf_shrink(const char *root, const char *name, struct swerr *e)
{
	/* Any write to "shrink" makes SLUB give back empty slabs. */
	return write_attr(root, name, "shrink", "1", e);
}

/* The general caches' sizes, smallest first (96 and 192 sit between powers). */
static const uint64_t kmalloc_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};

#define NR_KMALLOC_SIZES (sizeof(kmalloc_sizes) / sizeof(kmalloc_sizes[0]))

uint64_t sf_kmalloc_class(uint64_t size)
{
	size_t i;

	for (i = 0; i < NR_KMALLOC_SIZES; i++)
		if (kmalloc_sizes[i] >= size)
			return kmalloc_sizes[i];
	return 0;
}

void sf_kmalloc_name(uint64_t class_size, char *buf, size_t len)
{
	if (class_size < 1024)
		snprintf(buf, len, "kmalloc-%" PRIu64, class_size);
	else
		snprintf(buf, len, "kmalloc-%" PRIu64 "k", class_size / 1024);
}

int sf_kmalloc_size(const char *name, uint64_t *size)
{
	char buf[32];
	size_t i;

	for (i = 0; i < NR_KMALLOC_SIZES; i++) {
		sf_kmalloc_name(kmalloc_sizes[i], buf, sizeof(buf));
		if (!strcmp(name, buf)) {
			*size = kmalloc_sizes[i];
			return 0;
		}
	}
	return -ENOENT;
}

int sf_kmalloc_cache(const char *root, uint64_t size, char *buf, size_t len)
{
	char name[32];
	size_t i;

	/* Some architectures start at kmalloc-64 or 128: skip what is absent. */
	for (i = 0; i < NR_KMALLOC_SIZES; i++) {
		if (kmalloc_sizes[i] < size)
			continue;
		sf_kmalloc_name(kmalloc_sizes[i], name, sizeof(name));
		if (!sf_cache_exists(root, name))
			continue;
		if (strlen(name) >= len)
			return -ENAMETOOLONG;
		strcpy(buf, name);
		return 0;
	}
	return -ENOENT;
}
