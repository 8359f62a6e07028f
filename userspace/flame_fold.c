// SPDX-License-Identifier: GPL-2.0
/* perf script text into folded stacks, and folded files in and out (flame_fold.h). */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "flame_fold.h"
#include "strnum.h"

#define FIRST_SLOTS 1024

void flame_folded_init(struct flame_folded *f)
{
	memset(f, 0, sizeof(*f));
}

void flame_folded_free(struct flame_folded *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].key);
	free(f->v);
	free(f->slot);
	flame_folded_init(f);
}

/* FNV-1a: short keys that differ in a few characters spread well. */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return h;
}

/* The slot holding @key, or the free slot where it would go. */
static size_t *find_slot(size_t *slot, size_t nslot,
			 const struct flame_stack *v, const char *key)
{
	size_t i = (size_t)hash_str(key) & (nslot - 1);

	while (slot[i] && strcmp(v[slot[i] - 1].key, key))
		i = (i + 1) & (nslot - 1);
	return &slot[i];
}

/* Keeps the table at most half full, so probe runs stay short. */
static int grow_slots(struct flame_folded *f)
{
	size_t nslot = f->nslot ? f->nslot * 2 : FIRST_SLOTS;
	size_t *slot, i;

	if (f->nslot && f->n + 1 <= f->nslot / 2)
		return 0;
	slot = calloc(nslot, sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	for (i = 0; i < f->n; i++)
		*find_slot(slot, nslot, f->v, f->v[i].key) = i + 1;
	free(f->slot);
	f->slot = slot;
	f->nslot = nslot;
	return 0;
}

int flame_folded_add(struct flame_folded *f, const char *stack,
		     uint64_t count)
{
	struct flame_stack *v;
	size_t *s;

	if (grow_slots(f))
		return -ENOMEM;
	s = find_slot(f->slot, f->nslot, f->v, stack);
	if (*s) {
		f->v[*s - 1].count += count;
		f->total += count;
		return 0;
	}
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 256;

		v = realloc(f->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n].key = strdup(stack);
	if (!f->v[f->n].key)
		return -ENOMEM;
	f->v[f->n].count = count;
	*s = ++f->n;
	f->total += count;
	return 0;
}

uint64_t flame_folded_count(const struct flame_folded *f, const char *stack)
{
	size_t *s;

	if (!f->nslot)
		return 0;
	s = find_slot(f->slot, f->nslot, f->v, stack);
	return *s ? f->v[*s - 1].count : 0;
}

size_t flame_comm_base_len(const char *comm)
{
	const char *slash = strchr(comm, '/');

	return slash && slash != comm ? (size_t)(slash - comm) : strlen(comm);
}

/* ---- the text of perf script ---- */

/* A growing string: the stack being built, or the frames of one sample. */
struct sbuf {
	char *s;
	size_t len, cap;
};

static int sbuf_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (b->len + n + 1 > cap)
			cap *= 2;
		p = realloc(b->s, cap);
		if (!p)
			return -ENOMEM;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

/* The sample being read: its thread name and frames, leaf first. */
struct sample {
	bool open;
	struct sbuf tid;	/* the pid field: "143" or "143/145" */
	struct sbuf comm;
	struct sbuf names;	/* frame names, each ending in '\0' */
	size_t *off;		/* where each starts in names */
	size_t nframes, cap;
};

static void sample_free(struct sample *sm)
{
	free(sm->tid.s);
	free(sm->comm.s);
	free(sm->names.s);
	free(sm->off);
}

/* ';' separates frames in the folded format: none may be inside one. */
static void unsemi(char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ';')
			s[i] = ':';
}

static int sample_add_frame(struct sample *sm, const char *name, size_t n)
{
	size_t start = sm->names.len;

	if (sm->nframes == sm->cap) {
		size_t cap = sm->cap ? sm->cap * 2 : 64;
		size_t *off = realloc(sm->off, cap * sizeof(*off));

		if (!off)
			return -ENOMEM;
		sm->off = off;
		sm->cap = cap;
	}
	/* Each name keeps its '\0': the next one starts after it. */
	if (sbuf_put(&sm->names, name, n) || sbuf_put(&sm->names, "", 1))
		return -ENOMEM;
	unsemi(sm->names.s + start, n);
	sm->off[sm->nframes++] = start;
	return 0;
}

/*
 * Every sample first goes into a table of its own keyed "tid\tstack", so
 * that when the script has been read, the threads that ever ran the
 * rename's function are known and all their samples can move, those
 * too whose stack perf could not walk (a single frame).
 */
static int sample_end(struct sample *sm, struct flame_folded *bytid,
		      const struct flame_rename *rename, struct sbuf *key)
{
	size_t i;
	int ret;

	if (!sm->open)
		return 0;
	sm->open = false;
	key->len = 0;
	ret = sbuf_put(key, sm->tid.s, sm->tid.len);
	if (!ret)
		ret = sbuf_put(key, "\t", 1);
	if (ret)
		return ret;
	if (rename && rename->comm_prefix &&
	    !strncmp(sm->comm.s, rename->comm_prefix, strlen(rename->comm_prefix)))
		ret = sbuf_put(key, rename->name, strlen(rename->name));
	else
		ret = sbuf_put(key, sm->comm.s,
			       flame_comm_base_len(sm->comm.s));
	for (i = sm->nframes; !ret && i-- > 0;) {
		const char *name = sm->names.s + sm->off[i];

		ret = sbuf_put(key, ";", 1);
		if (!ret)
			ret = sbuf_put(key, name, strlen(name));
	}
	return ret ? ret : flame_folded_add(bytid, key->s, 1);
}

/* Whether the stack @s ("root;a;b") has the frame @fn (or fn.cold...). */
static bool stack_has(const char *s, const char *fn)
{
	size_t n = strlen(fn);
	const char *p = s;

	while ((p = strstr(p, fn))) {
		if (p > s && p[-1] == ';' &&
		    (p[n] == '\0' || p[n] == ';' || p[n] == '.'))
			return true;
		p += n;
	}
	return false;
}

/* The thread ids (the text before the tab) whose samples are renamed. */
struct tidset {
	char **v;
	size_t n;
};

static bool tidset_has(const struct tidset *t, const char *tid, size_t len)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strlen(t->v[i]) == len && !strncmp(t->v[i], tid, len))
			return true;
	return false;
}

static int tidset_add(struct tidset *t, const char *tid, size_t len)
{
	char **v;

	if (tidset_has(t, tid, len))
		return 0;
	v = realloc(t->v, (t->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	t->v = v;
	t->v[t->n] = strndup(tid, len);
	return t->v[t->n++] ? 0 : -ENOMEM;
}

static void tidset_free(struct tidset *t)
{
	while (t->n)
		free(t->v[--t->n]);
	free(t->v);
}

static int find_renamed(const struct flame_folded *bytid,
			const struct flame_rename *rename, struct tidset *t)
{
	size_t i;

	if (!rename || !rename->fn)
		return 0;
	for (i = 0; i < bytid->n; i++) {
		const char *key = bytid->v[i].key, *tab = strchr(key, '\t');

		if (stack_has(tab + 1, rename->fn) &&
		    tidset_add(t, key, (size_t)(tab - key)))
			return -ENOMEM;
	}
	return 0;
}

/* Drops the thread ids, renaming the roots of the threads found. */
static int merge_threads(const struct flame_folded *bytid,
			 const struct flame_rename *rename,
			 struct flame_folded *f, struct sbuf *key)
{
	struct tidset t = { 0 };
	size_t i;
	int ret = find_renamed(bytid, rename, &t);

	for (i = 0; !ret && i < bytid->n; i++) {
		const char *k = bytid->v[i].key, *tab = strchr(k, '\t');
		const char *stack = tab + 1;

		if (tidset_has(&t, k, (size_t)(tab - k))) {
			const char *rest = stack + strcspn(stack, ";");

			key->len = 0;
			ret = sbuf_put(key, rename->name, strlen(rename->name));
			if (!ret)
				ret = sbuf_put(key, rest, strlen(rest));
			stack = key->s;
		}
		if (!ret)
			ret = flame_folded_add(f, stack, bytid->v[i].count);
	}
	tidset_free(&t);
	return ret;
}

struct token {
	const char *s;
	size_t len;
};

#define MAX_HEADER_TOKENS 64

static size_t split_tokens(const char *line, struct token *t, size_t max)
{
	size_t n = 0;

	while (*line && n < max) {
		while (isspace((unsigned char)*line))
			line++;
		if (!*line)
			break;
		t[n].s = line;
		while (*line && !isspace((unsigned char)*line))
			line++;
		t[n].len = (size_t)(line - t[n].s);
		n++;
	}
	return n;
}

/* "12.345678:" */
static bool is_time(const struct token *t)
{
	size_t i, dots = 0, digits = 0;

	if (t->len < 2 || t->s[t->len - 1] != ':')
		return false;
	for (i = 0; i + 1 < t->len; i++) {
		if (t->s[i] == '.')
			dots++;
		else if (isdigit((unsigned char)t->s[i]))
			digits++;
		else
			return false;
	}
	return dots == 1 && digits >= 2;
}

/* "[001]" */
static bool is_cpu(const struct token *t)
{
	size_t i;

	if (t->len < 3 || t->s[0] != '[' || t->s[t->len - 1] != ']')
		return false;
	for (i = 1; i + 1 < t->len; i++)
		if (!isdigit((unsigned char)t->s[i]))
			return false;
	return true;
}

/* "143", "143/145" (pid/tid), "-1/-1" (perf's unknown). */
static bool is_pid(const struct token *t)
{
	size_t i;
	bool digit = false;

	for (i = 0; i < t->len; i++) {
		char c = t->s[i];

		if (isdigit((unsigned char)c))
			digit = true;
		else if (c != '/' && c != '-')
			return false;
	}
	return digit;
}

/*
 * "comm pid [cpu] time: period event:": the comm may hold spaces, so it
 * is found backwards from the time, the first token that looks like one.
 */
static int parse_header(const char *line, struct sample *sm)
{
	struct token t[MAX_HEADER_TOKENS];
	size_t n = split_tokens(line, t, MAX_HEADER_TOKENS), i, end;

	for (i = 0; i < n && !is_time(&t[i]); i++)
		;
	if (i == n || i < 2)
		return -EINVAL;
	i--;
	if (is_cpu(&t[i]))
		i--;
	if (i < 1 || !is_pid(&t[i]))
		return -EINVAL;
	end = (size_t)(t[i].s - line);
	while (end > 0 && isspace((unsigned char)line[end - 1]))
		end--;
	sm->tid.len = 0;
	sm->comm.len = 0;
	sm->names.len = 0;
	sm->nframes = 0;
	if (sbuf_put(&sm->tid, t[i].s, t[i].len) ||
	    sbuf_put(&sm->comm, line, end))
		return -ENOMEM;
	unsemi(sm->comm.s, end);
	sm->open = true;
	return 0;
}

/* "\t ffffffff81234567 kfree+0x1a ([kernel.kallsyms])": the name, "kfree". */
static int parse_frame(const char *line, struct sample *sm)
{
	const char *p = line, *sym, *end, *dso, *plus;

	while (isspace((unsigned char)*p))
		p++;
	while (isxdigit((unsigned char)*p))
		p++;
	while (isspace((unsigned char)*p))
		p++;
	sym = p;
	end = sym + strlen(sym);
	while (end > sym && isspace((unsigned char)end[-1]))
		end--;
	/* The dso in parentheses at the end; C++ names have their own. */
	if (end > sym && end[-1] == ')') {
		for (dso = end - 1; dso > sym && !(dso[0] == '(' && dso[-1] == ' '); dso--)
			;
		if (dso > sym)
			end = dso - 1;
		else if (*sym == '(')
			end = sym;
	}
	while (end > sym && isspace((unsigned char)end[-1]))
		end--;
	/* "+0x1a": the offset into the function. */
	for (plus = end; plus > sym && isxdigit((unsigned char)plus[-1]); plus--)
		;
	if (plus - sym >= 3 && plus < end && plus[-1] == 'x' && plus[-2] == '0' &&
	    plus[-3] == '+')
		end = plus - 3;
	if (end == sym)
		return sample_add_frame(sm, "[unknown]", 9);
	return sample_add_frame(sm, sym, (size_t)(end - sym));
}

static void chomp(char *line)
{
	size_t n = strlen(line);

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
}

static bool blank(const char *line)
{
	while (isspace((unsigned char)*line))
		line++;
	return !*line;
}

static void note_malformed(struct flame_folded *f, const char *origin,
			   unsigned long lineno, const char *line,
			   const char *what, struct swerr *e)
{
	if (!f->malformed++)
		swerr_set(e, EINVAL, "%s:%lu: %s: \"%.200s\"", origin, lineno,
			  what, line);
}

int flame_fold_script(struct flame_folded *f, FILE *in, const char *origin,
		      const struct flame_rename *rename, struct swerr *e)
{
	struct flame_folded bytid;
	struct sample sm = { 0 };
	struct sbuf key = { 0 };
	unsigned long lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	int ret = 0;

	flame_folded_init(&bytid);
	while (!ret && getline(&line, &cap, in) >= 0) {
		lineno++;
		chomp(line);
		if (blank(line)) {
			ret = sample_end(&sm, &bytid, rename, &key);
		} else if (!isspace((unsigned char)line[0])) {
			ret = sample_end(&sm, &bytid, rename, &key);
			if (!ret)
				ret = parse_header(line, &sm);
			if (ret == -EINVAL) {
				note_malformed(f, origin, lineno, line,
					       "not a perf script sample header (comm pid [cpu] time: ...)",
					       e);
				ret = 0;
			}
		} else if (sm.open) {
			ret = parse_frame(line, &sm);
		}
	}
	if (!ret)
		ret = sample_end(&sm, &bytid, rename, &key);
	if (!ret && ferror(in))
		ret = swerr_set(e, EIO, "%s: read error", origin);
	if (!ret)
		ret = merge_threads(&bytid, rename, f, &key);
	if (ret == -ENOMEM)
		swerr_set(e, ENOMEM, "%s: out of memory at line %lu", origin,
			  lineno);
	free(line);
	free(key.s);
	sample_free(&sm);
	flame_folded_free(&bytid);
	return ret;
}

int flame_folded_keep_root(const struct flame_folded *f, const char *root,
			   struct flame_folded *out)
{
	size_t n = strlen(root), i;
	int ret = 0;

	for (i = 0; !ret && i < f->n; i++) {
		const char *k = f->v[i].key;

		if (!strncmp(k, root, n) && (k[n] == ';' || !k[n]))
			ret = flame_folded_add(out, k, f->v[i].count);
	}
	return ret;
}

/* ---- folded files ---- */

/* "stack count": the count is the last word, the stack all before it. */
static int parse_folded_line(struct flame_folded *f, char *line)
{
	char *sp = strrchr(line, ' ');
	uint64_t count;

	if (!sp || sp == line || !parse_u64(sp + 1, &count))
		return -EINVAL;
	while (sp > line && sp[-1] == ' ')
		sp--;
	if (sp == line)
		return -EINVAL;
	*sp = '\0';
	return flame_folded_add(f, line, count);
}

int flame_read_folded(struct flame_folded *f, FILE *in, const char *origin,
		      struct swerr *e)
{
	unsigned long lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	int ret = 0;

	while (!ret && getline(&line, &cap, in) >= 0) {
		lineno++;
		chomp(line);
		if (blank(line))
			continue;
		ret = parse_folded_line(f, line);
		if (ret == -EINVAL) {
			note_malformed(f, origin, lineno, line,
				       "not \"stack count\"", e);
			ret = 0;
		}
	}
	if (!ret && ferror(in))
		ret = swerr_set(e, EIO, "%s: read error", origin);
	else if (ret == -ENOMEM)
		swerr_set(e, ENOMEM, "%s: out of memory at line %lu", origin,
			  lineno);
	free(line);
	return ret;
}

static int by_key(const void *a, const void *b, void *arg)
{
	const struct flame_stack *v = arg;

	return strcmp(v[*(const size_t *)a].key, v[*(const size_t *)b].key);
}

size_t *flame_folded_sorted(const struct flame_folded *f)
{
	size_t *idx = malloc((f->n ? f->n : 1) * sizeof(*idx));
	size_t i;

	if (!idx)
		return NULL;
	for (i = 0; i < f->n; i++)
		idx[i] = i;
	qsort_r(idx, f->n, sizeof(*idx), by_key, f->v);
	return idx;
}

int flame_write_folded(const struct flame_folded *f, FILE *out)
{
	size_t *idx = flame_folded_sorted(f);
	size_t i;

	if (!idx)
		return -ENOMEM;
	for (i = 0; i < f->n; i++)
		fprintf(out, "%s %llu\n", f->v[idx[i]].key,
			(unsigned long long)f->v[idx[i]].count);
	free(idx);
	if (fflush(out) || ferror(out))
		return -EIO;
	return 0;
}
