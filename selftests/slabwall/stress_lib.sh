# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# What the stress scripts share (sourced, POSIX sh for busybox): their
# options, knob writes that say why they failed, waiting for a run, the
# accounting check and the "# figure KEY VALUE" lines scripts/stress
# collects into its table.

# shellcheck source=selftests/slabwall/ktap_lib.sh
. "$(dirname "$0")/ktap_lib.sh"

# --quick: the reduced form; --seed S: the random choices (printed).
quick=0
seed=$(date +%s)
while [ $# -gt 0 ]; do
	# shellcheck disable=SC2034 # used by the scripts that source this
	case $1 in
	--quick) quick=1; shift ;;
	--seed) seed=$2; shift 2 ;;
	*) break ;;
	esac
done

figure() { echo "# figure $1 $2"; }

# put VALUE FILE: write VALUE to a file of $d; the error text (if any)
# goes to $err, so a caller can tell EBUSY from EINVAL.
put() {
	err=$( { echo "$1" > "$d/$2"; } 2>&1 ) && return 0
	[ -n "$err" ] || err=failed
	return 1
}

is_busy() { case $err in *[Bb]usy*) return 0 ;; esac; return 1; }

# The last put was refused with E2BIG: over the memory limit.
is_e2big() { case $err in *"too long"*) return 0 ;; esac; return 1; }

state() { read -r st_ < $d/control; echo "$st_"; }

# wait_done [SECONDS]: until the run is not running (default 120 s).
wait_done() {
	w=$(( ${1:-120} * 20 ))
	while [ "$(state)" = running ]; do
		w=$((w - 1))
		[ $w -gt 0 ] || return 1
		sleep 0.05
	done
}

# accounts: the last run's allocs == frees + survivors (says so if not).
accounts() {
	awk '$1 == "allocs" { a = $2 } $1 == "frees" { f = $2 }
	     $1 == "survivors" { s = $2 }
	     END { if (a != f + s) { printf "# allocs %s frees %s survivors %s\n", a, f, s; exit 1 } }' \
		$d/stats
}

# The slabwall caches of /sys/kernel/slab (not aliases of merged ones).
caches() {
	for c in /sys/kernel/slab/slabwall_*; do
		[ -d "$c" ] && [ ! -L "$c" ] && echo "$c"
	done
}
