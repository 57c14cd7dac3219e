#!/bin/sh
# Rates against a real chronyd with traffic of known rates (issue 11): a
# client sending 2 requests/s shows 2.0 +- 10 %, a rate-limited one shows
# its drops/s and turns critical, then OK once it stopped and its drops left
# the window; a newcomer is new, then not; chronyd restarted mid-run gives
# resets, no negative rate, the restart in the summary, and gone clients
# that fade.  Every wait is for a condition, with a generous bound.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
. "$top_srcdir/tests/lib/wait.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }
at_exit stop_all
# one request a second on average, a burst of 4: 2/s is dropped, 0.5/s never
chronyd_start 'ratelimit interval 0 burst 4' || exit 99
STREAM=$CHRONYD_DIR/stream.json
pids=

# Stops what this test started, by pid: the pacers, ticctop, chronyd.
stop_all() {
	for p in $pids; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	chronyd_stop
}

# Starts a client at $1 sending $2 requests/s; its pid in PACER.
pace() {
	python3 "$top_srcdir/tests/lib/ntppace.py" --port "$CHRONYD_PORT" --source "$1" --rate "$2" &
	PACER=$!
	pids="$pids $PACER"
}

ask() { python3 "$top_srcdir/tests/lib/ratecheck.py" "$STREAM" "$@"; }
client_is() { ask client "$1" | grep -q "^$2"; } # ADDR, the start of "status state ntp drops reason"
summary_not_null() { [ "$(ask summary "$1")" != - ]; }

pace 127.3.0.1 2
busy=$PACER
pace 127.3.0.2 0.5
wait_until 60 sh -c "\"$CHRONYC_BIN\" -n -c -h '$CHRONYD_SOCK' clients | grep -q '^127\.3\.0\.2,'" || exit 99

"$TICCTOP" -b -o json -d 10 --window 20 -H 10 -S "$CHRONYD_SOCK" >"$STREAM" 2>"$CHRONYD_DIR/ticctop.err" &
pids="$pids $!"

check "2 requests/s read as 2.0 +- 10 % (three reports in a row)" \
	wait_until 120 ask steady 127.3.0.1 1.8 2.2 3
check "0.5 requests/s read as 0.5 +- 10 %" wait_until 120 ask steady 127.3.0.2 0.45 0.55 3
check "the rate-limited client turns critical" wait_until 60 client_is 127.3.0.1 critical
set -- $(ask client 127.3.0.1)
check "... with its drops/s ($4)" python3 -c "import sys; sys.exit(not 0.3 <= float(sys.argv[1]) <= 2)" "$4"
expect_contains "$*" "in the last" "... and the span in its reason ($*)"
check "the client under the limit stays OK" client_is 127.3.0.2 ok

pace 127.3.0.3 0.5
check "a newcomer is new" wait_until 60 ask seen 127.3.0.3 new
check "... and then no longer" wait_until 60 client_is 127.3.0.3 "ok -"

kill "$busy"
check "the client no longer sent to turns OK within the window" wait_until 120 client_is 127.3.0.1 ok
check "... its rate down to 0" wait_until 120 client_is 127.3.0.1 "ok - 0.0 "

expect_eq "$(ask summary restarted)" - "no restart seen yet"
chronyd_restart || exit 99
check "chronyd restarted: the summary says when" wait_until 120 summary_not_null restarted
check "the clients listed again were reset" wait_until 60 ask seen 127.3.0.2 reset
check "the silent client is gone" wait_until 60 ask seen 127.3.0.1 gone
check "... and removed after --highlight" wait_until 60 client_is 127.3.0.1 absent
check "0.5 requests/s again after the restart" wait_until 120 ask steady 127.3.0.2 0.45 0.55 3
check "no report had a negative or absurd rate" ask sane 50
finish
