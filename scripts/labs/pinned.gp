# gnuplot: slab memory against live memory over the pinned lab.
# Called as: gnuplot -e "csv='...'; out='...'" pinned.gp
set datafile separator ","
set key top right
set xlabel "samples 0.5 s apart during the run, then one per step after it"
set xtics rotate by -30
set ylabel "KiB"
set title "slabwall pinned lab: dentry slabs held by survivors"
set grid
set style data linespoints
set terminal svg size 900,500 dynamic
set output out.".svg"
plot csv using 0:7:xtic(stringcolumn(2) eq "run" ? "" : stringcolumn(2)) title "slab memory (slabs x slab size)", \
     csv using 0:8 title "objects in use x object size", \
     csv using 0:9 title "SReclaimable (/proc/meminfo)"
set terminal pngcairo size 900,500
set output out.".png"
replot
