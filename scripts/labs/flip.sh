# shellcheck shell=bash
# flip: kmalloc across 8 KiB, where it stops using the kmalloc-N slab
# caches and asks the page allocator for every object.  Booted twice: as
# Debian boots (every allocation zeroed, init_on_alloc=1) and with
# init_on_alloc=0, to tell the page allocator's cost from the zeroing's.
# Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

# flip_dat CSV: the plot's rows, one per size: "SIZE NET_NS PAGES P50 P99
# NET_NS_NOINIT", the net cost and page allocator pages per allocation at
# 16 allocs/op, p50 and p99 of a 1-allocation operation (the default
# boot), and the net cost at 16 without zeroing.
flip_dat() {
	local size at16 at1 net pg pages p50 p99 z
	# shellcheck disable=SC2016 # miller's $field
	at16="$LAB_OK"' && $setting == @b && $allocs_per_op == 16 && $size == '
	# shellcheck disable=SC2016
	at1="$LAB_OK"' && $setting == "default" && $allocs_per_op == 1 && $size == '
	# shellcheck disable=SC2016
	mlr --icsv --onidx filter "$LAB_OK"' && $setting == "default" && $allocs_per_op == 16' \
		'then' cut -f size 'then' sort -nf size "$1" |
		while read -r size; do
			IFS='|' read -r net pages <<< "$(lab_get "$1" "$at16$size" \
				-s b=default net_ns_per_alloc pgalloc_per_op)"
			pg=$(awk -v p="$pages" 'BEGIN { if (p != "") print p / 16 }')
			IFS='|' read -r p50 p99 <<< "$(lab_get "$1" "$at1$size" p50_ns p99_ns)"
			z=$(lab_get "$1" "$at16$size" -s b=init_on_alloc=0 net_ns_per_alloc)
			echo "$size $net $pg $p50 $p99 $z"
		done
}

lab_main() {
	local csv=$OUT/flip.csv lo=8192 hi=8200 line f
	local lcost hcost lpg hpg lp50 hp50 lz hz noinit=""
	lab_host_note start
	lab_guest flip.guest.sh HIST_SIZES="$lo $hi" || lab_die "the guest side failed"
	if [ "${LAB_NO_VM:-0}" = 1 ] && ! lab_booted_with init_on_alloc=0; then
		noinit="not measured (--no-vm: $KERNEL was not booted with init_on_alloc=0)"
		echo "$NAME: the init_on_alloc=0 part $noinit" >&2
	else
		lab_vm --out "$OUT/noinit" --append init_on_alloc=0 \
			--add "$LABS/flip.guest.sh:/root/flip.guest.sh" -- \
			env HIST_SIZES= sh /root/flip.guest.sh ||
			lab_die "the init_on_alloc=0 boot failed"
	fi
	lab_host_note end
	f=$OUT/noinit/sweep/sweep.csv
	[ -s "$OUT/sweep/sweep.csv" ] || lab_die "no $OUT/sweep/sweep.csv came back"
	[ -n "$noinit" ] || [ -s "$f" ] || lab_die "no $f came back"
	{
		lab_tag "$OUT/sweep/sweep.csv" setting=default
		[ -n "$noinit" ] ||
			lab_tag --rows "$OUT/noinit/sweep/sweep.csv" setting=init_on_alloc=0
	} > "$csv"

	flip_dat "$csv" > "$OUT/flip.dat"
	lab_gnuplot flip.gp dat="$OUT/flip.dat" lo="$OUT/hist-$lo.txt" hi="$OUT/hist-$hi.txt" \
		losize="$lo" hisize="$hi" title="flip: kmalloc across 8 KiB ($(lab_kver), 1 CPU)"

	line=$(awk -v lo="$lo" -v hi="$hi" '
		$1 == lo { lc = $2; lp = $3; lm = $4; lz = $6 }
		$1 == hi { hc = $2; hp = $3; hm = $4; hz = $6 }
		END { OFS = "|"; print lc, hc, lp, hp, lm, hm, lz, hz }' "$OUT/flip.dat")
	IFS='|' read -r lcost hcost lpg hpg lp50 hp50 lz hz <<< "$line"
	if [ -z "$lcost" ] || [ -z "$hcost" ]; then
		lab_die "no $lo or $hi point in $csv"
	fi
	lab_verdict "the step at 8 KiB: $(lab_round "$lcost") ns/alloc at $lo bytes," \
		"$(lab_round "$hcost") at $hi ($(flip_ratio "$hcost" "$lcost")x);" \
		"page allocator pages per allocation $(lab_round "$lpg") -> $(lab_round "$hpg");" \
		"p50 of a 1-alloc op $(lab_round "$lp50") -> $(lab_round "$hp50") ns;" \
		"without zeroing (init_on_alloc=0) ${noinit:-$(lab_round "$lz") -> $(lab_round "$hz") ns/alloc ($(flip_ratio "$hz" "$lz")x)}"
}

flip_ratio() {
	lab_round "$(awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0 ? a / b : "") }')"
}
