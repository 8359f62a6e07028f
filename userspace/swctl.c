// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <linux/magic.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "strnum.h"
#include "swctl.h"

#define SW_MODULE_SYSFS "/sys/module/slabwall"

const char *sw_default_dir(void)
{
	const char *dir = getenv(SW_DIR_ENV);

	return dir && *dir ? dir : SW_DEFAULT_DIR;
}

static const char *dir_or_default(const char *dir)
{
	return dir ? dir : sw_default_dir();
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int sw_check(const char *dir, struct swerr *e)
{
	char control[PATH_MAX], parent[PATH_MAX];
	struct statfs fs;
	int ret, err;

	dir = dir_or_default(dir);
	ret = fio_path(control, sizeof(control), dir, "control", e);
	if (ret)
		return ret;
	if (access(control, R_OK | W_OK) == 0)
		return 0;
	err = errno;

	/* debugfs' top directory is root-only, so a user gets EACCES first. */
	if ((err == EACCES || err == EPERM) && geteuid() != 0)
		return swerr_set(e, err,
				 "slabwall needs root: %s is only for root (run it with sudo)",
				 dir);
	if (err != ENOENT && err != ENOTDIR)
		return swerr_set(e, err, "%s: %s", control, strerror(err));
	if (exists(dir))
		return swerr_set(e, ENOENT,
				 "%s has no control file: is the loaded slabwall module another version?",
				 dir);

	snprintf(parent, sizeof(parent), "%s", dir);
	dirname(parent);
	if (statfs(parent, &fs) < 0 || fs.f_type != DEBUGFS_MAGIC)
		return swerr_set(e, ENOENT,
				 "debugfs is not mounted on %s (mount it with: mount -t debugfs none %s)%s",
				 parent, parent,
				 exists(SW_MODULE_SYSFS) ? "" :
				 "; the slabwall module is not loaded either (insmod slabwall.ko)");
	if (exists(SW_MODULE_SYSFS))
		return swerr_set(e, ENOENT,
				 "the slabwall module is loaded but %s does not exist: is it another version?",
				 dir);
	return swerr_set(e, ENOENT,
			 "the slabwall module is not loaded: %s does not exist (load it with: insmod slabwall.ko)",
			 dir);
}

bool sw_refused(int err)
{
	if (err < 0)
		err = -err;
	return err == EINVAL || err == EBUSY || err == E2BIG;
}

const char *sw_explain(const char *what, int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case EBUSY:
		return "a run is already going";
	case EINVAL:
		if (!strcmp(what, "start"))
			return "the strategy does not support the pattern";
		return "value refused (malformed or out of range, see docs/debugfs.md)";
	case E2BIG:
		return "too much memory for mem_limit_kb";
	case EACCES:
	case EPERM:
		return "permission denied (slabwall needs root)";
	case ENOENT:
		return "no such file (is the module older than this tool?)";
	default:
		return strerror(err);
	}
}

/* Turns a failed open into "not root / no debugfs / no module" if that is why. */
static int diagnose_open(const char *dir, const char *path, int err,
			 struct swerr *e)
{
	int ret;

	if (err != ENOENT && err != EACCES && err != EPERM)
		return -err;
	ret = sw_check(dir, e);
	if (ret)
		return ret;
	return swerr_set(e, err, "%s: %s", path, sw_explain(path, err));
}

int sw_set(const char *dir, const char *knob, const char *value,
	   struct swerr *e)
{
	char path[PATH_MAX];
	struct swerr why;
	int ret;

	dir = dir_or_default(dir);
	ret = fio_path(path, sizeof(path), dir, knob, e);
	if (ret)
		return ret;
	ret = fio_write(path, value, &why);
	if (!ret)
		return 0;
	if (ret == -ENOENT || ret == -EACCES || ret == -EPERM) {
		int why_not = sw_check(dir, e);

		if (why_not)
			return why_not;
	}
	if (ret == -EBUSY)
		return swerr_set(e, EBUSY,
				 "cannot set %s to \"%s\": a run is already going (wait for it, or: echo stop > %s/control)",
				 knob, value, dir);
	return swerr_set(e, -ret, "cannot set %s to \"%s\": %s", knob, value,
			 sw_explain(knob, ret));
}

int sw_set_u64(const char *dir, const char *knob, uint64_t value,
	       struct swerr *e)
{
	char text[24];

	snprintf(text, sizeof(text), "%" PRIu64, value);
	return sw_set(dir, knob, text, e);
}

int sw_get(const char *dir, const char *knob, char *buf, size_t len,
	   struct swerr *e)
{
	char path[PATH_MAX];
	char *text;
	ssize_t n;
	int ret;

	dir = dir_or_default(dir);
	ret = fio_path(path, sizeof(path), dir, knob, e);
	if (ret)
		return ret;
	n = fio_read(path, buf, len, e);
	if (n == -ENOENT || n == -EACCES || n == -EPERM)
		return diagnose_open(dir, path, (int)-n, e);
	if (n < 0)
		return (int)n;
	text = fio_trim(buf);
	memmove(buf, text, strlen(text) + 1);
	return sw_chosen_word(buf);
}

/*
 * A word knob reads back as sysfs lists choices, "[skb] dentry kmalloc":
 * keep the bracketed one.  Other values are left as they are.
 */
int sw_chosen_word(char *buf)
{
	char *open = strchr(buf, '['), *close;

	if (!open)
		return 0;
	close = strchr(open, ']');
	if (!close || close == open + 1 || strchr(close + 1, '['))
		return -EINVAL;
	*close = '\0';
	memmove(buf, open + 1, strlen(open + 1) + 1);
	return 0;
}

int sw_get_u64(const char *dir, const char *knob, uint64_t *out,
	       struct swerr *e)
{
	char buf[64];
	int ret;

	ret = sw_get(dir, knob, buf, sizeof(buf), e);
	if (ret)
		return ret;
	if (!parse_u64(buf, out))
		return swerr_set(e, EINVAL, "%s/%s: \"%s\" is not a number",
				 dir_or_default(dir), knob, buf);
	return 0;
}

static int write_control(const char *dir, const char *cmd, struct swerr *e)
{
	char path[PATH_MAX];
	struct swerr why;
	uint64_t limit;
	int ret;

	dir = dir_or_default(dir);
	ret = fio_path(path, sizeof(path), dir, "control", e);
	if (ret)
		return ret;
	ret = fio_write(path, cmd, &why);
	if (!ret)
		return 0;
	if (ret == -ENOENT || ret == -EACCES || ret == -EPERM)
		return diagnose_open(dir, path, -ret, e);
	if (ret == -E2BIG && sw_get_u64(dir, "mem_limit_kb", &limit, NULL) == 0)
		return swerr_set(e, E2BIG,
				 "cannot %s: too much memory for mem_limit_kb (%" PRIu64
				 " kB): cpus * (allocs_per_op + ring) * bytes per object is over it",
				 cmd, limit);
	if (ret == -EBUSY)
		return swerr_set(e, EBUSY,
				 "cannot %s: a run is already going (wait for it, or: echo stop > %s)",
				 cmd, path);
	return swerr_set(e, -ret, "cannot %s (%s): %s", cmd, path,
			 sw_explain(cmd, ret));
}

int sw_calibrate(const char *dir, uint32_t loops, struct swerr *e)
{
	char path[PATH_MAX], cmd[32];
	struct swerr why;
	int ret;

	dir = dir_or_default(dir);
	ret = fio_path(path, sizeof(path), dir, "control", e);
	if (ret)
		return ret;
	if (loops)
		snprintf(cmd, sizeof(cmd), "calibrate %" PRIu32, loops);
	else
		snprintf(cmd, sizeof(cmd), "calibrate");
	ret = fio_write(path, cmd, &why);
	switch (-ret) {
	case 0:
		return 0;
	case ENOENT:
	case EACCES:
	case EPERM:
		return diagnose_open(dir, path, -ret, e);
	case EBUSY:
		return swerr_set(e, EBUSY,
				 "cannot write \"%s\" to %s: a run or another calibration is going (wait for it, or: echo stop > %s)",
				 cmd, path, path);
	case EINVAL:
		return swerr_set(e, EINVAL,
				 "cannot write \"%s\" to %s: refused; the loops go from 1 to %u, or the module is older than this tool and cannot calibrate",
				 cmd, path, SW_MAX_CAL_LOOPS);
	case ENOMEM:
		return swerr_set(e, ENOMEM,
				 "cannot write \"%s\" to %s: out of memory (the module's caches are missing or an allocation failed)",
				 cmd, path);
	case EINTR:
		return swerr_set(e, EINTR,
				 "cannot write \"%s\" to %s: interrupted, the last calibration is kept",
				 cmd, path);
	default:
		return swerr_set(e, -ret, "cannot write \"%s\" to %s: %s", cmd,
				 path, strerror(-ret));
	}
}

int sw_read_calibration(const char *dir, char **text, struct swerr *e)
{
	char path[PATH_MAX];
	int ret;

	*text = NULL;
	dir = dir_or_default(dir);
	ret = fio_path(path, sizeof(path), dir, "calibration", e);
	if (ret)
		return ret;
	ret = fio_read_alloc(path, text, NULL, e);
	if (ret == -ENOENT || ret == -EACCES || ret == -EPERM) {
		int why_not = sw_check(dir, e);

		if (why_not)
			return why_not;
		if (ret == -ENOENT)
			return swerr_set(e, ENOENT,
					 "%s: no such file (the module is older than this tool and cannot calibrate)",
					 path);
	}
	return ret;
}

int sw_start(const char *dir, struct swerr *e)
{
	return write_control(dir, "start", e);
}

int sw_stop(const char *dir, struct swerr *e)
{
	return write_control(dir, "stop", e);
}

int sw_reset(const char *dir, struct swerr *e)
{
	return write_control(dir, "reset", e);
}

static const char *const state_names[SW_NR_STATES] = {
#define SW_STATE(id, name) [SW_##id] = #name,
#include "uapi/slabwall.h"
#undef SW_STATE
};

const char *sw_state_name(enum sw_state state)
{
	if ((unsigned int)state < sizeof(state_names) / sizeof(state_names[0]))
		return state_names[state];
	return "?";
}

int sw_state(const char *dir, enum sw_state *state, struct swerr *e)
{
	char buf[64];
	unsigned int i;
	int ret;

	ret = sw_get(dir, "control", buf, sizeof(buf), e);
	if (ret)
		return ret;
	for (i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++) {
		if (!strcmp(buf, state_names[i])) {
			*state = (enum sw_state)i;
			return 0;
		}
	}
	return swerr_set(e, EINVAL,
			 "%s/control: \"%s\" is not idle, running or done",
			 dir_or_default(dir), buf);
}

static unsigned long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long)ts.tv_sec * 1000 +
	       (unsigned long)ts.tv_nsec / 1000000;
}

int sw_wait(const char *dir, unsigned long timeout_ms, unsigned int poll_ms,
	    sw_progress_fn fn, void *arg, enum sw_state *final,
	    struct swerr *e)
{
	unsigned long start = now_ms(), elapsed;
	struct timespec nap = {
		.tv_sec = poll_ms / 1000,
		.tv_nsec = (long)(poll_ms % 1000) * 1000000,
	};
	enum sw_state state;
	int ret;

	for (;;) {
		ret = sw_state(dir, &state, e);
		if (ret)
			return ret;
		if (state != SW_RUNNING)
			break;
		elapsed = now_ms() - start;
		if (elapsed >= timeout_ms)
			return swerr_set(e, ETIMEDOUT,
					 "%s/control still says running after %lu ms",
					 dir_or_default(dir), elapsed);
		if (fn && fn(arg, elapsed))
			return swerr_set(e, EINTR, "waiting for the run was interrupted");
		/* A signal cuts the nap short; the next poll notices. */
		nanosleep(&nap, NULL);
	}
	if (final)
		*final = state;
	return 0;
}

int sw_read_stats(const char *dir, struct sw_stats *st, struct swerr *e)
{
	char path[PATH_MAX];
	char *text;
	int ret;

	dir = dir_or_default(dir);
	ret = fio_path(path, sizeof(path), dir, "stats", e);
	if (ret)
		return ret;
	ret = fio_read_alloc(path, &text, NULL, e);
	if (ret == -ENOENT || ret == -EACCES || ret == -EPERM)
		return diagnose_open(dir, path, -ret, e);
	if (ret)
		return ret;
	ret = sw_stats_parse(st, text, path, e);
	free(text);
	return ret;
}
