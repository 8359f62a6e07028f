// SPDX-License-Identifier: GPL-2.0
/*
 * The allocation knee under noise, by Monte Carlo: sweeps of a synthetic
 * line, each point run a few times as `slabwall sweep --repeat` does, with
 * noise shaped like the reference runs (docs/labs/reference): a few per
 * cent of jitter on every run and now and then a run slowed by the host.
 * Seeded, so every run of the test draws the same sweeps.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csvr.h"
#include "knee.h"
#include "spread.h"

#define SWEEPS		2000
#define REPEAT		3	/* the sweep's default --repeat */
#define MAX_FP_RATE	0.05
#define MIN_FOUND_RATE	0.90

/* allocs_per_op of the default sweep; 0 is the null operation. */
static const double allocs[] = { 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512,
				 1024 };
#define NA (sizeof(allocs) / sizeof(allocs[0]))

struct noise {
	double jitter;		/* sigma of the log of every run's factor */
	double p_slow;		/* chance that the host slows a run */
	double slow_max;	/* by a factor up to this */
};

/* In the reference runs: ranges of 10-20%, one run in five up to 1.6x. */
static const struct noise reference_noise = { 0.08, 0.2, 1.6 };
static const struct noise loaded_noise = { 0.15, 0.2, 2.0 };

/* splitmix64: small, seeded, the same on every machine. */
static uint64_t rng_state;

static double uniform01(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return ((double)(z >> 11) + 0.5) / 9007199254740992.0;	/* 2^53 */
}

static double gaussian(void)
{
	return sqrt(-2 * log(uniform01())) * cos(2 * M_PI * uniform01());
}

static double noisy(double ns, const struct noise *nz)
{
	double f = exp(nz->jitter * gaussian());

	if (uniform01() < nz->p_slow)
		f *= 1.1 + (nz->slow_max - 1.1) * uniform01();
	return ns * f;
}

/*
 * A line whose operation costs @null_ns plus @alloc_ns per allocation, times
 * @mult from @knee_at allocations on: @op gets each point's ns_per_op over
 * REPEAT runs (median, min, max), as the sweep summarises them.
 */
static void measure_line(double null_ns, double alloc_ns, double knee_at,
			 double mult, const struct noise *nz, struct spread *op)
{
	double runs[REPEAT], cost;
	size_t i, r;

	for (i = 0; i < NA; i++) {
		cost = alloc_ns * (allocs[i] >= knee_at ? mult : 1);
		for (r = 0; r < REPEAT; r++)
			runs[r] = noisy(null_ns + allocs[i] * cost, nz);
		spread_of(runs, REPEAT, &op[i]);
	}
}

/* The knee of one measured line, on its net cost per allocation. */
static double knee_of(const struct spread *op)
{
	struct knee_pt pts[NA - 1];
	struct knee_rise k;
	size_t i;

	for (i = 1; i < NA; i++)
		knee_net_point(allocs[i], &op[i], &op[0], &pts[i - 1]);
	knee_find_rise(pts, NA - 1, 1, 8, 1.5, &k);
	return k.status == KNEE_FOUND ? k.x : NAN;
}

/* The share of @SWEEPS sweeps whose knee is @want (NaN: any knee at all). */
static double rate(uint64_t seed, double null_ns, double alloc_ns,
		   double knee_at, double mult, const struct noise *nz,
		   double want)
{
	struct spread op[NA];
	size_t s, hits = 0;
	double x;

	rng_state = seed;
	for (s = 0; s < SWEEPS; s++) {
		measure_line(null_ns, alloc_ns, knee_at, mult, nz, op);
		x = knee_of(op);
		hits += isnan(want) ? !isnan(x) : x == want;
	}
	return (double)hits / SWEEPS;
}

/* Flat true cost: any knee found is a false positive. */
static void flat(double null_ns, double alloc_ns, const struct noise *nz,
		 const char *what)
{
	double fp = rate(1, null_ns, alloc_ns, INFINITY, 1, nz, NAN);

	print_message("flat, %s: %.1f%% of %d sweeps report a knee\n", what,
		      fp * 100, SWEEPS);
	assert_true(fp < MAX_FP_RATE);
}

static void test_flat_cheap_null(void **state)
{
	(void)state;
	/* The reference runs: null operation 200 ns, 900 ns an allocation. */
	flat(200, 900, &reference_noise, "null 200 ns, 900 ns/alloc");
	flat(200, 900, &loaded_noise, "null 200 ns, 900 ns/alloc, loaded host");
}

static void test_flat_costly_null(void **state)
{
	(void)state;
	/*
	 * Work in each operation (--work) makes the null operation dominate:
	 * the net cost of 1..8 allocations is a small difference of two
	 * noisy numbers, and the baseline is mostly noise.
	 */
	flat(2000, 100, &reference_noise, "null 2000 ns, 100 ns/alloc");
	flat(5000, 100, &loaded_noise, "null 5000 ns, 100 ns/alloc, loaded host");
}

static void test_real_knee_found(void **state)
{
	double found;

	(void)state;
	/* From 64 allocations on each costs twice as much. */
	found = rate(2, 200, 900, 64, 2, &reference_noise, 64);
	print_message("knee x2 at 64: found at 64 in %.1f%% of %d sweeps\n",
		      found * 100, SWEEPS);
	assert_true(found >= MIN_FOUND_RATE);
	found = rate(3, 200, 900, 64, 3, &loaded_noise, 64);
	print_message("knee x3 at 64, loaded host: found at 64 in %.1f%% of %d sweeps\n",
		      found * 100, SWEEPS);
	assert_true(found >= MIN_FOUND_RATE);
}

/* A column of row @r as a number. */
static double cell(const struct csv_table *t, size_t r, const char *name)
{
	int c = csv_col(t, name);

	assert_true(c >= 0);
	return strtod(t->rows[r][c], NULL);
}

/*
 * The tax lab's reference run (docs/labs/reference/tax): 5 runs a point
 * on a quiet host, a real knee where pages start to come from the page
 * allocator.  The spread rule keeps it where the ratio alone put it.
 */
static void test_reference_run_keeps_its_knee(void **state)
{
	struct knee_pt pts[32];
	struct spread op, null_op = { 0 };
	struct csv_table t;
	struct knee_rise k;
	struct swerr e;
	size_t r, n = 0;

	(void)state;
	assert_int_equal(csv_read_file("../docs/labs/reference/tax/tax.csv", &t, &e), 0);
	for (r = 0; r < t.nrows; r++) {
		op = (struct spread){ (size_t)cell(&t, r, "runs"),
				      cell(&t, r, "ns_per_op"),
				      cell(&t, r, "ns_per_op_min"),
				      cell(&t, r, "ns_per_op_max") };
		if (cell(&t, r, "allocs_per_op") == 0)
			null_op = op;
	}
	assert_true(null_op.n > 1);	/* repeats, so a spread */
	for (r = 0; r < t.nrows && n < 32; r++) {
		op = (struct spread){ (size_t)cell(&t, r, "runs"),
				      cell(&t, r, "ns_per_op"),
				      cell(&t, r, "ns_per_op_min"),
				      cell(&t, r, "ns_per_op_max") };
		if (cell(&t, r, "allocs_per_op") > 0)
			knee_net_point(cell(&t, r, "allocs_per_op"), &op, &null_op,
				       &pts[n++]);
	}
	knee_find_rise(pts, n, 1, 8, 1.5, &k);
	assert_int_equal(k.status, KNEE_FOUND);
	assert_float_equal(k.x, cell(&t, 0, "alloc_knee"), 0);
	csv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flat_cheap_null),
		cmocka_unit_test(test_flat_costly_null),
		cmocka_unit_test(test_real_knee_found),
		cmocka_unit_test(test_reference_run_keeps_its_knee),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
