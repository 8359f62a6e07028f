# gnuplot: the merge lab, what the name's objects file says against what
# slabwall holds, named and merged.
# Called as: gnuplot -e "out='...'; dat='...'; title='...'" merge.gp
# dat: tab-separated "phase named_objects merged_objects slabwall_objects",
# a line per step.
lab_dir = ARG0; _i = strlen(lab_dir)
while (_i > 0 && lab_dir[_i:_i] ne "/") { _i = _i - 1 }
lab_dir = lab_dir[1:_i]
load lab_dir."style.gp"
set datafile separator "\t"
do for [t = 1:2] {
	eval lab_terminal(t, 900, 520)
	set title title font ",14"
	set style data histograms
	set style histogram clustered gap 1
	set style fill solid 0.8 border -1
	set grid ytics
	set key below
	set ylabel "objects"
	set yrange [0:*]
	plot dat using 2:xtic(1) title "its objects file, module loaded plain (own cache)", \
	     dat using 3 title "its objects file, mergeable=1 (shared cache)", \
	     dat using 4 title "objects slabwall holds"
}
