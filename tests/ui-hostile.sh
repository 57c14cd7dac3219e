#!/bin/sh
# The full screen against hostile data: client names with ESC, CSI, OSC, DCS,
# C1 controls, invalid UTF-8, bidi overrides and invisible characters, then
# an error text of the same kind (the banner), and a /data server whose
# clock is hostile (the header).  The raw bytes ticctop writes to its
# terminal (tmux pipe-pane) must be valid UTF-8 with no C1, bidi or
# invisible character and no escape sequence but those that paint (no OSC,
# DCS, APC, no query the terminal would answer); the pane's title stays; the
# names show as \x1b text; the --log file holds no raw control either.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/httpd-server.sh"
ui_setup
dir=$UI_DIR
at_exit httpd_server_stop
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

python3 "$top_srcdir/tests/lib/termcheck.py" clients "$top_srcdir/tests/fixtures/hostile-names.txt" "$dir/clients.csv"
python3 - "$dir" <<'PY'
import json, sys
doc = {"clients_parsed": [{"addr": "host-%d\u202e\x1b]0;PWNED\x07" % i, "NTP": "5", "Drop": "0", "Int": "-2",
                           "IntL": "-", "Last": "15", "Cmd": "0"} for i in range(3)],
       "count": 3, "local_time": "\x1b]0;PWNED\x07\u202e\x1b[6n22-11-2026, 10:00:00"}
with open(sys.argv[1] + "/hostile.json", "w") as f:
    json.dump(doc, f)
PY
# answers twice with the hostile names, then fails with hostile words
cat >"$dir/chronyc" <<EOS
#!/bin/sh
n=\$(cat "$dir/n" 2>/dev/null || echo 0)
echo \$((n + 1)) >"$dir/n"
[ "\$n" -lt 2 ] && exec cat "$dir/clients.csv"
printf '506 Cannot\\033]0;PWNED\\007 talk\\033[6n \\302\\233\\342\\200\\256\\033P+q\\033\\\\ to daemon\\n' >&2
exit 1
EOS
chmod +x "$dir/chronyc"
httpd_server_start "$dir" --fixtures "$dir" || { cat "$dir/httpd.err"; exit 99; }

tmux_start 160 50 || exit 99
title=$(tmux_pane '#{pane_title}')

# judge NAME: the recording of run NAME is paint and nothing else; the title stands.
judge() {
	check "$1: the recording holds the screens ($(wc -c <"$dir/$1.raw") bytes)" [ "$(wc -c <"$dir/$1.raw")" -gt 2000 ]
	check "$1: only painting reached the terminal" python3 "$top_srcdir/tests/lib/termcheck.py" curses "$dir/$1.raw"
	expect_eq "$(tmux_pane '#{pane_title}')" "$title" "$1: the pane's title is untouched"
}

tmux_record "$dir/chronyc.raw"
ui_start "--chronyc '$dir/chronyc' -d 5 --log '$dir/log'"
tmux_wait "Clients 16" >/dev/null || check "started" false
tmux_keys +
expect_screen 'evil\x1b[2J\x1b[H\x1b]0;owned\x07title' "names show ESC as \\x1b"
expect_screen 'c1csi\xc2\x9b31mred' "names show C1 escaped"
expect_screen 'bidi\xe2\x80\xaegnp.exe' "names show a bidi override escaped"
expect_screen '506 Cannot\x1b]0;PWNED\x07 talk\x1b[6n \xc2\x9b\xe2\x80\xae\x1bP+q\x1b\\ to daemon' \
	"the banner shows the hostile error escaped"
tmux_keys q
expect_screen "EXIT=0" "quits"
tmux_record
judge chronyc
expect_eq "$(cat "$dir/stderr")" "" "nothing on stderr"
expect_contains "$(cat "$dir/log")" '506 Cannot\x1b]0;PWNED\x07 talk' "the --log file has the error, escaped"
check "the --log file is safe to cat on a terminal" python3 "$top_srcdir/tests/lib/termcheck.py" raw "$dir/log" utf8

tmux_run clear
tmux_record "$dir/http.raw"
ui_start "--url 'http://127.0.0.1:$PORT/fixture/hostile.json' -d 5"
tmux_wait "Clients 3" >/dev/null || check "started (--url)" false
expect_screen 'server \x1b]0;PWNED\x07\xe2\x80\xae\x1b[6n22-11-2026' "the server's clock shows escaped"
tmux_keys +
expect_screen 'host-1\xe2\x80\xae\x1b]0;PWNED\x07' "the server's names show escaped"
tmux_keys q
expect_screen "EXIT=0" "quits (--url)"
tmux_record
judge http
finish
