#!/bin/sh
# ui-fleet.sh — the full screen over a fleet of six (tests/lib/fleet.sh):
# a meter line per server in the header (the dead, slow and hostile ones
# marked with their errors while a, b and loc keep refreshing every
# second), the clients of all with their server's name on the cards, the
# server:NAME filter, . selecting a server, b grouping, one folded line when
# the terminal is low; remembered settings keyed by the fleet (its set of
# sources, in any order; one source alone keeps its own).
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/fleet.sh"
ui_setup
fleet_setup
# shellcheck disable=SC2086 # one line of words for the shell in the pane
args=$(echo $FLEET_ARGS)

# Lines between the table's row of 127.1.0.99 at server $1 and its row at
# server $2 below it (the first one's open details), -1 when not so shown.
rows_between() {
	tmux_screen | awk -v a="$1" -v b="$2" '
		$0 ~ "[ ]" a "  +127\\.1\\.0\\.99 " { at = NR }
		at && $0 ~ "[ ]" b "  +127\\.1\\.0\\.99 " { print NR - at - 1; found = 1; exit }
		END { if (!found) print -1 }'
}

# Succeeds when $1's row of 127.1.0.99 is open above $2's: details between.
open_above() {
	[ "$(rows_between "$1" "$2")" -gt 0 ]
}

# How many open rows the screen shows (details start with the full address, framed: heavy when selected).
open_rows() {
	tmux_screen | grep -c -e '^┃ 127\.1\.0\.99 ' -e '^│ 127\.1\.0\.99 '
}

# Succeeds when the screen has a line matching regular expression $1.
screen_has() {
	tmux_screen | grep -q -- "$1"
}

tmux_start 160 40 || exit 99
ui_start "$args --timeout 3 -d 10"
expect_screen "Clients 450 · " "the summary counts the clients of all"
expect_screen ">a  clients 300 · OK " "a's meter line (> marks the selected server)"
expect_screen " .Server " "a fleet's key bar: . next server"
expect_screen " bGroup " "a fleet's key bar: b groups"
expect_screen " b  clients 100 · OK 100 · WARN 0 · CRIT 0" "b's meter line"
expect_screen " loc  clients 50 · OK 50" "loc's meter line"
expect_screen "dead  ⚠ http://127.0.0.1:1/data: cannot connect" "dead: marked with its error"
expect_screen "slow  ⚠ http://127.0.0.1:$FLEET_PORT_slow/hang: connected, but no answer within" "slow: marked with its error"
expect_screen "hostile  ⚠ http://127.0.0.1:$FLEET_PORT_hostile/trickle: the answer was still incomplete" "hostile: marked with its error"
# While the three fail, a keeps refreshing every second: its stand-in has
# request after request, and its line says its data is fresh.
before=$(fleet_requests a)
check "a is polled again and again" wait_until 60 sh -c "[ \$(wc -l <'$FLEET_DIR/a/log') -ge $((before + 3)) ]"
line=$(tmux_screen | grep '^>a ')
case $line in
*"updated "[0-2].[0-9]" s ago"*) check "a's data stays fresh while others fail" true ;;
*) echo "  a's line: $line"; check "a's data stays fresh while others fail" false ;;
esac
screen=$(tmux_screen)
expect_contains "$screen" "[a]" "cards carry their server: a"
expect_contains "$screen" "[b]" "cards carry their server: b (the same addresses as a's: cards of their own)"

# server:loc shows loc's 50 alone.
tmux_keys '\'
tmux_type "server:loc"
tmux_keys Enter
expect_screen "shown 50" "server:loc: loc's clients alone"
expect_screen "[loc]" "server:loc: its cards"
tmux_keys '\' C-u Enter
expect_screen_gone "shown 50" "the filter cleared"

# . selects the next server, , the previous; b groups the cards by server.
tmux_keys '.'
expect_screen ">b " ". selects b"
expect_screen "Server 2 of 6: b" "the key bar says so"
tmux_keys ',' ','
expect_screen ">loc " ", twice from b: a, then loc (wrapping)"
# A click on a server's line selects it.
row=$(tmux_screen | grep -n '^ hostile  ' | cut -d: -f1)
tmux_mouse click 3 $((row - 1))
expect_screen ">hostile  " "a click on hostile's line selects it"
row=$(tmux_screen | grep -n '^ loc  ' | cut -d: -f1)
tmux_mouse click 3 $((row - 1))
expect_screen ">loc  " "a click on loc's line selects it"
tmux_keys b
expect_screen "Grouped by server" "b groups the cards"

# The table (v) has a Server column; the Server and Sources screens (2, 3)
# show the selected server, and . or a click change it there too.
tmux_keys v
check "the table's headings name the server" wait_until 60 screen_has 'Status  *Server  *Address'
expect_screen " hostile " "the table: hostile's rows name it"
tmux_keys v
tmux_keys '.' 2
expect_screen ">a  clients 300" ". from loc: a"
check "the Server screen shows a" wait_until 60 screen_has 'Clients listed  *300'
tmux_keys '.'
check "the Server screen shows b after ." wait_until 60 screen_has 'Clients listed  *100'
tmux_keys 3
expect_screen "carries only its clients" "the Sources screen shows b: a dashboard"
row=$(tmux_screen | grep -n '^ loc  ' | cut -d: -f1)
tmux_mouse click 3 $((row - 1))
expect_screen ">loc  " "a click on loc's line, on the Sources screen"
expect_screen_gone "carries only its clients" "the Sources screen shows loc: a chronyd of its own"
tmux_keys 1

# Low: one line for the fleet.
tmux_resize 80 14
expect_screen "servers 6  failing 3: slow, dead, hostile" "no room: one line names the failing servers"
tmux_resize 160 40
expect_screen ">loc  clients 50" "room again: a line per server"

# A card opens at its own server: 127.1.0.99 is a client of a and of b (two
# rows); Enter on a's opens a's alone: in the table, its details below its
# row, b's row closed (remembered so, below).
tmux_keys '\'
tmux_type "127.1.0.99"
tmux_keys Enter
expect_screen "shown 2" "127.1.0.99: a's client and b's"
tmux_keys v Home Enter
check "a's row opens" wait_until 60 open_above a b
expect_eq "$(open_rows)" 1 "b's row of the same address stays closed: one client's details"
tmux_keys v '\' C-u Enter
expect_screen_gone "shown 2" "the filter cleared"

tmux_keys I
expect_screen "sort: Address order ↓" "I inverts the order (a setting to remember)"
tmux_keys q
expect_screen "EXIT=0" "quit"
expect_eq "$(cat "$UI_DIR/stderr")" "" "nothing on stderr"
state=$(ls "$TMUX_HOME/state/ticctop/" 2>/dev/null | grep -c '^fleet-')
expect_eq "$state" 1 "the settings are remembered under the fleet"

# The same set of sources in another order is the same fleet: the order
# comes back; one of them alone is a source of its own (its own settings).
# shellcheck disable=SC2086 # one line of words, the sources' lines reversed
reversed=$(echo $(printf '%s\n' "$FLEET_ARGS" | sed -n '1!G;h;$p'))
ui_start "$reversed --timeout 3 -d 10"
expect_screen ">loc  clients 50" "the fleet again, its sources in another order"
expect_screen "sort: Address order ↓" "its order remembered (the set of sources is the key)"
expect_contains "$(tmux_screen | grep -m 1 -- '─\[[a-z]*\]─')" "[loc]" "grouped by server, remembered: the first cards are loc's, the first source now"
# a's open card is remembered as a's: b's row of 127.1.0.99 (above, b
# coming first now) stays closed, a's is open.
tmux_keys '\'
tmux_type "127.1.0.99"
tmux_keys Enter v
check "the table shows a's row of 127.1.0.99" wait_until 60 screen_has ' a  *127\.1\.0\.99 '
expect_eq "$(rows_between b a)" 0 "remembered per server: b's row of 127.1.0.99 closed"
expect_eq "$(open_rows)" 1 "remembered per server: a's open"
tmux_keys v '\' C-u Enter
# The selected server is remembered too, by name: , twice from loc (first
# now) is a, then b.
tmux_keys ',' ','
expect_screen ">b  clients 100" ", twice from loc: b"
tmux_keys q
expect_screen "EXIT=0" "quit the fleet again"
ui_start "$args --timeout 3 -d 10"
expect_screen ">b  clients 100" "the fleet in its first order: b still selected (remembered by name)"
tmux_keys q
expect_screen "EXIT=0" "quit the fleet a third time"
# shellcheck disable=SC2001 # one word of the line changes
ui_start "$(echo "$args" | sed 's/--name b /--name bee /') --timeout 3 -d 10"
expect_screen ">a  clients 300" "b renamed bee: no server by the remembered name, the first is selected"
expect_screen " bee  clients 100" "bee's line"
tmux_keys q
expect_screen "EXIT=0" "quit the renamed fleet"
ui_start "-u http://127.0.0.1:$FLEET_PORT_b/live/ticc-dash --timeout 3 -d 10"
expect_screen "Clients 100 · " "b alone"
expect_screen "sort: Address order ↑" "b alone is not the fleet: its own (default) order"
tmux_keys q
expect_screen "EXIT=0" "quit b"
expect_eq "$(ls "$TMUX_HOME/state/ticctop/" 2>/dev/null | grep -c '^fleet-')" 1 "still one fleet's file"
finish
