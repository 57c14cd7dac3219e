#!/bin/sh
# http-multi.sh — several http sources share the loop's one wait: two
# loopback listeners, one hanging and one answering, polled at once; the
# answering one is delivered while the other is still in flight.  Then two
# answering ones, both delivered by the same wait loop.
. "$top_srcdir/tests/lib/httpd.sh"
http_setup
httpd_start --also-bind 127.0.0.2
LOOP_SOURCES="$top_builddir/tests/loop_sources"
hang="http://127.0.0.1:$PORT/hang"
answer="http://127.0.0.2:$PORT2/fixture/data-mixed.json"

# hang + answer: the answer comes while the hang is still in flight.
timeout -k 2 60 "$LOOP_SOURCES" 1 60 "$hang" "$answer" >"$TMP/out.hang" 2>"$TMP/err.hang"
rc=$?
if [ "$rc" -eq 0 ] && grep -qx "delivered 1 ok rows=7 busy=1" "$TMP/out.hang"; then
	echo "ok: hang-and-answer: the answering source finished while the other hung"
else
	fail "hang-and-answer: exit $rc, output: $(cat "$TMP/out.hang" "$TMP/err.hang")"
fi
grep -q "^127.0.0.1 .* /hang " "$TMP/httpd.log" || fail "hang-and-answer: the hanging request never reached the server"

# answer + answer (the first listed later on the other listener): both delivered.
timeout -k 2 60 "$LOOP_SOURCES" 2 60 "$answer" "http://127.0.0.1:$PORT/fixture/chrony-web-v1-data.json" \
	>"$TMP/out.two" 2>"$TMP/err.two"
rc=$?
if [ "$rc" -eq 0 ] && grep -q "^delivered 0 ok rows=7 " "$TMP/out.two" && grep -q "^delivered 1 ok rows=7 " "$TMP/out.two" &&
   grep -q "busy=0" "$TMP/out.two"; then
	echo "ok: two-answers"
else
	fail "two-answers: exit $rc, output: $(cat "$TMP/out.two" "$TMP/err.two")"
fi
[ "$FAILS" -eq 0 ]
