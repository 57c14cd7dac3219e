#!/bin/sh
# The full screen against a real chronyd with real loopback clients (OK,
# warning, critical, IPv6, Cmd hits), in tmux at 200x50, 80x24, 40x12 and
# 20x6: the summary agrees with chronyc, then search, filter, each sort,
# expand one and all, themes, help, pause (new clients wait), resize, quit
# with the terminal restored, and the settings restored on the next start.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
. "$top_srcdir/tests/lib/tmux.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }
ui_setup
at_exit chronyd_stop
chronyd_start --cmdport 'ratelimit interval 1 burst 4' || exit 99

# 8 quiet clients and ::1, two busy ones (warnings), one flooding (critical)
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 8 --packets 2 --ipv6 --all-answered || exit 99
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 3 --packets 6 || exit 99
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 1 --packets 30 || exit 99
"$CHRONYC_BIN" -n -h 127.0.0.1 -p "$CHRONYD_CMDPORT" tracking >/dev/null || exit 99

# What chronyc says: "total ok warn crit worst-address", TICC-DASH's rules.
summary() {
	chronyd_chronyc -c clients | awk -F, '
		{ n++; if ($3 >= 10) c++; else if ($3 > 0) w++; else o++ }
		$3 > max { max = $3; worst = $1 }
		END { printf "%d %d %d %d %s\n", n, o, w, c, worst }'
}
set -- $(summary)
total=$1 ok=$2 warn=$3 crit=$4 worst=$5
check "chronyd has OK, warning and critical clients ($*)" [ "$ok" -gt 0 ] && [ "$warn" -gt 0 ] && [ "$crit" -gt 0 ]

# The first card's line: the header's two lines and its meters' line above it.
top=4

# Prints screen line $1 (1-based).
line() {
	tmux_screen | sed -n "${1}p"
}

tmux_start 200 50 || exit 99
ui_start "-S '$CHRONYD_SOCK' -d 5"
expect_screen "Clients $total · OK $ok · WARN $warn · CRIT $crit" "200x50: summary agrees with chronyc ($total clients)"
expect_contains "$(line 1)" "ticctop $CHRONYD_SOCK " "header names the source (as root, auto reads the socket)"
expect_eq "$(line $top | grep -o '[─━] [●▲✗] ' | wc -l)" 4 "200x50: four columns"
expect_contains "$(tmux_screen)" "✗ $worst " "the critical client has the critical symbol"

tmux_keys /
tmux_type "::1"
expect_screen "found 1" "search finds ::1"
expect_screen "━ ● ::1 " "search selects ::1"
tmux_keys Enter Enter
expect_screen "family    IPv6" "::1 expanded: family IPv6"
expect_contains "$(tmux_screen)" "status    OK: within limits" "::1 expanded: status and why"
tmux_keys Escape

tmux_keys '\'
tmux_type "status:crit"
tmux_keys Enter
expect_screen "shown $crit" "filter status:crit shows the critical clients"
expect_contains "$(tmux_screen)" "filter: status:crit" "header shows the filter"
tmux_keys F4 C-u
tmux_type "family:v6"
tmux_keys Enter
expect_screen "shown 1" "filter family:v6: just ::1"
tmux_keys F4 Escape
expect_screen_gone "shown " "filter cleared"

for title in "NTP drops ↓" "Last seen ↑" "NTP packets ↓" "Cmd packets ↓" "NTP interval ↑" "Status ↓" "NTP rate ↓" \
	"NTP drop rate ↓" "Cmd rate ↓" "NTP drop share ↓" "Rate window ↑" "Recent NTP drops ↓" "First seen ↓" "Server ↑" "Address order ↑"; do
	tmux_keys F6
	tmux_wait "Sort by" >/dev/null
	tmux_keys Down Enter
	expect_screen "sort: $title" "sort: $title"
	case $title in
	"NTP drops"* | "NTP packets"* | Status*) expect_contains "$(line $top)" "$worst " "$title: $worst first" ;;
	"Cmd packets"*) expect_contains "$(line $top)" "127.0.0.1 " "$title: 127.0.0.1 (chronyc's own Cmd hits) first" ;;
	esac
done

tmux_keys +
expect_screen "NTP drops $(chronyd_chronyc -c clients | awk -F, -v a="$worst" '$1 == a { print $3 }') >= 10" "+ expands all; the critical card says why"
tmux_keys -
expect_screen_gone "family" "- collapses all"
tmux_keys t
expect_screen "Theme: light" "theme: light"
tmux_keys F1
expect_screen "Select the card above" "help"
tmux_keys Escape

tmux_keys p
expect_screen "PAUSED" "paused"
check "paused: no poll under way" wait_until 60 ui_idle
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 12 --packets 1 || exit 99
check "paused: the data grows 2 s old" wait_until 60 ui_data_older 2
expect_contains "$(tmux_screen)" "Clients $total " "paused: new clients wait"
tmux_keys p
set -- $(summary)
expect_screen "Clients $1 · OK $2 · WARN $3 · CRIT $4" "resumed: the new clients are counted ($1)"

# Succeeds if the first two lines of cards hold one card's title: one column
# (scrolled to keep the selection in view, the first line may be a card's body).
one_column() {
	[ "$( (line $top; line $((top + 1))) | grep -o '[─━] [●▲✗] ' | wc -l)" = 1 ]
}
tmux_resize 80 24
expect_screen "F1Help" "80x24"
check "80x24: one column" wait_until 60 one_column
tmux_resize 40 12
tmux_wait "F10Quit" >/dev/null
expect_eq "$(tmux_widest)" 40 "40x12: fits"
expect_contains "$(line 2)" "Clients $1 · OK $2" "40x12: summary"
tmux_resize 20 6
expect_screen "Terminal too small" "20x6: too small, says so"
expect_contains "$(tmux_screen)" "Clients $1" "20x6: still counts"
tmux_keys q
expect_screen "EXIT=0" "q quits from the small screen"
expect_eq "$(tmux_pane '#{alternate_on}')" 0 "terminal restored"
expect_eq "$(cat "$UI_DIR/stderr")" "" "nothing on stderr"

tmux_resize 80 24
tmux_run "clear; '$TICCTOP' -S '$CHRONYD_SOCK' -d 5; echo EXIT=\$?"
expect_screen "sort: Address order" "next start: order remembered"
expect_contains "$(tmux_screen -e)" "48;5;255" "next start: light theme remembered"
tmux_keys F10
expect_screen "EXIT=0" "F10 quits"
finish
