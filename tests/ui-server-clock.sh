#!/bin/sh
# The header says when a remote server's own clock has stopped: a /data
# answer whose local_time never moves (a cached or frozen dashboard, here a
# fixture served again and again) shows "STOPPED" beside the server's clock
# after several polls; a fresh start does not.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/httpd-server.sh"
tmux_available || { echo "tmux missing"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }
at_exit tmux_stop
dir=$(mktemp -d)
at_exit cleanup
cleanup() {
	httpd_server_stop
	rm -rf "$dir"
}
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
httpd_server_start "$dir" || { cat "$dir/httpd.err"; exit 99; }
url="http://127.0.0.1:$PORT/fixture/data-mixed.json"

# Succeeds if line 1 shows the server's clock with two spaces at least before it.
server_gap() {
	tmux_screen | sed -n 1p | grep -Eq '[^ ]  +server 22-11-2026'
}

tmux_start 160 30 || exit 99
tmux_run "clear; '$TICCTOP' --url '$url' -d 5 2>'$dir/stderr'; echo EXIT=\$?"
expect_screen "server 22-11-2026, 02:46:47" "the server's clock"
screen=$(tmux_screen)
case $screen in
*STOPPED*) check "not called stopped at the first poll" false ;;
*) check "not called stopped at the first poll" true ;;
esac
expect_screen "server 22-11-2026, 02:46:47 STOPPED" "a clock that does not move is called stopped"
tmux_resize 80 24
check "80x24: the cut source and the server's clock keep a gap" wait_until 60 server_gap
tmux_keys q
expect_screen "EXIT=0" "quits"
finish
