#!/bin/sh
# -o influx: a real InfluxDB 1.6 (Debian's influxdb: a private config, data
# and ports on loopback, reporting off, started and stopped by pid) takes
# ticctop's line protocol for the mixed fixture and for every hostile name,
# and queries give back the counts; the lines are the same under
# de_DE.UTF-8.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/fakes.sh"
. "$top_srcdir/tests/lib/tcpport.sh"
command -v influxd >/dev/null || { echo "influxd (Debian influxdb) missing"; exit 99; }
at_exit stop_influxd
fix=$top_srcdir/tests/fixtures
influxd_pid=

# Stops the InfluxDB this test started (by its pid).
stop_influxd() {
	[ -n "$influxd_pid" ] && kill "$influxd_pid" 2>/dev/null && wait "$influxd_pid" 2>/dev/null
	influxd_pid=
}

# Succeeds when InfluxDB answers /ping, or has ended.
influxd_settled() {
	curl -sf "http://127.0.0.1:$port/ping" >/dev/null || ! kill -0 "$influxd_pid" 2>/dev/null
}

# Starts InfluxDB with a private config on free ports; 1 when it ended (a port was taken meanwhile).
start_influxd() {
	port=$(tcp_free_port) && rpc=$(tcp_free_port) || return 1
	[ "$port" != "$rpc" ] || return 1
	cat >"$scratch/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc"
[meta]
  dir = "$scratch/influx/meta"
[data]
  dir = "$scratch/influx/data"
  wal-dir = "$scratch/influx/wal"
  query-log-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:$port"
  log-enabled = false
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
[subscriber]
  enabled = false
CONF
	influxd run -config "$scratch/influxdb.conf" >"$scratch/influxd.log" 2>&1 &
	influxd_pid=$!
	wait_until 60 influxd_settled && kill -0 "$influxd_pid" 2>/dev/null
}
n=0
until start_influxd; do
	stop_influxd
	n=$((n + 1))
	[ "$n" -lt 5 ] || { tail -n 20 "$scratch/influxd.log"; exit 99; }
done

# query DB Q: the JSON answer of InfluxQL query Q.
query() {
	curl -sf -G "http://127.0.0.1:$port/query" --data-urlencode "db=$1" --data-urlencode "q=$2"
}
# write DB FILE: post line protocol; succeeds on 204.
write() {
	curl -s -o "$scratch/write.out" -w '%{http_code}' -XPOST "http://127.0.0.1:$port/write?db=$1" \
		--data-binary "@$2" >"$scratch/write.code"
	[ "$(cat "$scratch/write.code")" = 204 ] || { cat "$scratch/write.out"; return 1; }
}
# value JSON: the first value of the first series' first row (its column 1).
value() { python3 -c 'import json, sys; print(json.load(sys.stdin)["results"][0]["series"][0]["values"][0][1])'; }

query ticctop 'CREATE DATABASE ticctop' >/dev/null || { echo "cannot create the database"; exit 99; }

fake mixed "exec cat '$fix/mixed-clients.csv'"
run_ticctop --chronyc "$scratch/mixed" --once -o influx
printf '%s\n' "$OUT" >"$scratch/mixed.lp"
expect_contains "$OUT" 'ticctop_clients,server=' "mixed: a line per client"
expect_contains "$OUT" 'addr=127.1.0.8,family=ipv4 status="critical",status_code=2i,ntp_packets=40i,ntp_drops=28i,ntp_interval=0.03125' "mixed: integers with i, intervals in seconds"
check "mixed: InfluxDB takes the lines" write ticctop "$scratch/mixed.lp"
expect_eq "$(query ticctop 'SELECT count(status_code) FROM ticctop_clients' | value)" 7 "mixed: 7 clients queried back"
expect_eq "$(query ticctop 'SELECT sum(ntp_drops) FROM ticctop_clients' | value)" 38 "mixed: their drops add up"
expect_eq "$(query ticctop 'SELECT last(critical) FROM ticctop_summary' | value)" 1 "mixed: the summary's critical count"
expect_eq "$(query ticctop "SELECT count(status_code) FROM ticctop_clients WHERE status = 'warning'" | value)" 2 "mixed: the status as a string field"

LOCPATH=$(sh "$top_srcdir/tests/lib/locale.sh" de_DE.UTF-8) || exit 99
export LOCPATH
LC_ALL=de_DE.UTF-8 run_ticctop --chronyc "$scratch/mixed" --once -o influx
expect_eq "$(printf '%s\n' "$OUT" | sed 's/ [0-9]*$//')" "$(sed 's/ [0-9]*$//' "$scratch/mixed.lp")" "de_DE.UTF-8: the same lines (timestamps aside)"

python3 "$top_srcdir/tests/lib/termcheck.py" clients "$fix/hostile-names.txt" "$scratch/hostile.csv"
fake hostile "exec cat '$scratch/hostile.csv'"
query ticctop 'CREATE DATABASE hostile' >/dev/null
run_ticctop --chronyc "$scratch/hostile" --once -o influx
printf '%s\n' "$OUT" >"$scratch/hostile.lp"
check "hostile names: no control byte in the lines" sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$scratch/hostile.lp'"
check "hostile names: InfluxDB takes the lines" write hostile "$scratch/hostile.lp"
names=$(grep -c . "$fix/hostile-names.txt")
expect_eq "$(query hostile 'SELECT count(status_code) FROM ticctop_clients' | value)" "$names" "hostile names: every client queried back"
expect_eq "$(query hostile 'SHOW TAG VALUES FROM ticctop_clients WITH KEY = addr' |
	python3 -c 'import json, sys; print(len(json.load(sys.stdin)["results"][0]["series"][0]["values"]))')" "$names" \
	"hostile names: each its own addr tag"
fake quote "printf '%s\n' 'a b=c\"d\\,1,0,-5,127,2,0,0,127,4294967295'"
run_ticctop --chronyc "$scratch/quote" --once -o influx
expect_contains "$OUT" ',addr=a\ b\=c"d\\x5c,family=hostname ' "a blank and an equals sign in a tag are escaped, a backslash at its end is \\x5c"
printf '%s\n' "$OUT" >"$scratch/quote.lp"
check "that name: InfluxDB takes the lines" write ticctop "$scratch/quote.lp"
stop_influxd
finish
