#!/bin/sh
# chronyc misbehaving, without a daemon: output far beyond a pipe buffer is
# read whole (ticctop once gave the child a non-blocking pipe, so a large
# answer failed with EAGAIN); output past --max-size stops the child at once;
# a hanging chronyc in a long batch run is killed at every --timeout and
# reaped (never a zombie); one that ignores SIGTERM gets SIGKILL; one that
# leaves a grandchild holding its stdout does not hold up the refresh.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/fakes.sh"

# Prints "pid state" for each child of pid $1.
children_of() {
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v p="$1" '{ pid = $1; sub(/.*\) /, ""); if ($2 == p) print pid, $1 }'
}

# Succeeds if no pid listed in file $1 (one a line) is still running.
all_gone() {
	while read -r p; do
		[ -e "/proc/$p" ] && { echo "  pid $p still there"; return 1; }
	done <"$1"
	return 0
}

# 1. 9 MB of rows: 150x a pipe buffer
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "127.%d.%d.%d,%d,0,-2,127,15,0,0,127,4294967295\n", 2 + int(i / 65536), int(i / 256) % 256, i % 256, i }' >"$scratch/big.csv"
fake chronyc-big "exec cat '$scratch/big.csv'"
run_ticctop --once -o json --chronyc "$scratch/chronyc-big"
expect_eq "$RC" 0 "9 MB answer: exit 0"
expect_eq "$ERR" "" "9 MB answer: nothing on stderr"
expect_contains "$OUT" '"summary":{"total":200000,' "9 MB answer: all 200,000 rows"

# 2. endless output against --max-size 1: stopped by --max-size, not by
# --timeout (which is longer than run_ticctop's bound: a run that waited
# for it would be killed, not exit 3)
fake chronyc-endless "echo \$\$ >'$scratch/endless.pid'; exec yes 127.0.0.1,1,0,-2,127,15,0,0,127,4294967295"
run_ticctop --once --max-size 1 --timeout 1000 --chronyc "$scratch/chronyc-endless"
expect_eq "$RC" 3 "endless output: exit 3"
expect_contains "$ERR" "chronyc-endless printed more than 1048576 bytes (--max-size)" "endless output: says --max-size"
check "endless output: not stopped by --timeout" sh -c '! echo "$1" | grep -q -- "--timeout"' sh "$ERR"
check "endless output: the child is gone" all_gone "$scratch/endless.pid"

# 3. hanging at every refresh of a batch run: killed each time, never a zombie
# (--timeout 2: each child lives 2 s, so the sampling below, slow on a
# loaded machine, sees them; with 0.3 s it could miss all four)
fake chronyc-hang "echo \$\$ >>'$scratch/hang.pids'; exec sleep 60"
: >"$scratch/hang.pids"
"$TICCTOP" -b -o json -d 3 --timeout 2 -n 4 --chronyc "$scratch/chronyc-hang" >"$scratch/hang.out" 2>"$scratch/hang.err" &
pid=$!
# Succeeds once child $2 of $1 is no longer a zombie.
reaped() {
	case $(children_of "$1") in *"$2 Z"*) return 1 ;; esac
}
zombies=0
sampled=0
i=0
while [ -e "/proc/$pid" ] && [ "$i" -lt 2000 ]; do
	kids=$(children_of "$pid")
	[ -n "$kids" ] && sampled=$((sampled + 1))
	for z in $(echo "$kids" | sed -n 's/ Z$//p'); do
		# reaping takes a moment: only a zombie that stays counts
		wait_until 10 reaped "$pid" "$z" || zombies=$((zombies + 1))
	done
	sleep 0.05 # the sampling rate, not a wait
	i=$((i + 1))
done
wait "$pid"
rc=$?
expect_eq "$rc" 3 "hanging chronyc, batch: exit 3 after 4 reports"
expect_eq "$(grep -c 'gave no answer within 2 s and was stopped' "$scratch/hang.err")" 4 "hanging chronyc, batch: 4 timeouts reported"
expect_eq "$(grep -c '"ok":false' "$scratch/hang.out")" 4 "hanging chronyc, batch: 4 JSON reports"
check "hanging chronyc, batch: children seen while running ($sampled samples)" [ "$sampled" -gt 0 ]
expect_eq "$zombies" 0 "hanging chronyc, batch: never a zombie child"
expect_eq "$(wc -l <"$scratch/hang.pids")" 4 "hanging chronyc, batch: one child per refresh"
check "hanging chronyc, batch: every child is gone" all_gone "$scratch/hang.pids"

# 4. deaf to SIGTERM: SIGKILL a moment later (the child sleeps 60 s: exit 3
# with the child gone means ticctop killed it, not that it ended)
fake chronyc-deaf "trap '' TERM; echo \$\$ >'$scratch/deaf.pid'; exec sleep 60"
run_ticctop --once --timeout 0.5 --chronyc "$scratch/chronyc-deaf"
expect_eq "$RC" 3 "chronyc deaf to SIGTERM: exit 3"
expect_contains "$ERR" "gave no answer within 0.5 s and was stopped (--timeout)" "chronyc deaf to SIGTERM: says so"
check "chronyc deaf to SIGTERM: killed" all_gone "$scratch/deaf.pid"

# 5. a grandchild keeps the pipe open: the answer counts when chronyc exits
# (held up until the grandchild ended, the poll would hit --timeout: exit 3)
fake chronyc-orphan "sleep 60 & echo \$! >'$scratch/orphan.pid'; echo 127.0.0.1,1,0,-2,127,15,0,0,127,4294967295"
run_ticctop --once -o json --timeout 30 --chronyc "$scratch/chronyc-orphan"
expect_eq "$RC" 0 "grandchild holding stdout: exit 0, not held up until --timeout"
expect_contains "$OUT" '"total":1,' "grandchild holding stdout: the row is read"
finish
