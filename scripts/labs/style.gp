# gnuplot: the look every lab plot shares with `slabwall plot`: a white
# background, Sans, the same colour-blind-safe colours, lines of width 2,
# a light grid and the key in a box.  A lab's .gp loads it first:
#   load lab_dir."style.gp"   (lab_dir: see below)
# and picks each output with
#   eval lab_terminal(t, WIDTH, HEIGHT)   (t = 1: OUT.svg, t = 2: OUT.png)
lab_terminal(t, w, h) = (t == 1) ? \
	sprintf("set terminal svg size %d,%d dynamic font 'Sans,12' background rgb 'white'; set output out.'.svg'; set termoption noenhanced", w, h) : \
	sprintf("set terminal pngcairo size %d,%d font 'Sans,11' background rgb 'white'; set output out.'.png'; set termoption noenhanced", w, h)
set linetype 1 lc rgb '#0072b2' lw 2 pt 7 ps 0.9
set linetype 2 lc rgb '#d55e00' lw 2 pt 5 ps 0.9
set linetype 3 lc rgb '#009e73' lw 2 pt 9 ps 0.9
set linetype 4 lc rgb '#cc79a7' lw 2 pt 13 ps 0.9
set linetype 5 lc rgb '#e69f00' lw 2 pt 11 ps 0.9
set linetype 6 lc rgb '#56b4e9' lw 2 pt 15 ps 0.9
set linetype 7 lc rgb '#000000' lw 2 pt 6 ps 0.9
set linetype 8 lc rgb '#8c564b' lw 2 pt 4 ps 0.9
set linetype cycle 8
set grid xtics ytics lc rgb '#e0e0e0' lw 1
set key Left reverse box opaque samplen 3 font ',10'
set style data linespoints
