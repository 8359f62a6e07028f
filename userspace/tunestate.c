// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "strnum.h"
#include "tunestate.h"

const char *ts_path(void)
{
	const char *p = getenv(TS_ENV);

	return p && *p ? p : TS_DEFAULT_PATH;
}

static int parse_line(const char *path, unsigned int lineno, char *line,
		      struct ts_state *s, struct swerr *e)
{
	char *cache, *knob, *value, *extra, *save;
	uint64_t v;

	cache = strtok_r(line, " \t", &save);
	knob = strtok_r(NULL, " \t", &save);
	value = strtok_r(NULL, " \t", &save);
	extra = strtok_r(NULL, " \t", &save);
	if (!cache || !knob || !value || extra || strchr(cache, '/') ||
	    strlen(cache) > NAME_MAX || strlen(knob) >= TS_KNOB_MAX ||
	    !parse_u64(value, &v))
		return swerr_set(e, EINVAL,
				 "%s:%u: not \"CACHE KNOB VALUE\"; fix or remove the file",
				 path, lineno);
	if (ts_add(s, cache, knob, v) < 0)
		return swerr_set(e, ENOMEM, "%s: out of memory", path);
	return 0;
}

int ts_load(const char *path, struct ts_state *s, struct swerr *e)
{
	char *text, *line, *next;
	unsigned int lineno = 0;
	int ret;

	memset(s, 0, sizeof(*s));
	ret = fio_read_alloc(path, &text, NULL, e);
	if (ret == -ENOENT)
		return 0;
	if (ret)
		return ret;
	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line = fio_trim(line);
		if (!*line || *line == '#')
			continue;
		ret = parse_line(path, lineno, line, s, e);
		if (ret) {
			ts_free(s);
			break;
		}
	}
	free(text);
	return ret;
}

static int write_entries(FILE *f, const struct ts_state *s)
{
	size_t i;

	fprintf(f, "# Saved by slabwall tune; 'slabwall tune --restore' writes them back.\n"
		   "# cache knob value\n");
	for (i = 0; i < s->n; i++)
		fprintf(f, "%s %s %" PRIu64 "\n", s->v[i].cache, s->v[i].knob,
			s->v[i].value);
	return ferror(f) ? -EIO : 0;
}

int ts_save(const char *path, const struct ts_state *s, struct swerr *e)
{
	char tmp[PATH_MAX];
	FILE *f;
	int fd, ret, err;

	if (!s->n) {
		if (unlink(path) < 0 && errno != ENOENT) {
			err = errno;
			return swerr_set(e, err, "%s: cannot remove: %s", path,
					 strerror(err));
		}
		return 0;
	}
	ret = fio_mkdirs(path, false, e);
	if (ret)
		return ret;
	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp))
		return swerr_set(e, ENAMETOOLONG, "%s: path too long", path);
	/* A crash halfway must not leave a cut-off list of values. */
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		return swerr_set(e, err, "%s: cannot create: %s", tmp,
				 strerror(err));
	}
	/* mkstemp() makes it 0600; the file holds nothing secret. */
	f = fchmod(fd, 0644) ? NULL : fdopen(fd, "w");
	if (!f) {
		err = errno;
		close(fd);
		unlink(tmp);
		return swerr_set(e, err, "%s: %s", tmp, strerror(err));
	}
	ret = write_entries(f, s);
	if (fflush(f) || fsync(fileno(f)))
		ret = -errno;
	if (fclose(f) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path) < 0)
		ret = -errno;
	if (ret) {
		unlink(tmp);
		return swerr_set(e, -ret, "%s: cannot write: %s", path,
				 strerror(-ret));
	}
	return 0;
}

struct ts_entry *ts_find(struct ts_state *s, const char *cache,
			 const char *knob)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].cache, cache) && !strcmp(s->v[i].knob, knob))
			return &s->v[i];
	return NULL;
}

int ts_add(struct ts_state *s, const char *cache, const char *knob,
	   uint64_t value)
{
	struct ts_entry *bigger, *t;

	if (ts_find(s, cache, knob))
		return 0;
	if (strlen(cache) > NAME_MAX || strlen(knob) >= TS_KNOB_MAX)
		return -ENAMETOOLONG;
	bigger = realloc(s->v, (s->n + 1) * sizeof(*bigger));
	if (!bigger)
		return -ENOMEM;
	s->v = bigger;
	t = &s->v[s->n++];
	strcpy(t->cache, cache);
	strcpy(t->knob, knob);
	t->value = value;
	return 1;
}

void ts_remove(struct ts_state *s, size_t i)
{
	if (i >= s->n)
		return;
	memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof(s->v[0]));
	s->n--;
}

void ts_free(struct ts_state *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
}
