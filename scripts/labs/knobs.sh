# shellcheck shell=bash
# knobs: SLUB's tunables and the boot parameters that change the
# allocator, one skb sweep each (1 CPU, local free), in one table.  The VM
# boots once per boot parameter; cpu_partial and min_partial are set
# through /sys/kernel/slab (slabwall tune) in the default boot.  Sourced
# by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

KNOBS_TUNES="cpu_partial=0 min_partial=64"

# knobs_boot N SETTING: boot N with SETTING (none for "default") on the
# kernel command line; its sweeps' rows go to stdout.
knobs_boot() {
	local dir=$OUT/boot$1 setting=$2 append="" tunes="" accepted=yes t rows=""
	[ "$setting" = default ] && tunes=$KNOBS_TUNES || append=$setting
	if [ -n "$append" ] && [ "${LAB_NO_VM:-0}" = 1 ] && ! lab_booted_with "$append"; then
		echo "$NAME: --no-vm: '$setting' left out: $KERNEL was not booted with it" >&2
		return 0
	fi
	lab_vm --out "$dir" --append "$append" \
		--add "$LABS/knobs.guest.sh:/root/knobs.guest.sh" -- \
		env TUNES="$tunes" sh /root/knobs.guest.sh ||
		lab_die "the boot with '$setting' failed"
	[ -s "$dir/sweep/sweep.csv" ] || lab_die "no sweep.csv from the boot with '$setting'"
	# Not taken: named in "Unknown kernel command line parameters".
	if [ -n "$append" ] && sed -n 's/^unknown: //p' "$dir/evidence.txt" |
		tr ' ' '\n' | grep -qF -- "${append%%=*}"; then
		accepted=no
		echo "$NAME: the kernel did not take '$setting' (see $dir/evidence.txt)" >&2
	fi
	# The first boot's first CSV gives the header.
	[ "$1" = 0 ] || rows=--rows
	lab_tag ${rows:+"$rows"} "$dir/sweep/sweep.csv" setting="$setting" \
		accepted=$accepted
	for t in $tunes; do
		lab_tag --rows "$dir/$(tr -d = <<< "$t")/sweep.csv" setting="$t" accepted=yes
	done
}

# knobs_pages SETTING ALLOCS: pgalloc_per_op of that row of the table.
knobs_pages() {
	lab_round "$(lab_get "$OUT/knobs.csv" "$LAB_OK && \$setting == @s &&
		\$allocs_per_op == $2" -s s="$1" pgalloc_per_op)"
}

# knobs_dat CSV: the plot's lines, a block per setting in the table's
# order: "# SETTING", then "ALLOCS NET_NS_PER_ALLOC PGALLOC_PER_OP" lines.
knobs_dat() {
	local s
	lab_columns "$1" setting allocs_per_op net_ns_per_alloc pgalloc_per_op
	# shellcheck disable=SC2016 # miller's $field
	mlr --icsv --onidx head -n 1 -g setting 'then' cut -f setting "$1" |
		while IFS= read -r s; do
			echo "# $s"
			mlr --icsv --onidx --ofs ' ' filter -s s="$s" \
				"$LAB_OK"' && $setting == @s && $allocs_per_op != 0' \
				'then' cut -o -f allocs_per_op,net_ns_per_alloc,pgalloc_per_op "$1"
			printf '\n\n'
		done
}

lab_main() {
	local csv=$OUT/knobs.csv debug maxorder i=0 s at64 init knee
	local -a settings
	# 6.8 renamed slub_debug and slub_max_order to slab_*: each kernel gets
	# its own spelling, and evidence.txt shows what it made of it.
	case $(lab_kver) in
	6.1.*) debug=slub_debug maxorder=slub_max_order ;;
	*) debug=slab_debug maxorder=slab_max_order ;;
	esac
	settings=(default slab_nomerge init_on_alloc=0 "$debug=FZPU,slabwall_*"
		  "$maxorder=0")
	lab_host_note start
	: > "$OUT/rows.tmp"
	for s in "${settings[@]}"; do
		knobs_boot $i "$s" >> "$OUT/rows.tmp"
		i=$((i + 1))
	done
	lab_host_note end
	mv "$OUT/rows.tmp" "$csv"

	# The plot's lines: one block per setting, "allocs net_ns pages/op".
	knobs_dat "$csv" > "$OUT/knobs.dat"
	lab_gnuplot knobs.gp dat="$OUT/knobs.dat" \
		names="$(sed -n 's/^# //p' "$OUT/knobs.dat" | paste -sd ' ')" \
		title="knobs: skb, 1 CPU, local free, per setting ($(lab_kver))"

	"$SLABWALL" compare "$csv" --by setting --base default > "$OUT/compare.txt" ||
		lab_die "slabwall compare failed"
	at64=$("$SLABWALL" compare "$csv" --by setting --base default \
		--at allocs_per_op=64 --biggest) || lab_die "slabwall compare failed"
	init=$(grep '^init_on_alloc=0: .*allocs_per_op=64,' "$OUT/compare.txt")
	# The knee of the tax lab is slabs going back to the page allocator:
	# min_partial keeps them.
	knee=$(grep '^min_partial=64: .*allocs_per_op=256,' "$OUT/compare.txt")
	# Debian zeroes every allocation: its tax is named even when not the biggest.
	# (Not there at all when --no-vm left that boot out.)
	if [ "${at64%%: *}" = init_on_alloc=0 ] || [ -z "$init" ]; then
		init=""
	else
		init=" $(knobs_short "$init");"
	fi
	lab_verdict "at 64 allocs/op the biggest effect: $(knobs_short "$at64");$init" \
		"at 256 (where the tax lab's slabs go back to the page allocator) $(knobs_short "$knee")," \
		"pages/op $(knobs_pages default 256) -> $(knobs_pages min_partial=64 256)"
}

# knobs_short LINE: a compare line without the words the verdict has.
knobs_short() {
	local line=$1
	echo "${line/ default throughput at allocs_per_op=[0-9]*,/ throughput,}"
}
