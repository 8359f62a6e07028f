// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall-user: the userspace twin of the kernel sweep.  A program of its
 * own, not a slabwall subcommand: the allocator under test is swapped in
 * with LD_PRELOAD, and slabwall links libtracecmd, libbpf and friends,
 * whose own allocations and constructors would share the heap being
 * measured.  This binary links libc (pthreads, libdl, libm) only.
 */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "user_opts.h"
#include "user_pin.h"
#include "user_runner.h"

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

/* The grid (or one point of it) in this process, under its own malloc. */
static int run_here(const struct uopts *o, struct upoint *p, unsigned int n,
		    FILE *out, FILE *raw)
{
	unsigned int i, from = 0, to = n;
	char *text;
	int ret = 0;

	if (o->k.mmap_threshold >= 0 &&
	    !mallopt(M_MMAP_THRESHOLD, (int)o->k.mmap_threshold))
		return fail("--mmap-threshold %ld: mallopt refused it",
			    o->k.mmap_threshold);
	text = ureq_make_text(o->k.work_bytes);
	if (!text)
		return fail("out of memory");
	if (o->only_point >= 0) {
		from = (unsigned int)o->only_point;
		to = from + 1;
	}
	if (!raw)
		upoint_table_header(stdout);
	for (i = from; i < to; i++) {
		run_point(o, &p[i], text);
		if (raw) {
			if (urunner_put_runs(raw, i, &p[i]))
				ret = fail("--raw %s: %s", o->raw, strerror(EIO));
			continue;
		}
		upoint_table_row(stdout, &o->k, &p[i]);
		fflush(stdout);
		if (strcmp(p[i].status, "ok"))
			ret = 1;
	}
	free(text);
	if (!raw && upoint_write_csv(out, &o->k, p + from, to - from, !o->no_header))
		ret = fail("writing %s: %s", o->out ? o->out : "stdout",
			   strerror(EIO));
	return ret;
}

int main(int argc, char **argv)
{
	struct uopts o = { 0 };
	struct upoint *p;
	unsigned int n, i;
	FILE *out = stdout;
	const char *path = NULL;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	p = make_grid(&o, &n);
	if (!p)
		return fail("out of memory");
	if (o.only_point >= (long)n) {
		free(p);
		return fail("--only-point %ld: the grid has %u points", o.only_point, n);
	}
	o.k.tunables = getenv("GLIBC_TUNABLES");
	o.k.malloc_lib = urunner_malloc_lib();
	o.k.allocator = o.as ? o.as : "glibc";
	if (!o.as && (o.allocators || o.fresh)) {
		ret = urunner_run(argc, argv, &o);
		goto done;
	}
	if (o.as) {
		ret = urunner_check(o.as, o.k.malloc_lib);
	} else if (urunner_check("glibc", o.k.malloc_lib)) {
		fprintf(stderr, "%s: for another allocator use --allocators NAME, which preloads it and says so in the CSV\n",
			prog);
		ret = 2;
	}
	if (ret)
		goto done;
	path = o.raw ? o.raw : o.out;
	if (path && strcmp(path, "-")) {
		out = fopen(path, "we");
		if (!out) {
			ret = fail("%s %s: %s", o.raw ? "--raw" : "--out", path,
				   strerror(errno));
			out = stdout;
			goto done;
		}
	}
	if (o.pin_mb) {
		ret = o.no_header ? 0 : upin_header(out);
		if (!ret)
			ret = upin_run(out, o.k.allocator, o.pin_mb);
		if (ret)
			ret = fail("--pin-test: %s", strerror(-ret));
		goto done;
	}
	ret = run_here(&o, p, n, out, o.raw ? out : NULL);
done:
	for (i = 0; i < n; i++)
		free(p[i].res);
	free(p);
	if (out != stdout && fclose(out) && !ret)
		ret = fail("%s: %s", path, strerror(errno));
	return ret;
}
