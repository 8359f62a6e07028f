// SPDX-License-Identifier: GPL-2.0
/*
 * stress_nobody: become uid/gid 65534 (nobody), then try to open each
 * PATH for reading and for writing.  One line per path,
 * "PATH read:RESULT write:RESULT", RESULT being "ok" or the error.
 * Exits 0 when every open was refused, 1 when one succeeded, 2 when it
 * could not drop its privileges.
 *
 *   stress_nobody PATH...
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NOBODY	65534

static int try_open(const char *path, int flags, const char **res)
{
	int fd = open(path, flags);

	if (fd < 0) {
		*res = strerror(errno);
		return 0;
	}
	close(fd);
	*res = "ok";
	return 1;
}

int main(int argc, char **argv)
{
	const char *r, *w;
	int i, opened = 0;

	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY) ||
	    getuid() != NOBODY || geteuid() != NOBODY) {
		perror("stress_nobody: dropping to uid 65534");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		opened += try_open(argv[i], O_RDONLY, &r);
		opened += try_open(argv[i], O_WRONLY, &w);
		printf("%s read:%s write:%s\n", argv[i], r, w);
	}
	return opened ? 1 : 0;
}
