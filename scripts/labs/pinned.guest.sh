#!/bin/sh
# Guest side of the pinned lab: dentry churn where one object in 16 lives
# on, sampled over time, then what shrink and freeing the survivors give
# back.  Sample N is /out/samples/stats-N.json (slabwall stats --json:
# the run's allocations and frees at that moment), slabs-N.json (slabwall
# slabs --json of the cache) and a line "N T_MS PHASE SRECLAIMABLE_KB" in
# samples.txt there (T_MS: the sampling loop's count; the host takes the
# run's time from the module's clock); the host makes pinned.csv of them.
# LAB_OUT (default /out) is where it writes: scripts/lab --no-vm runs it
# on the machine itself.
lab_out=${LAB_OUT:-/out}
d=/sys/kernel/debug/slabwall
cache=slabwall_dentry
out="$lab_out"/samples
n=0
sample() {	# sample T_MS PHASE
	slabwall stats --json > "$out/stats-$n.json" || exit 1
	slabwall slabs --json $cache > "$out/slabs-$n.json" || exit 1
	echo "$n $1 $2 $(sed -n 's/^SReclaimable: *\([0-9]*\) kB/\1/p' /proc/meminfo)" >> "$out"/samples.txt
	n=$((n + 1))
}
shrink() {
	echo 1 > /sys/kernel/slab/$cache/shrink
}

mkdir -p "$out" || exit 1
: > "$out"/samples.txt
echo reset > $d/control
shrink
sample 0 before
slabwall run --pattern dentry --allocs 4096 --duration "${DURATION_MS:-3000}" \
	--survive-every "${SURVIVE_EVERY:-16}" --survivors-max "${SURVIVORS:-256}" \
	--json > "$out"/run.json 2> "$out"/run.log &
pid=$!
t=0
while kill -0 $pid 2> /dev/null; do
	sleep 0.5
	t=$((t + 500))
	sample $t run
done
wait $pid || { cat "$out"/run.log; exit 1; }
sample $((t + 1)) after-run
shrink
sample $((t + 2)) after-shrink
echo reset > $d/control
sample $((t + 3)) survivors-freed
shrink
sample $((t + 4)) freed-and-shrunk
cat "$out"/samples.txt
