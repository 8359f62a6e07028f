# shellcheck shell=bash
# pinned: a few long-lived dentries keep most of the slabs they sit in.
# Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

# pinned_rows: pinned.csv's rows from the guest's samples (t_ms: when in
# the run, by the module's clock, elapsed_ns; the steps after it count on
# by 1; phase; live_objects: allocated and not freed by the module, the
# survivors and during the run the objects of operations in flight;
# cache_objects: SLUB's "objects", which also counts the free objects of
# per-CPU slabs; slabs, partial, slab_kb, object_size of the cache;
# sreclaimable_kb).
pinned_rows() {
	local n t=0 ph recl dir=$OUT/samples
	echo "t_ms,phase,live_objects,cache_objects,slabs,partial,slab_kb,object_size,sreclaimable_kb"
	while read -r n _ ph recl; do
		if [ "$ph" = run ]; then
			t=$(jq '.stats.elapsed_ns / 1000000 | floor' "$dir/stats-$n.json") ||
				lab_die "cannot read samples/stats-$n.json"
		elif [ "$n" != 0 ]; then
			t=$((t + 1))
		fi
		jq -rn --slurpfile st "$dir/stats-$n.json" --slurpfile sl "$dir/slabs-$n.json" \
			--argjson t "$t" --arg ph "$ph" --argjson recl "${recl:-null}" '
			$st[0].stats as $s | $sl[0].caches[0] as $c |
			[$t, $ph, $s.allocs - $s.frees, $c.objects, $c.slabs, $c.partial,
			 $c.slab_bytes / 1024, $c.object_size, $recl] | @csv' ||
			lab_die "cannot read sample $n (samples/stats-$n.json, slabs-$n.json)"
	done < "$dir/samples.txt"
}

# pinned_dat CSV: the plot's rows, "x label slab_kb live_kb objects_kb
# sreclaimable_kb": run samples labelled by their time, the steps after
# the run by what was done.  Live memory is live_objects x object_size.
pinned_dat() {
	# shellcheck disable=SC2016 # miller's $field
	mlr --icsv --onidx --ofs ' ' put '
		$x = NR - 1;
		$label = "\"" . ($phase == "run" ? fmtnum($t_ms / 1000, "%.1f") . " s" : $phase) . "\"";
		$live_kb = fmtnum($live_objects * $object_size / 1024, "%.1f");
		$objects_kb = fmtnum($cache_objects * $object_size / 1024, "%.1f")' \
		'then' cut -o -f x,label,slab_kb,live_kb,objects_kb,sreclaimable_kb "$1"
}

# pinned_at CSV PHASE COLUMN...: the columns of the phase's sample.
pinned_at() {
	local csv=$1 ph=$2
	shift 2
	# shellcheck disable=SC2016 # miller's $field
	lab_get "$csv" '$phase == @ph' -s ph="$ph" "$@"
}

# Survivors kept per CPU (survivors_max); PINNED_SURVIVORS=128 make
# lab-pinned for the page's question 3.
PINNED_SURVIVORS=${PINNED_SURVIVORS:-256}
[[ $PINNED_SURVIVORS =~ ^[1-9][0-9]*$ ]] ||
	lab_die "PINNED_SURVIVORS '$PINNED_SURVIVORS': not a count"

lab_main() {
	local csv=$OUT/pinned.csv sep n size held objs peak shrunk freed
	lab_host_note start
	lab_guest pinned.guest.sh SURVIVE_EVERY=16 SURVIVORS="$PINNED_SURVIVORS" \
		DURATION_MS=3000 ||
		lab_die "the guest script failed"
	lab_host_note end
	[ -s "$OUT/samples/samples.txt" ] || lab_die "no samples/samples.txt came back"
	pinned_rows | mlr --csv cat > "$csv" || lab_die "cannot write $csv"
	pinned_dat "$csv" > "$OUT/pinned.dat"
	# The dotted line between the last run sample and the steps after it.
	sep=$(awk '/ s" / { x = $1 } END { print x + 0.5 }' "$OUT/pinned.dat")
	lab_gnuplot pinned.gp dat="$OUT/pinned.dat" sep="$sep" \
		title="pinned: dentry slabs held by survivors ($(lab_kver))"
	IFS='|' read -r n size held objs <<< "$(pinned_at "$csv" after-run \
		live_objects object_size slab_kb cache_objects)"
	[ -n "$n" ] || lab_die "no after-run sample in $csv"
	# survive_every is written before slabwall run, which has no option
	# for it: a run that reset it would keep nothing.
	[ "$n" -gt 0 ] || lab_die "the run kept no survivors (samples/run.json)"
	# shellcheck disable=SC2016 # miller's $field
	peak=$(mlr --icsv --onidx filter '$phase == "run"' 'then' stats1 -a max \
		-f slab_kb "$csv")
	shrunk=$(pinned_at "$csv" after-shrink slab_kb)
	freed=$(pinned_at "$csv" freed-and-shrunk slab_kb)
	awk -v n="$n" -v size="$size" -v held="$held" -v objs="$objs" \
		-v peak="${peak:-0}" -v shrunk="$shrunk" -v freed="$freed" 'BEGIN {
		live = n * size / 1024
		printf "%d survivors of %d bytes are %.0f KiB live after the run. ", n, size, live
		printf "They hold %d KiB of slabs, %.1fx their memory. ", held, live ? held / live : 0
		printf "SLUB counts %d objects in use, which includes the free objects of per-CPU slabs. ", objs
		printf "Slab memory peaked at %d KiB during the run. ", peak
		printf "Shrink gave back %d KiB. ", held - shrunk
		printf "Freeing the survivors and shrinking gave back %d KiB more.\n", shrunk - freed
	}' > "$OUT/verdict.raw"
	lab_verdict "$(cat "$OUT/verdict.raw")"
	rm -f "$OUT/verdict.raw"
}
