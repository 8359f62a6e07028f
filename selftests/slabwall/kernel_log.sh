#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Nothing in the kernel log says a test broke something: one KTAP result,
# failing on any line that matches a pattern of kernel_log_bad (the one
# list every suite uses).  Run last: by run.sh, by the kselftest runner
# (the last of TEST_PROGS) and by stress.sh.  POSIX sh for busybox.
#
#   kernel_log.sh [TEST_NAME]    (default kernel_log.dmesg_clean)

dir=$(dirname "$0")
# shellcheck source=ktap_lib.sh source-path=SCRIPTDIR
. "$dir/ktap_lib.sh"
name=${1:-kernel_log.dmesg_clean}

ktap_begin kernel-log 1
# Comments and empty lines out: an empty pattern would match every line.
grep -v -e '^#' -e '^$' "$dir/kernel_log_bad" > "$tmp/patterns"
if [ ! -s "$tmp/patterns" ]; then
	echo "# no patterns in $dir/kernel_log_bad"
	result 1 "$name"
elif ! dmesg > "$tmp/dmesg"; then
	echo "# cannot read the kernel log"
	result 1 "$name"
else
	sed 's/^\[[^]]*\] *//' "$tmp/dmesg" |
		grep -E -f "$tmp/patterns" > "$tmp/bad"
	sed 's/^/# dmesg: /' "$tmp/bad" | head -n 20
	[ ! -s "$tmp/bad" ]
	result $? "$name"
fi
ktap_end
