#!/bin/sh
# Guest side of scripts/bench: the harness's own cost.  kmalloc-64 at 0, 1
# and 8 allocations per operation, on one CPU and on all, REPEAT runs of
# DURATION_MS each: a sweep into /out/harness/, which the host reads.
# Usage: bench-guest.sh DURATION_MS REPEAT
slabwall sweep --pattern kmalloc --size 64 --strategy slab --free local \
	--cpus 1,all --allocs 0,1,8 --repeat "$2" --duration "$1" \
	--progress lines --out /out/harness > /dev/null
