#!/bin/sh
# Remote source end to end: a real chronyd with 1,000 loopback clients (some
# rate-limited) plus ::1, behind a dashboard that answers /data the way
# TICC-DASH does (and the Web Interface V1), over real HTTP on loopback:
# ticctop --once -o json --url lists the clients and counters chronyc lists.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
at_exit stop_all
httpd_pid=
stop_all() {
	[ -n "$httpd_pid" ] && kill "$httpd_pid" 2>/dev/null && wait "$httpd_pid" 2>/dev/null
	chronyd_stop
}
chronyd_start 'ratelimit interval 1 burst 4' || exit 99
tmp=$CHRONYD_DIR
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 1000 --packets 6 --ipv6 --all-answered || exit 99
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 20 --packets 12 || exit 99

python3 "$top_srcdir/tests/httpd.py" --port-file "$tmp/port" --log "$tmp/httpd.log" \
	--fixtures "$top_srcdir/tests/fixtures" --chronyc "$CHRONYC_BIN" --chronyc-socket "$CHRONYD_SOCK" &
httpd_pid=$!
wait_until 60 test -s "$tmp/port" || exit 99
port=$(head -n 1 "$tmp/port")

for app in ticc-dash v1; do
	run_ticctop --once -o json --url "http://127.0.0.1:$port/live/$app"
	echo "$OUT" >"$tmp/ticctop.json"
	chronyd_chronyc -c clients >"$tmp/chronyc.csv"
	expect_eq "$RC" 2 "$app: exit status 2 (some clients critical)"
	flag=
	[ $app = ticc-dash ] && flag=--dash
	check "$app: JSON lists what chronyc lists" python3 "$top_srcdir/tests/compare.py" $flag "$tmp/ticctop.json" "$tmp/chronyc.csv"
	expect_contains "$OUT" '"kind":"http","target":"http://127.0.0.1:'"$port/live/$app"'"' "$app: source is the URL"
done
finish
