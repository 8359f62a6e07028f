#!/bin/sh
# Guest side of the merge lab, once per boot (MODE names it): what
# slabwall slabs says under the name slabwall_skbuff_head (the cache the
# name leads to, every name merged into it, its objects and slabs) while
# slabwall holds nothing, while other processes use the kernel, and while
# slabwall holds a known number of objects.  Writes, for the host to read,
# in /out/MODE/: N.json (slabwall slabs --json) and a line "N PHASE" in
# steps.txt for each step N, run.json (slabwall run --json of the holding
# run); and the table, /out/MODE-slabs.txt.
# LAB_OUT (default /out) is where it writes: scripts/lab --no-vm runs it
# on the machine itself.
lab_out=${LAB_OUT:-/out}
d=/sys/kernel/debug/slabwall
s=/sys/kernel/slab
name=slabwall_skbuff_head
mode=${MODE:?}
out="$lab_out"/$mode
step=0
sample() {	# sample PHASE
	slabwall slabs --json $name > "$out/$step.json" || exit 1
	echo "$step $1" >> "$out/steps.txt"
	step=$((step + 1))
}

mkdir -p "$out" || exit 1
: > "$out/steps.txt"
slabwall slabs $name > "$lab_out/$mode-slabs.txt" 2>&1
cat "$lab_out/$mode-slabs.txt"
echo reset > $d/control
echo 1 > $s/$name/shrink
sample idle

# Other users of the kernel: 64 sleeping processes, each with its page
# tables, VMAs in maple nodes, timers...  slabwall does nothing.
pids=
i=0
while [ $i -lt 64 ]; do
	sleep 600 &
	pids="$pids $!"
	i=$((i + 1))
done
sleep 1
sample "64 processes"
# shellcheck disable=SC2086
kill $pids
wait 2>/dev/null
echo 1 > $s/$name/shrink
sample "processes gone"

# slabwall holds exactly KEEP heads: every object survives its operation
# into a FIFO of KEEP, kept after the run until reset.
keep=${KEEP:-256}
slabwall run --pattern skb --size 0 --cpus 0 --allocs 64 --duration 300 \
	--survive-every 1 --survivors-max "$keep" --json > "$out/run.json" 2> "$out/run.log" || { cat "$out/run.log"; exit 1; }
sample "slabwall holds $keep"
echo reset > $d/control
echo 1 > $s/$name/shrink
sample "slabwall reset"
