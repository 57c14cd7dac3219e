#!/bin/sh
# http-hostile.sh — every hostile or broken answer gives one clear line on
# stderr and exit status 3 with --once, in bounded time, and nothing crashes.
. "$top_srcdir/tests/lib/httpd.sh"
http_setup
httpd_start --also-bind 127.0.0.2
base="http://127.0.0.1:$PORT"

# name | seconds allowed | words stderr must hold | path | more options
while IFS='|' read -r name secs pattern path extra; do
	case "$name" in '' | '#'*) continue ;; esac
	# shellcheck disable=SC2086 # extra holds separate words on purpose
	expect_error "$name" "$secs" "$pattern" --url "$base$path" $extra
done <<EOT
404|10|: HTTP 404 Not Found; is this the /data URL?|/status/404|
500|10|: HTTP 500 Internal Server Error; the dashboard failed|/status/500|
503|10|: HTTP 503 Service Unavailable|/status/503|
401|10|: HTTP 401 Unauthorized; the server wants credentials|/basic/data-mixed.json|
html|10|: expected JSON, got HTML (text/html; charset=utf-8, 324 bytes); is this the /data URL?|/html|
html-as-json|10|: expected JSON, got HTML (application/json, 324 bytes)|/html-as-json|
text|10|: expected JSON, got text/plain (6 bytes): invalid JSON at line 1|/text|
empty|10|: broken JSON: the answer is empty|/empty|
truncated|10|: broken JSON: the JSON ends early (cut off?)|/truncated|
cut-short|10|: the answer was cut short|/short|
closed|10|: the server closed the connection without answering|/close|
numbers|10|: no usable client in the answer: entry 1: "NTP" is a number, expected a string|/numbers|
arrays|10|: no usable client in the answer: entry 1 is an array, expected an object|/arrays|
top-array|10|: not a TICC-DASH or Chrony Web Interface /data answer: expected a JSON object, got an array|/top-array|
missing-keys|10|: expected "clients_parsed" (TICC-DASH) or "clients" (Web Interface V1), got keys "status", "version"|/missing|
deep-10000|10|: broken JSON: nested deeper than 2048 levels|/deep|
duplicate-keys|10|: broken JSON: a key appears twice in one object|/dupkeys|
100MB-chunked|30|: the answer passed 64 MiB (counted after decompression; --max-size)|/big|
100MB-max-size-1|30|: the answer passed 1 MiB (counted after decompression; --max-size)|/big|--max-size 1
100MB-length|30|: the server announced an answer larger than --max-size|/big-length|
bad-gzip|10|: the compressed answer is broken|/bad-gzip|
gzip-bomb|30|: the answer passed 64 MiB (counted after decompression; --max-size)|/gzip-bomb|
hang|15|: connected, but no answer within 5.|/hang|
hang-timeout-1|10|the limit is --timeout 1 s: a slow dashboard (one resolving names) may need more: raise it with --timeout SECONDS|/hang|--timeout 1
trickle|15|: the answer was still incomplete after 5.|/trickle|
redirect-file|10|: redirected to file:///etc/passwd: not followed: only http and https are followed|/redirect-file|
redirect-host|10|: not followed: ticctop follows redirects only on the same host and port|/redirect-host|
redirect-port|10|: redirected to http://127.0.0.1:1/fixture/data-mixed.json: not followed: ticctop follows redirects only on the same host and port|/redirect-port|
redirect-loop|10|: not followed: more than 5 redirects|/redirect-loop|
EOT

# the redirect to another host went nowhere
if grep -q '^127.0.0.2 ' "$TMP/httpd.log"; then
	fail "redirect-host: the other host was asked"
fi
# a port nobody listens on
expect_error refused 10 "http://127.0.0.1:1/data: cannot connect (" --url "http://127.0.0.1:1/data"
http_finish
