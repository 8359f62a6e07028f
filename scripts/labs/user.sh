# shellcheck shell=bash
# user: the article's own experiment, in userspace.  The twin
# (userspace/slabwall-user) builds a JSON-shaped manifest record per
# request under glibc, jemalloc, tcmalloc and mimalloc (LD_PRELOAD), per
# request, pooled, arena and arena_keep; then glibc's behaviours one by
# one (the mmap threshold, tcache_count and arena_max, the top-chunk pin);
# then the twin and the kernel sweep in one VM, for the two walls on one
# plot.  The twin's grid runs on the host, which says so.  Sourced by
# scripts/lab.
# shellcheck source=scripts/labs/lablib.bash
. "$LABS/lablib.bash"

USER_BIN=$TOP/userspace/slabwall-user
USER_ALLOCATORS=glibc,jemalloc,tcmalloc,mimalloc
# ms per run on the host; the runs repeat LAB_REPEAT times
USER_DURATION=${USER_DURATION:-50}
# the article's point: one manifest record (32 nodes) a request
USER_AT=32
USER_MMAP_SIZES=64k,96k,112k,120k,124k,128k,132k,136k,160k,256k

user_twin() {
	"$USER_BIN" "$@" --repeat "$LAB_REPEAT" --duration "$USER_DURATION" ||
		lab_die "slabwall-user $* failed"
}

# user_cat FIRST.csv MORE.csv...: one CSV, the header once.
user_cat() {
	local f
	cat "$1"
	shift
	for f in "$@"; do
		tail -n +2 "$f"
	done
}

# user_vm_adds: scripts/vm --add options for the twin and the allocators'
# libraries with everything they link (the guest has only what slabwall
# itself needs).
user_vm_adds() {
	local f lib
	echo "--add"
	echo "$USER_BIN:/root/slabwall-user"
	for f in libjemalloc.so.2 libtcmalloc_minimal.so.4 libmimalloc.so.2; do
		f=/usr/lib/x86_64-linux-gnu/$f
		echo "$f"
		ldd "$f" | grep -oE '/[^ ]+'
	done | sort -u | while read -r lib; do
		echo "--add"
		echo "$(readlink -f "$lib"):$lib"
	done
}

# user_claim ALLOCATOR METRIC MODE: ALLOCATOR over glibc at the article's
# point (1 thread), as lab_claim gives it.
user_claim() {
	lab_claim "$OUT/user.csv" "$1" --by allocator --base glibc --metric "$2" \
		--at strategy="$3" --at allocs_per_op="$USER_AT" --at threads=1
}

# user_article: the article's table at its point and its claimed ratios
# beside the ones measured here.
user_article() {
	local a c
	echo "The article's table, here: $USER_AT nodes (one manifest record) a request, 1 thread, host"
	# shellcheck disable=SC2016 # miller's $field
	mlr --icsv --opprint filter '$threads == 1 && $allocs_per_op == '"$USER_AT"' &&
		($strategy == "per_request" || $strategy == "pooled")' \
		'then' put '$p50_us = fmtnum($p50_ns / 1000, "%.2f");
			$p99_us = fmtnum($p99_ns / 1000, "%.2f");
			$p999_us = fmtnum($p999_ns / 1000, "%.2f");
			$req_per_s = fmtnum($ops_per_sec, "%.0f")' \
		'then' cut -o -f allocator,strategy,req_per_s,p50_us,p99_us,p999_us \
		"$OUT/user.csv"
	echo
	echo "The article's ratios (jemalloc, tcmalloc over glibc) and this run's:"
	for a in jemalloc tcmalloc mimalloc; do
		c=$(user_claim "$a" ops_per_sec per_request)
		echo "  $a per_request throughput: article 1.3-1.5x; $(lab_claim_text "here:" "$c")"
		c=$(user_claim "$a" p999_ns per_request)
		echo "  $a per_request p99.9: article 0.5-0.67x (1.5-2x lower); $(lab_claim_text "here:" "$c")"
		c=$(user_claim "$a" ops_per_sec pooled)
		echo "  $a pooled throughput: article near 1x; $(lab_claim_text "here:" "$c")"
	done
}

# user_tunable VALUE BASE THREADS: the tunables run VALUE over BASE, as
# lab_claim gives it.
user_tunable() {
	lab_claim "$OUT/tunables.csv" "$1" --by tunables --base "$2" \
		--metric ops_per_sec --at threads="$3"
}

# user_glibc: glibc's behaviours as this run measured them.
user_glibc() {
	local many=$((4 * $(nproc))) lo hi dyn
	# shellcheck disable=SC2016 # miller's $field
	lo=$(lab_get "$OUT/mmap.csv" '$allocs_per_op == 1 && $size == 131072 && $mmap_threshold != "dynamic"' \
		p50_ns mmap_per_op minflt_per_op)
	# shellcheck disable=SC2016
	hi=$(lab_get "$OUT/mmap.csv" '$allocs_per_op == 1 && $size == 135168 && $mmap_threshold != "dynamic"' \
		p50_ns mmap_per_op minflt_per_op)
	# shellcheck disable=SC2016
	dyn=$(lab_get "$OUT/mmap.csv" '$allocs_per_op == 1 && $size == 135168 && $mmap_threshold == "dynamic"' \
		p50_ns mmap_per_op)
	echo "glibc's behaviours (host):"
	echo "  M_MMAP_THRESHOLD fixed at 128 KiB, 128 -> 132 KiB a request:" \
		"p50|mmap/request|minor faults/request $lo -> $hi;" \
		"default (dynamic) threshold at 132 KiB: p50|mmap/request $dyn"
	echo "  tcache_count 128 over 7, batches of 100 x 64 B, 1 thread:" \
		"$(lab_claim_text "here:" "$(user_tunable glibc.malloc.tcache_count=128 glibc.malloc.tcache_count=7 1)")"
	echo "  tcache_count 0 over 7, 1 thread:" \
		"$(lab_claim_text "here:" "$(user_tunable glibc.malloc.tcache_count=0 glibc.malloc.tcache_count=7 1)")"
	echo "  tcache_count 128 over 7, $many threads:" \
		"$(lab_claim_text "here:" "$(user_tunable glibc.malloc.tcache_count=128 glibc.malloc.tcache_count=7 "$many")")"
	echo "  arena_max 1 over the default, $many threads:" \
		"$(lab_claim_text "here:" "$(user_tunable glibc.malloc.arena_max=1 glibc.malloc.tcache_count=7 "$many")")"
	echo "  RSS (KiB) around 64 MiB of 1 KiB blocks freed, before | peak | after free | after malloc_trim(0):"
	# shellcheck disable=SC2016
	mlr --icsv --onidx put -q 'print "    " . $allocator . ", " . $pin . ": " .
		$rss_before_kb . " | " . $rss_peak_kb . " | " . $rss_after_kb . " | " .
		$rss_trim_kb . " (LazyFree " . $lazyfree_after_kb . ")"' "$OUT/pin.csv"
}

# user_mmap_dat: "SIZE P50_DYN MMAP_DYN P50_FIXED MMAP_FIXED" per size,
# from the allocs 1 rows.
user_mmap_dat() {
	local size
	# shellcheck disable=SC2016
	mlr --icsv --onidx cut -f size 'then' uniq -a 'then' sort -nf size "$OUT/mmap.csv" |
		while read -r size; do
			# shellcheck disable=SC2016
			echo "$size" \
				"$(lab_get "$OUT/mmap.csv" '$allocs_per_op == 1 && $size == '"$size"' && $mmap_threshold == "dynamic"' \
					p50_ns mmap_per_op | tr '|' ' ')" \
				"$(lab_get "$OUT/mmap.csv" '$allocs_per_op == 1 && $size == '"$size"' && $mmap_threshold != "dynamic"' \
					p50_ns mmap_per_op | tr '|' ' ')"
		done
}

# user_base CSV FILTER: the median net cost per allocation over the
# points with 1..8 allocations that FILTER keeps: the fast path's cost,
# the baseline the kernel's knee is found against (docs/csv.md).  One
# allocation alone is too noisy a baseline: its net cost is the difference
# of two near-equal request times.
user_base() {
	# shellcheck disable=SC2016 # miller's $field
	mlr --icsv --onidx filter "$2"' && $allocs_per_op >= 1 && $allocs_per_op <= 8' \
		'then' stats1 -i -a median -f net_ns_per_alloc "$1"
}

# user_walls_dat VMDIR: "ALLOCS KERNEL GLIBC JEMALLOC TCMALLOC MIMALLOC",
# each side's net cost per allocation over its own baseline (user_base).
user_walls_dat() {
	local dir=$1 n a v line
	local -A base=()
	local -A filter=()
	# shellcheck disable=SC2016 # miller's $field
	filter[kernel]='$status == "ok"'
	base[kernel]=$(user_base "$dir/sweep/sweep.csv" "${filter[kernel]}")
	for a in ${USER_ALLOCATORS//,/ }; do
		# shellcheck disable=SC2016
		filter[$a]='$status == "ok" && $strategy == "per_request" && $allocator == "'"$a"'"'
		base[$a]=$(user_base "$dir/user-vm.csv" "${filter[$a]}")
	done
	# shellcheck disable=SC2016
	mlr --icsv --onidx filter '$allocs_per_op > 0' 'then' cut -f allocs_per_op 'then' \
		sort -nf allocs_per_op "$dir/sweep/sweep.csv" |
		while read -r n; do
			line=$n
			for a in kernel ${USER_ALLOCATORS//,/ }; do
				if [ "$a" = kernel ]; then
					v=$(lab_get "$dir/sweep/sweep.csv" "${filter[$a]}"' && $allocs_per_op == '"$n" net_ns_per_alloc)
				else
					v=$(lab_get "$dir/user-vm.csv" "${filter[$a]}"' && $allocs_per_op == '"$n" net_ns_per_alloc)
				fi
				line="$line $(awk -v x="$v" -v b="${base[$a]}" 'BEGIN { print (x != "" && b > 0) ? x / b : "NaN" }')"
			done
			echo "$line"
		done
}

# user_mmap: glibc across its mmap threshold, a new process per point:
# the default (dynamic) threshold, and one fixed at 128 KiB, in
# OUT/mmap.csv.  Each size's line has its allocs 0 point (the request
# without the node) for net_ns_per_alloc, as in a kernel sweep.
user_mmap() {
	user_twin --fresh --mode per_request --allocs 0,1 --threads 1 \
		--size "$USER_MMAP_SIZES" --out "$OUT/mmap-dynamic.csv" > /dev/null
	user_twin --fresh --mode per_request --allocs 0,1 --threads 1 \
		--size "$USER_MMAP_SIZES" --mmap-threshold 128k \
		--out "$OUT/mmap-fixed.csv" > /dev/null
	user_cat "$OUT/mmap-dynamic.csv" "$OUT/mmap-fixed.csv" > "$OUT/mmap.csv"
}

lab_main() {
	local csv=$OUT/user.csv t vm=$OUT/vm
	local -a adds
	[ -x "$USER_BIN" ] || lab_die "no $USER_BIN (make userspace)"
	lab_host_note start

	# 1. the grid under the four allocators, one process each
	user_twin --allocators "$USER_ALLOCATORS" \
		--mode per_request,pooled,arena,arena_keep \
		--allocs 0,1,4,16,$USER_AT,128,1024 --threads 1,4x \
		--out "$csv" > "$OUT/table.txt"

	# 2. glibc across its mmap threshold
	user_mmap

	# 3. batches of 100 objects of one size against tcache's 7 entries,
	# and every thread in one arena
	for t in 0 7 128; do
		GLIBC_TUNABLES=glibc.malloc.tcache_count=$t user_twin --mode per_request \
			--allocs 100 --size 64 --threads 1,4x --out "$OUT/tcache-$t.csv" > /dev/null
	done
	GLIBC_TUNABLES=glibc.malloc.arena_max=1 user_twin --mode per_request \
		--allocs 100 --size 64 --threads 4x --out "$OUT/arena-1.csv" > /dev/null
	user_cat "$OUT"/tcache-0.csv "$OUT"/tcache-7.csv "$OUT"/tcache-128.csv \
		"$OUT/arena-1.csv" > "$OUT/tunables.csv"

	# 4. RSS around 64 MiB freed, with and without a block at the top
	"$USER_BIN" --pin-test 64 --allocators "$USER_ALLOCATORS" > "$OUT/pin.csv" ||
		lab_die "--pin-test failed"
	GLIBC_TUNABLES=glibc.malloc.tcache_count=0 "$USER_BIN" --pin-test 64 |
		tail -n +2 | sed 's/^glibc,/glibc tcache_count=0,/' >> "$OUT/pin.csv"

	# 5. the twin and the kernel sweep in one VM
	mapfile -t adds < <(user_vm_adds)
	mkdir -p "$vm"
	lab_vm --out "$vm" "${adds[@]}" --add "$LABS/user.guest.sh:/root/user.guest.sh" -- \
		env REPEAT="$LAB_REPEAT" sh /root/user.guest.sh ||
		lab_die "the VM side failed (see $vm/console.log)"
	lab_host_note end
	user_report
}

# user_report: plots, the article's table and the verdict from what
# lab_main left in OUT (rerun alone on a finished run's directory).
user_report() {
	local csv=$OUT/user.csv vm=$OUT/vm a c f
	for f in "$vm/user-vm.csv" "$vm/sweep/sweep.csv"; do
		[ -s "$f" ] || lab_die "no $f came back"
	done

	# plots: the host grid per allocator, the mmap step, the two walls
	for a in ${USER_ALLOCATORS//,/ }; do
		# shellcheck disable=SC2016
		mlr --csv filter '$allocator == "'"$a"'" && $threads == 1 &&
			($strategy == "per_request" || $strategy == "pooled")' "$csv" > "$OUT/user-$a.csv"
	done
	"$SLABWALL" plot "$OUT"/user-{glibc,jemalloc,tcmalloc,mimalloc}.csv \
		--label glibc --label jemalloc --label tcmalloc --label mimalloc \
		--title "user: the twin on the host, 1 thread (not the VM)" \
		-o "$OUT/user.svg" -o "$OUT/user.png" > /dev/null || lab_die "plotting failed"
	user_mmap_dat > "$OUT/mmap.dat"
	lab_gnuplot user.gp panel=mmap dat="$OUT/mmap.dat" out="$OUT/user-mmap" \
		title="glibc across M_MMAP_THRESHOLD: 1 node a request, 1 thread (host)"
	user_walls_dat "$vm" > "$OUT/walls.dat"
	lab_gnuplot user.gp panel=walls dat="$OUT/walls.dat" out="$OUT/user-walls" \
		title="both walls on the same kernel ($(lab_where)): kernel slab and userspace malloc ($(lab_kver), 1 CPU busy)"

	{
		user_article
		echo
		user_glibc
	} | tee "$OUT/article.txt"
	c=$(user_claim jemalloc ops_per_sec per_request)
	lab_verdict "$(lab_claim_text "jemalloc/glibc per_request throughput at $USER_AT nodes:" "$c");" \
		"$(lab_claim_text "tcmalloc/glibc:" "$(user_claim tcmalloc ops_per_sec per_request)");" \
		"$(lab_claim_text "jemalloc/glibc pooled:" "$(user_claim jemalloc ops_per_sec pooled)")" \
		"(host, see article.txt)"
}
