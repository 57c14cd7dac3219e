#!/bin/sh
# http-fixtures.sh — real /data answers (TICC-DASH, Web Interface V1 and V2)
# served over loopback: ticctop lists the same clients and counters.
. "$top_srcdir/tests/lib/httpd.sh"
http_setup
httpd_start
base="http://127.0.0.1:$PORT"
fx="$top_srcdir/tests/fixtures"

# compare NAME FIXTURE URL: the JSON report of URL matches FIXTURE
compare() {
	run_ticctop "$1" 60 --once -o json --url "$3"
	if [ -s "$TMP/err.$1" ]; then
		fail "$1: stderr: $(head -c 500 "$TMP/err.$1")"
	elif msg=$(python3 "$top_srcdir/tests/lib/dash_compare.py" "$2" "$TMP/out.$1" "$3" "$RC" 2>&1); then
		echo "ok: $1 (${SECS_TAKEN} s): $msg"
	else
		fail "$1: $msg"
	fi
}

for f in data-mixed.json data-hostnames.json chrony-web-v2-data.json chrony-web-v1-data.json; do
	compare "$f" "$fx/$f" "$base/fixture/$f"
done
# 100,000 clients, gzip on the wire (Content-Encoding), decoded by libcurl
compare n100000 "$fx/data-n100000.json.gz" "$base/fixture/data-n100000.json.gz"
# a redirect on the same host is followed
compare redirect-same "$fx/data-mixed.json" "$base/redirect-same"
if ! grep -q "/redirect-same auth=no" "$TMP/httpd.log" || ! grep -q "/fixture/data-mixed.json auth=no" "$TMP/httpd.log"; then
	fail "redirect-same: the server did not see both requests"
fi

# The server's own error (chronyc failed there; still HTTP 200) is the server's.
if expect_error server-error 20 \
	"the server reports an error: \"Error: Command '['sudo', 'chronyc', 'clients']' returned non-zero exit status 1.\" (server clock 22-11-2026, 02:46:49; count 0)" \
	--url "$base/raw/data-error.http"; then
	python3 - "$TMP/out.server-error" <<'PY' || fail "server-error: JSON lacks the server's words"
import json, sys
s = json.load(open(sys.argv[1]))["source"]
assert s["server"] == {"format": "ticc-dash", "time": "22-11-2026, 02:46:49", "count": 0,
                       "error": "Error: Command '['sudo', 'chronyc', 'clients']' returned non-zero exit status 1."}, s
PY
fi

# Text and CSV reports work the same for the http source.
run_ticctop text 20 --once --url "$base/fixture/data-mixed.json"
head -1 "$TMP/out.text" | grep -q '^TICCTOP CRITICAL - 7 clients: 4 ok, 2 warning, 1 critical' ||
	fail "text: $(head -1 "$TMP/out.text")"
[ "$RC" -eq 2 ] || fail "text: exit status $RC, want 2"
run_ticctop csv 20 --once -o csv --url "$base/fixture/data-mixed.json"
if [ "$(wc -l <"$TMP/out.csv")" -ne 8 ] ||
	! tr -d '\r' <"$TMP/out.csv" | grep -q '^127.1.0.8,ipv4,critical,.*,40,28,-5,-5,14,0,,,,,,,,,,,[-0-9T:Z]*,[-0-9T:Z]*,[0-9.]*,false$'; then
	fail "csv: $(cat "$TMP/out.csv")"
fi

# One handle, kept alive: three polls, one connection.
: >"$TMP/httpd.log"
# (--judge total: the fixture never changes, so by recent drops all would be OK)
run_ticctop keepalive 30 -b -n 3 -d 3 --judge total -o json --url "$base/fixture/data-mixed.json"
polls=$(grep -c "/fixture/data-mixed.json" "$TMP/httpd.log")
conns=$(cut -d' ' -f2 "$TMP/httpd.log" | sort -u | wc -l)
if [ "$RC" -ne 2 ] || [ "$polls" -ne 3 ] || [ "$conns" -ne 1 ]; then
	fail "keepalive: exit $RC, $polls requests over $conns connections (want 3 over 1)"
else
	echo "ok: keepalive: 3 polls over 1 connection"
fi
http_finish
