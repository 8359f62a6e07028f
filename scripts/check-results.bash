# shellcheck shell=bash
# How scripts/check counts: one line per result (PASS, FAIL, SKIP), the
# totals, and the results of a test log read against its plans, so that
# a result that never came is a failure and a skipped one shows.
# Sourced by scripts/check and scripts/check-results-test.

passed=0
failed=0
skipped=0
failures=()

pass() { passed=$((passed + 1)); printf 'PASS  %s\n' "$1"; }
skip() { skipped=$((skipped + 1)); printf 'SKIP  %s\n' "$1"; }
fail() {
	failed=$((failed + 1))
	failures+=("$1")
	printf 'FAIL  %s\n' "$1"
	[ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/      | /' "$2" | tail -n 30
}

summary() {	# the last lines; the status says whether all passed
	echo
	if [ "$failed" -gt 0 ]; then
		echo "failed:"
		printf '  %s\n' "${failures[@]}"
	fi
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" = 0 ]
}

# count_results PREFIX LOG: a line per result of LOG, which holds KTAP
# documents ("1..N", "ok N name", "not ok N name", "ok N name # SKIP",
# "1..0 # SKIP reason" for a document skipped whole) and cmocka runs
# ("Running N test(s).", "[       OK ]", "[  FAILED  ]", "[  SKIPPED ]"),
# one after another.  Each plan is checked when its document ends: fewer
# or more results than planned is a failure of its own.
count_results() {
	local prefix=$1 log=$2 line name
	local plan='' got=0 doc='' next='' listing=0
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%$'\r'}
		case $line in
		# run.sh names the program to come (as the kselftest runner
		# does inside its own document).
		"# selftests: "*) next=${line#\# selftests: } ;;
		"TAP version "*) _end_doc ;;
		"1..0 # SKIP"*)
			_end_doc
			skip "$prefix: ${next:+$next: }${line#1..0 # SKIP }"
			next='' ;;
		"1.."[0-9]*)
			_end_doc
			plan=${line#1..}
			plan=${plan%%[!0-9]*}
			doc=$next
			next='' ;;
		"ok "[0-9]*" # SKIP"*)
			name=${line#ok }
			_result "${name#* }"
			skip "$prefix: ${line#ok }" ;;
		"ok "[0-9]*)
			name=${line#ok }
			_result "${name#* }"
			pass "$prefix: ${line#ok }" ;;
		"not ok "[0-9]*)
			name=${line#not ok }
			_result "${name#* }"
			fail "$prefix: ${line#not ok }" ;;
		"[==========] Running "*" test(s).")
			_end_doc
			plan=${line#\[==========\] Running }
			plan=${plan%% *}
			doc=$next
			next='' ;;
		# cmocka lists the failed and skipped tests again at the end.
		"[  FAILED  ] "*" test(s), listed below:"|"[  SKIPPED ] "*" test(s), listed below:")
			listing=1 ;;
		"[  FAILED  ] "*" test(s)"*|"[  SKIPPED ] "*" test(s)"*) ;;
		"[       OK ] "*)
			_result "${line#*\] }"
			pass "$prefix: ${line#*\] }" ;;
		"[  FAILED  ] "*)
			[ "$listing" = 1 ] && continue
			_result "${line#*\] }"
			fail "$prefix: ${line#*\] }" ;;
		"[  SKIPPED ] "*)
			[ "$listing" = 1 ] && continue
			_result "${line#*\] }"
			skip "$prefix: ${line#*\] }" ;;
		esac
	done < "$log"
	_end_doc
}

# The two below work on count_results's locals.
_end_doc() {	# the document read so far had the results its plan promised
	if [ -n "$plan" ] && [ "$got" != "$plan" ]; then
		fail "$prefix: ${doc:-a document}: $got results, planned $plan"
	fi
	plan='' got=0 doc='' listing=0
}

_result() {	# _result NAME: one more result; a document run.sh did not
	# name is named by its first test
	got=$((got + 1))
	[ -n "$doc" ] || doc="$1 and on"
}
