#!/bin/sh
# An IPv6 time source: two private chronyds, the second the first's client
# over ::1.  Through the socket, the source's ntpdata (its remote and local
# IDs, which chronyc derives from the addresses with MD5) and every other
# report equal chronyc's, value by value (tests/srv_dump,
# tests/lib/server_diff.py); the IDs are also Python's hashlib MD5 of ::1;
# ticctop's JSON of tracking, sources and sourcestats matches chronyc -c.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }

chronyd_upstream || exit 99
at_exit chronyd_upstream_stop
at_exit chronyd_stop

chronyd_start "server ::1 port $UP_PORT iburst minpoll -2 maxpoll -2" || exit 99
tmp=$CHRONYD_DIR

# Succeeds once the client has selected the upstream on ::1 and heard its last 8 polls.
synced() {
	chronyd_chronyc -c sources 2>/dev/null | grep -q '^^,\*,::1,10,-2,377,'
}
wait_until 120 synced || { echo "the second chronyd never synchronised to the first over ::1"; chronyd_chronyc sources; exit 99; }

md5=$(python3 -c 'import hashlib, socket; print(hashlib.md5(socket.inet_pton(socket.AF_INET6, "::1")).hexdigest()[:8].upper())')
for via in socket chronyc; do
	"$top_builddir/tests/srv_dump" $via "$CHRONYD_SOCK" ::1 >"$tmp/dump-$via.txt"
	expect_eq "$?" 0 "srv_dump through $via"
	expect_eq "$(grep '^ntpdata,' "$tmp/dump-$via.txt" | cut -d, -f2-6)" "::1,$md5,$UP_PORT,::1,$md5" \
		"$via: ntpdata of ::1: remote and local IDs are the MD5 of the address ($md5)"
done
check "every report's values the same through the socket and through chronyc" \
	python3 "$top_srcdir/tests/lib/server_diff.py" "$tmp/dump-socket.txt" "$tmp/dump-chronyc.txt"

run_ticctop --once -o json --via socket -S "$CHRONYD_SOCK"
echo "$OUT" >"$tmp/ticctop.json"
chronyd_chronyc -c tracking >"$tmp/tracking.csv"
chronyd_chronyc -c sources >"$tmp/sources.csv"
chronyd_chronyc -c sourcestats >"$tmp/sourcestats.csv"
expect_eq "$RC" 0 "exit status 0: synchronised to its IPv6 source"
check "tracking, sources and sourcestats in JSON match chronyc -c" \
	python3 "$top_srcdir/tests/lib/server_compare.py" "$tmp/ticctop.json" "$tmp/tracking.csv" "$tmp/sources.csv" "$tmp/sourcestats.csv"
finish
