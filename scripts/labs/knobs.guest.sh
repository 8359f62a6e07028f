#!/bin/sh
# Guest side of the knobs lab, once per boot: what the kernel made of the
# boot's setting (/out/evidence.txt), then the skb sweep (/out/sweep/).
# With TUNES ("KNOB=VALUE ..."), also one sweep per tune of the skb head
# and its data buffer's cache (/out/KNOBVALUE/), each undone after.
# LAB_OUT (default /out) is where it writes: scripts/lab --no-vm runs it
# on the machine itself.
lab_out=${LAB_OUT:-/out}
export SLABWALL_STATE=/tmp/tune.saved
sweep() {	# sweep DIR
	slabwall sweep --pattern skb --strategy slab --cpus 1 --free local \
		--allocs "${ALLOCS:-0,1,8,64,256}" --repeat 3 --duration 200 \
		--progress lines --out "$lab_out/$1" > /dev/null
}
s=/sys/kernel/slab

# A parameter the kernel does not know is named in this boot message (and
# passed on to init); a known one shows its effect in sysfs or the log.
{
	echo "cmdline: $(cat /proc/cmdline)"
	echo "unknown: $(dmesg | sed -n 's/.*Unknown kernel command line parameters "\(.*\)".*/\1/p')"
	dmesg | sed -n 's/.*\(mem auto-init: .*\)/\1/p' | head -n 1
	echo "merged names in /sys/kernel/slab: $(find $s -maxdepth 1 -type l | wc -l)"
	for c in slabwall_skbuff_head kmalloc-2k; do
		# One number each, shown as the kernel wrote it.
		for a in order sanity_checks red_zone poison store_user cpu_partial min_partial; do
			echo "$c $a: $(cat $s/$c/$a)"
		done
	done
} > "$lab_out"/evidence.txt
cat "$lab_out"/evidence.txt
sweep sweep || exit 1

for t in $TUNES; do
	for c in slabwall_skbuff_head kmalloc-2k; do
		slabwall tune "$c" "$t" || exit 1
	done
	sweep "$(echo "$t" | tr -d =)" || exit 1
	slabwall tune --restore || exit 1
done
