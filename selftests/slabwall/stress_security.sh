#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The debugfs files are root's alone, KTAP: no mode bit for group or
# others, root the owner, nothing opens for uid 65534 (stress_nobody),
# also with debugfs' own root opened up (mode=755), and no file shows an
# unhashed kernel address, before, during and after runs.

# shellcheck source=selftests/slabwall/stress_lib.sh
. "$(dirname "$0")/stress_lib.sh"
dir=$(dirname "$0")
mnt=/sys/kernel/debug

ktap_begin security 4
bad=0
for f in "$d"/*; do
	m=$(stat -c %a "$f")
	u=$(stat -c %u "$f")
	if [ $((0$m & 077)) != 0 ] || [ "$u" != 0 ]; then
		bad=$((bad + 1))
		echo "# ${f##*/}: mode $m owner $u"
	fi
done
echo "# directory mode $(stat -c %a $d), debugfs root $(stat -c %a $mnt)"
result $bad "security.files_root_only"

# The helper must be able to succeed: nobody can read /proc/version.
"$dir/stress_nobody" /proc/version > "$tmp/control" 2>&1
rc=$?
sed 's/^/# /' "$tmp/control"
"$dir/stress_nobody" $d $d/* > "$tmp/nobody" 2>&1
r=$?
sed 's/^/# /' "$tmp/nobody" | head -n 4
[ $rc = 1 ] && [ $r = 0 ]
result $? "security.nobody_opens_nothing"

# With debugfs' root open to all, the files' own modes must hold.
if mount -o remount,mode=755 $mnt 2> /dev/null; then
	"$dir/stress_nobody" $d/* > "$tmp/open" 2>&1
	r=$?
	mount -o remount,mode=700 $mnt
	grep -v 'read:Permission denied write:Permission denied' "$tmp/open" | sed 's/^/# /'
	[ $r = 0 ]
	result $? "security.nobody_opens_nothing_with_debugfs_open"
else
	skip "security.nobody_opens_nothing_with_debugfs_open" "cannot remount debugfs"
fi

# No kernel address in any file (hashed %p would be 0000...; raw %px
# or %lx of a pointer is ffff...).
: > "$tmp/seen"
for s in slab bulk pool arena; do
	echo reset > $d/control
	put "$s" strategy && put dentry pattern && put 300 duration_ms && put start control
	for f in "$d"/*; do cat "$f"; done >> "$tmp/seen"
	wait_done 60
	for f in "$d"/*; do cat "$f"; done >> "$tmp/seen"
done
echo reset > $d/control
grep -inE 'ffff[0-9a-f]{8}|0x[0-9a-f]{12}' "$tmp/seen" | head -n 5 > "$tmp/addr"
sed 's/^/# /' "$tmp/addr"
echo "# $(wc -l < "$tmp/seen") lines read"
[ ! -s "$tmp/addr" ]
result $? "security.no_kernel_addresses"
ktap_end
