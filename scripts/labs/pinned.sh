# shellcheck shell=bash
# pinned: a few long-lived dentries keep most of the slabs they sit in.
# Sourced by scripts/lab.
lab_main() {
	lab_guest pinned.guest.sh SURVIVE_EVERY=16 SURVIVORS=256 DURATION_MS=3000
	local csv=$OUT/pinned.csv
	[ -s "$csv" ] || { echo "pinned: no CSV came back (see $OUT/console.log)" >&2; exit 1; }
	gnuplot -e "csv='$csv'; out='$OUT/pinned'" "$LABS/pinned.gp"
	# Columns: t_ms,phase,live,objs,slabs,partial,slab_kb,live_kb,sreclaimable_kb
	awk -F, '
		$2 == "run" && $7 > peak { peak = $7 }
		$2 == "after-run" { live = $8; held = $7; n = $3 }
		$2 == "after-shrink" { shrunk = $7 }
		$2 == "freed-and-shrunk" { freed = $7 }
		END {
			printf "%d survivors (%d KiB live) hold %d KiB of slabs after the run (%.1fx, peak %d KiB); " \
				"shrink gave back %d KiB, freeing the survivors %d KiB more\n",
				n, live, held, live ? held / live : 0, peak, held - shrunk, shrunk - freed
		}' "$csv" > "$OUT/verdict.raw"
	lab_verdict "$(cat "$OUT/verdict.raw")"
}
