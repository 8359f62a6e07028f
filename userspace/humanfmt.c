// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>

#include "humanfmt.h"

const char *human_bytes(int64_t bytes, char buf[HUMAN_LEN])
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)bytes;
	const char *sign = "";
	unsigned int i = 0;

	if (v < 0) {
		sign = "-";
		v = -v;
	}
	if (v < 1024) {
		snprintf(buf, HUMAN_LEN, "%s%" PRId64 " B", sign,
			 bytes < 0 ? -bytes : bytes);
		return buf;
	}
	v /= 1024;
	while (v >= 1024 && i + 1 < sizeof(units) / sizeof(units[0])) {
		v /= 1024;
		i++;
	}
	snprintf(buf, HUMAN_LEN, "%s%.1f %s", sign, v, units[i]);
	return buf;
}

const char *human_ns(uint64_t ns, char buf[HUMAN_LEN])
{
	if (ns < 1000)
		snprintf(buf, HUMAN_LEN, "%" PRIu64 " ns", ns);
	else if (ns < 1000000)
		snprintf(buf, HUMAN_LEN, "%.1f us", (double)ns / 1e3);
	else if (ns < 1000000000)
		snprintf(buf, HUMAN_LEN, "%.2f ms", (double)ns / 1e6);
	else
		snprintf(buf, HUMAN_LEN, "%.3f s", (double)ns / 1e9);
	return buf;
}
