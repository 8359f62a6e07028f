#!/bin/sh
# Guest side of scripts/bench: what tracing costs a run.  The same point
# (kmalloc-64, one CPU) with every event off, with slabwall's events on,
# with the kmem events on, with hist triggers on those kmem events (no
# ring buffer), and with a module built without tracepoints (NOTRACE).
# Modes are interleaved, REPEAT rounds, so a drift of the host hits them
# all.  Each run is slabwall run --json in /out/tracer/MODE-ALLOCS-ROUND.json,
# named by a line "MODE ALLOCS ROUND" in /out/tracer/runs.txt, in the
# order they ran; the host reads them.
# Usage: bench-trace-guest.sh DURATION_MS REPEAT NOTRACE_KO
d=/sys/kernel/debug/slabwall
t=/sys/kernel/tracing
i=$t/instances/slabwall-bench
dur=$1 repeat=$2 notrace_ko=$3
ko=/lib/modules/slabwall.ko
kmem="kmem_cache_alloc kmem_cache_free kmalloc kfree mm_page_alloc mm_page_free"

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

point() {	# point MODE ALLOCS ROUND [AS]: one run, tracing as MODE, named AS
	tracing "$1" 1
	slabwall run --pattern kmalloc --size 64 --allocs "$2" --cpus 0 \
		--duration "$dur" --json > "$out/${4:-$1}-$2-$3.json" || exit 1
	tracing "$1" 0
	echo "${4:-$1} $2 $3" >> "$out/runs.txt"
	echo "tracer ${4:-$1} $2 $3"
	echo reset > $d/control
}

out=/out/tracer
mkdir -p $out || exit 1
: > $out/runs.txt
mkdir $i || exit 1
echo 8192 > $i/buffer_size_kb
# notrace_point ALLOCS ROUND: the same point with the NOTRACE module
notrace_point() {
	load "$notrace_ko"
	point none "$1" "$2" notrace
	load "$ko"
}

# Odd rounds run the NOTRACE module first, even ones last: an order
# effect then shows as spread, not as a difference.
r=1
while [ "$r" -le "$repeat" ]; do
	for allocs in 1 64; do
		[ $((r % 2)) = 1 ] && notrace_point "$allocs" "$r"
		for mode in off slabwall kmem hist; do
			point $mode "$allocs" "$r"
			echo > $i/trace
		done
		[ $((r % 2)) = 0 ] && notrace_point "$allocs" "$r"
	done
	r=$((r + 1))
done
rmdir $i
