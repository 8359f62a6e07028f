#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Leak accounting after a stress phase, KTAP.  "stress_leaks.sh --baseline"
# records /proc/meminfo's Slab once; "stress_leaks.sh PHASE" then checks
# that the last run accounted for every object, that with no survivors
# held (reset) every slabwall cache is empty after a shrink, that
# validate (slab debugging on) reports nothing, and that Slab came back
# to the baseline within MARGIN_KB (default 4096 kB or a tenth of the
# baseline, whichever is larger).

# shellcheck source=selftests/slabwall/stress_lib.sh
. "$(dirname "$0")/stress_lib.sh"
base=${TMPDIR:-/tmp}/stress-slab-baseline

# Slab in kB once every cache gave back what it could.
slab_kb() {
	for f in /sys/kernel/slab/*/shrink; do
		echo 1 > "$f" 2> /dev/null
	done
	echo 3 > /proc/sys/vm/drop_caches
	awk '$1 == "Slab:" { print $2 }' /proc/meminfo
}

if [ "${1:-}" = --baseline ]; then
	slab_kb > "$base"
	echo "# Slab baseline $(cat "$base") kB"
	exit 0
fi
phase=${1:?usage: stress_leaks.sh --baseline | PHASE}

ktap_begin "leaks-$phase" 4
if [ "$(state)" = "done" ]; then
	accounts
	r=$?
else
	r=0
fi
result $r "leaks.$phase.allocs_equal_frees_plus_survivors"

# Nothing held: every object of the slabwall caches is gone.
echo stop > $d/control
echo reset > $d/control
left=0
for c in $(caches); do
	echo 1 > "$c/shrink"
	read -r o _ < "$c/objects"
	[ "$o" = 0 ] || echo "# ${c##*/}: $o objects after reset and shrink"
	left=$((left + o))
done
[ -n "$(caches)" ] && [ "$left" = 0 ]
result $? "leaks.$phase.slabwall_caches_empty_after_reset"
figure objects_leaked "$left"

# validate walks every slab; it reports through the kernel log.
mark=$(dmesg | wc -l)
v=0
for c in $(caches); do
	echo 1 > "$c/validate" || v=1
done
dmesg | tail -n +$((mark + 1)) > "$tmp/new"
if grep -E 'BUG|FIX|Poison|Redzone|Padding|Freepointer|Object|slabwall' "$tmp/new" > "$tmp/bad"; then
	sed 's/^/# validate: /' "$tmp/bad" | head -n 20
	v=1
fi
result $v "leaks.$phase.validate_reports_nothing"

now=$(slab_kb)
was=$(cat "$base" 2> /dev/null || echo "$now")
margin=${MARGIN_KB:-$((was / 10 > 4096 ? was / 10 : 4096))}
echo "# Slab $now kB, baseline $was kB, margin $margin kB"
figure slab_growth_kb $((now - was))
[ "$now" -le $((was + margin)) ]
result $? "leaks.$phase.slab_back_to_baseline"
ktap_end
