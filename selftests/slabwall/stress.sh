#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The stress suite in the test VM (scripts/stress boots it): each PHASE,
# then the leak accounting after it, then the kernel log.  KTAP documents
# one after another; "# figure KEY VALUE" lines feed scripts/stress's
# table.  Exits non-zero on any failure.
#
#   stress.sh [--quick] [--seed S] PHASE...
#   PHASE: fuzz lifecycle faults security memory long

# shellcheck source=selftests/slabwall/stress_lib.sh
. "$(dirname "$0")/stress_lib.sh"
dir=$(dirname "$0")
q=
[ "$quick" = 1 ] && q=--quick
writes=10000
[ "$quick" = 1 ] && writes=3000
echo "# stress: seed $seed, $(uname -r), $(grep -c '^processor' /proc/cpuinfo) CPUs, $(cat /proc/cmdline)"

rc=0
"$dir/stress_leaks.sh" --baseline
for phase in "$@"; do
	echo "# phase $phase"
	case $phase in
	fuzz) "$dir/stress_fuzz" -n "$writes" -s "$seed" ;;
	lifecycle|faults|security|memory|long)
		"$dir/stress_$phase.sh" $q --seed "$seed" ;;
	*) echo "# unknown phase $phase"; false ;;
	esac || rc=1
	"$dir/stress_leaks.sh" "$phase" || rc=1
done

# Oopses, WARNs, SLUB reports, lockups, stalls and the OOM killer: the
# patterns of kernel_log_bad, as after every selftest run.
echo "# phase kernel-log"
"$dir/kernel_log.sh" stress.kernel_log_clean || rc=1
exit $rc
