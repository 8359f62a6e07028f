// SPDX-License-Identifier: GPL-2.0
/* Folded stacks as an SVG flame graph (flame_svg.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flame_class.h"
#include "flame_svg.h"

#define DEFAULT_WIDTH 1200
#define DEFAULT_MIN_FRAC 0.001
#define PAD 10		/* left, right and bottom margins */
#define FRAME_H 16	/* one level of the stack */
#define FONT_PX 12
/* Monospace at FONT_PX: an estimate that errs wide, so text never spills. */
#define CHAR_PX 7.3
#define TITLE_H 24
#define LINE_H 17

/* One frame of the merged call tree. */
struct fnode {
	char *name;
	uint64_t count;		/* samples in it and its callees */
	enum flame_class cls;	/* of the samples that end here */
	struct fnode *kid;
	size_t nkid, cap;
};

struct layout {
	FILE *out;
	const struct flame_svg_opts *o;
	uint64_t total;
	double scale;		/* pixels per sample */
	double min_count;	/* narrower frames are left out */
	unsigned int levels;	/* drawn, "all" included */
	unsigned int graph_y;	/* top of the graph area */
	uint64_t dropped;	/* samples in frames left out */
};

void flame_svg_opts_init(struct flame_svg_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->min_frac = -1;
}

static void node_free(struct fnode *n)
{
	size_t i;

	for (i = 0; i < n->nkid; i++)
		node_free(&n->kid[i]);
	free(n->kid);
	free(n->name);
}

static struct fnode *node_child(struct fnode *n, const char *name, size_t len,
				enum flame_class cls)
{
	struct fnode *k;
	size_t i;

	for (i = 0; i < n->nkid; i++)
		if (!strncmp(n->kid[i].name, name, len) && !n->kid[i].name[len])
			return &n->kid[i];
	if (n->nkid == n->cap) {
		size_t cap = n->cap ? n->cap * 2 : 4;

		k = realloc(n->kid, cap * sizeof(*k));
		if (!k)
			return NULL;
		n->kid = k;
		n->cap = cap;
	}
	k = &n->kid[n->nkid];
	memset(k, 0, sizeof(*k));
	k->name = strndup(name, len);
	if (!k->name)
		return NULL;
	k->cls = cls;
	n->nkid++;
	return k;
}

/* The class steps frame by frame, as flame_class_stack() does. */
static int tree_add(struct fnode *root, const char *stack, uint64_t count)
{
	enum flame_class c = FC_OTHER;
	struct fnode *n = root;
	char frame[256];
	const char *p = stack;

	root->count += count;
	while (*p) {
		size_t len = strcspn(p, ";");

		if (len < sizeof(frame)) {
			memcpy(frame, p, len);
			frame[len] = '\0';
			c = flame_class_step(c, frame);
		}
		n = node_child(n, p, len, c);
		if (!n)
			return -ENOMEM;
		n->count += count;
		p += len;
		if (*p == ';')
			p++;
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct fnode *)a)->name,
		      ((const struct fnode *)b)->name);
}

static void tree_sort(struct fnode *n)
{
	size_t i;

	qsort(n->kid, n->nkid, sizeof(*n->kid), by_name);
	for (i = 0; i < n->nkid; i++)
		tree_sort(&n->kid[i]);
}

/* Levels deep the drawn part of the tree goes, @n's included. */
static unsigned int tree_levels(const struct fnode *n, double min_count)
{
	unsigned int deepest = 0, d;
	size_t i;

	for (i = 0; i < n->nkid; i++) {
		if ((double)n->kid[i].count < min_count)
			continue;
		d = tree_levels(&n->kid[i], min_count);
		if (d > deepest)
			deepest = d;
	}
	return deepest + 1;
}

static const char *xml_entity(unsigned char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&apos;";
	}
	return NULL;
}

void flame_xml_escape(FILE *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *ent = xml_entity(c);

		if (ent)
			fputs(ent, out);
		else	/* bytes that may not be valid UTF-8, or XML at all */
			fputc(c < 0x20 || c >= 0x7f ? '?' : c, out);
	}
}

/* A shade of the class's family, varied by the name so neighbours differ. */
static void frame_colour(const struct fnode *n, bool root, char *buf,
			 size_t len)
{
	unsigned int h = 2166136261u, v;
	const char *p;

	for (p = n->name; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	v = h % 32;
	if (root) {
		snprintf(buf, len, "rgb(200,200,200)");
		return;
	}
	switch (n->cls) {
	case FC_SLAB:
		snprintf(buf, len, "rgb(%u,%u,%u)", 215 + v, 50 + v, 45 + v / 2);
		break;
	case FC_PAGE:
		snprintf(buf, len, "rgb(%u,%u,%u)", 225 + v / 2, 130 + v, 30 + v);
		break;
	case FC_ZERO:
		snprintf(buf, len, "rgb(%u,%u,%u)", 225 + v / 2, 195 + v, 60 + v);
		break;
	case FC_WORK:
		snprintf(buf, len, "rgb(%u,%u,%u)", 70 + v, 130 + v, 215 + v);
		break;
	default:
		snprintf(buf, len, "rgb(%u,%u,%u)", 175 + v, 175 + v, 170 + v);
		break;
	}
}

/* The label: the name cut to what fits, with "..", or none at all. */
static void frame_text(struct layout *l, const char *name, double x, double y,
		       double w)
{
	size_t fit = w > 6 ? (size_t)((w - 6) / CHAR_PX) : 0;
	size_t len = strlen(name);

	if (fit < 3)
		return;
	fprintf(l->out, "<text x=\"%.2f\" y=\"%.2f\">", x + 3, y + FRAME_H - 4.5);
	if (len <= fit) {
		flame_xml_escape(l->out, name, len);
	} else {
		flame_xml_escape(l->out, name, fit - 2);
		fputs("..", l->out);
	}
	fputs("</text>\n", l->out);
}

static double frame_y(const struct layout *l, unsigned int depth)
{
	if (l->o->icicle)
		return l->graph_y + (double)depth * FRAME_H;
	return l->graph_y + (double)(l->levels - 1 - depth) * FRAME_H;
}

static void draw_frame(struct layout *l, const struct fnode *n, bool root,
		       double x, unsigned int depth)
{
	double w = (double)n->count * l->scale, y = frame_y(l, depth);
	char fill[32];

	frame_colour(n, root, fill, sizeof(fill));
	fputs("<g class=\"f\"><title>", l->out);
	flame_xml_escape(l->out, n->name, strlen(n->name));
	fprintf(l->out, " (%llu sample%s, %.2f%%)</title>",
		(unsigned long long)n->count, n->count == 1 ? "" : "s",
		100.0 * (double)n->count / (double)l->total);
	fprintf(l->out,
		"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%d\" fill=\"%s\" rx=\"2\"/>\n",
		x, y, w, FRAME_H - 1, fill);
	frame_text(l, n->name, x, y, w);
	fputs("</g>\n", l->out);
}

/* @n at @x; its callees from the same x, in name order. */
static void draw_tree(struct layout *l, const struct fnode *n, bool root,
		      double x, unsigned int depth)
{
	size_t i;

	draw_frame(l, n, root, x, depth);
	for (i = 0; i < n->nkid; i++) {
		const struct fnode *k = &n->kid[i];

		if ((double)k->count >= l->min_count)
			draw_tree(l, k, false, x, depth + 1);
		else
			l->dropped += k->count;
		x += (double)k->count * l->scale;
	}
}

static void legend_item(struct layout *l, double *x, double y,
			const char *fill, const char *what)
{
	fprintf(l->out,
		"<rect x=\"%.2f\" y=\"%.2f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
		"<text x=\"%.2f\" y=\"%.2f\">%s</text>\n",
		*x, y - 10, fill, *x + 16, y, what);
	*x += 16 + CHAR_PX * (double)strlen(what) + 18;
}

static unsigned int header_height(const struct flame_svg_opts *o)
{
	return TITLE_H + (o->subtitle ? LINE_H : 0) + 2 * LINE_H + 6;
}

/* Title, subtitle, the shares and the colour key: header_height() tall. */
static void draw_header(struct layout *l, const struct flame_folded *f,
			unsigned int width)
{
	const struct flame_svg_opts *o = l->o;
	struct flame_shares sh;
	char line[512];
	unsigned int y = TITLE_H;
	double x = PAD;

	fprintf(l->out, "<text class=\"title\" x=\"%u\" y=\"%u\">", width / 2, y - 6);
	flame_xml_escape(l->out, o->title ? o->title : "Kernel flame graph",
			 SIZE_MAX);
	fputs("</text>\n", l->out);
	if (o->subtitle) {
		y += LINE_H;
		fprintf(l->out, "<text class=\"sub\" x=\"%u\" y=\"%u\">", width / 2, y - 4);
		flame_xml_escape(l->out, o->subtitle, SIZE_MAX);
		fputs("</text>\n", l->out);
	}
	if (o->legend) {
		snprintf(line, sizeof(line), "%s", o->legend);
	} else {
		flame_shares_count(f, FLAME_SW_THREAD, &sh);
		flame_share_sentence(&sh, line, sizeof(line));
	}
	y += LINE_H;
	fprintf(l->out, "<text x=\"%d\" y=\"%u\">", PAD, y - 4);
	flame_xml_escape(l->out, line, SIZE_MAX);
	fputs("</text>\n", l->out);
	y += LINE_H;
	legend_item(l, &x, y - 4, "rgb(230,65,50)", "slab allocator");
	legend_item(l, &x, y - 4, "rgb(240,145,45)", "page allocator");
	legend_item(l, &x, y - 4, "rgb(235,210,75)", "zeroing under the allocator");
	legend_item(l, &x, y - 4, "rgb(85,145,230)", "work (sw_work)");
	legend_item(l, &x, y - 4, "rgb(190,190,185)", "other");
}

static void draw_footer(struct layout *l, unsigned int y)
{
	fprintf(l->out, "<text x=\"%d\" y=\"%u\">%llu samples", PAD, y,
		(unsigned long long)l->total);
	if (l->dropped)
		fprintf(l->out, "; %llu in frames narrower than %.2g%% not drawn",
			(unsigned long long)l->dropped,
			100.0 * l->min_count / (double)l->total);
	fputs("; width is samples, not time order</text>\n", l->out);
}

static void write_svg(struct layout *l, const struct flame_folded *f,
		      const struct fnode *root, unsigned int width)
{
	unsigned int height;

	l->graph_y = header_height(l->o) + 4;
	height = l->graph_y + l->levels * FRAME_H + LINE_H + PAD;
	fprintf(l->out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%u\" height=\"%u\" viewBox=\"0 0 %u %u\">\n"
		"<style>text { font-family: monospace; font-size: %dpx; fill: rgb(0,0,0); }\n"
		".title { font-size: 17px; text-anchor: middle; }\n"
		".sub { text-anchor: middle; }\n"
		".f:hover rect { stroke: rgb(0,0,0); stroke-width: 0.5; }</style>\n"
		"<rect x=\"0\" y=\"0\" width=\"%u\" height=\"%u\" fill=\"rgb(250,250,245)\"/>\n",
		width, height, width, height, FONT_PX, width, height);
	draw_header(l, f, width);
	draw_tree(l, root, true, PAD, 0);
	draw_footer(l, height - PAD);
	fputs("</svg>\n", l->out);
}

int flame_svg_write(const struct flame_folded *f,
		    const struct flame_svg_opts *o, FILE *out)
{
	unsigned int width = o->width ? o->width : DEFAULT_WIDTH;
	double min_frac = o->min_frac < 0 ? DEFAULT_MIN_FRAC : o->min_frac;
	struct fnode root = { 0 };
	struct layout l = { .out = out, .o = o };
	size_t i;
	int ret = 0;

	root.name = strdup("all");
	if (!root.name)
		return -ENOMEM;
	for (i = 0; !ret && i < f->n; i++)
		ret = tree_add(&root, f->v[i].key, f->v[i].count);
	if (!ret) {
		tree_sort(&root);
		l.total = root.count;
		l.scale = root.count ? (double)(width - 2 * PAD) / (double)root.count : 0;
		l.min_count = min_frac * (double)root.count;
		l.levels = tree_levels(&root, l.min_count);
		write_svg(&l, f, &root, width);
		if (fflush(out) || ferror(out))
			ret = -EIO;
	}
	node_free(&root);
	return ret;
}
