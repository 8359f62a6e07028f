# shellcheck shell=bash
# tax: what each allocation adds to an operation.  skb on one CPU, freed
# locally, 0 to 1024 allocations per operation.  Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

lab_main() {
	local csv=$OUT/tax.csv at=64 line knee
	local net gross share null base kallocs kcost kratio kpages pages
	lab_host_note start
	lab_sweep "$OUT/sweep" -- --pattern skb --strategy slab --cpus 1 \
		--free local --allocs 0,1,2,4,8,16,32,64,128,256,512,1024 \
		--repeat "$LAB_REPEAT" --duration 200
	lab_host_note end
	cp "$OUT/sweep/sweep.csv" "$csv"
	lab_plot "$csv" "tax: skb, 1 CPU, local free ($(lab_kver))" --pages
	tax_table "$csv" > "$OUT/table.txt"
	# The cost and share at $at, the fast path, the knee, and the page
	# allocator's pages per operation at both.
	line=$(lab_csv "$csv" -v at="$at" '
		!ok() { next }
		v("allocs_per_op") == 0 { null = v("ns_per_op") }
		v("allocs_per_op") == at {
			net = v("net_ns_per_alloc"); share = v("alloc_share_pct")
			gross = v("ns_per_alloc")
			range = v("ns_per_alloc_min") "-" v("ns_per_alloc_max")
			pages = v("pgalloc_per_op")
		}
		{ knee = v("alloc_knee"); base = v("alloc_knee_baseline") }
		knee != "" && v("allocs_per_op") == knee {
			kcost = v("net_ns_per_alloc"); kpages = v("pgalloc_per_op")
		}
		END {
			OFS = "|"
			print net, gross " " range, share, null, base, knee, kcost,
			      kcost != "" ? kcost / base : "", kpages, pages
		}')
	IFS='|' read -r net gross share null base kallocs kcost kratio kpages pages <<< "$line"
	[ -n "$net" ] || lab_die "no point at $at allocs/op in $csv"
	# Gross: what an allocation costs inside the operation; net: less the
	# null operation's share.  One measure a sentence.
	knee="No knee up to 1024 allocs/op."
	[ -n "$kallocs" ] && knee="$(tax_knee "$csv" "$kallocs") There an allocation costs $(lab_round "$kcost") ns net. That is $(lab_round "$kratio")x the fast path. The page allocator gives $(lab_round "$kpages") pages per operation there, against $(lab_round "$pages") at $at."
	lab_verdict "At $at allocs/op an allocation costs $(lab_round "${gross%% *}") ns gross ($(tax_range "$gross") ns over the runs)." \
		"Net of the null operation it costs $(lab_round "$net") ns." \
		"The allocator is ${share}% of the operation." \
		"The null operation costs $(lab_round "$null") ns." \
		"The fast path (1 to 8 allocs/op) costs $(lab_round "$base") ns net. $knee"
}

# tax_knee CSV KNEE: the main claim, the knee, stated only when the gross
# cost per allocation there is above its value at 8 allocs/op (the end of
# the fast path) over every run (slabwall compare --decide).
tax_knee() {
	local d r range
	IFS='|' read -r d r range <<< "$(lab_claim "$1" "$2" --by allocs_per_op \
		--base 8 --metric ns_per_alloc)"
	if [ "$d" = higher ]; then
		echo "The knee is at $2 allocs/op (gross ns/alloc $r that at 8, $range)."
	else
		echo "A knee at $2 allocs/op is inconclusive here (gross ns/alloc ${r:-?} that at 8, ${range:-no range})."
	fi
}

# tax_range "MEDIAN MIN-MAX": "MIN-MAX" rounded for the verdict.
tax_range() {
	local r=${1#* }
	echo "$(lab_round "${r%-*}")-$(lab_round "${r#*-}")"
}

# tax_table CSV: the points that tell the story, pages per operation beside
# the costs (pgalloc_per_op: the knee is where the page allocator comes in).
tax_table() {
	lab_csv "$1" '
		BEGIN { printf "%-10s %12s %14s %12s %10s %14s\n", "allocs/op", "ns/op", "gross ns/alloc", "net ns/alloc", "alloc %", "pgalloc/op" }
		ok() {
			printf "%-10s %12.0f %14s %12s %10s %14s\n", v("allocs_per_op"), v("ns_per_op"),
			       v("ns_per_alloc") == "" ? "-" : sprintf("%.0f", v("ns_per_alloc")),
			       v("net_ns_per_alloc") == "" ? "-" : sprintf("%.0f", v("net_ns_per_alloc")),
			       v("alloc_share_pct") == "" ? "-" : v("alloc_share_pct"),
			       v("pgalloc_per_op") == "" ? "-" : sprintf("%.4g", v("pgalloc_per_op"))
		}'
}
