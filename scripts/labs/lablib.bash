# shellcheck shell=bash
# Helpers the labs share: a sweep in the VM, plots, and reading a CSV by
# column name.  Sourced by scripts/labs/NAME.sh (not a lab itself: the
# name does not end in .sh), after scripts/lab has set TOP, OUT, KERNEL,
# SLABWALL and lab_vm.

# lab_die TEXT: the lab failed; where to look.
lab_die() {
	echo "$NAME: $* (see $OUT/console.log)" >&2
	exit 1
}

# lab_kver: the release of the kernel the lab boots (6.1.0-56-amd64).
lab_kver() {
	local img
	img=$(sw_kernel_image "$KERNEL") || lab_die "no kernel '$KERNEL' installed"
	sw_kernel_version "$img"
}

# lab_host_note WHEN: the host's load and how many other QEMUs run, into
# host.txt, with a warning when others do: on a 2-core host another VM
# takes a vCPU's core and the timings with it.
lab_host_note() {
	local others
	others=$(pgrep -c qemu-system || true)
	echo "$1: load $(cut -d' ' -f1-3 /proc/loadavg), other QEMUs running: $others" >> "$OUT/host.txt"
	[ "$others" = 0 ] ||
		echo "$NAME: $others other QEMU(s) running at the $1: timings are disturbed" >&2
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
	lab_vm --out "$dir" "${vmopts[@]+"${vmopts[@]}"}" -- \
		sh -c 'slabwall sweep --progress lines --out /out "$@" > /dev/null' \
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

# The awk side of lab_csv: splits RFC 4180 lines (quoted fields with commas
# and doubled quotes; no line breaks inside fields, which the sweep never
# writes), names the columns after the header, and gives v("column").
# shellcheck disable=SC2016 # awk code, not the shell's
LAB_CSV_AWK='
function lab_split(line,   n, i, c, q, f) {
	n = 0; f = ""; q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) {
			if (c == "\"" && substr(line, i + 1, 1) == "\"") { f = f c; i++ }
			else if (c == "\"") q = 0
			else f = f c
		} else if (c == "\"") q = 1
		else if (c == ",") { F[++n] = f; f = "" }
		else f = f c
	}
	F[++n] = f
	return n
}
function v(name) {
	if (!(name in COL)) { print "lab_csv: no column " name > "/dev/stderr"; exit 2 }
	return F[COL[name]]
}
function ok() { return v("status") == "ok" }
NR == 1 { nh = lab_split($0); for (i = 1; i <= nh; i++) COL[F[i]] = i; next }
{ lab_split($0) }
'

# lab_csv FILE [-v VAR=VALUE...] 'AWK RULES': awk over a CSV whose rules see
# each data row through v("column") (ok() is v("status") == "ok").
lab_csv() {
	local file=$1
	local -a vars=()
	shift
	while [ "$1" = -v ]; do
		vars+=(-v "$2")
		shift 2
	done
	awk "${vars[@]+"${vars[@]}"}" "$LAB_CSV_AWK $1" "$file"
}

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
