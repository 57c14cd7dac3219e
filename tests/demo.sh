#!/bin/sh
# --demo starts a private chronyd with live clients, comes to show warnings,
# criticals and IPv6 (waited for, with a generous bound: how soon depends on
# the machine's load), and leaves nothing behind: on a normal end and on
# SIGTERM/SIGINT/SIGHUP.
. "$top_srcdir/tests/lib/common.sh"
[ -x /usr/sbin/chronyd ] || { echo "chronyd missing"; exit 77; }

# Prints "PID DIR" for each demo chronyd run below process $1 (one of its
# descendants): this test's own, not those of other suites running beside it.
demo_chronyds() {
	ps -eo pid=,ppid=,args= | awk -v top="$1" '
		{ parent[$1] = $2; args[$1] = $0 }
		END {
			for (p in args)
				if (match(args[p], /chronyd .*-f \/tmp\/ticctop-demo\.[^\/]*\//)) {
					dir = substr(args[p], RSTART, RLENGTH - 1)
					sub(/.*-f /, "", dir)
					for (q = parent[p]; q != "" && q > 1 && q != top; q = parent[q])
						;
					if (q == top)
						print p, dir
				}
		}'
}
# Succeeds once process $1 runs a demo chronyd; MINE gets "PID DIR".
runs_demo() {
	MINE=$(demo_chronyds "$1" | head -n 1)
	[ -n "$MINE" ]
}
# Succeeds if the chronyd and the dir in MINE are gone.
mine_gone() {
	set -- $MINE
	ended "$1" && [ ! -e "$2" ] || { echo "  left: $MINE"; return 1; }
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
STREAM=$(mktemp)
pid=
at_exit stop_demo
# Ends the demo still running, if any, and removes the stream.
stop_demo() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid"
	rm -f "$STREAM"
}

"$TICCTOP" --demo -b -n 2 -o json >"$STREAM" 2>/dev/null &
pid=$!
check "a demo starts its chronyd" wait_until 120 runs_demo "$pid"
wait $pid
rc=$?
pid=
check "a demo of two reports ends by itself ($rc)" [ "$rc" -le 2 ]
check "nothing left after a normal end" mine_gone
expect_contains "$(cat "$STREAM")" '"target":"ticctop --demo (a private chronyd)"' \
	"one name for every demo (not its temp socket), so its remembered settings are found again"

for sig in TERM INT HUP; do
	"$TICCTOP" --demo -b -d 10 -o json >"$STREAM" 2>/dev/null &
	pid=$!
	check "demo reports ($sig)" stream_wait 1 120
	check "demo started a chronyd ($sig)" wait_until 120 runs_demo "$pid"
	if [ "$sig" = TERM ]; then
		check "the demo comes to show 300+ clients, warnings, criticals and IPv6" wait_until 120 demo_lively
	fi
	kill -$sig $pid
	wait $pid
	rc=$?
	pid=
	check "SIG$sig ends ticctop ($rc)" [ "$rc" -gt 128 ]
	check "nothing left after SIG$sig" mine_gone
done

if [ "$(id -u)" = 0 ]; then
	# an ordinary user: chronyd runs as that user (-U -u)
	scratch=$(mktemp -d)
	chmod 0755 "$scratch"
	cp "$TICCTOP" "$scratch/ticctop"
	(cd / && exec timeout 120 runuser -u nobody -- "$scratch/ticctop" --demo -b -n 3 -o json) >"$STREAM" 2>&1 &
	pid=$!
	check "demo as an ordinary user starts its chronyd" wait_until 120 runs_demo "$pid"
	wait $pid
	rc=$?
	pid=
	rm -rf "$scratch"
	check "demo as an ordinary user ($rc)" [ "$rc" -le 2 ]
	expect_contains "$(cat "$STREAM")" '"ok":true' "demo as an ordinary user reads its chronyd"
	check "nothing left after the ordinary user's demo" mine_gone
fi
finish
