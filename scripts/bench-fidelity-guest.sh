#!/bin/sh
# Guest side of scripts/bench: the engine against the allocator's own
# floor, in one boot.  The module's calibration (a bare alloc + free loop
# per pattern's cache and per pattern's whole object, kmalloc at 64
# bytes, skb heads without data, names of 24 bytes) on the first CPU, then a
# sweep per pattern on that CPU at 0, 1 and 8 allocations per operation
# (skb heads without data, dentries with inline names, kmalloc-64), once
# per timing mode (time_every: every operation timed, then one in 16 and
# one in 256), with a calibration before each sweep and one after the
# last, so the host's drift over the sweeps is in the calibrations too.
# Writes /out/fidelity/calibration-N.txt (N = 1, 2, ...) and
# /out/fidelity/every-E/PATTERN/sweep.csv; the host reads them.
# Usage: bench-fidelity-guest.sh DURATION_MS REPEAT [TIME_EVERY...]
d=/sys/kernel/debug/slabwall
f=/out/fidelity
dur=$1 repeat=$2
shift 2
[ $# -gt 0 ] || set -- 1 16 256
first=$(cut -d, -f1 /sys/devices/system/cpu/online)
first=${first%%-*}
mask=$(printf '%x' $((1 << first)))

calibrate() {	# calibrate N: on the sweeps' CPU, at the sweeps' sizes
	echo 64 > $d/object_size || exit 1
	echo 0 > $d/data_size || exit 1
	echo 24 > $d/name_len || exit 1
	taskset "$mask" sh -c "echo calibrate > $d/control" || exit 1
	cat $d/calibration > "$f/calibration-$1.txt" || exit 1
}

mkdir -p $f
n=1
# A pattern's modes back to back: the host's drift weighs on them alike.
for p in skb:0 dentry:24 kmalloc:64; do
	for e in "$@"; do
		calibrate $n
		n=$((n + 1))
		slabwall sweep --pattern "${p%%:*}" --size "${p#*:}" \
			--strategy slab --free local --cpus 1 --allocs 0,1,8 \
			--time-every "$e" --repeat "$repeat" --duration "$dur" \
			--progress none --out "$f/every-$e/${p%%:*}" \
			> /dev/null || exit 1
	done
done
calibrate $n
