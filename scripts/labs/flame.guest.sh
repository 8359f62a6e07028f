#!/bin/sh
# Guest side of the flame lab: slabwall flame of the same skb operation,
# the same work per operation, at each of ALLOCS allocations per
# operation.  Leaves flame-N.svg, flame-N.folded, verdict-N.txt and the
# module's stats-N.txt in /out.
# LAB_OUT (default /out) is where it writes: scripts/lab --no-vm runs it
# on the machine itself.
lab_out=${LAB_OUT:-/out}
set -e
kver=$(uname -r)
for n in ${ALLOCS:-1 64}; do
	slabwall flame --pattern skb --strategy slab --cpus 0 --free local \
		--allocs "$n" --work "${WORK:-4096}" --duration "${DURATION_MS:-300}" \
		--freq "${FREQ:-1999}" --only "slabwall/*" -o "$lab_out/flame-$n.svg" \
		--title "skb, $n allocs/op, ${WORK:-4096} bytes of work per op, 1 CPU ($kver)" \
		> "$lab_out/verdict-$n.txt" 2> "$lab_out/flame-$n.log"
	cat "$lab_out/verdict-$n.txt"
	cp /sys/kernel/debug/slabwall/stats "$lab_out/stats-$n.txt"
done
