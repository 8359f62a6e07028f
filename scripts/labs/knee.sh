# shellcheck shell=bash
# knee: one CPU or all of them, objects freed where they were allocated or
# on the next CPU.  Where do cross-CPU frees push SLUB off its fast path?
# Four claims, each stated only when it holds over the runs (slabwall
# compare --decide): remote against local cost, the CPU scaling of each
# free mode, and each all-CPU line's allocation knee.  Sourced by
# scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

KNEE_AT=64
KNEE_ALLOCS=0,1,2,4,8,16,64,256
# The allocation knee: the cost per allocation over KNEE_RATIO times its
# value at KNEE_BASE allocs/op, the end of the fast path (the sweep's
# --knee-ratio, so the plot marks knees by the same factor).
KNEE_RATIO=1.5
KNEE_BASE=8
# A point is above the ratio when every run is over KNEE_RATIO times
# KNEE_MARGIN, below it when every run is under KNEE_RATIO / KNEE_MARGIN;
# in between it is undecided.  Without the margin a cost that sits near
# the ratio (remote free at 64 allocs/op here: 1.1x to 1.8x from one lab
# run to the next) was called a knee in one run and no knee in the next.
KNEE_MARGIN=1.2

lab_main() {
	local csv=$OUT/knee.csv all n lnet rnet cost scal
	lab_host_note start
	lab_sweep "$OUT/sweep" -- --pattern skb --strategy slab --cpus 1,all \
		--free local,remote --allocs "$KNEE_ALLOCS" --knee-ratio "$KNEE_RATIO" \
		--repeat "$LAB_REPEAT" --duration 200
	lab_host_note end
	cp "$OUT/sweep/sweep.csv" "$csv"
	lab_plot "$csv" "knee: skb, local and remote free, 1 and all CPUs ($(lab_kver))"
	# Remote against local at every point but the null operation, which
	# allocates nothing and so has no cost per allocation to compare.
	# shellcheck disable=SC2016 # miller's $field
	mlr --csv filter '$allocs_per_op > 0' "$csv" > "$OUT/sweep/allocating.csv" ||
		lab_die "cannot filter $csv"
	"$SLABWALL" compare "$OUT/sweep/allocating.csv" --by free --base local \
		--metric ns_per_alloc --decide > "$OUT/compare.txt" ||
		lab_die "slabwall compare failed"
	# All CPUs: their count and the net costs at KNEE_AT (medians).
	all="$LAB_OK && \$cpus_spec == \"all\" && \$allocs_per_op == $KNEE_AT"
	n=$(lab_get "$csv" "$all" ncpus)
	lnet=$(lab_get "$csv" "$all && \$free == \"local\"" net_ns_per_alloc)
	rnet=$(lab_get "$csv" "$all && \$free == \"remote\"" net_ns_per_alloc)
	if [ -z "$lnet" ] || [ -z "$rnet" ]; then
		lab_die "no $KNEE_AT allocs/op points on all CPUs in $csv"
	fi
	cost=$(knee_cost "$csv" "$lnet" "$rnet")
	scal=$(knee_scaling "$csv" "$n")
	lab_verdict "at $n CPUs and $KNEE_AT allocs/op $cost; $scal; $(knee_allocs "$csv" "$n")"
}

# knee_cost CSV LNET RNET: claim 1, remote against local, decided on the
# gross ns/alloc (the net cost has no range: it subtracts another point).
knee_cost() {
	local c
	c=$(lab_claim "$1" remote --by free --base local --at cpus_spec=all \
		--at allocs_per_op=$KNEE_AT --metric ns_per_alloc)
	case ${c%%|*} in
	higher) echo "remote free costs more: $(lab_claim_text "ns/alloc remote/local" "$c")" ;;
	lower) echo "remote free costs less: $(lab_claim_text "ns/alloc remote/local" "$c")" ;;
	*) echo "remote vs local free: $(lab_claim_text "ns/alloc remote/local" "$c")" ;;
	esac | sed "s/\$/, net $(lab_round "$2") ns local, $(lab_round "$3") remote/"
}

# knee_scaling CSV N: claims 2 and 3, each free mode's ops/s on N CPUs
# over one CPU's, against the CPU knee's threshold (half the ideal gain).
# Always indicative when the vCPUs take every host core.
knee_scaling() {
	local thr f c d out="" why=""
	thr=$(awk -v n="$2" 'BEGIN { print 1 + 0.5 * (n - 1) }')
	for f in local remote; do
		c=$(lab_claim "$1" all --by cpus_spec --base 1 --at free=$f \
			--at allocs_per_op=$KNEE_AT --threshold "$thr")
		d=${c%%|*}
		case $d in
		higher) d="no CPU knee" ;;
		lower) d="CPU knee at 1" ;;
		*) d="" ;;
		esac
		out="$out${out:+, }$(lab_claim_text "$f" "$c")${d:+, $d}"
	done
	[ "$CPUS" -lt "$(nproc)" ] || [ "${LAB_NO_VM:-0}" = 1 ] ||
		why="; indicative: $CPUS vCPUs on a $(nproc)-core TCG host"
	echo "ops/s on $2 CPUs over one CPU's (a CPU knee below ${thr}x$why): $out"
}

# knee_claim CSV FREE P THRESHOLD: point P of the all-CPU line against
# KNEE_BASE, decided against THRESHOLD over every run ("D|RATIO|RANGE").
knee_claim() {
	lab_claim "$1" "$3" --by allocs_per_op --base "$KNEE_BASE" \
		--at free="$2" --at cpus_spec=all --metric ns_per_alloc \
		--threshold "$4"
}

# knee_line CSV FREE: claim 4 for one all-CPU line.  Each point past
# KNEE_BASE is decided against KNEE_RATIO with the margin (KNEE_MARGIN)
# over every run; the knee is the first point above it.  Prints
# "KNEE|LOWER|TEXT": KNEE empty when none is decided, LOWER the points
# decided below the ratio.
knee_line() {
	local csv=$1 free=$2 p d r range knee="" lower="" text="" open=""
	local hi lo
	hi=$(awk -v r="$KNEE_RATIO" -v m="$KNEE_MARGIN" 'BEGIN { print r * m }')
	lo=$(awk -v r="$KNEE_RATIO" -v m="$KNEE_MARGIN" 'BEGIN { print r / m }')
	for p in ${KNEE_ALLOCS//,/ }; do
		[ "$p" -gt "$KNEE_BASE" ] || continue
		IFS='|' read -r d r range <<< "$(knee_claim "$csv" "$free" "$p" "$hi")"
		if [ "$d" != higher ]; then
			IFS='|' read -r d r range <<< "$(knee_claim "$csv" "$free" "$p" "$lo")"
			[ "$d" = lower ] || d=open
		fi
		# The range as compare says it, less the threshold it spans.
		range=${range%%: spans*}
		case $d in
		higher)
			text="$free at $p ($r, $range)"
			knee=$p
			break ;;
		lower) lower="$lower $p" ;;
		*) open="$open${open:+ and} $p (${r:-?}, ${range%% over the runs*})" ;;
		esac
	done
	if [ -n "$knee" ]; then
		text="$text${open:+, before it inconclusive at$open}"
	elif [ -n "$open" ]; then
		text="$free inconclusive here at$open"
	else
		text="$free none up to $p (below ${lo}x at every point)"
	fi
	echo "$knee|$lower|$text"
}

# knee_allocs CSV N: claim 4, each all-CPU line's allocation knee, and
# whether remote free brings it earlier: said only when the other line is
# decided below the ratio at that point.
knee_allocs() {
	local lk lt rk rt llow rlow same
	IFS='|' read -r lk llow lt <<< "$(knee_line "$1" local)"
	IFS='|' read -r rk rlow rt <<< "$(knee_line "$1" remote)"
	if [ -n "$lk" ] && [ "$lk" = "$rk" ]; then
		same="both first above it at $lk"
	elif [ -n "$rk" ] && [[ " $llow " == *" $rk "* ]]; then
		same="remote free brings it earlier"
	elif [ -n "$lk" ] && [[ " $rlow " == *" $lk "* ]]; then
		same="remote free puts it later"
	elif [ -z "$lk$rk" ] && [[ $lt$rt != *inconclusive* ]]; then
		same="neither line has one"
	else
		same="whether remote free moves it is inconclusive here"
	fi
	echo "alloc knee at $2 CPUs (gross ns/alloc over ${KNEE_RATIO}x that at" \
		"$KNEE_BASE allocs/op in every run, by a margin: over" \
		"$(awk -v r="$KNEE_RATIO" -v m="$KNEE_MARGIN" 'BEGIN { print r * m }')x," \
		"none under $(awk -v r="$KNEE_RATIO" -v m="$KNEE_MARGIN" 'BEGIN { print r / m }')x):" \
		"$lt, $rt; $same"
}
