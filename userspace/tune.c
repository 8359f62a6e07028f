// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "commands.h"
#include "slabfs.h"
#include "strnum.h"
#include "tune.h"
#include "tunestate.h"

static const struct {
	const char *name;
	size_t off;		/* its struct opt_u64 in struct sf_cache */
	int (*set)(const char *root, const char *name, uint64_t v,
		   struct swerr *e);
} knobs[TUNE_NR] = {
	[TUNE_CPU_PARTIAL] = { "cpu_partial", offsetof(struct sf_cache, cpu_partial),
			       sf_set_cpu_partial },
	[TUNE_MIN_PARTIAL] = { "min_partial", offsetof(struct sf_cache, min_partial),
			       sf_set_min_partial },
};

const char *tune_knob_name(enum tune_knob k)
{
	return (unsigned int)k < TUNE_NR ? knobs[k].name : "?";
}

static int find_knob(const char *name, size_t len)
{
	int k;

	for (k = 0; k < TUNE_NR; k++)
		if (strlen(knobs[k].name) == len &&
		    !strncmp(knobs[k].name, name, len))
			return k;
	return -1;
}

static struct opt_u64 knob_of(const struct sf_cache *c, int k)
{
	return *(const struct opt_u64 *)((const char *)c + knobs[k].off);
}

int tune_exit_for(int err)
{
	if (err < 0)
		err = -err;
	/* What the slab attribute stores return for a value they will not take. */
	return err == EINVAL || err == ERANGE ? EXIT_REFUSED : EXIT_FAIL;
}

static int usage_err(struct swerr *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int usage_err(struct swerr *e, const char *fmt, ...)
{
	va_list ap;

	if (e) {
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		va_end(ap);
	}
	return EXIT_USAGE;
}

int tune_parse(int argc, char *const *argv, struct tune_req *r,
	       struct swerr *e)
{
	const char *eq, *word;
	uint64_t v;
	int i, k;

	memset(r, 0, sizeof(*r));
	if (argc < 1)
		return usage_err(e, "no cache named");
	r->cache = argv[0];
	if (!*r->cache || strchr(r->cache, '/') || strchr(r->cache, '=') ||
	    !strcmp(r->cache, ".") || !strcmp(r->cache, ".."))
		return usage_err(e, "\"%s\" is not a cache name%s", r->cache,
				 strchr(r->cache, '=') ? " (the cache comes first)" : "");
	for (i = 1; i < argc; i++) {
		word = argv[i];
		eq = strchr(word, '=');
		if (!eq)
			return usage_err(e, "\"%s\": want KNOB=N, e.g. cpu_partial=30",
					 word);
		k = find_knob(word, (size_t)(eq - word));
		if (k < 0)
			return usage_err(e, "\"%.*s\" in \"%s\" is not a knob: want cpu_partial or min_partial",
					 (int)(eq - word), word, word);
		if (!parse_u64(eq + 1, &v))
			return usage_err(e, "%s: \"%s\" is not a whole number",
					 knobs[k].name, eq + 1);
		if (r->set[k])
			return usage_err(e, "%s given twice", knobs[k].name);
		r->set[k] = true;
		r->val[k] = v;
	}
	return EXIT_OK;
}

/* The cache's numbers, with an exit code for the ways that can fail. */
static int read_cache(const char *root, const char *name, struct sf_cache *c,
		      struct swerr *e)
{
	int ret = sf_read_cache(root, name, c, e);

	if (ret == -ENOENT || ret == -EINVAL || ret == -ENOTDIR)
		return EXIT_USAGE;	/* no such cache: a wrong name */
	return ret ? EXIT_FAIL : EXIT_OK;
}

static void print_current(const struct sf_cache *c, FILE *out)
{
	struct opt_u64 v;
	int k;

	for (k = 0; k < TUNE_NR; k++) {
		v = knob_of(c, k);
		if (v.present)
			fprintf(out, "%s %s: %" PRIu64 "\n", c->name,
				knobs[k].name, v.v);
		else
			fprintf(out, "%s %s: - (this kernel has no such file)\n",
				c->name, knobs[k].name);
	}
}

/* Takes back the entries this run added for knobs from @k on. */
static void unsave(const char *path, struct ts_state *s, const char *cache,
		   const bool *added, int k, FILE *out)
{
	struct swerr e;
	size_t i;

	for (; k < TUNE_NR; k++) {
		if (!added[k])
			continue;
		for (i = 0; i < s->n; i++)
			if (!strcmp(s->v[i].cache, cache) &&
			    !strcmp(s->v[i].knob, knobs[k].name))
				ts_remove(s, i);
	}
	if (ts_save(path, s, &e))
		fprintf(out, "warning: %s\n", e.msg);
}

int tune_apply(const char *root, const char *state_path,
	       const struct tune_req *r, FILE *out, struct swerr *e)
{
	bool any = false, added[TUNE_NR] = { false };
	struct ts_entry *kept;
	struct ts_state s;
	struct sf_cache c;
	struct opt_u64 old;
	int k, ret;

	ret = read_cache(root, r->cache, &c, e);
	if (ret)
		return ret;
	for (k = 0; k < TUNE_NR; k++) {
		if (!r->set[k])
			continue;
		any = true;
		if (!knob_of(&c, k).present) {
			swerr_set(e, ENOENT, "%s/%s/%s: this kernel does not have that knob",
				  root ? root : SF_DEFAULT_ROOT, c.real,
				  knobs[k].name);
			return EXIT_FAIL;
		}
	}
	if (!any) {
		print_current(&c, out);
		return EXIT_OK;
	}
	if (c.is_alias)
		fprintf(out, "%s is an alias of %s: this tunes every cache merged into it\n",
			c.name, c.real);

	/* Saved before writing, so a crash in between loses nothing. */
	ret = ts_load(state_path, &s, e);
	if (ret)
		return EXIT_FAIL;
	for (k = 0; k < TUNE_NR; k++) {
		if (!r->set[k])
			continue;
		ret = ts_add(&s, c.real, knobs[k].name, knob_of(&c, k).v);
		if (ret < 0) {
			ts_free(&s);
			swerr_set(e, -ret, "%s: cannot note %s %s", state_path,
				  c.real, knobs[k].name);
			return EXIT_FAIL;
		}
		added[k] = ret > 0;
	}
	ret = ts_save(state_path, &s, e);
	if (ret) {
		ts_free(&s);
		return EXIT_FAIL;
	}

	for (k = 0; k < TUNE_NR; k++) {
		if (!r->set[k])
			continue;
		old = knob_of(&c, k);
		ret = knobs[k].set(root, c.real, r->val[k], e);
		if (ret) {
			unsave(state_path, &s, c.real, added, k, out);
			ts_free(&s);
			return tune_exit_for(ret);
		}
		fprintf(out, "%s %s: %" PRIu64 " -> %" PRIu64 "\n", c.name,
			knobs[k].name, old.v, r->val[k]);
		kept = added[k] ? NULL : ts_find(&s, c.real, knobs[k].name);
		if (kept)
			fprintf(out, "  (%" PRIu64 ", saved earlier, stays the value --restore puts back)\n",
				kept->value);
	}
	ts_free(&s);
	fprintf(out, "Old values saved in %s; 'slabwall tune --restore' puts them back.\n",
		state_path);
	return EXIT_OK;
}

/* Puts one saved value back: 0, or an exit code with @e set. */
static int restore_one(const char *root, const struct ts_entry *t, FILE *out,
		       bool *drop, struct swerr *e)
{
	struct sf_cache c;
	int k, ret;

	*drop = false;
	k = find_knob(t->knob, strlen(t->knob));
	if (k < 0) {
		swerr_set(e, EINVAL, "%s: \"%s\" is not a knob slabwall tunes",
			  t->cache, t->knob);
		return EXIT_FAIL;
	}
	ret = sf_read_cache(root, t->cache, &c, e);
	if (ret == -ENOENT) {
		/* Its cache is gone, and the setting went with it. */
		fprintf(out, "%s: gone, dropping its saved %s %" PRIu64 "\n",
			t->cache, t->knob, t->value);
		*drop = true;
		return EXIT_OK;
	}
	if (ret)
		return EXIT_FAIL;
	ret = knobs[k].set(root, t->cache, t->value, e);
	if (ret)
		return tune_exit_for(ret);
	fprintf(out, "%s %s: %" PRIu64 " -> %" PRIu64 " (restored)\n",
		t->cache, t->knob, knob_of(&c, k).v, t->value);
	*drop = true;
	return EXIT_OK;
}

int tune_restore(const char *root, const char *state_path, FILE *out,
		 struct swerr *e)
{
	int ret, first = EXIT_OK;
	unsigned int failed = 0;
	struct swerr one;
	struct ts_state s;
	bool drop;
	size_t i;

	if (ts_load(state_path, &s, e))
		return EXIT_FAIL;
	if (!s.n) {
		fprintf(out, "Nothing to restore: %s holds no saved values.\n",
			state_path);
		ts_free(&s);
		/* A file of comments only is cleared all the same. */
		return ts_save(state_path, &s, e) ? EXIT_FAIL : EXIT_OK;
	}
	for (i = 0; i < s.n;) {
		ret = restore_one(root, &s.v[i], out, &drop, &one);
		if (ret) {
			if (!failed++) {
				first = ret;
				if (e)
					*e = one;
			}
			i++;
			continue;
		}
		if (drop)
			ts_remove(&s, i);
		else
			i++;
	}
	ret = ts_save(state_path, &s, failed ? NULL : e);
	ts_free(&s);
	if (failed) {
		if (e) {
			size_t n = strlen(e->msg);

			snprintf(e->msg + n, sizeof(e->msg) - n,
				 "; %u value(s) not restored are still in %s",
				 failed, state_path);
		}
		return first;
	}
	return ret ? EXIT_FAIL : EXIT_OK;
}
