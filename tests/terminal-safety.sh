#!/bin/sh
# Hostile client names (ESC, CSI, OSC, DCS, C1 controls as UTF-8 and as raw
# bytes, DEL, invalid UTF-8, bidi overrides and isolates, zero-width
# characters, tags), from a fake chronyc and from a /data server (which also
# sends a hostile clock and error text): the raw bytes that reach a pty in
# text, CSV and JSON batch output, in a UTF-8 and in the C locale, hold no
# control, C1, bidi or invisible character; JSON and CSV parse and carry
# every name as its sanitised text; the two lines (or entries) that are not
# clients are skipped, counted and reported, never dropped silently; error
# texts built from what a source said are escaped as well.
. "$top_srcdir/tests/lib/common.sh"
command -v script >/dev/null || { echo "script (util-linux) missing"; exit 77; }
. "$top_srcdir/tests/lib/httpd-server.sh"
at_exit stop_all
scratch=$(mktemp -d)
stop_all() {
	httpd_server_stop
	rm -rf "$scratch"
}
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
names=$top_srcdir/tests/fixtures/hostile-names.txt
check_py() { python3 "$top_srcdir/tests/lib/termcheck.py" "$@"; }

# What the sources answer: one client per hostile name, then two that are
# not clients.  CSV: a NUL line and a 300-byte name.  /data (JSON carries
# only valid UTF-8, so the names that are not leave): a 300-byte name and an
# entry whose NTP is a number; its clock is hostile too.  Also /data answers
# with a hostile error of the server's own, and with invalid UTF-8, which
# jansson refuses, quoting it.
mkdir "$scratch/www"
python3 - "$names" "$scratch" <<'PY'
import ast, json, sys
names = [ast.literal_eval(l) for l in open(sys.argv[1]) if l.strip()]
out = sys.argv[2]
utf8 = []
for n in names:
    try:
        utf8.append(n.decode("utf-8"))
    except UnicodeDecodeError:
        pass
with open(out + "/names-utf8.txt", "w") as f:
    f.writelines(repr(n.encode("utf-8")) + "\n" for n in utf8)
entry = lambda a, drops="0", ntp="5": {"addr": a, "NTP": ntp, "Drop": drops, "Int": "-2", "IntL": "-",
                                       "Last": "15", "Cmd": "0"}
rows = [entry(n, "12" if i % 3 == 0 else "0") for i, n in enumerate(utf8)]
rows += [entry("\x1b[31m" * 60), entry("num", ntp=5)]
doc = {"clients_parsed": rows, "count": len(rows), "local_time": "\x1b]0;owned\x07\u202e22-11-2026, 10:00:00"}
with open(out + "/www/hostile.json", "w") as f:
    json.dump(doc, f)  # ensure_ascii: every control as \u00XX
doc = {"clients_parsed": [], "count": 0, "local_time": "\x1b[8m10:00", "error": "chronyc \x1b[2Jfailed \u009b31m\u200b"}
with open(out + "/www/server-error.json", "w") as f:
    json.dump(doc, f)
with open(out + "/www/badutf.json", "wb") as f:
    f.write(b'{"clients_parsed":[{"addr":"x\xff\x1b[2J\x1b]0;t\x07","NTP":"1"}],"count":1}')
PY
check_py clients "$names" "$scratch/clients.csv"
printf '#!/bin/sh\nexec cat "%s"\n' "$scratch/clients.csv" >"$scratch/chronyc"
# a failing chronyc whose error text is hostile too
printf '#!/bin/sh\nprintf "506 Cannot\\033[2J talk \\302\\233\\342\\200\\256 \\033]0;x\\007\\n" >&2\nexit 1\n' >"$scratch/chronyc-fail"
chmod +x "$scratch/chronyc" "$scratch/chronyc-fail"
httpd_server_start "$scratch" --fixtures "$scratch/www" || { cat "$scratch/httpd.err"; exit 99; }
url="http://127.0.0.1:$PORT/fixture"

# Runs ticctop on a pty (stdout and stderr), raw bytes into $scratch/$1.pty.
on_pty() {
	_out=$1
	shift
	timeout 120 script -q -e -c "$*" /dev/null </dev/null >"$scratch/$_out.pty" 2>&1
}

# judge NAME NOTE NAMES ARGS...: ticctop ARGS on a pty in both locales and
# all formats must show nothing a terminal would obey or hide, and NOTE
# (the skipped lines); through a pipe, JSON and CSV must carry each of NAMES.
judge() {
	_name=$1 _note=$2 _names=$3
	shift 3
	for loc in C.UTF-8:utf8 C:ascii; do
		LC_ALL=${loc%%:*}
		export LC_ALL
		_mode=${loc##*:}
		for fmt in text csv json; do
			_f=$_name-$fmt-$_mode
			on_pty "$_f" "$TICCTOP" --once -o "$fmt" "$@"
			check "$_name, $fmt, $LC_ALL, pty: nothing a terminal would obey or hide" check_py raw "$scratch/$_f.pty" "$_mode"
			expect_contains "$(cat "$scratch/$_f.pty")" "$_note" "$_name, $fmt, $LC_ALL: the skipped ones are reported"
		done
	done
	expect_contains "$(cat "$scratch/$_name-text-utf8.pty")" "caf$(printf '\303\251').example" "$_name: UTF-8 locale: a UTF-8 name stays readable"
	expect_contains "$(cat "$scratch/$_name-text-ascii.pty")" 'caf\xc3\xa9.example' "$_name: C locale: the same name is escaped"
	expect_contains "$(cat "$scratch/$_name-text-utf8.pty")" 'evil\x1b[2J\x1b[H\x1b]0;owned\x07title' "$_name: text shows ESC as \\x1b"
	LC_ALL=C.UTF-8
	run_ticctop --once -o json "$@"
	printf '%s\n' "$OUT" >"$scratch/$_name.json"
	check "$_name: JSON parses and lists every name sanitised, skipped >= 1" check_py json "$scratch/$_name.json" "$_names"
	expect_contains "$OUT" '"skipped":2' "$_name: JSON: source.skipped counts both"
	expect_eq "$RC" 2 "$_name: exit status from the rows that were read (critical)"
	timeout 120 "$TICCTOP" --once -o csv "$@" >"$scratch/$_name.csv" 2>/dev/null
	check "$_name: CSV parses (RFC 4180, CRLF) and lists every name sanitised" check_py csv "$scratch/$_name.csv" "$_names"
}

# judge_error NAME WORDS ARGS...: a failing source's message, built from
# what it said, is shown escaped (WORDS) and nothing on the pty is unsafe.
judge_error() {
	_name=$1 _words=$2
	shift 2
	for loc in C.UTF-8:utf8 C:ascii; do
		LC_ALL=${loc%%:*}
		export LC_ALL
		on_pty "$_name-${loc##*:}" "$TICCTOP" --once -o json "$@"
		check "$_name, $LC_ALL, pty: the hostile error text is escaped" check_py raw "$scratch/$_name-${loc##*:}.pty" "${loc##*:}"
		expect_contains "$(cat "$scratch/$_name-${loc##*:}.pty")" "$_words" "$_name, $LC_ALL: says why"
	done
}

judge chronyc "warning: 2 lines skipped (first: line 17, a NUL byte in the line)" "$names" --chronyc "$scratch/chronyc"
judge http "warning: 2 entries skipped (first: entry 15, no address, or one over 255 bytes)" "$scratch/names-utf8.txt" \
	--url "$url/hostile.json"
expect_contains "$(cat "$scratch/http-json-utf8.pty")" '"time":"\\x1b]0;owned\\x07\\xe2\\x80\\xae22-11-2026' "http: the server's clock, escaped"
judge_error chronyc-fail 'exited with status 1: 506 Cannot\x1b[2J talk' --chronyc "$scratch/chronyc-fail"
judge_error http-server-error 'the server reports an error: "chronyc \x1b[2Jfailed \xc2\x9b31m\xe2\x80\x8b" (server clock \x1b[8m10:00' \
	--url "$url/server-error.json"
judge_error http-badutf 'invalid UTF-8' --url "$url/badutf.json"
finish
