// SPDX-License-Identifier: GPL-2.0
/* Running another program to its end (proc.h). */
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"
#include "swsignal.h"

int proc_run(char *const argv[], int out_fd)
{
	bool forwarded = false;
	int status;
	pid_t pid, w;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		warn("fork");
		return -1;
	}
	if (!pid) {
		if (out_fd >= 0) {
			dup2(out_fd, STDOUT_FILENO);
			dup2(out_fd, STDERR_FILENO);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while ((w = waitpid(pid, &status, 0)) != pid) {
		if (w < 0 && errno != EINTR) {
			warn("waiting for %s", argv[0]);
			return -1;
		}
		if (sw_interrupted && !forwarded) {
			kill(pid, SIGTERM);
			forwarded = true;
		}
	}
	return status;
}

int proc_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, len, "exited with status %d", WEXITSTATUS(status));
	return -1;
}
