#!/bin/sh
# -o prom: `promtool check metrics` (Debian's prometheus) passes on the
# mixed fixture, on every hostile name and on 10,000 clients; label values
# carry names escaped and sanitised; --max-series cuts whole clients with a
# warning; numbers are the same under de_DE.UTF-8.  Then a real
# prometheus-node-exporter with the textfile collector (loopback, a free
# port, started and stopped by pid) serves the series that `ticctop -b
# --output-file` keeps rewriting atomically.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/fakes.sh"
. "$top_srcdir/tests/lib/tcpport.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
command -v promtool >/dev/null || { echo "promtool (Debian prometheus) missing"; exit 99; }
command -v prometheus-node-exporter >/dev/null || { echo "prometheus-node-exporter missing"; exit 99; }
at_exit stop_exporter
at_exit chronyd_stop
fix=$top_srcdir/tests/fixtures
exporter=

# Stops the node exporter this test started (by its pid).
stop_exporter() {
	[ -n "$exporter" ] && kill "$exporter" 2>/dev/null && wait "$exporter" 2>/dev/null
	[ -n "${ticc:-}" ] && kill "$ticc" 2>/dev/null && wait "$ticc" 2>/dev/null
	exporter= ticc=
}

# promtool's verdict on file $1 (its complaints on stdout when it fails).
promtool_ok() {
	promtool check metrics <"$1" >"$scratch/lint" 2>&1 || { cat "$scratch/lint"; return 1; }
}

fake mixed "exec cat '$fix/mixed-clients.csv'"
run_ticctop --chronyc "$scratch/mixed" --once -o prom
echo "$OUT" >"$scratch/mixed.prom"
check "mixed: exit status is the Nagios one (critical)" [ "$RC" = 2 ]
# the server label: the source's target, as JSON's source.target
srv=$("$TICCTOP" --chronyc "$scratch/mixed" --once -o json | python3 -c 'import json, sys; print(json.load(sys.stdin)["source"]["target"])')
check "mixed: promtool check metrics passes" promtool_ok "$scratch/mixed.prom"
expect_contains "$OUT" "ticctop_clients_by_status{server=\"$srv\",status=\"critical\"} 1" "mixed: the summary by status"
expect_contains "$OUT" '# TYPE ticctop_client_ntp_packets_total counter' "mixed: packets are a counter"
expect_contains "$OUT" "ticctop_client_ntp_drops_total{server=\"$srv\",addr=\"127.1.0.8\",family=\"ipv4\"} 28" "mixed: drops per client"
expect_contains "$OUT" 'addr="127.1.0.8",family="ipv4"} 0.03125' "mixed: an interval of 2^-5 is 0.03125 seconds"
expect_contains "$OUT" "ticctop_client_status{server=\"$srv\",addr=\"::1\",family=\"ipv6\"} 0" "mixed: status code per client"
expect_eq "$(grep -c '^# TYPE' "$scratch/mixed.prom")" "$(grep '^# TYPE' "$scratch/mixed.prom" | sort -u | wc -l)" "mixed: one TYPE line per family"
check "mixed: an unknown value is no series (127.1.0.3 has no Cmd interval)" \
	sh -c "! grep -q 'cmd_interval_seconds{[^}]*127.1.0.3\"' '$scratch/mixed.prom'"

LOCPATH=$(sh "$top_srcdir/tests/lib/locale.sh" de_DE.UTF-8) || exit 99
export LOCPATH
LC_ALL=de_DE.UTF-8 run_ticctop --chronyc "$scratch/mixed" --once -o prom
expect_eq "$OUT" "$(cat "$scratch/mixed.prom")" "de_DE.UTF-8: the same exposition, byte for byte"

python3 "$top_srcdir/tests/lib/termcheck.py" clients "$fix/hostile-names.txt" "$scratch/hostile.csv"
fake hostile "exec cat '$scratch/hostile.csv'"
run_ticctop --chronyc "$scratch/hostile" --once -o prom
printf '%s\n' "$OUT" >"$scratch/hostile.prom"
check "hostile names: promtool check metrics passes" promtool_ok "$scratch/hostile.prom"
check "hostile names: no control byte in the exposition" \
	sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$scratch/hostile.prom'"
expect_eq "$(grep -c '^ticctop_client_status{' "$scratch/hostile.prom")" \
	"$(grep -c . "$fix/hostile-names.txt")" "hostile names: a status series for each"
python3 "$top_srcdir/tests/lib/termcheck.py" sanitise "$fix/hostile-names.txt" >"$scratch/shown.txt"
python3 - "$scratch/hostile.prom" "$scratch/shown.txt" <<'PY' >"$scratch/labels.out" 2>&1
# Each addr label, unescaped per the format, is a name as fmt_sanitize shows it.
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
shown = set(open(sys.argv[2], encoding="utf-8").read().splitlines())
got = set()
for m in re.finditer(r'^ticctop_client_status\{server="(?:[^"\\]|\\.)*",addr="((?:[^"\\]|\\.)*)"', text, re.M):
    got.add(re.sub(r'\\(.)', lambda e: "\n" if e.group(1) == "n" else e.group(1), m.group(1)))
print("missing:", sorted(shown - got)) if shown - got else print("all", len(got))
PY
expect_eq "$(cat "$scratch/labels.out")" "all $(grep -c . "$fix/hostile-names.txt")" "hostile names: every name is its sanitised text as a label value"

# A quote, a backslash and a newline's escape in one name: Prometheus's own escapes.
fake quote "printf '%s\n' 'a\"b\\c,1,0,-5,127,2,0,0,127,4294967295'"
run_ticctop --chronyc "$scratch/quote" --once -o prom
# fmt_sanitize shows a backslash as two (so "\x1b" in a name is not an escape); each is escaped
expect_contains "$OUT" 'addr="a\"b\\\\c"' "a quote and a backslash in a name are escaped"

zcat "$fix/n10000-clients.csv.gz" >"$scratch/n10000.csv"
fake n10000 "exec cat '$scratch/n10000.csv'"
run_ticctop --chronyc "$scratch/n10000" --once -o prom
printf '%s\n' "$OUT" >"$scratch/n10000.prom"
check "10,000 clients: promtool check metrics passes" promtool_ok "$scratch/n10000.prom"
expect_eq "$(grep -c '^ticctop_client_status{' "$scratch/n10000.prom")" 10000 "10,000 clients: a status series each"

run_ticctop --chronyc "$scratch/n10000" --once -o prom --max-series 1000
printf '%s\n' "$OUT" >"$scratch/cut.prom"
check "--max-series 1000: promtool check metrics passes" promtool_ok "$scratch/cut.prom"
series=$(grep -vc '^#' "$scratch/cut.prom")
check "--max-series 1000: at most 1000 series ($series)" [ "$series" -le 1000 ]
kept=$(grep -c '^ticctop_client_status{' "$scratch/cut.prom")
expect_contains "$OUT" "ticctop_clients_omitted{server=\"$(echo "$srv" | sed "s|/mixed |/n10000 |")\"} $((10000 - kept))" "--max-series: the clients left out are counted"
expect_contains "$ERR" "ticctop: warning: --max-series 1000: $((10000 - kept)) of 10000 clients left out" "--max-series: a warning on stderr"
run_ticctop --chronyc "$scratch/mixed" --once -o json --max-series 10
expect_contains "$ERR" "--max-series goes with -o prom" "--max-series without -o prom is refused"

# a real chronyd: its own tracking, serverstats and activity as families too
chronyd_available || { echo "chronyd missing"; exit 99; }
chronyd_start || exit 99
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 20 --packets 2 || exit 99
run_ticctop -S "$CHRONYD_SOCK" --via chronyc --once -o prom   # the socket source reads only the clients so far
printf '%s\n' "$OUT" >"$scratch/chronyd.prom"
check "a real chronyd: promtool check metrics passes" promtool_ok "$scratch/chronyd.prom"
expect_contains "$OUT" "# TYPE ticctop_server_serverstats_ntp_received_total counter" "a real chronyd: serverstats counters"
check "a real chronyd: it counted the NTP packets" grep -Eq '^ticctop_server_serverstats_ntp_received_total\{server="[^"]*"\} [1-9]' "$scratch/chronyd.prom"
check "a real chronyd: its stratum" grep -Eq '^ticctop_server_tracking_stratum\{server="[^"]*"\} [0-9]+$' "$scratch/chronyd.prom"
chronyd_stop

# node_exporter's textfile collector serving what ticctop rewrites.
mkdir "$scratch/textfile"
prom=$scratch/textfile/ticctop.prom
"$TICCTOP" --chronyc "$scratch/mixed" -o prom --output-file "$prom" -d 2 2>"$scratch/ticc.err" &
ticc=$!
check "--output-file: the file appears" wait_until 60 test -s "$prom"
check "--output-file: promtool check metrics passes on it" promtool_ok "$prom"
check "--output-file: nothing on stdout-less batch's stderr" [ ! -s "$scratch/ticc.err" ]

# Succeeds when the exporter listens on $port, or has ended.
exporter_settled() { tcp_listening "$port" || ! kill -0 "$exporter" 2>/dev/null; }

# Starts the exporter on a free port; 1 when it ended (the port was taken meanwhile).
start_exporter() {
	port=$(tcp_free_port) || return 1
	prometheus-node-exporter --web.listen-address="127.0.0.1:$port" --collector.disable-defaults \
		--collector.textfile --collector.textfile.directory="$scratch/textfile" 2>"$scratch/exporter.err" &
	exporter=$!
	wait_until 60 exporter_settled && kill -0 "$exporter" 2>/dev/null
}
n=0
until start_exporter; do
	n=$((n + 1))
	[ "$n" -lt 5 ] || { cat "$scratch/exporter.err"; exit 99; }
done
scrape() { curl -sf "http://127.0.0.1:$port/metrics" >"$scratch/scraped" && grep -q '^ticctop_clients{' "$scratch/scraped"; }
check "node_exporter serves ticctop's series" wait_until 60 scrape
expect_contains "$(cat "$scratch/scraped")" "ticctop_client_ntp_drops_total{addr=\"127.1.0.8\",family=\"ipv4\",server=\"$srv\"} 28" "node_exporter: a client's drops as ticctop wrote them"
check "node_exporter: no textfile error" grep -q '^node_textfile_scrape_error 0$' "$scratch/scraped"
# a scrape after the file was replaced again: still whole, no temporary file left behind
mtime=$(stat -c %Y.%N "$prom" 2>/dev/null || stat -c %Y "$prom")
check "--output-file: rewritten each refresh" wait_until 60 sh -c "[ \"\$(stat -c %Y.%N '$prom' 2>/dev/null || stat -c %Y '$prom')\" != '$mtime' ]"
check "node_exporter: serves it again" wait_until 60 scrape
kill "$ticc"
wait "$ticc"
expect_eq "$?" 143 "ticctop -b --output-file ends on SIGTERM with 128+15"
ticc=
expect_eq "$(ls "$scratch/textfile")" "ticctop.prom" "no temporary file left in the textfile directory"
stop_exporter
finish
