// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall: reproduce the allocator wall inside the kernel and measure it.
 * See docs/debugfs.md for the interface.
 */
#include <linux/module.h>
#include <linux/rcupdate.h>
#include "slabwall.h"

static bool mergeable;
module_param(mergeable, bool, 0444);
MODULE_PARM_DESC(mergeable, "Let SLUB merge the slabwall caches into others (default: no)");

static int __init slabwall_init(void)
{
	int err;

	err = sw_caches_create(mergeable);
	if (err)
		return err;
	err = sw_hotplug_init();
	if (err)
		goto caches;
	err = sw_debugfs_init();
	if (err)
		goto hotplug;
	return 0;
hotplug:
	sw_hotplug_exit();
caches:
	sw_caches_destroy();
	return err;
}

/*
 * A running run is stopped and every object freed before the caches go;
 * the run's stop waits for its RCU callbacks, and the barrier here makes
 * sure none of this module's callbacks outlives its code.
 */
static void __exit slabwall_exit(void)
{
	sw_debugfs_exit();
	sw_hotplug_exit();
	rcu_barrier();
	sw_caches_destroy();
}

module_init(slabwall_init);
module_exit(slabwall_exit);

MODULE_DESCRIPTION("Slab allocator churn generator and meter");
MODULE_LICENSE("GPL");
