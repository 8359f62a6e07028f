/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Folded stacks drawn as a standalone SVG flame graph: one box per frame,
 * as wide as its samples, callers below callees (or above, icicle), the
 * frames of a level in alphabetical order so that equal stacks merge and
 * the picture does not depend on the order of the samples.  The x axis is
 * not time.
 *
 * Colours say what a frame is (flame_class.h): the allocator in reds
 * (SLUB), oranges (the page allocator) and yellows (zeroing under an
 * allocator), the operation's work in blues, the rest grey.  A frame's
 * colour is the class of the samples that end in it, so the self time of
 * the frames of one colour adds up to that class's share.  Hovering a
 * frame shows "name (N samples, P%)".
 */
#ifndef SLABWALL_FLAME_SVG_H
#define SLABWALL_FLAME_SVG_H

#include <stdbool.h>
#include <stdio.h>

#include "flame_fold.h"

struct flame_svg_opts {
	const char *title;	/* NULL: "Kernel flame graph" */
	const char *subtitle;	/* a line under the title, or NULL */
	/* The shares line; NULL: flame_share_sentence() of the stacks drawn. */
	const char *legend;
	unsigned int width;	/* pixels, 0: 1200 */
	double min_frac;	/* narrower frames are not drawn; <0: 0.001 */
	bool icicle;		/* root at the top */
};

void flame_svg_opts_init(struct flame_svg_opts *o);

/* Writes the SVG: 0, -ENOMEM, or -EIO when writing failed. */
int flame_svg_write(const struct flame_folded *f,
		    const struct flame_svg_opts *o, FILE *out);

/* Writes @s with &, <, >, " and ' escaped; other control bytes become '?'. */
void flame_xml_escape(FILE *out, const char *s, size_t n);

#endif /* SLABWALL_FLAME_SVG_H */
