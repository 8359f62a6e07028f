# shellcheck shell=bash
# merge: the module loaded with mergeable=1 lets SLUB merge its caches
# into others of the same size and flags; the name slabwall_skbuff_head
# then leads to a shared cache whose numbers are not slabwall's.  Booted
# twice, named (the default) and merged.  Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

# merge_rows MODE: the boot's steps as CSV rows (mode, step, phase,
# slabwall_objects: the survivors slabwall held, cache_objects and
# cache_slabs: what the name reports, cache: the cache it leads to,
# aliases: how many names lead there), from the guest's slabwall slabs
# --json of each step in OUT/MODE/; MODE-aliases.txt lists those names.
merge_rows() {
	local mode=$1 step phase held=0 j dir=$OUT/$1
	j=$dir/0.json
	[ -s "$j" ] || lab_die "no $mode/0.json came back"
	jq -r '.caches[0].aliases[]' "$j" > "$OUT/$mode-aliases.txt" ||
		lab_die "cannot read $j"
	while read -r step phase; do
		j=$dir/$step.json
		held=0
		if [[ $phase == "slabwall holds"* ]]; then
			held=$(jq '.stats.survivors' "$dir/run.json") ||
				lab_die "cannot read $mode/run.json"
			[ "$held" -gt 0 ] 2> /dev/null ||
				lab_die "the $mode run kept no survivors ($mode/run.json)"
		fi
		jq -r --arg mode "$mode" --arg phase "$phase" --argjson step "$step" \
			--argjson held "$held" '.caches[0] | [$mode, $step, $phase,
			$held, .objects, .slabs, .name, (.aliases | length)] | @csv' \
			"$j" || lab_die "cannot read $j"
	done < "$dir/steps.txt"
}

# merge_objects MODE STEP [COLUMN]: the name's objects (or COLUMN) there.
merge_objects() {
	lab_get "$OUT/merge.csv" "\$mode == \"$1\" && \$step == $2" "${3:-cache_objects}"
}

lab_main() {
	local csv=$OUT/merge.csv mode args i n ph
	local real others idle busy held keep named_idle named_busy
	lab_host_note start
	for mode in named merged; do
		args=""
		[ $mode = merged ] && args=mergeable=1
		lab_vm --modargs "$args" --add "$LABS/merge.guest.sh:/root/merge.guest.sh" -- \
			env MODE=$mode sh /root/merge.guest.sh ||
			lab_die "the $mode boot failed"
		[ -s "$OUT/$mode/steps.txt" ] || lab_die "no $mode/steps.txt came back"
	done
	lab_host_note end
	{
		echo "mode,step,phase,slabwall_objects,cache_objects,cache_slabs,cache,aliases"
		merge_rows named
		merge_rows merged
	} | mlr --csv cat > "$csv" || lab_die "cannot write $csv"
	# The plot's bars: one line per step, both boots side by side.
	n=$(wc -l < "$OUT/named/steps.txt")
	for ((i = 0; i < n; i++)); do
		ph=$(merge_objects named $i phase)
		printf '%s\t%s\t%s\t%s\n' "$ph" "$(merge_objects named $i)" \
			"$(merge_objects merged $i)" "$(merge_objects merged $i slabwall_objects)"
	done > "$OUT/merge.dat"
	lab_gnuplot merge.gp dat="$OUT/merge.dat" title="merge: what /sys/kernel/slab/slabwall_skbuff_head/objects says ($(lab_kver))"

	real=$(merge_objects merged 0 cache)
	idle=$(merge_objects merged 0)
	busy=$(( $(merge_objects merged 1) - idle ))
	held=$(merge_objects merged 3)
	keep=$(merge_objects merged 3 slabwall_objects)
	named_idle=$(merge_objects named 0)
	named_busy=$(( $(merge_objects named 1) - named_idle ))
	[ "$real" != slabwall_skbuff_head ] ||
		lab_die "with mergeable=1 slabwall_skbuff_head was not merged (see merged-slabs.txt)"
	others=$(grep -vx slabwall_skbuff_head "$OUT/merged-aliases.txt" | paste -sd ' ')
	lab_verdict "slabwall_skbuff_head became an alias of $real, shared with" \
		"$(wc -w <<< "$others") other caches ($others): it reports $idle objects" \
		"while slabwall holds none, $busy more with 64 idle processes, $held while" \
		"slabwall holds $keep (named: $named_idle, +$named_busy)"
}
