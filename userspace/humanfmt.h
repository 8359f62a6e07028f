/* SPDX-License-Identifier: GPL-2.0 */
/* Numbers for people: "1.5 MiB", "12.3 us".  The raw number is printed too. */
#ifndef SLABWALL_HUMANFMT_H
#define SLABWALL_HUMANFMT_H

#include <stddef.h>
#include <stdint.h>

#define HUMAN_LEN 32

/* Signed, since the deltas of a run can go either way. */
const char *human_bytes(int64_t bytes, char buf[HUMAN_LEN]);
const char *human_ns(uint64_t ns, char buf[HUMAN_LEN]);

#endif /* SLABWALL_HUMANFMT_H */
