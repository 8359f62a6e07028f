// SPDX-License-Identifier: GPL-2.0
/*
 * The page counters of /proc/vmstat: read from fake files, through a
 * snapshot's before and after, and into a sweep point's pages per op.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fakefs.h"
#include "snapshot.h"
#include "sweep_result.h"
#include "vmstat.h"

static int setup(void **state)
{
	*state = fake_mkdtemp();
	return 0;
}

static int teardown(void **state)
{
	fake_rmtree(*state);
	free(*state);
	return 0;
}

static const char *path_of(const char *root, const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", root, name);
	return path;
}

static void test_zones_add_up(void **state)
{
	const char *root = *state;
	struct vmstat_pages v;
	struct swerr e;

	fake_write(root, "vmstat",
		   "nr_free_pages 12345\n"
		   "pgalloc_dma 10\n"
		   "pgalloc_dma32 2000\n"
		   "pgalloc_normal 300000\n"
		   "pgalloc_movable 0\n"
		   "allocstall_normal 7\n"
		   "pgfree 302500\n"
		   "pgfault 99\n");
	assert_int_equal(vmstat_read_pages(path_of(root, "vmstat"), &v, &e), 0);
	assert_true(v.pgalloc.present);
	assert_int_equal(v.pgalloc.v, 302010);
	assert_true(v.pgfree.present);
	assert_int_equal(v.pgfree.v, 302500);
}

static void test_missing_and_bad(void **state)
{
	const char *root = *state;
	struct vmstat_pages v;
	struct swerr e;

	/* pgfree_... is not pgfree; no zone lines: pgalloc unknown, not 0. */
	fake_write(root, "vmstat", "pgfree_something 5\npgfree 8");
	assert_int_equal(vmstat_read_pages(path_of(root, "vmstat"), &v, &e), 0);
	assert_false(v.pgalloc.present);
	assert_int_equal(v.pgfree.v, 8);

	fake_write(root, "vmstat", "pgalloc_normal -3\n");
	assert_int_equal(vmstat_read_pages(path_of(root, "vmstat"), &v, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "pgalloc_normal"));

	fake_write(root, "vmstat", "pgalloc_dma 18446744073709551615\npgalloc_normal 1\n");
	assert_int_equal(vmstat_read_pages(path_of(root, "vmstat"), &v, &e), -EOVERFLOW);

	assert_int_equal(vmstat_read_pages(path_of(root, "none"), &v, &e), -ENOENT);
}

static void test_snapshot_delta(void **state)
{
	const char *root = *state;
	char meminfo[4096], vmstat[4096];
	struct snapshot s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	snprintf(meminfo, sizeof(meminfo), "%s", path_of(root, "meminfo"));
	snprintf(vmstat, sizeof(vmstat), "%s", path_of(root, "vmstat"));
	fake_write(root, "meminfo", "Slab: 100 kB\nSReclaimable: 40 kB\nSUnreclaim: 60 kB\n");
	fake_write(root, "vmstat", "pgalloc_normal 1000\npgalloc_dma32 5\npgfree 900\n");
	/* No caches: the slab root is never read. */
	snap_init(&s, root, meminfo);
	s.vmstat_path = vmstat;
	snap_take(&s, false);
	fake_write(root, "vmstat", "pgalloc_normal 1400\npgalloc_dma32 5\npgfree 1250\n");
	snap_take(&s, true);
	assert_true(s.have_vm_before && s.have_vm_after);
	assert_int_equal(s.vm_after.pgalloc.v - s.vm_before.pgalloc.v, 400);

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	snap_print(f, &s);
	fclose(f);
	assert_non_null(strstr(buf, "pgalloc (pages)"));
	assert_non_null(strstr(buf, "+400"));
	assert_non_null(strstr(buf, "+350"));
	free(buf);
}

/* The median of each run's own pages per op, not of the sums. */
static void test_pgalloc_per_op(void **state)
{
	const double ops[] = { 1000, 10, 500 };
	const double pages[] = { 4000, 50, 1000 };
	struct sr_run runs[3];
	struct sr_point p;
	size_t k;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.runs = runs;
	for (k = 0; k < 3; k++) {
		sr_run_clear(&runs[k]);
		runs[k].stat[SR_OPS] = ops[k];
		runs[k].vm[SR_V_PGALLOC] = pages[k];
		runs[k].vm[SR_V_PGFREE] = pages[k] + 1;
	}
	p.nruns = 3;
	sr_summarize(&p);
	assert_float_equal(p.pgalloc_per_op, 4, 1e-12);	/* of 4, 5, 2 */
	assert_float_equal(p.vm_delta[SR_V_PGALLOC], 1000, 0);
	assert_float_equal(p.vm_delta[SR_V_PGFREE], 1001, 0);

	/* A run without vmstat leaves the number unknown, not 0. */
	for (k = 0; k < 3; k++)
		runs[k].vm[SR_V_PGALLOC] = NAN;
	sr_summarize(&p);
	assert_true(isnan(p.pgalloc_per_op));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_zones_add_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_and_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_delta, setup, teardown),
		cmocka_unit_test(test_pgalloc_per_op),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
