# gnuplot for the user lab: panel='mmap' (p50 and mmap calls against the
# allocation size, glibc's dynamic threshold against a fixed one) or
# panel='walls' (cost per allocation over each side's own at 1, kernel
# and userspace measured in the same VM).  Set by lab_gnuplot: out, dat,
# title, panel.
lab_dir = ARG0; _i = strlen(lab_dir)
while (_i > 0 && lab_dir[_i:_i] ne "/") { _i = _i - 1 }
lab_dir = lab_dir[1:_i]
load lab_dir . "style.gp"
set title title
set logscale x 2
do for [t = 1:2] {
	eval lab_terminal(t, 900, 520)
	if (panel eq 'mmap') {
		set xlabel "bytes a request allocates (one node)"
		set xtics ("64 KiB" 65536, "96 KiB" 98304, "128 KiB" 131072, "160 KiB" 163840, "256 KiB" 262144)
		set ylabel "p50 request latency (ns)"
		set y2label "mmap calls per request"
		set ytics nomirror
		set y2tics
		set y2range [0:*]
		set key top left
		plot dat u 1:2 t "p50, dynamic threshold (default)" lt 1, \
		     dat u 1:4 t "p50, M_MMAP_THRESHOLD 128 KiB" lt 2, \
		     dat u 1:3 axes x1y2 t "mmap/request, dynamic" lt 1 dt 2, \
		     dat u 1:5 axes x1y2 t "mmap/request, fixed 128 KiB" lt 2 dt 2
	} else {
		set xlabel "allocations per request / operation"
		set ylabel "net cost per allocation / its own at 1..8 (median)"
		set logscale y 2
		set key top left
		plot dat u 1:2 t "kernel: slabwall sweep, skb, slab" lt 7, \
		     dat u 1:3 t "userspace: glibc, per_request" lt 1, \
		     dat u 1:4 t "userspace: jemalloc, per_request" lt 2, \
		     dat u 1:5 t "userspace: tcmalloc, per_request" lt 3, \
		     dat u 1:6 t "userspace: mimalloc, per_request" lt 4
	}
	set output
}
