#!/bin/sh
# Guest side of the merge lab, once per boot (MODE names it): where the
# name slabwall_skbuff_head leads in /sys/kernel/slab, which other names
# lead there, and what its objects file says while slabwall holds nothing,
# while other processes use the kernel, and while slabwall holds a known
# number of objects.  Writes /out/MODE.csv, /out/MODE-slabs.txt and
# /out/MODE-aliases.txt.
d=/sys/kernel/debug/slabwall
s=/sys/kernel/slab
name=slabwall_skbuff_head
mode=${MODE:?}
csv=/out/$mode.csv
first() { read -r v _ < "$1"; echo "$v"; }
held() { sed -n 's/^survivors //p' $d/stats; }

# The cache behind the name: itself, or the :flags-size cache it aliases.
real=$name
[ -L $s/$name ] && real=$(readlink $s/$name)
real=${real##*/}
# Every name that leads to the same cache.
for n in "$s"/*; do
	[ -L "$n" ] && [ "$(basename "$(readlink "$n")")" = "$real" ] && basename "$n"
done > "/out/$mode-aliases.txt"
slabwall slabs $name > "/out/$mode-slabs.txt" 2>&1
cat "/out/$mode-slabs.txt"

step=0
sample() {	# sample PHASE SLABWALL_OBJECTS
	echo "$mode,$step,$1,$2,$(first $s/$name/objects),$(first $s/$name/slabs),$real,$(wc -l < "/out/$mode-aliases.txt")" >> "$csv"
	step=$((step + 1))
}
echo "mode,step,phase,slabwall_objects,cache_objects,cache_slabs,cache,aliases" > "$csv"
echo reset > $d/control
echo 1 > $s/$name/shrink
sample idle 0

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
sample "64 processes" 0
# shellcheck disable=SC2086
kill $pids
wait 2>/dev/null
echo 1 > $s/$name/shrink
sample "processes gone" 0

# slabwall holds exactly KEEP heads: every object survives its operation
# into a FIFO of KEEP, kept after the run until reset.
keep=${KEEP:-256}
echo skb > $d/pattern
echo 0 > $d/data_size
echo 0 > $d/cpus
echo 64 > $d/allocs_per_op
echo 1 > $d/survive_every
echo "$keep" > $d/survivors_max
echo 300 > $d/duration_ms
echo start > $d/control || exit 1
while [ "$(cat $d/control)" = running ]; do sleep 0.1; done
sample "slabwall holds $keep" "$(held)"
echo reset > $d/control
echo 1 > $s/$name/shrink
sample "slabwall reset" 0
cat "$csv"
