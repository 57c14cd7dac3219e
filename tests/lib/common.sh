# common.sh: what the integration tests share (POSIX sh).
#
#   . "$top_srcdir/tests/lib/common.sh"
#   check "what is being checked" test-command...
#   expect_contains "$output" "needle" "what"
#   at_exit chronyd_stop        # run however the test ends
#   wait_until SECS command...  # until the command succeeds (bounded)
#   finish                      # exit 1 if any check failed, else 0

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${TICCTOP:=$top_srcdir/ticctop}"
: "${NTPLOAD:=$top_srcdir/tests/ntpload}"
. "$top_srcdir/tests/lib/wait.sh"
_failed=0
_checks=0

# Records one check: prints ok/FAIL with its description.
check() {
	_what=$1
	shift
	_checks=$((_checks + 1))
	if "$@"; then
		echo "ok - $_what"
	else
		echo "FAIL - $_what"
		_failed=$((_failed + 1))
	fi
}

# Checks that text $1 contains $2.
expect_contains() {
	case $1 in
	*"$2"*) check "$3" true ;;
	*) echo "  expected to find: $2"; echo "  in: $1" | head -c 2000; echo; check "$3" false ;;
	esac
}

# Checks that two values are equal.
expect_eq() {
	if [ "$1" = "$2" ]; then
		check "$3" true
	else
		echo "  expected [$2], got [$1]"
		check "$3" false
	fi
}

# Runs ticctop with a time limit (a bound for a hang, 120 s, never an
# expectation); stdout to $OUT, stderr to $ERR, status to $RC.
run_ticctop() {
	OUT=$(timeout 120 "$TICCTOP" "$@" 2>"$_errfile")
	RC=$?
	ERR=$(cat "$_errfile")
}

# A stream of `ticctop -b -o json` reports in file $STREAM (tests/lib/jsonstream.py):
#   stream_summary    one line per complete report: ok|error TOTAL MAX_NTP_PACKETS SKIPPED
#                     (fails if a value is out of range)
#   stream_count      how many complete reports there are
#   stream_wait N [S] wait (S, default 60 s, at most) until there are N; fails if they never come
#   stream_has N      there are N or more
#   stream_report N   the summary line of report N (1-based)
stream_summary() { python3 "$top_srcdir/tests/lib/jsonstream.py" "$STREAM"; }
stream_count() { stream_summary 2>/dev/null | wc -l; }
stream_report() { stream_summary 2>/dev/null | sed -n "$1p"; }
stream_wait() { wait_until "${2:-60}" stream_has "$1"; }
stream_has() { [ "$(stream_count)" -ge "$1" ]; }

# Ends the test: 1 if any check failed.
finish() {
	echo "$_checks checks, $_failed failed"
	[ "$_failed" = 0 ]
	exit $?
}

# Runs the commands added with at_exit, then removes the temp file.
_cleanup() {
	for _c in $_at_exit; do
		"$_c"
	done
	rm -f "$_errfile"
}

# Adds a function to run however the test ends (e.g. at_exit chronyd_stop).
at_exit() {
	_at_exit="$_at_exit $1"
}

_at_exit=
_errfile=$(mktemp)
trap _cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
