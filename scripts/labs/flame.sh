# shellcheck shell=bash
# flame: the kernel's own flame graph of an operation that does some work
# and allocates, once and 64 times: perf samples in the VM, folded and
# drawn by slabwall flame, the allocator's share set against the module's
# clock (alloc_share_pct).  Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

FLAME_ALLOCS="1 64"

# flame_field FILE REGEX: the first group of REGEX in a verdict line.
flame_field() {
	sed -nE "s/.*$2.*/\\1/p" "$1" | head -n 1
}

# flame_phases FOLDED: the percent of slabwall's kthread samples inside the
# slab strategy's alloc and free calls, call sites included: the part of
# an operation the module's clock calls the allocator's.
flame_phases() {
	awk '{ n = $NF; s = $0; sub(/ [0-9]+$/, "", s) }
		s ~ /^slabwall\/\*;/ {
			all += n
			if (s ~ /;sw_slab_(alloc_op|free_units|local_ops)(;|$)/) ph += n
		}
		END { if (all) printf "%.1f\n", 100 * ph / all }' "$1"
}

lab_main() {
	local n f alloc work wider module apart se phases verdict=""
	lab_host_note start
	lab_vm --perf --add "$LABS/flame.guest.sh:/root/flame.guest.sh" -- \
		env ALLOCS="$FLAME_ALLOCS" sh /root/flame.guest.sh ||
		lab_die "slabwall flame failed in the guest"
	lab_host_note end
	for n in $FLAME_ALLOCS; do
		for f in verdict-$n.txt flame-$n.svg flame-$n.folded; do
			[ -s "$OUT/$f" ] || lab_die "no $f came back"
		done
		f=$OUT/verdict-$n.txt
		if command -v xmllint > /dev/null; then
			xmllint --noout "$OUT/flame-$n.svg" || lab_die "flame-$n.svg is not well-formed XML"
		fi
		alloc=$(flame_field "$f" 'allocator ([0-9.]+)%')
		work=$(flame_field "$f" 'work ([0-9.]+)%')
		wider=$(flame_field "$f" 'are ([0-9.]+)x as wide')
		module=$(flame_field "$f" "alloc_share_pct ([0-9.]+)%")
		apart=$(flame_field "$f" '%, ([0-9.]+ points (above|below))')
		se=$(flame_field "$f" 'sampling error \+-([0-9.]+)')
		phases=$(flame_phases "$OUT/flame-$n.folded")
		if [ -z "$alloc" ] || [ -z "$module" ]; then
			lab_die "cannot read $f: $(cat "$f")"
		fi
		verdict="${verdict:+$verdict; }at $n allocs/op the allocator is $alloc% of"
		verdict="$verdict slabwall's samples, the work $work% (${wider:-?}x as wide),"
		verdict="$verdict alloc_share_pct $module% ($apart the allocator's frames,"
		verdict="$verdict sampling error +-$se;"
		verdict="$verdict ${phases:-?}% of the samples in the alloc and free calls)"
	done
	lab_verdict "$verdict"
}
