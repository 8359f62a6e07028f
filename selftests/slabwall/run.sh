#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run the slabwall selftests in the test VM, then check the kernel log and
# report that as one more result line.  POSIX sh: the guest has busybox
# ash, not bash.  Arguments go to slabwall_test and knobs_test (e.g.
# -t busy).  Exits non-zero on any failure.

dir=$(cd "$(dirname "$0")" && pwd) || exit 1
tmp=${TMPDIR:-/tmp}/slabwall-run.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT

# Keep a copy to number the last line; the status comes through a file.
{ "$dir/slabwall_test" "$@" 2>&1; echo "$?" > "$tmp/rc"; } | tee "$tmp/log"
rc=0
[ "$(cat "$tmp/rc" 2>/dev/null)" = 0 ] || rc=1
n=$(( $(grep -cE '^(not )?ok [0-9]' "$tmp/log") + 1 ))

# The knobs against the interface header (a KTAP document of its own;
# the same arguments, so -t picks a test of either binary).
"$dir/knobs_test" "$@" || rc=1

# The slabwall command and the tracer against the module (a KTAP
# document each).
if command -v slabwall > /dev/null; then
	for t in tool.sh trace.sh trace_hist.sh trace_slowpath.sh; do
		[ -x "$dir/$t" ] || continue
		"$dir/$t" || rc=1
	done
fi

# WARN(), oopses and SLUB reports start their message ("WARNING: CPU: ...",
# "BUG: ...", "BUG <cache> (...)"); boot notes may carry "WARNING:" mid-line.
bad_re='^(WARNING:|BUG[: ])|kernel BUG at|Oops|Objects remaining|soft lockup'
bad_re="$bad_re|still has objects|rcu_sched self-detected stall|rcu: INFO"
bad_re="$bad_re|blocked for more than"

if ! dmesg > "$tmp/dmesg"; then
	echo "not ok $n dmesg_clean # cannot read the kernel log"
	exit 1
fi
if sed 's/^\[[^]]*\] *//' "$tmp/dmesg" | grep -E "$bad_re" > "$tmp/bad"; then
	sed 's/^/# dmesg: /' "$tmp/bad"
	echo "not ok $n dmesg_clean"
	rc=1
else
	echo "ok $n dmesg_clean"
fi
exit "$rc"
