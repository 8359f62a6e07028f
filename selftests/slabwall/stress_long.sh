#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Long runs at 4096 allocations per operation on every CPU, one per
# strategy, KTAP: every run ends, every CPU gets work done, every object
# is accounted for; soft lockups and RCU stalls are caught by the kernel
# log check (and softlockup_panic=1 in scripts/vm).  Each strategy runs
# with its preferred free mode, or with the other one when that is over
# the memory limit (E2BIG, said in the output): an arena with remote
# free counts a whole arena per ring slot, 8192 slots at 4096 allocations,
# which no machine of the suite holds.  A strategy with no start taken
# fails the phase.
# stress_long.sh [--quick] [--seconds S]: S seconds in all (default 240;
# 20 with --quick).

# shellcheck source=selftests/slabwall/stress_lib.sh
. "$(dirname "$0")/stress_lib.sh"
total=240
[ "$quick" = 1 ] && total=20
[ "${1:-}" = --seconds ] && total=$2
each=$((total * 1000 / 4))

ktap_begin long 3
bad=0 acct_bad=0 starved=0 ops=0
for s in slab bulk pool arena; do
	pref=local other=remote
	case $s in bulk|arena) pref=remote other=local ;; esac
	ran=0
	for f in $pref $other; do
		echo reset > $d/control
		if ! { put 4096 allocs_per_op && put "$s" strategy &&
			put "$f" free && put 256 data_size &&
			put "$each" duration_ms; }; then
			echo "# $s ($f free): $err"
			break
		fi
		if put start control; then
			ran=1
			break
		fi
		case $err in
		*"too long"*) echo "# $s ($f free): refused, E2BIG: worst case over the memory limit" ;;
		*) echo "# $s ($f free): start: $err"; break ;;
		esac
	done
	[ $ran = 1 ] || { bad=$((bad + 1)); echo "# $s: no run"; continue; }
	wait_done $((each / 1000 + 120)) || { bad=$((bad + 1)); echo "# $s: did not end"; }
	accounts || acct_bad=$((acct_bad + 1))
	echo "# $s ($f free, ${each} ms): $(mstat ops) ops, max $(mstat max_ns) ns per op"
	ops=$((ops + $(mstat ops)))
	awk -F'[ .]' -v s="$s" '/^cpu[0-9]+\.ops / && $3 == 0 {
		print "# " s ": " $1 " did no operation" }' $d/stats > "$tmp/starved"
	cat "$tmp/starved"
	starved=$((starved + $(wc -l < "$tmp/starved")))
done
echo reset > $d/control
result $bad "long.runs_of_4096_allocs_end"
result $acct_bad "long.runs_account"
result $starved "long.every_cpu_works"
figure long_seconds "$total"
figure long_ops "$ops"
ktap_end
