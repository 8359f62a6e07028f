// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>

#include "trace_out.h"

bool trace_out_wanted(const struct trace_out *o, const char *cache)
{
	size_t i;

	if (!o->ncaches)
		return true;
	for (i = 0; i < o->ncaches; i++)
		if (!strcmp(o->caches[i], cache))
			return true;
	return false;
}

const char *trace_out_lost(const struct tr_data *d, char *buf, size_t len)
{
	const struct tp_state *tp = &d->pairs;

	if (!tp_incomplete(tp))
		return NULL;
	snprintf(buf, len,
		 "LOST EVENTS: the ring buffer dropped %s%" PRIu64 " events%s; "
		 "pairing is incomplete: unpaired counts, cross-CPU frees and "
		 "lifetimes are not exact (record with a bigger buffer, -b)",
		 tp->lost_unknown ? "at least " : "", tp->lost,
		 tp->lost_unknown ? " (some drops were not counted)" : "");
	return buf;
}
