#!/bin/sh
# --via socket against a real private chronyd: 1,000 clients (rate-limited
# ones, ::1, Cmd hits from 127.0.0.1) equal `chronyc -c -n clients` field by
# field; the reply socket is there while ticctop runs and gone after it
# exits and after SIGTERM; a stale one of ours is replaced, a file of that
# name that is not our socket is left alone; a fleet of two on one chronyd
# (two reply sockets); chronyd killed and started
# again under a running ticctop; under auto, chronyd started after ticctop:
# chronyc until it answers on the socket, then the socket, said once; an
# ordinary user gets the permission message, and under auto chronyc, for
# good, saying why.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }
at_exit stop_all
stop_all() {
	[ -n "${pid:-}" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid"
	chronyd_stop
}
chronyd_start --cmdport 'ratelimit interval 1 burst 4' || exit 99
tmp=$CHRONYD_DIR
no_reply_socket() { [ -z "$(find "$tmp" -name 'ticctop.*.sock')" ]; }

"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 1000 --packets 6 --ipv6 --all-answered || exit 99
"$CHRONYC_BIN" -n -h 127.0.0.1 -p "$CHRONYD_CMDPORT" tracking >/dev/null || exit 99

read_both "$tmp/ticctop.json" "$tmp/chronyc.csv" --via socket -S "$CHRONYD_SOCK"
expect_eq "$RC" 1 "exit status 1: warnings, no critical"
expect_contains "$OUT" '"source":{"kind":"socket","target":"'"$CHRONYD_SOCK"'","ok":true' "JSON: the source is the socket"
check "the socket's clients are chronyc's, field by field" \
	python3 "$top_srcdir/tests/compare.py" --slack "$SLACK" "$tmp/ticctop.json" "$tmp/chronyc.csv"
expect_contains "$OUT" '"addr":"::1","family":"ipv6"' "IPv6 client read"
check "no reply socket left after --once" no_reply_socket
read_both "$tmp/auto.json" "$tmp/chronyc.csv" -S "$CHRONYD_SOCK"
expect_contains "$OUT" '"kind":"socket"' "auto: root may use the socket, so it does"

# a fleet of two on the same chronyd: each its own reply socket in the same directory
run_ticctop --once -o json --via socket -S "$CHRONYD_SOCK" -S "$CHRONYD_SOCK"
expect_eq "$(echo "$OUT" | grep -c '"kind":"socket","target":"'"$CHRONYD_SOCK"'","ok":true')" 2 "a fleet of two sockets: both read"
check "and both reply sockets removed" no_reply_socket

# a running ticctop: its reply socket beside chronyd's, gone after SIGTERM
STREAM=$tmp/stream.json
"$TICCTOP" -b -d 3 -o json --highlight 0 --via socket -S "$CHRONYD_SOCK" >"$STREAM" 2>"$tmp/stream.err" &
pid=$!
check "two reports" stream_wait 2
check "the reply socket is there while it runs" [ -S "$tmp/ticctop.$pid.sock" ]
check "chronyd killed" chronyd_crash
n=$(stream_count)
check "two reports after the kill" stream_wait $((n + 2))
expect_eq "$(stream_report $((n + 2)) | cut -d' ' -f1)" "error" "an error while chronyd is gone"
expect_contains "$(cat "$tmp/stream.err")" "is chronyd running?" "in the user's words"
check "chronyd started again on the same socket" chronyd_restart
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 40 --packets 2 --all-answered || exit 99
n=$(stream_count)
check "two reports after the restart" stream_wait $((n + 2))
expect_eq "$(stream_report $((n + 2)) | cut -d' ' -f1-3)" "ok 40 2" "normal again: the new chronyd's 40 clients"
kill -TERM "$pid"
wait "$pid"
expect_eq "$?" 143 "SIGTERM ends it (exit 143)"
pid=
check "no reply socket left after SIGTERM" no_reply_socket

# auto with chronyd not running yet: chronyc (failing too, no chronyd) while
# the socket is tried again each poll; once chronyd answers there, the socket
# from that poll on, said in that poll's target only
# Prints "KIND|TARGET" of each complete report in $STREAM.
stream_sources() {
	python3 -c 'import sys
sys.path.insert(0, sys.argv[1])
from jsonstream import reports
for d in reports(open(sys.argv[2]).read()):
    print(d["source"]["kind"] + "|" + d["source"]["target"])' "$top_srcdir/tests/lib" "$STREAM"
}
# Succeeds once a report came through the socket and two more after it.
socket_twice_more() {
	stream_sources | sed -n '/^socket|/,$p' | sed -n 3p | grep -q .
}
check "chronyd killed" chronyd_crash
rm -f "$CHRONYD_SOCK"
"$TICCTOP" -b -d 3 -n 400 -o json --highlight 0 -S "$CHRONYD_SOCK" >"$STREAM" 2>"$tmp/stream.err" &
pid=$!
check "two reports before chronyd runs" stream_wait 2
expect_eq "$(stream_sources | sed -n 2p)" \
	"chronyc|chronyc -c -n -h $CHRONYD_SOCK -m tracking serverstats activity sources sourcestats clients (not the socket yet: no chronyd socket at $CHRONYD_SOCK: is chronyd running, and is that its socket (-S)?; tried again each poll)" \
	"auto, no chronyd yet: chronyc, saying the socket is tried again"
check "chronyd started on that socket" chronyd_restart
check "reports through the socket once chronyd answers there" wait_until 60 socket_twice_more
expect_eq "$(stream_sources | sed -n '/^socket|/,$p' | sed -n 1,3p | tr '\n' '+')" \
	"socket|$CHRONYD_SOCK (the socket answers now: read instead of chronyc)+socket|$CHRONYD_SOCK+socket|$CHRONYD_SOCK+" \
	"auto switches to the socket, says so once, and stays"
# Succeeds if every report from the first through the socket on is ok.
ok_since_socket() {
	_first=$(stream_sources | grep -n '^socket|' | head -1 | cut -d: -f1)
	[ -n "$_first" ] && [ -z "$(stream_summary | sed -n "$_first,\$p" | grep -v '^ok ')" ]
}
check "every report from the first through the socket on is ok" ok_since_socket
kill -TERM "$pid" 2>/dev/null
wait "$pid"
pid=

# a stale socket of ours under the name this pid will use: replaced
stale='import socket, sys; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).bind(sys.argv[1])'
OUT=$(sh -c 'python3 -c "$1" "$2/ticctop.$$.sock" && exec "$3" --once -o json --via socket -S "$4"' sh \
	"$stale" "$tmp" "$TICCTOP" "$CHRONYD_SOCK" 2>&1)
expect_contains "$OUT" '"ok":true' "a stale reply socket of ours is replaced"
check "and removed at exit" no_reply_socket
OUT=$(sh -c 'echo keep >"$1/ticctop.$$.sock" && exec "$2" --once -o json --via socket -S "$3"' sh \
	"$tmp" "$TICCTOP" "$CHRONYD_SOCK" 2>&1)
expect_contains "$OUT" "is not a socket of this user's: not touched" "a file that is not our socket is refused"
expect_eq "$(cat "$tmp"/ticctop.*.sock)" "keep" "and left as it was"
rm -f "$tmp"/ticctop.*.sock

# an ordinary user may not use chronyd's socket
if id nobody >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	as_nobody() { HOME=/nonexistent setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
	OUT=$(as_nobody "$TICCTOP" --once -o json --via socket -S "$CHRONYD_SOCK" 2>&1)
	expect_contains "$OUT" "run as root or the chrony user, or use --via chronyc --sudo" "nobody: the permission message"
	OUT=$(as_nobody "$TICCTOP" --once -o json -S "$CHRONYD_SOCK" 2>/dev/null)
	expect_contains "$OUT" '"kind":"chronyc","target":"chronyc -c -n -h '"$CHRONYD_SOCK"' ' "nobody under auto: chronyc"
	expect_contains "$OUT" "clients (not the socket: may not connect to chronyd's socket beside $CHRONYD_SOCK" \
		"saying why not the socket"
	check "nobody left no reply socket" no_reply_socket
fi
finish
