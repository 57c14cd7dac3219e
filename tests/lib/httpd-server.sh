# httpd-server.sh — tests/httpd.py (the loopback /data server) started and
# stopped by its pid; sourced by tests/lib/httpd.sh and the fault and
# terminal-safety tests (POSIX sh; needs top_srcdir).

. "$top_srcdir/tests/lib/wait.sh"
#
#   httpd_server_start DIR [ARGS...]
#     Starts httpd.py on 127.0.0.1 serving tests/fixtures (ARGS may give
#     another --fixtures, --port, --tls, ...), its port file, log
#     (DIR/httpd.log) and stderr (DIR/httpd.err) in DIR; waits (60 s at
#     most) until it listens.  Sets HTTPD_PID, PORT and (with --also-bind) PORT2.
#     Returns 1 if it did not come up.
#   httpd_server_stop
#     Stops it (SIGTERM to HTTPD_PID) and reaps it; safe to call twice.

# Starts httpd.py; see above.
httpd_server_start() {
	_hs_dir=$1
	shift
	rm -f "$_hs_dir/port"
	python3 "$top_srcdir/tests/httpd.py" --port-file "$_hs_dir/port" --log "$_hs_dir/httpd.log" \
		--fixtures "$top_srcdir/tests/fixtures" "$@" 2>>"$_hs_dir/httpd.err" &
	HTTPD_PID=$!
	wait_until 60 _httpd_up "$_hs_dir/port" && [ -s "$_hs_dir/port" ] || return 1
	PORT=$(sed -n 1p "$_hs_dir/port")
	PORT2=$(sed -n 2p "$_hs_dir/port")
}

# Succeeds once port file $1 is written or the server has died.
_httpd_up() {
	[ -s "$1" ] || ! kill -0 "$HTTPD_PID" 2>/dev/null
}

# Stops the server started by httpd_server_start, by its pid.
httpd_server_stop() {
	if [ -n "${HTTPD_PID:-}" ]; then
		kill "$HTTPD_PID" 2>/dev/null
		{ wait "$HTTPD_PID"; } 2>/dev/null
		HTTPD_PID=
	fi
}
