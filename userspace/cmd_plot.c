// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall plot: draw a sweep.csv with gnuplot.  The script is written
 * next to each output (OUTPUT.gp, data inline) so it can be rerun or
 * edited; the format follows the output's extension.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "csvr.h"
#include "plot_gp.h"

#define MAX_OUTPUTS 8

static void usage(FILE *f)
{
	fprintf(f,
		"usage: slabwall plot FILE.csv [FILE.csv...] -o OUTPUT [-o OUTPUT...]\n"
		"                     [--label NAME...] [--title TEXT] [--pages]\n"
		"                     [--gnuplot PATH]\n"
		"\n"
		"Draws a sweep.csv made by 'slabwall sweep' with gnuplot: throughput\n"
		"(all CPUs together), cost per allocation and p99 latency against\n"
		"allocations per operation, log-log, one line per strategy, CPU set and\n"
		"free mode, each line's knee marked.  allocs_per_op 0 (the null\n"
		"operation) is drawn as a lone point left of a dotted line, at half the\n"
		"smallest other value, labelled 0.  A CSV of slabwall-user (it has a\n"
		"threads column) counts threads, not CPUs, and its lines say so.\n"
		"\n"
		"Two or more CSVs (6.1 beside 6.12, a run beside a reference) are drawn\n"
		"together: the same knobs in the same colour, each file in its own dashes\n"
		"and points, its lines named after the file (or its --label).\n"
		"\n"
		"  -o, --output OUTPUT  .svg or .png (pngcairo when gnuplot has it);\n"
		"                       the gnuplot script goes to OUTPUT.gp\n"
		"  --label NAME         the legend's name for the next CSV, in order\n"
		"                       (repeatable; default: the file name without .csv)\n"
		"  --title TEXT         the title over the panels\n"
		"  --pages              a fourth panel: pgalloc_per_op, pages from the\n"
		"                       page allocator per operation\n"
		"  --gnuplot PATH       the gnuplot to run (default: $GNUPLOT or gnuplot)\n"
		"  --help               this text\n");
}

/* Runs @argv with stdin from /dev/null and, if @quiet, no output. */
static int run(char *const argv[], bool quiet)
{
	int status, fd;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			if (quiet) {
				dup2(fd, STDOUT_FILENO);
				dup2(fd, STDERR_FILENO);
			}
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static bool has_pngcairo(const char *gnuplot)
{
	char *argv[] = { (char *)gnuplot, "-e", "set terminal pngcairo", NULL };

	return run(argv, true) == 0;
}

static int draw(const struct plot_data *d, const char *output,
		const char *gnuplot, int *pngcairo)
{
	char script[PATH_MAX];
	const char *term;
	char *argv[] = { (char *)gnuplot, script, NULL };
	FILE *f;
	int ret;

	if (strstr(output, ".png") && *pngcairo < 0)
		*pngcairo = has_pngcairo(gnuplot);
	term = plot_terminal_for(d, output, *pngcairo > 0);
	if (!term)
		return sw_usage_error("plot",
				      "-o %s: the name must end in .svg or .png",
				      output);
	/* A gnuplot string cannot hold a line break. */
	if (strpbrk(output, "\n\r"))
		return sw_usage_error("plot",
				      "-o: the output name has a line break; gnuplot cannot write to it");
	if (snprintf(script, sizeof(script), "%s.gp", output) >= (int)sizeof(script))
		return sw_usage_error("plot", "-o %s: path too long", output);
	f = fopen(script, "w");
	if (!f) {
		warn("cannot write %s", script);
		return EXIT_FAIL;
	}
	plot_write_script(f, d, term, output);
	if (ferror(f) | fclose(f)) {
		warnx("writing %s failed", script);
		return EXIT_FAIL;
	}
	ret = run(argv, false);
	if (ret == 127) {
		warnx("cannot run %s (install gnuplot-nox, or give --gnuplot PATH)",
		      gnuplot);
		return EXIT_FAIL;
	}
	if (ret) {
		warnx("%s %s failed with status %d; %s may be incomplete", gnuplot,
		      script, ret, output);
		return EXIT_FAIL;
	}
	printf("slabwall plot: wrote %s (gnuplot script %s)\n", output, script);
	return EXIT_OK;
}

static bool any_pages(const struct plot_data *d)
{
	size_t i, j;

	for (i = 0; i < d->nlines; i++)
		for (j = 0; j < d->lines[i].n; j++)
			if (!isnan(d->lines[i].pts[j].pages))
				return true;
	return false;
}

/* Each CSV into @d, named by its --label or its file name. */
static int read_csvs(char **files, int nfiles, const char *const *labels,
		     int nlabels, struct plot_data *d)
{
	char name[128];
	struct csv_table t;
	struct swerr e;
	int i, ret;

	plot_data_init(d);
	for (i = 0; i < nfiles; i++) {
		if (csv_read_file(files[i], &t, &e)) {
			warnx("%s", e.msg);
			return EXIT_FAIL;
		}
		plot_label_of(files[i], name, sizeof(name));
		/* One file: its lines need no name of the file. */
		ret = plot_data_add(&t, files[i], nfiles == 1 ? NULL :
				    i < nlabels ? labels[i] : name, d, &e);
		csv_free(&t);
		if (ret) {
			warnx("%s", e.msg);
			return EXIT_FAIL;
		}
	}
	if (plot_data_done(d, &e)) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_plot(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "title", required_argument, NULL, 't' },
		{ "label", required_argument, NULL, 'l' },
		{ "pages", no_argument, NULL, 'p' },
		{ "gnuplot", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *outputs[MAX_OUTPUTS], *labels[PLOT_MAX_SERIES], *title = NULL;
	const char *gnuplot = getenv("GNUPLOT");
	int c, i, nout = 0, nlabels = 0, nfiles, pngcairo = -1, ret;
	bool pages = false;
	struct plot_data *d;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (nout == MAX_OUTPUTS)
				return sw_usage_error("plot", "at most %d outputs",
						      MAX_OUTPUTS);
			outputs[nout++] = optarg;
			break;
		case 't':
			title = optarg;
			break;
		case 'l':
			if (nlabels == PLOT_MAX_SERIES)
				return sw_usage_error("plot", "at most %d --label",
						      PLOT_MAX_SERIES);
			labels[nlabels++] = optarg;
			break;
		case 'p':
			pages = true;
			break;
		case 'g':
			gnuplot = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return sw_usage_hint("plot");
		}
	}
	nfiles = argc - optind;
	if (nfiles < 1)
		return sw_usage_error("plot",
				      "which CSV file? (slabwall plot FILE.csv -o OUT.svg)");
	if (nfiles > PLOT_MAX_SERIES)
		return sw_usage_error("plot", "at most %d CSV files", PLOT_MAX_SERIES);
	if (nlabels > nfiles)
		return sw_usage_error("plot", "%d --label for %d CSV file(s)",
				      nlabels, nfiles);
	if (!nout)
		return sw_usage_error("plot",
				      "no output: give -o OUT.svg or -o OUT.png");
	if (!gnuplot || !*gnuplot)
		gnuplot = "gnuplot";

	d = calloc(1, sizeof(*d));
	if (!d)
		err(EXIT_FAIL, "out of memory");
	ret = read_csvs(argv + optind, nfiles, labels, nlabels, d);
	if (ret)
		goto out;
	if (d->skipped)
		warnx("%zu row(s) left out (status not ok, no throughput, or over %d lines of %d points)",
		      d->skipped, PLOT_MAX_LINES, PLOT_MAX_POINTS);
	if (title)
		snprintf(d->title, sizeof(d->title), "%s", title);
	d->pages = pages;
	if (pages && !any_pages(d)) {
		warnx("--pages: no pgalloc_per_op in the CSV(s) (docs/csv.md)");
		ret = EXIT_FAIL;
		goto out;
	}
	for (i = 0; i < nout && ret == EXIT_OK; i++)
		ret = draw(d, outputs[i], gnuplot, &pngcairo);
out:
	free(d);
	return ret;
}
