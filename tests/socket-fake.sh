#!/bin/sh
# --via socket against a stand-in chronyd (tests/lib/fakechronyd.py) that
# answers badly on purpose: lost and late replies are asked for again and
# the walk is whole (a late answer to an earlier sending is taken); a table resized mid-walk starts the walk again; every
# bad answer is an error in words (never a crash, never a row); protocol
# mismatches fall back to chronyc under auto, saying why.  The server's
# reports come in the same poll; a bad report reply is said in the server's
# note and that report is null, the clients unharmed.
. "$top_srcdir/tests/lib/common.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sf.XXXXXX") || exit 99
at_exit cleanup
cleanup() {
	[ -n "${fake:-}" ] && kill "$fake" 2>/dev/null && wait "$fake" 2>/dev/null
	[ -n "${holder:-}" ] && kill "$holder" 2>/dev/null && wait "$holder" 2>/dev/null
	[ -n "${auto:-}" ] && kill "$auto" 2>/dev/null && wait "$auto" 2>/dev/null
	rm -rf "$tmp"
}
sock=$tmp/chronyd.sock

# Starts the stand-in in mode $1 (fake = its pid).
fake_start() {
	[ -n "${fake:-}" ] && kill "$fake" 2>/dev/null && wait "$fake" 2>/dev/null
	rm -f "$sock.pid"
	python3 "$top_srcdir/tests/lib/fakechronyd.py" "$sock" "$1" 20 &
	fake=$!
	wait_until 60 [ -s "$sock.pid" ] || exit 99
}

# Runs ticctop --once -o json through the socket against mode $1 (more args after).
through() {
	fake_start "$1"
	shift
	run_ticctop --once -o json -S "$sock" --timeout 20 "$@"
}

for mode in good drop late stale resize; do
	through $mode --via socket
	expect_contains "$OUT" '"ok":true' "$mode: the walk ends well"
	expect_contains "$OUT" '"total":20,' "$mode: all 20 clients, once each"
	expect_contains "$OUT" '"addr":"127.2.0.20"' "$mode: the last client too"
done

through good --via socket
check "good: the server's reports in the same poll" python3 -c 'import json, sys
d = json.loads(sys.argv[1])["server"]
s = d["sources"][0]
sys.exit(not (d["available"] == "local" and d["note"] is None and d["tracking"]["ref_name"] == "127.0.0.1"
              and d["tracking"]["frequency"] == -4.883 and d["serverstats"]["ntp_received"] == 100
              and d["activity"]["online"] == 1 and s["address"] == "127.0.0.1" and s["state"] == "selected"
              and s["reach"] == 255 and s["np"] == 8))' "$OUT"

for case in \
	"rshort|tracking|tracking: the reply's length is not that of its type" \
	"rtype|serverstats|serverstats: the reply is of a type that does not answer the command" \
	"rcount|sources|sources: the reply holds more records than were asked for" \
	"rvalue|tracking|tracking: a value in the reply is beyond what chronyc prints" \
	"rgone|sources|"; do
	mode=${case%%|*} rest=${case#*|}
	report=${rest%%|*} note=${rest#*|}
	through "$mode" --via socket
	expect_contains "$OUT" '"total":20,' "$mode: the clients unharmed"
	check "$mode: $report null, the note says why (${note:-none})" python3 -c 'import json, sys
d = json.loads(sys.argv[1])["server"]
sys.exit(not (d[sys.argv[2]] is None and (d["note"] or "") == sys.argv[3] and d["available"] == "local"))' "$OUT" "$report" "$note"
done

# A report never answered is left out once the clients are read (after 3
# sendings, 1.75 s): the poll delivers them long before --timeout, saying so.
through rmute --via socket --timeout 60
expect_eq "$RC:$ERR" "3:" "rmute: the poll ends well, not at --timeout; UNKNOWN: the server is not judged (exit $RC: $ERR)"
expect_contains "$OUT" '"total":20,' "rmute: the clients delivered"
check "rmute: tracking null, the others read, the note says why" python3 -c 'import json, sys
d = json.loads(sys.argv[1])["server"]
sys.exit(not (d["tracking"] is None and d["note"] == "chronyd did not answer the tracking request"
              and d["serverstats"]["ntp_received"] == 100 and d["sources"][0]["np"] == 8))' "$OUT"
through rmute --via socket --timeout 60 -o text
expect_contains "$OUT" "
SERVER
  Note: chronyd did not answer the tracking request
" "rmute: the text report says so too"
expect_contains "$OUT" "TICCTOP UNKNOWN - 20 clients: 20 ok, 0 warning, 0 critical - server: not available: chronyd did not answer the tracking request |" "rmute: the status line says why it is UNKNOWN"

for case in \
	"inactive|519 Client logging is not active in the daemon: remove \"noclientlog\"" \
	"version5|does not speak ticctop's protocol (version 6, chrony 4.0 or later: chronyd speaks another protocol version" \
	"unknown|does not speak ticctop's protocol (version 6, chrony 4.0 or later: chronyd does not know the command)" \
	"short|is not valid: the reply is shorter than a reply header" \
	"command|is not valid: the reply is to another command" \
	"count|is not valid: the reply holds more records than were asked for" \
	"index|is not valid: the reply's table indices do not follow from the request" \
	"family|is not valid: a record's address is neither IPv4 nor IPv6"; do
	mode=${case%%|*}
	through "$mode" --via socket
	expect_eq "$RC" 3 "$mode: exit status 3 (the source failed)"
	expect_contains "$ERR" "${case#*|}" "$mode: in words"
	expect_contains "$OUT" '"total":0,' "$mode: no row"
done

through silent --via socket --timeout 1
expect_contains "$ERR" "chronyd gave no answer on $sock within 1 s (--timeout)" "silent: the timeout"
check "no reply socket left" [ -z "$(find "$tmp" -name 'ticctop.*.sock')" ]

# Reply sockets that killed runs left beside chronyd's are swept, nothing
# else: a socket of this user's whose pid is no process and on which nobody
# answers goes; a regular file, a socket of another user's, and one that
# someone still answers on (a ticctop in another PID namespace) stay.
# shellcheck disable=SC2046 # five pids, one a word
set -- $(python3 -c 'import os
found, p = [], 4194303
while len(found) < 5 and p > 1000:
    try:
        os.kill(p, 0)
    except ProcessLookupError:
        found.append(p)
    except PermissionError:
        pass
    p -= 1
print(*found)')
# Binds a datagram socket at $1 and leaves it behind.
leave_socket() {
	python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).bind(sys.argv[1])' "$1"
}
leave_socket "$tmp/ticctop.$1.sock"
leave_socket "$tmp/ticctop.$2.3.sock"
echo x >"$tmp/ticctop.$3.sock"
leave_socket "$tmp/ticctop.$4.sock"
others=$(chown nobody "$tmp/ticctop.$4.sock" 2>/dev/null && echo yes)
python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[1] + ".up", "w").close()
time.sleep(600)' "$tmp/ticctop.$5.sock" &
holder=$!
wait_until 60 [ -e "$tmp/ticctop.$5.sock.up" ] || exit 99
through good --via socket
expect_contains "$OUT" '"total":20,' "with stale reply sockets beside chronyd's: the walk ends well"
check "a killed run's reply sockets are swept" [ ! -e "$tmp/ticctop.$1.sock" ] && [ ! -e "$tmp/ticctop.$2.3.sock" ]
check "a regular file of that name stays" [ -f "$tmp/ticctop.$3.sock" ]
[ -n "$others" ] && check "another user's socket stays" [ -S "$tmp/ticctop.$4.sock" ]
check "a socket someone answers on stays" [ -S "$tmp/ticctop.$5.sock" ]
kill "$holder" && wait "$holder" 2>/dev/null
holder=
rm -f "$tmp"/ticctop.*

# auto: a chronyd that does not speak the protocol hands over to chronyc, once
fake_start version5
STREAM=$tmp/stream.json
"$TICCTOP" -b -d 2 -n 3 -o json -S "$sock" --timeout 5 >"$STREAM" 2>"$tmp/err"
expect_eq "$?" 3 "auto, version 5: chronyc then fails too (exit 3)"
expect_eq "$(grep -c '"kind":"chronyc","target":"chronyc -c -n -h [^"]* clients (not the socket: chronyd on [^"]* does not speak' "$STREAM")" 3 \
	"auto, version 5: every report says chronyc, and why not the socket"
through silent --timeout 1
expect_contains "$OUT" '"kind":"chronyc"' "auto, no answer on the socket: chronyc"
expect_contains "$OUT" "(not the socket yet: chronyd gave no answer on $sock within 1 s (--timeout); tried again each poll)" \
	"auto, no answer: the socket is tried again"

# auto while the socket does not answer: chronyc each poll, the socket tried
# beside it; once it answers, the socket (said in that poll only) for good
# Prints the source's kind of each complete report in $STREAM.
stream_kinds() {
	python3 -c 'import sys
sys.path.insert(0, sys.argv[1])
from jsonstream import reports
for d in reports(open(sys.argv[2]).read()):
    print(d["source"]["kind"], "now" if d["source"]["target"].endswith("(the socket answers now: read instead of chronyc)") else "")' \
		"$top_srcdir/tests/lib" "$STREAM"
}
# Succeeds once two reports came through the socket.
two_through_socket() { [ "$(stream_kinds | grep -c '^socket')" -ge 2 ]; }
STREAM=$tmp/auto.json
fake_start silent
"$TICCTOP" -b -d 5 -n 200 -o json -S "$sock" --timeout 1 >"$STREAM" 2>"$tmp/auto.err" &
auto=$!
check "auto, silent socket: two reports" stream_wait 2
expect_eq "$(stream_kinds | sort -u | tr '\n' '+')" "chronyc +" "auto, silent socket: chronyc"
fake_start good
check "auto: reports through the socket once it answers" wait_until 60 two_through_socket
expect_eq "$(stream_kinds | sed -n '/^socket/,$p' | sed -n 1,2p | tr '\n' '+')" "socket now+socket +" \
	"auto: the switch said in its poll only"
expect_eq "$(stream_kinds | sed -n '/^socket/,$p' | sort -u | tr '\n' '+')" "socket +socket now+" "auto: the socket stays"
kill -TERM "$auto" 2>/dev/null
wait "$auto"
auto=

# the config file's via, and --sudo (which runs chronyc) against --via socket
mkdir -p "$tmp/cfg/ticctop" && echo "via = socket" >"$tmp/cfg/ticctop/config"
fake_start version5
OUT=$(XDG_CONFIG_HOME=$tmp/cfg "$TICCTOP" --once -o json -S "$sock" 2>&1)
expect_contains "$OUT" '"kind":"socket"' "via = socket in the config file: the socket, no fallback"
expect_contains "$OUT" "does not speak ticctop's protocol" "and its error"
run_ticctop --once --via socket --sudo -S "$sock"
expect_eq "$RC" 3 "--via socket --sudo: refused"
expect_contains "$ERR" "--sudo runs chronyc: it cannot go with --via socket" "in words"
finish
