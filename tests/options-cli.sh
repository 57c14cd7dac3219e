#!/bin/sh
# The command line and the config file as a user meets them (issue 10.1,
# 10.6, 10.8, 10.20): numbers in every locale, plain whole numbers only, an
# absolute socket path; the command line wins over the config file per
# family and errors from the file name its line; comments, a BOM, a FIFO, a
# directory, XDG_CONFIG_HOME a file; -M and `mouse = no` leave the mouse to
# the terminal (tmux's own record of the mouse modes a program turned on).
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/httpd-server.sh"
. "$top_srcdir/tests/lib/tmux.sh"
ui_setup
scratch=$UI_DIR
at_exit httpd_server_stop
ui_fake_chronyc # a chronyc that answers with the mixed fixture (7 clients, one critical)
cfg=$scratch/config/ticctop/config
mkdir -p "$scratch/config/ticctop"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_STATE_HOME="$scratch/state"

# Checks a refusal: exit 3 and stderr saying $1.
expect_refused() {
	expect_eq "$RC" 3 "$2: exit 3"
	expect_contains "$ERR" "$1" "$2: says so"
}

# Checks a report came (exit 2: the fixture has a critical client).
expect_report() {
	expect_eq "$RC" 2 "$1: exit 2 (a critical client)"
	expect_contains "$OUT" "TICCTOP CRITICAL" "$1: the report"
}

# --- numbers: '.' in every locale, whole numbers plain digits
LOCPATH=$(sh "$top_srcdir/tests/lib/locale.sh" de_DE.UTF-8) || exit 99
export LOCPATH
# under ASan: glibc's newlocale leaks when LOCPATH is set (see the file)
LSAN_OPTIONS="suppressions=$top_srcdir/tests/lib/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
LC_ALL=de_DE.UTF-8 run_ticctop --once --timeout 0.5 --chronyc "$scratch/chronyc"
expect_report "de_DE.UTF-8: --timeout 0.5"
LC_ALL=de_DE.UTF-8 run_ticctop --once --timeout 0,5 --chronyc "$scratch/chronyc"
expect_refused '--timeout wants a number from 0.1 to 3600, not "0,5"' "de_DE.UTF-8: --timeout 0,5"
printf 'timeout = 1.5\n' >"$cfg"
LC_ALL=de_DE.UTF-8 run_ticctop --once --chronyc "$scratch/chronyc"
expect_report "de_DE.UTF-8: timeout = 1.5 in the config file"
rm "$cfg"
unset LOCPATH
for d in 0x10 1e3 " 5" "5 " -5 +5 1.0; do
	run_ticctop --once -d "$d" --chronyc "$scratch/chronyc"
	expect_refused "--delay wants a whole number from 1 to 36000, not \"$d\"" "-d \"$d\""
done
run_ticctop --once -S run/chrony/chronyd.sock
expect_refused '--socket: the path must be absolute, not "run/chrony/chronyd.sock"' "-S relative"

# --- the command line wins over the config file, per family
httpd_server_start "$scratch" || exit 99
printf '# README example\nsocket = /run/chrony/chronyd.sock # the usual place\nsudo = yes\n' >"$cfg"
run_ticctop --once --url "http://127.0.0.1:$PORT/fixture/data-mixed.json"
expect_report "config socket + sudo, --url on the command line"
printf 'url = http://127.0.0.1:%s/fixture/data-mixed.json\nuser = monitor\n' "$PORT" >"$cfg"
run_ticctop --once --chronyc "$scratch/chronyc"
expect_report "config url + user, --chronyc on the command line"
printf 'theme = light\nurl = http://127.0.0.1:%s/data\nsudo = yes\n' "$PORT" >"$cfg"
run_ticctop --once
expect_refused "$cfg:3: --url reads a remote dashboard: it does not go with --sudo" "a conflict inside the file names file and line"
printf 'warn-drops = 20\ncrit-drops = 50\n' >"$cfg"
run_ticctop --once --crit-drops 10 --chronyc "$scratch/chronyc"
expect_report "config warn-drops 20, --crit-drops 10: the file's threshold yields"
printf 'filter = status:bogus\n' >"$cfg"
run_ticctop --once --chronyc "$scratch/chronyc"
expect_refused "$cfg:1: --filter: cannot use" "a bad filter from the file names file and line"

# --- comments, a byte order mark (never echoed raw)
printf '\357\273\277format = json # for jq\nsort = drops\t# worst first\n' >"$cfg"
run_ticctop --once --chronyc "$scratch/chronyc"
expect_eq "$(printf '%s' "$OUT" | head -c 12)" '{"ticctop":1' "BOM and comments: format = json read"
printf 'theme = light\n\357\273\277sort = drops\n' >"$cfg"
run_ticctop --once --chronyc "$scratch/chronyc"
expect_refused "$cfg:2: unknown option \"\\xef\\xbb\\xbfsort\"" "a BOM inside the file is named, escaped"
check "the BOM's bytes never reach stderr" sh -c '! printf "%s" "$1" | LC_ALL=C grep -q "$(printf "\357\273\277")"' sh "$ERR"

# --- what is at the path: never a hang
rm "$cfg"
mkfifo "$cfg"
RC=$(timeout 120 "$TICCTOP" --once --chronyc "$scratch/chronyc" >/dev/null 2>"$scratch/err"; echo $?)
ERR=$(cat "$scratch/err")
expect_refused "$cfg: not a regular file (a FIFO)" "a FIFO at the config path (no hang)"
rm "$cfg"
mkdir "$cfg"
run_ticctop --once --chronyc "$scratch/chronyc"
expect_refused "$cfg: not a regular file (a directory)" "a directory at the config path"
rmdir "$cfg"
printf 'x\n' >"$scratch/file"
XDG_CONFIG_HOME="$scratch/file" run_ticctop --once --chronyc "$scratch/chronyc"
expect_report "XDG_CONFIG_HOME is a file"
expect_contains "$ERR" "ticctop: warning: $scratch/file/ticctop/config: Not a directory" "XDG_CONFIG_HOME is a file: a warning"

# --- the mouse: on by default; -M and `mouse = no` leave it to the terminal
start_ui() {
	ui_start "--chronyc '$scratch/chronyc' $*"
	expect_screen "Clients 7" "the full screen is up (options: ${*:-none})"
}
quit_ui() {
	tmux_keys q
	tmux_wait "EXIT=0" >/dev/null
}
tmux_start 80 24 || exit 99
start_ui
expect_eq "$(tmux_pane '#{mouse_any_flag}')" 1 "mouse reports are on by default"
quit_ui
start_ui -M
expect_eq "$(tmux_pane '#{mouse_any_flag}')" 0 "-M: no mouse reports"
quit_ui
mkdir -p "$TMUX_HOME/config/ticctop"
printf 'mouse = no\n' >"$TMUX_HOME/config/ticctop/config"
start_ui
expect_eq "$(tmux_pane '#{mouse_any_flag}')" 0 "mouse = no in the config file: no mouse reports"
quit_ui
finish
