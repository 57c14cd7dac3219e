# tmux.sh: drive the real program on a real screen, a detached tmux of fixed
# size on a private socket (POSIX sh).  Only this test's tmux server is ever
# touched: it has its own -L socket and tmux_stop kills that server alone.
#
#   . "$top_srcdir/tests/lib/tmux.sh"
#   tmux_available || exit 77           # no tmux at all: skip
#   at_exit tmux_stop
#   tmux_start 80 24 [TERM]             # a shell in a W x H pane (TERM default tmux-256color)
#   tmux_run 'ticctop ...'              # type a command line and Enter
#   tmux_wait 'Clients 7' [SECS]        # until the screen shows the text (else fail)
#   tmux_keys F6 Down Enter             # tmux key names; tmux_type 'text' types literally
#   tmux_mouse click|wheelup|wheeldown X Y   # xterm mouse reports (0-based cell)
#   tmux_widest                         # columns of the widest line on the screen
#   tmux_screen [-e]                    # the screen now (-e: with colour escapes)
#   tmux_resize W H
#   tmux_pane FORMAT                    # a pane variable, e.g. '#{alternate_on}'
#   tmux_record FILE                    # append every byte the pane's program writes to FILE
#   tmux_record                         # stop recording
#   expect_screen TEXT WHAT / expect_screen_gone TEXT WHAT / expect_restored WAY
#                                       # checks (common.sh's check)
#
# The shell gets HOME, XDG_STATE_HOME and XDG_CONFIG_HOME under TMUX_HOME (a
# fresh temp dir) and a UTF-8 locale, so a test never reads or writes the
# user's own settings.

TMUX_BIN=${TMUX_PROG:-tmux}
case $TMUX_BIN in
*/*) ;;
*) TMUX_BIN=$(command -v "$TMUX_BIN" 2>/dev/null || echo /usr/bin/tmux) ;;
esac
TMUX_SOCKET=ticctop-test-$$
TMUX_HOME=
TMUX_TIMEOUT=${TMUX_TIMEOUT:-10}

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
# wheelup or wheeldown.
tmux_mouse() {
	_x=$(printf %x $(($2 + 33)))
	_y=$(printf %x $(($3 + 33)))
	case $1 in
	click) _tm send-keys -t t -H 1b 5b 4d 20 "$_x" "$_y" 1b 5b 4d 23 "$_x" "$_y" ;;
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

# Waits until text $2 is (want=shown) or is not (want=gone) on the screen, at
# most $3 or TMUX_TIMEOUT seconds; prints the screen; fails (showing it on
# stderr) when that never happened.
_tmux_wait_for() {
	_tw_n=$(( ${3:-$TMUX_TIMEOUT} * 20 ))
	while [ "$_tw_n" -gt 0 ]; do
		_tw_s=$(tmux_screen)
		case $_tw_s in
		*"$2"*) _tw_is=shown ;;
		*) _tw_is=gone ;;
		esac
		if [ "$_tw_is" = "$1" ]; then
			echo "$_tw_s"
			return 0
		fi
		sleep 0.05
		_tw_n=$((_tw_n - 1))
	done
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
