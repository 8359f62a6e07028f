# shellcheck shell=bash
# knee: one CPU or all of them, objects freed where they were allocated or
# on the next CPU.  Where do cross-CPU frees push SLUB off its fast path?
# Sourced by scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

lab_main() {
	local csv=$OUT/knee.csv at=64 line
	local n lnet rnet lsp rsp lknee rknee lak rak cpuknee
	lab_host_note start
	lab_sweep "$OUT/sweep" -- --pattern skb --strategy slab --cpus 1,all \
		--free local,remote --allocs 0,1,2,4,8,16,64,256 \
		--repeat 3 --duration 200
	lab_host_note end
	cp "$OUT/sweep/sweep.csv" "$csv"
	lab_plot "$csv" "knee: skb, local and remote free, 1 and all CPUs ($(lab_kver))"
	"$SLABWALL" compare "$csv" --by free --base local \
		--metric net_ns_per_alloc > "$OUT/compare.txt" ||
		lab_die "slabwall compare failed"
	# At all CPUs and $at allocs/op: each free mode's net cost, CPU
	# speedup and CPU knee; the allocation knee of each all-CPU line.
	line=$(lab_csv "$csv" -v at="$at" '
		!ok() { next }
		v("ncpus") > n { n = v("ncpus") }
		{ cpus[NR] = v("ncpus"); fr[NR] = v("free"); a[NR] = v("allocs_per_op")
		  net[NR] = v("net_ns_per_alloc"); sp[NR] = v("cpu_speedup")
		  ck[NR] = v("cpu_knee"); ak[NR] = v("alloc_knee") }
		END {
			for (i in cpus) {
				if (cpus[i] != n) continue
				if (a[i] == at) { c[fr[i]] = net[i]; s[fr[i]] = sp[i]; k[fr[i]] = ck[i] }
				ka[fr[i]] = ak[i]
			}
			OFS = "|"
			print n, c["local"], c["remote"], s["local"], s["remote"],
			      k["local"], k["remote"], ka["local"], ka["remote"]
		}')
	IFS='|' read -r n lnet rnet lsp rsp lknee rknee lak rak <<< "$line"
	if [ -z "$lnet" ] || [ -z "$rnet" ]; then
		lab_die "no $at allocs/op points on all CPUs in $csv"
	fi
	cpuknee="CPU knee (under half the ideal gain going 1 -> $n CPUs):"
	cpuknee="$cpuknee local ${lknee:-none} (${n} CPUs $(lab_round "$lsp")x one CPU's ops/s),"
	cpuknee="$cpuknee remote ${rknee:-none} ($(lab_round "$rsp")x)"
	lab_verdict "at $n CPUs and $at allocs/op remote free costs $(lab_round "$rnet") ns/alloc" \
		"vs $(lab_round "$lnet") local ($(lab_round "$(awk -v r="$rnet" -v l="$lnet" 'BEGIN { print r / l }')")x);" \
		"$cpuknee; alloc knee at $n CPUs: local ${lak:-none}, remote ${rak:-none}" \
		"(2 vCPUs on a 2-core TCG host: noisy)"
}
