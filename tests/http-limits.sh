#!/bin/sh
# http-limits.sh — the remote source's limits and the server's own words:
# a dashboard that thinks for 4 s is read at the defaults (one limit,
# --timeout, names itself and the option that raises it); a proxy that
# refuses the connection is named as the proxy; Chrony Web Interface V1's
# own error is shown as the server's; an odd "count" is a warning.
. "$top_srcdir/tests/lib/httpd.sh"
http_setup
httpd_start
base="http://127.0.0.1:$PORT"

# 4 s of silence, then the answer: fine at the default --timeout (5 s).
run_ticctop slow-4s 20 --once -o json --url "$base/slow/4"
if [ "$RC" -eq 2 ] && [ ! -s "$TMP/err.slow-4s" ] && grep -q '"total":7,' "$TMP/out.slow-4s"; then
	echo "ok: slow-4s: read at the defaults (${SECS_TAKEN} s)"
else
	fail "slow-4s: exit $RC, stderr: $(cat "$TMP/err.slow-4s")"
fi
# ... and past --timeout, the message names the limit and the option.
expect_error slow-timeout 20 "connected, but no answer within 1." --timeout 1 --url "$base/slow/4"
grep -qF "the limit is --timeout 1 s: a slow dashboard (one resolving names) may need more: raise it with --timeout SECONDS" \
	"$TMP/err.slow-timeout" || fail "slow-timeout: the message does not name --timeout"

# A proxy that refuses the connection (port 1 on loopback) is the proxy's fault.
http_proxy="http://127.0.0.1:1" expect_error proxy-refused 20 "cannot connect to the proxy (" \
	--url "$base/fixture/data-mixed.json"
grep -q "is the dashboard running" "$TMP/err.proxy-refused" && fail "proxy-refused: blames the dashboard"
# ... and without the proxy the same refusal is the dashboard's.
expect_error direct-refused 20 "cannot connect (" --url "http://127.0.0.1:1/data"

# Chrony Web Interface V1 reporting its chronyc's failure.
expect_error v1-error 20 "the server reports an error: \"Error: Command '['chronyc', 'clients']' returned non-zero exit status 1.\"" \
	--url "$base/fixture/chrony-web-v1-error.json"

# A count that contradicts the list: the rows count, a warning on stderr.
printf '{"count": 2.5, "local_time": "01-01-2026, 00:00:00", "clients_parsed": [%s]}\n' \
	'{"addr":"127.1.0.1","NTP":"2","Drop":"0","Int":"-2","IntL":"-","Last":"15","Cmd":"2"}' >"$TMP/count.json"
httpd_stop
httpd_start --fixtures "$TMP"
run_ticctop count 20 --once -o json --url "http://127.0.0.1:$PORT/fixture/count.json"
if [ "$RC" -eq 0 ] && grep -q '"total":1,' "$TMP/out.count" &&
   grep -qxF 'ticctop: warning: the server'"'"'s "count" is 2.5, not a number of clients: ignored' "$TMP/err.count"; then
	echo "ok: count: a warning, the row kept"
else
	fail "count: exit $RC, stderr: $(cat "$TMP/err.count")"
fi
http_finish
