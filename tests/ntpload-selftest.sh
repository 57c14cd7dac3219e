#!/bin/sh
# ntpload-selftest.sh: ntpload against a real private chronyd (automake test:
# 0 pass, 1 fail, 77 skip when there is no chronyd).
# NTPLOAD names the ntpload binary (default ./tests/ntpload); the harness is
# found through $srcdir (default .).

srcdir=${srcdir:-.}
NTPLOAD=${NTPLOAD:-./tests/ntpload}
N=1000
LIVE_S=6
. "$srcdir/tests/lib/chronyd.sh"

passed=0
failed=0

# Records one check: check "what" command...
check() {
	_what=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
		echo "ok - $_what"
	else
		failed=$((failed + 1))
		echo "FAIL - $_what"
	fi
}

# Prints client i's address and role for i < $1, as ntpload.h defines them
# (computed here independently of the module).
expected_clients() {
	awk -v n="$1" 'BEGIN {
		for (i = 0; i < n; i++) {
			r = int(i / 254); m = i % 50
			role = m == 0 ? "flood" : m < 5 ? "rotating" : m < 10 ? "quiet" : "steady"
			printf "127.%d.%d.%d %s\n", 1 + int(r / 256), r % 256, i % 254 + 1, role
		}
		print "::1 " (n % 50 == 0 ? "flood" : n % 50 < 5 ? "rotating" : n % 50 < 10 ? "quiet" : "steady")
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
trap 'chronyd_stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

check "refuses a server outside loopback" \
	sh -c '! "$1" --server 10.0.0.1 --port 123 --clients 1 2>/dev/null' sh "$NTPLOAD"
check "refuses a host name" \
	sh -c '! "$1" --server localhost --port 123 --clients 1 2>/dev/null' sh "$NTPLOAD"

chronyd_start 'ratelimit interval 1 burst 4' || { echo "FAIL: chronyd_start"; exit 1; }
pid=$CHRONYD_PID
dir=$CHRONYD_DIR
expected_clients "$N" >"$tmp/expected"

check "fill $N clients + ::1" \
	"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients "$N" --packets 1 --ipv6
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

chronyd_stop
check "chronyd $pid is gone" sh -c '! kill -0 "$1" 2>/dev/null' sh "$pid"
check "its dir is removed" test ! -e "$dir"

echo "ntpload-selftest: $passed passed, $failed failed"
[ "$failed" = 0 ]
