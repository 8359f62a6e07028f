# gnuplot: the knobs lab, the cost per allocation and the pages per
# operation for each setting.
# Called as: gnuplot -e "out='...'; dat='...'; names='a b c'; title='...'" knobs.gp
# dat: one block per setting (in the order of names), "allocs net_ns pages_per_op".
do for [t = 1:2] {
	if (t == 1) {
		set terminal svg size 900,900 dynamic font "sans,11"
		set output out.".svg"
	} else {
		set terminal pngcairo size 900,900 font "sans,10"
		set output out.".png"
	}
	set termoption noenhanced
	set multiplot layout 2,1 title title
	set grid
	set key outside right
	set style data linespoints
	set logscale x 2
	set xlabel "allocations per operation (log)"
	set logscale y
	set title "Cost per allocation, net of the null operation"
	set ylabel "ns (log)"
	plot for [i = 1:words(names)] dat index (i - 1) using 1:2 title word(names, i) lw 2
	set title "Pages from the page allocator per operation (/proc/vmstat pgalloc; 0.001 = none)"
	set ylabel "pages per op (log)"
	plot for [i = 1:words(names)] dat index (i - 1) using 1:($3 > 0.001 ? $3 : 0.001) title word(names, i) lw 2
	unset multiplot
}
