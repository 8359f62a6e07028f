# shellcheck shell=bash
# merge: the module loaded with mergeable=1 lets SLUB merge its caches
# into others of the same size and flags; the name slabwall_skbuff_head
# then leads to a shared cache whose numbers are not slabwall's.  Booted
# twice, named (the default) and merged.  Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

lab_main() {
	local csv=$OUT/merge.csv mode args line
	local real others idle busy held keep named_idle named_busy
	lab_host_note start
	for mode in named merged; do
		args=""
		[ $mode = merged ] && args=mergeable=1
		lab_vm --modargs "$args" --add "$LABS/merge.guest.sh:/root/merge.guest.sh" -- \
			env MODE=$mode sh /root/merge.guest.sh ||
			lab_die "the $mode boot failed"
		[ -s "$OUT/$mode.csv" ] || lab_die "no $mode.csv came back"
	done
	lab_host_note end
	{ cat "$OUT/named.csv"; sed 1d "$OUT/merged.csv"; } > "$csv"
	# The plot's bars: one line per step, both boots side by side.
	lab_csv "$csv" '
		{ ph[v("step")] = v("phase"); o[v("mode"), v("step")] = v("cache_objects")
		  if (v("mode") == "merged") h[v("step")] = v("slabwall_objects")
		  if (v("step") > n) n = v("step") }
		END { for (i = 0; i <= n; i++) printf "%s\t%s\t%s\t%s\n", ph[i], o["named", i], o["merged", i], h[i] }' > "$OUT/merge.dat"
	lab_gnuplot merge.gp dat="$OUT/merge.dat" title="merge: what /sys/kernel/slab/slabwall_skbuff_head/objects says ($(lab_kver))"

	line=$(lab_csv "$csv" '
		{ o[v("mode"), v("step")] = v("cache_objects"); h[v("mode"), v("step")] = v("slabwall_objects") }
		v("mode") == "merged" { real = v("cache"); n = v("aliases") }
		END {
			OFS = "|"
			print real, n, o["merged", 0], o["merged", 1] - o["merged", 0],
			      o["merged", 3], h["merged", 3], o["named", 0], o["named", 1] - o["named", 0]
		}')
	IFS='|' read -r real others idle busy held keep named_idle named_busy <<< "$line"
	[ "$real" != slabwall_skbuff_head ] ||
		lab_die "with mergeable=1 slabwall_skbuff_head was not merged (see merged-slabs.txt)"
	others=$(grep -vx slabwall_skbuff_head "$OUT/merged-aliases.txt" | paste -sd ' ')
	lab_verdict "slabwall_skbuff_head became an alias of $real, shared with" \
		"$(wc -w <<< "$others") other caches ($others): it reports $idle objects" \
		"while slabwall holds none, $busy more with 64 idle processes, $held while" \
		"slabwall holds $keep (named: $named_idle, +$named_busy)"
}
