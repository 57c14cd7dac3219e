# httpd.sh — what the remote-source tests share: a scratch directory, the
# loopback test server (tests/httpd.py) started and stopped by its pid, and
# runs of ticctop bounded in time.  Sourced by tests/http-*.sh; needs
# top_srcdir and TICCTOP from the test environment.  Loopback only.

. "$top_srcdir/tests/lib/httpd-server.sh"

# Make the scratch directory, clear proxies and secrets, set the cleanup trap.
http_setup() {
	if ! command -v python3 >/dev/null 2>&1; then
		echo "SKIP: python3 is not installed"
		exit 77
	fi
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/ticctop-http.XXXXXX") || exit 1
	HTTPD_PID=
	FAILS=0
	trap http_cleanup EXIT
	trap 'exit 1' INT TERM HUP
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY TICCTOP_PASSWORD
}

# Stop the server and remove the scratch directory.
http_cleanup() {
	httpd_stop
	rm -rf "$TMP"
}

# httpd_start [ARGS...]: start tests/httpd.py (httpd-server.sh); sets
# HTTPD_PID, PORT and, with --also-bind, PORT2.  Fails the test if it is not
# listening in 10 s.
httpd_start() {
	if ! httpd_server_start "$TMP" "$@"; then
		echo "FAIL: httpd.py did not start"
		cat "$TMP/httpd.err"
		exit 1
	fi
}

# Stop the server started by httpd_start, by its pid.
httpd_stop() {
	httpd_server_stop
}

# run_ticctop NAME SECS ARGS...: run ticctop, killed after 6 x SECS (SECS is
# what it needs on an idle machine; the bound only stops a hang, and must
# hold on a loaded one); RC gets its status, $TMP/out.NAME and $TMP/err.NAME
# its output, SECS_TAKEN the time (logged, never judged).
run_ticctop() {
	rt_name=$1
	rt_secs=$2
	shift 2
	rt_t0=$(date +%s%N)
	timeout -k 2 "$((rt_secs * 6))" "$TICCTOP" "$@" >"$TMP/out.$rt_name" 2>"$TMP/err.$rt_name"
	RC=$?
	SECS_TAKEN=$(( ($(date +%s%N) - rt_t0) / 1000000 ))
	SECS_TAKEN=$((SECS_TAKEN / 1000)).$(printf %03d $((SECS_TAKEN % 1000)))
}

# Count a failure and say what it was.
fail() {
	echo "FAIL: $*"
	FAILS=$((FAILS + 1))
}

# expect_error NAME SECS PATTERN ARGS...: `ticctop --once -o json ARGS`
# exits 3 by itself (run_ticctop's bound), writes exactly one line on stderr holding PATTERN,
# and still prints a valid JSON report that says the source failed.
expect_error() {
	ee_name=$1
	ee_secs=$2
	ee_pattern=$3
	shift 3
	run_ticctop "$ee_name" "$ee_secs" --once -o json "$@"
	ee_err="$TMP/err.$ee_name"
	if [ "$RC" -ne 3 ]; then
		fail "$ee_name: exit status $RC, want 3"
	elif [ "$(wc -l <"$ee_err")" -ne 1 ]; then
		fail "$ee_name: stderr is not one line"
	elif ! grep -qF -- "$ee_pattern" "$ee_err"; then
		fail "$ee_name: stderr lacks \"$ee_pattern\""
	elif [ -s "$TMP/out.$ee_name" ] && ! python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["source"]["ok"] is False and d["source"]["error"], d["source"]
' "$TMP/out.$ee_name"; then
		fail "$ee_name: the JSON report does not carry the error"
	else
		echo "ok: $ee_name (${SECS_TAKEN} s): $(cat "$ee_err")"
		return 0
	fi
	echo "  stderr: $(head -c 2000 "$ee_err")"
	return 1
}

# End the test: 0 when nothing failed.
http_finish() {
	if [ "$FAILS" -ne 0 ]; then
		echo "$FAILS check(s) failed"
		exit 1
	fi
	exit 0
}
