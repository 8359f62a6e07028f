// SPDX-License-Identifier: GPL-2.0
/*
 * trace_hist.c on hist files as the kernels print them: every text below
 * was read from a hist file in the test VM (Debian 6.1.0-57 and
 * 6.12.117), from a tracefs instance, after a slabwall run.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "trace_hist.h"

/* 6.12: a kprobe on ___slab_alloc, name=+0(+96($arg1)):string, keys=name
 * sorted by hitcount descending; skb run, 64 allocs per op, remote frees.
 */
static const char slow_612[] =
	"# event histogram\n"
	"#\n"
	"# trigger info: hist:keys=name:vals=hitcount:sort=hitcount.descending:size=2048 [active]\n"
	"#\n"
	"\n"
	"{ name: kmalloc-256                                        } hitcount:        256\n"
	"{ name: kmalloc-2k                                         } hitcount:        185\n"
	"{ name: slabwall_skbuff_head                               } hitcount:        165\n"
	"{ name: kmalloc-32                                         } hitcount:         99\n"
	"{ name: kmalloc-64                                         } hitcount:         97\n"
	"{ name: maple_node                                         } hitcount:          5\n"
	"{ name: kmalloc-8                                          } hitcount:          5\n"
	"{ name: vm_area_struct                                     } hitcount:          2\n"
	"{ name: kmalloc-96                                         } hitcount:          2\n"
	"{ name: task_struct                                        } hitcount:          2\n"
	"{ name: tracefs_inode_cache                                } hitcount:          1\n"
	"{ name: kmalloc-cg-32                                      } hitcount:          1\n"
	"{ name: cred                                               } hitcount:          1\n"
	"{ name: sighand_cache                                      } hitcount:          1\n"
	"{ name: signal_cache                                       } hitcount:          1\n"
	"{ name: kmalloc-512                                        } hitcount:          1\n"
	"{ name: anon_vma_chain                                     } hitcount:          1\n"
	"\n"
	"Totals:\n"
	"    Hits: 825\n"
	"    Entries: 17\n"
	"    Dropped: 0\n";

/* 6.1: kmem:kmalloc, keys=bytes_alloc (a numeric key), same run. */
static const char kmalloc_61[] =
	"# event histogram\n"
	"#\n"
	"# trigger info: hist:keys=bytes_alloc:vals=hitcount:sort=hitcount:size=2048 [active]\n"
	"#\n"
	"\n"
	"{ bytes_alloc:      32768 } hitcount:          2\n"
	"{ bytes_alloc:        128 } hitcount:          2\n"
	"{ bytes_alloc:        192 } hitcount:          7\n"
	"{ bytes_alloc:          8 } hitcount:          8\n"
	"{ bytes_alloc:         96 } hitcount:          9\n"
	"{ bytes_alloc:       1024 } hitcount:         15\n"
	"{ bytes_alloc:         64 } hitcount:         19\n"
	"{ bytes_alloc:        512 } hitcount:         24\n"
	"{ bytes_alloc:       4096 } hitcount:         27\n"
	"{ bytes_alloc:         16 } hitcount:         38\n"
	"{ bytes_alloc:         32 } hitcount:         96\n"
	"{ bytes_alloc:       2048 } hitcount:      13123\n"
	"\n"
	"Totals:\n"
	"    Hits: 13370\n"
	"    Entries: 12\n"
	"    Dropped: 0\n";

/* 6.1: kmem:kmem_cache_free, keys=name (the tracepoint's own string). */
static const char free_61[] =
	"# event histogram\n"
	"#\n"
	"# trigger info: hist:keys=name:vals=hitcount:sort=hitcount:size=2048 [active]\n"
	"#\n"
	"\n"
	"{ name: inode_cache                                        } hitcount:          2\n"
	"{ name: cred_jar                                           } hitcount:          3\n"
	"{ name: signal_cache                                       } hitcount:          4\n"
	"{ name: task_struct                                        } hitcount:          4\n"
	"{ name: files_cache                                        } hitcount:          5\n"
	"{ name: sigqueue                                           } hitcount:          5\n"
	"{ name: pid                                                } hitcount:          6\n"
	"{ name: sighand_cache                                      } hitcount:          7\n"
	"{ name: proc_inode_cache                                   } hitcount:          8\n"
	"{ name: seq_file                                           } hitcount:         10\n"
	"{ name: lsm_inode_cache                                    } hitcount:         10\n"
	"{ name: dentry                                             } hitcount:         10\n"
	"{ name: mm_struct                                          } hitcount:         12\n"
	"{ name: filp                                               } hitcount:         18\n"
	"{ name: lsm_file_cache                                     } hitcount:         21\n"
	"{ name: names_cache                                        } hitcount:         30\n"
	"{ name: anon_vma                                           } hitcount:         54\n"
	"{ name: anon_vma_chain                                     } hitcount:         94\n"
	"{ name: vm_area_struct                                     } hitcount:        114\n"
	"{ name: maple_node                                         } hitcount:        216\n"
	"{ name: slabwall_skbuff_head                               } hitcount:      13120\n"
	"\n"
	"Totals:\n"
	"    Hits: 13753\n"
	"    Entries: 21\n"
	"    Dropped: 0\n";

/* 6.12: a kprobe on kmem_cache_alloc_bulk_noprof with n=$arg3:u64,
 * keys=name:vals=n; bulk strategy, 16 per op.
 */
static const char bulk_612[] =
	"# event histogram\n"
	"#\n"
	"# trigger info: hist:keys=name:vals=hitcount,n:sort=hitcount:size=2048 [active]\n"
	"#\n"
	"\n"
	"{ name: slabwall_skbuff_head                               } hitcount:       3000  n:      48000\n"
	"\n"
	"Totals:\n"
	"    Hits: 3000\n"
	"    Entries: 1\n"
	"    Dropped: 0\n";

/* 6.12: a kprobe on discard_slab that never fired during the run. */
static const char empty_612[] =
	"# event histogram\n"
	"#\n"
	"# trigger info: hist:keys=name:vals=hitcount:sort=hitcount:size=2048 [active]\n"
	"#\n"
	"\n"
	"\n"
	"Totals:\n"
	"    Hits: 0\n"
	"    Entries: 0\n"
	"    Dropped: 0\n";

/* 6.12: kmem:kmalloc keyed by ptr in a table of 128 entries: it filled up
 * and the rest of the events were dropped.
 */
static const char dropped_612[] =
	"# event histogram\n"
	"#\n"
	"# trigger info: hist:keys=ptr:vals=hitcount:sort=hitcount:size=128 [active]\n"
	"#\n"
	"\n"
	"{ ptr: 18384713718679509216 } hitcount:          1\n"
	"{ ptr: 18384713718679510368 } hitcount:          1\n"
	"{ ptr: 18384713719169029632 } hitcount:          1\n"
	"{ ptr: 18384713718679507968 } hitcount:          1\n"
	"{ ptr: 18384713718679510752 } hitcount:          1\n"
	"{ ptr: 18384713719150908928 } hitcount:          1\n"
	"{ ptr: 18384713718679510240 } hitcount:          1\n"
	"{ ptr: 18384713718679488768 } hitcount:          1\n"
	"{ ptr: 18384713718659556608 } hitcount:          1\n"
	"{ ptr: 18384713718679511040 } hitcount:          1\n"
	"{ ptr: 18384713718679511808 } hitcount:          1\n"
	"{ ptr: 18384713718679510496 } hitcount:          1\n"
	"{ ptr: 18384713719169028976 } hitcount:          1\n"
	"{ ptr: 18384713718679514112 } hitcount:          1\n"
	"{ ptr: 18384713718679514368 } hitcount:          1\n"
	"{ ptr: 18384713718659557632 } hitcount:          1\n"
	"{ ptr: 18384713718679508992 } hitcount:          1\n"
	"{ ptr: 18384713718679599872 } hitcount:          1\n"
	"{ ptr: 18384713718679510016 } hitcount:          1\n"
	"{ ptr: 18384713718679508512 } hitcount:          1\n"
	"{ ptr: 18384713718679510272 } hitcount:          1\n"
	"{ ptr: 18384713718679510048 } hitcount:          1\n"
	"{ ptr: 18384713718679510560 } hitcount:          1\n"
	"{ ptr: 18384713718679597088 } hitcount:          1\n"
	"{ ptr: 18384713718679599136 } hitcount:          1\n"
	"{ ptr: 18384713719169030136 } hitcount:          1\n"
	"{ ptr: 18384713718679512832 } hitcount:          1\n"
	"{ ptr: 18384713718679508480 } hitcount:          1\n"
	"{ ptr: 18384713718679513856 } hitcount:          1\n"
	"{ ptr: 18384713719169031984 } hitcount:          1\n"
	"{ ptr: 18384713719169028928 } hitcount:          1\n"
	"{ ptr: 18384713719169029952 } hitcount:          1\n"
	"{ ptr: 18384713718679507008 } hitcount:          1\n"
	"{ ptr: 18384713718679507264 } hitcount:          1\n"
	"{ ptr: 18384713718679507520 } hitcount:          1\n"
	"{ ptr: 18384713718679597824 } hitcount:          1\n"
	"{ ptr: 18384713718679508032 } hitcount:          1\n"
	"{ ptr: 18384713718679509568 } hitcount:          1\n"
	"{ ptr: 18384713718679510080 } hitcount:          1\n"
	"{ ptr: 18384713718679511360 } hitcount:          1\n"
	"{ ptr: 18384713719169030416 } hitcount:          1\n"
	"{ ptr: 18384713718679511872 } hitcount:          1\n"
	"{ ptr: 18384713718679513152 } hitcount:          1\n"
	"{ ptr: 18384713718679513408 } hitcount:          1\n"
	"{ ptr: 18384713718679509280 } hitcount:          1\n"
	"{ ptr: 18384713718679514176 } hitcount:          1\n"
	"{ ptr: 18384713718679514688 } hitcount:          1\n"
	"{ ptr: 18384713718679514944 } hitcount:          1\n"
	"{ ptr: 18384713718679598400 } hitcount:          1\n"
	"{ ptr: 18384713719169029200 } hitcount:          1\n"
	"{ ptr: 18384713719169030752 } hitcount:          1\n"
	"{ ptr: 18384713719169031008 } hitcount:          1\n"
	"{ ptr: 18384713718679507808 } hitcount:          1\n"
	"{ ptr: 18384713718679508832 } hitcount:          1\n"
	"{ ptr: 18384713718679599648 } hitcount:          1\n"
	"{ ptr: 18384713718679599904 } hitcount:          1\n"
	"{ ptr: 18384713718679509856 } hitcount:          1\n"
	"{ ptr: 18384713718679600416 } hitcount:          1\n"
	"{ ptr: 18384713718679599200 } hitcount:          1\n"
	"{ ptr: 18384713718679599456 } hitcount:          1\n"
	"{ ptr: 18384713719169029168 } hitcount:          1\n"
	"{ ptr: 18384713719169031792 } hitcount:          1\n"
	"{ ptr: 18384713719169030008 } hitcount:          1\n"
	"{ ptr: 18384713718679472768 } hitcount:          1\n"
	"{ ptr: 18384713718679509632 } hitcount:          1\n"
	"{ ptr: 18384713718679509888 } hitcount:          1\n"
	"{ ptr: 18384713718679510912 } hitcount:          1\n"
	"{ ptr: 18384713718679511168 } hitcount:          1\n"
	"{ ptr: 18384713718679511424 } hitcount:          1\n"
	"{ ptr: 18384713718679514496 } hitcount:          1\n"
	"{ ptr: 18384713718679514752 } hitcount:          1\n"
	"{ ptr: 18384713718679515008 } hitcount:          1\n"
	"{ ptr: 18384713718659601536 } hitcount:          1\n"
	"{ ptr: 18384713718679507776 } hitcount:          1\n"
	"{ ptr: 18384713719169028232 } hitcount:          1\n"
	"{ ptr: 18384713719169029512 } hitcount:          1\n"
	"{ ptr: 18384713718679473824 } hitcount:          1\n"
	"{ ptr: 18384713719150908064 } hitcount:          1\n"
	"{ ptr: 18384713718679507872 } hitcount:          1\n"
	"{ ptr: 18384713718679509408 } hitcount:          1\n"
	"{ ptr: 18384713718679509664 } hitcount:          1\n"
	"{ ptr: 18384713718679510176 } hitcount:          1\n"
	"{ ptr: 18384713718679510688 } hitcount:          1\n"
	"{ ptr: 18384713718679511616 } hitcount:          1\n"
	"{ ptr: 18384713718679597728 } hitcount:          1\n"
	"{ ptr: 18384713718679599008 } hitcount:          1\n"
	"{ ptr: 18384713719169029544 } hitcount:          1\n"
	"{ ptr: 18384713719169031592 } hitcount:          1\n"
	"{ ptr: 18384713719169032104 } hitcount:          1\n"
	"{ ptr: 18384713719169030832 } hitcount:          1\n"
	"{ ptr: 18384713719169028536 } hitcount:          1\n"
	"{ ptr: 18384713719169030072 } hitcount:          1\n"
	"{ ptr: 18384713718679513664 } hitcount:          1\n"
	"{ ptr: 18384713719169030336 } hitcount:          1\n"
	"{ ptr: 18384713718679507392 } hitcount:          1\n"
	"{ ptr: 18384713718679508160 } hitcount:          1\n"
	"{ ptr: 18384713718679508416 } hitcount:          1\n"
	"{ ptr: 18384713718679509952 } hitcount:          1\n"
	"{ ptr: 18384713718679511488 } hitcount:          1\n"
	"{ ptr: 18384713718679511744 } hitcount:          1\n"
	"{ ptr: 18384713718679513280 } hitcount:          1\n"
	"{ ptr: 18384713718679513536 } hitcount:          1\n"
	"{ ptr: 18384713718679514048 } hitcount:          1\n"
	"{ ptr: 18384713718679514560 } hitcount:          1\n"
	"{ ptr: 18384713718679514816 } hitcount:          1\n"
	"{ ptr: 18384713718679515072 } hitcount:          1\n"
	"{ ptr: 18384713718659602880 } hitcount:          1\n"
	"{ ptr: 18384713718679597248 } hitcount:          1\n"
	"{ ptr: 18384713718679597504 } hitcount:          1\n"
	"{ ptr: 18384713718679600832 } hitcount:          1\n"
	"{ ptr: 18384713719169032136 } hitcount:          1\n"
	"{ ptr: 18384713719169028568 } hitcount:          1\n"
	"{ ptr: 18384713718679509088 } hitcount:          1\n"
	"{ ptr: 18384713719169029600 } hitcount:          1\n"
	"{ ptr: 18384713718679509600 } hitcount:          1\n"
	"{ ptr: 18384713718679507168 } hitcount:          1\n"
	"{ ptr: 18384713718679507424 } hitcount:          1\n"
	"{ ptr: 18384713718679507936 } hitcount:          1\n"
	"{ ptr: 18384713718679509728 } hitcount:          1\n"
	"{ ptr: 18384713718656512000 } hitcount:          2\n"
	"{ ptr: 18384713718659603072 } hitcount:          2\n"
	"{ ptr: 18384713719169031096 } hitcount:          2\n"
	"{ ptr: 18384713719169029592 } hitcount:          2\n"
	"{ ptr: 18384713719169030624 } hitcount:          2\n"
	"{ ptr: 18384713718679508192 } hitcount:          2\n"
	"{ ptr: 18384713719698866656 } hitcount:          2\n"
	"{ ptr: 18384713718654904320 } hitcount:          2\n"
	"{ ptr: 18384713719698866848 } hitcount:          3\n"
	"\n"
	"Totals:\n"
	"    Hits: 138\n"
	"    Entries: 128\n"
	"    Dropped: 56531\n";

static uint64_t sum_hitcounts(const struct thist *h)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < h->nrows; i++)
		sum += h->rows[i].hitcount;
	return sum;
}

static void parse_ok(const char *text, struct thist *h)
{
	struct swerr e = { "" };
	int ret = thist_parse(text, h, &e);

	if (ret)
		fail_msg("thist_parse: %d: %s", ret, e.msg);
}

/* Parses @text, which must fail with -EINVAL and a message holding @want. */
static void parse_bad(const char *text, const char *want)
{
	struct swerr e = { "" };
	struct thist h;
	int ret;

	ret = thist_parse(text, &h, &e);
	thist_free(&h);
	assert_int_equal(ret, -EINVAL);
	if (!strstr(e.msg, want))
		fail_msg("error \"%s\" does not say \"%s\"", e.msg, want);
}

static void test_string_key_612(void **state)
{
	const struct thist_row *r;
	struct thist h;

	(void)state;
	parse_ok(slow_612, &h);
	assert_string_equal(h.key_name, "name");
	assert_int_equal(h.nrows, 17);
	assert_int_equal(h.entries, 17);
	assert_int_equal(h.hits, 825);
	assert_int_equal(h.dropped, 0);
	/* In the kernel's order; the padding of %-50s is gone. */
	assert_string_equal(h.rows[0].key, "kmalloc-256");
	assert_int_equal(h.rows[0].hitcount, 256);
	assert_string_equal(h.rows[16].key, "anon_vma_chain");
	r = thist_find(&h, "slabwall_skbuff_head");
	assert_non_null(r);
	assert_int_equal(r->hitcount, 165);
	assert_int_equal(r->nvals, 0);
	assert_non_null(thist_find(&h, "kmalloc-cg-32"));
	assert_null(thist_find(&h, "kmalloc"));
	/* Nothing dropped: the rows add up to the hits. */
	assert_int_equal(sum_hitcounts(&h), h.hits);
	thist_free(&h);
}

static void test_numeric_key_61(void **state)
{
	const struct thist_row *r;
	struct thist h;

	(void)state;
	parse_ok(kmalloc_61, &h);
	assert_string_equal(h.key_name, "bytes_alloc");
	assert_int_equal(h.nrows, 12);
	/* "%10llu": the leading blanks are gone too. */
	assert_string_equal(h.rows[0].key, "32768");
	r = thist_find(&h, "2048");
	assert_non_null(r);
	assert_int_equal(r->hitcount, 13123);
	assert_int_equal(sum_hitcounts(&h), 13370);
	assert_int_equal(h.hits, 13370);
	thist_free(&h);
}

static void test_tracepoint_name_61(void **state)
{
	const struct thist_row *r;
	struct thist h;

	(void)state;
	parse_ok(free_61, &h);
	assert_int_equal(h.nrows, 21);
	r = thist_find(&h, "slabwall_skbuff_head");
	assert_non_null(r);
	assert_int_equal(r->hitcount, 13120);
	assert_int_equal(sum_hitcounts(&h), h.hits);
	thist_free(&h);
}

static void test_value_field(void **state)
{
	const struct thist_row *r;
	struct thist h;
	uint64_t n = 0;

	(void)state;
	parse_ok(bulk_612, &h);
	assert_int_equal(h.nrows, 1);
	r = &h.rows[0];
	assert_string_equal(r->key, "slabwall_skbuff_head");
	assert_int_equal(r->hitcount, 3000);
	assert_int_equal(r->nvals, 1);
	assert_true(thist_row_val(r, "n", &n));
	assert_int_equal(n, 48000);
	assert_false(thist_row_val(r, "hitcount", &n));
	assert_false(thist_row_val(r, "bytes", &n));
	thist_free(&h);
}

static void test_no_events(void **state)
{
	struct thist h;

	(void)state;
	parse_ok(empty_612, &h);
	assert_int_equal(h.nrows, 0);
	assert_int_equal(h.hits, 0);
	assert_string_equal(h.key_name, "");
	assert_null(thist_find(&h, "slabwall_skbuff_head"));
	thist_free(&h);
}

static void test_dropped(void **state)
{
	struct thist h;

	(void)state;
	parse_ok(dropped_612, &h);
	assert_int_equal(h.nrows, 128);
	assert_int_equal(h.entries, 128);
	assert_int_equal(h.dropped, 56531);
	/* Hits are the events that found a row, not all of them. */
	assert_int_equal(h.hits, 138);
	assert_int_equal(sum_hitcounts(&h), 138);
	thist_free(&h);
}

/* The first @lines lines of @text, malloc'd. */
static char *head(const char *text, unsigned int lines)
{
	const char *p = text;

	while (lines-- && (p = strchr(p, '\n')))
		p++;
	assert_non_null(p);
	return strndup(text, (size_t)(p - text));
}

static void test_cut_short(void **state)
{
	char *t;

	(void)state;
	/* Header and 10 of the 17 rows, as a read cut off would leave it. */
	t = head(slow_612, 15);
	parse_bad(t, "cut short");
	free(t);
	/* "Totals:" and "Hits:" but no "Entries:". */
	t = head(slow_612, 25);
	parse_bad(t, "cut short");
	free(t);
}

/* @text with the first @from replaced by @to, malloc'd. */
static char *edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	size_t pre, n;
	char *s;

	assert_non_null(at);
	pre = (size_t)(at - text);
	n = strlen(text) - strlen(from) + strlen(to);
	s = malloc(n + 1);
	assert_non_null(s);
	memcpy(s, text, pre);
	strcpy(s + pre, to);
	strcat(s, at + strlen(from));
	return s;
}

static void test_totals_disagree(void **state)
{
	char *t;

	(void)state;
	t = edit(slow_612, "Entries: 17", "Entries: 18");
	parse_bad(t, "the totals say 18 entries, 17 rows were read");
	free(t);
}

static void test_malformed_lines(void **state)
{
	char *t;

	(void)state;
	t = edit(bulk_612, "n:      48000", "n:      48k");
	parse_bad(t, "line 6: a value that is not a number");
	free(t);
	t = edit(bulk_612, "hitcount:       3000", "hits: 3000");
	parse_bad(t, "line 6: no hitcount");
	free(t);
	t = edit(bulk_612, "} hitcount", "  hitcount");
	parse_bad(t, "line 6: no closing brace");
	free(t);
	t = edit(bulk_612, "Dropped: 0", "Dropped: lots");
	parse_bad(t, "line 11");
	free(t);
	t = edit(bulk_612, "\nTotals:", "\nSnapshot taken\nTotals:");
	parse_bad(t, "line 8: not a line of a histogram");
	free(t);
}

static void test_one_histogram_one_key(void **state)
{
	char *t;

	(void)state;
	/* Two triggers on one event: the kernel prints them one after another. */
	t = malloc(strlen(bulk_612) + strlen(empty_612) + 3);
	assert_non_null(t);
	strcpy(t, bulk_612);
	strcat(t, "\n\n");
	strcat(t, empty_612);
	parse_bad(t, "more than one histogram");
	free(t);
	t = edit(slow_612, "keys=name:", "keys=name,bytes_alloc:");
	parse_bad(t, "more than one key");
	free(t);
	parse_bad("", "no histogram");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_string_key_612),
		cmocka_unit_test(test_numeric_key_61),
		cmocka_unit_test(test_tracepoint_name_61),
		cmocka_unit_test(test_value_field),
		cmocka_unit_test(test_no_events),
		cmocka_unit_test(test_dropped),
		cmocka_unit_test(test_cut_short),
		cmocka_unit_test(test_totals_disagree),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_one_histogram_one_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
