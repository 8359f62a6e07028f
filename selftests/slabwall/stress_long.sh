#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Long runs at 4096 allocations per operation on every CPU, one per
# strategy, KTAP: every run ends, every CPU gets work done, every object
# is accounted for; soft lockups and RCU stalls are caught by the kernel
# log check (and softlockup_panic=1 in scripts/vm).
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
	f=local
	case $s in bulk|arena) f=remote ;; esac
	echo reset > $d/control
	put 4096 allocs_per_op && put "$s" strategy && put "$f" free &&
		put 256 data_size && put "$each" duration_ms && put start control ||
		{ bad=$((bad + 1)); echo "# $s: $err"; continue; }
	wait_done $((each / 1000 + 120)) || { bad=$((bad + 1)); echo "# $s: did not end"; }
	accounts || acct_bad=$((acct_bad + 1))
	echo "# $s ($f free, ${each} ms): $(mstat ops) ops, max $(mstat max_ns) ns per op"
	ops=$((ops + $(mstat ops)))
	for c in $(awk -F'[ .]' '/^cpu[0-9]+\.ops / && $3 == 0 { print $1 }' $d/stats); do
		starved=$((starved + 1))
		echo "# $s: $c did no operation"
	done
done
echo reset > $d/control
result $bad "long.runs_of_4096_allocs_end"
result $acct_bad "long.runs_account"
result $starved "long.every_cpu_works"
figure long_seconds "$total"
figure long_ops "$ops"
ktap_end
