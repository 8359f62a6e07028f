/* SPDX-License-Identifier: GPL-2.0 */
/* Strict number parsing: sysfs, debugfs and the command line all hand us text. */
#ifndef SLABWALL_STRNUM_H
#define SLABWALL_STRNUM_H

#include <stdbool.h>
#include <stdint.h>

/* A number that one kernel has and another may not. */
struct opt_u64 {
	uint64_t v;
	bool present;
};

/*
 * Decimal digits only, the whole string, no sign, no overflow: strtoull()
 * alone takes "-1", " 7" and "12abc", which would hide a wrong value.
 */
bool parse_u64(const char *s, uint64_t *out);

#endif /* SLABWALL_STRNUM_H */
