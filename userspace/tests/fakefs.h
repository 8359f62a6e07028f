/* SPDX-License-Identifier: GPL-2.0 */
/* Fake sysfs/debugfs trees in a temporary directory, for the unit tests. */
#ifndef SLABWALL_TESTS_FAKEFS_H
#define SLABWALL_TESTS_FAKEFS_H

/* A fresh directory under $TMPDIR (or /tmp); free() the result after fake_rmtree(). */
char *fake_mkdtemp(void);

/* Writes @content to @dir/@rel, making parent directories as needed. */
void fake_write(const char *dir, const char *rel, const char *content);
/* The same for @dir/@sub/@rel, e.g. a cache's attribute: root, cache, file. */
void fake_write_in(const char *dir, const char *sub, const char *rel,
		   const char *content);
void fake_mkdir(const char *dir, const char *rel);
/* Makes @dir/@rel a symlink to @target. */
void fake_symlink(const char *dir, const char *rel, const char *target);
/* Reads @dir/@rel into a static buffer. */
const char *fake_read(const char *dir, const char *rel);

void fake_rmtree(const char *dir);

/* cmocka fixtures: *@state is a fresh fake_mkdtemp() directory. */
int fake_setup(void **state);
int fake_teardown(void **state);

#endif /* SLABWALL_TESTS_FAKEFS_H */
