#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Lifecycle stress, KTAP: start/stop cycles with random valid
# configurations (a stop racing the natural end, reset and knob writes
# during a run), insmod/rmmod cycles, and rmmod during a run of every
# strategy.  stress_lifecycle.sh [--quick] [--seed S]: 1000 cycles and
# 100 loads, or 100 and 10.

# shellcheck source=selftests/slabwall/stress_lib.sh
. "$(dirname "$0")/stress_lib.sh"
ko=/lib/modules/slabwall.ko
cycles=1000
loads=100
if [ "$quick" = 1 ]; then
	cycles=100
	loads=10
fi
last=$(($(grep -c '^processor' /proc/cpuinfo) - 1))

ktap_begin lifecycle 6
echo "# seed $seed: $cycles cycles, $loads loads"

# One line per cycle: pattern strategy allocs cpus free survive_every
# survivors_max duration_ms action sleep.  Valid by construction.
awk -v seed="$seed" -v n="$cycles" -v last="$last" 'BEGIN {
	srand(seed)
	split("skb dentry kmalloc", pat); split("slab bulk pool arena", str)
	split("wait stop race reset knob", act)
	split("0 " last " 0-" last, cpus)
	for (i = 0; i < n; i++) {
		s = str[1 + int(rand() * 4)]; p = pat[1 + int(rand() * 3)]
		if (s == "bulk" && p == "kmalloc") p = "skb"
		sv = (s == "slab" || s == "bulk") && rand() < 0.3 ? 1 + int(rand() * 8) : 0
		dur = 1 + int(rand() * 40)
		printf "%s %s %d %s %s %d %d %d %s %.3f\n", p, s,
			rand() < 0.1 ? 256 : int(rand() * 65), cpus[1 + int(rand() * 3)],
			rand() < 0.5 ? "local" : "remote", sv, 1 + int(rand() * 64),
			dur, act[1 + int(rand() * 5)], dur * rand() * 2 / 1000
	}
}' > "$tmp/plan"

cfg_bad=0 start_bad=0 busy_bad=0 acct_bad=0 e2big=0 i=0
while read -r p s a c f sv sm dur act pause; do
	i=$((i + 1))
	for kv in survive_every=0 pattern=skb strategy="$s" pattern="$p" \
		allocs_per_op="$a" cpus="$c" free="$f" duration_ms="$dur" \
		survivors_max="$sm" survive_every="$sv"; do
		put "${kv#*=}" "${kv%%=*}" && continue
		cfg_bad=$((cfg_bad + 1))
		echo "# cycle $i: ${kv%%=*} ${kv#*=}: $err"
	done
	if ! put start control; then
		# A random config may be over the memory limit (an arena per
		# ring slot with remote free): refused, it changes nothing.
		if is_e2big; then
			e2big=$((e2big + 1))
			continue
		fi
		start_bad=$((start_bad + 1))
		echo "# cycle $i: start: $err"
		continue
	fi
	case $act in
	wait) wait_done 60 ;;
	stop) put stop control ;;
	race) sleep "$pause"; put stop control ;;
	# A refusal must be EBUSY; taken, the run had ended (and reset to idle).
	reset)
		if put reset control; then
			[ "$(state)" = idle ] || { busy_bad=$((busy_bad + 1)); echo "# cycle $i: reset taken, state $(state)"; }
		elif ! is_busy; then
			busy_bad=$((busy_bad + 1))
			echo "# cycle $i: reset during a run: $err"
		fi ;;
	knob)
		if put 4096 allocs_per_op; then
			[ "$(state)" = "done" ] || { busy_bad=$((busy_bad + 1)); echo "# cycle $i: knob taken while $(state)"; }
		elif ! is_busy; then
			busy_bad=$((busy_bad + 1))
			echo "# cycle $i: knob during a run: $err"
		fi ;;
	esac
	put stop control
	st=$(state)
	case $st in
	done) accounts || { acct_bad=$((acct_bad + 1)); echo "# cycle $i: $p $s $a $c $f $sv"; } ;;
	idle) [ "$act" = reset ] || { start_bad=$((start_bad + 1)); echo "# cycle $i: idle after $act"; } ;;
	*) start_bad=$((start_bad + 1)); echo "# cycle $i: state $st after stop" ;;
	esac
done < "$tmp/plan"
result $cfg_bad "lifecycle.valid_configs_accepted"
result $start_bad "lifecycle.start_stop_cycles"
result $busy_bad "lifecycle.reset_and_knobs_refused_while_running"
result $acct_bad "lifecycle.every_run_accounts"
figure start_stop_cycles "$i"
figure starts_refused_e2big "$e2big"

# insmod/rmmod, every other time with a run going.
bad=0
for i in $(seq "$loads"); do
	if [ $((i % 2)) = 0 ]; then
		put 60000 duration_ms && put start control || bad=$((bad + 1))
	fi
	rmmod slabwall || { bad=$((bad + 1)); echo "# load $i: rmmod failed"; break; }
	[ ! -e $d ] || { bad=$((bad + 1)); echo "# load $i: $d left after rmmod"; }
	insmod $ko || { bad=$((bad + 1)); echo "# load $i: insmod failed"; break; }
	[ "$(state)" = idle ] || { bad=$((bad + 1)); echo "# load $i: not idle after insmod"; }
done
result $bad "lifecycle.insmod_rmmod_cycles"
figure module_loads "$i"

# rmmod while each strategy runs, freeing locally and remotely.
bad=0
for s in slab bulk pool arena; do
	for f in local remote; do
		if ! { put skb pattern && put "$s" strategy && put "$f" free &&
			put 64 allocs_per_op && put 60000 duration_ms &&
			put start control; }; then
			bad=$((bad + 1))
			echo "# $s $f: $err"
		fi
		sleep 0.3
		[ "$(state)" = running ] || { bad=$((bad + 1)); echo "# $s $f: not running"; }
		rmmod slabwall || { bad=$((bad + 1)); echo "# $s $f: rmmod failed"; }
		insmod $ko || { bad=$((bad + 1)); echo "# $s $f: insmod failed"; break 2; }
	done
done
result $bad "lifecycle.rmmod_during_a_run_of_every_strategy"
ktap_end
