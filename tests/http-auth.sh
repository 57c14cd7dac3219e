#!/bin/sh
# http-auth.sh — Basic auth (password from TICCTOP_PASSWORD or a file) and
# bearer tokens against the test server; secrets never show in any output,
# never sit in a URL, and never follow a redirect to another host.
. "$top_srcdir/tests/lib/httpd.sh"
http_setup
PASSWORD='s3cret-Pa55:word'
TOKEN='tok-9f8e7d6c5b4a'
printf '%s\n' "$TOKEN" >"$TMP/token"
printf '%s\n' "$PASSWORD" >"$TMP/password"
printf 'wrong-token\n' >"$TMP/wrong-token"
printf 'line one\nline two\n' >"$TMP/two-lines"
: >"$TMP/empty"
HTTPD_PASSWORD=$PASSWORD httpd_start --also-bind 127.0.0.2 --user ticc --token-file "$TMP/token"
base="http://127.0.0.1:$PORT"

# expect_data NAME ARGS...: a good poll (exit 2: the fixture has a critical client), stderr empty
expect_data() {
	ed_name=$1
	shift
	run_ticctop "$ed_name" 20 --once -o json "$@"
	if [ "$RC" -ne 2 ] || [ -s "$TMP/err.$ed_name" ]; then
		fail "$ed_name: exit $RC, stderr: $(head -c 500 "$TMP/err.$ed_name")"
	else
		echo "ok: $ed_name"
	fi
}

TICCTOP_PASSWORD=$PASSWORD expect_data basic-env --url "$base/basic/data-mixed.json" --user ticc
expect_data basic-file --url "$base/basic/data-mixed.json" --user ticc --password-file "$TMP/password"
expect_data bearer --url "$base/bearer/data-mixed.json" --bearer-file "$TMP/token"

TICCTOP_PASSWORD=wrong expect_error basic-wrong 10 \
	"HTTP 401 Unauthorized; the server refused the credentials given" --url "$base/basic/data-mixed.json" --user ticc
expect_error basic-none 10 "HTTP 401 Unauthorized; the server wants credentials" --url "$base/basic/data-mixed.json"
expect_error bearer-wrong 10 "HTTP 401 Unauthorized; the server refused the credentials given" \
	--url "$base/bearer/data-mixed.json" --bearer-file "$TMP/wrong-token"
expect_error no-password 10 "--user ticc needs a password: set TICCTOP_PASSWORD or give --password-file FILE" \
	--url "$base/basic/data-mixed.json" --user ticc
expect_error password-file-missing 10 "--password-file $TMP/nonexistent: No such file or directory" \
	--url "$base/basic/data-mixed.json" --user ticc --password-file "$TMP/nonexistent"
expect_error password-file-two-lines 10 "--password-file $TMP/two-lines must hold one non-empty line" \
	--url "$base/basic/data-mixed.json" --user ticc --password-file "$TMP/two-lines"
expect_error bearer-file-empty 10 "--bearer-file $TMP/empty must hold one non-empty line" \
	--url "$base/bearer/data-mixed.json" --bearer-file "$TMP/empty"
expect_error user-colon 10 "--user: a user name cannot hold ':'" \
	--url "$base/basic/data-mixed.json" --user "a:b" --password-file "$TMP/password"
expect_error user-and-bearer 10 "--user and --bearer-file are two ways to log in: give one" \
	--url "$base/basic/data-mixed.json" --user ticc --bearer-file "$TMP/token"
expect_error password-option 10 'unknown option "--password"' --url "$base/basic/data-mixed.json" --password x
# credentials inside the URL are refused, and not echoed
expect_error url-credentials 10 \
	"--url http://127.0.0.1:$PORT/basic/data-mixed.json: credentials in the URL would show in ps and logs" \
	--url "http://ticc:$PASSWORD@127.0.0.1:$PORT/basic/data-mixed.json"

# Credentials never follow a redirect to another host: the other host is never asked.
: >"$TMP/httpd.log"
TICCTOP_PASSWORD=$PASSWORD expect_error redirect-host-with-password 10 \
	"redirected to http://127.0.0.2:$PORT2/fixture/data-mixed.json: not followed" \
	--url "$base/redirect-host" --user ticc
grep -q "^127.0.0.1 [0-9]* /redirect-host auth=yes" "$TMP/httpd.log" || fail "redirect-host: no Basic auth on the first host"
if grep -q "^127.0.0.2 " "$TMP/httpd.log"; then
	fail "redirect-host: the other host was asked: $(cat "$TMP/httpd.log")"
fi
# Same host: the credentials go along, and the data comes.
TICCTOP_PASSWORD=$PASSWORD expect_data redirect-same-with-password --url "$base/redirect-same" --user ticc

# No secret in any output of any run.
if grep -rlF -e "$PASSWORD" -e "$TOKEN" -e "s3cret" "$TMP"/out.* "$TMP"/err.*; then
	fail "a secret appears in ticctop's output"
else
	echo "ok: no secret in any output"
fi
http_finish
