#!/bin/sh
# Guest side of the pinned lab: dentry churn where one object in 16 lives
# on, sampled over time, then what shrink and freeing the survivors give
# back.  Writes /out/pinned.csv.
d=/sys/kernel/debug/slabwall
c=/sys/kernel/slab/slabwall_dentry
csv=/out/pinned.csv
first() { read -r v _ < "$1"; echo "$v"; }
stat() { printf '%s\n' "$stats" | sed -n "s/^$1 //p"; }
pagekb=$(( $(getconf PAGESIZE 2>/dev/null || echo 4096) / 1024 ))

sample() {	# sample T_MS PHASE
	stats=$(cat $d/stats)	# one snapshot: allocs and frees of one moment
	live=$(( $(stat allocs) - $(stat frees) ))
	objs=$(first $c/objects)
	slabs=$(first $c/slabs)
	order=$(first $c/order)
	size=$(first $c/object_size)
	recl=$(sed -n 's/^SReclaimable: *\([0-9]*\) kB/\1/p' /proc/meminfo)
	echo "$1,$2,$live,$objs,$slabs,$(first $c/partial),$((slabs * (pagekb << order))),$size,$recl" >> $csv
}

# live_objects: allocated and not freed by the module (the survivors, and
# during the run the objects of operations in flight); cache_objects:
# SLUB's "objects", which also counts the free objects of per-CPU slabs.
echo "t_ms,phase,live_objects,cache_objects,slabs,partial,slab_kb,object_size,sreclaimable_kb" > $csv
echo reset > $d/control
echo dentry > $d/pattern
echo 4096 > $d/allocs_per_op
echo "${SURVIVE_EVERY:-16}" > $d/survive_every
echo "${SURVIVORS:-256}" > $d/survivors_max
echo "${DURATION_MS:-3000}" > $d/duration_ms
echo 1 > $c/shrink
sample 0 before
echo start > $d/control || exit 1
t=0
while [ "$(cat $d/control)" = running ]; do
	sleep 0.5
	t=$((t + 500))
	sample $t run
done
sample $((t + 1)) after-run
echo 1 > $c/shrink
sample $((t + 2)) after-shrink
echo reset > $d/control
sample $((t + 3)) survivors-freed
echo 1 > $c/shrink
sample $((t + 4)) freed-and-shrunk
cat $csv
