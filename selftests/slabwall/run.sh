#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run the slabwall selftests in the test VM: every program and script of
# kselftest-list.txt (installed beside this script; the order of the
# Makefile's TEST_GEN_PROGS, then TEST_PROGS, kernel_log.sh last), each a
# KTAP document of its own.  POSIX sh: the guest has busybox ash, not bash.
#
#   run.sh [ARGS]   ARGS go to every C program (e.g. -t busy; a program
#                   without that test reports "1..0"); the scripts run whole.
#
# Exits non-zero on any failure.  A script that skips itself (exit status
# 4, kselftest's skip) is not a failure; its "1..0 # SKIP" line says so.

dir=$(cd "$(dirname "$0")" && pwd) || exit 1
list=$dir/kselftest-list.txt
if [ ! -s "$list" ]; then
	echo "run.sh: no $list: nothing to run" >&2
	exit 1
fi

rc=0
# The list on fd 3: the tests' own standard input is /dev/null.
while IFS=: read -r collection name <&3; do
	[ "$collection" = slabwall ] || continue
	prog=$dir/$name
	st=0
	# As the kselftest runner names them; scripts/check names a document
	# cut short by it.
	echo "# selftests: slabwall: $name"
	case $name in
	*.sh) "$prog" < /dev/null || st=$? ;;
	*) "$prog" "$@" < /dev/null || st=$? ;;
	esac
	case $st in
	0|4) ;;
	*) echo "# run.sh: $name exited with status $st"; rc=1 ;;
	esac
done 3< "$list"
exit "$rc"
