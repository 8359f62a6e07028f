// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "csvw.h"
#include "user_mem.h"
#include "user_pin.h"

/* Below every allocator's large-object path and glibc's mmap threshold. */
#define PIN_BLOCK 1024

static void put_mem(struct csvw *w, const struct umem *m, int peak)
{
	csvw_i64(w, peak ? m->hwm_kb : m->rss_kb);
}

static int one(struct csvw *w, const char *allocator, unsigned int mb, int pin)
{
	size_t n = (size_t)mb * 1024 * 1024 / PIN_BLOCK, i;
	struct umem before, peak, after, trimmed;
	void **blocks = calloc(n, sizeof(*blocks));
	void *top = NULL;

	if (!blocks)
		return -ENOMEM;
	umem_read(&before);
	umem_reset_peak();
	for (i = 0; i < n; i++) {
		blocks[i] = malloc(PIN_BLOCK);
		if (!blocks[i])
			break;
		memset(blocks[i], 0x5a, PIN_BLOCK);
	}
	if (pin)
		top = malloc(64);	/* the last block: at the top of the heap */
	umem_read(&peak);
	while (i--)
		free(blocks[i]);
	free(blocks);
	umem_read(&after);
	malloc_trim(0);
	umem_read(&trimmed);
	free(top);
	csvw_str(w, allocator);
	csvw_u64(w, mb);
	csvw_str(w, pin ? "pinned" : "none");
	put_mem(w, &before, 0);
	put_mem(w, &peak, 1);
	put_mem(w, &after, 0);
	put_mem(w, &trimmed, 0);
	csvw_i64(w, after.lazyfree_kb);
	csvw_i64(w, trimmed.lazyfree_kb);
	return csvw_end_line(w);
}

static const char *const cols[] = {
	"allocator", "mb", "pin", "rss_before_kb", "rss_peak_kb",
	"rss_after_kb", "rss_trim_kb", "lazyfree_after_kb",
	"lazyfree_trim_kb", NULL
};

int upin_header(FILE *out)
{
	struct csvw w;
	unsigned int i;

	csvw_init(&w, out);
	for (i = 0; cols[i]; i++)
		csvw_str(&w, cols[i]);
	csvw_end_line(&w);
	return csvw_finish(&w);
}

int upin_run(FILE *out, const char *allocator, unsigned int mb)
{
	struct csvw w;
	int ret;

	csvw_init(&w, out);
	for (w.ncols = 0; cols[w.ncols]; w.ncols++)
		;	/* rows under a header written before */
	/* unpinned first: a pinned heap would stay behind for it */
	ret = one(&w, allocator, mb, 0);
	if (!ret)
		ret = one(&w, allocator, mb, 1);
	return ret ? ret : csvw_finish(&w);
}
