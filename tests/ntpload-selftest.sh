#!/bin/sh
# ntpload-selftest.sh: ntpload against a real private chronyd (automake test:
# 0 pass, 1 fail, 77 skip when there is no chronyd), and against
# tests/lib/ntpstub.py, a server that loses requests on purpose: the fill
# resends to the clients that had no answer and says how many never did.
# NTPLOAD names the ntpload binary (default tests/ntpload).

N=1000
LIVE_S=6
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"

# Prints client i's address and role for i < $1, as ntpload.h defines them
# (computed here independently of the module).
expected_clients() {
	awk -v n="$1" 'function role(m) {
			return m == 0 ? "flood" : m < 5 ? "rotating" : m < 10 ? "quiet" : m < 13 ? "late" \
			     : m < 16 ? "leaving" : m < 18 ? "limited" : "steady"
		}
		BEGIN {
		for (i = 0; i < n; i++) {
			r = int(i / 254)
			printf "127.%d.%d.%d %s\n", 1 + int(r / 256), r % 256, i % 254 + 1, role(i % 50)
		}
		print "::1 " role(n % 50)
	}'
}

# Succeeds if the distinct addresses in CSV $1 are exactly those in $2.
same_addresses() {
	cut -d, -f1 "$1" | sort -u >"$tmp/got"
	cut -d' ' -f1 "$2" | sort >"$tmp/want"
	cmp -s "$tmp/got" "$tmp/want"
}

# Prints "drops role" for every client of CSV $1, roles from $2.
drops_by_role() {
	awk 'NR == FNR { role[$1] = $2; next }
		{ split($0, f, ","); print f[3], role[f[1]] }' "$2" "$1"
}

# Succeeds if awk condition $2 holds for every "drops role" line of $1 with role $3.
all_of_role() {
	awk -v want="$3" '$2 == want { n++; if (!('"$2"')) bad++ }
		END { exit !(n > 0 && bad == 0) }' "$1"
}

chronyd_available || { echo "SKIP: no $CHRONYD_BIN"; exit 77; }
if [ ! -x "$NTPLOAD" ]; then
	echo "FAIL: no ntpload binary at $NTPLOAD (set NTPLOAD)"
	exit 1
fi
tmp=$(mktemp -d) || exit 1
stub_pid=
# Stops the stub server, chronyd, and removes the temp dir.
stop_all() {
	[ -n "$stub_pid" ] && kill "$stub_pid" 2>/dev/null && wait "$stub_pid" 2>/dev/null
	stub_pid=
	chronyd_stop
	rm -rf "$tmp"
}
at_exit stop_all

# Starts ntpstub.py with options "$@" (port in $stub_port, requests in $tmp/stub.log).
stub_start() {
	rm -f "$tmp/stub.port" "$tmp/stub.log"
	python3 "$top_srcdir/tests/lib/ntpstub.py" --port-file "$tmp/stub.port" --log "$tmp/stub.log" "$@" &
	stub_pid=$!
	wait_until 30 test -s "$tmp/stub.port" || return 1
	stub_port=$(cat "$tmp/stub.port")
}

# Stops the stub server.
stub_stop() {
	kill "$stub_pid" 2>/dev/null
	wait "$stub_pid" 2>/dev/null
	stub_pid=
}

check "refuses a server outside loopback" \
	sh -c '! "$1" --server 10.0.0.1 --port 123 --clients 1 2>/dev/null' sh "$NTPLOAD"
check "refuses a host name" \
	sh -c '! "$1" --server localhost --port 123 --clients 1 2>/dev/null' sh "$NTPLOAD"

chronyd_start 'ratelimit interval 1 burst 4' || { echo "FAIL: chronyd_start"; exit 1; }
pid=$CHRONYD_PID
dir=$CHRONYD_DIR
expected_clients "$N" >"$tmp/expected"

# Every client's first request lost: each is resent once, all answered.
stub_start --drop-first 1 || { echo "FAIL: ntpstub did not start"; exit 1; }
out=$("$NTPLOAD" --server 127.0.0.1 --port "$stub_port" --clients 100 --packets 1 --ipv6 --all-answered)
check "a fill whose first requests are all lost succeeds ($?)" [ $? = 0 ]
expect_contains "$out" "202 sent" "it sent 101 + 101 resent requests"
expect_contains "$out" "101 resent, 0 never answered" "it says it resent 101 and none was left"
expect_contains "$out" "ntpload: retried:" "the log says the step was retried"
check "the server heard every client twice" \
	sh -c '[ "$(sort "$1" | uniq -c | awk "\$1 != 2" | wc -l)" = 0 ] && [ "$(sort -u "$1" | wc -l)" = 101 ]' sh "$tmp/stub.log"
stub_stop

# One client never answered: bounded tries, then it says so and fails.
stub_start --never 127.1.0.5 || { echo "FAIL: ntpstub did not start"; exit 1; }
"$NTPLOAD" --server 127.0.0.1 --port "$stub_port" --clients 10 --packets 2 --all-answered >"$tmp/never.out" 2>"$tmp/never.err"
check "--all-answered: a fill with a client that never answers fails ($?)" [ $? = 1 ]
expect_contains "$(cat "$tmp/never.out")" "1 never answered" "it counts the client that never answered"
expect_contains "$(cat "$tmp/never.err")" "1 clients never answered" "and says so on stderr"
expect_eq "$(grep -c '^127\.1\.0\.5$' "$tmp/stub.log")" 8 "that client: 2 requests and 6 retries, no more"
expect_eq "$(grep -vc '^127\.1\.0\.5$' "$tmp/stub.log")" 18 "the others: their 2 requests only"
stub_stop

check "fill $N clients + ::1" \
	"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients "$N" --packets 1 --ipv6 --all-answered
chronyd_chronyc -c clients >"$tmp/fill.csv"
check "after fill chronyd lists exactly the $N + 1 expected addresses" \
	same_addresses "$tmp/fill.csv" "$tmp/expected"
check "after fill nobody has drops" \
	awk -F, '$3 != 0 { exit 1 }' "$tmp/fill.csv"

check "live profile for $LIVE_S s" \
	"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients "$N" --ipv6 --live "$LIVE_S"
chronyd_chronyc -c clients >"$tmp/live.csv"
drops_by_role "$tmp/live.csv" "$tmp/expected" >"$tmp/drops"
check "after live still exactly the expected addresses" \
	same_addresses "$tmp/live.csv" "$tmp/expected"
check "every flood client has drops" all_of_role "$tmp/drops" '$1 >= 1' flood
check "some flood client is critical (>= 10 drops)" \
	awk '$2 == "flood" && $1 >= 10 { found = 1 } END { exit !found }' "$tmp/drops"
check "rotating clients stay below 10 drops" all_of_role "$tmp/drops" '$1 <= 9' rotating
check "steady clients have no drops" all_of_role "$tmp/drops" '$1 == 0' steady
check "quiet clients have no drops" all_of_role "$tmp/drops" '$1 == 0' quiet
check "limited clients have drops (they flood first)" all_of_role "$tmp/drops" '$1 >= 1' limited
check "leaving clients have no drops (the limit's own pace)" all_of_role "$tmp/drops" '$1 == 0' leaving
check "late clients have no drops (silent for the first 10 s)" all_of_role "$tmp/drops" '$1 == 0' late

chronyd_stop
check "chronyd $pid is gone" sh -c '! kill -0 "$1" 2>/dev/null' sh "$pid"
check "its dir is removed" test ! -e "$dir"
finish
