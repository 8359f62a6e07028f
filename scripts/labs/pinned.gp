# gnuplot: the pinned lab, slab memory against the survivors' memory.
# Called as: gnuplot -e "out='...'; dat='...'; sep='...'; title='...'" pinned.gp
# dat: "x label slab_kb live_kb objects_kb sreclaimable_kb" (pinned.sh makes
# it from pinned.csv); sep: x of the line between the run and the steps.
do for [t = 1:2] {
	if (t == 1) {
		set terminal svg size 900,550 dynamic font "sans,11" background rgb "white"
		set output out.".svg"
	} else {
		set terminal pngcairo size 900,550 font "sans,10" background rgb "white"
		set output out.".png"
	}
	set termoption noenhanced
	set title title
	set grid
	set key outside top center horizontal maxrows 2 font ",9"
	set style data linespoints
	set xlabel "during the run: seconds in (a sample every 0.5 s); after it (right of the dashed line): one sample per step"
	set xtics rotate by -30
	set ylabel "KiB"
	set yrange [0:*]
	# SReclaimable is the whole machine's: its own axis, on the right.
	set y2label "SReclaimable, KiB (whole machine)"
	set y2tics
	set ytics nomirror
	set arrow 1 from sep, graph 0 to sep, graph 1 nohead dashtype 2 lw 1.5 lc rgb "#555555"
	plot dat using 1:3:xtic(2) title "slab memory (slabs x slab size)" lw 2 pt 7 lc rgb "#0072b2", \
	     dat using 1:4 title "live memory (objects not freed x object size)" lw 2 pt 7 lc rgb "#d55e00", \
	     dat using 1:5 title "SLUB 'objects' x object size (counts free objects of per-CPU slabs)" lw 2 dt 2 pt 6 lc rgb "#999999", \
	     dat using 1:6 axes x1y2 title "SReclaimable (/proc/meminfo, right axis)" lw 2 pt 5 lc rgb "#009e73"
}
