#!/bin/sh
# chronyd killed (SIGKILL) under a running `ticctop -b -d 5 -o json` and
# started again on the same socket and port: the error shows within 2
# refreshes, the last good clients stay listed meanwhile, ticctop is normal
# again within 2 refreshes of the restart, the reset counters come through as
# they are (smaller, never negative), and ticctop is still running and ends
# cleanly on SIGTERM.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }
at_exit stop_all
stop_all() {
	[ -n "${pid:-}" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid"
	chronyd_stop
}
chronyd_start 'ratelimit interval 1 burst 4' || exit 99
out=$CHRONYD_DIR/stream.json
summary() { python3 "$top_srcdir/tests/lib/jsonstream.py" "$out"; }
# Prints the number of complete reports so far.
reports() { summary 2>/dev/null | wc -l; }
# Waits (up to 20 s) until there are at least $1 reports.
wait_reports() {
	_i=0
	while [ "$(reports)" -lt "$1" ] && [ "$_i" -lt 200 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ "$(reports)" -ge "$1" ]
}
# Prints field $2 of report $1 (1-based; fields: ok|error total packets skipped).
field() { summary 2>/dev/null | sed -n "$1p" | cut -d' ' -f"$2"; }

"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 50 --packets 8 || exit 99
"$TICCTOP" -b -d 5 -o json -S "$CHRONYD_SOCK" >"$out" 2>"$CHRONYD_DIR/stream.err" &
pid=$!
check "two good reports before the kill" wait_reports 2
expect_eq "$(field 2 1) $(field 2 2) $(field 2 3)" "ok 50 8" "before: 50 clients, 8 packets each"

check "chronyd killed" chronyd_crash
n=$(reports)
check "two reports after the kill" wait_reports $((n + 2))
expect_eq "$(field $((n + 2)) 1)" error "error within 2 refreshes of the kill"
expect_eq "$(field $((n + 2)) 2)" 50 "while chronyd is gone the last clients stay listed"
expect_contains "$(cat "$CHRONYD_DIR/stream.err")" "ticctop: " "the error is on stderr"

check "chronyd started again on the same socket and port" chronyd_restart
n=$(reports)
check "two reports after the restart" wait_reports $((n + 2))
expect_eq "$(field $((n + 2)) 1) $(field $((n + 2)) 2)" "ok 0" "normal within 2 refreshes of the restart (empty client log)"

# counters start again from nothing: fewer packets than before
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 30 --packets 2 || exit 99
n=$(reports)
check "two reports after new traffic" wait_reports $((n + 2))
expect_eq "$(field $((n + 2)) 1) $(field $((n + 2)) 2) $(field $((n + 2)) 3)" "ok 30 2" "reset counters come through: 30 clients, 2 packets each"
check "no value out of range in any report ($(reports) reports)" summary >/dev/null
check "ticctop still running" [ -e "/proc/$pid" ]
kill -TERM "$pid"
wait "$pid"
expect_eq "$?" 143 "SIGTERM ends it cleanly (exit 143)"
pid=
finish
