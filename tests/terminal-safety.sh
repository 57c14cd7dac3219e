#!/bin/sh
# Hostile client names (ESC, CSI, OSC, DCS, C1 controls as UTF-8 and as raw
# bytes, DEL, invalid UTF-8, bidi overrides and isolates, zero-width
# characters, tags) from a fake chronyc: the raw bytes that reach a pty in
# text, CSV and JSON batch output, in a UTF-8 and in the C locale, hold no
# control, C1, bidi or invisible character; JSON and CSV parse and carry
# every name as its sanitised text; a line with a NUL byte and an overlong
# name are skipped, counted and reported, not dropped silently.
. "$top_srcdir/tests/lib/common.sh"
command -v script >/dev/null || { echo "script (util-linux) missing"; exit 77; }
at_exit rm_scratch
scratch=$(mktemp -d)
rm_scratch() { rm -rf "$scratch"; }
names=$top_srcdir/tests/fixtures/hostile-names.txt
check_py() { python3 "$top_srcdir/tests/lib/termcheck.py" "$@"; }

# The fake chronyc's answer: one row per hostile name, then a NUL line and a
# 300-byte name, which must be skipped and counted.
python3 - "$names" "$scratch/clients.csv" <<'PY'
import ast, sys
names = [ast.literal_eval(l) for l in open(sys.argv[1]) if l.strip()]
with open(sys.argv[2], "wb") as f:
    for i, n in enumerate(names):
        f.write(n + b",%d,%d,-2,127,15,0,0,127,4294967295\n" % (i + 1, 12 if i % 3 == 0 else 0))
    f.write(b"nul\x00\x1b[31m,1,0,-2,127,15,0,0,127,4294967295\n")
    f.write(b"\x1b[31m" * 60 + b",1,0,-2,127,15,0,0,127,4294967295\n")
PY
printf '#!/bin/sh\nexec cat "%s"\n' "$scratch/clients.csv" >"$scratch/chronyc"
# a failing chronyc whose error text is hostile too
printf '#!/bin/sh\nprintf "506 Cannot\\033[2J talk \\302\\233\\342\\200\\256 \\033]0;x\\007\\n" >&2\nexit 1\n' >"$scratch/chronyc-fail"
chmod +x "$scratch/chronyc" "$scratch/chronyc-fail"

# Runs ticctop on a pty (stdout and stderr), raw bytes into $scratch/$1.pty.
on_pty() {
	_out=$1
	shift
	timeout 30 script -q -e -c "$*" /dev/null </dev/null >"$scratch/$_out.pty" 2>&1
}

for loc in C.UTF-8:utf8 C:ascii; do
	LC_ALL=${loc%%:*}
	export LC_ALL
	mode=${loc##*:}
	for fmt in text csv json; do
		on_pty "$fmt-$mode" "$TICCTOP" --once -o "$fmt" --chronyc "$scratch/chronyc"
		check "$fmt, $LC_ALL, pty: nothing a terminal would obey or hide" check_py raw "$scratch/$fmt-$mode.pty" "$mode"
		expect_contains "$(cat "$scratch/$fmt-$mode.pty")" "warning: 2 lines skipped (first: line 17, a NUL byte in the line)" \
			"$fmt, $LC_ALL: the skipped lines are reported"
	done
	on_pty "fail-$mode" "$TICCTOP" --once -o json --chronyc "$scratch/chronyc-fail"
	check "failing chronyc, $LC_ALL, pty: its hostile error text is escaped" check_py raw "$scratch/fail-$mode.pty" "$mode"
	expect_contains "$(cat "$scratch/fail-$mode.pty")" 'exited with status 1: 506 Cannot\x1b[2J talk' "failing chronyc, $LC_ALL: says why"
done
expect_contains "$(cat "$scratch/text-utf8.pty")" "caf$(printf '\303\251').example" "UTF-8 locale: a UTF-8 name stays readable"
expect_contains "$(cat "$scratch/text-ascii.pty")" 'caf\xc3\xa9.example' "C locale: the same name is escaped"
expect_contains "$(cat "$scratch/text-utf8.pty")" 'evil\x1b[2J\x1b[H\x1b]0;owned\x07title' "text shows ESC as \\x1b"

# The same reports through a pipe must be valid JSON / CSV carrying each name.
LC_ALL=C.UTF-8
run_ticctop --once -o json --chronyc "$scratch/chronyc"
printf '%s\n' "$OUT" >"$scratch/out.json"
check "JSON parses and lists every name sanitised, skipped >= 1" check_py json "$scratch/out.json" "$names"
expect_contains "$OUT" '"skipped":2' "JSON: source.skipped counts both bad lines"
expect_eq "$RC" 2 "JSON: exit status from the rows that were read (critical)"
timeout 30 "$TICCTOP" --once -o csv --chronyc "$scratch/chronyc" >"$scratch/out.csv" 2>/dev/null
check "CSV parses (RFC 4180, CRLF) and lists every name sanitised" check_py csv "$scratch/out.csv" "$names"
finish
