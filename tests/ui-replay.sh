#!/bin/sh
# --replay on the full screen: the header says REPLAY, the recorded time and
# the speed; ] and [ change the speed, p pauses, End and Home go to the last
# and the first poll (not the last and first card), { and } jump a minute.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
ui_setup
fix=$top_srcdir/tests/fixtures

# A recording of 30 polls a tenth of a second apart: 7 clients, then 8, a
# failed poll, 4, and round again.
echo 0 >"$UI_DIR/count"
cat >"$UI_DIR/cycle" <<SH
#!/bin/sh
n=\$(cat '$UI_DIR/count'); echo \$((n + 1)) >'$UI_DIR/count'
case \$((n % 4)) in
0) cat '$fix/mixed-clients.csv' ;;
1) cat '$fix/mixed-clients.csv'; echo 'extra.example,1,0,-3,127,5,0,0,127,4294967295' ;;
2) echo '506 Cannot talk to daemon' >&2; exit 1 ;;
3) head -n 4 '$fix/mixed-clients.csv' ;;
esac
SH
chmod +x "$UI_DIR/cycle"
timeout 120 "$TICCTOP" --chronyc "$UI_DIR/cycle" -b -n 30 -d 1 -o json --record "$UI_DIR/rec" >/dev/null 2>&1
tmux_start 100 24 || exit 99

ui_start "--replay '$UI_DIR/rec'"
expect_screen "REPLAY $(date -u +%Y-)" "the header says REPLAY and the recorded time"
expect_screen "x1" "at x1"
tmux_keys p
expect_screen "PAUSED" "p pauses the replay"
tmux_keys ']'
expect_screen "x2" "] plays faster"
tmux_keys '[' '['
expect_screen "x1/2" "[ plays slower"
tmux_keys End
expect_screen "Replay: the last poll" "End: the last poll"
expect_screen "(end)" "End: the header says the end"
expect_screen "Clients 8" "End: the last poll's clients (poll 30: 8)"
tmux_keys Home
expect_screen "Replay: the first poll" "Home: the first poll"
expect_screen "Clients 7" "Home: the first poll's clients"
tmux_keys '}'
expect_screen "(end)" "}: a minute ahead is past the end (3 s recorded)"
tmux_keys '{'
expect_screen "Clients 7" "{: a minute back is the first poll again"
tmux_keys p
expect_screen "(end)" "resumed: it plays to the end"
top=$(tmux_screen | head -1)
check "the header's age is the recorded time's, never ours: no 'updated', no STALE ($top)" \
	sh -c '! echo "$1" | grep -Eq "updated|STALE"' sh "$top"
tmux_keys q
check "q ends it" wait_until 60 ended "$(ui_pid)"
finish
