#!/bin/sh
# Guest side of scripts/bench: time to result.  A short sweep (skb, one
# CPU, 0, 1, 8 and 64 allocations per operation, REPEAT runs of
# DURATION_MS each) into /out/time/; the host takes the seconds per point
# from the sweep's own JSON ("seconds" over its points).
# Usage: bench-time-guest.sh DURATION_MS REPEAT
slabwall sweep --pattern skb --size 0 --strategy slab --free local \
	--cpus 1 --allocs 0,1,8,64 --repeat "$2" --duration "$1" \
	--progress none --out /out/time > /dev/null
