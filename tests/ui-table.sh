#!/bin/sh
# The clients as a table (issue 12) on a real terminal (tmux), fed by a
# stand-in chronyc with 30 clients (one with a full IPv6 address): --view
# table, headings with the sorted column marked, at least 18 rows at 80x24,
# columns dropped whole on a narrow screen (address, status, drops and last
# seen stay), the full IPv6 address at 200x50; sorting by `<` `>` and by a
# click on a heading (again: inverted); selection, search, filter and Enter
# (the details below the row) as on the cards; `v` switches and is
# remembered for the next start; `view = table` in the config file; 20x6
# survives; Tab leaves the clients and 1 comes back to them.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
ui_setup
dir=$UI_DIR
csv=$dir/table.csv
i=1
while [ "$i" -le 29 ]; do
	# packets 100+i, drops: every seventh client drops i
	echo "127.2.0.$i,$((100 + i)),$(( i % 7 == 0 ? i : 0 )),-2,127,$i,0,0,127,4294967295"
	i=$((i + 1))
done >"$csv"
echo "2001:db8:85a3:1234:5678:8a2e:370:7334,3,0,4,127,5,2,0,-3,9" >>"$csv"
ui_fake_chronyc "$csv"

# Starts ticctop in the tmux shell with extra options.
start_ui() {
	ui_start "--chronyc '$dir/chronyc' -d 5 $*"
}

# Prints screen line $1 (1-based).
line() {
	tmux_screen | sed -n "${1}p"
}

# Prints how many client rows the screen shows.
rows_shown() {
	tmux_screen | grep -c '^[●▲✗] \(OK\|WARN\|CRIT\) '
}

# Prints the line number (1-based) of the headings (under the header and its meters).
head_row() {
	tmux_screen | grep -n '^Status' | head -1 | cut -d: -f1
}

# Prints the headings' line.
heads() {
	line "$(head_row)"
}

# Prints table row $1 (1-based, under the headings).
row() {
	line $(($(head_row) + $1))
}

# Prints the column (0-based) where heading $1 starts.
heading_x() {
	heads | LC_ALL=C.UTF-8 awk -v s="$1" '{ i = index($0, s); print i ? i - 1 : -1 }'
}

tmux_start 80 24 || exit 99
start_ui "--view table"
expect_screen "Clients 30" "80x24: data"
expect_contains "$(heads)" "Status" "headings: status"
expect_contains "$(heads)" "Address↑" "headings: the sorted column marked"
expect_contains "$(heads)" "Drop" "80x24: drops stay"
expect_contains "$(heads)" "Last" "80x24: last seen stays"
expect_contains "$(line 2)" "[Clients]" "the header names the screen"
n=$(rows_shown)
check "80x24: at least 18 rows ($n)" [ "$n" -ge 18 ]
expect_contains "$(row 1)" "● OK     127.2.0.1 " "first row: status and address"
expect_eq "$(tmux_widest)" 80 "80x24: nothing past the edge"

# sort by < and >
tmux_keys '>'
expect_screen "sort: NTP packets" "> sorts by the next column (NTP)"
expect_contains "$(heads)" "NTP↓" "its heading is marked, biggest first"
tmux_keys Home
expect_screen "● OK     127.2.0.29 " "Home: the first row"
expect_contains "$(row 1)" "127.2.0.29 " "the most packets first"
tmux_keys '<'
expect_screen "sort: Address order" "< goes back to the address"

# sort by a click on a heading; again inverts
x=$(heading_x Drop)
tmux_mouse click "$x" $(($(head_row) - 1))
expect_screen "sort: NTP drops" "a click on Drop sorts by drops"
tmux_keys Home
expect_screen "✗ CRIT   127.2.0.28 " "Home: the first row"
expect_contains "$(row 1)" "127.2.0.28 " "the most drops first"
expect_contains "$(heads)" "Drop↓" "Drop marked"
tmux_mouse click "$x" $(($(head_row) - 1))
expect_screen "Drop↑" "a second click inverts"
tmux_keys '<' '<' Home
expect_screen "sort: Address order ↑" "back to the address, in its own direction"

# selection, search, expand below the row
tmux_keys Down Down
tmux_keys Enter
expect_screen "family    IPv4" "Enter opens the details below the row"
expect_contains "$(tmux_screen | grep -A1 '^[●▲✗] [A-Z]* *127\.2\.0\.3 ' | sed -n 2p)" "127.2.0.3" "right below the selected row"
tmux_keys Enter
expect_screen_gone "family    IPv4" "Enter closes them"
tmux_keys /
tmux_type "0.21"
expect_screen "found 1" "search counts the match"
tmux_keys Enter
tmux_keys Escape
tmux_mouse click 0 $(($(head_row) + 4))
expect_screen "family    IPv4" "a click on a row's status symbol opens it"
tmux_keys Enter
expect_screen_gone "family    IPv4" "closed"

# a narrow screen drops whole columns, the last to go stay
tmux_resize_to 40 12
expect_contains "$(heads)" "Address" "40x12: the address stays"
expect_contains "$(heads)" "Status" "40x12: the status stays"
expect_eq "$(heads | grep -c IntL)" 0 "40x12: a low-priority column went whole"
expect_eq "$(tmux_widest)" 40 "40x12: nothing past the edge"
tmux_resize_to 30 8
expect_contains "$(heads)" "Status   Address" "30x8: status and address"
expect_eq "$(rows_shown)" 4 "30x8: four rows"
tmux_resize 20 6
expect_screen "Terminal too small" "20x6: too small, and survives"
tmux_resize_to 200 50
expect_screen "2001:db8:85a3:1234:5678:8a2e:370:7334 " "200x50: a full IPv6 address is not cut"
expect_contains "$(heads)" "IntL" "200x50: every column"
n=$(rows_shown)
expect_eq "$n" 30 "200x50: every client a row"

# v: the cards; remembered for the next start
tmux_keys v
expect_screen_gone "Status   Address" "v: no headings"
expect_screen "NTP 101     drops 0" "v: the cards"
tmux_keys v
expect_screen "Status   Address" "v again: the table"
tmux_keys q
expect_screen "EXIT=0" "quit"
start_ui
expect_screen "Status   Address" "the table is remembered"
tmux_keys v q
expect_screen "EXIT=0" "quit with the cards"
start_ui
expect_screen "┏━ ● 127.2.0.1" "the cards are remembered"
expect_screen_gone "Status   Address" "no headings"
tmux_keys q
expect_screen "EXIT=0" "quit"

# the config file: view = table, the command line wins
rm -rf "$TMUX_HOME/state"/*
mkdir -p "$TMUX_HOME/config/ticctop"
printf 'view = table\n' >"$TMUX_HOME/config/ticctop/config"
start_ui
expect_screen "Status   Address" "config: view = table"
tmux_keys q
expect_screen "EXIT=0" "quit"
rm -rf "$TMUX_HOME/state"/*
start_ui "--view cards"
expect_screen "┏━ ● 127.2.0.1" "--view cards wins over the config file"
# Tab goes to the Server screen, 1 back to the clients as they were
tmux_keys Tab
expect_screen "[Server]" "Tab: the Server screen"
tmux_keys 1
expect_screen "┏━ ● 127.2.0.1" "1: the clients again"
tmux_keys q
expect_screen "EXIT=0" "quit"
finish
