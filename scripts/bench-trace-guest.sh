#!/bin/sh
# Guest side of scripts/bench: what tracing costs a run.  The same point
# (kmalloc-64, one CPU) with every event off, with slabwall's events on,
# with the kmem events on, with hist triggers on those kmem events (no
# ring buffer), and with a module built without tracepoints (NOTRACE).
# Modes are interleaved, REPEAT rounds, so a drift of the host hits them
# all.
# Usage: bench-trace-guest.sh DURATION_MS REPEAT NOTRACE_KO
d=/sys/kernel/debug/slabwall
t=/sys/kernel/tracing
i=$t/instances/slabwall-bench
dur=$1 repeat=$2 notrace_ko=$3
ko=/lib/modules/slabwall.ko
kmem="kmem_cache_alloc kmem_cache_free kmalloc kfree mm_page_alloc mm_page_free"

stat() { sed -n "s/^$1 //p" $d/stats; }

load() {	# load KO: swap the module in place
	rmmod slabwall 2>/dev/null
	insmod "$1" || exit 1
}

# The hist triggers count the same kmem events as "kmem", in the kernel.
hist_key() {
	case $1 in
	kmem_cache_free) echo name ;;
	mm_page_*) echo order ;;
	*) echo call_site.sym ;;
	esac
}

tracing() {	# tracing MODE 1|0
	case $1 in
	slabwall) echo "$2" > "$i/events/slabwall/enable" ;;
	kmem) for e in $kmem; do echo "$2" > "$i/events/kmem/$e/enable"; done ;;
	hist)
		for e in $kmem; do
			k="hist:keys=$(hist_key "$e")"
			[ "$2" = 1 ] || k="!$k"
			echo "$k" > "$i/events/kmem/$e/trigger"
		done ;;
	esac
}

point() {	# point MODE ALLOCS: one run, prints its ops/s
	echo kmalloc > $d/pattern
	echo 64 > $d/object_size
	echo "$2" > $d/allocs_per_op
	echo 0 > $d/cpus
	echo "$dur" > $d/duration_ms
	tracing "$1" 1
	echo start > $d/control || exit 1
	while [ "$(cat $d/control)" = running ]; do sleep 0.1; done
	tracing "$1" 0
	echo "$(stat ops_per_sec) $(stat ns_per_op)"
	echo reset > $d/control
}

mkdir $i || exit 1
echo 8192 > $i/buffer_size_kb
echo "# tracer mode allocs round ops_per_sec ns_per_op"
# notrace_point ALLOCS ROUND: the same point with the NOTRACE module
notrace_point() {
	load "$notrace_ko"
	echo "tracer notrace $1 $2 $(point none "$1")"
	load "$ko"
}

# Odd rounds run the NOTRACE module first, even ones last: an order
# effect then shows as spread, not as a difference.
r=1
while [ "$r" -le "$repeat" ]; do
	for allocs in 1 64; do
		[ $((r % 2)) = 1 ] && notrace_point "$allocs" "$r"
		for mode in off slabwall kmem hist; do
			echo "tracer $mode $allocs $r $(point $mode "$allocs")"
			echo > $i/trace
		done
		[ $((r % 2)) = 0 ] && notrace_point "$allocs" "$r"
	done
	r=$((r + 1))
done
rmdir $i
