#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The slabwall command against the real module, in the test VM: KTAP.
# POSIX sh for busybox.  Exits non-zero on any failure.

# shellcheck source=ktap_lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/ktap_lib.sh"
slab=/sys/kernel/slab

first() { read -r v _ < "$1"; echo "$v"; }

ktap_begin tool 5
echo reset > $d/control

# A run prints the module's stats and exits 0.
slabwall run --pattern dentry --allocs 16 --duration 100 > "$tmp/run" 2>&1
rc=$?
[ "$rc" = 0 ] && grep -q 'slabwall_dentry' "$tmp/run"
result $? "tool.run_prints_stats"
[ "$rc" = 0 ] || sed 's/^/# /' "$tmp/run"

# A value out of the module's range is refused before anything is
# written, naming the knob, the value and the range: exit status 2.
slabwall run --allocs 99999 > "$tmp/bad" 2>&1
rc=$?
[ "$rc" = 2 ] && grep -q 'allocs_per_op' "$tmp/bad" &&
	grep -q '99999' "$tmp/bad" && grep -q '0\.\.4096' "$tmp/bad"
result $? "tool.refusal_names_knob_and_value"
[ "$rc" = 2 ] || sed 's/^/# /' "$tmp/bad"

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

# A small sweep writes one CSV row per point and a plot-ready table.
slabwall sweep --allocs 1,8 --cpus 1 --free local,remote --repeat 1 \
	--duration 50 --progress none --out "$tmp/sweep" > /dev/null 2>&1
rc=$?
rows=$(($(wc -l < "$tmp/sweep/sweep.csv") - 1))
echo "# sweep: status $rc, $rows rows"
[ "$rc" = 0 ] && [ "$rows" = 4 ] && [ -s "$tmp/sweep/table.txt" ] &&
	[ -s "$tmp/sweep/sweep.json" ]
result $? "tool.sweep_writes_csv_json_table"

# compare reads that CSV back.
slabwall compare "$tmp/sweep/sweep.csv" --by free --base local \
	--at allocs_per_op=8 > "$tmp/cmp" 2>&1
rc=$?
sed 's/^/# /' "$tmp/cmp"
[ "$rc" = 0 ] && grep -q '^remote: ' "$tmp/cmp"
result $? "tool.compare_reads_the_sweep"

echo "reset" > $d/control
ktap_end
