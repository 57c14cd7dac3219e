#!/bin/sh
# History on the screen (issue 11): the header's meters (NTP req/s, drops/s,
# Cmd req/s, each its value and a braille sparkline; CRIT too where a slot is
# free) and an expanded card's sparklines of its NTP and drop rates, at 80x24
# and 200x50; the ASCII fallback under LANG=C; 30x8 (no room for meters) and
# 20x6 (too small) survive.  A stand-in chronyc whose counters grow with
# every run: 127.1.0.1 sends 20 and is dropped 5 a run, 127.1.0.2 sends 2.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
ui_setup
dir=$UI_DIR
cat >"$dir/chronyc" <<EOS
#!/bin/sh
n=\$(cat '$dir/n' 2>/dev/null || echo 0)
n=\$((n + 1))
echo \$n >'$dir/n'
echo "127.1.0.1,\$((n * 20)),\$((n * 5)),-2,-2,0,\$n,0,0,0"
echo "127.1.0.2,\$((n * 2)),0,1,127,1,0,0,127,4294967295"
EOS
chmod +x "$dir/chronyc"

# Prints screen line $1 (1-based).
line() {
	tmux_screen | sed -n "${1}p"
}

# Succeeds if the meters' line (3) shows a number for meter $1.
meter_known() {
	line 3 | grep -Eq "$1 +[0-9][0-9.,]*/s"
}

# Succeeds if the screen's lines matching $1 hold one of the bytes
# patterns $2 (a bracket expression of octal escapes, read byte-wise).
bytes_in() {
	tmux_screen | grep -F -- "$1" | LC_ALL=C grep -q "$(printf "$2")"
}

BRAILLE='\342[\240-\243]'        # U+2800..U+28FF
BLOCKS='\342\226[\201-\210]'     # ▁..█
ABOVE_BASE='\342\226[\202-\210]' # ▂..█: above zero

tmux_start 80 24 || exit 99
ui_start "--chronyc '$dir/chronyc' -d 5"
expect_screen "Clients 2" "80x24: the clients are read"
check "80x24: NTP req/s known from the second answer on" wait_until 60 meter_known NTP
check "80x24: drops/s known" meter_known drops
check "80x24: Cmd req/s known" meter_known Cmd
check "80x24: the meters' line has braille sparklines" wait_until 60 bytes_in "NTP " "$BRAILLE"
expect_eq "$(line 3 | grep -c CRIT)" 0 "80x24: three meters, no slot for a fourth"
expect_eq "$(tmux_widest)" 80 "80x24: nothing wider than the screen"
tmux_keys Enter
expect_screen "NTP/s" "80x24: the expanded card has its NTP rate's sparkline"
check "80x24: its NTP rate in blocks" wait_until 60 bytes_in "NTP/s" "$BLOCKS"
check "80x24: its drops rise above the baseline" wait_until 60 bytes_in "drops/s" "$ABOVE_BASE"

tmux_resize_to 200 50
# Succeeds if the meters' line has the fourth meter, the CRIT count.
crit_meter() {
	line 3 | grep -Eq 'CRIT +[0-9]'
}
check "200x50: a fourth meter, CRIT" wait_until 60 crit_meter
check "200x50: braille sparklines" bytes_in "NTP " "$BRAILLE"
check "200x50: the card's sparklines" bytes_in "NTP/s" "$BLOCKS"
expect_eq "$(tmux_widest)" 200 "200x50: nothing wider than the screen"

tmux_resize_to 30 8
expect_eq "$(line 3 | grep -c 'NTP  ')" 0 "30x8: no room for meters, the cards keep it"
check "30x8: nothing wider than the screen" [ "$(tmux_widest)" -le 30 ]
tmux_resize 20 6
expect_screen "too small" "20x6: the too-small notice"
check "20x6: nothing wider than the screen" [ "$(tmux_widest)" -le 20 ]
tmux_resize_to 80 24
tmux_keys q
expect_screen "EXIT=0" "q quits"

# the ASCII fallback: no byte above 127 anywhere on the screen
tmux_run "clear; export LANG=C LC_ALL=C"
rm -f "$dir/n"
ui_start "--chronyc '$dir/chronyc' -d 5"
expect_screen "Clients 2" "LANG=C: the clients are read"
check "LANG=C: NTP req/s known" wait_until 60 meter_known NTP
# Succeeds if line 3 ends in an ASCII sparkline after the NTP value.
ascii_meter() {
	line 3 | grep -Eq 'NTP +[0-9][0-9.]*/s +[_.:=+*#-]'
}
check "LANG=C: the meters' sparklines are ASCII" wait_until 60 ascii_meter
# the card opened in the first run is remembered open (state file)
expect_screen "NTP/s" "LANG=C: the expanded card has its sparklines"
# Succeeds if the card's drops line has an ASCII sparkline above the baseline.
ascii_card() {
	tmux_screen | grep -F 'drops/s' | grep -q '[.:=+*#-]'
}
check "LANG=C: the card's drops in ASCII, above the baseline" wait_until 60 ascii_card
tmux_screen >"$dir/screen"
check "LANG=C: nothing but ASCII on the screen" sh -c 'LC_ALL=C grep -q "$(printf "[\200-\377]")" "$1"; [ $? = 1 ]' sh "$dir/screen"
tmux_keys q
expect_screen "EXIT=0" "LANG=C: q quits"
finish
