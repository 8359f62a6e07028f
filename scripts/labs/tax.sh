# shellcheck shell=bash
# tax: what each allocation adds to an operation.  skb on one CPU, freed
# locally, 0 to 1024 allocations per operation.  Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

lab_main() {
	local csv=$OUT/tax.csv at=64 knee
	local net gross gmin gmax share null base kallocs kcost kratio kpages pages
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
	null=$(lab_get "$csv" "$LAB_OK && \$allocs_per_op == 0" ns_per_op)
	IFS='|' read -r net gross gmin gmax share pages base kallocs <<< "$(lab_get "$csv" \
		"$LAB_OK && \$allocs_per_op == $at" net_ns_per_alloc ns_per_alloc \
		ns_per_alloc_min ns_per_alloc_max alloc_share_pct pgalloc_per_op \
		alloc_knee_baseline alloc_knee)"
	kcost="" kpages="" kratio=""
	if [ -n "$kallocs" ]; then
		IFS='|' read -r kcost kpages <<< "$(lab_get "$csv" \
			"$LAB_OK && \$allocs_per_op == $kallocs" net_ns_per_alloc pgalloc_per_op)"
		kratio=$(awk -v c="$kcost" -v b="$base" 'BEGIN { if (b > 0) print c / b }')
	fi
	[ -n "$net" ] || lab_die "no point at $at allocs/op in $csv"
	# Gross: what an allocation costs inside the operation; net: less the
	# null operation's share.  One measure a sentence.
	knee="No knee up to 1024 allocs/op."
	if [ -n "$kallocs" ]; then
		knee="$(tax_knee "$csv" "$kallocs") There an allocation costs $(lab_round "$kcost") ns net. That is $(lab_round "$kratio")x the fast path. The page allocator gives $(lab_round "$kpages") pages per operation there"
		# Pages at the knee against the point the verdict began with,
		# unless that is the knee itself.
		if [ "$kallocs" = "$at" ]; then
			knee="$knee."
		else
			knee="$knee, against $(lab_round "$pages") at $at."
		fi
	fi
	lab_verdict "At $at allocs/op an allocation costs $(lab_round "$gross") ns gross ($(lab_round "$gmin")-$(lab_round "$gmax") ns over the runs)." \
		"Net of the null operation it costs $(lab_round "$net") ns." \
		"The allocator is ${share}% of the operation." \
		"The null operation costs $(lab_round "$null") ns." \
		"The fast path (1 to 8 allocs/op) costs $(lab_round "$base") ns net. $knee"
}

# tax_knee CSV KNEE: the main claim, the knee, stated only when the gross
# cost per allocation there is over 1.5x (the sweep's knee ratio) its
# value at 8 allocs/op (the end of the fast path) in every run (slabwall
# compare --decide).
tax_knee() {
	local d r range
	IFS='|' read -r d r range <<< "$(lab_claim "$1" "$2" --by allocs_per_op \
		--base 8 --metric ns_per_alloc --threshold 1.5)"
	if [ "$d" = higher ]; then
		echo "The knee is at $2 allocs/op (gross ns/alloc $r that at 8, $range)."
	else
		echo "A knee at $2 allocs/op is inconclusive here (gross ns/alloc ${r:-?} that at 8, ${range:-no range})."
	fi
}

# tax_table CSV: the points that tell the story, pages per operation beside
# the costs (pgalloc_per_op: the knee is where the page allocator comes in).
tax_table() {
	local a op g n sh pg
	printf "%-10s %12s %14s %12s %10s %14s\n" "allocs/op" "ns/op" \
		"gross ns/alloc" "net ns/alloc" "alloc %" "pgalloc/op"
	lab_columns "$1" allocs_per_op ns_per_op ns_per_alloc net_ns_per_alloc \
		alloc_share_pct pgalloc_per_op
	# shellcheck disable=SC2016 # miller's $field
	mlr --icsv --onidx --ofs '|' filter "$LAB_OK" 'then' put '
		func f(v, fmt) {
			return is_empty(v) ? "-" : fmtnum(v, fmt)
		}
		$ns_per_op = f($ns_per_op, "%.0f");
		$ns_per_alloc = f($ns_per_alloc, "%.0f");
		$net_ns_per_alloc = f($net_ns_per_alloc, "%.0f");
		$alloc_share_pct = is_empty($alloc_share_pct) ? "-" : $alloc_share_pct;
		$pgalloc_per_op = f($pgalloc_per_op, "%.4lg")' \
		'then' cut -o -f allocs_per_op,ns_per_op,ns_per_alloc,net_ns_per_alloc,alloc_share_pct,pgalloc_per_op "$1" |
		while IFS='|' read -r a op g n sh pg; do
			printf "%-10s %12s %14s %12s %10s %14s\n" "$a" "$op" "$g" "$n" "$sh" "$pg"
		done
}
