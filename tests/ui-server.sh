#!/bin/sh
# The Server and Sources screens (issue 12) on a real terminal (tmux) with
# two private chronyds: an upstream serving its own clock (local stratum 10)
# and a second one that is its client.  2 (or Tab) shows the second one's
# verdict, tracking, serverstats with rates and activity; 3 its source,
# selected, reach as 8 marks, its offsets as a sparkline, and Enter opens
# the source's ntpdata; the
# header says the server's verdict on every screen; at 80x24, 200x50, 30x8
# and 20x6 (survives).  Stopping the upstream turns the source critical on the
# screen.  A dashboard's /data: the Server and Sources screens say in one
# line what it offers, with its clock and count, never an empty grid.  A
# chronyd that dropped client log records: the header says the list is
# incomplete and to raise clientloglimit.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/httpd-server.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }
ui_setup
dir=$UI_DIR
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

chronyd_upstream || exit 99
at_exit chronyd_upstream_stop
at_exit chronyd_stop
at_exit httpd_server_stop

chronyd_start "server 127.0.0.1 port $UP_PORT iburst minpoll -2 maxpoll -2" || exit 99

# Succeeds once the client has selected the upstream and heard its last 8 polls.
synced() {
	chronyd_chronyc -c sources 2>/dev/null | grep -q "^^,\*,127\.0\.0\.1,10,-2,377,"
}
wait_until 120 synced || { echo "the second chronyd never synchronised to the first"; exit 99; }

# Prints screen line $1 (1-based).
line() {
	tmux_screen | sed -n "${1}p"
}

# Succeeds if the screen shows the NTP requests' rate a second.
rate_shown() {
	tmux_screen | grep -q 'NTP packets received .*/s'
}

# Succeeds if the history's three lines each show a sparkline (blocks: only
# the history draws them on this screen; the header's meters are braille).
sparks_shown() {
	[ "$(tmux_screen | grep -c '[▁▂▃▄▅▆▇█]')" -ge 3 ]
}

# Succeeds if the source's row ends in a sparkline of its offsets.
source_spark() {
	tmux_screen | grep '^^\* selected *127\.0\.0\.1' | grep -q '[▁▂▃▄▅▆▇█]'
}

tmux_start 80 24 || exit 99
ui_start "--via chronyc -S '$CHRONYD_SOCK' -d 5"
expect_screen "Server OK" "the header says the server's verdict"
tmux_keys 2
expect_screen "[Server]" "2: the Server screen"
expect_screen "Reference ID" "tracking: reference ID"
screen=$(tmux_screen)
expect_contains "$screen" "127.0.0.1" "tracking: the reference's address"
expect_contains "$screen" "Stratum" "tracking: stratum"
expect_contains "$screen" "Leap status" "tracking: leap status"
expect_contains "$screen" "Verdict" "the verdict section"
expect_contains "$(line 1)" "Server OK" "the header stays, with the verdict"
expect_eq "$(tmux_widest)" 80 "80x24: nothing past the edge"
tmux_keys End
expect_screen "Activity" "End: the activity section"
tmux_keys Tab
expect_screen "[Sources]" "Tab: the Sources screen"
expect_screen "Name/IP address" "headings"
screen=$(tmux_screen)
expect_contains "$screen" "^* selected" "mode and state: symbols and a word"
expect_contains "$screen" "127.0.0.1" "the source's address"
expect_contains "$screen" "●●●●●●●●" "reach as 8 marks"
expect_contains "$screen" "● OK" "the source's verdict"
tmux_keys Enter
expect_screen "verdict: selected" "Enter: the source's verdict below its row"
expect_screen "Remote address" "and its ntpdata (from the next poll)"
tmux_resize_to 200 50
check "200x50: two columns between the server's verdict and the clock" \
	sh -c 'echo "$1" | grep -Eq "Server OK  [0-9]{2}:[0-9]{2}:[0-9]{2}"' sh "$(line 1)"
screen=$(tmux_screen)
expect_contains "$screen" "Std dev" "200x50: every column"
expect_contains "$screen" "Offset history" "200x50: and the offset history"
check "200x50: the source's offsets as a sparkline" wait_until 60 source_spark
expect_contains "$screen" "Interleaved" "200x50: the ntpdata, interleaved"
expect_contains "$screen" "Total RX" "200x50: the ntpdata, its counts"
tmux_resize_to 30 8
expect_contains "$(line 3)" "State" "30x8 on the Sources screen: its headings"
expect_contains "$(tmux_screen)" "127.0.0.1" "30x8: the source's row"
tmux_resize 20 6
expect_screen "Terminal too small" "20x6 on the Sources screen: survives"
tmux_resize_to 80 24
tmux_keys BTab
expect_screen "[Server]" "Shift-Tab: back to the Server screen"
tmux_resize_to 30 8
tmux_keys Home
expect_screen "── Verdict" "30x8 on the Server screen, Home: the verdict first"
tmux_resize 20 6
expect_screen "Terminal too small" "20x6 on the Server screen: survives"
tmux_resize_to 200 50
expect_screen "Activity" "200x50: the sections side by side"
expect_contains "$(tmux_screen | grep 'Tracking')" "Server statistics" "200x50: tracking and serverstats side by side"
check "serverstats with a rate a second" wait_until 60 rate_shown
expect_screen "Last 5 minutes" "the history section"
check "history: sparklines of offset, frequency and requests" wait_until 60 sparks_shown
tmux_keys 1
expect_screen "[Clients]" "1: the clients"

# the upstream stops: the source turns critical, and so does the server's verdict
chronyd_upstream_stop
tmux_keys 3
expect_screen "✗ CRIT" "the stopped upstream: its source critical" 120
expect_screen "unreachable" "open: the reason says unreachable" 120
tmux_keys q
expect_screen "EXIT=0" "quit"

# a dashboard's /data: one line says what it offers, with its clock and count
httpd_server_start "$dir" || { cat "$dir/httpd.err"; exit 99; }
ui_start "--url 'http://127.0.0.1:$PORT/fixture/data-hostnames.json' -d 5"
expect_screen "Clients 7" "remote: data"
tmux_keys 2
expect_screen "carries only its clients" "remote Server screen: what the dashboard offers"
screen=$(tmux_screen)
expect_contains "$screen" "22-11-2026, 02:46:59" "remote Server screen: its clock"
expect_contains "$screen" "Clients listed" "remote Server screen: its count"
expect_eq "$(echo "$screen" | grep -c 'Reference ID')" 0 "remote Server screen: no empty tracking"
tmux_keys 3
expect_screen "carries only its clients" "remote Sources screen: what the dashboard offers"
expect_eq "$(tmux_screen | grep -c 'Name/IP address')" 0 "remote Sources screen: no empty grid"
tmux_keys q
expect_screen "EXIT=0" "quit"

# a chronyd that dropped client log records (a stand-in chronyc answering as
# one -m run, the real fixtures' tracking and sources): the header says so plainly
fx=$top_srcdir/tests/fixtures
{
	cat "$fx/n5-chronyclient-tracking.csv"
	echo "76,38,15,0,7,0,0,0,0,0,0"
	cat "$fx/n5-chronyclient-activity.csv" "$fx/n5-chronyclient-sources.csv" "$fx/n5-chronyclient-sourcestats.csv"
	cat "$fx/mixed-clients.csv"
} >"$dir/dropped.csv"
ui_fake_chronyc "$dir/dropped.csv"
ui_start "--chronyc '$dir/chronyc' -d 5"
expect_screen "list incomplete: raise clientloglimit" "log records dropped: the header says the list is incomplete"
expect_contains "$(line 1)" "Server WARN" "and the server's verdict is warning"
tmux_keys 2
expect_screen "client list incomplete: chronyd dropped 7" "the Server screen gives the reason"
tmux_keys q
expect_screen "EXIT=0" "quit"
finish
