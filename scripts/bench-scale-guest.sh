#!/bin/sh
# Guest side of scripts/bench: the scale point on every online CPU of
# this boot (the host boots once per vCPU count): skb heads without data
# (data_size 0), strategy slab, local free, at 0 allocations per
# operation (for the net cost) and at ALLOCS (a comma list, e.g. 8 or
# 8,256,1024,4096).  A sweep into /out/scale/, which the host reads.
# Usage: bench-scale-guest.sh DURATION_MS REPEAT ALLOCS
slabwall sweep --pattern skb --size 0 --strategy slab --free local \
	--cpus all --allocs "0,$3" --repeat "$2" --duration "$1" \
	--progress lines --out /out/scale > /dev/null
