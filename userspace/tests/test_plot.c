// SPDX-License-Identifier: GPL-2.0
/* slabwall plot with two CSVs, and where it puts knee circles. */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "plot_gp.h"

/* Two lines (local, remote), knees at 64 (local) and none (remote). */
static const char sweep_a[] =
	"allocs_per_op,ops_per_sec,p99_ns,free,ncpus,pattern,strategy,status,alloc_knee,pgalloc_per_op\n"
	"0,1000000,900,local,1,skb,slab,ok,64,0\n"
	"8,100000,9000,local,1,skb,slab,ok,64,0.01\n"
	"64,10000,99000,local,1,skb,slab,ok,64,2\n"
	"256,2000,500000,local,1,skb,slab,ok,64,80\n"
	"8,90000,9000,remote,1,skb,slab,ok,,\n"
	"64,9000,99000,remote,1,skb,slab,failed,,\n";
/* The same knobs as another run: no pgalloc_per_op column. */
static const char sweep_b[] =
	"allocs_per_op,ops_per_sec,p99_ns,free,ncpus,pattern,strategy\n"
	"8,50000,9000,local,1,skb,slab\n"
	"32,9000,99000,local,1,skb,slab\n";

static void test_two_csvs(void **state)
{
	struct plot_data *d = calloc(1, sizeof(*d));
	struct csv_table a, b;
	char *gp = NULL;
	struct swerr e;
	size_t len;
	FILE *f;

	(void)state;
	assert_non_null(d);
	assert_int_equal(csv_parse(sweep_a, "run/6.1.csv", &a, &e), 0);
	assert_int_equal(csv_parse(sweep_b, "ref.csv", &b, &e), 0);
	plot_data_init(d);
	assert_int_equal(plot_data_add(&a, "run/6.1.csv", "6.1", d, &e), 0);
	assert_int_equal(plot_data_add(&b, "ref.csv", "reference", d, &e), 0);
	assert_int_equal(plot_data_done(d, &e), 0);

	assert_int_equal(d->nseries, 2);
	assert_string_equal(d->labels[0], "6.1");
	assert_string_equal(d->labels[1], "reference");
	assert_int_equal(d->nlines, 3);		/* 6.1 local, 6.1 remote, ref local */
	assert_int_equal(d->skipped, 1);	/* the failed row */
	assert_string_equal(d->lines[0].title, "6.1: 1 CPU, local free");
	assert_string_equal(d->lines[2].title, "reference: 1 CPU, local free");
	assert_int_equal(d->lines[2].series, 1);
	/* The same knobs in both files: the same colour. */
	assert_int_equal(d->lines[0].color, d->lines[2].color);
	assert_int_equal(d->nx, 4);		/* 8, 32, 64, 256 from both */
	assert_float_equal(d->lines[0].pts[3].pages, 80, 0);
	assert_true(isnan(d->lines[2].pts[0].pages));

	d->pages = true;
	assert_non_null(strstr(plot_terminal_for(d, "w.svg", false), "1250,1650"));
	f = open_memstream(&gp, &len);
	plot_write_script(f, d, plot_terminal_for(d, "w.svg", false), "w.svg");
	fclose(f);
	assert_non_null(strstr(gp, "multiplot layout 4,1"));
	assert_non_null(strstr(gp, "all CPUs together"));
	assert_non_null(strstr(gp, "'reference: 1 CPU, local free'"));
	assert_non_null(strstr(gp, "using 1:7 with linespoints"));
	free(gp);
	csv_free(&a);
	csv_free(&b);
	free(d);
}

/* The twin's CSV (slabwall-user): its ncpus is a thread count. */
static const char twin[] =
	"allocs_per_op,ops_per_sec,p99_ns,free,ncpus,threads,pattern,strategy,allocator\n"
	"1,500000,4000,local,1,1,manifest,per_request,glibc\n"
	"32,100000,9000,local,1,1,manifest,per_request,glibc\n"
	"1,300000,5000,local,4,4,manifest,per_request,glibc\n";

static void test_twin_threads(void **state)
{
	struct plot_data *d = calloc(1, sizeof(*d));
	struct csv_table a, b;
	char *gp = NULL;
	struct swerr e;
	size_t len;
	FILE *f;

	(void)state;
	assert_non_null(d);
	assert_int_equal(csv_parse(twin, "user.csv", &a, &e), 0);
	assert_int_equal(plot_data_from_csv(&a, "user.csv", d, &e), 0);
	assert_int_equal(d->nlines, 2);
	assert_string_equal(d->lines[0].title, "1 thread, local free");
	assert_string_equal(d->lines[1].title, "4 threads, local free");
	f = open_memstream(&gp, &len);
	plot_write_script(f, d, plot_terminal_for(d, "w.svg", false), "w.svg");
	fclose(f);
	assert_non_null(strstr(gp, "all threads together, not per thread"));
	assert_null(strstr(gp, "CPU"));
	free(gp);

	/* With a kernel sweep: each side keeps its own word. */
	assert_int_equal(csv_parse(sweep_b, "sweep.csv", &b, &e), 0);
	plot_data_init(d);
	assert_int_equal(plot_data_add(&b, "sweep.csv", "kernel", d, &e), 0);
	assert_int_equal(plot_data_add(&a, "user.csv", "twin", d, &e), 0);
	assert_int_equal(plot_data_done(d, &e), 0);
	assert_string_equal(d->lines[0].title, "kernel: 1 CPU, local free");
	assert_string_equal(d->lines[1].title, "twin: 1 thread, local free");
	f = open_memstream(&gp, &len);
	plot_write_script(f, d, plot_terminal_for(d, "w.svg", false), "w.svg");
	fclose(f);
	assert_non_null(strstr(gp, "all CPUs (kernel) or threads (userspace) together"));
	free(gp);
	csv_free(&a);
	csv_free(&b);
	free(d);
}

static void test_a_csv_with_nothing(void **state)
{
	struct plot_data *d = calloc(1, sizeof(*d));
	struct csv_table t;
	struct swerr e;

	(void)state;
	assert_non_null(d);
	assert_int_equal(csv_parse("allocs_per_op,ops_per_sec,p99_ns,free,ncpus,pattern,strategy\n"
				   "0,5,1,local,1,skb,slab\n", "null.csv", &t, &e), 0);
	plot_data_init(d);
	assert_int_equal(plot_data_add(&t, "null.csv", NULL, d, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "null.csv: no point"));
	csv_free(&t);
	free(d);
}

static void test_label_of(void **state)
{
	char buf[32];

	(void)state;
	plot_label_of("results/lab-tax-1/tax.csv", buf, sizeof(buf));
	assert_string_equal(buf, "tax");
	plot_label_of("6.12.CSV", buf, sizeof(buf));
	assert_string_equal(buf, "6.12");
	plot_label_of(".csv", buf, sizeof(buf));
	assert_string_equal(buf, ".csv");
	plot_label_of("sweep", buf, sizeof(buf));
	assert_string_equal(buf, "sweep");
}

static void test_knee_rings(void **state)
{
	/* Two knees on one spot, one near it, one elsewhere. */
	const double xs[] = { 256, 256, 256, 64 };
	const double ys[] = { 2000, 2100, 4000, 2000 };
	unsigned int ring[4];
	size_t at[4];

	(void)state;
	plot_knee_rings(xs, ys, 4, 1.15, 1.15, ring, at);
	assert_int_equal(ring[0], 0);
	assert_int_equal(ring[1], 1);		/* 5% above the first */
	assert_int_equal(at[1], 0);		/* round the first's centre */
	assert_int_equal(ring[2], 0);		/* twice as high: apart */
	assert_int_equal(at[2], 2);
	assert_int_equal(ring[3], 0);
	plot_knee_rings(xs, ys, 4, 1.15, 1.15, ring, NULL);
	assert_int_equal(ring[1], 1);
	/* A panel spanning less: twice as high is close too. */
	plot_knee_rings(xs, ys, 4, 1.15, 2.5, ring, at);
	assert_int_equal(ring[2], 2);
	assert_int_equal(at[2], 0);
}

/* One line with every panel's numbers, a knee at 64. */
static const char sweep_c[] =
	"allocs_per_op,ops_per_sec,p99_ns,free,ncpus,pattern,strategy,ns_per_alloc,alloc_knee\n"
	"1,100000,9000,local,1,skb,slab,1000,64\n"
	"8,12000,90000,local,1,skb,slab,1000,64\n"
	"64,800,990000,local,1,skb,slab,2000,64\n"
	"256,200,5000000,local,1,skb,slab,2100,64\n";

/* The script that draws sweep_c into @out. */
static void write_script(const char *out, char **gp)
{
	struct plot_data *d = calloc(1, sizeof(*d));
	struct csv_table t;
	struct swerr e;
	size_t len;
	FILE *f;

	assert_non_null(d);
	assert_int_equal(csv_parse(sweep_c, "c.csv", &t, &e), 0);
	assert_int_equal(plot_data_from_csv(&t, "c.csv", d, &e), 0);
	f = open_memstream(gp, &len);
	assert_non_null(f);
	plot_write_script(f, d, plot_terminal(out, false), out);
	fclose(f);
	csv_free(&t);
	free(d);
}

/* Characters enhanced text would read as markup, in a directory name. */
#define MARKUP_DIR "plot_^{x}@&~"

static void test_output_path_literal(void **state)
{
	const char *out = "out/" MARKUP_DIR "/my_wall.svg";
	char *gp = NULL;

	(void)state;
	write_script(out, &gp);
	/* A file name is not enhanced text: nothing escaped. */
	assert_non_null(strstr(gp, "set output 'out/" MARKUP_DIR "/my_wall.svg'\n"));
	free(gp);
}

/* gnuplot draws into a directory named with markup characters. */
static void test_gnuplot_in_markup_dir(void **state)
{
	char dir[] = "/tmp/slabwall-" MARKUP_DIR "-XXXXXX";
	char out[sizeof(dir) + 16], script[sizeof(out) + 3];
	char *argv[] = { "gnuplot", script, NULL };
	struct stat st;
	char *gp = NULL;
	int status;
	pid_t pid;
	FILE *f;

	(void)state;
	if (system("gnuplot --version >/dev/null 2>&1"))
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(out, sizeof(out), "%s/my_wall.svg", dir);
	snprintf(script, sizeof(script), "%s.gp", out);
	write_script(out, &gp);
	f = fopen(script, "w");
	assert_non_null(f);
	fputs(gp, f);
	fclose(f);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		execvp(argv[0], argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(stat(out, &st), 0);
	assert_true(st.st_size > 0);
	unlink(out);
	unlink(script);
	assert_int_equal(rmdir(dir), 0);
	free(gp);
}

/* Four lines, knees two by two on one spot: nothing may crowd the data. */
static void test_knee_marks(void **state)
{
	static const char csv[] =
		"allocs_per_op,ops_per_sec,p99_ns,free,ncpus,cpus,pattern,strategy,ns_per_alloc,alloc_knee\n"
		"1,100000,9000,local,1,0,skb,slab,1000,64\n"
		"8,12000,90000,local,1,0,skb,slab,1000,64\n"
		"64,800,990000,local,1,0,skb,slab,2000,64\n"
		"256,200,5000000,local,1,0,skb,slab,2100,64\n"
		"1,100000,9000,local,2,0-1,skb,slab,1000,64\n"
		"8,12000,90000,local,2,0-1,skb,slab,1000,64\n"
		"64,850,990000,local,2,0-1,skb,slab,2050,64\n"
		"256,200,5000000,local,2,0-1,skb,slab,2100,64\n"
		"1,100000,9000,remote,1,0,skb,slab,1000,\n"
		"8,12000,90000,remote,1,0,skb,slab,1000,\n"
		"64,800,990000,remote,1,0,skb,slab,1100,\n"
		"256,200,5000000,remote,1,0,skb,slab,1200,\n";
	struct plot_data *d = calloc(1, sizeof(*d));
	struct csv_table t;
	char *gp = NULL;
	struct swerr e;
	size_t len;
	FILE *f;

	(void)state;
	assert_non_null(d);
	assert_int_equal(csv_parse(csv, "k.csv", &t, &e), 0);
	assert_int_equal(plot_data_from_csv(&t, "k.csv", d, &e), 0);
	f = open_memstream(&gp, &len);
	plot_write_script(f, d, "svg", "k.svg");
	fclose(f);
	/* The knee is named in the key, where entries never overlap... */
	assert_non_null(strstr(gp, "title '1 CPU, local free; knee at 64'"));
	assert_non_null(strstr(gp, "title '2 CPUs, local free; knee at 64'"));
	assert_non_null(strstr(gp, "title '1 CPU, remote free'"));
	/* ...not in labels and arrows over the curves. */
	assert_null(strstr(gp, "set label"));
	assert_null(strstr(gp, "set arrow 1 "));
	/* Two knees within 15%: one ring round the other, the same centre. */
	assert_non_null(strstr(gp, "set object 1 circle at 64,2000 size screen 0.012"));
	assert_non_null(strstr(gp, "set object 2 circle at 64,2000 size screen 0.019"));
	/* The throughput is the total, and says so. */
	assert_non_null(strstr(gp, "all CPUs together, not per CPU"));
	free(gp);
	csv_free(&t);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_csvs),
		cmocka_unit_test(test_twin_threads),
		cmocka_unit_test(test_a_csv_with_nothing),
		cmocka_unit_test(test_label_of),
		cmocka_unit_test(test_knee_rings),
		cmocka_unit_test(test_knee_marks),
		cmocka_unit_test(test_output_path_literal),
		cmocka_unit_test(test_gnuplot_in_markup_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
