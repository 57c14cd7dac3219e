#!/bin/sh
# http-tls.sh — https with a self-signed certificate made now: refused
# without --cacert, accepted with it (or --capath), accepted with --insecure
# plus a warning; a certificate for another name is refused.
. "$top_srcdir/tests/lib/httpd.sh"
http_setup
if ! command -v openssl >/dev/null 2>&1; then
	echo "SKIP: openssl is not installed"
	exit 77
fi
# make_cert NAME SAN: a self-signed P-256 certificate valid for SAN
make_cert() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
		-subj "/CN=ticctop test $1" -addext "subjectAltName=$2" \
		-keyout "$TMP/$1.key" -out "$TMP/$1.pem" 2>"$TMP/openssl.err" || {
		echo "FAIL: openssl: $(cat "$TMP/openssl.err")"
		exit 1
	}
}
make_cert good "IP:127.0.0.1"
make_cert other "DNS:ntp1.example"
mkdir "$TMP/capath"
cp "$TMP/good.pem" "$TMP/capath/"
openssl rehash "$TMP/capath" 2>/dev/null || fail "openssl rehash"

httpd_start --tls "$TMP/good.pem" "$TMP/good.key"
url="https://127.0.0.1:$PORT/fixture/data-mixed.json"

expect_error untrusted 10 "$url: the server's certificate is not trusted (SSL certificate problem: self-signed certificate); give its CA with --cacert FILE (or skip the check with --insecure)" --url "$url"

run_ticctop cacert 20 --once -o json --url "$url" --cacert "$TMP/good.pem"
if [ "$RC" -eq 2 ] && [ ! -s "$TMP/err.cacert" ] &&
	python3 "$top_srcdir/tests/lib/dash_compare.py" "$top_srcdir/tests/fixtures/data-mixed.json" "$TMP/out.cacert" "$url" "$RC"; then
	echo "ok: cacert"
else
	fail "cacert: exit $RC, stderr: $(cat "$TMP/err.cacert")"
fi
run_ticctop capath 20 --once -o json --url "$url" --capath "$TMP/capath"
if [ "$RC" -eq 2 ] && [ ! -s "$TMP/err.capath" ]; then
	echo "ok: capath"
else
	fail "capath: exit $RC, stderr: $(cat "$TMP/err.capath")"
fi

run_ticctop insecure 20 --once -o json --url "$url" --insecure
if [ "$RC" -eq 2 ] && [ "$(wc -l <"$TMP/err.insecure")" -eq 1 ] &&
	grep -qF "ticctop: warning: --insecure: the server's certificate is not checked" "$TMP/err.insecure"; then
	echo "ok: insecure: $(cat "$TMP/err.insecure")"
else
	fail "insecure: exit $RC, stderr: $(cat "$TMP/err.insecure")"
fi

expect_error bad-client-cert 10 "$url: cannot use the client certificate" \
	--url "$url" --cacert "$TMP/good.pem" --cert "$TMP/nonexistent.pem" --key "$TMP/nonexistent.key"
expect_error cacert-missing 10 "$url: cannot read the CA certificates" --url "$url" --cacert "$TMP/nonexistent.pem"
expect_error plain-http-to-tls 10 "http://127.0.0.1:$PORT/fixture/data-mixed.json: " \
	--url "http://127.0.0.1:$PORT/fixture/data-mixed.json"
httpd_stop

httpd_start --tls "$TMP/other.pem" "$TMP/other.key"
url="https://127.0.0.1:$PORT/fixture/data-mixed.json"
expect_error wrong-name 10 "$url: the server's certificate is not trusted (SSL: no alternative certificate subject name matches target host name '127.0.0.1')" \
	--url "$url" --cacert "$TMP/other.pem"
httpd_stop

httpd_start
expect_error tls-to-plain-http 10 "https://127.0.0.1:$PORT/fixture/data-mixed.json: the TLS handshake failed" \
	--url "https://127.0.0.1:$PORT/fixture/data-mixed.json"
http_finish
