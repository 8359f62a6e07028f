// SPDX-License-Identifier: GPL-2.0
/* One point from the module's knobs and a command line's (sweep_one.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cpulist.h"
#include "strnum.h"
#include "sweep_one.h"
#include "swctl.h"

/*
 * A word knob: @given, else the module's value.  The module's file lists
 * every word it takes, longer than one word's @buf: read it whole.
 */
static int word(const char *dir, const char *knob, const char *given,
		char *buf, size_t len, struct swerr *e)
{
	char now[1024];
	int ret;

	if (!given) {
		ret = sw_get(dir, knob, now, sizeof(now), e);
		if (ret)
			return ret;
		given = now;
	}
	if (strlen(given) >= len)
		return swerr_set(e, EINVAL, "%s \"%s\": too long for a %s",
				 knob, given, knob);
	snprintf(buf, len, "%s", given);
	return 0;
}

/* A number knob: @given, else the module's value. */
static int number(const char *dir, const char *knob, const char *given,
		  uint64_t *out, struct swerr *e)
{
	if (!given)
		return sw_get_u64(dir, knob, out, e);
	if (!parse_u64(given, out))
		return swerr_set(e, EINVAL, "%s \"%s\": not a whole number",
				 knob, given);
	return 0;
}

static int cpus_of(const char *dir, const char *given, struct sg_cpus *c,
		   struct swerr *e)
{
	struct cpuset set;
	int ret;

	ret = word(dir, "cpus", given, c->list, sizeof(c->list), e);
	if (ret)
		return ret;
	ret = cpulist_parse(c->list, &set, e);
	if (ret)
		return ret;
	c->n = cpuset_count(&set);
	/* The spec is for labels: a long list is cut there, not in the knob. */
	snprintf(c->spec, sizeof(c->spec), "%.*s", (int)sizeof(c->spec) - 1,
		 c->list);
	return 0;
}

static int sizes_of(const char *dir, const struct swp_info *pi,
		    const char *given, struct sr_point *p, struct swerr *e)
{
	const struct {
		const char *knob;
		uint64_t *v;
	} sizes[] = {
		{ "object_size", &p->sizes.object_size },
		{ "data_size", &p->sizes.data_size },
		{ "name_len", &p->sizes.name_len },
	};
	size_t i;
	int ret;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		bool own = !strcmp(sizes[i].knob, pi->size_knob);

		ret = number(dir, sizes[i].knob, own ? given : NULL,
			     sizes[i].v, e);
		if (ret)
			return ret;
		if (own)
			p->pt.size = *sizes[i].v;
	}
	p->size_knob = pi->size_knob;
	return 0;
}

/* The knobs a sweep holds for all its points. */
static int settings_of(const char *dir, const char *const val[K_COUNT],
		       struct sweep_settings *s, struct swerr *e)
{
	const struct {
		const char *knob;
		const char *given;
		uint64_t *v;
	} knobs[] = {
		{ "work_bytes", val[K_WORK], &s->work_bytes },
		{ "duration_ms", val[K_DURATION], &s->duration_ms },
		{ "rate", val[K_RATE], &s->rate },
		{ "mem_limit_kb", val[K_MEM], &s->mem_limit_kb },
		{ "survive_every", val[K_SURVIVE], &s->survive_every },
		{ "survivors_max", val[K_SURVIVORS], &s->survivors_max },
		{ "fail_every", val[K_FAIL], &s->fail_every },
		{ "time_every", val[K_TIME], &s->time_every },
		{ "typesafe_rcu", val[K_TYPESAFE], &s->typesafe_rcu },
	};
	size_t i;
	int ret;

	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		ret = number(dir, knobs[i].knob, knobs[i].given, knobs[i].v, e);
		if (ret)
			return ret;
	}
	s->alloc_node = val[K_NODE];
	return 0;
}

int sweep_one_init(struct sweep_one *one, const char *dir,
		   const char *const val[K_COUNT], struct swerr *e)
{
	struct sr_point *p = &one->point;
	const struct swp_info *pi;
	int ret;

	memset(one, 0, sizeof(*one));
	one->set.dir = dir;
	one->set.repeat = 1;
	ret = word(dir, "pattern", val[K_PATTERN], one->pattern,
		   sizeof(one->pattern), e);
	if (ret)
		return ret;
	pi = swp_find(one->pattern);
	if (!pi)
		return swerr_set(e, EINVAL,
				 "pattern \"%s\": not one slabwall knows (skb, dentry, kmalloc, real_skb, real_dentry)",
				 one->pattern);
	ret = word(dir, "strategy", val[K_STRATEGY], one->strategy,
		   sizeof(one->strategy), e);
	if (!ret)
		ret = word(dir, "free", val[K_FREE], one->free,
			   sizeof(one->free), e);
	if (!ret)
		ret = cpus_of(dir, val[K_CPUS], &one->cpus, e);
	if (!ret)
		ret = number(dir, "allocs_per_op", val[K_ALLOCS], &p->pt.allocs,
			     e);
	if (!ret)
		ret = sizes_of(dir, pi, val[K_SIZE], p, e);
	if (!ret)
		ret = settings_of(dir, val, &one->set, e);
	if (ret)
		return ret;

	p->pt.pattern = one->pattern;
	p->pt.strategy = one->strategy;
	p->pt.free = one->free;
	p->pt.cpus = &one->cpus;
	p->runs = &one->run;
	p->status = SR_PENDING;
	return 0;
}
