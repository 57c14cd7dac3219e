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
STREAM=$CHRONYD_DIR/stream.json

"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 50 --packets 8 --all-answered || exit 99
# (-H 0: clients no longer listed go at once; tests/local-rates.sh sees them linger as gone)
"$TICCTOP" -b -d 5 -H 0 -o json -S "$CHRONYD_SOCK" >"$STREAM" 2>"$CHRONYD_DIR/stream.err" &
pid=$!
check "two good reports before the kill" stream_wait 2
expect_eq "$(stream_report 2 | cut -d' ' -f1-3)" "ok 50 8" "before: 50 clients, 8 packets each"

check "chronyd killed" chronyd_crash
n=$(stream_count)
check "two reports after the kill" stream_wait $((n + 2))
expect_eq "$(stream_report $((n + 2)) | cut -d' ' -f1-2)" "error 50" "error within 2 refreshes of the kill; the last clients stay listed"
expect_contains "$(cat "$CHRONYD_DIR/stream.err")" "ticctop: " "the error is on stderr"

check "chronyd started again on the same socket and port" chronyd_restart
n=$(stream_count)
check "two reports after the restart" stream_wait $((n + 2))
expect_eq "$(stream_report $((n + 2)) | cut -d' ' -f1-2)" "ok 0" "normal within 2 refreshes of the restart (empty client log)"

# counters start again from nothing: fewer packets than before
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 30 --packets 2 --all-answered || exit 99
n=$(stream_count)
check "two reports after new traffic" stream_wait $((n + 2))
expect_eq "$(stream_report $((n + 2)) | cut -d' ' -f1-3)" "ok 30 2" "reset counters come through: 30 clients, 2 packets each"
check "no value out of range in any report ($(stream_count) reports)" stream_summary >/dev/null
check "ticctop still running" [ -e "/proc/$pid" ]
kill -TERM "$pid"
wait "$pid"
expect_eq "$?" 143 "SIGTERM ends it cleanly (exit 143)"
pid=
finish
