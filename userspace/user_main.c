// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall-user: the userspace twin of the kernel sweep.  A program of its
 * own, not a slabwall subcommand: the allocator under test is swapped in
 * with LD_PRELOAD, and slabwall links libtracecmd, libbpf and friends,
 * whose own allocations and constructors would share the heap being
 * measured.  This binary links libc and pthreads only.
 */
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strnum.h"
#include "user_pin.h"
#include "user_point.h"

#define MAX_LIST 64
#define MAX_THREADS 1024
#define MAX_NODES (1U << 20)
/* One request's memory: the arena modes allocate it in one block. */
#define MAX_REQUEST_BYTES (1ULL << 30)

struct ulist {
	unsigned int n;
	uint64_t v[MAX_LIST];
};

struct uopts {
	struct ulist modes, allocs, sizes, threads;
	struct uknobs k;
	const char *out;
	const char *allocators;
	int fresh;
	unsigned int pin_mb;	/* --pin-test: that experiment instead */
	/* set by the parent for each child */
	const char *as;
	unsigned int index;
	long only_point;
	int no_header;
};

static const char *prog = "slabwall-user";

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s [--mode LIST] [--allocs LIST] [--size LIST] [--threads LIST]\n"
		"       [--duration MS] [--repeat N] [--rate R] [--work B]\n"
		"       [--mmap-threshold B] [--out FILE] [--allocators LIST] [--fresh]\n"
		"  --mode       per_request,pooled,arena,arena_keep (default: all four)\n"
		"  --allocs     allocations (nodes) per request (default 0,1,2,4,...,1024)\n"
		"  --size       node size in bytes, k/m suffixes; 0 = the manifest's mix (default 0)\n"
		"  --threads    thread counts; 'all' = online CPUs, 'Nx' = N times them (default 1,all)\n"
		"  --duration   ms per run (default 200); --repeat runs per point (default 3)\n"
		"  --rate       requests/s over all threads, latency from the intended start\n"
		"               (default 0: closed loop)\n"
		"  --work       bytes of manifest text each request scans (default 2048)\n"
		"  --mmap-threshold  mallopt(M_MMAP_THRESHOLD) before the runs (glibc's;\n"
		"               default: its dynamic threshold)\n"
		"  --out        the CSV (default: stdout); the table goes to stdout\n"
		"  --allocators glibc,jemalloc,tcmalloc,mimalloc: the grid under each, by LD_PRELOAD\n"
		"  --fresh      every point in a new process (no heap state carried over)\n"
		"  --pin-test MB  instead of the grid: RSS around freeing MB of 1 KiB blocks,\n"
		"               without and with a live block at the top of the heap\n",
		prog);
}

__attribute__((format(printf, 1, 2)))
static int fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 2;
}

static long online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? n : 1;
}

/* "128k" -> 131072; digits with an optional k or m. */
static int parse_size(const char *s, uint64_t *v)
{
	char digits[32];
	size_t len = strlen(s);
	uint64_t mul = 1;

	if (len && (s[len - 1] == 'k' || s[len - 1] == 'K'))
		mul = 1024;
	else if (len && (s[len - 1] == 'm' || s[len - 1] == 'M'))
		mul = 1024 * 1024;
	if (mul > 1)
		len--;
	if (!len || len >= sizeof(digits))
		return -EINVAL;
	memcpy(digits, s, len);
	digits[len] = '\0';
	if (!parse_u64(digits, v) || *v > UINT64_MAX / mul)
		return -EINVAL;
	*v *= mul;
	return 0;
}

static int parse_threads(const char *s, uint64_t *v)
{
	size_t len = strlen(s);

	if (!strcmp(s, "all")) {
		*v = (uint64_t)online_cpus();
		return 0;
	}
	if (len > 1 && s[len - 1] == 'x') {
		char digits[16];

		if (len - 1 >= sizeof(digits))
			return -EINVAL;
		memcpy(digits, s, len - 1);
		digits[len - 1] = '\0';
		if (!parse_u64(digits, v) || *v > MAX_THREADS)
			return -EINVAL;
		*v *= (uint64_t)online_cpus();
		return 0;
	}
	return parse_u64(s, v) ? 0 : -EINVAL;
}

static int parse_mode(const char *s, uint64_t *v)
{
	int m = ureq_mode_parse(s);

	if (m < 0)
		return -EINVAL;
	*v = (uint64_t)m;
	return 0;
}

/* A comma-separated list, each value once; @what names the option. */
static int parse_list(const char *what, const char *arg, struct ulist *l,
		      int (*one)(const char *, uint64_t *), uint64_t lo,
		      uint64_t hi)
{
	char *copy = strdup(arg), *tok, *save = NULL;
	unsigned int i;
	uint64_t v;
	int ret = 0;

	if (!copy)
		return fail("%s: out of memory", what);
	l->n = 0;
	for (tok = strtok_r(copy, ",", &save); tok && !ret;
	     tok = strtok_r(NULL, ",", &save)) {
		if (one == parse_mode && one(tok, &v)) {
			fprintf(stderr, "%s: %s '%s': not one of per_request, pooled, arena, arena_keep\n",
				prog, what, tok);
			ret = 2;
			break;
		}
		if (one(tok, &v) || v < lo || v > hi) {
			fprintf(stderr, "%s: %s '%s': not a valid value (%llu..%llu)\n",
				prog, what, tok, (unsigned long long)lo,
				(unsigned long long)hi);
			ret = 2;
			break;
		}
		for (i = 0; i < l->n; i++)
			if (l->v[i] == v)
				break;
		if (i < l->n) {
			fprintf(stderr, "%s: %s '%s': given twice\n", prog, what, tok);
			ret = 2;
		} else if (l->n == MAX_LIST) {
			fprintf(stderr, "%s: %s: more than %d values\n", prog, what,
				MAX_LIST);
			ret = 2;
		} else {
			l->v[l->n++] = v;
		}
	}
	if (!ret && !l->n)
		ret = fail("%s '%s': empty", what, arg);
	free(copy);
	return ret;
}

static int parse_one(const char *what, const char *arg, uint64_t lo,
		     uint64_t hi, uint64_t *v)
{
	if (!parse_u64(arg, v) || *v < lo || *v > hi) {
		fprintf(stderr, "%s: %s '%s': not a number in %llu..%llu\n", prog,
			what, arg, (unsigned long long)lo, (unsigned long long)hi);
		return 2;
	}
	return 0;
}

enum {
	O_MODE = 256, O_ALLOCS, O_SIZE, O_THREADS, O_DURATION, O_REPEAT, O_RATE,
	O_WORK, O_MMAP, O_OUT, O_ALLOCATORS, O_FRESH, O_AS, O_INDEX, O_ONLY,
	O_NO_HEADER, O_PIN,
};

static int parse_args(int argc, char **argv, struct uopts *o)
{
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, O_MODE },
		{ "allocs", required_argument, NULL, O_ALLOCS },
		{ "size", required_argument, NULL, O_SIZE },
		{ "threads", required_argument, NULL, O_THREADS },
		{ "duration", required_argument, NULL, O_DURATION },
		{ "repeat", required_argument, NULL, O_REPEAT },
		{ "rate", required_argument, NULL, O_RATE },
		{ "work", required_argument, NULL, O_WORK },
		{ "mmap-threshold", required_argument, NULL, O_MMAP },
		{ "out", required_argument, NULL, O_OUT },
		{ "allocators", required_argument, NULL, O_ALLOCATORS },
		{ "fresh", no_argument, NULL, O_FRESH },
		{ "pin-test", required_argument, NULL, O_PIN },
		/* the runner's, for the process it starts per allocator */
		{ "as", required_argument, NULL, O_AS },
		{ "index", required_argument, NULL, O_INDEX },
		{ "only-point", required_argument, NULL, O_ONLY },
		{ "no-header", no_argument, NULL, O_NO_HEADER },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	uint64_t v;
	int c, ret = 0;

	parse_list("--mode", "per_request,pooled,arena,arena_keep", &o->modes,
		   parse_mode, 0, UREQ_NMODES - 1);
	parse_list("--allocs", "0,1,2,4,8,16,32,64,128,256,512,1024", &o->allocs,
		   parse_size, 0, MAX_NODES);
	parse_list("--size", "0", &o->sizes, parse_size, 0, MAX_REQUEST_BYTES);
	parse_list("--threads", "1,all", &o->threads, parse_threads, 1,
		   MAX_THREADS);
	o->k.duration_ms = 200;
	o->k.repeat = 3;
	o->k.work_bytes = 2048;
	o->k.mmap_threshold = -1;
	o->only_point = -1;
	while (!ret && (c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_MODE:
			ret = parse_list("--mode", optarg, &o->modes, parse_mode, 0,
					 UREQ_NMODES - 1);
			break;
		case O_ALLOCS:
			ret = parse_list("--allocs", optarg, &o->allocs, parse_size, 0,
					 MAX_NODES);
			break;
		case O_SIZE:
			ret = parse_list("--size", optarg, &o->sizes, parse_size, 0,
					 MAX_REQUEST_BYTES);
			break;
		case O_THREADS:
			ret = parse_list("--threads", optarg, &o->threads,
					 parse_threads, 1, MAX_THREADS);
			break;
		case O_DURATION:
			ret = parse_one("--duration", optarg, 1, 600000, &v);
			o->k.duration_ms = (unsigned int)v;
			break;
		case O_REPEAT:
			ret = parse_one("--repeat", optarg, 1, 1000, &v);
			o->k.repeat = (unsigned int)v;
			break;
		case O_RATE:
			ret = parse_one("--rate", optarg, 0, 1000000000, &v);
			o->k.rate = v;
			break;
		case O_WORK:
			ret = parse_size(optarg, &v) || v > (64 << 20) ?
			      fail("--work '%s': not a byte count up to 64m", optarg) : 0;
			o->k.work_bytes = (size_t)v;
			break;
		case O_MMAP:
			ret = parse_size(optarg, &v) || v > (32 << 20) ?
			      fail("--mmap-threshold '%s': not a byte count up to 32m (glibc's maximum)",
				   optarg) : 0;
			o->k.mmap_threshold = (long)v;
			break;
		case O_OUT:
			o->out = optarg;
			break;
		case O_ALLOCATORS:
			o->allocators = optarg;
			break;
		case O_FRESH:
			o->fresh = 1;
			break;
		case O_PIN:
			ret = parse_one("--pin-test", optarg, 1, 4096, &v);
			o->pin_mb = (unsigned int)v;
			break;
		case O_AS:
			o->as = optarg;
			break;
		case O_INDEX:
			ret = parse_one("--index", optarg, 0, 64, &v);
			o->index = (unsigned int)v;
			break;
		case O_ONLY:
			ret = parse_one("--only-point", optarg, 0, INT_MAX, &v);
			o->only_point = (long)v;
			break;
		case O_NO_HEADER:
			o->no_header = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!ret && optind < argc)
		ret = fail("unexpected argument '%s'", argv[optind]);
	return ret;
}

/* The grid, mode, size, threads, allocs (allocs fastest), ids set. */
static struct upoint *make_grid(const struct uopts *o, unsigned int *np)
{
	unsigned int mi, si, ti, ai, n = 0;
	unsigned int nlines = o->modes.n * o->sizes.n * o->threads.n;
	unsigned int ngroups = o->modes.n * o->sizes.n * o->allocs.n;
	unsigned int total = nlines * o->allocs.n;
	struct upoint *p = calloc(total, sizeof(*p)), *q;

	if (!p)
		return NULL;
	for (mi = 0; mi < o->modes.n; mi++)
		for (si = 0; si < o->sizes.n; si++)
			for (ti = 0; ti < o->threads.n; ti++)
				for (ai = 0; ai < o->allocs.n; ai++) {
					q = &p[n];
					q->point = o->index * total + n;
					q->line = o->index * nlines +
						  (mi * o->sizes.n + si) * o->threads.n + ti;
					q->group = o->index * ngroups +
						   (mi * o->sizes.n + si) * o->allocs.n + ai;
					q->mode = (enum ureq_mode)o->modes.v[mi];
					q->node_size = (size_t)o->sizes.v[si];
					q->threads = (unsigned int)o->threads.v[ti];
					q->nodes = (unsigned int)o->allocs.v[ai];
					q->status = "not_run";
					n++;
				}
	*np = n;
	return p;
}

/* The request's bytes: the arena modes put them in one block. */
static uint64_t request_bytes(const struct upoint *p)
{
	uint64_t total = 0;
	unsigned int i;

	for (i = 0; i < p->nodes; i++)
		total += (ureq_node_size(p->node_size, i) + 15) & ~15ULL;
	return total;
}

static void run_point(const struct uopts *o, struct upoint *p,
		      const char *text)
{
	struct urun_cfg c = {
		.mode = p->mode, .nodes = p->nodes, .node_size = p->node_size,
		.threads = p->threads, .duration_ms = o->k.duration_ms,
		.rate = o->k.rate, .text = text, .text_len = o->k.work_bytes,
	};
	unsigned int i;

	if (request_bytes(p) > MAX_REQUEST_BYTES) {
		p->status = "refused";
		snprintf(p->error, sizeof(p->error),
			 "%u nodes of size %zu: over %llu bytes a request", p->nodes,
			 p->node_size, MAX_REQUEST_BYTES);
		return;
	}
	p->res = calloc(o->k.repeat, sizeof(*p->res));
	if (!p->res) {
		p->status = "failed";
		snprintf(p->error, sizeof(p->error), "out of memory");
		return;
	}
	for (i = 0; i < o->k.repeat; i++) {
		if (urun_one(&c, &p->res[i], p->error, sizeof(p->error))) {
			p->status = "failed";
			return;
		}
		p->runs++;
	}
	p->status = "ok";
}

/* The library each allocator name stands for, found or not. */
static const struct {
	const char *name, *file;
} allocators[] = {
	{ "glibc", "libc.so.6" },
	{ "jemalloc", "libjemalloc.so.2" },
	{ "tcmalloc", "libtcmalloc_minimal.so.4" },
	{ "mimalloc", "libmimalloc.so.2" },
};
#define NALLOCATORS (sizeof(allocators) / sizeof(allocators[0]))

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

/* The file malloc comes from in this process: the allocator under test. */
static const char *malloc_lib(void)
{
	void *sym = dlsym(RTLD_DEFAULT, "malloc");
	Dl_info info;

	if (sym && dladdr(sym, &info) && info.dli_fname)
		return info.dli_fname;
	return "";
}

/* The child checks the preload took: malloc must come from the library. */
static int check_allocator(const char *as, const char *lib)
{
	int i = allocator_index(as);
	const char *base = strrchr(lib, '/') ? strrchr(lib, '/') + 1 : lib;

	if (i < 0)
		return fail("--as '%s': no such allocator", as);
	if (strcmp(base, allocators[i].file)) {
		fprintf(stderr, "%s: %s: malloc comes from '%s', not %s\n",
			prog, as, lib, allocators[i].file);
		return 1;
	}
	return 0;
}

/* Appends FILE's lines to @out. */
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

/* argv without the runner's own options, room for the child's. */
static char **child_argv(int argc, char **argv, int *n)
{
	char **a = calloc((size_t)argc + 12, sizeof(*a));
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

static int run_child(char **a, int n, const char *preload, const char *tmp)
{
	pid_t pid;
	int st;

	a[n] = NULL;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		if (preload)
			setenv("LD_PRELOAD", preload, 1);
		else
			unsetenv("LD_PRELOAD");
		(void)tmp;
		execv("/proc/self/exe", a);
		fprintf(stderr, "%s: exec /proc/self/exe: %s\n", prog, strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -errno;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* --allocators / --fresh: the grid in one process per allocator (per point). */
static int run_children(int argc, char **argv, const struct uopts *o,
			unsigned int npoints)
{
	FILE *out = stdout;
	char *list = strdup(o->allocators ? o->allocators : "glibc");
	char path[PATH_MAX], tmp[] = "/tmp/slabwall-user.XXXXXX";
	char idx[16], only[16];
	char *names[NALLOCATORS], *tok, *save = NULL, **a;
	unsigned int nn = 0, i, p;
	int n, base = 0, ret = 0, fd, ai;

	if (!list)
		return 1;
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		ai = allocator_index(tok);
		if (ai < 0) {
			fprintf(stderr, "%s: --allocators '%s': not one of glibc, jemalloc, tcmalloc, mimalloc\n",
				prog, tok);
			ret = 2;
		} else if (ai && find_lib(allocators[ai].file, path, sizeof(path))) {
			fprintf(stderr, "%s: --allocators %s: %s not found (Debian package %s; 'make deps' installs it)\n",
				prog, tok, allocators[ai].file,
				ai == 1 ? "libjemalloc2" : ai == 2 ? "libtcmalloc-minimal4" :
				"libmimalloc2.0");
			ret = 2;
		}
		for (i = 0; i < nn; i++)
			if (!strcmp(names[i], tok))
				break;
		if (i < nn || nn == NALLOCATORS) {
			fprintf(stderr, "%s: --allocators '%s': given twice\n", prog, tok);
			ret = 2;
		} else {
			names[nn++] = tok;
		}
	}
	if (!ret && o->out && strcmp(o->out, "-")) {
		out = fopen(o->out, "we");
		if (!out) {
			fprintf(stderr, "%s: --out %s: %s\n", prog, o->out, strerror(errno));
			out = stdout;
			ret = 1;
		}
	}
	if (!ret && o->pin_mb)
		ret = upin_header(out);
	else if (!ret)
		upoint_write_csv(out, &o->k, NULL, 0, 1);
	fd = ret ? -1 : mkstemp(tmp);
	a = child_argv(argc, argv, &base);
	if (!ret && (fd < 0 || !a)) {
		fprintf(stderr, "%s: %s: %s\n", prog, tmp, strerror(errno));
		ret = 1;
	}
	if (fd >= 0)
		close(fd);
	if (!ret && !o->pin_mb)
		upoint_table_header(stdout);
	for (i = 0; !ret && i < nn; i++) {
		ai = allocator_index(names[i]);
		if (ai)
			find_lib(allocators[ai].file, path, sizeof(path));
		for (p = 0; p < (o->fresh && !o->pin_mb ? npoints : 1); p++) {
			n = base;
			a[n++] = "--as";
			a[n++] = names[i];
			snprintf(idx, sizeof(idx), "%u", i);
			a[n++] = "--index";
			a[n++] = idx;
			a[n++] = "--out";
			a[n++] = tmp;
			a[n++] = "--no-header";
			if (o->fresh && !o->pin_mb) {
				snprintf(only, sizeof(only), "%u", p);
				a[n++] = "--only-point";
				a[n++] = only;
			}
			ret = run_child(a, n, ai ? path : NULL, tmp);
			if (ret) {
				fprintf(stderr, "%s: the run under %s failed (status %d)\n",
					prog, names[i], ret);
				break;
			}
			if (append_file(tmp, out)) {
				fprintf(stderr, "%s: %s: %s\n", prog, tmp, strerror(errno));
				ret = 1;
			}
		}
	}
	if (fd >= 0)
		unlink(tmp);
	free(a);
	free(list);
	if (out != stdout && fclose(out) && !ret) {
		fprintf(stderr, "%s: --out %s: %s\n", prog, o->out, strerror(errno));
		ret = 1;
	}
	return ret;
}

int main(int argc, char **argv)
{
	struct uopts o = { 0 };
	struct upoint *p;
	unsigned int n, i;
	char *text;
	FILE *out = stdout;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	p = make_grid(&o, &n);
	if (!p)
		return fail("out of memory");
	if (o.only_point >= (long)n)
		return fail("--only-point: the grid has fewer points");
	o.k.tunables = getenv("GLIBC_TUNABLES");
	o.k.malloc_lib = malloc_lib();
	o.k.allocator = o.as ? o.as : "glibc";
	if (!o.as && (o.allocators || o.fresh)) {
		ret = run_children(argc, argv, &o, n);
		goto done;
	}
	if (o.as) {
		ret = check_allocator(o.as, o.k.malloc_lib);
	} else if (check_allocator("glibc", o.k.malloc_lib)) {
		fprintf(stderr, "%s: for another allocator use --allocators NAME, which preloads it and says so in the CSV\n",
			prog);
		ret = 2;
	}
	if (ret)
		goto done;
	if (o.out && strcmp(o.out, "-")) {
		out = fopen(o.out, "we");
		if (!out) {
			fprintf(stderr, "%s: --out %s: %s\n", prog, o.out, strerror(errno));
			return 1;
		}
	}
	if (o.pin_mb) {
		ret = o.no_header ? 0 : upin_header(out);
		if (!ret)
			ret = upin_run(out, o.k.allocator, o.pin_mb);
		if (ret)
			fprintf(stderr, "%s: --pin-test: %s\n", prog, strerror(-ret));
		goto done;
	}
	if (o.k.mmap_threshold >= 0 &&
	    !mallopt(M_MMAP_THRESHOLD, (int)o.k.mmap_threshold)) {
		fprintf(stderr, "%s: --mmap-threshold %ld: mallopt refused it\n", prog,
			o.k.mmap_threshold);
		ret = 2;
		goto done;
	}
	text = ureq_make_text(o.k.work_bytes);
	if (!text) {
		ret = fail("out of memory");
		goto done;
	}
	if (!o.as)
		upoint_table_header(stdout);
	for (i = 0; i < n; i++) {
		if (o.only_point >= 0 && (long)i != o.only_point)
			continue;
		run_point(&o, &p[i], text);
		upoint_table_row(stdout, &o.k, &p[i]);
		fflush(stdout);
	}
	if (o.only_point >= 0) {
		ret = upoint_write_csv(out, &o.k, &p[o.only_point], 1, !o.no_header);
	} else {
		ret = upoint_write_csv(out, &o.k, p, n, !o.no_header);
	}
	if (ret)
		fprintf(stderr, "%s: writing %s: %s\n", prog, o.out ? o.out : "stdout",
			strerror(-ret));
	for (i = 0; i < n; i++)
		if (!strcmp(p[i].status, "failed") && !ret)
			ret = 1;
	free(text);
done:
	for (i = 0; i < n; i++)
		free(p[i].res);
	free(p);
	if (out != stdout && fclose(out) && !ret) {
		fprintf(stderr, "%s: --out %s: %s\n", prog, o.out, strerror(errno));
		ret = 1;
	}
	return ret ? (ret > 0 ? ret : 1) : 0;
}
