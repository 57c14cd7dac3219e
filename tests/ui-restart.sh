#!/bin/sh
# The full screen while chronyd is SIGKILLed and started again on the same
# socket and port: the error banner comes up after the kill (the last
# clients still shown), goes after the restart, and the counters that start
# again from nothing come through.  Refreshes are counted by a chronyc
# wrapper (tmux.sh's ui_wrap_chronyc); the test waits for two refreshes to
# end, then for the screen to show them (the refresh count is
# tests/fault-restart.sh's business, with the batch reports).
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
. "$top_srcdir/tests/lib/tmux.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }
ui_setup
at_exit chronyd_stop
chronyd_start 'ratelimit interval 1 burst 4' || exit 99
dir=$UI_DIR
ui_wrap_chronyc
# Succeeds once $1 chronyc runs have finished.
runs_done() { [ "$(ui_runs)" -ge "$1" ]; }
# Waits (bounded) until 2 more chronyc runs have finished.
two_more_runs() { wait_until 60 runs_done $(($(ui_runs) + 2)); }

"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 20 --packets 8 --all-answered || exit 99
tmux_start 120 30 || exit 99
ui_start "--chronyc '$dir/chronyc' -S '$CHRONYD_SOCK' -d 5"
expect_screen "Clients 20 " "20 clients before the kill"

check "chronyd killed" chronyd_crash
check "two refreshes after the kill" two_more_runs
expect_screen "⚠" "the error banner comes up"
screen=$(tmux_screen)
expect_contains "$screen" "showing the last good data" "the banner says the clients are the last good ones"
expect_contains "$screen" "Clients 20 " "the last clients stay on the screen"

check "chronyd started again on the same socket and port" chronyd_restart
check "two refreshes after the restart" two_more_runs
expect_screen_gone "⚠" "the banner goes"
expect_screen "Clients 0 " "the restarted chronyd's empty list is shown"

"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 5 --packets 2 --all-answered || exit 99
check "two refreshes after new traffic" two_more_runs
tmux_keys +
expect_screen "Clients 5 " "the counters that started again come through"
expect_screen "packets   2 " "with their new, smaller values"
tmux_keys q
expect_screen "EXIT=0" "q quits with status 0"
expect_eq "$(cat "$dir/stderr")" "" "nothing on stderr"
finish
