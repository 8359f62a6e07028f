// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

/* Far above any stats file (a few hundred bytes per CPU). */
#define FIO_MAX_ALLOC (64u << 20)

static int open_to_read(const char *path, struct swerr *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		int err = errno;

		return swerr_set(e, err, "%s: cannot open to read: %s", path,
				 strerror(err));
	}
	return fd;
}

static ssize_t read_some(int fd, char *buf, size_t len)
{
	ssize_t n;

	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n;
}

ssize_t fio_read(const char *path, char *buf, size_t size, struct swerr *e)
{
	size_t len = 0;
	ssize_t n;
	char extra;
	int fd, err;

	if (size == 0)
		return swerr_set(e, EINVAL, "%s: no buffer to read into", path);
	fd = open_to_read(path, e);
	if (fd < 0)
		return fd;
	while (len < size - 1) {
		n = read_some(fd, buf + len, size - 1 - len);
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len == size - 1) {
		/* Buffer full: only fine if the file ends right here. */
		n = read_some(fd, &extra, 1);
		if (n < 0)
			goto fail;
		if (n > 0) {
			close(fd);
			return swerr_set(e, EFBIG, "%s: longer than %zu bytes",
					 path, size - 1);
		}
	}
	close(fd);
	buf[len] = '\0';
	return (ssize_t)len;
fail:
	err = errno;
	close(fd);
	return swerr_set(e, err, "%s: read failed: %s", path, strerror(err));
}

int fio_read_alloc(const char *path, char **out, size_t *len, struct swerr *e)
{
	size_t cap = 4096, used = 0;
	char *buf, *bigger;
	ssize_t n;
	int fd, err;

	fd = open_to_read(path, e);
	if (fd < 0)
		return fd;
	buf = malloc(cap);
	if (!buf)
		goto nomem;
	for (;;) {
		if (used + 1 >= cap) {
			if (cap >= FIO_MAX_ALLOC) {
				free(buf);
				close(fd);
				return swerr_set(e, EFBIG,
						 "%s: longer than %u bytes",
						 path, FIO_MAX_ALLOC);
			}
			bigger = realloc(buf, cap * 2);
			if (!bigger)
				goto nomem;
			buf = bigger;
			cap *= 2;
		}
		n = read_some(fd, buf + used, cap - 1 - used);
		if (n < 0) {
			err = errno;
			free(buf);
			close(fd);
			return swerr_set(e, err, "%s: read failed: %s", path,
					 strerror(err));
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	buf[used] = '\0';
	*out = buf;
	if (len)
		*len = used;
	return 0;
nomem:
	free(buf);
	close(fd);
	return swerr_set(e, ENOMEM, "%s: out of memory reading it", path);
}

int fio_write(const char *path, const char *value, struct swerr *e)
{
	size_t len = strlen(value);
	char *line;
	ssize_t n;
	int fd, err;

	line = malloc(len + 2);
	if (!line)
		return swerr_set(e, ENOMEM, "%s: out of memory writing \"%s\"",
				 path, value);
	memcpy(line, value, len);
	line[len] = '\n';
	line[len + 1] = '\0';
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		free(line);
		return swerr_set(e, err, "%s: cannot open to write \"%s\": %s",
				 path, value, strerror(err));
	}
	/* One write: sysfs and debugfs take a value per write() call. */
	do
		n = write(fd, line, len + 1);
	while (n < 0 && errno == EINTR);
	err = n < 0 ? errno : 0;
	free(line);
	if (close(fd) < 0 && !err)
		err = errno;
	if (!err && (size_t)n != len + 1)
		err = EIO;
	if (err)
		return swerr_set(e, err, "%s: writing \"%s\" failed: %s", path,
				 value, strerror(err));
	return 0;
}

char *fio_trim(char *s)
{
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return s;
}

int fio_path(char *buf, size_t size, const char *dir, const char *name,
	     struct swerr *e)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= size)
		return swerr_set(e, ENAMETOOLONG, "%s/%s: path too long", dir,
				 name);
	return 0;
}

int fio_mkdirs(const char *path, bool self, struct swerr *e)
{
	char dir[PATH_MAX], *p, saved;
	int err;

	if (!*path)
		return swerr_set(e, ENOENT, "no directory named");
	if (strlen(path) >= sizeof(dir))
		return swerr_set(e, ENAMETOOLONG, "%s: path too long", path);
	strcpy(dir, path);
	for (p = dir + 1; ; p++) {
		if (*p && *p != '/')
			continue;
		if (!*p && !self)
			break;
		saved = *p;
		*p = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
			err = errno;
			return swerr_set(e, err, "%s: cannot create directory: %s",
					 dir, strerror(err));
		}
		if (!saved)
			break;
		*p = saved;
	}
	return 0;
}
