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
		--repeat 3 --duration 200
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
			pages = v("pgalloc_per_op")
		}
		{ knee = v("alloc_knee"); base = v("alloc_knee_baseline") }
		knee != "" && v("allocs_per_op") == knee {
			kcost = v("net_ns_per_alloc"); kpages = v("pgalloc_per_op")
		}
		END {
			OFS = "|"
			print net, gross, share, null, base, knee, kcost,
			      kcost != "" ? kcost / base : "", kpages, pages
		}')
	IFS='|' read -r net gross share null base kallocs kcost kratio kpages pages <<< "$line"
	[ -n "$net" ] || lab_die "no point at $at allocs/op in $csv"
	# Gross: what an allocation costs inside the operation; net: less the
	# null operation's share.  One measure a sentence.
	knee="No knee up to 1024 allocs/op."
	[ -n "$kallocs" ] &&
		knee="The knee is at $kallocs allocs/op. There an allocation costs $(lab_round "$kcost") ns net. That is $(lab_round "$kratio")x the fast path. The page allocator gives $(lab_round "$kpages") pages per operation there, against $(lab_round "$pages") at $at."
	lab_verdict "At $at allocs/op an allocation costs $(lab_round "$gross") ns gross." \
		"Net of the null operation it costs $(lab_round "$net") ns." \
		"The allocator is ${share}% of the operation." \
		"The null operation costs $(lab_round "$null") ns." \
		"The fast path (1 to 8 allocs/op) costs $(lab_round "$base") ns net. $knee"
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
