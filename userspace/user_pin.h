/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The top-chunk pin: fill MB of heap with small blocks, free them all but
 * (with the pin) the one allocated last, and read RSS before, at the peak,
 * after the frees and after malloc_trim(0).  glibc gives heap back by
 * moving the top of the heap down, which a live block at the top stops;
 * malloc_trim(0) also hands back free pages inside the heap.
 */
#ifndef SLABWALL_USER_PIN_H
#define SLABWALL_USER_PIN_H
#include <stdio.h>

int upin_header(FILE *out);
/* The rows of one allocator: without and with the pin. -errno on failure. */
int upin_run(FILE *out, const char *allocator, unsigned int mb);
#endif /* SLABWALL_USER_PIN_H */
