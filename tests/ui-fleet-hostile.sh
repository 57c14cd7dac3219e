#!/bin/sh
# ui-fleet-hostile.sh — a really hostile server in a fleet (tests/lib/fleet.sh's
# evil: httpd.py /evil/RUN).  Its first answer is good, with terminal
# escapes in the client names and the clock (ESC [ 2 J, OSC 52, OSC 0, C1
# controls, bidi overrides); then broken JSON with raw escapes, wrong types,
# numbers out of range, an error text with escapes and a body past
# --max-size, in turn.  Meanwhile a, b and loc refresh every second; evil's
# line shows one line of error, its last good data stays, marked stale; no
# escape from the data reaches the terminal (the raw bytes ticctop wrote,
# tmux's clipboard and the pane's title); every batch report stays valid
# JSON or clean text.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/fleet.sh"
ui_setup
fleet_setup
KINDS=5   # evil's bad answers, served in turn after its good one

# The fleet: a, evil (its run $1), b and loc.
fleet_args() {
	echo "--name a -u http://127.0.0.1:$FLEET_PORT_a/live/ticc-dash --name evil -u $FLEET_EVIL_URL/$1" \
		"--name b -u http://127.0.0.1:$FLEET_PORT_b/live/ticc-dash --name loc -S $FLEET_SOCK_loc"
}

# Succeeds when stand-in $1 has had at least $2 requests.
requests_reach() {
	[ "$(fleet_requests "$1")" -ge "$2" ]
}

# Succeeds when the lines of a, b and loc each say their data is under 3 s old.
all_fresh() {
	for s in a b loc; do
		tmux_screen | grep -q "^[> ]$s  .*updated [0-2]\.[0-9] s ago" || return 1
	done
}

# Succeeds when the screen has a line matching regular expression $1.
screen_has() {
	tmux_screen | grep -q -- "$1"
}

# How many escapes the screen holds, as tmux keeps it, beside its colours (SGR).
stray_escapes() {
	_se=$(printf '\033')
	tmux_screen -e | sed "s/$_se\[[0-9;:]*m//g" | grep -c "$_se"
}

# Batch: a stream of 1 + KINDS reports (evil's good answer, then each bad
# one) is valid JSON; a, b and loc are fresh in every report; evil is ok
# in the first, then failed with one line of error, its last good clients
# kept and older each time; no string holds a control, C1, bidi or
# invisible character.
# shellcheck disable=SC2046 # separate words on purpose
"$TICCTOP" --judge total -b -n $((1 + KINDS)) -d 10 -o json --timeout 5 --max-size 1 $(fleet_args json) \
	>"$FLEET_DIR/stream.json" 2>"$FLEET_DIR/stream.err"
expect_eq "$?" 2 "batch: exit status 2 (a's critical clients count though evil failed)"
check "batch: every report valid JSON, evil's failures kept apart" python3 - "$top_srcdir/tests/lib" \
	"$FLEET_DIR/stream.json" "$KINDS" "$FLEET_DIR/evil.count" <<'PY'
import sys
sys.path.insert(0, sys.argv.pop(1))
from jsonstream import reports
text = open(sys.argv[1], "rb").read().decode("utf-8")
docs = list(reports(text))
assert text.endswith("\n") and len(docs) == 1 + int(sys.argv[2]), len(docs)

def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for k, x in v.items():
            yield k
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)

HIDDEN = [(0, 0x1f), (0x7f, 0x9f), (0x200b, 0x200f), (0x2028, 0x202e), (0x2060, 0x206f), (0xfeff, 0xfeff)]
for i, d in enumerate(docs):
    for s in strings(d):
        bad = [c for c in s if any(lo <= ord(c) <= hi for lo, hi in HIDDEN)]
        assert not bad, (i, s)
    srv = {s["name"]: s for s in d["servers"]}
    assert list(srv) == ["a", "evil", "b", "loc"], list(srv)
    for name in ("a", "b", "loc"):
        assert srv[name]["source"]["ok"] and srv[name]["source"]["age"] < 3, (i, name, srv[name]["source"])
    evil = srv["evil"]
    if i == 0:
        assert evil["source"]["ok"], evil["source"]
        kept = sorted(c["addr"] for c in evil["clients"])
        assert len(kept) >= 12 and any("\\x1b[2J" in a for a in kept), kept
        open(sys.argv[3], "w").write("%d\n" % len(kept))
        continue
    err = evil["source"]["error"]
    assert not evil["source"]["ok"] and err and "\n" not in err, (i, evil["source"])
    assert sorted(c["addr"] for c in evil["clients"]) == kept, (i, "the last good clients kept")
    assert evil["source"]["age"] > docs[i - 1]["servers"][1]["source"]["age"] or i == 1, (i, evil["source"])
print("evil's errors:", *[d["servers"][1]["source"]["error"][:100] for d in docs[1:]], sep="\n  ")
PY
check "batch: stderr holds only clean text" python3 "$top_srcdir/tests/lib/termcheck.py" raw "$FLEET_DIR/stream.err" utf8
expect_eq "$(grep -c "^ticctop: $FLEET_EVIL_URL/json: " "$FLEET_DIR/stream.err")" "$KINDS" "batch: a line of error per failed poll"
expect_eq "$(grep -c '^ticctop: warning: evil: the server.s "count" is an object' "$FLEET_DIR/stream.err")" 1 \
	"batch: the server's own warning names it"
expect_eq "$(wc -l <"$FLEET_DIR/stream.err")" $((KINDS + 1)) "batch: nothing else on stderr"

# The text report: clean bytes, evil named as failed.
# shellcheck disable=SC2046
"$TICCTOP" --judge total -b -n 3 -d 10 -o text --timeout 5 --max-size 1 $(fleet_args text) \
	>"$FLEET_DIR/stream.txt" 2>/dev/null
check "text: only clean text" python3 "$top_srcdir/tests/lib/termcheck.py" raw "$FLEET_DIR/stream.txt" utf8
expect_contains "$(grep '^TICCTOP .* servers, ' "$FLEET_DIR/stream.txt" | tail -n 1)" "UNKNOWN: evil" "text: evil named as failed"

# The full screen, every byte ticctop writes recorded; OSC 52 would make a
# tmux buffer, OSC 0 a pane title.
tmux_start 160 40 || exit 99
_tm set -g set-clipboard on
title=$(tmux_pane '#{pane_title}')
tmux_record "$FLEET_DIR/screen.raw"
ui_start "$(fleet_args ui) --timeout 3 -d 10 --max-size 1"
expect_screen "evil  clients " "evil's first answer: its clients"
check "evil's next answers: its line says what went wrong" wait_until 60 screen_has "^ evil  clients .* ⚠ $FLEET_EVIL_URL/ui: "
a0=$(fleet_requests a)
b0=$(fleet_requests b)
e0=$(fleet_requests evil)
check "evil gives every bad answer at least once more" wait_until 60 requests_reach evil $((e0 + KINDS + 1))
check "a is polled on meanwhile" requests_reach a $((a0 + 3))
check "b is polled on meanwhile" requests_reach b $((b0 + 3))
check "a, b and loc are fresh" wait_until 60 all_fresh
line=$(tmux_screen | grep '^[> ]evil  ')
expect_eq "$(printf '%s\n' "$line" | wc -l)" 1 "evil's error is one line"
case $line in
*"STALE "*) check "evil's line: its data is stale" true ;;
*) echo "  evil's line: $line"; check "evil's line: its data is stale" false ;;
esac
tmux_keys '\'
tmux_type "server:evil"
tmux_keys Enter
expect_screen "shown $(cat "$FLEET_DIR/evil.count")" "server:evil: its last good clients are kept"
expect_screen 'osc52\x1b]52;c;cHduZWQ=\x07' "a name shows its escapes as text"
expect_eq "$(stray_escapes)" 0 "capture-pane -e: no escape but colours on the screen"
tmux_keys q
expect_screen "EXIT=0" "quit"
tmux_record
check "the screen: only painting reached the terminal" python3 "$top_srcdir/tests/lib/termcheck.py" curses "$FLEET_DIR/screen.raw"
expect_eq "$(tmux_pane '#{pane_title}')" "$title" "the pane's title is untouched"
expect_eq "$(_tm list-buffers | wc -l)" 0 "no OSC 52 reached tmux's clipboard"
finish
