# shellcheck shell=bash
# pinned: a few long-lived dentries keep most of the slabs they sit in.
# Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

# pinned_dat CSV: the plot's rows, "x label slab_kb live_kb objects_kb
# sreclaimable_kb": run samples labelled by their time, the steps after
# the run by what was done.  Live memory is live_objects x object_size.
pinned_dat() {
	lab_csv "$1" '
		function kb(n) { return n * v("object_size") / 1024 }
		{
			label = v("phase") == "run" ? sprintf("%.1f s", v("t_ms") / 1000) : v("phase")
			if (v("phase") == "before") label = "before"
			printf "%d \"%s\" %s %.1f %.1f %s\n", NR - 2, label, v("slab_kb"),
			       kb(v("live_objects")), kb(v("cache_objects")), v("sreclaimable_kb")
		}'
}

lab_main() {
	local csv=$OUT/pinned.csv sep
	lab_host_note start
	lab_guest pinned.guest.sh SURVIVE_EVERY=16 SURVIVORS=256 DURATION_MS=3000 ||
		lab_die "the guest script failed"
	lab_host_note end
	[ -s "$csv" ] || lab_die "no pinned.csv came back"
	pinned_dat "$csv" > "$OUT/pinned.dat"
	# The dotted line between the last run sample and the steps after it.
	sep=$(awk '/ s" / { x = $1 } END { print x + 0.5 }' "$OUT/pinned.dat")
	lab_gnuplot pinned.gp dat="$OUT/pinned.dat" sep="$sep" \
		title="pinned: dentry slabs held by survivors ($(lab_kver))"
	lab_csv "$csv" '
		function kb(n) { return n * v("object_size") / 1024 }
		v("phase") == "run" && v("slab_kb") > peak { peak = v("slab_kb") }
		v("phase") == "after-run" {
			n = v("live_objects"); live = kb(n); held = v("slab_kb")
			objs = v("cache_objects"); size = v("object_size")
		}
		v("phase") == "after-shrink" { shrunk = v("slab_kb") }
		v("phase") == "freed-and-shrunk" { freed = v("slab_kb") }
		END {
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
