#!/bin/sh
# The full screen while chronyd is SIGKILLed and started again on the same
# socket and port: the error banner is up by the second refresh after the
# kill (the last clients still shown), gone by the second refresh after the
# restart, and the counters that start again from nothing come through.
# Refreshes are counted by a chronyc wrapper that notes each finished run.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
. "$top_srcdir/tests/lib/tmux.sh"
tmux_available || { echo "tmux missing"; exit 77; }
chronyd_available || { echo "chronyd missing"; exit 77; }
at_exit tmux_stop
at_exit chronyd_stop
chronyd_start 'ratelimit interval 1 burst 4' || exit 99
dir=$CHRONYD_DIR

cat >"$dir/chronyc" <<EOS
#!/bin/sh
"$CHRONYC_BIN" "\$@"
rc=\$?
echo \$rc >>"$dir/runs"
exit \$rc
EOS
chmod 0755 "$dir/chronyc"
: >"$dir/runs"
# Prints how many chronyc runs have finished.
runs() { wc -l <"$dir/runs"; }
# Waits (up to 20 s) until $1 runs have finished, then for the screen to follow.
wait_runs() {
	_i=0
	while [ "$(runs)" -lt "$1" ] && [ "$_i" -lt 200 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	sleep 0.3
	[ "$(runs)" -ge "$1" ]
}

"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 20 --packets 8 || exit 99
tmux_start 120 30 || exit 99
tmux_run "clear; '$TICCTOP' --chronyc '$dir/chronyc' -S '$CHRONYD_SOCK' -d 5 2>'$dir/stderr'; echo EXIT=\$?"
expect_screen "Clients 20 " "20 clients before the kill"

check "chronyd killed" chronyd_crash
n=$(runs)
check "two refreshes after the kill" wait_runs $((n + 2))
screen=$(tmux_screen)
expect_contains "$screen" "⚠" "the error banner is up by the second refresh"
expect_contains "$screen" "showing the last good data" "the banner says the clients are the last good ones"
expect_contains "$screen" "Clients 20 " "the last clients stay on the screen"

check "chronyd started again on the same socket and port" chronyd_restart
n=$(runs)
check "two refreshes after the restart" wait_runs $((n + 2))
screen=$(tmux_screen)
case $screen in *"⚠"*) check "the banner is gone by the second refresh" false ;; *) check "the banner is gone by the second refresh" true ;; esac
expect_contains "$screen" "Clients 0 " "the restarted chronyd's empty list is shown"

"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 5 --packets 2 || exit 99
n=$(runs)
check "two refreshes after new traffic" wait_runs $((n + 2))
tmux_keys +
expect_screen "Clients 5 " "the counters that started again come through"
expect_screen "packets   2 " "with their new, smaller values"
tmux_keys q
expect_screen "EXIT=0" "q quits with status 0"
expect_eq "$(cat "$dir/stderr")" "" "nothing on stderr"
finish
