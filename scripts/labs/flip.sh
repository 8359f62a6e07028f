# shellcheck shell=bash
# flip: kmalloc across 8 KiB, where it stops using the kmalloc-N slab
# caches and asks the page allocator for every object.  Booted twice: as
# Debian boots (every allocation zeroed, init_on_alloc=1) and with
# init_on_alloc=0, to tell the page allocator's cost from the zeroing's.
# Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

# flip_rows SETTING CSV: the CSV's rows with the boot's setting in front.
flip_rows() {
	sed '1d; s/^/'"$1"',/' "$2"
}

lab_main() {
	local csv=$OUT/flip.csv lo=8192 hi=8200 line
	local lcost hcost lpg hpg lp50 hp50 lz hz
	lab_host_note start
	lab_guest flip.guest.sh HIST_SIZES="$lo $hi" || lab_die "the guest side failed"
	lab_vm --out "$OUT/noinit" --append init_on_alloc=0 \
		--add "$LABS/flip.guest.sh:/root/flip.guest.sh" -- \
		env HIST_SIZES= sh /root/flip.guest.sh ||
		lab_die "the init_on_alloc=0 boot failed"
	lab_host_note end
	for f in "$OUT/sweep/sweep.csv" "$OUT/noinit/sweep/sweep.csv"; do
		[ -s "$f" ] || lab_die "no $f came back"
	done
	{
		echo "setting,$(head -n 1 "$OUT/sweep/sweep.csv")"
		flip_rows default "$OUT/sweep/sweep.csv"
		flip_rows init_on_alloc=0 "$OUT/noinit/sweep/sweep.csv"
	} > "$csv"

	# Per size at 16 allocs/op: net cost and pages per allocation, and the
	# cost without zeroing; p50 and p99 of a 1-allocation operation.
	lab_csv "$csv" '
		!ok() { next }
		{ s = v("size"); d = v("setting") == "default" }
		d && v("allocs_per_op") == 16 { c[s] = v("net_ns_per_alloc"); p[s] = v("pgalloc_per_op") / 16 }
		d && v("allocs_per_op") == 1 { m[s] = v("p50_ns"); n[s] = v("p99_ns") }
		!d && v("allocs_per_op") == 16 { z[s] = v("net_ns_per_alloc") }
		END { for (s in c) print s, c[s], p[s], m[s], n[s], z[s] }' | sort -n > "$OUT/flip.dat"
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
		"without zeroing (init_on_alloc=0) $(lab_round "$lz") -> $(lab_round "$hz") ns/alloc ($(flip_ratio "$hz" "$lz")x)"
}

flip_ratio() {
	lab_round "$(awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0 ? a / b : "") }')"
}
