#!/bin/sh
# http-loop.sh — the http source inside the loop: never blocks it (a signal
# ends ticctop at once while the server hangs), one poll at a time, proxies
# from the environment and --noproxy; the command line's checks.
. "$top_srcdir/tests/lib/httpd.sh"
http_setup
httpd_start
base="http://127.0.0.1:$PORT"

# SIGTERM while a request hangs (--timeout 600): ticctop ends at once, not
# when the request would have timed out (the wait's bound is far shorter).
"$TICCTOP" -b -o json -d 10 --timeout 600 --url "$base/hang" >"$TMP/out.sigterm" 2>"$TMP/err.sigterm" &
pid=$!
wait_until 60 grep -q " /hang " "$TMP/httpd.log"
t0=$(date +%s%N)
kill -TERM "$pid"
if ! wait_until 60 ended "$pid"; then
	kill -KILL "$pid"
	wait "$pid"
	fail "sigterm: ticctop still running 60 s after SIGTERM"
else
	wait "$pid"
	rc=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	if [ "$rc" -eq 143 ]; then
		echo "ok: sigterm: ended in $ms ms, status 143"
	else
		fail "sigterm: status $rc, want 143"
	fi
fi

# One poll at a time: ticks every 0.2 s, each poll hangs 1 s: 3 polls, 3 requests, in sequence.
: >"$TMP/httpd.log"
run_ticctop one-at-a-time 20 -b -o json -n 3 -d 2 --timeout 1 --url "$base/hang"
reqs=$(grep -c " /hang " "$TMP/httpd.log")
reports=$(grep -c '"ticctop":1' "$TMP/out.one-at-a-time")
errs=$(grep -c "no answer within .*the limit is --timeout 1 s:" "$TMP/err.one-at-a-time")
if [ "$RC" -eq 3 ] && [ "$reqs" -eq 3 ] && [ "$reports" -eq 3 ] && [ "$errs" -eq 3 ]; then
	echo "ok: one-at-a-time: 3 polls in ${SECS_TAKEN} s"
else
	fail "one-at-a-time: exit $RC, $reqs requests, $reports reports, $errs errors (want 3, 3, 3)"
fi

# Proxies come from the environment; --noproxy bypasses them.  The proxy
# here is the test server itself, which is no proxy: it answers 404.
: >"$TMP/httpd.log"
http_proxy="http://127.0.0.1:$PORT" expect_error via-proxy 10 "HTTP 404 Not Found" --url "$base/fixture/data-mixed.json"
grep -q " http://127.0.0.1:$PORT/fixture/data-mixed.json auth=no" "$TMP/httpd.log" || fail "via-proxy: the request did not go through the proxy"
http_proxy="http://127.0.0.1:$PORT" run_ticctop noproxy 10 --once -o json --url "$base/fixture/data-mixed.json" --noproxy 127.0.0.1
if [ "$RC" -eq 2 ] && [ ! -s "$TMP/err.noproxy" ]; then
	echo "ok: noproxy"
else
	fail "noproxy: exit $RC: $(cat "$TMP/err.noproxy")"
fi

# The command line.
expect_error url-and-sudo 5 "--url reads a remote dashboard: it does not go with --sudo, --demo or --chronyc" \
	--url "$base/x" --sudo
expect_error url-and-chronyc 5 "--url reads a remote dashboard" --url "$base/x" --chronyc /usr/bin/chronyc
expect_error url-and-demo 5 "--url reads a remote dashboard" --url "$base/x" --demo
expect_error cacert-alone 5 "--cacert only applies to a remote dashboard (--url)" --cacert /etc/ssl/certs/ca-certificates.crt
expect_error insecure-alone 5 "--insecure only applies to a remote dashboard (--url)" --insecure
expect_error key-alone 5 "--key goes with --cert" --url "$base/x" --key /nonexistent
expect_error password-file-alone 5 "--password-file goes with --user" --url "$base/x" --password-file /nonexistent
expect_error ftp 5 "--url ftp://127.0.0.1/data: only http:// and https:// URLs are read" --url ftp://127.0.0.1/data
expect_error file 5 "--url file:///etc/passwd: only http:// and https:// URLs are read" --url file:///etc/passwd
expect_error not-a-url 5 '--url: "not a url" is not a URL (want http://HOST[:PORT]/data)' --url "not a url"
http_finish
