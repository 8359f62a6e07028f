# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# What the shell selftests share: a scratch directory, KTAP result lines
# and the totals.  Sourced (POSIX sh, busybox): need_cmd for each command
# a script needs, ktap_begin NAME PLAN, then result STATUS TEST per test,
# then ktap_end (its status is the verdict).

# shellcheck disable=SC2034 # used by the scripts that source this
d=/sys/kernel/debug/slabwall
# shellcheck disable=SC2034
t=/sys/kernel/tracing

ktap_begin() {	# ktap_begin NAME PLAN
	tmp=${TMPDIR:-/tmp}/slabwall-$1.$$
	mkdir -p "$tmp" || exit 1
	trap 'rm -rf "$tmp"' EXIT
	n=0
	failed=0
	echo "TAP version 13"
	echo "1..$2"
}

result() {	# result STATUS NAME: 0 is ok
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
	fi
}

skip() {	# skip NAME REASON
	n=$((n + 1))
	echo "ok $n $1 # SKIP $2"
}

# need_cmd CMD NAME: without CMD on PATH, the whole document NAME is
# skipped the kselftest way ("1..0 # SKIP", exit status 4), not passed.
need_cmd() {
	command -v "$1" > /dev/null && return 0
	echo "TAP version 13"
	echo "1..0 # SKIP $2: no $1 command on PATH"
	exit 4
}

ktap_end() {
	echo "# Totals: pass:$((n - failed)) fail:$failed"
	[ "$failed" = 0 ]
}

# mstat KEY: a value of the module's stats file
mstat() { awk -v k="$1" '$1 == k { print $2; exit }' $d/stats; }

# col FILE ROW COLUMN: a cell of a CSV with a header line, by column name,
# in the row whose first cell is ROW.
col() {
	awk -F, -v c="$2" -v k="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == k) f = i; next }
		$1 == c && f { print $f; exit }' "$1"
}
