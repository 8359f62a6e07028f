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

lab_main() {
	local csv=$OUT/knee.csv line n lnet rnet lak rak cost scal knees
	lab_host_note start
	lab_sweep "$OUT/sweep" -- --pattern skb --strategy slab --cpus 1,all \
		--free local,remote --allocs 0,1,2,4,8,16,64,256 \
		--repeat "$LAB_REPEAT" --duration 200
	lab_host_note end
	cp "$OUT/sweep/sweep.csv" "$csv"
	lab_plot "$csv" "knee: skb, local and remote free, 1 and all CPUs ($(lab_kver))"
	"$SLABWALL" compare "$csv" --by free --base local \
		--metric ns_per_alloc --decide > "$OUT/compare.txt" ||
		lab_die "slabwall compare failed"
	# All CPUs: the net costs at KNEE_AT (medians) and the knee of each line.
	line=$(lab_csv "$csv" -v at="$KNEE_AT" '
		!ok() { next }
		v("ncpus") > n { n = v("ncpus") }
		{ cpus[NR] = v("ncpus"); fr[NR] = v("free"); a[NR] = v("allocs_per_op")
		  net[NR] = v("net_ns_per_alloc"); ak[NR] = v("alloc_knee") }
		END {
			for (i in cpus) {
				if (cpus[i] != n) continue
				if (a[i] == at) c[fr[i]] = net[i]
				ka[fr[i]] = ak[i]
			}
			OFS = "|"
			print n, c["local"], c["remote"], ka["local"], ka["remote"]
		}')
	IFS='|' read -r n lnet rnet lak rak <<< "$line"
	if [ -z "$lnet" ] || [ -z "$rnet" ]; then
		lab_die "no $KNEE_AT allocs/op points on all CPUs in $csv"
	fi
	cost=$(knee_cost "$csv" "$lnet" "$rnet")
	scal=$(knee_scaling "$csv" "$n")
	knees="alloc knee at $n CPUs: $(knee_alloc "$csv" local "$lak"),"
	knees="$knees $(knee_alloc "$csv" remote "$rak")"
	lab_verdict "at $n CPUs and $KNEE_AT allocs/op $cost; $scal; $knees"
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
	[ "$CPUS" -lt "$(nproc)" ] ||
		why="; indicative: $CPUS vCPUs on a $(nproc)-core TCG host"
	echo "ops/s on $2 CPUs over one CPU's (a CPU knee below ${thr}x$why): $out"
}

# knee_alloc CSV FREE KNEE: claim 4, the all-CPU line's allocation knee
# holds when ns/alloc there is above its value at 8 allocs/op (the end of
# the fast path) over all the runs.
knee_alloc() {
	local d r range
	[ -n "$3" ] || { echo "$2 none"; return; }
	IFS='|' read -r d r range <<< "$(lab_claim "$1" "$3" --by allocs_per_op \
		--base 8 --at free="$2" --at cpus_spec=all --metric ns_per_alloc)"
	case $d in
	higher) echo "$2 $3 (ns/alloc there $r that at 8, $range)" ;;
	*) echo "$2 $3 inconclusive here (ns/alloc there ${r:-?} that at 8, ${range:-no range})" ;;
	esac
}
