// SPDX-License-Identifier: GPL-2.0
/* perf record and perf script as children (flame_perf.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "flame_perf.h"

/* Under TCG perf takes seconds to start (it reads every task) and to stop. */
#define START_TIMEOUT_MS 120000
#define STOP_TIMEOUT_MS 120000
#define POLL_MS 100

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * In the child: stdin from /dev/null, stdout to @out_fd (or the log),
 * stderr to the log; its own process group, so a Ctrl-C at the terminal
 * reaches only us and we stop perf in order; and SIGINT when we die, so
 * it never records on alone.
 */
static void child_setup(const struct flame_perf *p, int out_fd, pid_t parent)
{
	int log = open(p->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGINT);
	/* We ignore SIGPIPE; perf script must die of it when we stop reading. */
	signal(SIGPIPE, SIG_DFL);
	if (getppid() != parent)
		_exit(127);
	if (null >= 0)
		dup2(null, STDIN_FILENO);
	if (log >= 0) {
		dup2(out_fd >= 0 ? out_fd : log, STDOUT_FILENO);
		dup2(log, STDERR_FILENO);
	} else if (out_fd >= 0) {
		dup2(out_fd, STDOUT_FILENO);
	}
}

static pid_t spawn(const struct flame_perf *p, char *const argv[], int out_fd,
		   const int *keep, size_t nkeep, struct swerr *e)
{
	pid_t parent = getpid(), pid;
	size_t i;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return swerr_set(e, errno, "cannot start %s: fork: %s", p->perf,
				 strerror(errno));
	if (pid == 0) {
		child_setup(p, out_fd, parent);
		for (i = 0; i < nkeep; i++)
			fcntl(keep[i], F_SETFD, 0);
		execvp(argv[0], argv);
		fprintf(stderr, "slabwall flame: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	return pid;
}

/* What became of @pid: "exited with 1", "killed by signal 9". */
static void describe(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exited with %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, len, "ended with status %#x", status);
}

/* Waits up to @timeout_ms; -ETIMEDOUT leaves it running. */
static int wait_child(pid_t pid, long timeout_ms, int *status)
{
	int64_t until = now_ms() + timeout_ms;
	pid_t r;

	for (;;) {
		r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return -errno;
		if (now_ms() >= until)
			return -ETIMEDOUT;
		poll(NULL, 0, POLL_MS);
	}
}

static void close_pipes(struct flame_perf *p)
{
	if (p->ctl >= 0)
		close(p->ctl);
	if (p->ack >= 0)
		close(p->ack);
	p->ctl = -1;
	p->ack = -1;
}

/* Kills a perf that failed us and says why, with the log's name. */
static int record_failed(struct flame_perf *p, int err, const char *why,
			 struct swerr *e)
{
	int status;

	if (p->pid > 0) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, &status, 0);
		p->pid = 0;
	}
	close_pipes(p);
	return swerr_set(e, err, "%s record %s (its messages are in %s)",
			 p->perf, why, p->log);
}

/*
 * Sends "enable" and waits for perf's "ack": perf reads its control pipe
 * only once it is set up, so the ack means events are on.
 */
static int wait_recording(struct flame_perf *p, struct swerr *e)
{
	int64_t until = now_ms() + START_TIMEOUT_MS;
	struct pollfd pfd = { .fd = p->ack, .events = POLLIN };
	char buf[16], what[64];
	ssize_t n;
	int status;

	if (write(p->ctl, "enable\n", 7) != 7)
		return record_failed(p, EIO, "did not take its control command", e);
	for (;;) {
		if (poll(&pfd, 1, POLL_MS) > 0) {
			n = read(p->ack, buf, sizeof(buf) - 1);
			if (n > 0 && !strncmp(buf, "ack", 3))
				return 0;
			if (n == 0)
				break;
		}
		if (waitpid(p->pid, &status, WNOHANG) == p->pid) {
			p->pid = 0;
			describe(status, what, sizeof(what));
			return record_failed(p, EIO, what, e);
		}
		if (p->cancel && *p->cancel)
			return record_failed(p, EINTR, "was interrupted while starting", e);
		if (now_ms() >= until)
			return record_failed(p, ETIMEDOUT,
					     "did not start sampling within 120 s", e);
	}
	/* The pipe closed: perf is on its way out, most likely. */
	if (!wait_child(p->pid, 5000, &status)) {
		p->pid = 0;
		describe(status, what, sizeof(what));
		return record_failed(p, EIO, what, e);
	}
	return record_failed(p, EIO, "closed its control pipe without an ack", e);
}

int flame_perf_record_start(struct flame_perf *p, struct swerr *e)
{
	char freq[16], control[48];
	int ctl[2], ack[2], keep[2];
	char *argv[] = {
		(char *)p->perf, "record", "-e", "cpu-clock", "-a", "-g",
		"-F", freq,
		/* No build-ids: saves a pass over the data under TCG. */
		"-B", "-N",
		/* Start with events off; "enable" on the control pipe. */
		"-D", "-1", control, "-o", (char *)p->data, NULL
	};

	p->pid = 0;
	p->ctl = -1;
	p->ack = -1;
	if (pipe2(ctl, O_CLOEXEC))
		return swerr_set(e, errno, "pipe: %s", strerror(errno));
	if (pipe2(ack, O_CLOEXEC)) {
		close(ctl[0]);
		close(ctl[1]);
		return swerr_set(e, errno, "pipe: %s", strerror(errno));
	}
	snprintf(freq, sizeof(freq), "%u", p->freq);
	snprintf(control, sizeof(control), "--control=fd:%d,%d", ctl[0], ack[1]);
	keep[0] = ctl[0];
	keep[1] = ack[1];
	/* A fresh log: what it says is about this recording. */
	unlink(p->log);
	p->pid = spawn(p, argv, -1, keep, 2, e);
	close(ctl[0]);
	close(ack[1]);
	p->ctl = ctl[1];
	p->ack = ack[0];
	if (p->pid < 0) {
		p->pid = 0;
		close_pipes(p);
		return -EIO;
	}
	/* A perf that died before reading "enable" must not kill us with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	return wait_recording(p, e);
}

int flame_perf_record_stop(struct flame_perf *p, struct swerr *e)
{
	char what[64];
	int status, ret;

	if (p->pid <= 0)
		return swerr_set(e, ECHILD, "%s record is not running", p->perf);
	kill(p->pid, SIGINT);
	ret = wait_child(p->pid, STOP_TIMEOUT_MS, &status);
	if (ret)
		return record_failed(p, -ret, "did not end within 120 s of SIGINT", e);
	p->pid = 0;
	close_pipes(p);
	/* perf record ends a SIGINT by raising it again, once its file is written. */
	if ((WIFEXITED(status) && !WEXITSTATUS(status)) ||
	    (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT))
		return 0;
	describe(status, what, sizeof(what));
	return swerr_set(e, EIO, "%s record %s (its messages are in %s)",
			 p->perf, what, p->log);
}

int flame_perf_script(const struct flame_perf *p, struct flame_folded *f,
		      const struct flame_rename *rename, struct swerr *e)
{
	char *argv[] = { (char *)p->perf, "script", "-i", (char *)p->data, NULL };
	char origin[256], what[64];
	int out[2], status, ret;
	pid_t pid;
	FILE *in;

	if (pipe2(out, O_CLOEXEC))
		return swerr_set(e, errno, "pipe: %s", strerror(errno));
	pid = spawn(p, argv, out[1], NULL, 0, e);
	close(out[1]);
	if (pid < 0) {
		close(out[0]);
		return -EIO;
	}
	in = fdopen(out[0], "r");
	if (!in) {
		close(out[0]);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return swerr_set(e, ENOMEM, "fdopen: out of memory");
	}
	snprintf(origin, sizeof(origin), "%s script -i %s", p->perf, p->data);
	ret = flame_fold_script(f, in, origin, rename, e);
	fclose(in);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (ret)
		return ret;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		describe(status, what, sizeof(what));
		return swerr_set(e, EIO, "%s %s (its messages are in %s)",
				 origin, what, p->log);
	}
	return 0;
}
