// SPDX-License-Identifier: GPL-2.0
/*
 * dentry: an object from a cache of its own, shaped like the kernel's
 * dentry cache; a long name is kmalloc'd apart, as d_alloc() does.
 */
#include <linux/slab.h>
#include <linux/dcache.h>
#include <linux/overflow.h>
#include <linux/rcupdate.h>
#include "slabwall.h"

static struct kmem_cache *dentry_cache;

struct sw_ext_name {
	atomic_t count;
	unsigned char name[];
};

struct sw_dentry {
	unsigned char *name;
	u32 len;
	u32 hash;
	unsigned char iname[SW_DNAME_INLINE_LEN];
	struct rcu_head rcu;	/* free mode rcu, as struct dentry's d_rcu */
};

/* The constructed state, which every freed object must be back in. */
static void dentry_ctor(void *obj)
{
	struct sw_dentry *d = obj;

	d->name = d->iname;
	d->len = 0;
	d->iname[0] = 0;
}

/* A constructor keeps the cache apart from others on every kernel. */
static int dentry_create(bool mergeable)
{
	BUILD_BUG_ON(sizeof(struct sw_dentry) > sizeof(struct dentry));
	dentry_cache = kmem_cache_create(SW_CACHE_DENTRY, sizeof(struct dentry),
					 0, SLAB_RECLAIM_ACCOUNT | sw_typesafe_flags() |
					 sw_nomerge(mergeable),
					 mergeable ? NULL : dentry_ctor);
	return dentry_cache ? 0 : -ENOMEM;
}

static size_t dentry_ext_bytes(const struct sw_config *cfg)
{
	if (cfg->name_len < SW_DNAME_INLINE_LEN)
		return 0;
	return struct_size((struct sw_ext_name *)NULL, name, cfg->name_len + 1);
}

/* Copy and hash the name, as d_alloc() and the lookup around it do. */
static void dentry_set_name(struct sw_dentry *d, struct sw_ext_name *ext,
			    const struct sw_config *cfg)
{
	u32 i, hash = 0;

	d->name = d->iname;
	if (ext) {
		atomic_set(&ext->count, 1);
		d->name = ext->name;
	}
	for (i = 0; i < cfg->name_len; i++) {
		d->name[i] = 'a' + i % 26;
		hash = hash * 31 + d->name[i];
	}
	d->name[i] = 0;
	d->len = cfg->name_len;
	d->hash = hash;
}

int sw_dentry_attach(void *head, const struct sw_config *cfg)
{
	struct sw_ext_name *ext = NULL;
	struct sw_dentry *d = head;

	/* Without a constructor the head is not in a state detach can undo. */
	d->name = d->iname;
	if (dentry_ext_bytes(cfg)) {
		ext = sw_fault(cfg) ? NULL : sw_kmalloc(dentry_ext_bytes(cfg), cfg);
		if (!ext)
			return -ENOMEM;
	}
	dentry_set_name(head, ext, cfg);
	return 0;
}

void sw_dentry_detach(void *obj)
{
	struct sw_dentry *d = obj;

	if (d->name != d->iname)
		kfree(container_of(d->name, struct sw_ext_name, name[0]));
	dentry_ctor(d);
}

/* As d_free() -> __d_free_external(): the name goes with the dentry. */
static void dentry_free_rcu_cb(struct rcu_head *head)
{
	struct sw_dentry *d = container_of(head, struct sw_dentry, rcu);

	sw_dentry_detach(d);
	kmem_cache_free(dentry_cache, d);
	sw_rcu_done();
}

static void dentry_free_rcu(void *obj)
{
	struct sw_dentry *d = obj;

	call_rcu(&d->rcu, dentry_free_rcu_cb);
}

static size_t dentry_arena_size(const struct sw_config *cfg)
{
	return ALIGN(sizeof(struct dentry), 8) + ALIGN(dentry_ext_bytes(cfg), 8);
}

static void *dentry_carve(void *mem, const struct sw_config *cfg)
{
	struct sw_ext_name *ext = NULL;

	if (dentry_ext_bytes(cfg))
		ext = mem + ALIGN(sizeof(struct dentry), 8);
	dentry_set_name(mem, ext, cfg);
	return mem;
}

static void *dentry_payload(void *obj, const struct sw_config *cfg, size_t *len)
{
	struct sw_dentry *d = obj;

	*len = d->len;
	return d->name;
}

const struct sw_pattern sw_pattern_dentry = {
	.cache = &dentry_cache,
	.create = dentry_create,
	.kmalloc_bytes = dentry_ext_bytes,
	.attach = sw_dentry_attach,
	.detach = sw_dentry_detach,
	.arena_size = dentry_arena_size,
	.carve = dentry_carve,
	.payload = dentry_payload,
	.free_rcu = dentry_free_rcu,
};
