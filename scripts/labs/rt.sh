# shellcheck shell=bash
# rt: the same sweep on Debian's 6.12 and on its PREEMPT_RT build, where
# SLUB's per-CPU fast path runs under a local lock (a per-CPU sleeping
# lock) instead of with interrupts or preemption off.  skb, 1 to 256
# allocs/op, 1 and 2 CPUs, local and remote free; throughput, p99 and
# p99.9 side by side.  --kernel is ignored: the lab boots both, in turn,
# RT_ROUNDS times (default 2).  Sourced by scripts/lab.
# boots: 6.12 6.12-rt
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

RT_KERNELS=(6.12 6.12-rt)
RT_KEYS=allocs_per_op,cpus_spec,free
RT_ROUNDS=${RT_ROUNDS:-2}

lab_main() {
	local k r
	[[ $RT_ROUNDS =~ ^[1-9]$ ]] || lab_die "RT_ROUNDS '$RT_ROUNDS': not 1 to 9"
	for k in "${RT_KERNELS[@]}"; do
		sw_kernel_image "$k" > /dev/null ||
			lab_die "no kernel '$k' installed (make deps)"
	done
	# scripts/lab wrote the default kernel's line: the lab boots both.
	for k in "${RT_KERNELS[@]}"; do
		echo "booted: $k ($(KERNEL=$k lab_kver)), $RT_ROUNDS times"
	done >> "$OUT/host.txt"
	lab_host_note start
	# The kernels in turn, round after round: a host whose load changes
	# during the lab then moves both kernels' runs, not one kernel's, and
	# a point is decided only when every round decides it the same way.
	for ((r = 1; r <= RT_ROUNDS; r++)); do
		for k in "${RT_KERNELS[@]}"; do
			KERNEL=$k lab_sweep "$OUT/$k/round$r" -- --pattern skb \
				--strategy slab --cpus 1,2 --free local,remote \
				--allocs 1,2,4,8,16,32,64,128,256 \
				--repeat "$LAB_REPEAT" --duration 200
			lab_columns "$OUT/$k/round$r/sweep.csv" allocs_per_op \
				cpus_spec free status ops_per_sec ops_per_sec_min \
				ops_per_sec_max p99_ns p999_ns
		done
	done
	lab_host_note end
	rt_verdict
}

# rt_verdict: from the boots' sweeps in OUT (KERNEL/roundN/sweep.csv),
# the files the page names and the verdict line.
rt_verdict() {
	local csv=$OUT/rt.csv n points tput p99 p999 dec biggest r k rows=""
	local -a plots=()
	for ((r = 1; r <= RT_ROUNDS; r++)); do
		for k in "${RT_KERNELS[@]}"; do
			lab_tag $rows "$OUT/$k/round$r/sweep.csv" kernel="$k" round="$r"
			rows=--rows
			plots+=("$OUT/$k/round$r/sweep.csv" --label "$k #$r")
		done
	done > "$csv"
	"$SLABWALL" plot "${plots[@]}" \
		--title "rt: skb on 6.12 and 6.12-rt (PREEMPT_RT), $RT_ROUNDS rounds" \
		-o "$OUT/$NAME.svg" -o "$OUT/$NAME.png" > /dev/null ||
		lab_die "plotting failed"
	for ((r = 1; r <= RT_ROUNDS; r++)); do
		rt_pairs "$OUT/6.12/round$r/sweep.csv" "$OUT/6.12-rt/round$r/sweep.csv" |
			lab_tag /dev/stdin round="$r" |
			if [ "$r" = 1 ]; then cat; else tail -n +2; fi
	done > "$OUT/pairs.csv"
	rt_table "$OUT/pairs.csv" > "$OUT/table.txt"
	# Each point's throughput in each round, decided over that round's
	# runs (min/max of each side).
	"$SLABWALL" compare "$csv" --by kernel --base 6.12 --decide \
		--tail none --key allocs_per_op --key cpus_spec --key free \
		--key round > "$OUT/decide.txt" 2> /dev/null ||
		lab_die "slabwall compare found nothing to compare in $csv"
	n=$(mlr --icsv --ojson count "$OUT/pairs.csv" | jq '.[0].count // 0')
	[ "$n" -gt 0 ] || lab_die "no point ran on both kernels ($OUT/pairs.csv)"
	rt_points > "$OUT/points.txt"
	points=$(wc -l < "$OUT/points.txt")
	tput=$(rt_spread "$OUT/pairs.csv" tput_ratio)
	p99=$(rt_spread "$OUT/pairs.csv" p99_ratio)
	p999=$(rt_spread "$OUT/pairs.csv" p999_ratio)
	dec="lower at $(rt_count lower) of the $points points, higher at"
	dec="$dec $(rt_count higher), undecided at $(rt_count undecided): a point"
	dec="$dec is decided when every round decides it so over its runs"
	biggest=$(rt_biggest "$OUT/pairs.csv")
	lab_verdict "On 6.12-rt against 6.12 (skb, 1-256 allocs/op, 1 and 2 CPUs," \
		"local and remote free, $points points, $RT_ROUNDS rounds of both boots):" \
		"throughput ${tput} ($dec);" \
		"p99 ${p99}; p99.9 ${p999} (median over the $n point-rounds, min-max)." \
		"Furthest from 6.12: $biggest."
}

# rt_points: one line per point from decide.txt, "lower", "higher" or
# "undecided" (the rounds did not all decide it the same way), then the
# point's knobs.
rt_points() {
	awk '{
		d = $2; sub(/:$/, "", d)
		at = $0; sub(/.* at /, "", at); sub(/ round=[0-9]+$/, "", at)
		if (!(at in dec)) { order[++n] = at; dec[at] = d }
		else if (dec[at] != d) dec[at] = "undecided"
	} END {
		for (i = 1; i <= n; i++) {
			d = dec[order[i]]
			if (d != "lower" && d != "higher") d = "undecided"
			print d, order[i]
		}
	}' "$OUT/decide.txt"
}

# rt_count DECISION: the points decided so in points.txt (0 when none).
rt_count() {
	awk -v d="$1" '$1 == d { n++ } END { print n + 0 }' "$OUT/points.txt"
}

# rt_pairs BASE.csv RT.csv: one row per point that ran on both kernels,
# each side's throughput, p99 and p99.9, and RT's over the base's.
rt_pairs() {
	# shellcheck disable=SC2016 # miller's $field
	mlr --icsv --ocsv join -j "$RT_KEYS" --lp base_ --rp rt_ \
		-f <(mlr --icsv --ocsv filter "$LAB_OK" 'then' \
			cut -o -f "$RT_KEYS,ops_per_sec,p99_ns,p999_ns" "$1") \
		'then' put '
			$tput_ratio = $rt_ops_per_sec / $base_ops_per_sec;
			$p99_ratio = $rt_p99_ns / $base_p99_ns;
			$p999_ratio = $rt_p999_ns / $base_p999_ns' \
		'then' sort -nf allocs_per_op -f cpus_spec,free \
		<(mlr --icsv --ocsv filter "$LAB_OK" 'then' \
			cut -o -f "$RT_KEYS,ops_per_sec,p99_ns,p999_ns" "$2") ||
		lab_die "cannot pair $1 with $2"
}

# rt_spread PAIRS.csv COLUMN: "MEDIANx (MINx-MAXx)" of the ratio COLUMN.
rt_spread() {
	local med lo hi
	IFS='|' read -r med lo hi <<< "$(mlr --icsv --onidx --ofs '|' \
		stats1 -a median,min,max -f "$2" "$1")"
	echo "$(lab_round "$med")x ($(lab_round "$lo")x-$(lab_round "$hi")x)"
}

# rt_biggest PAIRS.csv: the point whose throughput changed most, either way
# (by the log of the ratio), as "throughput 0.41x at 256 allocs/op, CPUs 2,
# remote free, round 1, p99 2.3x".
rt_biggest() {
	local a c f t p r
	# shellcheck disable=SC2016 # miller's $field
	IFS='|' read -r a c f t p r <<< "$(mlr --icsv --onidx --ofs '|' \
		put '$d = abs(log($tput_ratio))' 'then' sort -nr d 'then' \
		head -n 1 'then' cut -o -f "$RT_KEYS,tput_ratio,p99_ratio,round" "$1")"
	echo "throughput $(lab_round "$t")x at $a allocs/op, CPUs $c, $f free, round $r, p99 $(lab_round "$p")x"
}

# rt_table PAIRS.csv: the points side by side, round after round.
rt_table() {
	local rd a c f b r t b99 r99 b999 r999
	printf "%-5s %-6s %-5s %-7s %10s %10s %6s %9s %9s %9s %9s\n" round allocs \
		cpus free "ops/s" "ops/s rt" ratio "p99 ns" "p99 rt" "p99.9 ns" "p99.9 rt"
	mlr --icsv --onidx --ofs '|' cut -o -f "round,$RT_KEYS,base_ops_per_sec,rt_ops_per_sec,tput_ratio,base_p99_ns,rt_p99_ns,base_p999_ns,rt_p999_ns" "$1" |
		while IFS='|' read -r rd a c f b r t b99 r99 b999 r999; do
			printf "%-5s %-6s %-5s %-7s %10.0f %10.0f %6s %9s %9s %9s %9s\n" \
				"$rd" "$a" "$c" "$f" "$b" "$r" "$(lab_round "$t")" "$b99" \
				"$r99" "$b999" "$r999"
		done
}
