/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Whole-file reads and one-shot writes for sysfs, debugfs and procfs,
 * where every attribute is a small file read or written in one go.
 */
#ifndef SLABWALL_FILEIO_H
#define SLABWALL_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "swerr.h"

/*
 * Reads @path into @buf (NUL-terminated).  Returns the length, or -errno;
 * -EFBIG when the file does not fit in @size - 1 bytes.
 */
ssize_t fio_read(const char *path, char *buf, size_t size, struct swerr *e);

/* Reads all of @path into a malloc'd, NUL-terminated *@out. */
int fio_read_alloc(const char *path, char **out, size_t *len, struct swerr *e);

/* Writes @value plus a newline in one write(), as "echo value > path" does. */
int fio_write(const char *path, const char *value, struct swerr *e);

/* Strips leading and trailing white space in place; returns the new start. */
char *fio_trim(char *s);

/* snprintf() of "@dir/@name" into @buf; -ENAMETOOLONG if it does not fit. */
int fio_path(char *buf, size_t size, const char *dir, const char *name,
	     struct swerr *e);

/*
 * mkdir -p of the directories above @path, and of @path itself if @self;
 * directories that exist already are fine (whether @path is one is the
 * caller's to check).
 */
int fio_mkdirs(const char *path, bool self, struct swerr *e);

#endif /* SLABWALL_FILEIO_H */
