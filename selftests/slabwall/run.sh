#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run the slabwall selftests in the test VM, then check the kernel log.
# POSIX sh: the guest has busybox ash, not bash.  Arguments go to
# slabwall_test (e.g. -t busy).  Exits non-zero on any failure.

dir=$(cd "$(dirname "$0")" && pwd) || exit 1
rc=0

"$dir/slabwall_test" "$@" || rc=1

# WARN(), oopses and SLUB reports start their message ("WARNING: CPU: ...",
# "BUG: ...", "BUG <cache> (...)"); boot notes may carry "WARNING:" mid-line.
bad_re='^(WARNING:|BUG[: ])|kernel BUG at|Oops|Objects remaining|soft lockup'
bad_re="$bad_re|still has objects|rcu_sched self-detected stall|rcu: INFO"
bad_re="$bad_re|blocked for more than"

if ! log=$(dmesg); then
	echo "not ok - dmesg_clean # cannot read the kernel log"
	exit 1
fi
bad=$(printf '%s\n' "$log" | sed 's/^\[[^]]*\] *//' | grep -E "$bad_re")
if [ -n "$bad" ]; then
	printf '%s\n' "$bad" | sed 's/^/# dmesg: /'
	echo "not ok - dmesg_clean"
	rc=1
else
	echo "ok - dmesg_clean"
fi
exit "$rc"
