// SPDX-License-Identifier: GPL-2.0
/*
 * real_dentry: the kernel's own dentry, beside the dentry pattern that
 * mimics it.  d_alloc() makes it under the root of a pseudo filesystem
 * of the module's own, mounted at load and unmounted at unload; dput()
 * drops it.  Never hashed, it dies at its last dput(): it leaves its
 * parent (whose lock and reference count every CPU shares) and goes back
 * to the dentry cache through RCU, after a grace period, as a dentry that
 * path walks may have seen must.  A name of DNAME_INLINE_LEN bytes or more
 * is kmalloc'd apart (kmalloc-rcl-N: reclaimable, charged to the memory
 * cgroup) and freed with it.
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/pseudo_fs.h>
#include <linux/dcache.h>
#include <linux/mount.h>
#include <linux/stringhash.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include "slabwall.h"

/* "slab" */
#define SW_REAL_FS_MAGIC	0x736c6162

static struct vfsmount *real_mnt;

/* The names: a prefix of this, name_len bytes long (d_alloc() copies it). */
static char real_name[SW_MAX_NAME_LEN + 1];

static int real_fs_init(struct fs_context *fc)
{
	return init_pseudo(fc, SW_REAL_FS_MAGIC) ? 0 : -ENOMEM;
}

/*
 * No .owner: a mount holds its filesystem type's module, and this one
 * lives from load to unload, so with an owner the module could never be
 * unloaded.  Unmounted in real_dentry_destroy(), before the module goes.
 * Not registered: nothing can mount it from userspace.
 */
static struct file_system_type real_fs_type = {
	.name = "slabwall",
	.init_fs_context = real_fs_init,
	.kill_sb = kill_anon_super,
};

/* Bytes of d_alloc()'s external name: its reference count or RCU head, the name, a NUL. */
static size_t real_dentry_ext_bytes(const struct sw_config *cfg)
{
	if (cfg->name_len < DNAME_INLINE_LEN)
		return 0;
	return sizeof(struct rcu_head) + cfg->name_len + 1;
}

void *sw_real_dentry_alloc(const struct sw_config *cfg)
{
	struct dentry *root = real_mnt->mnt_root;
	struct qstr q = QSTR_INIT(real_name, cfg->name_len);

	/* d_alloc_name() hashes its name too; it wants a NUL-ended one. */
	q.hash = full_name_hash(root, real_name, cfg->name_len);
	return d_alloc(root, &q);
}

void sw_real_dentry_free(void *obj)
{
	dput(obj);
}

static int real_dentry_create(bool mergeable)
{
	unsigned int i;

	for (i = 0; i < SW_MAX_NAME_LEN; i++)
		real_name[i] = 'a' + i % 26;
	real_mnt = kern_mount(&real_fs_type);
	if (IS_ERR(real_mnt)) {
		int err = PTR_ERR(real_mnt);

		real_mnt = NULL;
		return err;
	}
	return 0;
}

/*
 * After the last run: every dentry of ours is dead by then (a live one
 * would make the unmount warn).  Their RCU frees need nothing of the
 * module.
 */
static void real_dentry_destroy(void)
{
	if (!real_mnt)
		return;
	kern_unmount(real_mnt);
	real_mnt = NULL;
}

/* Bound by the kmalloc strides of a dentry and of its external name. */
static size_t real_dentry_footprint(const struct sw_config *cfg)
{
	size_t ext = real_dentry_ext_bytes(cfg);

	return sw_stride(NULL, sizeof(struct dentry)) +
	       (ext ? sw_stride(NULL, ext) : 0);
}

static void real_dentry_caches(struct seq_file *m, bool keys,
			       const struct sw_config *cfg)
{
	sw_cache_line(m, keys, 0, SW_CACHE_REAL_DENTRY, sizeof(struct dentry));
	sw_kmalloc_line(m, keys, 1, "kmalloc-rcl-", real_dentry_ext_bytes(cfg));
}

/* The name is the kernel's: the work goes to the worker's scratch buffer. */
static void *real_dentry_payload(void *obj, const struct sw_config *cfg,
				 size_t *len)
{
	*len = 0;
	return obj;
}

const struct sw_pattern sw_pattern_real_dentry = {
	.create = real_dentry_create,
	.kmalloc_bytes = real_dentry_ext_bytes,
	.payload = real_dentry_payload,
	.alloc = sw_real_dentry_alloc,
	.free = sw_real_dentry_free,
	.footprint = real_dentry_footprint,
	.caches = real_dentry_caches,
	.destroy = real_dentry_destroy,
};
