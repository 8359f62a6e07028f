// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strnum.h"
#include "user_opts.h"

const char *prog = "slabwall-user";

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
		"  --duration   ms per run (default 200; closed loop: each thread finishes one\n"
		"               request at least); --repeat runs per point (default 3)\n"
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

int fail(const char *fmt, ...)
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
	O_WORK, O_MMAP, O_OUT, O_ALLOCATORS, O_FRESH, O_AS, O_RAW, O_ONLY,
	O_NO_HEADER, O_PIN,
};

int parse_args(int argc, char **argv, struct uopts *o)
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
		/* the runner's, for the process it starts per allocator and round */
		{ "as", required_argument, NULL, O_AS },
		{ "raw", required_argument, NULL, O_RAW },
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
		case O_RAW:
			o->raw = optarg;
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

struct upoint *make_grid(const struct uopts *o, unsigned int *np)
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
