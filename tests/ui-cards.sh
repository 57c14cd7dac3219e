#!/bin/sh
# The cards never hide a number (issue 10, the screen): at 30x8, 38x12, 80x24
# and 200x50, fed by a stand-in chronyc with the fixture's 7 clients plus a
# command-only client (127.0.0.1), one name listed for two clients and a full
# IPv6 address.  Whole fields go (lowest priority first, marked), never part of
# one; the slots line up across cards; Cmd activity shows on a closed card;
# ages grow while the data is stale and stale cards fade (mono too); no counts
# before any data; the too-small notice gives the real minimum; the banner
# wraps at spaces; the demo's header names it once.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
ui_setup
dir=$UI_DIR
csv=$dir/cards.csv
cp "$top_srcdir/tests/fixtures/mixed-clients.csv" "$csv"
cat >>"$csv" <<'EOF'
127.0.0.1,0,0,127,127,4294967295,25,0,0,2
client.example.org,5,0,4,127,3,0,0,127,4294967295
client.example.org,7,228,4,127,4,0,0,127,4294967295
2001:db8:85a3:1234:5678:8a2e:370:7334,3,0,4,127,5,0,0,127,4294967295
EOF
ui_fake_chronyc "$csv"
long="the daemon returned a non-zero exit status after a rather long explanation of why"
# UI_DIR/chronyc, while UI_DIR/fail exists, fails with a long message (wrapped in the banner)
sed -i "s|echo '506 Cannot talk to daemon'|echo '506 Cannot talk to daemon: $long'|" "$dir/chronyc"

# Starts ticctop in the tmux shell with extra options.
start_ui() {
	ui_start "--chronyc '$dir/chronyc' -d 1 $*"
}

# Prints the screen's lines holding text $1.
lines_with() {
	tmux_screen | grep -F -- "$1"
}

# Prints the distinct columns (1-based, in characters) where text $1 starts on the cards' lines.
columns_of() {
	tmux_screen | grep '^[│┃]' | LC_ALL=C.UTF-8 awk -v s="$1" '{
		for (off = 0; (i = index(substr($0, off + 1), s)); off += i) print off + i }' | sort -u
}

# Succeeds if the card with drops 228 (4 s old when read) shows 5 s ago or more.
stale_age_grew() {
	lines_with 'drops 228' | grep -Eq '([5-9]|[1-9][0-9]) s ago'
}

# Succeeds if something on the screen is dim (SGR 2; in mono only faded cards are).
dimmed() {
	tmux_screen -e | grep -Eq '\[([0-9;]*;)?2m'
}

# Succeeds if nothing on the screen is dim.
undimmed() {
	! dimmed
}

tmux_start 80 24 || exit 99
touch "$dir/fail"
start_ui
expect_screen "No data yet" "before any data the summary says so"
expect_eq "$(lines_with 'OK 0' | wc -l)" 0 "and claims no counts"
expect_screen "non-zero" "the error shows in the banner"
# no banner line ends inside a word of the message: each of its words is whole on one line
for word in non-zero explanation daemon returned; do
	expect_eq "$(tmux_screen | grep -cw -- "$word")" 1 "banner: '$word' whole on one line"
done
# at 38 columns the banner's lines, joined again with a space, are the message: no word was split
tmux_resize_to 38 12
first=$(tmux_screen | grep -n '506 Cannot' | cut -d: -f1)  # under the header and its meters
joined=$(tmux_screen | sed -n "$first,$((first + 2))p" | tr '\n' ' ' | tr -s ' ')
expect_contains "$joined" "506 Cannot talk to daemon: the daemon returned a non-zero exit" \
	"38x12: the banner wraps at spaces"
tmux_resize_to 80 24
rm "$dir/fail"
expect_screen "Clients 11 · OK 7 · WARN 2 · CRIT 2" "80x24: summary"
expect_screen_gone "No data yet" "the data came"

# a name listed for two clients: two cards, both marked, the open one says so
expect_eq "$(lines_with 'client.example.org *' | wc -l)" 2 "a shared name marks both closed cards"
tmux_keys Home Enter
expect_screen "(shared name)" "the open card says the name is shared"
tmux_keys Enter
expect_screen_gone "(shared name)" "closed again"

# a command-only client shows its Cmd activity on a closed card
expect_contains "$(lines_with 'cmd 25')" "cmd 2 s ago" "80x24: the command-only card shows Cmd packets and its last command"
# the fields line up: every card puts drops (and cmd) in the same column
expect_eq "$(columns_of 'drops ' | wc -l)" 1 "80x24: drops in one column on every card"
expect_eq "$(columns_of 'cmd ' | head -1)" "$(columns_of 'cmd 25')" "80x24: cmd in one column on every card"

tmux_resize_to 38 12
expect_screen "cmd 25" "38x12: the command-only card still shows Cmd activity"
screen=$(tmux_screen)
expect_contains "$(echo "$screen" | sed -n 2p)" "CRIT 2" "38x12: the summary keeps the critical count"
expect_contains "$(echo "$screen" | sed -n 2p)" "…" "38x12: and marks what it left out"
expect_contains "$screen" "drops 228" "38x12: drops whole"

tmux_resize_to 30 8
expect_screen "drops 228" "30x8: drops whole, never cut to 'drops 2'"
screen=$(tmux_screen)
expect_contains "$(echo "$screen" | grep -F 'drops 228')" "…" "30x8: the fields that went are marked"
expect_contains "$(echo "$screen" | sed -n 2p)" "CRIT 2" "30x8: the summary keeps the critical count"
expect_eq "$(echo "$screen" | grep -c 'drops [0-9]*[0-9] *│')" 0 "30x8: no number runs into the border"

tmux_resize 23 6
expect_screen "Terminal too small" "23x6: too small"
expect_screen "need 24x6" "the notice states the real minimum"
tmux_resize_to 24 6
expect_screen_gone "Terminal too small" "24x6: the cards are back"
tmux_resize 24 5
expect_screen "need 24x6" "24x5: too small, and says so"

tmux_resize_to 200 50
expect_screen "2001:db8:85a3:1234:5678:8a2e:370:7334 " "200x50: a full IPv6 address is not cut"
expect_eq "$(columns_of 'drops ' | wc -l)" 4 "200x50: drops in one column per card column"

# stale data: ages grow from now, the cards fade
tmux_resize_to 80 24
tmux_keys q
expect_screen "EXIT=0" "quit"
# a source too long for line 1: it is cut and marked
long_dir=$dir/a-directory-with-a-rather-long-name-for-the-stand-in-chronyc
mkdir "$long_dir" && ln -s "$dir/chronyc" "$long_dir/chronyc"
ui_start "--chronyc '$long_dir/chronyc' -d 1 --theme mono"
expect_screen "Clients 11" "mono: data"
expect_contains "$(tmux_screen | sed -n 1p)" "…" "80x24: a long source is cut and marked"
touch "$dir/fail"
expect_screen "STALE" "the data goes stale"
check "a stale card's age grows from now (4 s ago when read)" wait_until 60 stale_age_grew
check "mono: the stale cards are dimmed" dimmed
rm "$dir/fail"
expect_screen_gone "STALE" "fresh again"
check "fresh cards are not dimmed" wait_until 60 undimmed
tmux_keys q
expect_screen "EXIT=0" "quit"

# The demo's header names it once (it read `ticctop ticctop --demo`)
ui_start "--demo"
expect_screen "ticctop --demo (a private chronyd)" "demo: the header names it"
expect_eq "$(tmux_screen | sed -n 1p | grep -c 'ticctop ticctop')" 0 "demo: its name once"
tmux_keys q
expect_screen "EXIT=0" "demo: quit"
finish
