/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the running kernel's BTF says about its structures and functions:
 * where a member sits (so a kprobe can read s->name without a header of
 * that kernel) and what a function's arguments are (so a probe is only
 * placed where the argument it reads really is what the source says).
 */
#ifndef SLABWALL_TRACE_BTF_H
#define SLABWALL_TRACE_BTF_H

#include <stddef.h>

#include "swerr.h"

struct btf;

#define TBTF_VMLINUX "/sys/kernel/btf/vmlinux"

/* The kernel's BTF (TBTF_VMLINUX); NULL with @e set.  btf__free() it. */
struct btf *tbtf_load_vmlinux(struct swerr *e);

/*
 * Byte offset of @member in struct @sname, looking into anonymous
 * structs and unions.  -ENOENT when either is missing, -EINVAL for a
 * bitfield.
 */
int tbtf_member_offset(const struct btf *btf, const char *sname,
		       const char *member, size_t *off, struct swerr *e);

/*
 * The type of argument @idx (0 is the first) of function @func as C
 * writes it, without qualifiers: "struct kmem_cache *", "size_t",
 * "int".  -ENOENT when the function is not in the BTF (inlined, or left
 * out because its arguments were rearranged), -ERANGE when it has fewer
 * arguments.
 */
int tbtf_arg_type(const struct btf *btf, const char *func, unsigned int idx,
		  char *buf, size_t len, struct swerr *e);

#endif /* SLABWALL_TRACE_BTF_H */
