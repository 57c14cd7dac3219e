#!/bin/sh
# local-sources.sh — the chronyc source's ends: an error on stderr with no
# rows is that error whatever the exit status; a chronyc that cannot be
# started is reported at once, not after a --delay; SIGQUIT and a crash
# (SIGSEGV, SIGABRT, SIGBUS, SIGFPE) stop chronyc's whole process group;
# a wrapper's background children do not outlive the poll.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/fakes.sh"
ulimit -c 0 # the crash rounds dump no core

# Succeeds if no pid in files $@ runs any more.
none_alive() {
	for _g_f in "$@"; do
		kill -0 "$(cat "$_g_f")" 2>/dev/null && return 1
	done
	return 0
}

# Succeeds once no pid in files $@ runs any more (waits 60 s at most).
gone() {
	wait_until 60 none_alive "$@"
}

# Succeeds if files $@ exist and are not empty.
all_written() {
	for _a_f in "$@"; do
		[ -s "$_a_f" ] || return 1
	done
}

# Waits (60 s at most) until files $@ exist and are not empty.
appear() {
	wait_until 60 all_written "$@"
}

# 1. exit 0, no rows, an error on stderr: that error, exit 3, one line.
fake chronyc-506 'echo "506 Cannot talk to daemon" >&2; exit 0'
run_ticctop --once -o json --chronyc "$scratch/chronyc-506"
expect_eq "$RC" 3 "506 with exit 0: exit status 3"
expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "506 with exit 0: one line on stderr"
expect_contains "$ERR" "506 Cannot talk to daemon: is chronyd running?" "506 with exit 0: says so"
expect_contains "$OUT" '"ok":false,"error":"506 Cannot talk to daemon' "506 with exit 0: the JSON carries it"
fake chronyc-other 'echo "something went wrong" >&2; exit 0'
run_ticctop --once --chronyc "$scratch/chronyc-other"
expect_eq "$RC" 3 "unknown error with exit 0: exit status 3"
expect_contains "$ERR" "printed no client list, only an error: something went wrong" "unknown error with exit 0: says so"
fake chronyc-none 'exit 0'
run_ticctop --once -o json --chronyc "$scratch/chronyc-none"
expect_eq "$RC" 0 "no clients, no error: exit 0"
expect_contains "$OUT" '"total":0,' "no clients, no error: 0 clients"

# 2. a chronyc that cannot be started, at a 10-minute --delay: reported at
# once (run_ticctop gives up after 30 s).
run_ticctop --once -d 6000 --chronyc "$scratch/no-such-chronyc"
expect_eq "$RC" 3 "start failure at -d 6000: reported, exit 3"
expect_contains "$ERR" "cannot run $scratch/no-such-chronyc" "start failure at -d 6000: says so"

# 3. SIGQUIT and crashes while chronyc (and what it started) hangs: the
# whole group is stopped, then the signal ends ticctop as it would
# (128+N; QUIT and the crashes dump core, here limited to none).
fake chronyc-hang "echo \$\$ >'$scratch/hang.pid'; sleep 60 & echo \$! >'$scratch/hang-child.pid'; wait"
for sn in QUIT:3 SEGV:11 ABRT:6 BUS:7 FPE:8; do
	sig=${sn%:*}
	rm -f "$scratch"/hang*.pid
	"$TICCTOP" -b -o json -d 10 --timeout 60 --chronyc "$scratch/chronyc-hang" >/dev/null 2>"$scratch/err.$sig" &
	pid=$!
	if ! appear "$scratch/hang.pid" "$scratch/hang-child.pid"; then
		check "SIG$sig: the fake chronyc started" false
		kill -KILL "$pid" 2>/dev/null
		continue
	fi
	kill -"$sig" "$pid"
	n=0
	while kill -0 "$pid" 2>/dev/null && [ "$n" -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	want=$((128 + ${sn#*:}))
	expect_eq "$rc" "$want" "SIG$sig: ticctop ended by it"
	check "SIG$sig: chronyc and its child stopped" gone "$scratch/hang.pid" "$scratch/hang-child.pid"
done

# 4. a wrapper that leaves a background child in its group: --once stops it.
fake chronyc-bg "sleep 60 & echo \$! >'$scratch/bg.pid'; echo 127.0.0.1,1,0,-2,127,15,0,0,127,4294967295"
run_ticctop --once -o json --chronyc "$scratch/chronyc-bg"
expect_eq "$RC" 0 "background child: the answer counts"
check "background child: stopped with the poll" gone "$scratch/bg.pid"
finish
