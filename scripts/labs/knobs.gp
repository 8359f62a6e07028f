# gnuplot: the knobs lab, the cost per allocation and the pages per
# operation for each setting.
# Called as: gnuplot -e "out='...'; dat='...'; names='a b c'; title='...'" knobs.gp
# dat: one block per setting (in the order of names), "allocs net_ns pages_per_op".
lab_dir = ARG0; _i = strlen(lab_dir)
while (_i > 0 && lab_dir[_i:_i] ne "/") { _i = _i - 1 }
lab_dir = lab_dir[1:_i]
load lab_dir."style.gp"
do for [t = 1:2] {
	eval lab_terminal(t, 900, 900)
	set multiplot layout 2,1 title title font ",14"
	set key outside right
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
