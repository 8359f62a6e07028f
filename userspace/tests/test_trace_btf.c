// SPDX-License-Identifier: GPL-2.0
/*
 * trace_btf.c on a BTF built here the way pahole writes a kernel's: a
 * member inside anonymous unions and structs, a bitfield, a function
 * whose arguments are pointers, typedefs and qualified types.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <bpf/btf.h>

#include "trace_btf.h"

static int ok(int id)
{
	if (id < 0)
		fail_msg("building the BTF: %d", id);
	return id;
}

/*
 * struct kmem_cache {
 *	struct kmem_cache_cpu *cpu_slab;	   0
 *	unsigned int flags:3;			   8, a bitfield
 *	union {					  16
 *		long size;
 *		struct {
 *			int align;		  16
 *			const char *name;	  24
 *		};
 *	};
 *	unsigned int refcount;			  32
 * };
 * typedef unsigned int gfp_t;
 * void *___slab_alloc(struct kmem_cache *s, gfp_t gfpflags, int node,
 *		       const char *const *names);
 */
static struct btf *build(void)
{
	struct btf *b = btf__new_empty();
	int uint, sint, lng, chr, cchr, pchr, cpchr, ppchr, cpu, pcpu;
	int inner, uni, kc, pkc, gfp, vptr, proto;

	assert_non_null(b);
	uint = ok(btf__add_int(b, "unsigned int", 4, 0));
	sint = ok(btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	lng = ok(btf__add_int(b, "long", 8, BTF_INT_SIGNED));
	chr = ok(btf__add_int(b, "char", 1, BTF_INT_CHAR));
	cchr = ok(btf__add_const(b, chr));
	pchr = ok(btf__add_ptr(b, cchr));		/* const char * */
	cpchr = ok(btf__add_const(b, pchr));		/* const char *const */
	ppchr = ok(btf__add_ptr(b, cpchr));
	cpu = ok(btf__add_struct(b, "kmem_cache_cpu", 8));
	ok(btf__add_field(b, "tid", lng, 0, 0));
	pcpu = ok(btf__add_ptr(b, cpu));

	inner = ok(btf__add_struct(b, NULL, 16));
	ok(btf__add_field(b, "align", sint, 0, 0));
	ok(btf__add_field(b, "name", pchr, 64, 0));
	uni = ok(btf__add_union(b, NULL, 16));
	ok(btf__add_field(b, "size", lng, 0, 0));
	ok(btf__add_field(b, NULL, inner, 0, 0));
	kc = ok(btf__add_struct(b, "kmem_cache", 40));
	ok(btf__add_field(b, "cpu_slab", pcpu, 0, 0));
	ok(btf__add_field(b, "flags", uint, 64, 3));
	ok(btf__add_field(b, NULL, uni, 128, 0));
	ok(btf__add_field(b, "refcount", uint, 256, 0));

	pkc = ok(btf__add_ptr(b, kc));
	gfp = ok(btf__add_typedef(b, "gfp_t", uint));
	vptr = ok(btf__add_ptr(b, 0));
	proto = ok(btf__add_func_proto(b, vptr));
	ok(btf__add_func_param(b, "s", pkc));
	ok(btf__add_func_param(b, "gfpflags", gfp));
	ok(btf__add_func_param(b, "node", sint));
	ok(btf__add_func_param(b, "names", ppchr));
	ok(btf__add_func(b, "___slab_alloc", BTF_FUNC_STATIC, proto));
	return b;
}

static void test_member_offsets(void **state)
{
	struct btf *b = build();
	struct swerr e;
	size_t off = 1;

	(void)state;
	assert_int_equal(tbtf_member_offset(b, "kmem_cache", "cpu_slab", &off, &e), 0);
	assert_int_equal(off, 0);
	/* Through the anonymous union and the anonymous struct in it. */
	assert_int_equal(tbtf_member_offset(b, "kmem_cache", "name", &off, &e), 0);
	assert_int_equal(off, 24);
	assert_int_equal(tbtf_member_offset(b, "kmem_cache", "size", &off, &e), 0);
	assert_int_equal(off, 16);
	assert_int_equal(tbtf_member_offset(b, "kmem_cache", "refcount", &off, &e), 0);
	assert_int_equal(off, 32);
	btf__free(b);
}

static void test_member_errors(void **state)
{
	struct btf *b = build();
	struct swerr e;
	size_t off;

	(void)state;
	assert_int_equal(tbtf_member_offset(b, "kmem_cache", "flags", &off, &e),
			 -EINVAL);
	assert_non_null(strstr(e.msg, "kmem_cache.flags is a bitfield"));
	assert_int_equal(tbtf_member_offset(b, "kmem_cache", "oo", &off, &e),
			 -ENOENT);
	assert_non_null(strstr(e.msg, "struct kmem_cache has no member oo"));
	assert_int_equal(tbtf_member_offset(b, "slab", "name", &off, &e), -ENOENT);
	assert_non_null(strstr(e.msg, "no struct slab"));
	btf__free(b);
}

static void test_arg_types(void **state)
{
	struct btf *b = build();
	struct swerr e;
	char buf[64];

	(void)state;
	assert_int_equal(tbtf_arg_type(b, "___slab_alloc", 0, buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "struct kmem_cache *");
	assert_int_equal(tbtf_arg_type(b, "___slab_alloc", 1, buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "gfp_t");
	assert_int_equal(tbtf_arg_type(b, "___slab_alloc", 2, buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "int");
	/* Qualifiers go, at every level. */
	assert_int_equal(tbtf_arg_type(b, "___slab_alloc", 3, buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "char **");
	btf__free(b);
}

static void test_arg_errors(void **state)
{
	struct btf *b = build();
	struct swerr e;
	char buf[64];

	(void)state;
	assert_int_equal(tbtf_arg_type(b, "___slab_alloc", 4, buf, sizeof(buf), &e),
			 -ERANGE);
	assert_non_null(strstr(e.msg, "___slab_alloc has 4 argument(s), not 5"));
	assert_int_equal(tbtf_arg_type(b, "discard_slab", 0, buf, sizeof(buf), &e),
			 -ENOENT);
	assert_non_null(strstr(e.msg, "no function discard_slab"));
	/* A struct is not a function. */
	assert_int_equal(tbtf_arg_type(b, "kmem_cache", 0, buf, sizeof(buf), &e),
			 -ENOENT);
	assert_int_equal(tbtf_arg_type(b, "___slab_alloc", 0, buf, 8, &e),
			 -ENAMETOOLONG);
	btf__free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_member_offsets),
		cmocka_unit_test(test_member_errors),
		cmocka_unit_test(test_arg_types),
		cmocka_unit_test(test_arg_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
