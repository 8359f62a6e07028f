#!/bin/sh
# Guest side of the flame lab: slabwall flame of the same skb operation,
# the same work per operation, at each of ALLOCS allocations per
# operation.  Leaves flame-N.svg, flame-N.folded, verdict-N.txt and the
# module's stats-N.txt in /out.
set -e
kver=$(uname -r)
for n in ${ALLOCS:-1 64}; do
	slabwall flame --pattern skb --strategy slab --cpus 0 --free local \
		--allocs "$n" --work "${WORK:-4096}" --duration "${DURATION_MS:-300}" \
		--freq "${FREQ:-1999}" --only "slabwall/*" -o "/out/flame-$n.svg" \
		--title "skb, $n allocs/op, ${WORK:-4096} bytes of work per op, 1 CPU ($kver)" \
		> "/out/verdict-$n.txt" 2> "/out/flame-$n.log"
	cat "/out/verdict-$n.txt"
	cp /sys/kernel/debug/slabwall/stats "/out/stats-$n.txt"
done
