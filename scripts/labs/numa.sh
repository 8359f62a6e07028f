# shellcheck shell=bash
# numa: allocating on another node and freeing on another node's CPU,
# against doing both at home, in a VM of two nodes.  Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

# Rounds of the four runs, and each run's length.
NUMA_REPEAT=${NUMA_REPEAT:-3}
NUMA_MS=${NUMA_MS:-1000}
[[ $NUMA_REPEAT =~ ^[1-9][0-9]*$ ]] || lab_die "NUMA_REPEAT '$NUMA_REPEAT': not a count"
[[ $NUMA_MS =~ ^[1-9][0-9]*$ ]] || lab_die "NUMA_MS '$NUMA_MS': not milliseconds"

# numa_rows: numa.csv from the guest's runs (case, run; the stats of the
# run; per node after it, partial slabs and the objects in use on them).
numa_rows() {
	local c n dir=$OUT/runs
	echo "case,run,ops,allocs,frees,ns_per_alloc,remote_frees,cross_node_allocs,cross_node_frees,partial_n0,partial_n1,objects_partial_n0,objects_partial_n1"
	while read -r c n; do
		jq -rn --slurpfile st "$dir/$c-$n.stats.json" \
			--slurpfile nd "$dir/$c-$n.nodes.json" --arg c "$c" --argjson n "$n" '
			$st[0].stats as $s |
			def at($node; $k): ([$nd[0].nodes[] | select(.node == $node) | .[$k]] | first // 0);
			[$c, $n, $s.ops, $s.allocs, $s.frees, $s.ns_per_alloc, $s.remote_frees,
			 $s.cross_node_allocs, $s.cross_node_frees,
			 at(0; "partial"), at(1; "partial"),
			 at(0; "objects_partial"), at(1; "objects_partial")] | @csv' ||
			lab_die "cannot read run $c $n (runs/$c-$n.stats.json, $c-$n.nodes.json)"
	done < "$dir/runs.txt"
}

# numa_stat CSV CASE COLUMN: "min|median|max" of COLUMN over CASE's runs.
numa_stat() {
	# shellcheck disable=SC2016 # miller's $field
	mlr --icsv --onidx --ofs '|' filter -s c="$2" '$case == @c' 'then' \
		stats1 -a min,median,max -f "$3" "$1"
}

# numa_sum CSV CASE COLUMN: COLUMN summed over CASE's runs.
numa_sum() {
	# shellcheck disable=SC2016 # miller's $field
	mlr --icsv --onidx filter -s c="$2" '$case == @c' 'then' stats1 -a sum -f "$3" "$1"
}

# numa_compare LABEL A B: "LABEL cost X ns per allocation against Y,
# R (runs LO-HI): higher|lower|inconclusive here", A's runs against B's.
numa_compare() {
	local label=$1 a b
	a=$(numa_stat "$csv" "$2" ns_per_alloc)
	b=$(numa_stat "$csv" "$3" ns_per_alloc)
	awk -v label="$label" -v a="$a" -v b="$b" 'BEGIN {
		split(a, x, "|"); split(b, y, "|")
		if (y[2] <= 0 || y[1] <= 0) { printf "%s: no measurement", label; exit }
		if (x[1] > y[3]) d = "higher"
		else if (x[3] < y[1]) d = "lower"
		else d = "inconclusive here (the runs overlap)"
		printf "%s cost %d ns per allocation against %d, %.2fx (runs %.2f-%.2fx): %s",
			label, x[2], y[2], x[2] / y[2], x[1] / y[3], x[3] / y[1], d
	}'
}

# numa_pct CSV CASE PART WHOLE: PART over WHOLE, summed over CASE's runs, in %.
numa_pct() {
	awk -v p="$(numa_sum "$1" "$2" "$3")" -v w="$(numa_sum "$1" "$2" "$4")" \
		'BEGIN { printf "%.0f%%", (w > 0 ? 100 * p / w : 0) }'
}

# numa_partial CSV CASE: "N0/N1", the median partial slabs per node after CASE.
numa_partial() {
	local a b
	a=$(numa_stat "$1" "$2" partial_n0)
	b=$(numa_stat "$1" "$2" partial_n1)
	echo "$(cut -d'|' -f2 <<< "$a")/$(cut -d'|' -f2 <<< "$b")"
}

lab_main() {
	local csv=$OUT/numa.csv c
	# One CPU per node: the lab's own VM shape, whatever --cpus said.
	[ "$CPUS" = 2 ] || echo "$NAME: runs on 2 vCPUs, one per node (not $CPUS)" >&2
	sed -i 's/^kernel: \(.*\), [0-9]* vCPUs under/kernel: \1, 2 vCPUs on 2 NUMA nodes under/' "$OUT/host.txt"
	lab_host_note start
	lab_vm --cpus 2 --nodes 2 --mem 1024 \
		--add "$LABS/numa.guest.sh:/root/numa.guest.sh" -- \
		env REPEAT="$NUMA_REPEAT" DURATION_MS="$NUMA_MS" sh /root/numa.guest.sh ||
		lab_die "the guest script failed"
	lab_host_note end
	[ -s "$OUT/runs/runs.txt" ] || lab_die "no runs/runs.txt came back"
	numa_rows | mlr --csv cat > "$csv" || lab_die "cannot write $csv"
	for c in local remote-node two-local cross-free; do
		[ "$(numa_sum "$csv" "$c" ops)" -gt 0 ] 2> /dev/null ||
			lab_die "case $c did no operation ($csv)"
	done
	{
		printf '(TCG: slab bookkeeping and slow paths, no remote-memory latency.) '
		printf '%s; ' "$(numa_compare "Allocating on the other node" remote-node local)"
		printf '%s. ' "$(numa_compare "Freeing on the other node's CPU" cross-free two-local)"
		printf 'Crossed nodes: %s of the remote-node allocations; ' \
			"$(numa_pct "$csv" remote-node cross_node_allocs allocs)"
		printf 'in cross-free %s of the frees and %s of the allocations (SLUB refilling a CPU from the other node'"'"'s partial slabs). ' \
			"$(numa_pct "$csv" cross-free cross_node_frees frees)" \
			"$(numa_pct "$csv" cross-free cross_node_allocs allocs)"
		printf 'Partial slabs after a run, node 0/node 1: local %s, remote-node %s, two-local %s, cross-free %s.\n' \
			"$(numa_partial "$csv" local)" "$(numa_partial "$csv" remote-node)" \
			"$(numa_partial "$csv" two-local)" "$(numa_partial "$csv" cross-free)"
	} > "$OUT/verdict.raw"
	lab_verdict "$(cat "$OUT/verdict.raw")"
	rm -f "$OUT/verdict.raw"
}
