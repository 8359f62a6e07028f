# shellcheck shell=bash
# fixes: the same work with the allocator called less: one bulk call per
# operation, a per-CPU pool, one arena per operation, an arena whose block
# is kept, against one call per object; and the kernel's mempool, which
# calls the allocator as often and keeps a reserve for when it fails.
# skb and dentry, local, remote and RCU-deferred free (arena_keep refuses
# remote, and only slab and bulk take rcu: the points refused are marked
# so), on all CPUs.  Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

FIXES_AT=64
FIXES_STRATEGIES=slab,bulk,pool,arena,mempool,arena_keep
FIXES_FREE=local,remote,rcu

lab_main() {
	local p verdict=""
	mkdir -p "$OUT/skb" "$OUT/dentry" "$OUT/decide"
	lab_host_note start
	# One boot, two sweeps: each pattern gets its own CSV and plot.  A
	# third repeats the verdict's points, skb at FIXES_AT, LAB_REPEAT times.
	# shellcheck disable=SC2016 # the guest's shell expands $p
	lab_vm -- sh -c 'for p in skb dentry; do
		slabwall sweep --pattern $p --strategy "$3" \
			--free "$4" --cpus all --allocs 0,1,8,64,256 \
			--repeat 3 --duration 200 --progress lines \
			--out "${LAB_OUT:-/out}/$p" > /dev/null || exit 1
	done
	slabwall sweep --pattern skb --strategy "$3" \
		--free "$4" --cpus all --allocs "$1" --repeat "$2" \
		--duration 200 --progress lines --out "${LAB_OUT:-/out}/decide" > /dev/null' \
		fixes "$FIXES_AT" "$LAB_REPEAT" "$FIXES_STRATEGIES" "$FIXES_FREE" ||
		lab_die "the sweeps failed"
	[ -s "$OUT/decide/sweep.csv" ] || lab_die "no deciding sweep.csv came back"
	cp "$OUT/decide/sweep.csv" "$OUT/fixes-decide.csv"
	for p in skb dentry; do
		[ -s "$OUT/$p/sweep.csv" ] || lab_die "no $p sweep.csv came back"
		cp "$OUT/$p/sweep.csv" "$OUT/fixes-$p.csv"
		"$SLABWALL" plot "$OUT/fixes-$p.csv" -o "$OUT/fixes-$p.svg" \
			-o "$OUT/fixes-$p.png" \
			--title "fixes: $p, ${FIXES_STRATEGIES//,/ }, all CPUs ($(lab_kver))" \
			> /dev/null || lab_die "plotting $p failed"
		{ echo "$p:"; "$SLABWALL" compare "$OUT/fixes-$p.csv" --by strategy \
			--base slab --at allocs_per_op=$FIXES_AT; } >> "$OUT/compare.txt" ||
			lab_die "slabwall compare failed on $p"
	done
	lab_host_note end
	# The verdict: skb, local, remote, then rcu, each strategy against slab,
	# each "higher" or "lower" only when it holds over every run.
	verdict=$("$SLABWALL" compare "$OUT/fixes-decide.csv" --by strategy \
		--base slab --at allocs_per_op=$FIXES_AT --brief --decide) ||
		lab_die "slabwall compare failed"
	# shellcheck disable=SC2001 # one substitution per line
	verdict=$(sed 's/^allocs_per_op=[0-9]* free=//' <<< "$verdict" | paste -sd ';')
	lab_verdict "skb at $FIXES_AT allocs/op on $(lab_get "$OUT/fixes-decide.csv" "$LAB_OK" ncpus) CPUs," \
		"throughput vs slab (range over $LAB_REPEAT runs, higher/lower only" \
		"when the ranges do not overlap): ${verdict//;/; }"
}
