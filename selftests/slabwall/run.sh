#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run the slabwall selftests in the test VM, then check the kernel log and
# report that as one more result line.  POSIX sh: the guest has busybox
# ash, not bash.  Arguments go to every test program (e.g. -t busy; a
# program without that test reports "1..0").  Exits non-zero on any failure.

dir=$(cd "$(dirname "$0")" && pwd) || exit 1
tmp=${TMPDIR:-/tmp}/slabwall-run.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT

# Keep a copy to number the last line; the status comes through a file.
rc=0
: > "$tmp/log"
run_prog() {	# run_prog PROGRAM ARGS...
	{ "$@" 2>&1; echo "$?" > "$tmp/rc"; } | tee -a "$tmp/log"
	[ "$(cat "$tmp/rc" 2>/dev/null)" = 0 ] || rc=1
}
# One program per feature, kernel_log_test last: it reads what the others
# left in the kernel log.
for prog in "$dir"/*_test; do
	[ "$prog" = "$dir/kernel_log_test" ] || run_prog "$prog" "$@"
done
run_prog "$dir/kernel_log_test" "$@"
n=$(( $(grep -cE '^(not )?ok [0-9]' "$tmp/log") + 1 ))

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
