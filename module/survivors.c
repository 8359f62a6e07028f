// SPDX-License-Identifier: GPL-2.0
/*
 * Survivors: one object in survive_every outlives its operation and waits
 * in a per-worker FIFO of survivors_max objects until newer survivors push
 * it out.  Scattered long-lived objects keep their slabs from being freed
 * although most objects are gone: the kernel's version of a heap whose
 * memory never comes back.  What is left when the run ends stays until
 * the run is freed (next start, reset or rmmod).
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include "slabwall.h"

int sw_survivors_init(struct sw_worker *w)
{
	const struct sw_config *cfg = &w->run->cfg;
	struct sw_survivors *k = &w->keep;

	if (!cfg->survive_every)
		return 0;
	k->cap = cfg->survivors_max;
	k->countdown = cfg->survive_every;
	k->objs = kvmalloc_array(k->cap, sizeof(void *), GFP_KERNEL);
	return k->objs ? 0 : -ENOMEM;
}

void sw_survivors_free(struct sw_worker *w)
{
	struct sw_survivors *k = &w->keep;

	for (; k->nr; k->nr--, k->oldest = (k->oldest + 1) % k->cap) {
		sw_obj_free(w->run->pattern, k->objs[k->oldest]);
		if (!(k->nr % SW_RESCHED_EVERY))
			cond_resched();
	}
	kvfree(k->objs);
	k->objs = NULL;
}

/*
 * Keep every survive_every-th object of the operation, pushing out (and
 * freeing) the oldest survivor when full.  Returns how many objects are
 * left in w->objs for the operation to free.
 */
unsigned int sw_survivors_take(struct sw_worker *w, unsigned int n)
{
	struct sw_survivors *k = &w->keep;
	unsigned int i, slot, left = 0;

	for (i = 0; i < n; i++) {
		/* A countdown, not a division per object. */
		if (--k->countdown) {
			w->objs[left++] = w->objs[i];
			continue;
		}
		k->countdown = w->run->cfg.survive_every;
		if (k->nr == k->cap) {
			/* Pushed out of the LRU: freed as the run frees. */
			if (w->run->cfg.free_mode == SW_FREE_RCU)
				sw_rcu_free(w, &k->objs[k->oldest], 1);
			else
				sw_obj_free(w->run->pattern, k->objs[k->oldest]);
			w->c.frees++;
			if (++k->oldest == k->cap)
				k->oldest = 0;
			k->nr--;
		}
		slot = k->oldest + k->nr;
		if (slot >= k->cap)
			slot -= k->cap;
		k->objs[slot] = w->objs[i];
		k->nr++;
		w->c.survivors = k->nr;
	}
	return left;
}
