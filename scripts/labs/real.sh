# shellcheck shell=bash
# real: the mimics beside the kernel's own objects.  skb against real_skb
# (alloc_skb/consume_skb) and dentry against real_dentry (d_alloc/dput on
# the module's pseudo filesystem), 1 CPU, local free, at 1 and 64
# allocations per operation (and the null operation, for the net cost).
# Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

# The mimic's cost counts as the real one's when this close (percent).
REAL_WITHIN=20

# real_leaves MIMIC: what the mimic leaves out of its kernel's path.
real_leaves() {
	case $1 in
	skb) echo "alloc_skb() zeroing the head and initialising the shared info, and consume_skb()'s reference drop and skb_release_data()" ;;
	dentry) echo "d_alloc()'s name hash and copy, the memory cgroup and LRU charge, the parent's lock and reference count, and the RCU-deferred free" ;;
	esac
}

# real_line MIMIC ALLOCS: one verdict sentence, from the medians'
# net ns per allocation and their ranges over the runs.
real_line() {
	local mimic=$1 at=$2 m r mmin mmax rmin rmax gap within hold side
	IFS='|' read -r m mmin mmax <<< "$(lab_get "$OUT/real.csv" \
		"$LAB_OK && \$pattern == @p && \$allocs_per_op == $at" -s p="$mimic" \
		net_ns_per_alloc ns_per_alloc_min ns_per_alloc_max)"
	IFS='|' read -r r rmin rmax <<< "$(lab_get "$OUT/real.csv" \
		"$LAB_OK && \$pattern == @p && \$allocs_per_op == $at" -s p="real_$mimic" \
		net_ns_per_alloc ns_per_alloc_min ns_per_alloc_max)"
	if [ -z "$m" ] || [ -z "$r" ]; then
		lab_die "no $mimic/real_$mimic point at $at allocs/op in real.csv"
	fi
	# The gap: how far the mimic's cost is from the real one's, in percent of the real.
	gap=$(awk -v m="$m" -v r="$r" 'BEGIN { if (r > 0) printf "%.0f\n", (m - r) * 100 / r }')
	[ -n "$gap" ] || lab_die "real_$mimic at $at allocs/op: no positive net cost ($r ns)"
	within=$(awk -v g="$gap" -v w="$REAL_WITHIN" 'BEGIN { print (g <= w && g >= -w) ? "yes" : "no" }')
	# Whether the two differ over every run: the gross cost's ranges.
	# shellcheck disable=SC2016 # miller's $field
	mlr --csv filter -s a="$mimic" -s b="real_$mimic" \
		'($pattern == @a || $pattern == @b) && $allocs_per_op == '"$at" \
		"$OUT/real.csv" > "$OUT/pair-$mimic-$at.csv" || lab_die "cannot read real.csv"
	hold=$(lab_claim_text "Gross ns/alloc, real over mimic:" "$(lab_claim \
		"$OUT/pair-$mimic-$at.csv" "real_$mimic" --by pattern --base "$mimic" \
		--metric ns_per_alloc)")
	printf '%s,%s,%s,%s,%s,%s,%s,%s\n' "$mimic" "$at" "$m" "$r" "$gap" "$within" \
		"$mmin-$mmax" "$rmin-$rmax" >> "$OUT/gap.csv"
	# In words: how far the mimic's cost is below or above the real one's.
	side="${gap#-}% below"
	[ "$gap" -ge 0 ] && side="$gap% above"
	if [ "$within" = yes ]; then
		echo "$mimic at $at allocs/op: the mimic costs $(lab_round "$m") ns net per allocation, the real $(lab_round "$r") ns: the mimic is $side the real, within $REAL_WITHIN%. $hold."
	elif [ "$gap" -gt 0 ]; then
		# Dearer than the real: no left-out work explains that.
		echo "$mimic at $at allocs/op: the mimic costs $(lab_round "$m") ns net per allocation, the real $(lab_round "$r") ns: the mimic is $side the real, not within $REAL_WITHIN%, and dearer, which nothing it leaves out explains. $hold."
	else
		echo "$mimic at $at allocs/op: the mimic costs $(lab_round "$m") ns net per allocation, the real $(lab_round "$r") ns: the mimic is $side the real, not within $REAL_WITHIN%; it leaves out $(real_leaves "$mimic"). $hold."
	fi
}

lab_main() {
	local csv=$OUT/real.csv sentences="" p a
	lab_host_note start
	lab_sweep "$OUT/sweep" -- --pattern skb,real_skb,dentry,real_dentry \
		--strategy slab --cpus 1 --free local --allocs 0,1,64 \
		--repeat "$LAB_REPEAT" --duration 200
	lab_host_note end
	cp "$OUT/sweep/sweep.csv" "$csv"
	lab_plot "$csv" "real: mimic and real skb and dentry, 1 CPU, local free ($(lab_kver))"
	echo "pattern,allocs_per_op,mimic_net_ns,real_net_ns,gap_pct,within,mimic_gross_range_ns,real_gross_range_ns" > "$OUT/gap.csv"
	for p in skb dentry; do
		for a in 1 64; do
			sentences="$sentences $(real_line "$p" "$a")"
		done
	done
	column -s, -t < "$OUT/gap.csv" > "$OUT/table.txt"
	lab_verdict "${sentences# }"
}
