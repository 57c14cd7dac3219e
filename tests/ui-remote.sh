#!/bin/sh
# The full screen on a remote TICC-DASH /data answer (tests/httpd.py on
# loopback serving a real captured answer with host names): the server's
# clock in the header, host-name cards, case-insensitive search, the
# family:host filter, and "-" where the dashboard does not send a value.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/httpd-server.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }
ui_setup
dir=$UI_DIR
at_exit httpd_server_stop
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

httpd_server_start "$dir" || { cat "$dir/httpd.err"; exit 99; }
url="http://127.0.0.1:$PORT/fixture/data-hostnames.json"

tmux_start 120 30 || exit 99
ui_start "--url '$url' -d 5"
expect_screen "Clients 7 · OK 4 · WARN 2 · CRIT 1" "remote: summary"
screen=$(tmux_screen)
expect_contains "$screen" "ticctop $url" "remote: the URL in the header"
expect_contains "$screen" "server 22-11-2026, 02:46:59" "remote: the server's clock (local_time)"
expect_contains "$screen" "✗ zulu.lab.example" "remote: host names on the cards"
expect_contains "$screen" "▲ a-very-long-client-hostn>" "remote: a name chronyc cut stays as sent"
tmux_keys /
tmux_type "BRAVO"
expect_screen "found 1" "remote: search ignores case"
expect_screen "━ ● Bravo.lab.example" "remote: search selects Bravo.lab.example"
tmux_keys Enter Enter
expect_screen "family    host name" "remote: expanded card: host name"
screen=$(tmux_screen)
expect_eq "$(echo "$screen" | grep -cE '┃ last seen 27 s ago +- ')" 1 "remote: Cmd last seen not sent: -, not never"
expect_eq "$(echo "$screen" | grep -cE '┃ drops     0 +- ')" 1 "remote: Cmd drops not sent: -"
tmux_keys Escape '\'
tmux_type "family:host"
tmux_keys Enter
expect_screen "shown 5" "remote: filter family:host"
tmux_resize 80 24
expect_screen "server 22-11-2026, 02:46:59" "remote at 80x24: the server's clock stays, the URL is cut"
tmux_keys q
expect_screen "EXIT=0" "remote: quit"
expect_eq "$(cat "$dir/stderr")" "" "remote: nothing on stderr"
finish
