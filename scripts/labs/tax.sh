# shellcheck shell=bash
# tax: what each allocation adds to an operation.  skb on one CPU, freed
# locally, 0 to 1024 allocations per operation.  Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

lab_main() {
	local csv=$OUT/tax.csv at=64 line knee
	local net share null base kallocs kcost kratio kpages pages
	lab_host_note start
	lab_sweep "$OUT/sweep" -- --pattern skb --strategy slab --cpus 1 \
		--free local --allocs 0,1,2,4,8,16,32,64,128,256,512,1024 \
		--repeat 3 --duration 200
	lab_host_note end
	cp "$OUT/sweep/sweep.csv" "$csv"
	lab_plot "$csv" "tax: skb, 1 CPU, local free ($(lab_kver))"
	# The cost and share at $at, the fast path, the knee, and the page
	# allocator's pages per operation at both.
	line=$(lab_csv "$csv" -v at="$at" '
		!ok() { next }
		v("allocs_per_op") == 0 { null = v("ns_per_op") }
		v("allocs_per_op") == at {
			net = v("net_ns_per_alloc"); share = v("alloc_share_pct")
			pages = v("pgalloc_per_op")
		}
		{ knee = v("alloc_knee"); base = v("alloc_knee_baseline") }
		knee != "" && v("allocs_per_op") == knee {
			kcost = v("net_ns_per_alloc"); kpages = v("pgalloc_per_op")
		}
		END {
			OFS = "|"
			print net, share, null, base, knee, kcost,
			      kcost != "" ? kcost / base : "", kpages, pages
		}')
	IFS='|' read -r net share null base kallocs kcost kratio kpages pages <<< "$line"
	[ -n "$net" ] || lab_die "no point at $at allocs/op in $csv"
	knee="no knee up to 1024 allocs/op"
	[ -n "$kallocs" ] &&
		knee="knee at $kallocs allocs/op: $(lab_round "$kcost") ns/alloc, $(lab_round "$kratio")x the fast path, $(lab_round "$kpages") pages/op from the page allocator (at $at: $(lab_round "$pages"))"
	lab_verdict "$(lab_round "$net") ns per allocation at $at allocs/op," \
		"allocator ${share}% of the operation (fast path $(lab_round "$base") ns/alloc," \
		"null op $(lab_round "$null") ns); $knee"
}
