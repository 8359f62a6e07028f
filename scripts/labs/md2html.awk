# The Markdown of docs/labs/*.md as an HTML fragment, for a lab's
# index.html: headings, paragraphs, "- " lists, fenced and indented code,
# pipe tables, `code`, **bold** and [links].  Links keep their text only:
# their targets are pages of the source tree, not files next to the report.
# Usage: awk -f md2html.awk PAGE.md

function esc(s) {
	gsub(/&/, "\\&amp;", s)
	gsub(/</, "\\&lt;", s)
	gsub(/>/, "\\&gt;", s)
	return s
}

# Inline markup of one line of text (already escaped outside code spans).
function inline(s,   out, n, i, parts, seg, t) {
	n = split(s, parts, "`")
	out = ""
	for (i = 1; i <= n; i++) {
		seg = parts[i]
		if (i % 2 == 0 && i < n) {
			out = out "<code>" esc(seg) "</code>"
			continue
		}
		if (i % 2 == 0)
			seg = "`" seg	# an unpaired backquote stays as it is
		seg = esc(seg)
		while (match(seg, /\[[^]]*\]\([^)]*\)/)) {
			t = substr(seg, RSTART + 1)
			t = substr(t, 1, index(t, "]") - 1)
			seg = substr(seg, 1, RSTART - 1) t substr(seg, RSTART + RLENGTH)
		}
		out = out seg
	}
	# Bold last: it may hold a code span (**`name`**).
	while (match(out, /\*\*[^*]+\*\*/))
		out = substr(out, 1, RSTART - 1) "<strong>" \
		      substr(out, RSTART + 2, RLENGTH - 4) "</strong>" \
		      substr(out, RSTART + RLENGTH)
	return out
}

# A list item; \001 is where a paragraph break inside it was.
function li(s) {
	s = inline(s)
	gsub(/\001/, "<br><br>", s)
	return "<li>" s "</li>"
}

# Closes whatever block is open.
function flush() {
	if (block == "p")
		print "<p>" inline(text) "</p>"
	else if (block == "li")
		print li(text)
	if (block == "li" || block == "ul")
		print "</ul>"
	else if (block == "pre")
		print "</code></pre>"
	else if (block == "table")
		print "</table>"
	block = ""
	text = ""
}

function cells(line, tag,   n, i, c, row) {
	sub(/^[ \t]*\|/, "", line)
	sub(/\|[ \t]*$/, "", line)
	n = split(line, c, "|")
	row = "<tr>"
	for (i = 1; i <= n; i++) {
		gsub(/^[ \t]+|[ \t]+$/, "", c[i])
		row = row "<" tag ">" inline(c[i]) "</" tag ">"
	}
	return row "</tr>"
}

fence && /^```/ { print "</code></pre>"; fence = 0; next }
fence { print esc($0); next }
/^```/ { flush(); printf "<pre><code>"; fence = 1; next }

block == "pre" && (/^    / || /^\t/ || /^$/) {
	line = $0
	sub(/^(    |\t)/, "", line)
	if (line == "")
		pending_blank++
	else {
		for (; pending_blank > 0; pending_blank--)
			print ""
		print esc(line)
	}
	next
}
block == "pre" { pending_blank = 0; flush() }

# A comment line (the measured block's markers) is not shown.
/^<!--.*-->[ \t]*$/ { flush(); next }

/^$/ { if (block != "li") flush(); else { flush_li = 1 }; next }

/^#+ / {
	flush()
	lvl = index($0, " ") - 1
	if (lvl > 6)
		lvl = 6
	print "<h" lvl ">" inline(substr($0, lvl + 2)) "</h" lvl ">"
	next
}

/^\|/ {
	if (block != "table") {
		flush()
		print "<table>"
		block = "table"
		print cells($0, "th")
	} else if ($0 !~ /^\|[-:| \t]+\|?[ \t]*$/)
		print cells($0, "td")
	next
}

/^[-*] / {
	if (block == "li") {
		print li(text)
	} else {
		flush()
		print "<ul>"
	}
	block = "li"
	flush_li = 0
	text = substr($0, 3)
	next
}

block == "li" && /^  +[^ ]/ && !flush_li {
	line = $0
	sub(/^ +/, "", line)
	text = text " " line
	next
}
block == "li" && /^  +[^ ]/ {	# a new paragraph inside the item
	line = $0
	sub(/^ +/, "", line)
	text = text "\001" line
	flush_li = 0
	next
}
block == "li" { flush() }

(/^    / || /^\t/) && block != "p" {
	flush()
	line = $0
	sub(/^(    |\t)/, "", line)
	printf "<pre><code>%s\n", esc(line)
	block = "pre"
	pending_blank = 0
	next
}

{
	line = $0
	sub(/^ +/, "", line)
	text = block == "p" ? text " " line : line
	block = "p"
}

END {
	if (fence)
		print "</code></pre>"
	flush()
}
