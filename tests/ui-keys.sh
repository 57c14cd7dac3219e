#!/bin/sh
# The full screen's smaller promises (issue 10.19-10.22): a terminal that
# cannot move the cursor (TERM=dumb) is refused with status 3 and a hint;
# `m` gives the mouse to the terminal and takes it back; F5 polls at once
# (paused too); `<` `>` step the order; an unbound function key says so;
# the log says what changed, once.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
ui_setup
ui_fake_chronyc
tmux_start 80 24 || exit 99

# TERM=dumb: no cursor addressing, so no full screen
tmux_run "clear; TERM=dumb '$TICCTOP' --chronyc '$UI_DIR/chronyc'; echo EXIT=\$?"
expect_screen "the terminal (TERM=dumb) cannot move the cursor: use --once or -b" "TERM=dumb: said in words"
expect_screen "EXIT=3" "TERM=dumb: status 3"

ui_start "--chronyc '$UI_DIR/chronyc' -d 3000 --log '$UI_DIR/log'"
expect_screen "Clients 7" "the screen is up"
# F5 polls at once (the next tick is 300 s away), also while paused
runs_at_least() { [ "$(ui_runs)" -ge "$1" ]; }
wait_until 60 runs_at_least 1
expect_eq "$(ui_runs)" 1 "one poll before F5"
tmux_keys F5
expect_screen "Refreshing now" "F5: says so"
check "F5: a poll at once" wait_until 60 runs_at_least 2
tmux_keys p
expect_screen "PAUSED" "p pauses"
tmux_keys F5
expect_screen "Refreshing once (still paused)" "F5 while paused: says so"
check "F5 while paused: one poll" wait_until 60 runs_at_least 3
expect_screen "PAUSED" "F5 while paused: still paused"
tmux_keys p
expect_eq "$(tmux_pane '#{mouse_any_flag}')" 1 "the mouse is captured"
tmux_keys m
expect_screen "Mouse off" "m: says the mouse is off"
expect_eq "$(tmux_pane '#{mouse_any_flag}')" 0 "m: the terminal has the mouse"
tmux_keys m
expect_screen "Mouse on" "m again: says the mouse is on"
expect_eq "$(tmux_pane '#{mouse_any_flag}')" 1 "m again: the mouse is captured"

tmux_keys '>'
expect_screen "sort: NTP drops" "> sorts by the next order"
tmux_keys '<' '<'
expect_screen "sort: Server" "< sorts by the previous order, wrapping"
tmux_keys F2
expect_screen "F2: no action in ticctop (F1 lists the keys)" "F2 says it does nothing"
tmux_keys F9
expect_screen "F9: no action in ticctop" "F9 says it does nothing"

tmux_resize 100 30
expect_screen "Clients 7" "resized"
tmux_resize 80 24
tmux_keys t t t
tmux_keys q
expect_screen "EXIT=0" "q quits"
repeats=$(sed 's/^[0-9-]* [0-9:.]* //' "$UI_DIR/log" | uniq -d)
expect_eq "$repeats" "" "the log says each change once (no line repeats the one before)"
expect_contains "$(cat "$UI_DIR/log")" "size 100x30" "the log has the resize"
finish
