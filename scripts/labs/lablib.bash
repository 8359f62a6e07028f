# shellcheck shell=bash
# Helpers the labs share: a sweep in the VM, plots, and reading a CSV by
# column name (Debian's miller, mlr, on the host; the guest runs only the
# slabwall command).  Sourced by scripts/labs/NAME.sh (not a lab itself: the
# name does not end in .sh), after scripts/lab has set TOP, OUT, KERNEL,
# SLABWALL and lab_vm.

# lab_die TEXT: the lab failed; where to look.
lab_die() {
	echo "$NAME: $* (see $OUT/console.log)" >&2
	exit 1
}

# lab_kver: the release of the kernel the lab boots (6.1.0-56-amd64), or
# runs on (--no-vm).
lab_kver() {
	local img
	[ "${LAB_NO_VM:-0}" = 0 ] || { uname -r; return; }
	img=$(sw_kernel_image "$KERNEL") || lab_die "no kernel '$KERNEL' installed"
	sw_kernel_version "$img"
}

# lab_others: how many QEMUs run that this lab did not start (its own
# VMs descend from the lab's shell, $$).
lab_others() {
	local p q n=0
	for p in $(pgrep qemu-system); do
		q=$p
		while [ -n "$q" ] && [ "$q" -gt 1 ] && [ "$q" != "$$" ]; do
			q=$(awk '{ print $4 }' "/proc/$q/stat" 2> /dev/null)
		done
		[ "$q" = "$$" ] || n=$((n + 1))
	done
	echo "$n"
}

# lab_watch_others: every 2 s while the lab runs, the other QEMUs, when
# there are any, into others.txt ("TIME N"): a VM that comes and goes
# between the start and the end would not show in either.
lab_watch_others() {
	local n
	while kill -0 "$$" 2> /dev/null; do
		n=$(lab_others)
		[ "$n" = 0 ] || echo "$(date +%T) $n" >> "$OUT/others.txt"
		sleep 2
	done
}

# lab_host_note start|end: the host's load, how many other QEMUs run (at
# the start, at the end and, sampled, in between) and, at the end, the
# CPU steal time over the lab, into host.txt.  On a 2-core host another
# VM or a busy hypervisor takes a vCPU's core and the timings with it:
# over 0.5 load per core at the start, any other QEMU, over 5% steal or
# more vCPUs than host cores sets LAB_HOST_WARN, which lab_verdict puts in
# the verdict.
lab_host_note() {
	local others load note steal during
	others=$(lab_others)
	load=$(cut -d' ' -f1-3 /proc/loadavg)
	note="$1: load $load, other QEMUs running: $others"
	if [ "$1" = start ]; then
		LAB_STAT0=$(grep '^cpu ' /proc/stat)
		LAB_LOAD0=${load%% *}
		LAB_WHY=""
		awk -v l="$LAB_LOAD0" -v n="$(nproc)" 'BEGIN { exit !(l > 0.5 * n) }' &&
			LAB_WHY="load $LAB_LOAD0 on $(nproc) cores"
		# More vCPUs than host cores: vCPUs take turns on a core, so
		# what more CPUs buy (the CPU knee) is not measured.
		[ "${CPUS:-0}" -le "$(nproc)" ] ||
			LAB_WHY="${LAB_WHY:+$LAB_WHY, }$CPUS vCPUs on $(nproc) host cores: oversubscribed"
		lab_watch_others &
		LAB_WATCHER=$!
	elif [ -n "${LAB_STAT0:-}" ]; then
		[ -z "${LAB_WATCHER:-}" ] || kill "$LAB_WATCHER" 2> /dev/null
		steal=$(lab_steal_pct "$LAB_STAT0" "$(grep '^cpu ' /proc/stat)")
		during=$(awk '$2 > m { m = $2 } END { print m + 0 }' "$OUT/others.txt" 2> /dev/null || echo 0)
		note="$note, CPU steal over the lab: $steal% of host CPU time, at most $during other QEMU(s) during the lab"
		[ "$during" = 0 ] ||
			LAB_WHY="${LAB_WHY:+$LAB_WHY, }$during other QEMU(s) during the lab (others.txt)"
		awk -v s="$steal" 'BEGIN { exit !(s > 5) }' &&
			LAB_WHY="${LAB_WHY:+$LAB_WHY, }steal $steal%"
	fi
	echo "$note" >> "$OUT/host.txt"
	if [ "$others" != 0 ]; then
		echo "$NAME: $others other QEMU(s) running at the $1: timings are disturbed" >&2
		[[ ${LAB_WHY:-} == *QEMU* ]] ||
			LAB_WHY="${LAB_WHY:+$LAB_WHY, }$others other QEMU(s)"
	fi
	if [ "$1" = end ] && [ -n "${LAB_WHY:-}" ]; then
		LAB_HOST_WARN="(host loaded: $LAB_WHY: indicative)"
		echo "warning: $LAB_HOST_WARN" >> "$OUT/host.txt"
		echo "$NAME: $LAB_HOST_WARN" >&2
	fi
}

# lab_steal_pct BEFORE AFTER: steal's share of the host's CPU time between
# two "cpu" lines of /proc/stat (user nice system idle iowait irq softirq
# steal; guest time is already in user), as a percentage.
lab_steal_pct() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		split(a, x); split(b, y)
		for (i = 2; i <= 9; i++) t += y[i] - x[i]
		printf "%.1f\n", (t > 0 ? (y[9] - x[9]) * 100 / t : 0)
	}'
}

# lab_claim CSV VALUE COMPARE-OPTIONS...: slabwall compare --decide on CSV,
# the line of --by value VALUE as "DECISION|RATIO|RANGE": "higher|1.84x|
# 1.52-2.20x over the runs", or "inconclusive|1.30x|0.90-1.70x over the
# runs: ranges overlap".  Empty when no such line.
lab_claim() {
	local csv=$1 value=$2
	shift 2
	"$SLABWALL" compare "$csv" --decide "$@" --tail none 2> /dev/null |
		awk -v v="$value" 'index($0, v ": ") == 1' | head -n 1 |
		sed -E 's/^[^:]*: ([a-z]+)( than [0-9.]+x)?: ([0-9.]+x) [^(]*\(([^)]*)\).*/\1|\3|\4/'
}

# lab_claim_text LABEL CLAIM: "LABEL RATIO (RANGE)" when CLAIM decided, else
# "LABEL inconclusive here (RATIO, RANGE)".
lab_claim_text() {
	local d r range
	IFS='|' read -r d r range <<< "$2"
	case $d in
	higher|lower) echo "$1 $r ($range)" ;;
	"") echo "$1 unknown (nothing to compare)" ;;
	*) echo "$1 inconclusive here ($r, $range)" ;;
	esac
}

# lab_sweep DIR [VM OPTIONS] -- SWEEP OPTIONS...: slabwall sweep in a fresh
# VM, its sweep.csv, sweep.json and table.txt (and the boot's console.log)
# left in DIR.  Progress goes to the lab's console.log, a line a point.
lab_sweep() {
	local dir=$1
	local -a vmopts=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		vmopts+=("$1")
		shift
	done
	shift
	mkdir -p "$dir"
	# shellcheck disable=SC2016 # the guest's shell expands them
	lab_vm --out "$dir" "${vmopts[@]+"${vmopts[@]}"}" -- \
		sh -c 'slabwall sweep --progress lines --out "${LAB_OUT:-/out}" "$@" > /dev/null' \
		sweep "$@" || lab_die "the sweep failed"
	[ -s "$dir/sweep.csv" ] || lab_die "no sweep.csv came back"
}

# lab_plot CSV TITLE [PLOT OPTIONS]: slabwall plot's panels, as NAME.svg
# and NAME.png next to the lab's CSV.
lab_plot() {
	"$SLABWALL" plot "$1" --title "$2" "${@:3}" -o "$OUT/$NAME.svg" \
		-o "$OUT/$NAME.png" > /dev/null || lab_die "plotting failed"
}

# lab_gnuplot SCRIPT VAR=VALUE...: a lab's own gnuplot script, with out=
# set to OUT/NAME (the script writes .svg and .png).
lab_gnuplot() {
	local script=$1 defs="out='$OUT/$NAME'" kv
	shift
	for kv in "$@"; do
		defs="$defs; ${kv%%=*}='${kv#*=}'"
	done
	gnuplot -e "$defs" "$LABS/$script" || lab_die "gnuplot $script failed"
}

# lab_columns CSV COLUMN...: die unless CSV's header names every COLUMN
# (miller leaves a missing field out silently, which would shift the rest).
lab_columns() {
	local csv=$1 have c
	shift
	have=$(mlr --icsv --onidx head -n 1 'then' put -q 'print joink($*, " ")' "$csv") ||
		lab_die "cannot read $csv"
	for c in "$@"; do
		[[ " $have " == *" $c "* ]] || lab_die "$csv: no column $c"
	done
}

# lab_get CSV FILTER [-s NAME=VALUE...] COLUMN...: the COLUMNs of the
# first row of CSV for which the miller FILTER holds ('$allocs_per_op ==
# 64'; -s sets @NAME for it, for values with quotes or commas), joined by
# "|" (an empty value stays empty); nothing when no row matches.
lab_get() {
	local csv=$1 filter=$2
	local -a vars=()
	shift 2
	while [ "${1:-}" = -s ]; do
		vars+=(-s "$2")
		shift 2
	done
	lab_columns "$csv" "$@"
	mlr --icsv --onidx --ofs '|' filter "${vars[@]+"${vars[@]}"}" "$filter" \
		'then' head -n 1 'then' cut -o -f "$(IFS=,; echo "$*")" "$csv"
}

# lab_tag [--rows] CSV NAME=VALUE...: CSV with a column NAME holding VALUE
# put in front of every row, for each pair (a boot's setting, say);
# --rows leaves the header out, for the second CSV of a concatenation.
lab_tag() {
	local head=() kv expr="" names=""
	local -a vars=()
	[ "$1" != --rows ] || { head=(--headerless-csv-output); shift; }
	local csv=$1
	shift
	for kv in "$@"; do
		vars+=(-s "$kv")
		expr="$expr\$${kv%%=*} = @${kv%%=*};"
		names="$names${names:+,}${kv%%=*}"
	done
	mlr --csv "${head[@]+"${head[@]}"}" put "${vars[@]}" "$expr" \
		'then' reorder -f "$names" "$csv" || lab_die "cannot read $csv"
}

# lab_where: where the guest part ran, for plot titles: "VM" or, with
# --no-vm, "no VM".
lab_where() {
	[ "${LAB_NO_VM:-0}" = 0 ] && echo VM || echo "no VM"
}

# LAB_OK: the miller filter for the rows the module ran (a sweep's status).
# shellcheck disable=SC2016,SC2034 # miller's $field; used by the labs
LAB_OK='$status == "ok"'

# lab_round X: X for a verdict: whole from 100 up, one decimal from 1 up,
# else two significant digits.
lab_round() {
	awk -v x="$1" 'BEGIN {
		if (x == "") { print "?"; exit }
		a = x < 0 ? -x : x
		if (a >= 100) printf "%.0f\n", x
		else if (a >= 1) printf "%.1f\n", x
		else printf "%.2g\n", x
	}'
}
