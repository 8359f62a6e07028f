// SPDX-License-Identifier: GPL-2.0
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "user_pin.h"
#include "user_runner.h"

/* The library each allocator name stands for, and its Debian package. */
static const struct {
	const char *name, *file, *package;
} allocators[] = {
	{ "glibc", "libc.so.6", "libc6" },
	{ "jemalloc", "libjemalloc.so.2", "libjemalloc2" },
	{ "tcmalloc", "libtcmalloc_minimal.so.4", "libtcmalloc-minimal4" },
	{ "mimalloc", "libmimalloc.so.2", "libmimalloc2.0" },
};
#define NALLOCATORS (sizeof(allocators) / sizeof(allocators[0]))

/* What a child hands back per run (same binary both sides). */
struct urec {
	unsigned int point;
	int ok;
	char status[16];	/* why not ok: refused, failed */
	char error[256];
	struct urun_res res;
};

static int allocator_index(const char *name)
{
	unsigned int i;

	for (i = 0; i < NALLOCATORS; i++)
		if (!strcmp(allocators[i].name, name))
			return (int)i;
	return -1;
}

static int find_lib(const char *file, char *path, size_t len)
{
	static const char *const dirs[] = {
		"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
		"/usr/lib64", "/usr/lib", "/lib",
	};
	const char *env = getenv("SLABWALL_USER_LIBDIR");
	unsigned int i;

	if (env) {
		snprintf(path, len, "%s/%s", env, file);
		return access(path, R_OK) ? -ENOENT : 0;
	}
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, len, "%s/%s", dirs[i], file);
		if (!access(path, R_OK))
			return 0;
	}
	return -ENOENT;
}

const char *urunner_malloc_lib(void)
{
	void *sym = dlsym(RTLD_DEFAULT, "malloc");
	Dl_info info;

	if (sym && dladdr(sym, &info) && info.dli_fname)
		return info.dli_fname;
	return "";
}

int urunner_check(const char *as, const char *lib)
{
	int i = allocator_index(as);
	const char *base = strrchr(lib, '/') ? strrchr(lib, '/') + 1 : lib;

	if (i < 0)
		return fail("--as '%s': no such allocator", as);
	if (strcmp(base, allocators[i].file)) {
		fprintf(stderr, "%s: %s: malloc comes from '%s', not %s\n", prog,
			as, lib, allocators[i].file);
		return 1;
	}
	return 0;
}

int urunner_put_runs(FILE *f, unsigned int index, const struct upoint *p)
{
	struct urec r;
	unsigned int i;

	memset(&r, 0, sizeof(r));
	r.point = index;
	r.ok = !strcmp(p->status, "ok");
	if (!r.ok) {
		snprintf(r.status, sizeof(r.status), "%s", p->status);
		snprintf(r.error, sizeof(r.error), "%s", p->error);
		return fwrite(&r, sizeof(r), 1, f) == 1 ? 0 : -EIO;
	}
	for (i = 0; i < p->runs; i++) {
		r.res = p->res[i];
		if (fwrite(&r, sizeof(r), 1, f) != 1)
			return -EIO;
	}
	return 0;
}

/* A child's records into the grid; -EIO for a short or unknown record. */
static int take_runs(const char *path, struct upoint *grid, unsigned int n,
		     unsigned int repeat)
{
	FILE *f = fopen(path, "re");
	struct upoint *q;
	struct urec r;
	int ret = 0;

	if (!f)
		return -errno;
	while (fread(&r, sizeof(r), 1, f) == 1) {
		if (r.point >= n) {
			ret = -EIO;
			break;
		}
		q = &grid[r.point];
		if (!r.ok) {
			q->status = strcmp(r.status, "refused") ? "failed" : "refused";
			snprintf(q->error, sizeof(q->error), "%s", r.error);
		} else if (q->runs < repeat) {
			q->res[q->runs++] = r.res;
		}
	}
	if (!ret && ferror(f))
		ret = -EIO;
	fclose(f);
	return ret;
}

static int append_file(const char *path, FILE *out)
{
	char buf[8192];
	size_t n;
	FILE *f = fopen(path, "re");

	if (!f)
		return -errno;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, out);
	fclose(f);
	return 0;
}

/* argv without the runner's own options, with room for the child's. */
static char **child_argv(int argc, char **argv, int *n)
{
	char **a = calloc((size_t)argc + 16, sizeof(*a));
	int i;

	if (!a)
		return NULL;
	*n = 0;
	a[(*n)++] = argv[0];
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--allocators") || !strcmp(argv[i], "--out")) {
			i++;
			continue;
		}
		if (!strncmp(argv[i], "--allocators=", 13) ||
		    !strncmp(argv[i], "--out=", 6) || !strcmp(argv[i], "--fresh"))
			continue;
		a[(*n)++] = argv[i];
	}
	return a;
}

/* The exit status of this binary run again with @a, @preload preloaded. */
static int run_child(char **a, const char *preload)
{
	pid_t pid;
	int st;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		if (preload)
			setenv("LD_PRELOAD", preload, 1);
		else
			unsetenv("LD_PRELOAD");
		execv("/proc/self/exe", a);
		fprintf(stderr, "%s: exec /proc/self/exe: %s\n", prog, strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -errno;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

struct who {
	unsigned int n;
	int ai[NALLOCATORS];
	char lib[NALLOCATORS][PATH_MAX];	/* "" for glibc: no preload */
};

/* --allocators checked whole before anything runs or is written. */
static int parse_allocators(const char *list, struct who *w)
{
	char *copy = strdup(list), *tok, *save = NULL;
	unsigned int i;
	int ret = 0, ai;

	if (!copy)
		return fail("out of memory");
	w->n = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		ai = allocator_index(tok);
		if (ai < 0) {
			ret = fail("--allocators '%s': not one of glibc, jemalloc, tcmalloc, mimalloc",
				   tok);
			continue;
		}
		for (i = 0; i < w->n; i++)
			if (w->ai[i] == ai)
				break;
		if (i < w->n) {
			ret = fail("--allocators '%s': given twice", tok);
			continue;
		}
		w->lib[w->n][0] = '\0';
		if (ai && find_lib(allocators[ai].file, w->lib[w->n], PATH_MAX)) {
			ret = fail("--allocators %s: no %s (Debian package %s; 'make deps' installs it)",
				   tok, allocators[ai].file, allocators[ai].package);
			continue;
		}
		w->ai[w->n++] = ai;
	}
	if (!ret && !w->n)
		ret = fail("--allocators '%s': empty", list);
	free(copy);
	return ret;
}

/* --pin-test under each allocator: each child's CSV rows appended. */
static int run_pins(char **a, int base, const struct who *w, const char *tmp,
		    FILE *out)
{
	unsigned int i;
	int n, ret = upin_header(out);

	for (i = 0; !ret && i < w->n; i++) {
		n = base;
		a[n++] = "--as";
		a[n++] = (char *)allocators[w->ai[i]].name;
		a[n++] = "--out";
		a[n++] = (char *)tmp;
		a[n++] = "--no-header";
		a[n] = NULL;
		ret = run_child(a, w->lib[i][0] ? w->lib[i] : NULL);
		if (ret)
			fprintf(stderr, "%s: --pin-test under %s failed (status %d)\n",
				prog, allocators[w->ai[i]].name, ret);
		else if (append_file(tmp, out))
			ret = fail("%s: cannot read it back", tmp);
	}
	return ret;
}

/* One round: every allocator once, every point (or the whole grid). */
static int run_round(char **a, int base, const struct uopts *o,
		     const struct who *w, struct upoint **grid, unsigned int n,
		     const char *tmp)
{
	char only[16];
	unsigned int i, p;
	int k, ret = 0;

	for (i = 0; !ret && i < w->n; i++) {
		for (p = 0; !ret && p < (o->fresh ? n : 1); p++) {
			k = base;
			a[k++] = "--repeat";
			a[k++] = "1";
			a[k++] = "--as";
			a[k++] = (char *)allocators[w->ai[i]].name;
			a[k++] = "--raw";
			a[k++] = (char *)tmp;
			if (o->fresh) {
				snprintf(only, sizeof(only), "%u", p);
				a[k++] = "--only-point";
				a[k++] = only;
			}
			a[k] = NULL;
			ret = run_child(a, w->lib[i][0] ? w->lib[i] : NULL);
			/* 1: a point failed, and said so in its record */
			if (ret == 1)
				ret = 0;
			if (ret) {
				fprintf(stderr, "%s: the run under %s stopped (status %d)\n",
					prog, allocators[w->ai[i]].name, ret);
				break;
			}
			ret = take_runs(tmp, grid[i], n, o->k.repeat);
			if (ret)
				fprintf(stderr, "%s: %s: the runs under %s did not come back whole\n",
					prog, tmp, allocators[w->ai[i]].name);
		}
	}
	return ret;
}

static int run_grids(char **a, int base, const struct uopts *o,
		     const struct who *w, const char *tmp, FILE *out)
{
	struct upoint *grid[NALLOCATORS] = { NULL };
	struct uknobs k[NALLOCATORS];
	struct uopts oi = *o;
	unsigned int i, j, n = 0, r;
	int ret = 0, failed = 0;

	for (i = 0; i < w->n && !ret; i++) {
		oi.index = i;
		grid[i] = make_grid(&oi, &n);
		for (j = 0; grid[i] && j < n && !ret; j++) {
			grid[i][j].res = calloc(o->k.repeat, sizeof(struct urun_res));
			if (!grid[i][j].res)
				ret = fail("out of memory");
		}
		if (!grid[i])
			ret = fail("out of memory");
		k[i] = o->k;
		k[i].allocator = allocators[w->ai[i]].name;
		k[i].malloc_lib = w->lib[i][0] ? w->lib[i] : urunner_malloc_lib();
	}
	for (r = 0; !ret && r < o->k.repeat; r++) {
		fprintf(stderr, "%s: round %u of %u\n", prog, r + 1, o->k.repeat);
		ret = run_round(a, base, o, w, grid, n, tmp);
	}
	for (i = 0; i < w->n && grid[i]; i++)
		for (j = 0; j < n; j++) {
			if (!strcmp(grid[i][j].status, "failed"))
				failed = 1;
			else if (!strcmp(grid[i][j].status, "refused"))
				continue;
			else if (grid[i][j].runs == o->k.repeat)
				grid[i][j].status = "ok";
		}
	upoint_table_header(stdout);
	for (i = 0; i < w->n && grid[i]; i++) {
		for (j = 0; j < n; j++)
			upoint_table_row(stdout, &k[i], &grid[i][j]);
		if (upoint_write_csv(out, &k[i], grid[i], n, i == 0) && !ret)
			ret = fail("writing %s: %s", o->out ? o->out : "stdout",
				   strerror(EIO));
	}
	for (i = 0; i < w->n; i++) {
		for (j = 0; grid[i] && j < n; j++)
			free(grid[i][j].res);
		free(grid[i]);
	}
	return ret ? ret : failed;
}

int urunner_run(int argc, char **argv, const struct uopts *o)
{
	char tmp[] = "/tmp/slabwall-user.XXXXXX";
	FILE *out = stdout;
	struct who w;
	char **a;
	int base, fd, ret;

	ret = parse_allocators(o->allocators ? o->allocators : "glibc", &w);
	if (ret)
		return ret;
	a = child_argv(argc, argv, &base);
	if (!a)
		return fail("out of memory");
	fd = mkstemp(tmp);
	if (fd < 0) {
		free(a);
		return fail("%s: %s", tmp, strerror(errno));
	}
	close(fd);
	if (o->out && strcmp(o->out, "-")) {
		out = fopen(o->out, "we");
		if (!out) {
			ret = fail("--out %s: %s", o->out, strerror(errno));
			out = stdout;
		}
	}
	if (!ret)
		ret = o->pin_mb ? run_pins(a, base, &w, tmp, out) :
		      run_grids(a, base, o, &w, tmp, out);
	unlink(tmp);
	free(a);
	if (out != stdout && fclose(out) && !ret)
		ret = fail("--out %s: %s", o->out, strerror(errno));
	return ret;
}
