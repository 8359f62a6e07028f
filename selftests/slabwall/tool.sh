#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The slabwall command against the real module, in the test VM: KTAP.
# POSIX sh for busybox.  Exits non-zero on any failure.

# shellcheck source=ktap_lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/ktap_lib.sh"
need_cmd slabwall tool
slab=/sys/kernel/slab

first() { read -r v _ < "$1"; echo "$v"; }
# word FILE: a word knob's current value ("skb [dentry] kmalloc": dentry).
word() { sed -n 's/.*\[\(.*\)\].*/\1/p' "$1"; }

# jnum FILE KEY: the first "KEY": number of a JSON file (one key a line).
jnum() {
	sed -n "s/^ *\"$2\": \(-\{0,1\}[0-9][0-9.]*\),\{0,1\}\$/\1/p" "$1" | head -n 1
}

# jcaches FILE: the names of the caches a run --json watched, one a line.
jcaches() {
	sed -n '/"caches": \[/,/^  \]/s/^ *"name": "\(.*\)",\{0,1\}$/\1/p' "$1"
}

# jdelta FILE CACHE KEY: the delta KEY of the watched CACHE in run --json.
jdelta() {
	awk -v c="\"$2\"," -v k="\"$3\":" '
		$1 == "\"name\":" { in_c = ($2 == c) }
		in_c && $1 == "\"delta\":" { in_d = 1 }
		in_c && in_d && $1 == k { sub(/,$/, "", $2); print $2; exit }' "$1"
}

# calkey KEY: a value of the module's calibration file.
calkey() { awk -v k="$1" '$1 == k { print $2; exit }' $d/calibration; }

isnum() { case $1 in ''|*[!0-9-]*) return 1 ;; esac; }

# csvcaches DIR: cache1 and cache2 of a one-point sweep, one a line.
csvcaches() {
	for c in cache1 cache2; do
		v=$(col "$1/sweep.csv" 0 "$c")
		[ -n "$v" ] && echo "$v"
	done
}

ktap_begin tool 25
echo reset > $d/control

# A run prints the module's stats and the numbers of the pattern's cache:
# the JSON on stdout has its counts (a warning naming it would not do).
slabwall run --pattern dentry --allocs 16 --duration 100 --json \
	> "$tmp/run" 2> "$tmp/run.err"
rc=$?
objs=$(jdelta "$tmp/run" slabwall_dentry objects)
echo "# run: status $rc, watched $(jcaches "$tmp/run" | tr '\n' ' ')d_objects '$objs'"
[ "$rc" = 0 ] && jcaches "$tmp/run" | grep -qx slabwall_dentry &&
	isnum "$objs" && isnum "$(jnum "$tmp/run" ops)"
result $? "tool.run_watches_the_pattern_cache"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/run.err"

# A value out of the module's range is refused before anything is
# written, naming the knob, the value and the range: exit status 2.
slabwall run --allocs 99999 > "$tmp/bad" 2>&1
rc=$?
[ "$rc" = 2 ] && grep -q 'allocs_per_op' "$tmp/bad" &&
	grep -q '99999' "$tmp/bad" && grep -q '0\.\.4096' "$tmp/bad"
result $? "tool.refusal_names_knob_and_value"
[ "$rc" = 2 ] || sed 's/^/# /' "$tmp/bad"

# run is one point of the sweep: the same point watches the same caches
# (skb: the head cache and its data buffer's kmalloc-N) and reports the
# same counts: every object allocated is freed, allocs_per_op per op.
slabwall run --pattern skb --allocs 64 --cpus 0 --free local \
	--duration 100 --json > "$tmp/pt.json" 2> "$tmp/pt.err"
rc_run=$?
slabwall sweep --pattern skb --allocs 64 --cpus 1 --free local --repeat 1 \
	--duration 100 --progress none --out "$tmp/pt" > /dev/null 2> "$tmp/pt.serr"
rc_sweep=$?
rc_caches=$(jcaches "$tmp/pt.json" | tr '\n' ' ')
sc_caches=$(csvcaches "$tmp/pt" | tr '\n' ' ')
echo "# run: status $rc_run, caches $rc_caches; sweep: status $rc_sweep, caches $sc_caches"
ok=0
[ "$rc_run" = 0 ] && [ "$rc_sweep" = 0 ] && [ -n "$rc_caches" ] &&
	[ "$rc_caches" = "$sc_caches" ] || ok=1
for c in $rc_caches; do
	i=$(csvcaches "$tmp/pt" | grep -nx "$c" | cut -d: -f1)
	rd=$(jdelta "$tmp/pt.json" "$c" objects)
	sd=$(col "$tmp/pt/sweep.csv" 0 "cache${i}_d_objects")
	echo "# $c: d_objects run $rd, sweep $sd"
	isnum "$rd" && isnum "$sd" || ok=1
done
for f in ops allocs frees; do
	eval "r_$f=\$(jnum \"\$tmp/pt.json\" $f)"
	eval "s_$f=\$(col \"\$tmp/pt/sweep.csv\" 0 $f)"
done
# shellcheck disable=SC2154 # set by the eval above
echo "# ops/allocs/frees: run $r_ops/$r_allocs/$r_frees, sweep $s_ops/$s_allocs/$s_frees"
# shellcheck disable=SC2154
for side in "$r_ops $r_allocs $r_frees" "$s_ops $s_allocs $s_frees"; do
	# shellcheck disable=SC2086 # three numbers
	set -- $side
	[ "$#" = 3 ] && isnum "$1" && [ "$1" -gt 0 ] &&
		[ "$2" = "$3" ] && [ "$2" = $(($1 * 64)) ] || ok=1
done
[ "$ok" = 0 ]
result $? "tool.run_and_sweep_same_point_same_caches_and_counts"
[ "$ok" = 0 ] || sed 's/^/# /' "$tmp/pt.err" "$tmp/pt.serr"

# The slabs view agrees with /sys/kernel/slab while nothing moves.
echo skb > $d/pattern
echo 64 > $d/allocs_per_op
echo 100 > $d/duration_ms
echo start > $d/control
while [ "$(cat $d/control)" = running ]; do sleep 0.1; done
c=slabwall_skbuff_head
raw="$(first $slab/$c/objects) $(first $slab/$c/total_objects) $(first $slab/$c/slabs)"
view=$(slabwall slabs $c | awk -v c=$c '$1 == c { print $3, $4, $5 }')
echo "# raw objects/total/slabs: $raw; slabwall slabs: $view"
[ -n "$view" ] && [ "$raw" = "$view" ]
result $? "tool.slabs_agrees_with_sysfs"

# A small sweep writes one CSV row per point and a plot-ready table; the
# knobs it does not sweep are written too (not left as set by hand) and
# recorded.
echo 5 > $d/survive_every
echo 100 > $d/survivors_max
echo 1000 > $d/fail_every
slabwall sweep --allocs 1,8 --cpus 1 --free local,remote --repeat 1 \
	--duration 50 --progress none --out "$tmp/sweep" > /dev/null 2>&1
rc=$?
rows=$(($(wc -l < "$tmp/sweep/sweep.csv") - 1))
echo "# sweep: status $rc, $rows rows"
[ "$rc" = 0 ] && [ "$rows" = 4 ] && [ -s "$tmp/sweep/table.txt" ] &&
	[ -s "$tmp/sweep/sweep.json" ]
result $? "tool.sweep_writes_csv_json_table"
knobs="$(first $d/survive_every) $(first $d/survivors_max) $(first $d/fail_every)"
cols="$(col "$tmp/sweep/sweep.csv" 3 survive_every) $(col "$tmp/sweep/sweep.csv" 3 survivors_max) $(col "$tmp/sweep/sweep.csv" 3 fail_every)"
echo "# survive_every survivors_max fail_every: knobs $knobs, sweep.csv $cols"
[ "$knobs" = "0 4096 0" ] && [ "$cols" = "0 4096 0" ] &&
	[ "$(col "$tmp/sweep/sweep.csv" 3 alloc_failures)" = 0 ]
result $? "tool.sweep_writes_and_records_every_knob"

# A strategy that refuses survivors (pool) is not refused for the
# survive_every left by hand: the sweep's own value (0) counts.
echo slab > $d/strategy
echo 5 > $d/survive_every
slabwall sweep --strategy pool --allocs 8 --cpus 1 --free local --repeat 1 \
	--duration 50 --progress none --out "$tmp/pool" > /dev/null 2> "$tmp/pool.err"
rc=$?
echo "# pool after survive_every 5 by hand: status $rc, $(col "$tmp/pool/sweep.csv" 0 status) $(col "$tmp/pool/sweep.csv" 0 error)"
[ "$rc" = 0 ] && [ "$(col "$tmp/pool/sweep.csv" 0 status)" = ok ]
result $? "tool.sweep_leftover_knob_does_not_refuse_a_point"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/pool.err"

# Nor is arena_keep (which refuses remote free) for a free left remote.
echo slab > $d/strategy
echo remote > $d/free
slabwall sweep --strategy arena_keep --allocs 8 --cpus 1 --free local \
	--repeat 1 --duration 50 --progress none --out "$tmp/keep" > /dev/null \
	2> "$tmp/keep.err"
rc=$?
echo "# arena_keep after free remote by hand: status $rc, $(col "$tmp/keep/sweep.csv" 0 status) $(col "$tmp/keep/sweep.csv" 0 error)"
[ "$rc" = 0 ] && [ "$(col "$tmp/keep/sweep.csv" 0 status)" = ok ]
result $? "tool.sweep_leftover_free_does_not_refuse_arena_keep"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/keep.err"

# Nor is pool (which takes no node) for an alloc_node left by hand: the
# sweep writes --node, by default -1, and records it with the counters
# of the nodes, the pool and the mempool reserve.
echo slab > $d/strategy
echo 0 > $d/alloc_node
slabwall sweep --strategy pool --allocs 8 --cpus 1 --free local \
	--repeat 1 --duration 50 --progress none --out "$tmp/node" > /dev/null \
	2> "$tmp/node.err"
rc=$?
echo "# pool after alloc_node 0 by hand: status $rc, $(col "$tmp/node/sweep.csv" 0 status)" \
	"$(col "$tmp/node/sweep.csv" 0 error), knob $(first $d/alloc_node)," \
	"alloc_node '$(col "$tmp/node/sweep.csv" 0 alloc_node)'" \
	"cross_node_allocs '$(col "$tmp/node/sweep.csv" 0 cross_node_allocs)'" \
	"pool_misses '$(col "$tmp/node/sweep.csv" 0 pool_misses)'" \
	"reserve_hits '$(col "$tmp/node/sweep.csv" 0 reserve_hits)'"
[ "$rc" = 0 ] && [ "$(col "$tmp/node/sweep.csv" 0 status)" = ok ] &&
	[ "$(first $d/alloc_node)" = -1 ] &&
	[ "$(col "$tmp/node/sweep.csv" 0 alloc_node)" = -1 ] &&
	[ "$(col "$tmp/node/sweep.csv" 0 cross_node_allocs)" = 0 ] &&
	isnum "$(col "$tmp/node/sweep.csv" 0 pool_misses)" &&
	[ "$(col "$tmp/node/sweep.csv" 0 reserve_hits)" = 0 ]
result $? "tool.sweep_writes_and_records_alloc_node"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/node.err"

# --node 0 is the first node, which every machine has: slab takes it.
slabwall sweep --strategy slab --node 0 --allocs 8 --cpus 1 --free local \
	--repeat 1 --duration 50 --progress none --out "$tmp/node0" > /dev/null \
	2> "$tmp/node0.err"
rc=$?
echo "# sweep --node 0: status $rc, $(col "$tmp/node0/sweep.csv" 0 status)," \
	"knob $(first $d/alloc_node), alloc_node '$(col "$tmp/node0/sweep.csv" 0 alloc_node)'"
[ "$rc" = 0 ] && [ "$(col "$tmp/node0/sweep.csv" 0 status)" = ok ] &&
	[ "$(first $d/alloc_node)" = 0 ] &&
	[ "$(col "$tmp/node0/sweep.csv" 0 alloc_node)" = 0 ]
result $? "tool.sweep_node_option"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/node0.err"
echo -1 > $d/alloc_node

# compare reads that CSV back.
slabwall compare "$tmp/sweep/sweep.csv" --by free --base local \
	--at allocs_per_op=8 > "$tmp/cmp" 2>&1
rc=$?
sed 's/^/# /' "$tmp/cmp"
[ "$rc" = 0 ] && grep -q '^remote: ' "$tmp/cmp"
result $? "tool.compare_reads_the_sweep"

# An earlier sweep is not overwritten without --force.
cp "$tmp/sweep/sweep.csv" "$tmp/earlier.csv"
slabwall sweep --allocs 1 --cpus 1 --free local --repeat 1 --duration 50 \
	--progress none --out "$tmp/sweep" > /dev/null 2> "$tmp/again"
rc=$?
sed 's/^/# /' "$tmp/again"
[ "$rc" != 0 ] && grep -q "$tmp/sweep/sweep.csv" "$tmp/again" &&
	cmp -s "$tmp/sweep/sweep.csv" "$tmp/earlier.csv"
result $? "tool.sweep_refuses_to_overwrite"

# --out that cannot be written is found before any knob is: the pattern
# set by hand stays.
echo dentry > $d/pattern
: > "$tmp/file"
slabwall sweep --pattern skb --allocs 1 --cpus 1 --free local --repeat 1 \
	--duration 50 --progress none --out "$tmp/file/out" > /dev/null 2> "$tmp/nodir"
rc=$?
sed 's/^/# /' "$tmp/nodir"
echo "# pattern after: $(word $d/pattern)"
[ "$rc" != 0 ] && grep -q "$tmp/file" "$tmp/nodir" &&
	[ "$(word $d/pattern)" = dentry ]
result $? "tool.sweep_checks_out_before_any_knob"

# A sweep whose every point the module refuses fails (exit status 3):
# every value is in range, but no point fits the memory limit (E2BIG).
slabwall sweep --pattern skb --allocs 2048,4096 --mem-limit 64 --cpus 1 \
	--free local --repeat 1 --duration 50 \
	--progress none --out "$tmp/refused" > /dev/null 2> "$tmp/refused.err"
rc=$?
echo "# all refused: status $rc, $(col "$tmp/refused/sweep.csv" 0 status)"
[ "$rc" = 3 ] && [ "$(col "$tmp/refused/sweep.csv" 0 status)" = refused ]
result $? "tool.sweep_all_refused_fails"

# SIGHUP (a closed terminal or ssh) is Ctrl-C: the module is stopped and
# the rows of the points done are kept.  sweep.csv gets its rows as points
# finish, so one is there to wait for.
slabwall sweep --allocs 1,2,4,8,16,32,64,128,256,512 --cpus 1 --free local --repeat 1 \
	--duration 300 --progress none --out "$tmp/hup" > /dev/null 2> "$tmp/hup.err" &
pid=$!
i=0
while [ "$i" -lt 600 ] &&
	[ "$(wc -l 2> /dev/null < "$tmp/hup/sweep.csv" || echo 0)" -lt 2 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -HUP "$pid"
wait "$pid"
rc=$?
rows=$(($(wc -l 2> /dev/null < "$tmp/hup/sweep.csv" || echo 1) - 1))
state=$(cat $d/control)
echo "# SIGHUP: status $rc, $rows rows, control $state"
[ "$rc" = 1 ] && [ "$rows" -ge 1 ] && [ "$state" != running ] &&
	[ "$(col "$tmp/hup/sweep.csv" 0 status)" = ok ] &&
	grep -q '"interrupted": true' "$tmp/hup/sweep.json"
result $? "tool.sweep_sighup_stops_and_keeps_rows"
[ "$state" = running ] && echo stop > $d/control

# SIGTERM stops a run whose stderr is a file: the module stops before the
# run's end (its elapsed time is short of duration_ms) and the numbers of
# what ran come out.
slabwall run --pattern skb --allocs 8 --duration 60000 --json \
	> "$tmp/term.json" 2> "$tmp/term.err" &
pid=$!
i=0
while [ "$i" -lt 600 ] && [ "$(cat $d/control)" != running ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM "$pid"
wait "$pid"
rc=$?
el=$(jnum "$tmp/term.json" elapsed_ns)
echo "# SIGTERM: status $rc, elapsed_ns '$el', $(grep stopped_early "$tmp/term.json")"
[ "$rc" = 1 ] && grep -q '"stopped_early": true' "$tmp/term.json" &&
	isnum "$el" && awk -v e="$el" 'BEGIN { exit !(e < 60000 * 1000000) }'
result $? "tool.run_stops_on_sigterm_without_a_terminal"
[ "$(cat $d/control)" = running ] && echo stop > $d/control

# The survivor and fault knobs are run options too, written before the
# run: survivors are kept (up to the maximum per CPU) and calls fail.
echo reset > $d/control
slabwall run --pattern skb --allocs 8 --cpus 0 --duration 100 \
	--survive-every 4 --survivors-max 7 --fail-every 50 --json \
	> "$tmp/surv.json" 2> "$tmp/surv.err"
rc=$?
sv=$(jnum "$tmp/surv.json" survivors)
af=$(jnum "$tmp/surv.json" alloc_failures)
echo "# survivors: status $rc, survivors '$sv', alloc_failures '$af'," \
	"knobs $(first $d/survive_every) $(first $d/survivors_max) $(first $d/fail_every)"
[ "$rc" = 0 ] && [ "$(first $d/survive_every)" = 4 ] &&
	[ "$(first $d/survivors_max)" = 7 ] && [ "$(first $d/fail_every)" = 50 ] &&
	isnum "$sv" && [ "$sv" -ge 1 ] && [ "$sv" -le 7 ] && isnum "$af" && [ "$af" -ge 1 ]
result $? "tool.run_sets_survivor_and_fault_knobs"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/surv.err"

# A run of the kernel's own sk_buffs watches the kernel's caches, and
# may follow a run whose strategy its pattern does not take: the module
# refuses pattern real_skb under pool, so the command must leave pool first.
echo reset > $d/control
slabwall run --pattern skb --strategy pool --allocs 4 --duration 50 \
	> /dev/null 2>&1
slabwall run --pattern real_skb --strategy slab --allocs 4 --size 1500 \
	--duration 100 --json > "$tmp/real.json" 2> "$tmp/real.err"
rc=$?
echo "# real_skb after pool: status $rc, watched $(jcaches "$tmp/real.json" | tr '\n' ' ')"
[ "$rc" = 0 ] && jcaches "$tmp/real.json" | grep -qx skbuff_head_cache &&
	jcaches "$tmp/real.json" | grep -qx kmalloc-2k
result $? "tool.run_real_skb_after_pool_watches_the_kernel_caches"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/real.err"

# sweep takes the real patterns: one point each, its caches in the CSV.
echo reset > $d/control
slabwall sweep --pattern real_skb,real_dentry --allocs 1 --cpus 1 \
	--duration 50 --out "$tmp/realsweep" > /dev/null 2> "$tmp/realsweep.err"
rc=$?
rows=$(grep -c ",real_" "$tmp/realsweep/sweep.csv" 2> /dev/null)
echo "# sweep of the real patterns: status $rc, $rows rows of real_*"
[ "$rc" = 0 ] && [ "$rows" -ge 2 ] &&
	grep -q 'skbuff_head_cache' "$tmp/realsweep/sweep.csv" &&
	grep -q ',dentry,' "$tmp/realsweep/sweep.csv"
result $? "tool.sweep_takes_the_real_patterns"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/realsweep.err"
# run --mem-limit writes mem_limit_kb: a run over it is refused (3).
echo reset > $d/control
slabwall run --pattern skb --allocs 4096 --cpus 0 --duration 50 \
	--mem-limit 64 > /dev/null 2> "$tmp/ml.err"
rc=$?
knob=$(first $d/mem_limit_kb)
slabwall run --pattern skb --allocs 1 --cpus 0 --duration 50 \
	--mem-limit 131072 > /dev/null 2>> "$tmp/ml.err"
rc2=$?
echo "# run --mem-limit 64: status $rc, knob $knob; --mem-limit 131072:" \
	"status $rc2, knob $(first $d/mem_limit_kb)"
[ "$rc" = 3 ] && [ "$knob" = 64 ] && [ "$rc2" = 0 ] &&
	[ "$(first $d/mem_limit_kb)" = 131072 ]
result $? "tool.run_mem_limit"
sed 's/^/# /' "$tmp/ml.err"

# --time-every: run writes the knob and one CPU clocks the first of every
# 16 operations it completes (timed + sampled = ops / 16 rounded up);
# sweep records the knob and timed_ops in sweep.csv.
echo reset > $d/control
slabwall run --pattern kmalloc --size 64 --allocs 1 --cpus 0 --duration 100 \
	--time-every 16 --json > "$tmp/te.json" 2> "$tmp/te.err"
rc=$?
ops=$(jnum "$tmp/te.json" ops)
to=$(jnum "$tmp/te.json" timed_ops)
so=$(jnum "$tmp/te.json" sampled_ops)
knob=$(first $d/time_every)
slabwall sweep --pattern kmalloc --size 64 --allocs 1 --cpus 1 --repeat 1 \
	--duration 50 --time-every 16 --progress none --out "$tmp/te" \
	> /dev/null 2>> "$tmp/te.err"
rc2=$?
te=$(col "$tmp/te/sweep.csv" 0 time_every)
cto=$(col "$tmp/te/sweep.csv" 0 timed_ops)
echo "# time_every 16: run status $rc, knob $knob, ops '$ops' timed_ops '$to'" \
	"sampled_ops '$so'; sweep status $rc2, time_every '$te' timed_ops '$cto'"
[ "$rc" = 0 ] && [ "$rc2" = 0 ] && [ "$knob" = 16 ] && isnum "$ops" &&
	isnum "$to" && isnum "$so" && [ "$to" -ge 1 ] &&
	[ $((to + so)) = $(((ops + 15) / 16)) ] && [ "$te" = 16 ] &&
	awk -v t="$cto" 'BEGIN { exit !(t + 0 >= 1) }'
result $? "tool.time_every_run_and_sweep"
if [ "$rc" != 0 ] || [ "$rc2" != 0 ]; then sed 's/^/# /' "$tmp/te.err"; fi

# Free mode rcu and typesafe caches from the command line: the knobs are
# written, the cache gets the flag and the stats say what waited.
echo reset > $d/control
slabwall run --pattern skb --allocs 64 --duration 200 --free rcu \
	--typesafe-rcu --json > "$tmp/rcu.json" 2> "$tmp/rcu.err"
rc=$?
pk=$(jnum "$tmp/rcu.json" rcu_waiting_peak)
cb=$(jnum "$tmp/rcu.json" rcu_callbacks)
ts=none
[ -r $slab/slabwall_skbuff_head/destroy_by_rcu ] &&
	ts=$(first $slab/slabwall_skbuff_head/destroy_by_rcu)
echo "# rcu: status $rc, free $(word $d/free), typesafe_rcu $(first $d/typesafe_rcu)," \
	"destroy_by_rcu $ts, rcu_waiting_peak '$pk', rcu_callbacks '$cb'"
[ "$rc" = 0 ] && [ "$(word $d/free)" = rcu ] &&
	[ "$(first $d/typesafe_rcu)" = 1 ] && { [ "$ts" = 1 ] || [ "$ts" = none ]; } &&
	isnum "$pk" && [ "$pk" -ge 64 ] && isnum "$cb" && [ "$cb" -ge "$pk" ]
result $? "tool.run_free_rcu_and_typesafe_caches"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/rcu.err"

# calibrate: pinned to the first CPU it may run on, a row per pattern,
# the whole-object columns for the patterns the module times whole (skb,
# dentry) and blank for the others.
echo reset > $d/control
slabwall calibrate --loops 2048 > "$tmp/cal" 2> "$tmp/cal.err"
rc=$?
ok=0
[ "$rc" = 0 ] && grep -q '^CPU 0, 2048 loops, ' "$tmp/cal" &&
	[ "$(calkey loops)" = 2048 ] || ok=1
pats=$(sed 's/[][]//g' $d/pattern)
for p in $pats; do
	case $p in skb|dentry) want=6 ;; *) want=4 ;; esac
	row=$(awk -v p="$p" '$1 == p' "$tmp/cal")
	echo "# calibrate row $p: $row"
	echo "$row" | awk -v n="$want" 'NF == n && $3 ~ /^[0-9]+\.[0-9]+$/ &&
		$4 ~ /^[0-9]+\.[0-9]+$/ { ok = 1 } END { exit !ok }' || ok=1
done
echo "# calibrate: status $rc, $(head -n 1 "$tmp/cal")"
[ "$ok" = 0 ]
result $? "tool.calibrate_table_a_row_per_pattern"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/cal.err"

# --json on the last online CPU, read with jq: the header's numbers and
# the same patterns, skb's whole object timed, kmalloc's null.
last=$(sed 's/.*[-,]//' /sys/devices/system/cpu/online)
if command -v jq > /dev/null; then
	slabwall calibrate --loops 2048 --cpu "$last" --json > "$tmp/cal.json" \
		2> "$tmp/cal.err"
	rc=$?
	npat=$(echo "$pats" | wc -w)
	echo "# calibrate --json --cpu $last: status $rc, $npat patterns"
	[ "$rc" = 0 ] && jq -e --argjson cpu "$last" --argjson n "$npat" '
		.loops == 2048 and .cpu == $cpu and (.patterns | length) == $n and
		(.patterns[] | select(.pattern == "skb") | .object_ns != null) and
		(.patterns[] | select(.pattern == "kmalloc") | .object_ns == null)' \
		"$tmp/cal.json" > /dev/null
	result $? "tool.calibrate_json_parses"
	[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/cal.err"
else
	skip "tool.calibrate_json_parses" "no jq"
fi

# Refused: --loops 0 before anything is written (2), and a calibration
# while a run is going, said so (3); the last calibration stays.
slabwall calibrate --loops 0 > /dev/null 2> "$tmp/cal0.err"
rc=$?
echo 5000 > $d/duration_ms
echo start > $d/control
slabwall calibrate --loops 2048 > /dev/null 2> "$tmp/calbusy.err"
rc2=$?
echo stop > $d/control
echo "# calibrate --loops 0: status $rc; while running: status $rc2"
sed 's/^/# /' "$tmp/cal0.err" "$tmp/calbusy.err"
[ "$rc" = 2 ] && grep -q -- '--loops "0"' "$tmp/cal0.err" &&
	[ "$rc2" = 3 ] && grep -q 'a run or another calibration is going' "$tmp/calbusy.err" &&
	[ "$(calkey cpu)" = "$last" ]
result $? "tool.calibrate_refusals"

echo "reset" > $d/control
ktap_end
