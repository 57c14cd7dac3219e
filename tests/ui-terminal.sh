#!/bin/sh
# The terminal is given back on every way out (q, SIGINT, SIGTERM, SIGHUP, a
# crash, a fatal start-up error); nothing reaches stderr while the screen is
# up; terminals with 256, 8 and no colours, NO_COLOR, -C and --ascii; the
# config file gives defaults; a broken state file is ignored with a warning.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
ui_setup
dir=$UI_DIR
ui_fake_chronyc

# Succeeds when a line of the screen matches extended regular expression $1.
screen_matches() {
	tmux_screen | grep -Eq -- "$1"
}

# Starts ticctop in the tmux shell (its pid in $dir/pid), with extra options.
start_ui() {
	ui_start "--chronyc '$dir/chronyc' -d 5 $*"
}

tmux_start 80 24 || exit 99

# every way out gives the terminal back
for way in INT:130 TERM:143 HUP:129 SEGV:139 ABRT:134 QUIT:131; do
	sig=${way%:*}
	start_ui
	tmux_wait "Clients 7" >/dev/null || check "started for SIG$sig" false
	kill -"$sig" "$(ui_pid)"
	expect_screen "EXIT=${way#*:}" "SIG$sig ends ticctop with status ${way#*:}"
	case $sig in
	SEGV | ABRT | QUIT)
		expect_contains "$(cat "$dir/stderr")" "crashed with signal" "SIG$sig: says it crashed, after the screen is gone" ;;
	*)
		expect_eq "$(cat "$dir/stderr")" "" "SIG$sig: nothing on stderr" ;;
	esac
	expect_restored "SIG$sig"
done
start_ui
tmux_wait "Clients 7" >/dev/null
tmux_keys C-c
expect_screen "EXIT=130" "Ctrl-C ends it like SIGINT"
expect_restored "Ctrl-C"

# a fatal error before the screen: a message, no screen left behind
tmux_run "TERM=no-such-terminal '$TICCTOP' --chronyc '$dir/chronyc'; echo EXIT=\$?"
expect_screen "cannot use the terminal (TERM=no-such-terminal)" "unknown terminal: said in words"
expect_screen "EXIT=3" "unknown terminal: status 3"
expect_restored "bad TERM"
tmux_run "clear; '$TICCTOP' --log /no/such/dir/x.log; echo EXIT=\$?"
expect_screen "--log /no/such/dir/x.log: No such file or directory" "unwritable --log: said before the screen starts"
expect_restored "bad --log"

# not a terminal: batch, as before
out=$("$TICCTOP" --chronyc "$dir/chronyc" -n 1 </dev/null)
expect_contains "$out" "TICCTOP CRITICAL - 7 clients" "stdout not a terminal: batch report"

# colours: 256 (tmux-256color), 8 (screen), none (vt100), NO_COLOR, -C
start_ui
tmux_wait "Clients 7" >/dev/null
expect_contains "$(tmux_screen -e)" "38;5;" "256 colours used on tmux-256color"
tmux_keys q
tmux_wait "EXIT=0" >/dev/null
tmux_stop
tmux_start 80 24 screen || exit 99
start_ui
tmux_wait "Clients 7" >/dev/null
screen=$(tmux_screen -e)
expect_eq "$(echo "$screen" | grep -c '38;5;')" 0 "8-colour terminal: no 256-colour codes"
expect_contains "$screen" "[31" "8-colour terminal: red for critical"
tmux_keys t
expect_screen "Theme: light" "8-colour terminal: themes cycle"
expect_contains "$(tmux_screen -e)" "47m" "8-colour light theme: white background"
tmux_keys t t q
tmux_wait "EXIT=0" >/dev/null
tmux_stop
tmux_start 80 24 vt100 || exit 99
start_ui --ascii
tmux_wait "Clients 7" >/dev/null
screen=$(tmux_screen -e)
expect_eq "$(echo "$screen" | grep -cE '\[([0-9;]*;)?[34][0-7]m|[34]8;5;')" 0 "vt100: no colours at all"
expect_contains "$(tmux_screen)" "#= o 127.1.0.1 ===" "vt100 --ascii: the selected card stands out without colour"
tmux_keys G
expect_screen "#= o ::1 =" "ASCII: G selects the last card"
expect_contains "$(tmux_screen)" "+- X 127.1.0.8 -" "ASCII: critical marked X"
expect_contains "$(tmux_screen)" "CRIT -+" "ASCII: status in words"
tmux_keys t
expect_screen "Colours are off" "t says colours are off"
tmux_keys q
tmux_wait "EXIT=0" >/dev/null
tmux_stop
TMUX_ENV="NO_COLOR=1"
tmux_start 80 24 || exit 99
start_ui
tmux_wait "Clients 7" >/dev/null
expect_eq "$(tmux_screen -e | grep -c '38;5;\|48;5;')" 0 "NO_COLOR: mono"
expect_contains "$(tmux_screen -e)" ";7m" "NO_COLOR: selection in reverse video"
tmux_keys q
tmux_wait "EXIT=0" >/dev/null
tmux_stop
TMUX_ENV=
tmux_start 80 24 || exit 99
start_ui -C
tmux_wait "Clients 7" >/dev/null
expect_eq "$(tmux_screen -e | grep -c '38;5;\|48;5;')" 0 "-C: mono"
tmux_keys q
tmux_wait "EXIT=0" >/dev/null

# numbers on the screen have a '.' in a German locale too, as chronyc's
# and the Server screen's: the header's age and the meters' rates
tmux_stop
TMUX_ENV="LOCPATH='$(sh "$top_srcdir/tests/lib/locale.sh" de_DE.UTF-8)' LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8"
tmux_start 80 24 || exit 99
start_ui
check "de_DE: the header's age reads 'updated N.N s ago'" wait_until 60 screen_matches "updated [0-9]+\.[0-9] s ago"
check "de_DE: the meters' rates read 'N.NN/s'" wait_until 60 screen_matches " [0-9]+\.[0-9]+/s"
expect_eq "$(tmux_screen | grep -c '[0-9],[0-9]')" 0 "de_DE: no number with a decimal comma on the screen"
tmux_keys q
tmux_wait "EXIT=0" >/dev/null
tmux_stop
TMUX_ENV=
tmux_start 80 24 || exit 99

# the config file: defaults by long option name; the command line wins
mkdir -p "$TMUX_HOME/config/ticctop"
printf '# ticctop defaults\ntheme = light\nsort = drops\nno-mouse = yes\n' >"$TMUX_HOME/config/ticctop/config"
start_ui
expect_screen "sort: NTP drops" "config file: sort = drops"
expect_contains "$(tmux_screen -e)" "48;5;255" "config file: theme = light"
tmux_keys q
tmux_wait "EXIT=0" >/dev/null
start_ui -s ntp
expect_screen "sort: NTP packets" "command line wins over the config file"
tmux_keys q
tmux_wait "EXIT=0" >/dev/null
printf 'theme = pink\n' >"$TMUX_HOME/config/ticctop/config"
tmux_run "clear; '$TICCTOP' --chronyc '$dir/chronyc'; echo EXIT=\$?"
expect_screen "ticctop/config:1: --theme wants one of" "a wrong config line is named by file and line"
expect_screen "EXIT=3" "and ticctop does not start"
rm "$TMUX_HOME/config/ticctop/config"

# the state file: remembered; a broken one is ignored with a warning
start_ui
tmux_wait "Clients 7" >/dev/null
tmux_keys t s Down Enter
expect_screen "sort: NTP drops" "changed the order"
tmux_keys q
tmux_wait "EXIT=0" >/dev/null
state=$(ls "$TMUX_HOME"/state/ticctop/*.state)
check "state file written" [ -f "$state" ]
check "no temporary files next to it" [ "$(ls "$TMUX_HOME"/state/ticctop | wc -l)" = 1 ]
printf '\177ELF\001\001garbage\n' >"$state"
start_ui --log "$dir/log"
expect_screen "Settings file ignored" "broken state file: a warning in the key bar"
expect_contains "$(tmux_screen)" "sort: Address order" "broken state file: defaults used"
expect_contains "$(cat "$dir/log")" "not \`key = value\`" "broken state file: the log says why"
tmux_keys q
tmux_wait "EXIT=0" >/dev/null
expect_eq "$(cat "$dir/stderr")" "" "broken state file: nothing on stderr"

# the terminal goes away (an SSH connection drops): ticctop does not outlive it
start_ui
tmux_wait "Clients 7" >/dev/null
pid=$(ui_pid)
tmux_stop
check "ticctop ends when its terminal goes away" wait_until 60 ended "$pid"
finish
