// SPDX-License-Identifier: GPL-2.0
/*
 * The flame graph: folding perf script text (samples recorded in the test
 * VM on 6.1 and 6.12, trimmed), folded files in and out, which frames are
 * the allocator's, the shares, and the SVG writer's output.
 */
#include <glob.h>
#include <math.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "flame_class.h"
#include "flame_fold.h"
#include "flame_svg.h"

/* make test runs the binaries from userspace/. */
#define DATA_612 "tests/data/perf-6.12.script"
#define DATA_61 "tests/data/perf-6.1.script"
#define MODULE_SRCS "../module/*.c"

static const struct flame_rename sw_rename = FLAME_SW_RENAME;

static void fold_file(const char *path, const struct flame_rename *rename,
		      struct flame_folded *f)
{
	struct swerr e = { { 0 } };
	FILE *in = fopen(path, "r");

	if (!in)
		fail_msg("%s: cannot open (run from userspace/)", path);
	flame_folded_init(f);
	assert_int_equal(flame_fold_script(f, in, path, rename, &e), 0);
	fclose(in);
	if (f->malformed)
		fail_msg("%s", e.msg);
}

static void fold_text(const char *text, struct flame_folded *f,
		      struct swerr *e)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");

	assert_non_null(in);
	flame_folded_init(f);
	assert_int_equal(flame_fold_script(f, in, "text", &sw_rename, e), 0);
	fclose(in);
}

#define SW_612 "slabwall/*;ret_from_fork_asm;ret_from_fork;kthread;sw_worker_fn;"
#define SW_61 "slabwall/*;ret_from_fork;kthread;sw_worker_fn;"

/* ---- folding ---- */

static void test_fold_612(void **state)
{
	struct flame_folded f;

	(void)state;
	fold_file(DATA_612, &sw_rename, &f);
	assert_int_equal(f.total, 16);
	assert_int_equal(f.n, 15);	/* two samples share a stack */
	/* perf called the workers "kthreadd"; sw_worker_fn says whose they are. */
	assert_int_equal(flame_folded_count(&f, SW_612
		"slab_alloc_op;sw_obj_alloc;skb_attach;__kmalloc_noprof;___slab_alloc;"
		"allocate_slab;alloc_pages_mpol_noprof;__alloc_pages_noprof;"
		"get_page_from_freelist;clear_page_erms"), 2);
	/* One frame, no sw_worker_fn, but the same thread: slabwall's too. */
	assert_int_equal(flame_folded_count(&f, "slabwall/*;__softirqentry_text_end"), 1);
	assert_int_equal(flame_folded_count(&f, SW_612
		"slab_free_units;kmem_cache_free;__slab_free;"
		"slab_update_freelist.constprop.0.isra.0"), 1);
	/* Another thread's allocation stays that thread's. */
	assert_int_equal(flame_folded_count(&f,
		"sh;[unknown];entry_SYSCALL_64_after_hwframe;do_syscall_64;"
		"__do_sys_clone;kernel_clone;copy_process;anon_vma_fork;"
		"kmem_cache_alloc_noprof"), 1);
	/* User frames: named ones lose the offset, the rest are [unknown]. */
	assert_int_equal(flame_folded_count(&f,
		"perf;[unknown];[unknown];[unknown];[unknown];[unknown];[unknown];"
		"[unknown];[unknown];write;entry_SYSCALL_64_after_hwframe;"
		"do_syscall_64;ksys_write;vfs_write;shmem_file_write_iter;"
		"file_update_time"), 1);
	flame_folded_free(&f);
}

static void test_fold_612_no_rename(void **state)
{
	struct flame_folded f;
	size_t i;
	uint64_t kthreadd = 0;

	(void)state;
	fold_file(DATA_612, NULL, &f);
	for (i = 0; i < f.n; i++) {
		assert_true(strncmp(f.v[i].key, "slabwall", 8));
		if (!strncmp(f.v[i].key, "kthreadd;", 9))
			kthreadd += f.v[i].count;
	}
	assert_int_equal(kthreadd, 12);
	flame_folded_free(&f);
}

static void test_fold_61(void **state)
{
	struct flame_folded f;

	(void)state;
	fold_file(DATA_61, &sw_rename, &f);
	assert_int_equal(f.total, 14);
	/* slabwall/0 and slabwall/1 are one tower. */
	assert_int_equal(flame_folded_count(&f, SW_61
		"slab_alloc_op;sw_obj_alloc;skb_attach;__kmalloc;"
		"__kmem_cache_alloc_node;memset_erms"), 2);
	assert_int_equal(flame_folded_count(&f, "slabwall/*;__static_call_text_end"), 1);
	assert_int_equal(flame_folded_count(&f,
		"rcu_preempt;ret_from_fork;kthread;rcu_gp_kthread;rcu_gp_fqs_loop;"
		"schedule_timeout;schedule;__schedule;finish_task_switch.isra.0"), 1);
	flame_folded_free(&f);
}

static void test_fold_headers(void **state)
{
	/*
	 * A comm with spaces and pid/tid, one without a CPU field, one with a
	 * semicolon, a C++ name, a sample without the blank line after it,
	 * a frame-less sample, a header that is not one, and the slabwall
	 * command beside a kthread of slabwall's that never ran sw_worker_fn.
	 */
	static const char text[] =
		"Web Content  1234/1240 [002]  12.345678:  1001001 cpu-clock: \n"
		"\t ffffffff81000001 kfree+0x1a ([kernel.kallsyms])\n"
		"\t     7f0000000002 std::vector<int>::push_back(int const&)+0x12 (/usr/lib/libx.so)\n"
		"\t     7f0000000003 [unknown] (/usr/lib/libx.so)\n"
		"\n"
		"a;b  77  12.500000:  1 cpu-clock: \n"
		"\t ffffffff81000004 f;g+0x0 ([kernel.kallsyms])\n"
		"kworker/1:2-ev  15 [001]  13.000000:  1 cpu-clock: \n"
		"\t ffffffff81000005 worker_thread+0x10 ([kernel.kallsyms])\n"
		"\n"
		"idle  0 [000]  13.5:  1 cpu-clock: \n"
		"\n"
		"garbage that is no header\n"
		"\t ffffffff81000006 lost+0x1 ([kernel.kallsyms])\n"
		"\n"
		"slabwall  160 [000]  14.000000:  1 cpu-clock: \n"
		"\t ffffffff81000007 sw_stats_show+0x1 ([kernel.kallsyms])\n"
		"\n"
		"slabwall/3  161 [003]  14.000001:  1 cpu-clock: \n"
		"\t ffffffff81000008 schedule+0x1 ([kernel.kallsyms])\n"
		"\n";
	struct flame_folded f;
	struct swerr e = { { 0 } };

	(void)state;
	fold_text(text, &f, &e);
	assert_int_equal(f.total, 6);
	assert_int_equal(f.malformed, 1);
	assert_non_null(strstr(e.msg, "text:13"));
	assert_int_equal(flame_folded_count(&f,
		"Web Content;[unknown];std::vector<int>::push_back(int const&);kfree"), 1);
	assert_int_equal(flame_folded_count(&f, "a:b;f:g"), 1);
	assert_int_equal(flame_folded_count(&f, "kworker;worker_thread"), 1);
	assert_int_equal(flame_folded_count(&f, "idle"), 1);
	/* The command is "slabwall"; its kthreads are FLAME_SW_THREAD. */
	assert_int_equal(flame_folded_count(&f, "slabwall;sw_stats_show"), 1);
	assert_int_equal(flame_folded_count(&f, "slabwall/*;schedule"), 1);
	flame_folded_free(&f);
}

static void test_comm_base(void **state)
{
	(void)state;
	assert_int_equal(flame_comm_base_len("slabwall/12"), 8);
	assert_int_equal(flame_comm_base_len("kworker/u4:2"), 7);
	assert_int_equal(flame_comm_base_len("sh"), 2);
	assert_int_equal(flame_comm_base_len("/weird"), 6);
}

/* ---- folded files ---- */

static void test_folded_round_trip(void **state)
{
	struct flame_folded f, g;
	struct swerr e;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *out, *in;

	(void)state;
	fold_file(DATA_612, &sw_rename, &f);
	out = open_memstream(&buf, &len);
	assert_int_equal(flame_write_folded(&f, out), 0);
	fclose(out);
	/* Sorted: the same samples give the same file. */
	assert_int_equal(strncmp(buf, "perf;", 5), 0);
	in = fmemopen(buf, len, "r");
	flame_folded_init(&g);
	assert_int_equal(flame_read_folded(&g, in, "mem", &e), 0);
	fclose(in);
	assert_int_equal(g.malformed, 0);
	assert_int_equal(g.n, f.n);
	assert_int_equal(g.total, f.total);
	for (i = 0; i < f.n; i++)
		assert_int_equal(flame_folded_count(&g, f.v[i].key), f.v[i].count);
	flame_folded_free(&f);
	flame_folded_free(&g);
	free(buf);
}

static void test_folded_read(void **state)
{
	static const char text[] =
		"a;b;c 3\n"
		"\n"
		"a;b 2\r\n"
		"a;b;c 4\n"
		"Web Content;x 1\n"
		"no count here\n"
		"a;d -1\n"
		"7\n";
	struct flame_folded f;
	struct swerr e = { { 0 } };
	FILE *in = fmemopen((void *)text, strlen(text), "r");

	(void)state;
	flame_folded_init(&f);
	assert_int_equal(flame_read_folded(&f, in, "x.folded", &e), 0);
	fclose(in);
	assert_int_equal(flame_folded_count(&f, "a;b;c"), 7);
	assert_int_equal(flame_folded_count(&f, "a;b"), 2);
	assert_int_equal(flame_folded_count(&f, "Web Content;x"), 1);
	assert_int_equal(f.total, 10);
	assert_int_equal(f.malformed, 3);
	assert_non_null(strstr(e.msg, "x.folded:6"));
	assert_non_null(strstr(e.msg, "no count here"));
	flame_folded_free(&f);
}

/* Many stacks: the table grows and keeps every count. */
static void test_folded_grow(void **state)
{
	struct flame_folded f;
	char key[64];
	int i;

	(void)state;
	flame_folded_init(&f);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "t;f%d", i % 2500);
		assert_int_equal(flame_folded_add(&f, key, 1), 0);
	}
	assert_int_equal(f.n, 2500);
	assert_int_equal(f.total, 5000);
	assert_int_equal(flame_folded_count(&f, "t;f2499"), 2);
	assert_int_equal(flame_folded_count(&f, "t;f2500"), 0);
	flame_folded_free(&f);
}

static void test_folded_keep_root(void **state)
{
	struct flame_folded f, g;

	(void)state;
	fold_file(DATA_61, &sw_rename, &f);
	flame_folded_init(&g);
	assert_int_equal(flame_folded_keep_root(&f, FLAME_SW_THREAD, &g), 0);
	assert_int_equal(g.total, 12);
	assert_int_equal(flame_folded_count(&g, "slabwall/*;__static_call_text_end"), 1);
	flame_folded_free(&g);
	/* A root, not a prefix: "swap" is not "swapper". */
	flame_folded_init(&g);
	assert_int_equal(flame_folded_keep_root(&f, "swap", &g), 0);
	assert_int_equal(g.total, 0);
	assert_int_equal(flame_folded_keep_root(&f, "swapper", &g), 0);
	assert_int_equal(g.total, 1);
	flame_folded_free(&g);
	flame_folded_free(&f);
}

/* ---- classification ---- */

static void test_frame_kinds(void **state)
{
	static const struct {
		const char *name;
		enum flame_kind kind;
	} cases[] = {
		{ "kmem_cache_alloc_noprof", FK_SLAB },
		{ "__kmem_cache_alloc_node", FK_SLAB },
		{ "___slab_alloc", FK_SLAB },
		{ "__slab_free", FK_SLAB },
		{ "slab_update_freelist.constprop.0.isra.0", FK_SLAB },
		{ "get_partial_node.part.0", FK_SLAB },
		{ "__put_partials", FK_SLAB },
		{ "kfree", FK_SLAB },
		{ "__kmalloc_noprof", FK_SLAB },
		{ "kvfree", FK_SLAB },
		{ "memcg_slab_post_alloc_hook", FK_SLAB },
		{ "__free_slab", FK_SLAB },
		{ "get_page_from_freelist", FK_PAGE },
		{ "__alloc_pages_noprof", FK_PAGE },
		{ "alloc_pages_mpol_noprof", FK_PAGE },
		{ "free_unref_page_commit", FK_PAGE },
		{ "__rmqueue_pcplist", FK_PAGE },
		{ "memset_erms", FK_ZERO },
		{ "memset_orig", FK_ZERO },
		{ "__memset", FK_ZERO },
		{ "clear_page_erms", FK_ZERO },
		{ "sw_work", FK_WORK },
		{ "sw_touch", FK_CALLER },
		{ "sw_obj_alloc", FK_CALLER },
		{ "sw_obj_free", FK_CALLER },
		{ "slab_alloc_op", FK_CALLER },
		{ "slab_free_units", FK_CALLER },
		{ "bulk_alloc_op", FK_CALLER },
		{ "kmalloc_payload", FK_CALLER },
		{ "skb_attach", FK_CALLER },
		{ "asm_sysvec_apic_timer_interrupt", FK_IRQ },
		{ "__irq_exit_rcu", FK_IRQ },
		{ "handle_softirqs", FK_IRQ },
		{ "_raw_spin_unlock_irqrestore", FK_NONE },
		{ "kthread", FK_NONE },
		{ "slabwall", FK_NONE },
		{ "[unknown]", FK_NONE },
		{ "", FK_NONE },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum flame_kind k = flame_frame_kind(cases[i].name);

		if (k != cases[i].kind)
			fail_msg("%s: kind %d, want %d", cases[i].name, k,
				 cases[i].kind);
	}
}

static void test_stack_classes(void **state)
{
	static const struct {
		const char *stack;
		enum flame_class cls;
	} cases[] = {
		/* Zeroing counts where an allocator called it... */
		{ "slabwall;sw_worker_fn;sw_obj_alloc;kmem_cache_alloc;memset_erms", FC_ZERO },
		{ "slabwall;x;get_page_from_freelist;clear_page_erms", FC_ZERO },
		/* ...and is the caller's anywhere else. */
		{ "slabwall;sw_worker_fn;sw_work;sw_touch;memset_erms", FC_WORK },
		{ "sh;do_syscall_64;memset", FC_OTHER },
		/* The innermost classified frame decides. */
		{ "slabwall;sw_worker_fn;slab_free_units;sw_obj_free;kfree;__slab_free;_raw_spin_unlock_irqrestore", FC_SLAB },
		{ "slabwall;sw_worker_fn;sw_obj_alloc;__kmalloc;___slab_alloc;allocate_slab;__alloc_pages", FC_PAGE },
		{ "slabwall;sw_worker_fn;slab_alloc_op;sw_obj_alloc;skb_attach", FC_OTHER },
		{ "slabwall;sw_worker_fn;sw_work", FC_WORK },
		/* An interrupt ends the work; an allocator inside it is one again. */
		{ "slabwall;sw_worker_fn;sw_work;asm_sysvec_apic_timer_interrupt;sysvec_apic_timer_interrupt;hrtimer_interrupt", FC_OTHER },
		{ "slabwall;sw_worker_fn;sw_work;asm_sysvec_apic_timer_interrupt;__irq_exit_rcu;handle_softirqs;rcu_core;kfree", FC_SLAB },
		{ "slabwall/*;__softirqentry_text_end", FC_OTHER },
		{ "slabwall", FC_OTHER },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum flame_class c = flame_class_stack(cases[i].stack);

		if (c != cases[i].cls)
			fail_msg("%s: %s, want %s", cases[i].stack,
				 flame_class_name(c),
				 flame_class_name(cases[i].cls));
	}
}

/*
 * No function the module defines passes for the allocator's, zeroing or
 * an interrupt entry, and sw_work is the work: a new module function named
 * like an allocator function (kmalloc_..., slab_...) would otherwise be
 * counted as the allocator's time.
 */
static void test_module_functions(void **state)
{
	regex_t re;
	regmatch_t m[3];	/* m[1] is the last of the qualifiers */
	glob_t g;
	size_t i, seen = 0;
	char line[512], name[128];

	(void)state;
	assert_int_equal(glob(MODULE_SRCS, 0, NULL, &g), 0);
	assert_int_equal(regcomp(&re,
		"^(static |inline |noinline |const |unsigned |struct [a-z_]+ )*"
		"[a-z_0-9]+[ *]+([a-z_][a-z_0-9]*)\\(", REG_EXTENDED), 0);
	for (i = 0; i < g.gl_pathc; i++) {
		FILE *in = fopen(g.gl_pathv[i], "r");

		assert_non_null(in);
		while (fgets(line, sizeof(line), in)) {
			size_t n;
			enum flame_kind k;

			if (regexec(&re, line, 3, m, 0) || strchr(line, ';'))
				continue;
			n = (size_t)(m[2].rm_eo - m[2].rm_so);
			if (n >= sizeof(name))
				continue;
			memcpy(name, line + m[2].rm_so, n);
			name[n] = '\0';
			seen++;
			k = flame_frame_kind(name);
			if (!strcmp(name, "sw_work"))
				assert_int_equal(k, FK_WORK);
			else if (k != FK_CALLER && k != FK_NONE)
				fail_msg("%s: %s is kind %d, not a call site",
					 g.gl_pathv[i], name, k);
		}
		fclose(in);
	}
	regfree(&re);
	globfree(&g);
	/* The regex must have found the module's functions, not nothing. */
	assert_true(seen > 50);
}

/* ---- shares ---- */

static void test_shares_61(void **state)
{
	struct flame_folded f;
	struct flame_shares s;
	char line[512];

	(void)state;
	fold_file(DATA_61, &sw_rename, &f);
	flame_shares_count(&f, FLAME_SW_THREAD, &s);
	assert_int_equal(s.total, 14);
	assert_int_equal(s.threads, 12);
	assert_int_equal(s.cls[FC_SLAB], 3);
	assert_int_equal(s.cls[FC_PAGE], 0);
	assert_int_equal(s.cls[FC_ZERO], 3);
	assert_int_equal(s.cls[FC_WORK], 3);
	assert_int_equal(s.cls[FC_OTHER], 3);
	assert_int_equal(s.alloc, 6);
	assert_float_equal(flame_share_pct(&s, s.alloc), 50.0, 1e-9);
	assert_float_equal(flame_share_pct(&s, s.cls[FC_WORK]), 25.0, 1e-9);
	assert_float_equal(flame_wider(&s), 2.0, 1e-9);
	/* sqrt(0.5 * 0.5 / 12) */
	assert_float_equal(flame_share_se(&s, s.alloc), 14.4338, 1e-4);
	flame_share_sentence(&s, line, sizeof(line));
	assert_string_equal(line,
		"allocator 50.0% of the 12 samples in slabwall's kthreads (slab 25.0, page 0.0, "
		"zeroing 25.0), work 25.0%: the allocator's frames are 2.0x as "
		"wide as the work's");
	flame_folded_free(&f);
}

static void test_shares_612(void **state)
{
	struct flame_folded f;
	struct flame_shares s;

	(void)state;
	fold_file(DATA_612, &sw_rename, &f);
	flame_shares_count(&f, FLAME_SW_THREAD, &s);
	assert_int_equal(s.total, 16);
	assert_int_equal(s.threads, 12);
	assert_int_equal(s.cls[FC_SLAB], 4);
	assert_int_equal(s.cls[FC_ZERO], 3);
	assert_int_equal(s.cls[FC_WORK], 3);
	assert_int_equal(s.alloc, 7);
	assert_float_equal(flame_wider(&s), 7.0 / 3.0, 1e-9);
	flame_folded_free(&f);
}

static void test_shares_none(void **state)
{
	struct flame_folded f;
	struct flame_shares s;
	char line[256];

	(void)state;
	flame_folded_init(&f);
	assert_int_equal(flame_folded_add(&f, "slabwall/*x;kfree", 5), 0);
	assert_int_equal(flame_folded_add(&f, "slabwall;kfree", 3), 0);
	assert_int_equal(flame_folded_add(&f, "slabwall/*;kfree", 2), 0);
	flame_shares_count(&f, FLAME_SW_THREAD, &s);
	/* The slabwall command, and a thread whose name only starts the same. */
	assert_int_equal(s.threads, 2);
	assert_int_equal(s.total, 10);
	assert_true(isnan(flame_wider(&s)));
	flame_share_sentence(&s, line, sizeof(line));
	assert_non_null(strstr(line, "no work samples"));
	flame_folded_free(&f);
	flame_folded_init(&f);
	flame_shares_count(&f, FLAME_SW_THREAD, &s);
	assert_true(isnan(flame_share_pct(&s, 0)));
	flame_share_sentence(&s, line, sizeof(line));
	assert_string_equal(line, "no samples in slabwall's kthreads (slabwall/*) of 0");
}

/* ---- the SVG ---- */

static char *render(const struct flame_folded *f, double min_frac)
{
	struct flame_svg_opts o;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	flame_svg_opts_init(&o);
	o.title = "t <&> \"q\"";
	o.width = 1200;
	o.min_frac = min_frac;
	assert_int_equal(flame_svg_write(f, &o, out), 0);
	fclose(out);
	return buf;
}

/*
 * Balanced tags: every <x> closed by </x> in order, <x/> and <?...?>
 * closed at once, and no '<' or '&' outside markup and entities.
 */
static void assert_well_formed(const char *s)
{
	const char *stack[64];
	size_t depth = 0, n;
	const char *p = s, *end;

	while ((p = strpbrk(p, "<&"))) {
		if (*p == '&') {
			n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz");
			assert_true(n > 0 && p[1 + n] == ';');
			p += n + 2;
			continue;
		}
		end = strchr(p, '>');
		assert_non_null(end);
		assert_null(memchr(p + 1, '<', (size_t)(end - p - 1)));
		if (p[1] == '?') {
			assert_true(end[-1] == '?');
		} else if (p[1] == '/') {
			assert_true(depth > 0);
			depth--;
			n = strcspn(stack[depth], " />");
			if (strncmp(p + 2, stack[depth], n) || p[2 + n] != '>')
				fail_msg("</%.*s> closes <%.*s>", (int)strcspn(p + 2, ">"),
					 p + 2, (int)n, stack[depth]);
		} else if (end[-1] != '/') {
			assert_true(depth < 64);
			stack[depth++] = p + 1;
		}
		p = end + 1;
	}
	assert_int_equal(depth, 0);
}

/* The rect of the frame whose tooltip starts with "@name (". */
static double frame_attr(const char *svg, const char *name, const char *attr)
{
	char want[128], key[32];
	const char *p, *r;

	snprintf(want, sizeof(want), "<title>%s (", name);
	p = strstr(svg, want);
	if (!p)
		fail_msg("no frame %s", name);
	r = strstr(p, "<rect ");
	snprintf(key, sizeof(key), " %s=\"", attr);
	r = strstr(r, key);
	assert_non_null(r);
	return strtod(r + strlen(key), NULL);
}

static void test_svg_layout(void **state)
{
	struct flame_folded f;
	char *svg;

	(void)state;
	flame_folded_init(&f);
	assert_int_equal(flame_folded_add(&f, "t;d", 6), 0);
	assert_int_equal(flame_folded_add(&f, "t;a;c", 1), 0);
	assert_int_equal(flame_folded_add(&f, "t;a;b", 3), 0);
	svg = render(&f, 0);
	assert_well_formed(svg);
	/* 1180 pixels between the margins for 10 samples. */
	assert_float_equal(frame_attr(svg, "all", "width"), 1180, 0.01);
	assert_float_equal(frame_attr(svg, "t", "width"), 1180, 0.01);
	assert_float_equal(frame_attr(svg, "a", "width"), 472, 0.01);
	assert_float_equal(frame_attr(svg, "b", "width"), 354, 0.01);
	assert_float_equal(frame_attr(svg, "c", "width"), 118, 0.01);
	assert_float_equal(frame_attr(svg, "d", "width"), 708, 0.01);
	/* Callees in name order from their caller's left edge: a, then d. */
	assert_float_equal(frame_attr(svg, "a", "x"), 10, 0.01);
	assert_float_equal(frame_attr(svg, "b", "x"), 10, 0.01);
	assert_float_equal(frame_attr(svg, "c", "x"), 364, 0.01);
	assert_float_equal(frame_attr(svg, "d", "x"), 482, 0.01);
	/* A flame: callees above callers. */
	assert_true(frame_attr(svg, "b", "y") < frame_attr(svg, "a", "y"));
	assert_true(frame_attr(svg, "a", "y") < frame_attr(svg, "t", "y"));
	assert_non_null(strstr(svg, "<title>b (3 samples, 30.00%)</title>"));
	assert_non_null(strstr(svg, "<title>all (10 samples, 100.00%)</title>"));
	assert_non_null(strstr(svg, "t &lt;&amp;&gt; &quot;q&quot;"));
	free(svg);
	flame_folded_free(&f);
}

static void test_svg_escape_and_drop(void **state)
{
	struct flame_folded f;
	char *svg;

	(void)state;
	flame_folded_init(&f);
	assert_int_equal(flame_folded_add(&f, "slabwall/*;sw_work", 300), 0);
	assert_int_equal(flame_folded_add(&f, "slabwall/*;sw_obj_alloc;kfree", 700), 0);
	assert_int_equal(flame_folded_add(&f, "x;a<b>&'c\"", 1), 0);
	svg = render(&f, 0);
	assert_well_formed(svg);
	assert_non_null(strstr(svg, "<title>a&lt;b&gt;&amp;&apos;c&quot; (1 sample, 0.10%)"));
	assert_null(strstr(svg, "a<b>"));
	/* The legend states the shares. */
	assert_non_null(strstr(svg,
		"allocator 70.0% of the 1000 samples in slabwall&apos;s kthreads (slab 70.0, page 0.0, "
		"zeroing 0.0), work 30.0%: the allocator&apos;s frames are 2.3x as "
		"wide as the work&apos;s"));
	free(svg);

	/* Under 0.2%: x and its frame are left out, and the footer says so. */
	svg = render(&f, 0.002);
	assert_well_formed(svg);
	assert_null(strstr(svg, "<title>x ("));
	assert_null(strstr(svg, "a&lt;b"));
	assert_non_null(strstr(svg, "1 in frames narrower than 0.2% not drawn"));
	assert_float_equal(frame_attr(svg, "kfree", "width"), 1180.0 * 700 / 1001, 0.01);
	free(svg);
	flame_folded_free(&f);
}

/* rgb(r,g,b) of the frame called @name. */
static void frame_rgb(const char *svg, const char *name, unsigned int rgb[3])
{
	char want[128];
	const char *p;

	snprintf(want, sizeof(want), "<title>%s (", name);
	p = strstr(svg, want);
	assert_non_null(p);
	p = strstr(p, "fill=\"rgb(");
	assert_non_null(p);
	assert_int_equal(sscanf(p, "fill=\"rgb(%u,%u,%u)", &rgb[0], &rgb[1], &rgb[2]), 3);
}

static void test_svg_colours(void **state)
{
	struct flame_folded f;
	unsigned int c[3];
	char *svg;

	(void)state;
	flame_folded_init(&f);
	assert_int_equal(flame_folded_add(&f, "slabwall/*;sw_work;sw_touch", 5), 0);
	assert_int_equal(flame_folded_add(&f, "slabwall/*;sw_obj_alloc;kfree", 5), 0);
	assert_int_equal(flame_folded_add(&f, "slabwall/*;sw_obj_alloc;kmalloc;memset_orig", 5), 0);
	svg = render(&f, 0);
	frame_rgb(svg, "kfree", c);		/* red */
	assert_true(c[0] > 200 && c[1] < 100 && c[2] < 100);
	frame_rgb(svg, "memset_orig", c);	/* yellow */
	assert_true(c[0] > 200 && c[1] > 180 && c[2] < 120);
	frame_rgb(svg, "sw_touch", c);		/* blue, as sw_work */
	assert_true(c[2] > 200 && c[0] < 110);
	frame_rgb(svg, "sw_obj_alloc", c);	/* grey */
	assert_true(c[0] == c[1]);
	free(svg);
	flame_folded_free(&f);
}

static void test_svg_icicle_and_text(void **state)
{
	struct flame_folded f;
	struct flame_svg_opts o;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	(void)state;
	flame_folded_init(&f);
	assert_int_equal(flame_folded_add(&f,
		"root;a_function_name_much_too_long_for_its_frame", 1), 0);
	assert_int_equal(flame_folded_add(&f, "root;z", 99), 0);
	out = open_memstream(&buf, &len);
	flame_svg_opts_init(&o);
	o.icicle = true;
	o.width = 1020;		/* 10 px per sample */
	o.min_frac = 0;
	assert_int_equal(flame_svg_write(&f, &o, out), 0);
	fclose(out);
	assert_well_formed(buf);
	assert_true(frame_attr(buf, "z", "y") > frame_attr(buf, "root", "y"));
	/* 10 px hold one character: too few for a label. */
	assert_null(strstr(buf, "\">a_fun"));
	assert_non_null(strstr(buf, ">root</text>"));
	free(buf);
	flame_folded_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_612),
		cmocka_unit_test(test_fold_612_no_rename),
		cmocka_unit_test(test_fold_61),
		cmocka_unit_test(test_fold_headers),
		cmocka_unit_test(test_comm_base),
		cmocka_unit_test(test_folded_round_trip),
		cmocka_unit_test(test_folded_read),
		cmocka_unit_test(test_folded_grow),
		cmocka_unit_test(test_folded_keep_root),
		cmocka_unit_test(test_frame_kinds),
		cmocka_unit_test(test_stack_classes),
		cmocka_unit_test(test_module_functions),
		cmocka_unit_test(test_shares_61),
		cmocka_unit_test(test_shares_612),
		cmocka_unit_test(test_shares_none),
		cmocka_unit_test(test_svg_layout),
		cmocka_unit_test(test_svg_escape_and_drop),
		cmocka_unit_test(test_svg_colours),
		cmocka_unit_test(test_svg_icicle_and_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
