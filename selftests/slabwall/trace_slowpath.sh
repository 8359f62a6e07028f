#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# SLUB's slow path as slabwall trace hist counts it, in the test VM: KTAP.
# Freed locally, 8 objects per operation go back to the CPU's freelist and
# come from it again; 512 are more than a slab holds, so SLUB refills from
# slabs.  Under slab debugging (slab_debug=/slub_debug= on the cache)
# SLUB has no fast path at all: every allocation is slow.  make check runs
# this once with debugging and once without.  POSIX sh for busybox.

# shellcheck source=ktap_lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/ktap_lib.sh"
need_cmd slabwall trace_slowpath
c=slabwall_skbuff_head

ktap_begin trace-slowpath 1
echo reset > $d/control
for k in 8 512; do
	slabwall trace hist --pattern skb --allocs $k --free local --cpus 0-1 \
		--duration 200 --csv --cache $c > "$tmp/local$k" 2> "$tmp/err$k" ||
		sed 's/^/# /' "$tmp/err$k"
done
s8=$(col "$tmp/local8" $c slow_allocs_per_1k)
s512=$(col "$tmp/local512" $c slow_allocs_per_1k)
read -r debug _ < /sys/kernel/slab/$c/sanity_checks
echo "# $c slow allocations per 1000, local frees: $s8 at 8 per op, $s512 at 512 (sanity_checks $debug)"
if [ "$debug" = 1 ]; then
	[ "$s8" = 1000 ] && [ "$s512" = 1000 ]
	result $? "trace_slowpath.debug_cache_has_no_fast_path"
else
	[ -n "$s8" ] && [ -n "$s512" ] &&
		awk -v a="$s8" -v b="$s512" 'BEGIN { exit !(b > a) }'
	result $? "trace_slowpath.slow_allocs_rise_with_allocs_per_op"
fi
echo reset > $d/control
ktap_end
