// SPDX-License-Identifier: GPL-2.0
/* The files of a sweep in --out DIR (sweep_files.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "sweep_files.h"
#include "sweep_out.h"

static int join(char *buf, const char *dir, const char *name,
		struct swerr *e)
{
	if ((size_t)snprintf(buf, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX)
		return swerr_set(e, ENAMETOOLONG, "--out %s: path too long",
				 dir);
	return 0;
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* The output files of an earlier sweep: refused, or removed with @force. */
static int clear_earlier(struct sweep_files *sf, bool force, struct swerr *e)
{
	const char *const files[] = { sf->csv, sf->json, sf->table };
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (!exists(files[i]))
			continue;
		if (!force)
			return swerr_set(e, EEXIST,
					 "%s is there from an earlier sweep: give another --out, or --force to overwrite it",
					 files[i]);
		if (unlink(files[i]) < 0)
			return swerr_set(e, errno, "--force: cannot remove %s: %s",
					 files[i], strerror(errno));
	}
	return 0;
}

int swf_open(struct sweep_files *sf, const char *dir, bool force,
	     const struct sweep_result *r, struct swerr *e)
{
	struct stat st;
	int ret;

	memset(sf, 0, sizeof(*sf));
	ret = fio_mkdirs(dir, true, e);
	if (ret)
		return ret;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return swerr_set(e, ENOTDIR, "--out %s: not a directory", dir);
	ret = join(sf->csv, dir, "sweep.csv", e);
	if (!ret)
		ret = join(sf->json, dir, "sweep.json", e);
	if (!ret)
		ret = join(sf->table, dir, "table.txt", e);
	if (!ret)
		ret = join(sf->tmp, dir, ".sweep.csv.tmp", e);
	if (!ret)
		ret = clear_earlier(sf, force, e);
	if (ret)
		return ret;
	sf->rows = fopen(sf->csv, "w");
	if (!sf->rows)
		return swerr_set(e, errno, "cannot write %s: %s", sf->csv,
				 strerror(errno));
	if (sweep_csv_header(&sf->w, sf->rows, r)) {
		ret = swerr_set(e, EIO, "writing %s failed", sf->csv);
		swf_discard(sf);
	}
	return ret;
}

int swf_row(struct sweep_files *sf, const struct sweep_result *r,
	    const struct sr_point *p, struct swerr *e)
{
	if (!sf->rows)
		return swerr_set(e, EBADF, "%s is not open", sf->csv);
	if (sweep_csv_row(&sf->w, r, p) == 0)
		return 0;
	return swerr_set(e, EIO, "writing a row to %s failed%s", sf->csv,
			 sf->w.err == -EINVAL ?
			 " (its field count differs from the header's: a bug)" : "");
}

static int close_file(FILE *f, const char *path, struct swerr *e)
{
	if (ferror(f) | fclose(f))
		return swerr_set(e, EIO, "writing %s failed", path);
	return 0;
}

static int write_csv(struct sweep_files *sf, const struct sweep_result *r,
		     struct swerr *e)
{
	FILE *f = fopen(sf->tmp, "w");
	int err, ret;

	if (!f)
		return swerr_set(e, errno, "cannot write %s: %s", sf->tmp,
				 strerror(errno));
	err = sweep_write_csv(f, r);
	ret = close_file(f, sf->tmp, e);
	if (!ret && err)
		ret = swerr_set(e, -err, "writing %s failed%s", sf->tmp,
				err == -EINVAL ?
				" (a row's field count differs from the header's: a bug)" : "");
	if (!ret && rename(sf->tmp, sf->csv) < 0)
		ret = swerr_set(e, errno, "cannot rename %s to %s: %s", sf->tmp,
				sf->csv, strerror(errno));
	if (ret)
		unlink(sf->tmp);
	return ret;
}

static int write_with(const char *path,
		      void (*fn)(FILE *f, const struct sweep_result *r),
		      const struct sweep_result *r, struct swerr *e)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return swerr_set(e, errno, "cannot write %s: %s", path,
				 strerror(errno));
	fn(f, r);
	return close_file(f, path, e);
}

int swf_finish(struct sweep_files *sf, const struct sweep_result *r,
	       struct swerr *e)
{
	struct swerr later;
	int ret = 0;

	if (sf->rows) {
		close_file(sf->rows, sf->csv, e);
		sf->rows = NULL;
	}
	ret = write_csv(sf, r, e);
	if (write_with(sf->json, sweep_write_json, r, ret ? &later : e) && !ret)
		ret = -EIO;
	if (write_with(sf->table, sweep_write_table, r, ret ? &later : e) && !ret)
		ret = -EIO;
	return ret;
}

void swf_discard(struct sweep_files *sf)
{
	if (!sf->rows)
		return;
	fclose(sf->rows);
	sf->rows = NULL;
	unlink(sf->csv);
}
