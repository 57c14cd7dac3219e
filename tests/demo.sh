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
# Succeeds if the reports of $STREAM (one a second) tell the demo's story
# (issue 11): a client new to the server after the fifth report (a late
# starter), one that sent and then fell silent for the last 25 reports, and
# one whose drops rose and then stopped while it kept sending.
demo_story() {
	python3 -c '
import sys
sys.path.insert(0, sys.argv[1])
from jsonstream import reports
docs = list(reports(open(sys.argv[2], encoding="utf-8").read()))
if len(docs) < 30:
    sys.exit(1)
early = {c["addr"] for c in docs[4]["clients"]}
hist = {}
for d in docs:
    for c in d["clients"]:
        hist.setdefault(c["addr"], []).append((c["ntp"]["packets"], c["ntp"]["drops"]))
new = [a for a in hist if a not in early]
stopped = [a for a, h in hist.items() if len(h) > 26 and h[-1][0] == h[-26][0] > h[0][0]]
calmed = [a for a, h in hist.items() if len(h) > 11 and h[-1][1] == h[-11][1] > 0 and h[-1][0] > h[-11][0]]
print("new", len(new), "stopped", len(stopped), "calmed", len(calmed), file=sys.stderr)
sys.exit(not (new and stopped and calmed))' "$top_srcdir/tests/lib" "$STREAM" 2>"$STREAM.story"
}
before=$(leftovers)
STREAM=$(mktemp)
pid=
at_exit stop_demo
# Ends the demo still running, if any, and removes the stream.
stop_demo() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid"
	rm -f "$STREAM" "$STREAM.story"
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
		check "the demo's clients start, stop, and are rate-limited then no longer" wait_until 180 demo_story
		echo "story: $(cat "$STREAM.story")"
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
