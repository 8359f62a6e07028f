/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU lists as the kernel writes them ("0-3,6"): the module's cpus knob
 * and /sys/devices/system/cpu/online use this form.
 */
#ifndef SLABWALL_CPULIST_H
#define SLABWALL_CPULIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "swerr.h"

#define CPULIST_ONLINE_PATH "/sys/devices/system/cpu/online"

/* x86's largest NR_CPUS; a fixed bitmap keeps the set free of allocation. */
#define CPUSET_MAX 8192

struct cpuset {
	uint64_t bits[CPUSET_MAX / 64];
};

void cpuset_clear(struct cpuset *s);
void cpuset_add(struct cpuset *s, unsigned int cpu);
bool cpuset_has(const struct cpuset *s, unsigned int cpu);
unsigned int cpuset_count(const struct cpuset *s);
/* The first CPU after @prev (-1 to start), or -1 when there is none. */
int cpuset_next(const struct cpuset *s, int prev);
/* True if every CPU of @a is in @b. */
bool cpuset_subset(const struct cpuset *a, const struct cpuset *b);
/* The CPUs of @a that are not in @b, e.g. the offline ones of a list. */
void cpuset_minus(const struct cpuset *a, const struct cpuset *b,
		  struct cpuset *out);

/*
 * Parses "0-3,6" (white space around the list allowed, empty list allowed)
 * into @s.  -EINVAL with a message quoting the list and the bad part.
 */
int cpulist_parse(const char *text, struct cpuset *s, struct swerr *e);

/* Writes @s as "0-3,6" with snprintf() semantics: returns the full length. */
size_t cpulist_format(const struct cpuset *s, char *buf, size_t len);

/* Reads a cpulist file such as /sys/devices/system/cpu/online. */
int cpulist_read(const char *path, struct cpuset *s, struct swerr *e);

#endif /* SLABWALL_CPULIST_H */
