#!/bin/sh
# fleet-batch.sh — a fleet of six in batch mode (tests/lib/fleet.sh): two
# real chronyds behind their /data stand-ins, a slow one and a hostile one
# past the timeout, a dead one, a local chronyd.  --once takes about one
# timeout, not the sum of the slow ones; each live server's numbers are its
# own chronyc's; the failed ones are named, and the worst state wins; the
# live servers keep refreshing every second while the slow one hangs.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
. "$top_srcdir/tests/lib/fleet.sh"
fleet_setup
T=6
# shellcheck disable=SC2086 # FLEET_ARGS holds separate words on purpose
# (--judge total: --once polls the quick servers again while the held ones
# wait, and the verdicts compared are the dashboards', on totals)
set -- --judge total $FLEET_ARGS

# --once over six servers, two of them held until the timeout: about one
# timeout (all polls at once), never two (one after the other).
t0=$(date +%s%N)
run_ticctop --once -o json --timeout "$T" "$@"
took=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "$OUT" >"$FLEET_DIR/once.json"
for s in a b loc; do
	fleet_chronyc "$s" -c clients >"$FLEET_DIR/$s.csv"
done
slack=$(( ($(date +%s%N) - t0) / 1000000000 + 2 ))
echo "# --once over 6 servers, 2 held for --timeout $T: ${took} ms"
check "--once takes less than twice the timeout (${took} ms)" [ "$took" -lt $((2 * T * 1000)) ]
expect_eq "$RC" 2 "exit status 2: a's critical clients count though three servers failed"
expect_contains "$ERR" "http://127.0.0.1:$FLEET_PORT_slow/hang: connected, but no answer within" "stderr: the slow one timed out"
expect_contains "$ERR" "http://127.0.0.1:1/data: cannot connect" "stderr: the dead one"
expect_contains "$ERR" "http://127.0.0.1:$FLEET_PORT_hostile/trickle: the answer was still incomplete after" "stderr: the hostile one"
expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 3 "stderr: one line per failed server"

# Each live server's part of the JSON is what its own chronyc lists.
python3 - "$FLEET_DIR" <<'PY' || check "the fleet JSON splits into its servers" false
import json, sys
d = sys.argv[1]
doc = json.load(open(d + "/once.json"))
names = [s["name"] for s in doc["servers"]]
assert names == ["a", "b", "slow", "dead", "hostile", "loc"], names
total = 0
for s in doc["servers"]:
    total += s["summary"]["total"]
    json.dump({"ticctop": 1, "source": s["source"], "summary": s["summary"], "clients": s["clients"]},
              open("%s/part-%s.json" % (d, s["name"]), "w"))
    assert s["source"]["ok"] == (s["name"] in ("a", "b", "loc")), s["source"]
assert doc["summary"]["total"] == total == 300 + 100 + 50, (doc["summary"], total)
PY
check "a: its JSON is what its chronyc lists" python3 "$top_srcdir/tests/compare.py" --dash --slack "$slack" "$FLEET_DIR/part-a.json" "$FLEET_DIR/a.csv"
check "b: its JSON is what its chronyc lists" python3 "$top_srcdir/tests/compare.py" --dash --slack "$slack" "$FLEET_DIR/part-b.json" "$FLEET_DIR/b.csv"
check "loc: its JSON is what its chronyc lists" python3 "$top_srcdir/tests/compare.py" --slack "$slack" "$FLEET_DIR/part-loc.json" "$FLEET_DIR/loc.csv"

# --once with exactly one server held past the timeout, the others quick:
# about one timeout, the quick ones' data fresh in the report (polled again
# while it waits: polled one after the other, a's data, read before the
# held one's timeout, would be a timeout old), the held one marked as
# timed out.
t0=$(date +%s%N)
run_ticctop --once -o json --timeout "$T" --judge total --name a -u "http://127.0.0.1:$FLEET_PORT_a/live/ticc-dash" \
	--name slow -u "http://127.0.0.1:$FLEET_PORT_slow/hang" --name b -u "http://127.0.0.1:$FLEET_PORT_b/live/ticc-dash" \
	--name loc -S "$FLEET_SOCK_loc"
took=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "# --once over 4 servers, 1 held for --timeout $T: ${took} ms"
check "--once with one held server: under 1.8 times the timeout (${took} ms)" [ "$took" -lt $((18 * T * 100)) ]
expect_contains "$ERR" "http://127.0.0.1:$FLEET_PORT_slow/hang: connected, but no answer within $T.0 s" "the held one timed out"
printf '%s\n' "$OUT" >"$FLEET_DIR/one-slow.json"
python3 - "$FLEET_DIR/one-slow.json" <<'PY' || check "one held: the quick servers' data is in the report, fresh" false
import json, sys
doc = json.load(open(sys.argv[1]))
srv = {s["name"]: s for s in doc["servers"]}
assert list(srv) == ["a", "slow", "b", "loc"], list(srv)
for name, total in (("a", 300), ("b", 100), ("loc", 50)):
    src = srv[name]["source"]
    assert src["ok"] and src["age"] < 3 and srv[name]["summary"]["total"] == total, (name, src)
assert not srv["slow"]["source"]["ok"] and "no answer within" in srv["slow"]["source"]["error"], srv["slow"]["source"]
assert srv["slow"]["clients"] == [], srv["slow"]
PY

# Text: one status line for the fleet naming the failed servers, then each server.
run_ticctop --once --timeout 2 "$@"
first=$(printf '%s\n' "$OUT" | head -n 1)
expect_contains "$first" "TICCTOP CRITICAL - 6 servers, 450 clients: " "text: the fleet's line, worst state"
expect_contains "$first" "; UNKNOWN: slow, dead, hostile | servers=6 failed=3 clients=450" "text: the failed servers named"
expect_contains "$OUT" "
== loc (" "text: each server after it"
# CSV: a server column, one header.
run_ticctop --once -o csv --timeout 2 "$@"
expect_eq "$(printf '%s\n' "$OUT" | head -n 1 | cut -d, -f1-2)" "server,addr" "csv: the server column"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^b,')" 100 "csv: b's 100 rows (the same addresses as a's first 100: their own rows)"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^server,')" 1 "csv: one header"

# While the slow one hangs (a long timeout), the others are polled every
# second: a's stand-in gets request after request, and reports keep coming
# (each with the latest of all; the slow ones "no answer yet"), while
# slow's one request is still in flight.
slow_before=$(fleet_requests slow)
before=$(fleet_requests a)
"$TICCTOP" -b -o json -d 10 --timeout 600 "$@" >"$FLEET_DIR/stream.json" 2>"$FLEET_DIR/stream.err" &
pid=$!
check "a is polled again and again while slow hangs" wait_until 60 sh -c "[ \$(wc -l <'$FLEET_DIR/a/log') -ge $((before + 5)) ]"
check "reports keep coming while slow hangs" wait_until 60 sh -c "[ \$(grep -c '^{\"ticctop\":1,' '$FLEET_DIR/stream.json') -ge 5 ]"
expect_eq "$(fleet_requests slow)" $((slow_before + 1)) "slow: its one request still in flight"
kill -TERM "$pid"
wait "$pid"
expect_eq "$?" 143 "the stream ends on TERM (128+15), slow's poll in flight"
finish
