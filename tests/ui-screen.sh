#!/bin/sh
# The full screen on a real terminal (tmux) at 200x50, 80x24, 40x12 and 20x6,
# fed by a stand-in chronyc that prints the 7 mixed clients of the fixture
# (4 OK, 2 WARN, 1 CRIT, one IPv6): summary, search, filter, every sort,
# expand one and all, themes, help, pause, mouse, error banner, resize, quit
# with the terminal given back, and the settings remembered for the next start.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
ui_setup
dir=$UI_DIR
ui_fake_chronyc

# Starts ticctop in the tmux shell with extra options.
start_ui() {
	ui_start "--chronyc '$dir/chronyc' -d 5 --log '$dir/log' $*"
}

# The first card's line: the header's two lines and its meters' line above it.
top=4

# Prints screen line $1 (1-based).
line() {
	tmux_screen | sed -n "${1}p"
}

tmux_start 80 24 || exit 99
start_ui
expect_screen "Clients 7 · OK 4 · WARN 2 · CRIT 1" "80x24: summary over all clients"
expect_eq "$(tmux_pane '#{alternate_on}')" 1 "the screen is up (alternate screen)"
screen=$(tmux_screen)
expect_contains "$(line $top)" "┏━ ● 127.1.0.1 " "first card selected (heavy border), status symbol"
expect_eq "$(line $top | grep -c '127.1.0.2')" 0 "80x24: one column"
expect_contains "$(line $((top + 2)))" "├─ ● 127.1.0.2 " "next card below, sharing an edge"
expect_contains "$screen" "✗ 127.1.0.8" "critical card has its symbol"
expect_contains "$screen" "CRIT ─┤" "status in words, readable without colour"
expect_contains "$screen" "NTP 40" "collapsed card: NTP packets"
expect_contains "$screen" "drops 28" "collapsed card: drops"
expect_contains "$screen" "14 s ago" "collapsed card: last seen"
expect_contains "$(line 24)" "F1Help F3Search F4Filter F6Sort" "key bar like htop's"
expect_contains "$(line 24)" "F10Quit" "key bar ends in F10Quit"
expect_contains "$(line 1)" "updated" "header: data age"
expect_contains "$(line 1)" "ticctop $dir/chronyc -c -n -m tracking" "header: the source (cut at 80 columns)"

# search
tmux_keys /
tmux_type "0.8"
expect_screen "found 1" "search counts matches"
expect_screen "┣━ ✗ 127.1.0.8" "search selects the match"
expect_contains "$(line 24)" "Search: 0.8" "search line"
tmux_keys Enter
tmux_keys Home n
expect_screen "┣━ ✗ 127.1.0.8" "n jumps to the next match"
tmux_keys Escape
expect_screen_gone "found 1" "Esc forgets the search"

# filter
tmux_keys '\'
tmux_type "status:warn"
tmux_keys Enter
expect_screen "shown 2" "filter: shown count next to the summary"
screen=$(tmux_screen)
expect_contains "$screen" "filter: status:warn" "header shows the filter"
expect_contains "$screen" "Clients 7 · OK 4 · WARN 2 · CRIT 1" "summary still counts all clients"
expect_eq "$(echo "$screen" | grep -c '127\.1\.0\.[1238] \|::1 ')" 0 "only warnings shown"
tmux_keys F4
tmux_type " family:v6"
expect_screen "shown 0" "tokens of different kinds narrow down"
expect_screen "No card matches the filter" "an empty result says why"
tmux_keys Escape
expect_screen_gone "shown " "Esc in the filter line clears it"

# every sort, in the menu's order (it opens on the current one): the header
# names it and the first card is the client it puts first
for row in "NTP drops ↓:127.1.0.8" "Last seen ↑:127.1.0.8" "NTP packets ↓:127.1.0.8" \
	"Cmd packets ↓:127.1.0.1" "NTP interval ↑:127.1.0.8" "Status ↓:127.1.0.8" "NTP rate ↓:127.1.0.1" \
	"NTP drop rate ↓:127.1.0.1" "Cmd rate ↓:127.1.0.1" "NTP drop share ↓:127.1.0.1" "Rate window ↑:127.1.0.1" \
	"Recent NTP drops ↓:127.1.0.1" "First seen ↓:127.1.0.1" "Server ↑:127.1.0.1" "Address order ↑:127.1.0.1"; do
	title=${row%:*}
	first=${row#*:}
	tmux_keys F6
	tmux_wait "Sort by" >/dev/null
	tmux_keys Down Enter
	expect_screen "sort: $title" "sort: $title"
	expect_contains "$(line $top)" "$first" "sort $title: $first first"
done
tmux_keys I
expect_screen "sort: Address order ↓" "I inverts"
expect_contains "$(line $top)" "::1" "inverted address order: ::1 first"
tmux_keys I
expect_screen "sort: Address order ↑" "I inverts back"

# expand one, all, none
tmux_keys Home Enter
expect_screen "status    OK: within limits" "Enter expands the selected card"
screen=$(tmux_screen)
expect_contains "$screen" "interval  250 ms" "expanded: interval as a duration"
expect_contains "$screen" "family    IPv4" "expanded: family"
tmux_keys Down Down Down Down Down Enter
expect_screen "CRIT: NTP drops 28 >= 10" "expanded card gives the rule that set its status"
tmux_keys +
tmux_keys End
expect_screen "family    IPv6" "+ expands every card"
tmux_keys -
expect_screen_gone "family" "- collapses every card"

# themes: dark (256 colours) -> light -> mono -> dark
expect_contains "$(tmux_screen -e)" "48;5;234" "dark theme: dark background"
tmux_keys t
expect_screen "Theme: light" "t: light theme"
expect_contains "$(tmux_screen -e)" "48;5;255" "light theme: light background"
tmux_keys t
expect_screen "Theme: mono" "t: mono theme"
expect_eq "$(tmux_screen -e | grep -c '38;5;\|48;5;')" 0 "mono: no colours"
expect_contains "$(tmux_screen -e)" ";7m" "mono: reverse video marks things"
tmux_keys t
expect_screen "Theme: dark" "t: back to dark"

# help, generated from the key table
tmux_keys F1
expect_screen "Select the card above" "F1: help"
expect_contains "$(tmux_screen)" "Help 1-18 of" "help says where it is"
expect_eq "$(tmux_widest)" 80 "help fits 80 columns"
# Succeeds once the help shows the quit keys; else pages down (the screens'
# and a fleet's keys come before them).
quit_keys_shown() {
	tmux_screen | grep -q 'F10, q' && return 0
	tmux_keys NPage
	return 1
}
check "PgDn: the help lists the quit keys" wait_until 60 quit_keys_shown
tmux_keys End
expect_screen "Remembered" "help scrolls to its end"
tmux_keys Escape
expect_screen_gone "Help 1-" "Esc closes the help"
tmux_keys '?'
expect_screen "Help 1-" "? opens the help too"
tmux_keys q
expect_screen_gone "Help 1-" "q closes the help (not the program)"

# pause: new data is not read until resumed (the new row comes once no poll
# is under way; then the data grows old, 4 refresh intervals, unread)
tmux_keys p
expect_screen "PAUSED" "p pauses (the header says PAUSED)"
check "paused: no poll under way" wait_until 60 ui_idle
echo "10.9.9.9,1,0,0,127,1,0,0,127,4294967295" >>"$dir/clients.csv"
check "paused: the data grows 2 s old" wait_until 60 ui_data_older 2
expect_contains "$(tmux_screen)" "Clients 7 " "paused: still the old data"
tmux_keys p
expect_screen "Clients 8 · OK 5" "p resumes: the new client is counted"
expect_screen_gone "PAUSED" "PAUSED gone"

# mouse: click selects, a double click expands, the wheel scrolls
tmux_mouse click 20 5
expect_screen "┣━ ● 127.1.0.1 " "click on the second card (10.9.9.9 came first) selects it"
check "double click expands it" tmux_dblclick_until 20 5 "family    IPv4"
tmux_keys +
tmux_mouse wheeldown 20 10
tmux_mouse wheeldown 20 10
expect_screen_gone "10.9.9.9 " "the wheel scrolls"
tmux_keys - Home
tmux_mouse click 2 23
expect_screen "Help 1-" "a click on F1 in the key bar opens the help"
tmux_keys Escape

# error: a banner in the source's own words over the last good data
touch "$dir/fail"
expect_screen "506 Cannot talk to daemon" "source error shown as a banner"
expect_screen "STALE" "data age turns STALE"
expect_contains "$(tmux_screen)" "Clients 8" "last good data still shown"
rm -f "$dir/fail"
expect_screen_gone "506 Cannot" "banner goes when the source answers again"

# sizes
tmux_resize 200 50
expect_screen "sort: Address order" "200x50: header"
expect_eq "$(line $top | grep -o '[─━] [●▲✗] ' | wc -l)" 4 "200x50: four columns of cards"
tmux_resize 40 12
expect_screen "ticctop " "40x12: header"
expect_eq "$(tmux_widest)" 40 "40x12: nothing wider than the screen"
tmux_wait F10Quit >/dev/null
expect_contains "$(line 12)" "F10Quit" "40x12: key bar keeps F10Quit"
tmux_resize 20 6
expect_screen "Terminal too small" "20x6: says it is too small"
expect_contains "$(tmux_screen)" "CRIT 1 WARN 2 OK 5" "20x6: still the summary, the critical count first"
tmux_resize 80 24
expect_screen "F1Help" "back to 80x24"

# remember: sort by drops, light theme, one open card
tmux_keys s Down Enter t
tmux_keys Home Enter
expect_screen "status    CRIT" "state to remember: drops order, open .8, light"

# quit: the terminal comes back
tmux_keys q
expect_screen "EXIT=0" "q quits with status 0"
expect_eq "$(tmux_pane '#{alternate_on}')" 0 "alternate screen gone"
expect_eq "$(tmux_pane '#{cursor_flag}')" 1 "cursor visible again"
tmux_run "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e icrnl | tr '\\n' ' '; echo"
expect_screen "icrnl icanon echo" "tty modes restored (icrnl, icanon, echo)"
expect_eq "$(cat "$dir/stderr")" "" "nothing written to stderr"
expect_contains "$(cat "$dir/log")" "source no-daemon: 506 Cannot talk to daemon" "--log got the error"
state=$(ls "$TMUX_HOME"/state/ticctop/*.state 2>/dev/null)
check "state file written ($state)" [ -f "$state" ]
expect_contains "$(cat "$state")" "open = 127.1.0.8" "state file lists the open card"

start_ui
expect_screen "sort: NTP drops ↓" "next start: order remembered"
expect_screen "status    CRIT: NTP drops 28" "next start: open card remembered"
expect_contains "$(tmux_screen -e)" "48;5;255" "next start: theme remembered"
tmux_keys F10
expect_screen "EXIT=0" "F10 quits"

start_ui --sort last --theme mono
expect_screen "sort: Last seen" "the command line wins over the remembered order"
expect_eq "$(tmux_screen -e | grep -c '48;5;')" 0 "and over the remembered theme"
tmux_keys q
expect_screen "EXIT=0" "quit"
finish
