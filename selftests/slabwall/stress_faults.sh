#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Injected allocation failures (fail_every) across every strategy,
# pattern and free mode, KTAP: every run completes, counts its failures
# and accounts for every object; with every call failing nothing
# completes, but for a mempool's reserve (and a pool that does not call).  stress_faults.sh [--quick]: fail_every 1 2 3 7 50, or 1 7.

# shellcheck source=selftests/slabwall/stress_lib.sh
. "$(dirname "$0")/stress_lib.sh"
every="1 2 3 7 50"
dur=100
if [ "$quick" = 1 ]; then
	every="1 7"
	dur=50
fi

ktap_begin faults 4
start_bad=0 count_bad=0 acct_bad=0 none_bad=0 runs=0 faults=0 x=0
for s in slab bulk pool arena mempool arena_keep; do
	for p in skb dentry kmalloc; do
		[ "$s/$p" = bulk/kmalloc ] && continue
		for f in local remote; do
			# A kept arena's objects are reset by their owner: local only.
			[ "$s/$f" = arena_keep/remote ] && continue
			for e in $every; do
				# Vary the rest: data buffers, long names, survivors.
				x=$((x + 1))
				sv=0
				case $s in slab|bulk) sv=$((x % 3)) ;; esac
				echo reset > $d/control
				if ! { put "$p" pattern && put "$s" strategy &&
					put "$f" free &&
					put $((x % 2 * 1500)) data_size &&
					put $((20 + x % 2 * 40)) name_len &&
					put $((8 + x % 5 * 500)) object_size &&
					put 16 allocs_per_op && put "$dur" duration_ms &&
					put "$sv" survive_every && put "$e" fail_every; }; then
					start_bad=$((start_bad + 1))
					echo "# $s $p $f $e: $err"
					continue
				fi
				if ! put start control; then
					# A pool is filled at start: an injected failure is ENOMEM.
					case $s/$err in
					pool/*"memory"*) continue ;;
					esac
					start_bad=$((start_bad + 1))
					echo "# $s $p $f fail_every $e: start: $err"
					continue
				fi
				wait_done 60 || { start_bad=$((start_bad + 1)); echo "# $s $p $f $e: still running"; }
				runs=$((runs + 1))
				accounts || { acct_bad=$((acct_bad + 1)); echo "# $s $p $f fail_every $e"; }
				nf=$(mstat alloc_failures)
				faults=$((faults + nf))
				# pool does not call the allocator once filled, arena_keep
				# once per worker; a mempool's reserve takes the failures.
				case $s in
				slab|bulk|arena)
					if [ "$nf" = 0 ]; then
						count_bad=$((count_bad + 1))
						echo "# $s $p $f fail_every $e: no failure counted"
					fi ;;
				esac
				if [ "$e" = 1 ] && [ "$s" != pool ] && [ "$s" != mempool ] &&
					[ "$(mstat ops)" != 0 ]; then
					none_bad=$((none_bad + 1))
					echo "# $s $p $f: $(mstat ops) ops with every call failing"
				fi
			done
		done
	done
done
echo reset > $d/control
result $start_bad "faults.every_run_starts_and_ends"
result $count_bad "faults.injected_failures_counted"
result $acct_bad "faults.every_run_accounts"
result $none_bad "faults.nothing_completes_when_every_call_fails"
figure fault_runs "$runs"
figure faults_survived "$faults"
ktap_end
