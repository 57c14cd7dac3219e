#!/bin/sh
# Two private chronyds: an upstream serving its own clock (local stratum 10,
# a small clientloglimit) and a second one that is its client (server
# 127.0.0.1, polling every 0.25 s).  ticctop's JSON of the second one's
# tracking, sources and sourcestats matches `chronyc -c` of the same moment
# (fields that do not move exactly, moving ones within bounds); the
# upstream, sent more clients than its client log keeps, is warned about;
# stopping the upstream (by pid) turns the source's reach to 0 and it critical.
# Both ways are read: --via socket and --via chronyc each match chronyc -c,
# give the same verdicts, and tests/srv_dump's reports of the two (ntpdata
# of the source, and of an address that is none, too) agree value by value
# (tests/lib/server_diff.py); the other checks run once per way.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }

# The upstream: the default config, with a client log of a few records.
chronyd_upstream 'clientloglimit 4096' || exit 99
at_exit chronyd_upstream_stop
at_exit chronyd_stop

chronyd_start "server 127.0.0.1 port $UP_PORT iburst minpoll -2 maxpoll -2" || exit 99
tmp=$CHRONYD_DIR

# Succeeds once the client has selected the upstream and heard its last 8 polls.
synced() {
	chronyd_chronyc -c sources 2>/dev/null | grep -q "^^,\*,127\.0\.0\.1,10,-2,377,"
}
wait_until 120 synced || { echo "the second chronyd never synchronised to the first"; chronyd_chronyc sources; exit 99; }

# Reads ticctop's JSON through --via $1, then chronyc's three reports, one right after the other.
read_server() {
	run_ticctop --once -o json --via "$1" -S "$CHRONYD_SOCK"
	echo "$OUT" >"$tmp/ticctop-$1.json"
	chronyd_chronyc -c tracking >"$tmp/tracking.csv"
	chronyd_chronyc -c sources >"$tmp/sources.csv"
	chronyd_chronyc -c sourcestats >"$tmp/sourcestats.csv"
}

for via in socket chronyc; do
	read_server $via
	expect_eq "$RC" 0 "$via: exit status 0: a synchronised server, its source selected, no client faults"
	check "$via: tracking, sources and sourcestats in JSON match chronyc -c" \
		python3 "$top_srcdir/tests/lib/server_compare.py" "$tmp/ticctop-$via.json" "$tmp/tracking.csv" "$tmp/sources.csv" "$tmp/sourcestats.csv"
	verdict=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))["server"]
s = d["sources"][0]
print(d["available"], d["note"], d["status"], s["status"], s["reason"], d["serverstats"]["ntp_received"] is not None,
      d["activity"]["online"])' "$tmp/ticctop-$via.json")
	expect_eq "$verdict" "local None ok ok selected (*) True 1" "$via: server ok, its source ok and marked selected"

	run_ticctop --once --via $via -S "$CHRONYD_SOCK" --check server
	expect_eq "$RC" 0 "$via: --check server: ok"
	expect_contains "$(echo "$OUT" | head -1)" "TICCTOP OK - server ok | offset=" "$via: --check server: the status line is the server's"
	expect_contains "$OUT" "Reference ID" "$via: text: the server's tracking after the status line"
	expect_contains "$OUT" "127.0.0.1" "$via: text: its source"
done
check "the same server JSON through either way (kind, target, times and moving values aside)" python3 -c 'import json, sys
a, b = (json.load(open(f))["server"] for f in sys.argv[1:])
same = ("available", "note", "status", "reason", "reasons", "sources_dropped", "ntpdata_for", "ntpdata_error", "ntpdata")
bad = [k for k in same if a[k] != b[k]]
bad += [k for k in ("tracking", "serverstats", "activity") if sorted(a[k]) != sorted(b[k])]
bad += ["sources"] if [(s["address"], s["state"], s["status"], s["reason"], s["reach"]) for s in a["sources"]] != \
                      [(s["address"], s["state"], s["status"], s["reason"], s["reach"]) for s in b["sources"]] else []
print(bad)
sys.exit(bool(bad))' "$tmp/ticctop-socket.json" "$tmp/ticctop-chronyc.json"

# Every report and ntpdata (of the source, and of an address that is none) through both ways, value by value.
for addr in 127.0.0.1 127.0.0.9; do
	"$top_builddir/tests/srv_dump" socket "$CHRONYD_SOCK" $addr >"$tmp/dump-socket.txt"
	expect_eq "$?" 0 "srv_dump through the socket ($addr)"
	"$top_builddir/tests/srv_dump" chronyc "$CHRONYD_SOCK" $addr >"$tmp/dump-chronyc.txt"
	expect_eq "$?" 0 "srv_dump through chronyc ($addr)"
	check "$addr: every report's values the same through the socket and through chronyc" \
		python3 "$top_srcdir/tests/lib/server_diff.py" "$tmp/dump-socket.txt" "$tmp/dump-chronyc.txt"
done
expect_contains "$(cat "$tmp/dump-socket.txt")" "ntpdata_error,503 No such source" "no such source: chronyc's 503, through the socket too"

# The upstream's client log keeps a few records: 300 clients overflow it.
"$NTPLOAD" --server 127.0.0.1 --port "$UP_PORT" --clients 300 --packets 1 || exit 99
dropped=$("$CHRONYC_BIN" -c -n -h "$UP_SOCK" serverstats | cut -d, -f5)
check "the upstream dropped client log records ($dropped)" [ "${dropped:-0}" -gt 0 ]
run_ticctop --once --via socket -S "$UP_SOCK"
expect_eq "$RC" 1 "clientlog overflow: warning"
# (the count may have grown since: chronyc's own requests are clients too)
expect_contains "$(echo "$OUT" | head -1 | sed 's/dropped [0-9]* client/dropped N client/')" \
	"client list incomplete: chronyd dropped N client log records; raise clientloglimit in chrony.conf" \
	"the status line says the client list is incomplete and what to raise"
run_ticctop --once -o json --via socket -S "$UP_SOCK"
expect_contains "$OUT" '"rule":"clientlog-full"' "JSON names the clientlog rule"
run_ticctop --once --via chronyc -S "$UP_SOCK" --check clients
expect_eq "$RC" 0 "--check clients: the server's warning does not count"

# Stop the upstream: its reach falls to 0, the source turns critical.
chronyd_upstream_stop
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
