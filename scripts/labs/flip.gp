# gnuplot: the flip lab, kmalloc's cost, pages and latency across 8 KiB.
# Called as: gnuplot -e "out='...'; dat='...'; lo='...'; hi='...';
#   losize='8192'; hisize='8200'; title='...'" flip.gp
# dat: "size net_ns_per_alloc pages_per_alloc p50_ns p99_ns
# net_ns_per_alloc_without_zeroing" lines, by size (flip.sh picks them out
# of flip.csv); lo, hi: the module's histograms.
lab_dir = ARG0; _i = strlen(lab_dir)
while (_i > 0 && lab_dir[_i:_i] ne "/") { _i = _i - 1 }
lab_dir = lab_dir[1:_i]
load lab_dir."style.gp"
do for [t = 1:2] {
	eval lab_terminal(t, 900, 1150)
	set multiplot layout 3,1 title title font ",14"
	set key top left
	set logscale x 2
	set xrange [3500:40000]
	set xtics ("4K" 4096, "6K" 6144, "8K" 8192, "12K" 12288, "16K" 16384, "32K" 32768)
	set xlabel "object_size (bytes; dashed: 8 KiB, the largest kmalloc cache)"
	set arrow 1 from 8192, graph 0 to 8192, graph 1 nohead dashtype 2 lc rgb "gray"

	set title "Cost: net ns per allocation (16 per op), and a 1-allocation operation's latency"
	set key bottom right
	set ylabel "ns (log)"
	set logscale y
	plot dat using 1:2 title "net ns/alloc, 16 allocs/op" lw 2, \
	     dat using 1:6 title "the same, init_on_alloc=0 (nothing zeroed)" lw 2, \
	     dat using 1:4 title "p50, 1 alloc/op", \
	     dat using 1:5 title "p99, 1 alloc/op" dashtype 2

	set title "Pages the page allocator handed out (/proc/vmstat pgalloc) per allocation"
	set key top left
	set ylabel "pages per allocation"
	unset logscale y
	set yrange [0:*]
	plot dat using 1:3 title "pgalloc per op / 16 allocs" lw 2
	set yrange [*:*]

	set title "Latency of a 1-allocation operation, just below and just above 8 KiB"
	unset arrow 1
	set logscale x 10
	set xrange [0.5:*]
	set xtics auto
	set logscale y 10
	set xlabel "operation latency, microseconds (log)"
	set ylabel "% of operations per bucket (log)"
	set key top right
	stats lo using 3 nooutput name "LO"
	stats hi using 3 nooutput name "HI"
	# Only non-empty buckets are listed: points, not lines across gaps.
	plot lo using (($1 + $2) / 2000.0):($3 * 100 / LO_sum) with points pt 7 ps 0.5 title losize." bytes", \
	     hi using (($1 + $2) / 2000.0):($3 * 100 / HI_sum) with points pt 7 ps 0.5 title hisize." bytes"
	unset multiplot
	unset logscale
	set xrange [*:*]
}
