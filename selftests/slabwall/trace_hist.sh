#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# slabwall trace hist against the real module, in the test VM: KTAP.
# POSIX sh for busybox.  Exits non-zero on any failure.

# shellcheck source=ktap_lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/ktap_lib.sh"
need_cmd slabwall trace_hist
c=slabwall_skbuff_head

# What trace hist would leave behind: its instances and kprobe events.
leftovers() {
	for i in "$t"/instances/slabwall-hist-*; do
		[ -e "$i" ] && echo "$i"
	done
	grep 'slabwall_hist_' $t/dynamic_events
}

no_leftovers() {	# no_leftovers WHEN: 0 when clean, else says what is left
	leftovers > "$tmp/left"
	[ -s "$tmp/left" ] || return 0
	sed "s/^/# left after $1: /" "$tmp/left"
	return 1
}

show() { sed 's/^/# /' "$1"; }

wait_running() {	# up to 60 s for a run to start
	i=0
	while [ "$(cat $d/control)" != running ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

ktap_begin trace-hist 8
echo reset > $d/control

# The cache's allocations and frees, counted by the kernel's hist tables,
# are exactly the ones the module made: nothing is lost on the way.
read -r slabs0 _ < /sys/kernel/slab/$c/slabs
slabwall trace hist --pattern skb --strategy slab --allocs 8 --cpus 0-1 \
	--free remote --duration 200 --csv > "$tmp/remote" 2> "$tmp/err"
rc=$?
a=$(col "$tmp/remote" $c allocs)
f=$(col "$tmp/remote" $c frees)
echo "# $c: trace hist allocs $a frees $f; module allocs $(mstat allocs) frees $(mstat frees)"
[ "$rc" = 0 ] && [ -n "$a" ] && [ "$a" -gt 0 ] && [ "$a" = "$(mstat allocs)" ] &&
	[ "$f" = "$(mstat frees)" ]
result $? "trace_hist.counts_equal_module_stats"
[ "$rc" = 0 ] || show "$tmp/err"

# Every slab SLUB took or gave back went through a probed function: the
# difference is the change in the cache's slab count (which SLUB keeps in
# the same places).  A shrink frees slabs another way; none runs here.
read -r slabs1 _ < /sys/kernel/slab/$c/slabs
ns=$(col "$tmp/remote" $c new_slabs)
sf=$(col "$tmp/remote" $c slabs_freed)
echo "# $c: $ns new slabs, $sf freed; /sys/kernel/slab/$c/slabs $slabs0 -> $slabs1"
[ -n "$ns" ] && [ -n "$sf" ] && [ $((ns - sf)) = $((slabs1 - slabs0)) ]
result $? "trace_hist.slab_counts_match_sysfs"

no_leftovers "a run"
result $? "trace_hist.run_leaves_nothing"

# At a rate where the ring buffer drops events (slabwall trace record
# with a 64 KiB buffer says LOST), the hist tables still count every one.
slabwall trace record --pattern skb --allocs 64 --cpus 0-1 --free remote \
	--duration 200 --buffer-kb 64 -o "$tmp/small.dat" > "$tmp/rec" 2>&1
lost=$(sed -n 's/.*LOST \([0-9]*\) events.*/\1/p' "$tmp/rec")
slabwall trace hist --pattern skb --allocs 64 --cpus 0-1 --free remote \
	--duration 200 --csv > "$tmp/busy" 2> "$tmp/err"
rc=$?
a=$(col "$tmp/busy" $c allocs)
f=$(col "$tmp/busy" $c frees)
echo "# record with 64 KiB: lost ${lost:-none}; trace hist allocs $a frees $f; module allocs $(mstat allocs) frees $(mstat frees)"
[ "$rc" = 0 ] && [ -n "$lost" ] && [ "$lost" -gt 0 ] && [ -n "$a" ] &&
	[ "$a" = "$(mstat allocs)" ] && [ "$f" = "$(mstat frees)" ]
result $? "trace_hist.counts_exact_where_the_ring_buffer_drops"

# A value the module refuses (bulk has no kmalloc): exit 3, and nothing
# was set up.
echo reset > $d/control
slabwall trace hist --pattern kmalloc --strategy bulk > "$tmp/bad" 2>&1
rc=$?
echo reset > $d/control
[ "$rc" = 3 ] && grep -q bulk "$tmp/bad" && no_leftovers "a refusal"
result $? "trace_hist.refusal_leaves_nothing"
[ "$rc" = 3 ] || show "$tmp/bad"

# Ctrl-C during the run: the run stops, what was counted is printed, the
# exit status is 1, and the instance and the kprobe events are gone.
slabwall trace hist --allocs 8 --duration 20000 --csv > "$tmp/int" 2> "$tmp/interr" &
pid=$!
wait_running
kill -INT $pid
wait $pid
rc=$?
echo "# SIGINT during the run: status $rc, control $(cat $d/control)"
[ "$rc" = 1 ] && [ "$(cat $d/control)" != running ] &&
	[ -n "$(col "$tmp/int" $c allocs)" ] && no_leftovers "SIGINT"
result $? "trace_hist.sigint_during_run_leaves_nothing"
[ "$rc" = 1 ] || show "$tmp/interr"

# SIGTERM while it is still setting up (its instance has just appeared).
slabwall trace hist --allocs 8 --duration 3000 > "$tmp/term" 2>&1 &
pid=$!
i=0
while [ ! -d $t/instances/slabwall-hist-$pid ] && [ $i -lt 600 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -TERM $pid
wait $pid
rc=$?
echo "# SIGTERM during setup: status $rc"
[ "$rc" = 1 ] && no_leftovers "SIGTERM"
result $? "trace_hist.sigterm_during_setup_leaves_nothing"
[ "$rc" = 1 ] || show "$tmp/term"

# Any command instead of a slabwall run: here one that runs the module.
slabwall trace hist --csv --cache slabwall_dentry -- sh -c \
	'slabwall run --pattern dentry --allocs 16 --duration 100 > /dev/null' \
	> "$tmp/cmd" 2> "$tmp/cmderr"
rc=$?
a=$(col "$tmp/cmd" slabwall_dentry allocs)
echo "# -- slabwall run: status $rc, slabwall_dentry allocs $a, module $(mstat allocs)"
[ "$rc" = 0 ] && [ -n "$a" ] && [ "$a" = "$(mstat allocs)" ] && no_leftovers "a command"
result $? "trace_hist.command_counts_and_leaves_nothing"
[ "$rc" = 0 ] || show "$tmp/cmderr"

echo reset > $d/control
ktap_end
