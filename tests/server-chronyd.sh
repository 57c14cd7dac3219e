#!/bin/sh
# Two private chronyds: an upstream serving its own clock (local stratum 10,
# a small clientloglimit) and a second one that is its client (server
# 127.0.0.1, polling every 0.25 s).  ticctop's JSON of the second one's
# tracking, sources and sourcestats matches `chronyc -c` of the same moment
# (fields that do not move exactly, moving ones within bounds); the
# upstream, sent more clients than its client log keeps, is warned about;
# stopping the upstream (by pid) turns the source's reach to 0 and it critical.
# Every run says --via chronyc: the socket source reads chronyd's clients
# only so far (its server reports are issue 13's next step), and auto would
# pick it here, where the tests run as root.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }

# The upstream: the default config, with a client log of a few records.
chronyd_start 'clientloglimit 4096' || exit 99
UP_PID=$CHRONYD_PID UP_DIR=$CHRONYD_DIR UP_CONF=$CHRONYD_CONF UP_PORT=$CHRONYD_PORT UP_SOCK=$CHRONYD_SOCK
CHRONYD_PID=

# Stops the upstream chronyd by its pid (chronyd.sh's stop, on its variables).
upstream_stop() {
	[ -n "$UP_PID" ] || return 0
	_us_pid=$CHRONYD_PID _us_dir=$CHRONYD_DIR _us_conf=$CHRONYD_CONF
	CHRONYD_PID=$UP_PID CHRONYD_DIR=$UP_DIR CHRONYD_CONF=$UP_CONF
	chronyd_stop
	UP_PID=
	CHRONYD_PID=$_us_pid CHRONYD_DIR=$_us_dir CHRONYD_CONF=$_us_conf
}
at_exit upstream_stop
at_exit chronyd_stop

chronyd_start "server 127.0.0.1 port $UP_PORT iburst minpoll -2 maxpoll -2" || exit 99
tmp=$CHRONYD_DIR

# Succeeds once the client has selected the upstream and heard its last 8 polls.
synced() {
	chronyd_chronyc -c sources 2>/dev/null | grep -q "^^,\*,127\.0\.0\.1,10,-2,377,"
}
wait_until 120 synced || { echo "the second chronyd never synchronised to the first"; chronyd_chronyc sources; exit 99; }

# Reads ticctop's JSON, then chronyc's three reports, one right after the other.
read_server() {
	run_ticctop --once -o json --via chronyc -S "$CHRONYD_SOCK" "$@"
	echo "$OUT" >"$tmp/ticctop.json"
	chronyd_chronyc -c tracking >"$tmp/tracking.csv"
	chronyd_chronyc -c sources >"$tmp/sources.csv"
	chronyd_chronyc -c sourcestats >"$tmp/sourcestats.csv"
}

read_server
expect_eq "$RC" 0 "exit status 0: a synchronised server, its source selected, no client faults"
check "tracking, sources and sourcestats in JSON match chronyc -c" \
	python3 "$top_srcdir/tests/lib/server_compare.py" "$tmp/ticctop.json" "$tmp/tracking.csv" "$tmp/sources.csv" "$tmp/sourcestats.csv"
verdict=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))["server"]
s = d["sources"][0]
print(d["available"], d["status"], s["status"], s["reason"], d["serverstats"]["ntp_received"] is not None)' "$tmp/ticctop.json")
expect_eq "$verdict" "local ok ok selected (*) True" "server ok, its source ok and marked selected"

run_ticctop --once --via chronyc -S "$CHRONYD_SOCK" --check server
expect_eq "$RC" 0 "--check server: ok"
expect_contains "$(echo "$OUT" | head -1)" "TICCTOP OK - server ok | offset=" "--check server: the status line is the server's"
expect_contains "$OUT" "Reference ID" "text: the server's tracking after the status line"
expect_contains "$OUT" "127.0.0.1" "text: its source"

# The upstream's client log keeps a few records: 300 clients overflow it.
"$NTPLOAD" --server 127.0.0.1 --port "$UP_PORT" --clients 300 --packets 1 || exit 99
dropped=$("$CHRONYC_BIN" -c -n -h "$UP_SOCK" serverstats | cut -d, -f5)
check "the upstream dropped client log records ($dropped)" [ "${dropped:-0}" -gt 0 ]
run_ticctop --once --via chronyc -S "$UP_SOCK"
expect_eq "$RC" 1 "clientlog overflow: warning"
# (the count may have grown since: chronyc's own requests are clients too)
expect_contains "$(echo "$OUT" | head -1 | sed 's/dropped [0-9]* client/dropped N client/')" \
	"client list incomplete: chronyd dropped N client log records; raise clientloglimit in chrony.conf" \
	"the status line says the client list is incomplete and what to raise"
run_ticctop --once -o json --via chronyc -S "$UP_SOCK"
expect_contains "$OUT" '"rule":"clientlog-full"' "JSON names the clientlog rule"
run_ticctop --once --via chronyc -S "$UP_SOCK" --check clients
expect_eq "$RC" 0 "--check clients: the server's warning does not count"

# Stop the upstream: its reach falls to 0, the source turns critical.
upstream_stop
# Succeeds once ticctop shows the source unreachable and critical.
unreachable() {
	run_ticctop --once -o json --via chronyc -S "$CHRONYD_SOCK" --check server
	echo "$OUT" | python3 -c 'import json, sys
s = json.load(sys.stdin)["server"]["sources"][0]
sys.exit(not (s["reach"] == 0 and s["status"] == "critical" and s["reason"].startswith("unreachable")))'
}
check "stopped upstream: reach 0, the source critical (bounded wait)" wait_until 120 unreachable
check "--check server: the server is no longer ok (exit $RC)" test "$RC" -ge 1 -a "$RC" -le 2
finish
