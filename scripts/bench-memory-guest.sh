#!/bin/sh
# Guest side of scripts/bench: the harness's own memory per object it
# tracks.  One worker on the first CPU, skb heads without data at 4096
# allocations per operation, local free, in two cases:
#   plain:    no survivors; after the run only the harness's arrays stay
#   survive:  every object survives (survive_every 1, survivors_max 4096),
#             so 4096 heads stay held after the run with their arrays
# For each, REPEAT rounds of: /proc/meminfo and the cache's slabs before
# the run, in the middle of it, once it is done (held: the module keeps a
# finished run's workers until reset), and after reset.  Lines
#   mem CASE ROUND PHASE SUNRECLAIM_KB KERNELSTACK_KB VMALLOC_KB CACHE_OBJECTS CACHE_SLABS STATE
# (STATE: what control read right after; a "running" sample taken when the
# run had already ended says done there)
# go to /out/memory/memory.txt, with the cache's geometry in a line
#   cache NAME OBJECT_SIZE SLAB_SIZE ORDER
# Usage: bench-memory-guest.sh DURATION_MS REPEAT
d=/sys/kernel/debug/slabwall
s=/sys/kernel/slab/slabwall_skbuff_head
out=/out/memory
dur=$1 repeat=$2
allocs=4096

# Shell builtins only: a forked reader's task and its RCU-delayed free
# would land in the figures.
snap() {	# snap CASE ROUND PHASE
	while read -r k v _; do
		case $k in
		SUnreclaim:) sun=$v ;;
		KernelStack:) stack=$v ;;
		VmallocUsed:) vmal=$v ;;
		esac
	done < /proc/meminfo
	read -r objs _ < $s/objects
	read -r slabs _ < $s/slabs
	read -r state < $d/control
	echo "mem $1 $2 $3 $sun $stack $vmal $objs $slabs $state" >> $out/memory.txt
}

set_knobs() {	# set_knobs SURVIVE_EVERY
	echo reset > $d/control || exit 1
	echo skb > $d/pattern && echo slab > $d/strategy &&
		echo 0 > $d/data_size && echo $allocs > $d/allocs_per_op &&
		echo local > $d/free && echo "$first" > $d/cpus &&
		echo "$dur" > $d/duration_ms &&
		echo "$1" > $d/survive_every && echo $allocs > $d/survivors_max ||
		exit 1
}

wait_done() {
	while read -r st < $d/control && [ "$st" = running ]; do
		sleep 0.05
	done
}

first=$(cut -d, -f1 /sys/devices/system/cpu/online)
first=${first%%-*}
mkdir -p $out || exit 1
: > $out/memory.txt
# The cache exists from load on; its geometry does not change.
echo "cache slabwall_skbuff_head $(cat $s/object_size) $(cat $s/slab_size) $(cat $s/order)" \
	>> $out/memory.txt
round=1
while [ $round -le "$repeat" ]; do
	for c in plain:0 survive:1; do
		set_knobs "${c#*:}"
		# Let the reset's frees settle before the baseline.
		sleep 0.2
		snap "${c%%:*}" $round before
		echo start > $d/control || exit 1
		# A third of the way in: the samples take a while under TCG.
		sleep "$((dur / 3000)).$(printf '%03d' $((dur / 3 % 1000)))"
		snap "${c%%:*}" $round running
		wait_done
		# As before the baseline: the same settling after a fork.
		sleep 0.2
		snap "${c%%:*}" $round held
		echo reset > $d/control || exit 1
		sleep 0.2
		snap "${c%%:*}" $round after
	done
	round=$((round + 1))
done
echo "memory: $((repeat * 2)) runs"
