// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fakefs.h"

/* The tests cannot go on without their tree: stop loudly. */
static void die(const char *what, const char *path)
{
	fprintf(stderr, "fakefs: %s %s: %s\n", what, path, strerror(errno));
	exit(2);
}

char *fake_mkdtemp(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX];
	char *dir;

	snprintf(path, sizeof(path), "%s/slabwall-test.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(path))
		die("mkdtemp", path);
	dir = strdup(path);
	if (!dir)
		die("strdup", path);
	return dir;
}

static void join(char *buf, const char *dir, const char *rel)
{
	if (snprintf(buf, PATH_MAX, "%s/%s", dir, rel) >= PATH_MAX)
		die("path too long", rel);
}

/* mkdir -p of every directory above @path. */
static void make_parents(const char *path)
{
	char buf[PATH_MAX];
	char *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			die("mkdir", buf);
		*p = '/';
	}
}

void fake_write(const char *dir, const char *rel, const char *content)
{
	char path[PATH_MAX];
	FILE *f;

	join(path, dir, rel);
	make_parents(path);
	f = fopen(path, "w");
	if (!f)
		die("fopen", path);
	fputs(content, f);
	if (fclose(f))
		die("fclose", path);
}

void fake_write_in(const char *dir, const char *sub, const char *rel,
		   const char *content)
{
	char path[PATH_MAX];

	join(path, sub, rel);
	fake_write(dir, path, content);
}

void fake_mkdir(const char *dir, const char *rel)
{
	char path[PATH_MAX];

	join(path, dir, rel);
	make_parents(path);
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		die("mkdir", path);
}

void fake_symlink(const char *dir, const char *rel, const char *target)
{
	char path[PATH_MAX];

	join(path, dir, rel);
	make_parents(path);
	if (symlink(target, path) < 0)
		die("symlink", path);
}

const char *fake_read(const char *dir, const char *rel)
{
	static char buf[4096];
	char path[PATH_MAX];
	size_t n;
	FILE *f;

	join(path, dir, rel);
	f = fopen(path, "r");
	if (!f)
		die("fopen", path);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void fake_rmtree(const char *dir)
{
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int fake_setup(void **state)
{
	*state = fake_mkdtemp();
	return 0;
}

int fake_teardown(void **state)
{
	fake_rmtree(*state);
	free(*state);
	return 0;
}
