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
		"usage: slabwall plot FILE.csv -o OUTPUT [-o OUTPUT...] [--title TEXT]\n"
		"                     [--gnuplot PATH]\n"
		"\n"
		"Draws a sweep.csv made by 'slabwall sweep' with gnuplot: throughput,\n"
		"cost per allocation and p99 latency against allocations per operation,\n"
		"log-log, one line per strategy, CPU set and free mode, each line's knee\n"
		"marked.  allocs_per_op 0 (the null operation) is drawn as a lone point\n"
		"left of a dotted line, at half the smallest other value, labelled 0.\n"
		"\n"
		"  -o, --output OUTPUT  .svg or .png (pngcairo when gnuplot has it);\n"
		"                       the gnuplot script goes to OUTPUT.gp\n"
		"  --title TEXT         the title over the panels\n"
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
	term = plot_terminal(output, *pngcairo > 0);
	if (!term)
		return sw_usage_error("plot",
				      "-o %s: the name must end in .svg or .png",
				      output);
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

int cmd_plot(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "title", required_argument, NULL, 't' },
		{ "gnuplot", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *outputs[MAX_OUTPUTS], *title = NULL;
	const char *gnuplot = getenv("GNUPLOT");
	struct plot_data *d;
	struct csv_table t;
	int c, i, nout = 0, pngcairo = -1, ret = EXIT_OK;
	struct swerr e;

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
	if (optind >= argc)
		return sw_usage_error("plot",
				      "which CSV file? (slabwall plot FILE.csv -o OUT.svg)");
	if (optind + 1 < argc)
		return sw_usage_error("plot", "one CSV file at a time");
	if (!nout)
		return sw_usage_error("plot",
				      "no output: give -o OUT.svg or -o OUT.png");
	if (!gnuplot || !*gnuplot)
		gnuplot = "gnuplot";

	if (csv_read_file(argv[optind], &t, &e)) {
		warnx("%s", e.msg);
		return EXIT_FAIL;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		err(EXIT_FAIL, "out of memory");
	if (plot_data_from_csv(&t, argv[optind], d, &e)) {
		warnx("%s", e.msg);
		ret = EXIT_FAIL;
		goto out;
	}
	if (d->skipped)
		warnx("%s: %zu row(s) left out (status not ok, no throughput, or over %d lines of %d points)",
		      argv[optind], d->skipped, PLOT_MAX_LINES, PLOT_MAX_POINTS);
	if (title)
		snprintf(d->title, sizeof(d->title), "%s", title);
	for (i = 0; i < nout && ret == EXIT_OK; i++)
		ret = draw(d, outputs[i], gnuplot, &pngcairo);
out:
	free(d);
	csv_free(&t);
	return ret;
}
