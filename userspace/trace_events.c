// SPDX-License-Identifier: GPL-2.0
/* Enabling a list of trace events in an instance; what its buffers lost. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tracefs.h>

#include "strnum.h"
#include "trace_events.h"

int te_enable(struct tracefs_instance *inst, const char *list, struct swerr *e)
{
	char *copy, *item, *save = NULL, *event;
	int ret = 0;

	if (!*list)
		return swerr_set(e, EINVAL, "empty event list");
	copy = strdup(list);
	if (!copy)
		return swerr_set(e, ENOMEM, "out of memory");
	for (item = strtok_r(copy, ",", &save); item && !ret;
	     item = strtok_r(NULL, ",", &save)) {
		event = strchr(item, ':');
		if (event)
			*event++ = 0;
		if (event && (!*event || !strcmp(event, "*")))
			event = NULL;
		errno = 0;
		if (*item && !tracefs_event_enable(inst, item, event))
			continue;
		if (!*item || !errno || errno == ENOENT)
			ret = swerr_set(e, ENOENT, "no event \"%s%s%s\" in tracefs%s",
					item, event ? ":" : "", event ? event : "",
					strcmp(item, "slabwall") ? "" :
					" (is slabwall.ko loaded?)");
		else
			ret = swerr_set(e, errno, "cannot enable \"%s%s%s\": %s",
					item, event ? ":" : "", event ? event : "",
					strerror(errno));
	}
	free(copy);
	return ret;
}

/* The number after "@key:" at the start of a line of @stats, or 0. */
static uint64_t stat_field(const char *stats, const char *key)
{
	size_t klen = strlen(key), n;
	const char *p = stats;
	uint64_t v = 0;
	char num[32];

	for (; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, klen) || p[klen] != ':')
			continue;
		p += klen + 1;
		p += strspn(p, " \t");
		n = strspn(p, "0123456789");
		if (n && n < sizeof(num)) {
			memcpy(num, p, n);
			num[n] = 0;
			parse_u64(num, &v);
		}
		return v;
	}
	return 0;
}

void te_lost_parse(const char *stats, struct te_lost *l)
{
	l->entries += stat_field(stats, "entries");
	l->lost += stat_field(stats, "overrun") +
		   stat_field(stats, "dropped events");
}

void te_lost_read(struct tracefs_instance *inst, struct te_lost *l)
{
	long cpus = sysconf(_SC_NPROCESSORS_CONF);
	char file[64], *text;
	long cpu;

	memset(l, 0, sizeof(*l));
	for (cpu = 0; cpu < cpus; cpu++) {
		snprintf(file, sizeof(file), "per_cpu/cpu%ld/stats", cpu);
		text = tracefs_instance_file_read(inst, file, NULL);
		if (!text)
			continue;
		te_lost_parse(text, l);
		free(text);
	}
}
