#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs larger than the machine, KTAP; meant for a small VM (scripts/vm
# --mem 256).  Each start is refused (E2BIG over mem_limit_kb, ENOMEM)
# or runs, its allocations failing quietly, and ends accounted for; the
# OOM killer never fires.  stress_memory.sh [--quick]: 3 s or 1 s a run.

# shellcheck source=selftests/slabwall/stress_lib.sh
. "$(dirname "$0")/stress_lib.sh"
dur=3000
[ "$quick" = 1 ] && dur=1000
max=16777216
mem=$(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo)

# refusal_ok CASE: E2BIG for the first case, E2BIG or ENOMEM after it.
refusal_ok() {
	case $err in
	*"too long"*) return 0 ;;
	*memory*) [ "$1" != 1 ] ;;
	*) return 1 ;;
	esac
}

ktap_begin memory 4
# The cases, knob=value lists.  The first must be E2BIG (over the
# default limit); the others lift the limit past the machine's memory,
# those that keep a million survivors last.
cat > "$tmp/cases" <<EOC
allocs_per_op=4096 data_size=65536
mem_limit_kb=$max allocs_per_op=4096 data_size=65536
mem_limit_kb=$max allocs_per_op=4096 data_size=65536 free=remote
mem_limit_kb=$max pattern=kmalloc object_size=65536 allocs_per_op=4096
mem_limit_kb=$max pattern=kmalloc object_size=8192 allocs_per_op=4096
mem_limit_kb=$max strategy=bulk allocs_per_op=4096 data_size=16384 free=remote
mem_limit_kb=$max strategy=pool allocs_per_op=4096 data_size=65536
mem_limit_kb=$max strategy=arena allocs_per_op=4096 data_size=65536
mem_limit_kb=$max strategy=arena pattern=kmalloc object_size=65536 allocs_per_op=4096
mem_limit_kb=$max pattern=kmalloc object_size=2048 allocs_per_op=4096 survive_every=1 survivors_max=1048576
mem_limit_kb=$max pattern=dentry name_len=200 allocs_per_op=4096 survive_every=1 survivors_max=1048576
EOC
echo "# MemTotal $mem kB"
bad=0 acct_bad=0 i=0 failures=0 refused=0
while read -r line; do
	i=$((i + 1))
	echo reset > $d/control
	put "$dur" duration_ms
	for kv in $line; do
		put "${kv#*=}" "${kv%%=*}" || { bad=$((bad + 1)); echo "# case $i: $kv: $err"; }
	done
	if put start control; then
		wait_done 120 || { bad=$((bad + 1)); echo "# case $i: still running"; }
		accounts || acct_bad=$((acct_bad + 1))
		nf=$(mstat alloc_failures)
		failures=$((failures + nf))
		echo "# case $i ($line): ran, $(mstat ops) ops, $nf allocation failures"
		[ "$i" != 1 ] || { bad=$((bad + 1)); echo "# case 1 should be E2BIG"; }
	else
		refused=$((refused + 1))
		echo "# case $i ($line): refused: $err"
		refusal_ok "$i" || bad=$((bad + 1))
	fi
done < "$tmp/cases"
echo reset > $d/control
[ "$i" -gt 1 ] || bad=1
result $bad "memory.large_runs_refused_or_run"
result $acct_bad "memory.large_runs_account"
dmesg | grep -E 'oom-kill|Out of memory|invoked oom-killer' > "$tmp/oom"
sed 's/^/# /' "$tmp/oom" | head -n 5
[ ! -s "$tmp/oom" ]
result $? "memory.no_oom_kill"
dmesg | grep -E 'page allocation failure|vmalloc error' > "$tmp/warn"
sed 's/^/# /' "$tmp/warn" | head -n 5
[ ! -s "$tmp/warn" ]
result $? "memory.no_allocation_failure_reports"
figure memory_cases "$i"
figure memory_refused "$refused"
figure faults_survived "$failures"
ktap_end
