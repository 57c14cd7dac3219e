# tmux.sh: drive the real program on a real screen, a detached tmux of fixed
# size on a private socket (POSIX sh).  Only this test's tmux server is ever
# touched: it has its own -L socket and tmux_stop kills that server alone.
#
#   . "$top_srcdir/tests/lib/tmux.sh"
#   ui_setup                            # every ui-*.sh: skip (77) without tmux, stop
#                                       # tmux and remove UI_DIR (a temp dir) at exit
#   ui_fake_chronyc [CSV]               # UI_DIR/chronyc prints UI_DIR/clients.csv, a copy
#                                       # of CSV (default: the fixture's 7 mixed clients),
#                                       # or fails while UI_DIR/fail exists
#   ui_wrap_chronyc                     # UI_DIR/chronyc runs the real chronyc
#   ui_runs                             # how many runs of UI_DIR/chronyc finished
#   ui_idle                             # ticctop has no child (no poll under way)
#   ui_data_older SECS                  # the header says the data is SECS s old or more
#   tmux_start 80 24 [TERM]             # a shell in a W x H pane (TERM default tmux-256color)
#   ui_start "OPTIONS"                  # ticctop OPTIONS in the pane: pid in UI_DIR/pid,
#                                       # stderr in UI_DIR/stderr, EXIT=status at its end
#   ui_pid                              # waits for and prints that pid
#   tmux_run 'ticctop ...'              # type a command line and Enter
#   tmux_wait 'Clients 7' [SECS]        # until the screen shows the text (else fail)
#   tmux_keys F6 Down Enter             # tmux key names; tmux_type 'text' types literally
#   tmux_mouse click|dblclick|wheelup|wheeldown X Y   # xterm mouse reports (0-based cell)
#   tmux_dblclick_until X Y TEXT        # double-click until TEXT shows (three tries)
#   tmux_widest                         # columns of the widest line on the screen
#   tmux_screen [-e]                    # the screen now (-e: with colour escapes)
#   tmux_resize W H
#   tmux_resize_to W H                  # resize, and check that ticctop repainted for it
#   tmux_pane FORMAT                    # a pane variable, e.g. '#{alternate_on}'
#   tmux_record FILE                    # append every byte the pane's program writes to FILE
#   tmux_record                         # stop recording
#   expect_screen TEXT WHAT / expect_screen_gone TEXT WHAT / expect_restored WAY
#                                       # checks (common.sh's check)
#
# The shell gets HOME, XDG_STATE_HOME and XDG_CONFIG_HOME under TMUX_HOME (a
# fresh temp dir) and a UTF-8 locale, so a test never reads or writes the
# user's own settings.

. "$top_srcdir/tests/lib/wait.sh"

TMUX_BIN=${TMUX_PROG:-tmux}
case $TMUX_BIN in
*/*) ;;
*) TMUX_BIN=$(command -v "$TMUX_BIN" 2>/dev/null || echo /usr/bin/tmux) ;;
esac
TMUX_SOCKET=ticctop-test-$$
TMUX_HOME=
# A bound, not an expectation: waits end as soon as the screen is right.
TMUX_TIMEOUT=${TMUX_TIMEOUT:-60}
UI_DIR=

# Sets up a full-screen test (needs common.sh): skips without tmux; tmux and
# the temp dir UI_DIR go however the test ends.
ui_setup() {
	tmux_available || { echo "tmux missing"; exit 77; }
	at_exit tmux_stop
	UI_DIR=$(mktemp -d) || exit 99
	at_exit _ui_cleanup
}

# Removes UI_DIR.
_ui_cleanup() {
	[ -n "$UI_DIR" ] && rm -rf "$UI_DIR"
}

# Writes UI_DIR/chronyc running the sh code $1, noting in UI_DIR/runs when
# each run starts (s) and ends (e).
_ui_chronyc() {
	: >"$UI_DIR/runs"
	cat >"$UI_DIR/chronyc" <<EOS
#!/bin/sh
echo s >>"$UI_DIR/runs"
$1
rc=\$?
echo e >>"$UI_DIR/runs"
exit \$rc
EOS
	chmod +x "$UI_DIR/chronyc"
}

# Writes UI_DIR/chronyc, a stand-in that prints UI_DIR/clients.csv (a copy
# of CSV file $1, default the fixture's 7 mixed clients) or, while
# UI_DIR/fail exists, fails as chronyc does without a daemon.
ui_fake_chronyc() {
	cp "${1:-$top_srcdir/tests/fixtures/mixed-clients.csv}" "$UI_DIR/clients.csv"
	_ui_chronyc "if [ -e '$UI_DIR/fail' ]; then echo '506 Cannot talk to daemon' >&2; false; else cat '$UI_DIR/clients.csv'; fi"
}

# Writes UI_DIR/chronyc, which runs the real chronyc (CHRONYC_BIN).
ui_wrap_chronyc() {
	_ui_chronyc "'$CHRONYC_BIN' \"\$@\""
}

# Prints how many runs of UI_DIR/chronyc have finished.
ui_runs() {
	grep -cx e "$UI_DIR/runs"
}

# Succeeds if ticctop (started by ui_start) has no child: no chronyc runs.
ui_idle() {
	_ui_p=$(cat "$UI_DIR/pid" 2>/dev/null) && [ -n "$_ui_p" ] || return 1
	cat /proc/[0-9]*/stat 2>/dev/null |
		awk -v p="$_ui_p" '{ sub(/.*\) /, "") } $2 == p { found = 1 } END { exit found }'
}

# Succeeds if the header says the data is at least $1 s old.
ui_data_older() {
	tmux_screen | awk -v min="$1" 'match($0, /updated [0-9.]+ s ago/) {
		split(substr($0, RSTART + 8), a, " "); if (a[1] + 0 >= min) ok = 1 } END { exit !ok }'
}

# Types "ticctop --judge total $1" in the pane ($1: options quoted for its
# sh; the fixtures' counters never move, so they are judged on totals as
# the dashboards judge them: a later --judge in $1 wins): its pid goes to
# UI_DIR/pid, its stderr to UI_DIR/stderr, and the shell prints EXIT=status
# when it ends.
ui_start() {
	rm -f "$UI_DIR/pid"
	tmux_run "clear; sh -c 'echo \$\$ >$UI_DIR/pid; exec \"\$0\" \"\$@\"' '$TICCTOP' --judge total $1 2>'$UI_DIR/stderr'; echo EXIT=\$?"
}

# Waits (bounded) until ticctop started by ui_start wrote its pid; prints it.
ui_pid() {
	wait_until 60 test -s "$UI_DIR/pid" && cat "$UI_DIR/pid"
}

# Succeeds if tmux can be run.
tmux_available() {
	[ -x "$TMUX_BIN" ] && "$TMUX_BIN" -V >/dev/null 2>&1
}

# Runs tmux on this test's socket, never the user's server (TMUX unset: not nested).
_tm() {
	env -u TMUX "$TMUX_BIN" -L "$TMUX_SOCKET" -f /dev/null "$@"
}

# Starts a shell in a detached W x H session; $3 is its TERM.
tmux_start() {
	[ -n "$TMUX_HOME" ] || TMUX_HOME=$(mktemp -d "${TMPDIR:-/tmp}/ticctop-tmux.XXXXXX")
	mkdir -p "$TMUX_HOME/state" "$TMUX_HOME/config"
	_tm new-session -d -s t -x "$1" -y "$2" \
		"env -i PATH='$PATH' HOME='$TMUX_HOME' XDG_STATE_HOME='$TMUX_HOME/state' \
		XDG_CONFIG_HOME='$TMUX_HOME/config' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM='${3:-tmux-256color}' \
		PS1='$ ' ${TMUX_ENV:-} sh" || return 1
	_tm set-option -g status off >/dev/null
	_tm set-option -g default-terminal "${3:-tmux-256color}" >/dev/null
	tmux_wait '$' >/dev/null
}

# Kills this test's tmux server and removes its socket file and its home.
tmux_stop() {
	_tm kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TMUX_SOCKET"
	[ -n "$TMUX_HOME" ] && rm -rf "$TMUX_HOME"
	TMUX_HOME=
}

# Prints the screen (pass -e for colours and attributes).
tmux_screen() {
	_tm capture-pane -p "$@" -t t
}

# Prints a pane variable such as '#{alternate_on}'.
tmux_pane() {
	_tm display-message -p -t t "$1"
}

# Appends the raw output of the pane to file $1 (pipe-pane); no argument stops.
tmux_record() {
	if [ -n "${1:-}" ]; then
		_tm pipe-pane -t t "cat >>'$1'"
	else
		_tm pipe-pane -t t
	fi
}

# Sends tmux key names.
tmux_keys() {
	_tm send-keys -t t "$@"
}

# Types text literally.
tmux_type() {
	_tm send-keys -t t -l "$1"
}

# Types a command line and Enter.
tmux_run() {
	_tm send-keys -t t -l "$1" && _tm send-keys -t t Enter
}

# Sends xterm (X10) mouse reports at cell X, Y: click (left press and release),
# dblclick (two clicks at once), wheelup or wheeldown.
tmux_mouse() {
	_x=$(printf %x $(($2 + 33)))
	_y=$(printf %x $(($3 + 33)))
	case $1 in
	click) _tm send-keys -t t -H 1b 5b 4d 20 "$_x" "$_y" 1b 5b 4d 23 "$_x" "$_y" ;;
	dblclick) # both clicks in one write: a double click however loaded the machine
		_tm send-keys -t t -H 1b 5b 4d 20 "$_x" "$_y" 1b 5b 4d 23 "$_x" "$_y" \
			1b 5b 4d 20 "$_x" "$_y" 1b 5b 4d 23 "$_x" "$_y" ;;
	wheelup) _tm send-keys -t t -H 1b 5b 4d 60 "$_x" "$_y" ;;
	wheeldown) _tm send-keys -t t -H 1b 5b 4d 61 "$_x" "$_y" ;;
	esac
}

# Prints the display width of the widest line on the screen.
tmux_widest() {
	tmux_screen | LC_ALL=C.UTF-8 wc -L
}

# Resizes the window.
tmux_resize() {
	_tm resize-window -t t -x "$1" -y "$2"
}

# Succeeds if ticctop has repainted for a height of $1: its key bar on line
# $1 and its header on line 1.  (The key bar alone is not proof: when the
# pane shrinks, tmux keeps the old screen's bottom lines, key bar included,
# until ticctop paints the new one.)
tmux_repainted() {
	_tr_s=$(tmux_screen)
	echo "$_tr_s" | sed -n "${1}p" | grep -q F1Help && echo "$_tr_s" | sed -n 1p | grep -q '^ticctop'
}

# Resizes to $1 x $2 and checks (common.sh) that ticctop repainted for it (bounded wait).
tmux_resize_to() {
	tmux_resize "$1" "$2"
	check "${1}x$2: repainted" wait_until "$TMUX_TIMEOUT" tmux_repainted "$2"
}

# Succeeds if text $2 is (want=shown) or is not (want=gone) on the screen,
# keeping that screen in _tw_s.
_tmux_screen_is() {
	_tw_s=$(tmux_screen)
	case $_tw_s in
	*"$2"*) [ "$1" = shown ] ;;
	*) [ "$1" = gone ] ;;
	esac
}

# Waits until text $2 is (want=shown) or is not (want=gone) on the screen, at
# most $3 or TMUX_TIMEOUT seconds; prints the screen; fails (showing it on
# stderr) when that never happened.
_tmux_wait_for() {
	if wait_until "${3:-$TMUX_TIMEOUT}" _tmux_screen_is "$1" "$2"; then
		echo "$_tw_s"
		return 0
	fi
	echo "  screen never got $1: $2" >&2
	tmux_screen >&2
	return 1
}

# Waits until the screen contains text $1 (at most $2 or TMUX_TIMEOUT seconds).
tmux_wait() {
	_tmux_wait_for shown "$@"
}

# Waits until the screen no longer contains text $1.
tmux_wait_gone() {
	_tmux_wait_for gone "$@"
}

# Double-clicks cell ($1, $2) until the screen shows text $3, at most three
# times: ticctop times a double click when it reads it, and at load 13 it read
# the two clicks of one write more than its 0.4 s apart now and then; a real
# user's double click is a person's timing.  A double click that never works
# still fails.
tmux_dblclick_until() {
	for _dc in 1 2 3; do
		tmux_mouse dblclick "$1" "$2"
		tmux_wait "$3" 20 >/dev/null 2>&1 && return 0
	done
	tmux_wait "$3" 1 >/dev/null
}

# Checks that the screen shows text $1 (waiting for it); $2 says what.
expect_screen() {
	if tmux_wait "$1" >/dev/null; then check "$2" true; else check "$2" false; fi
}

# Checks that the shell is back and the terminal as it was (no alternate
# screen, cursor visible, canonical mode and echo); $1 names the way out.
expect_restored() {
	expect_eq "$(tmux_pane '#{alternate_on}')" 0 "$1: alternate screen gone"
	expect_eq "$(tmux_pane '#{cursor_flag}')" 1 "$1: cursor visible"
	tmux_run "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo END"
	expect_screen "icanon echo END" "$1: tty modes restored"
	tmux_run clear
}

# Checks that the screen stops showing text $1; $2 says what.
expect_screen_gone() {
	if tmux_wait_gone "$1" >/dev/null; then check "$2" true; else check "$2" false; fi
}
