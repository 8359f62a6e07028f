# shellcheck shell=bash
# A lab's results as a page to look at: OUTDIR/index.html (the verdict,
# the plots, the tables, the lab's page from docs/labs/, the host facts)
# and results/index.html listing every run.  Sourced by scripts/lab after
# the lab ran; needs TOP and LABS.  Plain HTML5, links only to files next
# to the page (scripts/check-html checks both).

report_esc() {
	sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'
}

report_head() {	# report_head TITLE
	cat <<EOF
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>$(report_esc <<< "$1")</title>
<style>
body { font-family: sans-serif; max-width: 60em; margin: 1em auto; padding: 0 1em; line-height: 1.4; }
pre { background: #f4f4f4; padding: 0.5em; overflow-x: auto; }
.verdict { font-size: 1.1em; border-left: 4px solid #0072b2; padding-left: 0.8em; }
img { max-width: 100%; border: 1px solid #ddd; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
</style>
</head>
<body>
EOF
}

# report_pre FILE TITLE: FILE's text under a heading, if it is there.
report_pre() {
	[ -s "$1" ] || return 0
	echo "<h2>$2</h2>"
	echo "<pre>$(report_esc < "$1")</pre>"
}

# report_verdict FILE: the verdict, a sentence a line ("; " and ". " end one).
report_verdict() {
	[ -s "$1" ] || { echo '<p class="verdict">No verdict: the lab did not finish.</p>'; return; }
	echo '<div class="verdict">'
	sed -e 's/^[a-z]*: //' -e 's/\([.;]\) \([^ ]\)/\1\n\2/g' "$1" | report_esc |
		sed 's/.*/<p>&<\/p>/'
	echo '</div>'
}

# report_plots DIR: each PNG as an image linking to its SVG when there is one.
report_plots() {
	local png base
	for png in "$1"/*.png; do
		[ -f "$png" ] || continue
		base=$(basename "$png" .png)
		echo "<h2>Plot: $(report_esc <<< "$base")</h2>"
		if [ -f "$1/$base.svg" ]; then
			echo "<p><a href=\"$base.svg\"><img src=\"$base.png\" alt=\"plot $base\"></a></p>"
		else
			echo "<p><img src=\"$base.png\" alt=\"plot $base\"></p>"
		fi
	done
}

report_files() {	# report_files DIR: every file in it, linked
	local f
	echo "<h2>Files</h2>"
	echo "<ul>"
	for f in "$1"/*; do
		[ -f "$f" ] || continue
		f=$(basename "$f")
		case $f in index.html | index.html.tmp) continue ;; esac
		echo "<li><a href=\"$f\">$(report_esc <<< "$f")</a></li>"
	done
	echo "</ul>"
}

# report_lab OUTDIR NAME KERNEL: OUTDIR/index.html.
report_lab() {
	local out=$1 name=$2 kernel=$3 doc=$TOP/docs/labs/$2.md
	{
		report_head "slabwall lab $name, $kernel, $(basename "$out")"
		echo "<p><a href=\"../index.html\">All runs</a></p>"
		echo "<h1>Lab $(report_esc <<< "$name") on $(report_esc <<< "$kernel")</h1>"
		echo "<h2>Verdict</h2>"
		report_verdict "$out/verdict.txt"
		report_plots "$out"
		report_pre "$out/table.txt" "Table"
		report_pre "$out/compare.txt" "Compared with the base"
		report_pre "$out/host.txt" "Host"
		if [ -f "$doc" ]; then
			echo "<h2>The lab (docs/labs/$name.md)</h2>"
			echo "<div class=\"doc\">"
			awk -f "$LABS/md2html.awk" "$doc"
			echo "</div>"
		fi
		report_files "$out"
		echo "</body>"
		echo "</html>"
	} > "$out/index.html.tmp" && mv "$out/index.html.tmp" "$out/index.html"
}

# report_runs RESULTS: RESULTS/index.html, newest run first.
report_runs() {
	local dir=$1 run name kernel
	{
		report_head "slabwall lab runs"
		echo "<h1>slabwall lab runs</h1>"
		echo "<table>"
		echo "<tr><th>run</th><th>kernel</th><th>verdict</th></tr>"
		for run in $(cd "$dir" && printf '%s\n' lab-*/ | sort -r); do
			run=${run%/}
			[ -d "$dir/$run" ] || continue
			name=$(report_esc <<< "$run")
			kernel=$(sed -n 's/^kernel: //p' "$dir/$run/host.txt" 2>/dev/null | head -n 1)
			if [ -f "$dir/$run/index.html" ]; then
				echo "<tr><td><a href=\"$run/index.html\">$name</a></td>"
			else
				echo "<tr><td>$name (no report)</td>"
			fi
			echo "<td>$(report_esc <<< "${kernel:-?}")</td>"
			if [ -f "$dir/$run/verdict.txt" ]; then
				echo "<td>$(report_esc < "$dir/$run/verdict.txt")</td></tr>"
			else
				echo "<td>no verdict: the lab did not finish</td></tr>"
			fi
		done
		echo "</table>"
		echo "</body>"
		echo "</html>"
	} > "$dir/index.html.tmp" && mv "$dir/index.html.tmp" "$dir/index.html"
}
