# shellcheck shell=bash
# rt: the same sweep on Debian's 6.12 and on its PREEMPT_RT build, where
# SLUB's per-CPU fast path runs under a local lock (a per-CPU sleeping
# lock) instead of with interrupts or preemption off.  skb, 1 to 256
# allocs/op, 1 and 2 CPUs, local and remote free; throughput, p99 and
# p99.9 side by side.  --kernel is ignored: the lab boots both.  Sourced
# by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

RT_KERNELS=(6.12 6.12-rt)
RT_KEYS=allocs_per_op,cpus_spec,free

lab_main() {
	local k
	for k in "${RT_KERNELS[@]}"; do
		sw_kernel_image "$k" > /dev/null ||
			lab_die "no kernel '$k' installed (make deps)"
	done
	# scripts/lab wrote the default kernel's line: the lab boots both.
	for k in "${RT_KERNELS[@]}"; do
		echo "booted: $k ($(KERNEL=$k lab_kver))"
	done >> "$OUT/host.txt"
	lab_host_note start
	# One boot after the other: a host whose load changes in between
	# shows it as a difference of the kernels (lab_host_note says so).
	for k in "${RT_KERNELS[@]}"; do
		KERNEL=$k lab_sweep "$OUT/$k" -- --pattern skb --strategy slab \
			--cpus 1,2 --free local,remote \
			--allocs 1,2,4,8,16,32,64,128,256 \
			--repeat "$LAB_REPEAT" --duration 200
		lab_columns "$OUT/$k/sweep.csv" allocs_per_op cpus_spec free \
			status ops_per_sec ops_per_sec_min ops_per_sec_max \
			p99_ns p999_ns
	done
	lab_host_note end
	rt_verdict
}

# rt_verdict: from the two boots' sweeps in OUT, the files the page names
# and the verdict line.
rt_verdict() {
	local csv=$OUT/rt.csv n tput p99 p999 dec biggest
	{
		lab_tag "$OUT/6.12/sweep.csv" kernel=6.12
		lab_tag --rows "$OUT/6.12-rt/sweep.csv" kernel=6.12-rt
	} > "$csv"
	"$SLABWALL" plot "$OUT/6.12/sweep.csv" "$OUT/6.12-rt/sweep.csv" \
		--label 6.12 --label 6.12-rt \
		--title "rt: skb on 6.12 and 6.12-rt (PREEMPT_RT)" \
		-o "$OUT/$NAME.svg" -o "$OUT/$NAME.png" > /dev/null ||
		lab_die "plotting failed"
	rt_pairs "$OUT/6.12/sweep.csv" "$OUT/6.12-rt/sweep.csv" > "$OUT/pairs.csv"
	rt_table "$OUT/pairs.csv" > "$OUT/table.txt"
	# Each point's throughput decided over the runs (min/max of each side).
	"$SLABWALL" compare "$csv" --by kernel --base 6.12 --decide \
		--tail none > "$OUT/decide.txt" 2> /dev/null ||
		lab_die "slabwall compare found nothing to compare in $csv"
	n=$(mlr --icsv --ojson count "$OUT/pairs.csv" | jq '.[0].count // 0')
	[ "$n" -gt 0 ] || lab_die "no point ran on both kernels ($OUT/pairs.csv)"
	tput=$(rt_spread "$OUT/pairs.csv" tput_ratio)
	p99=$(rt_spread "$OUT/pairs.csv" p99_ratio)
	p999=$(rt_spread "$OUT/pairs.csv" p999_ratio)
	dec="lower at $(rt_count lower) points, higher at $(rt_count higher),"
	dec="$dec inconclusive at $(rt_count inconclusive) over the runs"
	biggest=$(rt_biggest "$OUT/pairs.csv")
	lab_verdict "On 6.12-rt against 6.12 (skb, 1-256 allocs/op, 1 and 2 CPUs," \
		"local and remote free, $n points):" \
		"throughput ${tput} ($dec);" \
		"p99 ${p99}; p99.9 ${p999} (median over the points, min-max)." \
		"Furthest from 6.12: $biggest."
}

# rt_count DECISION: the points decide.txt decided so (0 when none).
rt_count() {
	awk -v d="$1" 'index($0, ": " d ":") { n++ } END { print n + 0 }' "$OUT/decide.txt"
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
# remote free, p99 2.3x".
rt_biggest() {
	local a c f t p
	# shellcheck disable=SC2016 # miller's $field
	IFS='|' read -r a c f t p <<< "$(mlr --icsv --onidx --ofs '|' \
		put '$d = abs(log($tput_ratio))' 'then' sort -nr d 'then' \
		head -n 1 'then' cut -o -f "$RT_KEYS,tput_ratio,p99_ratio" "$1")"
	echo "throughput $(lab_round "$t")x at $a allocs/op, CPUs $c, $f free, p99 $(lab_round "$p")x"
}

# rt_table PAIRS.csv: the points side by side.
rt_table() {
	local a c f b r t b99 r99 b999 r999
	printf "%-6s %-5s %-7s %10s %10s %6s %9s %9s %9s %9s\n" allocs cpus free \
		"ops/s" "ops/s rt" ratio "p99 ns" "p99 rt" "p99.9 ns" "p99.9 rt"
	mlr --icsv --onidx --ofs '|' cut -o -f "$RT_KEYS,base_ops_per_sec,rt_ops_per_sec,tput_ratio,base_p99_ns,rt_p99_ns,base_p999_ns,rt_p999_ns" "$1" |
		while IFS='|' read -r a c f b r t b99 r99 b999 r999; do
			printf "%-6s %-5s %-7s %10.0f %10.0f %6s %9s %9s %9s %9s\n" "$a" "$c" \
				"$f" "$b" "$r" "$(lab_round "$t")" "$b99" "$r99" "$b999" "$r999"
		done
}
