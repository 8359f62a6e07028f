/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error messages for the slabwall tools.
 *
 * Library functions return -errno and, when given a struct swerr, leave a
 * sentence in it that names the file and the value that went wrong, so the
 * command can print it as it is.
 */
#ifndef SLABWALL_SWERR_H
#define SLABWALL_SWERR_H

#define SWERR_MSG_MAX 1024

struct swerr {
	char msg[SWERR_MSG_MAX];
};

/* Fills @e (may be NULL) and returns -@err, so callers can "return swerr_set(...)". */
int swerr_set(struct swerr *e, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Puts context ("--cpus: ") in front of the message already in @e. */
void swerr_prefix(struct swerr *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* SLABWALL_SWERR_H */
