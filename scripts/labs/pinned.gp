# gnuplot: the pinned lab, slab memory against the survivors' memory.
# Called as: gnuplot -e "out='...'; dat='...'; sep='...'; title='...'" pinned.gp
# dat: "x label slab_kb live_kb objects_kb sreclaimable_kb" (pinned.sh makes
# it from pinned.csv); sep: x of the line between the run and the steps.
lab_dir = ARG0; _i = strlen(lab_dir)
while (_i > 0 && lab_dir[_i:_i] ne "/") { _i = _i - 1 }
lab_dir = lab_dir[1:_i]
load lab_dir."style.gp"
do for [t = 1:2] {
	eval lab_terminal(t, 1000, 700)
	set title title font ",14"
	# Below the rotated step names and the axis label, which gnuplot's
	# own "below" does not leave room for.
	set bmargin 10
	set key at screen 0.5, screen 0.02 center bottom horizontal maxcols 2 reverse Left
	# One axis, two kinds of x: the run's samples by time, then one
	# sample per step after it; each side of the dashed line says which
	# (an axis label under the rotated names would run into the key).
	unset xlabel
	set xtics rotate by -30
	set label 1 "during the run: a sample every 0.5 s" at sep - 0.15, graph 0.96 right front
	set label 2 "after the run: one sample per step" at sep + 0.15, graph 0.96 left front
	set arrow 1 from sep, graph 0 to sep, graph 1 nohead dashtype 2 lw 1.5 lc rgb "#555555"
	set ylabel "KiB"
	set yrange [0:*]
	set offsets 0, 0, graph 0.12, 0
	# SReclaimable is the whole machine's: its own axis, on the right.
	set y2label "SReclaimable, KiB (whole machine)"
	set y2tics
	set y2range [0:*]
	set ytics nomirror
	plot dat using 1:3:xtic(2) title "slab memory (slabs x slab size)" lt 1, \
	     dat using 1:4 title "live memory (objects not freed x object size)" lt 2, \
	     dat using 1:5 title "SLUB 'objects' x object size (counts free objects of per-CPU slabs)" lt 7 dt 2 pt 6 lc rgb "#999999", \
	     dat using 1:6 axes x1y2 title "SReclaimable (/proc/meminfo, right axis)" lt 3
}
