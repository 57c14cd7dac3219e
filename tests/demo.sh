#!/bin/sh
# --demo starts a private chronyd with live clients, comes to show warnings,
# criticals and IPv6 (waited for, with a generous bound: how soon depends on
# the machine's load), and leaves nothing behind: on a normal end and on
# SIGTERM/SIGINT/SIGHUP.
. "$top_srcdir/tests/lib/common.sh"
[ -x /usr/sbin/chronyd ] || { echo "chronyd missing"; exit 77; }

# The demos of this test make their dirs in a TMPDIR of its own (any user
# may write there, as in /tmp), so other tests' demos are not its leftovers.
DEMO_TMP=$(mktemp -d /tmp/td.XXXXXX) || exit 99
chmod 1777 "$DEMO_TMP"
# Removes the test's TMPDIR.
rm_demo_tmp() { rm -rf "$DEMO_TMP"; }
at_exit rm_demo_tmp
export TMPDIR="$DEMO_TMP"

# Lists this test's demo dirs and the chronyds that use them.
leftovers() {
	ls -d "$DEMO_TMP"/ticctop-demo.* 2>/dev/null
	for p in /proc/[0-9]*; do
		{ tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | grep -qF "$DEMO_TMP/ticctop-demo" && echo "$p"
	done
}
# Lists what leftovers shows now that it did not show before the test.
new_leftovers() {
	leftovers | while read -r l; do
		case "$before" in
		*"$l"*) ;;
		*) echo "$l" ;;
		esac
	done
}
# Succeeds if the last complete report of $STREAM shows 300+ clients,
# warnings, criticals and an IPv6 client.
demo_lively() {
	python3 -c '
import sys
sys.path.insert(0, sys.argv[1])
from jsonstream import reports
docs = list(reports(open(sys.argv[2], encoding="utf-8").read()))
s = docs[-1]["summary"] if docs else None
sys.exit(not (s and s["total"] >= 300 and s["warning"] > 0 and s["critical"] > 0
              and "ipv6" in {c["family"] for c in docs[-1]["clients"]}))' "$top_srcdir/tests/lib" "$STREAM"
}
before=$(leftovers)
STREAM=$(mktemp)
pid=
at_exit stop_demo
# Ends the demo still running, if any, and removes the stream.
stop_demo() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid"
	rm -f "$STREAM"
}

run_ticctop --demo -b -n 2 -o json
check "a demo of two reports ends by itself ($RC)" [ "$RC" -le 2 ]
expect_eq "$(new_leftovers)" "" "nothing left after a normal end"
expect_contains "$OUT" '"target":"ticctop --demo (a private chronyd)"' \
	"one name for every demo (not its temp socket), so its remembered settings are found again"

for sig in TERM INT HUP; do
	"$TICCTOP" --demo -b -d 10 -o json >"$STREAM" 2>/dev/null &
	pid=$!
	check "demo reports ($sig)" stream_wait 1 120
	check "demo started a chronyd ($sig)" [ -n "$(new_leftovers)" ]
	if [ "$sig" = TERM ]; then
		check "the demo comes to show 300+ clients, warnings, criticals and IPv6" wait_until 120 demo_lively
	fi
	kill -$sig $pid
	wait $pid
	rc=$?
	pid=
	check "SIG$sig ends ticctop ($rc)" [ "$rc" -gt 128 ]
	expect_eq "$(new_leftovers)" "" "nothing left after SIG$sig"
done

if [ "$(id -u)" = 0 ]; then
	# an ordinary user: chronyd runs as that user (-U -u)
	scratch=$(mktemp -d)
	chmod 0755 "$scratch"
	cp "$TICCTOP" "$scratch/ticctop"
	out=$(cd / && timeout 120 runuser -u nobody -- "$scratch/ticctop" --demo -b -n 3 -o json 2>&1)
	rc=$?
	rm -rf "$scratch"
	check "demo as an ordinary user ($rc)" [ "$rc" -le 2 ]
	expect_contains "$out" '"ok":true' "demo as an ordinary user reads its chronyd"
	expect_eq "$(new_leftovers)" "" "nothing left after the ordinary user's demo"
fi
finish
