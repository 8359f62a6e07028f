/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Client for the module's debugfs files (docs/debugfs.md): knobs, the
 * control file and stats.  Every function takes the module's directory;
 * NULL means sw_default_dir().
 */
#ifndef SLABWALL_SWCTL_H
#define SLABWALL_SWCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "swerr.h"
#include "swstats.h"

#include "uapi/slabwall.h"	/* enum sw_state */

/* Where debugfs is mounted elsewhere: the module's directory there. */
#define SW_DIR_ENV "SLABWALL_DEBUGFS"

/* $SLABWALL_DEBUGFS when set and not empty, else SW_DEFAULT_DIR. */
const char *sw_default_dir(void);

#define SW_DEFAULT_DIR "/sys/kernel/debug/" SW_DEBUGFS_DIR

/*
 * Explains why @dir cannot be used: not root, debugfs not mounted, or the
 * module not loaded.  0 when the control file is there to use.
 */
int sw_check(const char *dir, struct swerr *e);

/* Sets a knob.  EBUSY, EINVAL and E2BIG come back with words that say why. */
int sw_set(const char *dir, const char *knob, const char *value,
	   struct swerr *e);
int sw_set_u64(const char *dir, const char *knob, uint64_t value,
	       struct swerr *e);

/*
 * Reads a knob's value, trimmed, into @buf; of a word knob's choices
 * ("[skb] dentry kmalloc") the current one, "skb".
 */
int sw_get(const char *dir, const char *knob, char *buf, size_t len,
	   struct swerr *e);
int sw_get_u64(const char *dir, const char *knob, uint64_t *out,
	       struct swerr *e);

/* Cuts @buf, a word knob's "a [b] c", down to "b" in place; -EINVAL if malformed. */
int sw_chosen_word(char *buf);

/* Writes start, stop or reset to control. */
int sw_start(const char *dir, struct swerr *e);
int sw_stop(const char *dir, struct swerr *e);
int sw_reset(const char *dir, struct swerr *e);

/*
 * Writes "calibrate @loops" to control ("calibrate" for 0: the module's
 * default count) and waits for it: the loops run on this thread's CPU.
 * EBUSY, EINVAL and ENOMEM come back with words that say why.
 */
int sw_calibrate(const char *dir, uint32_t loops, struct swerr *e);

/* The calibration file's text into *@text (free() it). */
int sw_read_calibration(const char *dir, char **text, struct swerr *e);

int sw_state(const char *dir, enum sw_state *state, struct swerr *e);
const char *sw_state_name(enum sw_state state);

/*
 * Called every poll while waiting, with the time since sw_wait() began;
 * a non-zero return ends the wait with -EINTR.
 */
typedef int (*sw_progress_fn)(void *arg, unsigned long elapsed_ms);

/*
 * Polls control every @poll_ms until the run is no longer running, or
 * -ETIMEDOUT after @timeout_ms.  @fn may be NULL; @final may be NULL.
 */
int sw_wait(const char *dir, unsigned long timeout_ms, unsigned int poll_ms,
	    sw_progress_fn fn, void *arg, enum sw_state *final,
	    struct swerr *e);

/* Reads and parses stats into @st (sw_stats_free() it); malformed lines are counted. */
int sw_read_stats(const char *dir, struct sw_stats *st, struct swerr *e);

/* True for the errors that mean "the module said no": EINVAL, EBUSY, E2BIG. */
bool sw_refused(int err);

/* Words for why a write of @what (a knob, or "start" etc.) failed with @err. */
const char *sw_explain(const char *what, int err);

#endif /* SLABWALL_SWCTL_H */
