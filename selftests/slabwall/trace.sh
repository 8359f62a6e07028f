#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The tracer in the test VM: slabwall's tracepoints, trace-cmd on them,
# and slabwall trace record/report against the module's own counts.  KTAP;
# POSIX sh for busybox.  Exits non-zero on any failure.

# shellcheck source=ktap_lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/ktap_lib.sh"
need_cmd slabwall trace
need_cmd trace-cmd trace

# knobs PATTERN ALLOCS CPUS FREE DURATION_MS
knobs() {
	echo reset > $d/control
	echo "$1" > $d/pattern
	echo "$2" > $d/allocs_per_op
	echo "$3" > $d/cpus
	echo "$4" > $d/free
	echo "$5" > $d/duration_ms
}

# Run by the guest's sh -c, which expands it.
# shellcheck disable=SC2016
start_and_wait='echo start > /sys/kernel/debug/slabwall/control &&
while [ "$(cat /sys/kernel/debug/slabwall/control)" = running ]; do sleep 0.05; done'

no_instances() {
	for i in "$t"/instances/slabwall-*; do
		[ -e "$i" ] && { echo "# left: $i"; return 1; }
	done
	return 0
}

# count FILE EVENT: lines of trace-cmd report for EVENT
count() { trace-cmd report "$1" 2>/dev/null | grep -c " $2: "; }

# field FILE EVENT KEY: KEY=value of the first EVENT line
field() {
	trace-cmd report "$1" 2>/dev/null | grep -m1 " $2: " |
		sed -n "s/.* $3=\([0-9]*\).*/\1/p"
}

ktap_begin trace 9

ok=0
for e in slabwall_run_start slabwall_run_end slabwall_op slabwall_hand_over; do
	[ -f $t/events/slabwall/$e/format ] || { echo "# no $e"; ok=1; }
done
result $ok "trace.events_exist"

# trace-cmd record -e slabwall catches the whole run, one op event per op.
knobs skb 8 0-1 remote 100
trace-cmd record -e slabwall -o "$tmp/sw.dat" sh -c "$start_and_wait" \
	> "$tmp/rec.log" 2>&1
ops=$(mstat ops)
s=$(count "$tmp/sw.dat" slabwall_run_start)
e=$(count "$tmp/sw.dat" slabwall_run_end)
o=$(count "$tmp/sw.dat" slabwall_op)
h=$(count "$tmp/sw.dat" slabwall_hand_over)
end_allocs=$(field "$tmp/sw.dat" slabwall_run_end allocs)
echo "# module: ops $ops allocs $(mstat allocs); trace: start $s end $e op $o hand_over $h, run_end allocs $end_allocs"
[ "$s" = 1 ] && [ "$e" = 1 ] && [ "$o" = "$ops" ] && [ "$h" -gt 0 ] &&
	[ "$end_allocs" = "$(mstat allocs)" ]
result $? "trace.trace_cmd_captures_run"

# slabwall trace record: a file trace-cmd reads, and no instance left.
slabwall trace record --pattern skb --allocs 8 --cpus 0-1 --free local \
	--duration 100 -o "$tmp/rec.dat" > "$tmp/rec.out" 2>&1
rc=$?
sed 's/^/# /' "$tmp/rec.out"
allocs=$(mstat allocs)
traced=$(trace-cmd report "$tmp/rec.dat" 2>/dev/null |
	grep -c 'kmem_cache_free: .*name=slabwall_skbuff_head')
echo "# status $rc; module frees $(mstat frees); traced frees of slabwall_skbuff_head $traced"
[ "$rc" = 0 ] && no_instances && { grep -q LOST "$tmp/rec.out" ||
	[ "$traced" = "$(mstat frees)" ]; } && [ "$allocs" -gt 0 ]
result $? "trace.record_writes_a_trace_cmd_file"

# slabwall trace report against the module: cross-CPU frees of the
# skb head cache near 100% with remote free and near 0% with local free,
# and with nothing lost the trace's allocs and frees are the module's.
# report_check FREE: one KTAP line
report_check() {
	c=slabwall_skbuff_head
	slabwall trace record --pattern skb --allocs 8 --cpus 0-1 --free "$1" \
		--duration 100 -o "$tmp/$1.dat" > "$tmp/$1.rec" 2>&1 ||
		sed 's/^/# /' "$tmp/$1.rec"
	slabwall trace report --csv --cache $c "$tmp/$1.dat" > "$tmp/$1.csv" 2>&1
	row=$(grep "^$c," "$tmp/$1.csv")
	# cache,allocs,frees,...,cross_cpu_pct (11),...,lost_events (16),complete
	ta=$(echo "$row" | cut -d, -f2)
	tf=$(echo "$row" | cut -d, -f3)
	pct=$(echo "$row" | cut -d, -f11 | cut -d. -f1)
	lost=$(echo "$row" | cut -d, -f16)
	echo "# $1: module allocs $(mstat allocs) frees $(mstat frees); trace allocs $ta frees $tf, cross-CPU $pct%, lost $lost"
	[ -n "$row" ] || { sed 's/^/# /' "$tmp/$1.csv"; return 1; }
	if [ "$lost" = 0 ]; then
		[ "$ta" = "$(mstat allocs)" ] && [ "$tf" = "$(mstat frees)" ] || return 1
	fi
	case $1 in
	remote) [ "$pct" -ge 95 ] ;;
	local) [ "$pct" -le 5 ] ;;
	esac
}
report_check remote
result $? "trace.report_remote_frees_cross_cpu"
report_check local
result $? "trace.report_local_frees_stay"

# A value out of the header's range is refused before anything is done.
slabwall trace record --allocs 99999 -o "$tmp/bad.dat" > "$tmp/bad" 2>&1
rc=$?
[ "$rc" = 2 ] && no_instances && [ ! -e "$tmp/bad.dat" ] &&
	grep -q -- '--allocs 99999.*0\.\.4096' "$tmp/bad"
result $? "trace.record_out_of_range_refused_first"
[ "$rc" = 2 ] || sed 's/^/# /' "$tmp/bad"

# A knob the module refuses (bulk has no kmalloc) leaves nothing behind.
echo reset > $d/control
slabwall trace record --pattern kmalloc --strategy bulk -o "$tmp/bad.dat" \
	> "$tmp/bad" 2>&1
rc=$?
[ "$rc" = 3 ] && no_instances && [ ! -e "$tmp/bad.dat" ]
result $? "trace.record_refused_leaves_nothing"
[ "$rc" = 3 ] || sed 's/^/# /' "$tmp/bad"
echo reset > $d/control

# Ctrl-C mid-run: the run stops, the file is written, the instance goes.
slabwall trace record --allocs 8 --cpus 0 --duration 60000 \
	-o "$tmp/int.dat" > "$tmp/int" 2>&1 &
pid=$!
# Once the run is going (setup takes seconds on a loaded host).
i=0
while [ "$(cat $d/control)" != running ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 0.5
kill -INT "$pid"
wait "$pid"
rc=$?
state=$(cat $d/control)
echo "# status $rc, module $state"
[ "$state" != running ] && no_instances && [ -s "$tmp/int.dat" ]
result $? "trace.record_ctrl_c_cleans_up"

# A COMMAND instead of a run, and its failure is the status.
slabwall trace record -o "$tmp/cmd.dat" -- false > /dev/null 2>&1
rc=$?
[ "$rc" = 1 ] && no_instances
result $? "trace.record_command_status"

echo reset > $d/control
ktap_end
