// SPDX-License-Identifier: GPL-2.0
/* Member offsets and argument types from BTF (trace_btf.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>

#include "trace_btf.h"

/* Deeper than any real chain of pointers, typedefs and qualifiers. */
#define MAX_DEPTH 16

struct btf *tbtf_load_vmlinux(struct swerr *e)
{
	struct btf *btf = btf__load_vmlinux_btf();
	int err = errno;

	if (!btf) {
		swerr_set(e, err, "%s: cannot load the kernel's BTF: %s",
			  TBTF_VMLINUX, strerror(err));
		return NULL;
	}
	return btf;
}

/* @id without const, volatile, restrict and type tags. */
static __u32 skip_mods(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int depth = 0;

	while (t && btf_is_mod(t) && depth++ < MAX_DEPTH) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	return id;
}

/* Also through typedefs: what an anonymous member really is. */
static const struct btf_type *resolve(const struct btf *btf, __u32 id)
{
	const struct btf_type *t;
	int depth = 0;

	for (;;) {
		t = btf__type_by_id(btf, skip_mods(btf, id));
		if (!t || !btf_is_typedef(t) || depth++ >= MAX_DEPTH)
			return t;
		id = t->type;
	}
}

/* 0 and *@bits when found, -ENOENT when not, -EINVAL for a bitfield. */
static int find_member(const struct btf *btf, const struct btf_type *t,
		       const char *member, __u32 *bits, int depth)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, n = btf_vlen(t);
	int ret;

	for (i = 0; i < n; i++, m++) {
		const char *name = btf__name_by_offset(btf, m->name_off);
		const struct btf_type *mt;

		if (name && !strcmp(name, member)) {
			if (btf_member_bitfield_size(t, i))
				return -EINVAL;
			*bits = btf_member_bit_offset(t, i);
			return 0;
		}
		if ((name && *name) || depth >= MAX_DEPTH)
			continue;
		mt = resolve(btf, m->type);
		if (!mt || !btf_is_composite(mt))
			continue;
		ret = find_member(btf, mt, member, bits, depth + 1);
		if (ret != -ENOENT) {
			*bits += btf_member_bit_offset(t, i);
			return ret;
		}
	}
	return -ENOENT;
}

int tbtf_member_offset(const struct btf *btf, const char *sname,
		       const char *member, size_t *off, struct swerr *e)
{
	const struct btf_type *t;
	__u32 bits = 0;
	int id, ret;

	id = btf__find_by_name_kind(btf, sname, BTF_KIND_STRUCT);
	if (id < 0)
		return swerr_set(e, ENOENT, "%s: no struct %s", TBTF_VMLINUX,
				 sname);
	t = btf__type_by_id(btf, id);
	ret = find_member(btf, t, member, &bits, 0);
	if (ret == -ENOENT)
		return swerr_set(e, ENOENT, "%s: struct %s has no member %s",
				 TBTF_VMLINUX, sname, member);
	if (ret || bits % 8)
		return swerr_set(e, EINVAL, "%s: %s.%s is a bitfield",
				 TBTF_VMLINUX, sname, member);
	*off = bits / 8;
	return 0;
}

static const char *kind_prefix(const struct btf_type *t)
{
	if (btf_is_struct(t))
		return "struct ";
	if (btf_is_union(t))
		return "union ";
	if (btf_is_enum(t) || btf_is_enum64(t))
		return "enum ";
	return "";
}

/* C's spelling of type @id into @buf; false when it does not fit. */
static bool type_name(const struct btf *btf, __u32 id, char *buf, size_t len)
{
	const struct btf_type *t;
	unsigned int ptrs = 0;
	const char *name;
	int n;

	for (;;) {
		id = skip_mods(btf, id);
		t = btf__type_by_id(btf, id);
		if (!t || !btf_is_ptr(t) || ptrs >= MAX_DEPTH)
			break;
		ptrs++;
		id = t->type;
	}
	if (!t)
		name = "?";
	else if (id == 0)
		name = "void";
	else if (btf_is_func_proto(t))
		name = "function";
	else
		name = btf__name_by_offset(btf, t->name_off);
	n = snprintf(buf, len, "%s%s%s%.*s", t && id ? kind_prefix(t) : "",
		     name && *name ? name : "(anon)", ptrs ? " " : "",
		     (int)ptrs, "****************");
	return n >= 0 && (size_t)n < len;
}

int tbtf_arg_type(const struct btf *btf, const char *func, unsigned int idx,
		  char *buf, size_t len, struct swerr *e)
{
	const struct btf_type *fn, *proto;
	int id;

	id = btf__find_by_name_kind(btf, func, BTF_KIND_FUNC);
	if (id < 0)
		return swerr_set(e, ENOENT, "%s: no function %s", TBTF_VMLINUX,
				 func);
	fn = btf__type_by_id(btf, id);
	proto = btf__type_by_id(btf, fn->type);
	if (!proto || !btf_is_func_proto(proto))
		return swerr_set(e, EINVAL, "%s: %s has no prototype",
				 TBTF_VMLINUX, func);
	if (idx >= btf_vlen(proto))
		return swerr_set(e, ERANGE, "%s: %s has %u argument(s), not %u",
				 TBTF_VMLINUX, func, btf_vlen(proto), idx + 1);
	if (!type_name(btf, btf_params(proto)[idx].type, buf, len))
		return swerr_set(e, ENAMETOOLONG,
				 "%s: the type of argument %u of %s is too long",
				 TBTF_VMLINUX, idx + 1, func);
	return 0;
}
