#!/bin/sh
# Guest side of scripts/bench: one line per point, from the module's stats.
d=/sys/kernel/debug/slabwall
dur=$1
stat() { sed -n "s/^$1 //p" $d/stats; }
echo "# pattern allocs cpus ns_per_op ns_per_alloc p50_ns p99_ns ops_per_sec alloc_share_pct"
for cpus in 0 "$(cat /sys/devices/system/cpu/online)"; do
	for allocs in 0 1 8; do
		echo reset > $d/control
		echo kmalloc > $d/pattern
		echo 64 > $d/object_size
		echo "$allocs" > $d/allocs_per_op
		echo "$cpus" > $d/cpus
		echo "$dur" > $d/duration_ms
		echo start > $d/control || exit 1
		while [ "$(cat $d/control)" = running ]; do sleep 0.2; done
		echo "bench kmalloc-64 $allocs $cpus $(stat ns_per_op) $(stat ns_per_alloc)" \
			"$(stat p50_ns) $(stat p99_ns) $(stat ops_per_sec) $(stat alloc_share_pct)"
		cp $d/stats "/out/stats-$allocs-$cpus.txt"
	done
done
