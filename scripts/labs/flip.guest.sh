#!/bin/sh
# Guest side of the flip lab: kmalloc across 8 KiB, then one operation's
# latency histogram just below and just above.  Writes /out/sweep/ and
# /out/hist-SIZE.txt ("lower_ns upper_ns count" lines) for each of
# HIST_SIZES (default "8192 8200"; empty: none).
# LAB_OUT (default /out) is where it writes: scripts/lab --no-vm runs it
# on the machine itself.
lab_out=${LAB_OUT:-/out}
d=/sys/kernel/debug/slabwall
slabwall sweep --pattern kmalloc --strategy slab --cpus 1 --free local \
	--size "${SIZES:-4096,6144,8192,8200,12288,16384,32768}" \
	--allocs 0,1,16 --repeat 3 --duration 200 --progress lines \
	--out "$lab_out"/sweep > /dev/null || exit 1
for size in ${HIST_SIZES-8192 8200}; do
	slabwall run --pattern kmalloc --strategy slab --allocs 1 --cpus 0 \
		--free local --size "$size" --duration 300 > "$lab_out/run-$size.txt" || exit 1
	cat $d/histogram > "$lab_out/hist-$size.txt"
done
