# gnuplot: the merge lab, what the name's objects file says against what
# slabwall holds, named and merged.
# Called as: gnuplot -e "out='...'; dat='...'; title='...'" merge.gp
# dat: tab-separated "phase named_objects merged_objects slabwall_objects",
# a line per step.
set datafile separator "\t"
do for [t = 1:2] {
	if (t == 1) {
		set terminal svg size 900,520 dynamic font "sans,11"
		set output out.".svg"
	} else {
		set terminal pngcairo size 900,520 font "sans,10"
		set output out.".png"
	}
	set termoption noenhanced
	set title title
	set style data histograms
	set style histogram clustered gap 1
	set style fill solid 0.8 border -1
	set grid ytics
	set key top left
	set ylabel "objects"
	set yrange [0:*]
	plot dat using 2:xtic(1) title "its objects file, module loaded plain (own cache)", \
	     dat using 3 title "its objects file, mergeable=1 (shared cache)", \
	     dat using 4 title "objects slabwall holds"
}
