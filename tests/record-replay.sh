#!/bin/sh
# --record and --replay: a live run against a real chronyd (loopback
# clients sent by tests/ntpload while it records) and a batch replay of its
# recording write the same JSON reports; so do a hostile-name run and a
# failing one.  A cut or damaged file plays up to the damage and says where
# it stopped; a newer format and a file that is no recording are refused;
# a second run appends a segment (a torn end cut first); --record-max
# rotates to FILE.1.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
. "$top_srcdir/tests/lib/fakes.sh"
chronyd_available || { echo "chronyd missing"; exit 99; }
at_exit chronyd_stop
fix=$top_srcdir/tests/fixtures

# reports FILE: the JSON reports of a stream, one a line, without the
# report's own time (the wall clock it was written at); everything else,
# each client's rates, state and first seen included, must match: the
# replay gives the model the recorded times, exactly
reports() { sed 's/"time":"[^"]*",//' "$1" | python3 -c 'import json, sys
text = sys.stdin.read()
dec = json.JSONDecoder()
i = 0
while True:
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    doc, i = dec.raw_decode(text, i)
    print(json.dumps(doc, sort_keys=True))'; }
# same_reports A B: stream B holds the same reports as A (times aside)
same_reports() {
	reports "$1" >"$1.r" && reports "$2" >"$2.r" && [ -s "$1.r" ] && cmp -s "$1.r" "$2.r" ||
		{ diff "$1.r" "$2.r" | head -c 3000; return 1; }
}

chronyd_start 'ratelimit interval 1 burst 4' || exit 99
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 200 --packets 3 || exit 99
# the load goes on while ticctop records: the counters move between polls;
# --via chronyc: the socket source reads only the clients so far, chronyc the server's reports too
"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 300 --packets 40 >"$scratch/load.out" 2>&1 &
load=$!
timeout 120 "$TICCTOP" -S "$CHRONYD_SOCK" --via chronyc -b -n 12 -d 3 -o json --record "$scratch/live.rec" >"$scratch/live.json" 2>"$scratch/live.err"
live_rc=$?
check "live: the run ends with a Nagios status ($live_rc)" [ "$live_rc" -le 2 ]
wait "$load"
timeout 120 "$TICCTOP" --replay "$scratch/live.rec" -b -o json >"$scratch/replay.json" 2>"$scratch/replay.err"
expect_eq "$?" "$live_rc" "replay: the same exit status"
expect_eq "$(reports "$scratch/live.json" | wc -l)" 12 "live: 12 reports"
check "replay: the same 12 JSON reports as the live run (times aside)" same_reports "$scratch/live.json" "$scratch/replay.json"
check "replay: nothing on stderr" [ ! -s "$scratch/replay.err" ]
expect_eq "$(grep -c '"server":{"available":"local"' "$scratch/replay.json")" 12 "replay: every report has the server's own reports"
check "replay: the clients' rates are there to compare" grep -q '"rate":{"ntp":[0-9]' "$scratch/replay.json"
# Succeeds when stream $1 holds reports that differ.
reports_differ() { [ "$(reports "$1" | sort -u | wc -l)" -gt 1 ]; }
check "the counters moved while it recorded" reports_differ "$scratch/live.json"
timeout 120 "$TICCTOP" --replay "$scratch/live.rec" -b -n 3 -o json >"$scratch/three.json"
expect_eq "$(reports "$scratch/three.json" | wc -l)" 3 "replay -n 3: three reports"

# cut inside the last poll: the first 11 play, and it says where it stopped
size=$(stat -c %s "$scratch/live.rec")
head -c $((size - 7)) "$scratch/live.rec" >"$scratch/cut.rec"
timeout 120 "$TICCTOP" --replay "$scratch/cut.rec" -b -o json >"$scratch/cut.json" 2>"$scratch/cut.err"
expect_eq "$(reports "$scratch/cut.json" | wc -l)" 11 "cut: 11 reports"
expect_contains "$(cat "$scratch/cut.err")" "ticctop: --replay $scratch/cut.rec: stopped at byte " "cut: where it stopped"
expect_contains "$(cat "$scratch/cut.err")" "after poll 11: the file ends inside a poll (cut short)" "cut: after which poll, and why"

# a byte changed in poll 6: five play, then "checksum"
python3 - "$scratch/live.rec" "$scratch/bad.rec" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
pos, frame = 8, 0
while pos < len(b):
    n = struct.unpack_from("<I", b, pos)[0]
    if frame == 6:   # frame 0 is the header: this is poll 6
        b[pos + 8 + n // 2] ^= 0x20
    pos += 8 + n
    frame += 1
open(sys.argv[2], "wb").write(b)
PY
timeout 120 "$TICCTOP" --replay "$scratch/bad.rec" -b -o json >"$scratch/bad.json" 2>"$scratch/bad.err"
expect_eq "$(reports "$scratch/bad.json" | wc -l)" 5 "damaged: the 5 polls before the damage play"
expect_contains "$(cat "$scratch/bad.err")" "after poll 5: a poll's checksum is wrong (damaged)" "damaged: says where and why"

# a newer format, and a file that is no recording
python3 - "$scratch/newer.rec" <<'PY'
import struct, sys, zlib
body = bytes([0, 3]) + b"\x05future"
open(sys.argv[1], "wb").write(b"TICCREC\n" + struct.pack("<II", len(body), zlib.crc32(body)) + body)
PY
run_ticctop --replay "$scratch/newer.rec" -b -o json
expect_eq "$RC" 3 "newer: refused with exit 3"
expect_contains "$ERR" "written by a newer ticctop (a newer recording format) (this one reads format 2)" "newer: says so"
# format 1 (before the server's reports were kept; times in microseconds): still replays
timeout 120 "$TICCTOP" --replay "$fix/mixed.rec" -b -o json >"$scratch/v1.json" 2>"$scratch/v1.err"
expect_eq "$(reports "$scratch/v1.json" | python3 -c 'import json, sys
print(" ".join(str(json.loads(l)["summary"]["total"]) for l in sys.stdin))')" "7 8 8 8 8 8" "format 1: its six polls replay"
expect_eq "$(grep -c '"server":{"available":"none"' "$scratch/v1.json")" 6 "format 1: no server reports, as recorded"
expect_eq "$(cat "$scratch/v1.err")" "ticctop: 506 Cannot talk to daemon: is chronyd running?" "format 1: its failed poll's error, nothing else"
echo "not a recording" >"$scratch/text.rec"
run_ticctop --replay "$scratch/text.rec" -b -o json
expect_contains "$ERR" "ticctop: --replay $scratch/text.rec: not a ticctop recording" "a text file: not a recording"
fake mixed "exec cat '$fix/mixed-clients.csv'"
run_ticctop --chronyc "$scratch/mixed" --once -o json --record "$scratch/text.rec"
expect_contains "$ERR" "not a ticctop recording; not appending to it" "--record refuses to append to what is no recording"
expect_eq "$(cat "$scratch/text.rec")" "not a recording" "and leaves it as it was"

# append: a torn end is cut, a second run is a second segment
cp "$scratch/cut.rec" "$scratch/two.rec"
timeout 120 "$TICCTOP" --chronyc "$scratch/mixed" -b -n 3 -d 1 -o json --record "$scratch/two.rec" >"$scratch/second.json"
timeout 120 "$TICCTOP" --replay "$scratch/two.rec" -b -o json >"$scratch/two.json" 2>"$scratch/two.err"
expect_eq "$(reports "$scratch/two.json" | wc -l)" 14 "append: 11 + 3 reports, the torn poll cut"
check "append: no damage reported" [ ! -s "$scratch/two.err" ]

# hostile names and a failing source replay as they ran
python3 "$top_srcdir/tests/lib/termcheck.py" clients "$fix/hostile-names.txt" "$scratch/hostile.csv"
fake hostile "exec cat '$scratch/hostile.csv'"
timeout 120 "$TICCTOP" --chronyc "$scratch/hostile" -b -n 2 -d 1 -o json --record "$scratch/hostile.rec" >"$scratch/hostile.json" 2>/dev/null
timeout 120 "$TICCTOP" --replay "$scratch/hostile.rec" -b -o json >"$scratch/hostile-replay.json" 2>/dev/null
check "hostile names: the replay's reports are the live run's" same_reports "$scratch/hostile.json" "$scratch/hostile-replay.json"
fake failing 'printf "506 Cannot talk to daemon\n" >&2; exit 1'
timeout 120 "$TICCTOP" --chronyc "$scratch/failing" -b -n 2 -d 1 -o json --record "$scratch/fail.rec" >"$scratch/fail.json" 2>"$scratch/fail.err"
timeout 120 "$TICCTOP" --replay "$scratch/fail.rec" -b -o json >"$scratch/fail-replay.json" 2>"$scratch/fail-replay.err"
check "a failing source: the same reports" same_reports "$scratch/fail.json" "$scratch/fail-replay.json"
check "a failing source: the same lines on stderr" cmp -s "$scratch/fail.err" "$scratch/fail-replay.err"

# --record-max 1: 10,000 clients, new names each poll, pass 1 MiB in a few polls: FILE.1 and FILE
zcat "$fix/n10000-clients.csv.gz" >"$scratch/n10000.csv"
echo 2 >"$scratch/n10000.count"
fake n10000 "n=\$(cat '$scratch/n10000.count'); echo \$((n + 1)) >'$scratch/n10000.count'
exec sed \"s/^127\\.1\\./127.\$n./\" '$scratch/n10000.csv'"
timeout 120 "$TICCTOP" --chronyc "$scratch/n10000" -b -n 9 -d 1 -o json --record "$scratch/big.rec" --record-max 1 >/dev/null
check "--record-max: the older part is FILE.1" test -s "$scratch/big.rec.1"
n1=$(timeout 120 "$TICCTOP" --replay "$scratch/big.rec.1" -b -o json | reports /dev/stdin | wc -l)
n0=$(timeout 120 "$TICCTOP" --replay "$scratch/big.rec" -b -o json | reports /dev/stdin | wc -l)
check "--record-max: FILE.1 and FILE replay on their own ($n1 + $n0 polls)" [ "$n1" -ge 1 -a "$n0" -ge 1 -a "$((n1 + n0))" -le 9 ]
check "--record-max: no file grew far past 1 MiB" [ "$(stat -c %s "$scratch/big.rec.1")" -lt 2097152 ]
finish
