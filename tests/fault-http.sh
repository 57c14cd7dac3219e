#!/bin/sh
# The remote source's faults.  The /data server stopped under a running
# `ticctop -b -d 5 -o json --url ...` and started again on the same port: the
# error shows within 2 refreshes, the last clients stay listed meanwhile, and
# ticctop is normal again within 2 refreshes of the restart (a kept-alive
# connection to the old server must not wedge it).  A URL whose host does not
# resolve (in a private network namespace: no query leaves the machine):
# a clear error every refresh, in bounded time, and ticctop keeps running.
. "$top_srcdir/tests/lib/common.sh"
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
command -v unshare >/dev/null || { echo "unshare (util-linux) missing"; exit 77; }
. "$top_srcdir/tests/lib/httpd-server.sh"
at_exit stop_all
scratch=$(mktemp -d)
pid=
stop_all() {
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid"
	httpd_server_stop
	rm -rf "$scratch"
}
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

STREAM=$scratch/stream.json
# Prints "ok|error TOTAL" of report $1.
status_of() { stream_report "$1" | cut -d' ' -f1-2; }

check "server up" httpd_server_start "$scratch" || { cat "$scratch/httpd.err"; finish; }
port=$PORT
"$TICCTOP" -b -d 5 -o json --timeout 2 --url "http://127.0.0.1:$port/fixture/data-mixed.json" \
	>"$STREAM" 2>"$scratch/stream.err" &
pid=$!
check "two good reports" stream_wait 2
expect_eq "$(status_of 2)" "ok 7" "before: the 7 clients of data-mixed.json"

httpd_server_stop
n=$(stream_count)
check "two reports after the server stopped" stream_wait $((n + 2))
expect_eq "$(status_of $((n + 2)))" "error 7" "error within 2 refreshes, last clients still listed"
expect_contains "$(cat "$scratch/stream.err")" "cannot connect" "stderr says it cannot connect"

check "server started again on port $port" httpd_server_start "$scratch" --port "$port"
n=$(stream_count)
check "two reports after the restart" stream_wait $((n + 2))
expect_eq "$(status_of $((n + 2)))" "ok 7" "normal within 2 refreshes of the restart"
check "no value out of range in any report ($(stream_count) reports)" stream_summary >/dev/null
check "ticctop still running" [ -e "/proc/$pid" ]
kill -TERM "$pid"
wait "$pid"
expect_eq "$?" 143 "SIGTERM ends it cleanly (exit 143)"
pid=

# A host that does not resolve, where no resolver can be reached.
if unshare -n true 2>/dev/null; then
	netns="unshare -n"
elif unshare -r -n true 2>/dev/null; then
	netns="unshare -r -n"
else
	echo "cannot make a network namespace (not root, no user namespaces)"
	exit 77
fi
OUT=$(timeout 120 $netns "$TICCTOP" -b -n 3 -d 5 -o json --timeout 3 --url "http://ticctop-test.invalid/data" 2>"$scratch/dns.err")
RC=$?
expect_eq "$RC" 3 "unresolvable host: exit 3 after 3 reports"
expect_eq "$(grep -c 'cannot resolve the host name' "$scratch/dns.err")" 3 "unresolvable host: said each refresh"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '"ok":false')" 3 "unresolvable host: 3 JSON reports"
finish
