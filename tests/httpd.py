#!/usr/bin/env python3
"""httpd.py: a loopback-only HTTP(S) server for ticctop's remote-source tests.

Serves the real /data fixtures and every hostile answer the tests need,
chosen by path (see ROUTES); under /live/ it plays TICC-DASH (or the Web
Interface V1) in front of a real chronyd given by --chronyc-socket.  Python's standard library only.  It binds
127.0.0.1 (and, with --also-bind, a second loopback address) on ports the
kernel picks, and writes them to --port-file (one per line) once listening.
Every request is logged to --log as "LISTENER CLIENT-PORT PATH auth=yes|no".
Basic auth checks --user against $HTTPD_PASSWORD; bearer against
--token-file.  Stop it by its pid (SIGTERM).
"""
import argparse
import ast
import base64
import ipaddress
import json
import os
import select
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MIB = 1 << 20
LOGIN_PAGE = (b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head>\n<body>\n"
              + b"<form method=post action=/login><input name=user><input name=password type=password>"
              + b"<button>Sign in</button></form>\n" * 5 + b"</body></html>\n")
ROW = b'{"addr":"127.1.0.1","NTP":"2","Drop":"0","Int":"-2","IntL":"-","Last":"15","Cmd":"2"},'


def loopback(addr):
    """Refuse anything but a loopback address."""
    if not ipaddress.ip_address(addr).is_loopback:
        raise SystemExit("httpd.py: %s is not a loopback address" % addr)
    return addr


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, so the tests can see connection reuse
    server_version = "ticctop-test"
    sys_version = ""

    def log_message(self, fmt, *args):
        """Keep stderr quiet: requests go to --log."""
        pass

    def log_request_line(self):
        """Log LISTENER CLIENT-PORT PATH auth=yes|no."""
        auth = "yes" if self.headers.get("Authorization") else "no"
        with self.server.log_lock:
            with open(self.server.opts.log, "a") as fp:
                fp.write("%s %d %s auth=%s\n" % (self.server.server_address[0], self.client_address[1],
                                                  self.path, auth))

    def send(self, code, body, ctype="application/json", headers=()):
        """Answer with code and a body of known length."""
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def send_chunked(self, pieces):
        """Answer 200 with the byte strings of pieces as chunks: no Content-Length
        for libcurl to refuse up front."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for piece in pieces:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def fixture(self, name):
        """The bytes of a fixture file (no path tricks)."""
        with open(os.path.join(self.server.opts.fixtures, os.path.basename(name)), "rb") as fp:
            return fp.read()

    def do_GET(self):
        """Log the request and hand it to its route."""
        self.log_request_line()
        path = self.path.split("?", 1)[0]
        for prefix, route in ROUTES:
            if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
                try:
                    route(self, path[len(prefix):])
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    self.close_connection = True
                return
        self.send(404, b"<html><body>404 Not Found</body></html>\n", "text/html")

    # ---- routes ----------------------------------------------------------
    def r_fixture(self, name):
        """A fixture as JSON; a .gz one as gzip Content-Encoding."""
        body = self.fixture(name)
        if name.endswith(".gz"):
            self.send(200, body, headers=[("Content-Encoding", "gzip")])
        else:
            self.send(200, body, "application/json" if name.endswith(".json") else "text/plain")

    def r_raw(self, name):
        """A captured response, bytes as they were (headers included)."""
        self.wfile.write(self.fixture(name))
        self.close_connection = True

    def r_status(self, code):
        """An error page with the status in the path."""
        self.send(int(code), b"<html><body><h1>%s</h1></body></html>\n" % code.encode(), "text/html")

    def r_basic(self, name):
        """A fixture behind Basic auth (--user, $HTTPD_PASSWORD)."""
        want = "Basic " + base64.b64encode(("%s:%s" % (self.server.opts.user,
                                                       os.environ.get("HTTPD_PASSWORD", ""))).encode()).decode()
        if self.headers.get("Authorization") != want:
            return self.send(401, b"<html><body>401</body></html>\n", "text/html",
                             [("WWW-Authenticate", 'Basic realm="ticc-dash"')])
        self.r_fixture(name)

    def r_bearer(self, name):
        """A fixture behind a bearer token (--token-file)."""
        with open(self.server.opts.token_file) as fp:
            want = "Bearer " + fp.readline().strip()
        if self.headers.get("Authorization") != want:
            return self.send(401, b"<html><body>401</body></html>\n", "text/html",
                             [("WWW-Authenticate", 'Bearer realm="ticc-dash"')])
        self.r_fixture(name)

    def r_html(self, _):
        """A login page instead of JSON."""
        self.send(200, LOGIN_PAGE, "text/html; charset=utf-8")

    def r_html_as_json(self, _):
        """A login page labelled as JSON."""
        self.send(200, LOGIN_PAGE, "application/json")

    def r_text(self, _):
        """Plain text."""
        self.send(200, b"hello\n", "text/plain")

    def r_empty(self, _):
        """200 with no body."""
        self.send(200, b"")

    def r_truncated(self, _):
        """Half a JSON document, with a Content-Length that fits it."""
        body = self.fixture("data-mixed.json")
        self.send(200, body[:len(body) // 2])

    def r_short(self, _):
        """A Content-Length larger than what comes before the close."""
        body = self.fixture("data-mixed.json")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:100])
        self.wfile.flush()
        self.close_connection = True

    def r_numbers(self, _):
        """Numbers where TICC-DASH sends strings."""
        self.send(200, b'{"clients_parsed":[{"addr":"127.1.0.1","NTP":2,"Drop":0,"Int":-2,"IntL":null,'
                       b'"Last":15,"Cmd":2}],"count":1,"local_time":"22-11-2026, 02:46:47"}')

    def r_arrays(self, _):
        """Arrays where TICC-DASH sends objects."""
        self.send(200, b'{"clients_parsed":[["127.1.0.1","2","0","-2","-","15","2"]],"count":1}')

    def r_top_array(self, _):
        """A JSON array instead of an object."""
        self.send(200, b'[{"addr":"127.1.0.1"}]')

    def r_deep(self, _):
        """Arrays nested 10,000 deep."""
        self.send(200, b"[" * 10000 + b"]" * 10000)

    def r_dupkeys(self, _):
        """clients_parsed twice in one object."""
        self.send(200, b'{"clients_parsed":[],"count":0,"clients_parsed":[' + ROW[:-1] + b']}')

    def r_missing(self, _):
        """JSON of another kind."""
        self.send(200, b'{"status":"ok","version":"1.2"}')

    def r_big(self, _):
        """100 MB, chunked: no Content-Length for libcurl to refuse up front."""
        chunk = ROW * (MIB // len(ROW))
        self.send_chunked(chunk for _ in range(100))

    def r_big_length(self, _):
        """100 MB announced in Content-Length."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(100 * MIB))
        self.end_headers()
        chunk = b" " * MIB
        for _ in range(100):
            self.wfile.write(chunk)

    def r_bad_gzip(self, _):
        """A gzip header, then garbage."""
        self.send(200, b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + b"not deflate at all" * 10,
                  headers=[("Content-Encoding", "gzip")])

    def r_gzip_bomb(self, _):
        """1 GiB of zeros in about 1 MB of gzip."""
        self.send(200, self.server.bomb(), headers=[("Content-Encoding", "gzip")])

    def r_hang(self, _):
        """Take the request, never answer; end when the client goes."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.connection], [], [], 1)
            if ready and not self.connection.recv(1, socket.MSG_PEEK):
                break
        self.close_connection = True

    def r_slow(self, secs):
        """The real answer after SECS seconds of silence (a dashboard resolving names)."""
        time.sleep(float(secs))
        self.send(200, self.fixture("data-mixed.json"))

    def r_close(self, _):
        """Take the request and hang up without a word."""
        self.close_connection = True

    def r_trickle(self, _):
        """The real answer, one byte a second."""
        body = self.fixture("data-mixed.json")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        for b in body:
            self.wfile.write(bytes([b]))
            self.wfile.flush()
            time.sleep(1)

    def redirect(self, location):
        """302 to location."""
        self.send(302, b"", "text/plain", [("Location", location)])

    def r_redirect_file(self, _):
        """Redirect to a local file."""
        self.redirect("file:///etc/passwd")

    def r_redirect_host(self, _):
        """Redirect to the second listener (another loopback address)."""
        self.redirect("http://%s:%d/fixture/data-mixed.json" % self.server.second)

    def r_redirect_same(self, _):
        """Redirect to a fixture on this host."""
        self.redirect("/fixture/data-mixed.json")

    def r_redirect_loop(self, _):
        """Redirect to itself, forever."""
        self.redirect("/redirect-loop")

    def r_redirect_port(self, _):
        """Redirect to another port of this host."""
        self.redirect("http://127.0.0.1:1/fixture/data-mixed.json")


    def r_fleet(self, rest):
        """/fleet/N[/ANY]: N made-up TICC-DASH clients (127.2.x.y) whose counters
        move every second, so that no two polls a second apart are the same (make bench)."""
        n, t = rest.split("/")[0], int(time.time())
        rows = [{"addr": "127.2.%d.%d" % (i >> 8, i & 255), "NTP": str(t % 100000 + i), "Drop": str(i % 7),
                 "Int": "-2", "IntL": "-", "Last": str(i % 60), "Cmd": "0"} for i in range(int(n))]
        self.send(200, json.dumps({"clients_parsed": rows, "count": len(rows),
                                   "local_time": time.strftime("%d-%m-%Y, %H:%M:%S")}).encode())

    def r_evil(self, run):
        """/evil/RUN: a hostile dashboard.  Its first answer for each RUN is
        good JSON whose client names (tests/fixtures/hostile-names.txt, those
        that are UTF-8) and clock carry terminal escapes (ESC [ 2 J, OSC 52,
        OSC 0, C1 controls, bidi overrides); every later one is bad, in
        turn: broken JSON with raw escapes, wrong types, numbers out of
        range, an error text with escapes, a body of 8 MiB (chunked)."""
        with self.server.log_lock:
            n = self.server.evil_count.get(run, 0)
            self.server.evil_count[run] = n + 1
        clip = "\x1b]52;c;cHduZWQ=\x07"            # OSC 52: "pwned" to the clipboard
        if n == 0:
            names = []
            with open(os.path.join(self.server.opts.fixtures, "hostile-names.txt")) as fp:
                for line in fp:
                    try:
                        names.append(ast.literal_eval(line.strip()).decode("utf-8"))
                    except (UnicodeDecodeError, ValueError, SyntaxError):
                        pass
            names.append("osc52" + clip + "\u202egnp.exe")
            rows = [{"addr": a, "NTP": "5", "Drop": "0", "Int": "-2", "IntL": "-", "Last": "15", "Cmd": "0"}
                    for a in names]
            return self.send(200, json.dumps({"clients_parsed": rows, "count": len(rows),
                                              "local_time": "\x1b]0;PWNED\x07\u202e22-11-2026, 10:00:00"}).encode())
        kind = (n - 1) % 5
        if kind == 0:
            return self.send(200, b'{"clients_parsed":[{"addr":"\x1b[2J\x1b]52;c;cHduZWQ=\x07\xc2\x9b31m\xe2\x80\xae",')
        if kind == 1:
            return self.send(200, json.dumps({"clients_parsed": "\x1b[2J" + clip, "count": {"n": clip},
                                              "local_time": 7}).encode())
        if kind == 2:
            return self.send(200, json.dumps({"clients_parsed": [
                {"addr": "127.3.0.%d" % i, "NTP": "99999999999999999999999999", "Drop": "-1", "Int": "1e999",
                 "IntL": "-", "Last": "-5", "Cmd": "1" + "0" * 40} for i in range(1, 4)], "count": 3}).encode())
        if kind == 3:
            return self.send(200, json.dumps({"error": "\x1b[2J" + clip + "\u202e\x9b31mboom", "clients_parsed": [],
                                              "count": 0, "local_time": "22-11-2026, 10:00:0\x1b[6n"}).encode())
        chunk = ROW * (MIB // len(ROW))
        self.send_chunked((b'{"clients_parsed":[' if i == 0 else b"") + chunk for i in range(8))

    def chronyc_clients(self):
        """`chronyc -n -h SOCK clients` on the test's real chronyd (fixed argv, no shell)."""
        out = subprocess.run([self.server.opts.chronyc, "-n", "-h", self.server.opts.chronyc_socket, "clients"],
                             capture_output=True, text=True, timeout=30)
        return out.stdout

    def r_live_dash(self, _):
        """What TICC-DASH's /data makes of a real chronyd: the two header lines
        dropped, tokens 1-6 and Cmd as strings, sorted as the app sorts
        (host names without case, then IPv4 by octets, then IPv6 as text)."""
        keys = ("addr", "NTP", "Drop", "Int", "IntL", "Last", "Cmd")
        rows = [dict(zip(keys, line.split()[:7])) for line in self.chronyc_clients().splitlines()[2:]
                if len(line.split()) >= 7]

        def order(row):
            try:
                ip = ipaddress.ip_address(row["addr"])
                return (1, ip.packed, "") if ip.version == 4 else (2, b"", row["addr"])
            except ValueError:
                return (0, b"", row["addr"].lower())
        rows.sort(key=order)
        self.send(200, json.dumps({"clients_parsed": rows, "count": len(rows),
                                   "local_time": time.strftime("%d-%m-%Y, %H:%M:%S")}).encode())

    def r_live_v1(self, _):
        """What the Chrony Web Interface V1 answers: chronyc's text as is."""
        self.send(200, json.dumps({"clients": self.chronyc_clients(),
                                   "local_time": time.strftime("%d-%m-%Y, %H:%M:%S")}).encode())


ROUTES = [
    ("/fixture/", Handler.r_fixture), ("/raw/", Handler.r_raw), ("/status/", Handler.r_status),
    ("/basic/", Handler.r_basic), ("/bearer/", Handler.r_bearer),
    ("/html", Handler.r_html), ("/html-as-json", Handler.r_html_as_json), ("/text", Handler.r_text),
    ("/empty", Handler.r_empty), ("/truncated", Handler.r_truncated), ("/short", Handler.r_short),
    ("/numbers", Handler.r_numbers), ("/arrays", Handler.r_arrays), ("/top-array", Handler.r_top_array),
    ("/deep", Handler.r_deep), ("/dupkeys", Handler.r_dupkeys), ("/missing", Handler.r_missing),
    ("/big", Handler.r_big), ("/big-length", Handler.r_big_length), ("/gzip-bomb", Handler.r_gzip_bomb),
    ("/bad-gzip", Handler.r_bad_gzip),
    ("/hang", Handler.r_hang), ("/close", Handler.r_close), ("/trickle", Handler.r_trickle),
    ("/slow/", Handler.r_slow),
    ("/redirect-file", Handler.r_redirect_file), ("/redirect-host", Handler.r_redirect_host),
    ("/redirect-same", Handler.r_redirect_same), ("/redirect-loop", Handler.r_redirect_loop),
    ("/redirect-port", Handler.r_redirect_port),
    ("/live/ticc-dash", Handler.r_live_dash), ("/live/v1", Handler.r_live_v1), ("/fleet/", Handler.r_fleet),
    ("/evil/", Handler.r_evil),
]


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    _bomb = None
    _bomb_lock = threading.Lock()

    def bomb(self):
        """A valid gzip stream of 1 GiB of zeros (about 1 MB), made once: one
        fully flushed deflate piece of 16 MiB repeated, then gzip's trailer."""
        with Server._bomb_lock:
            if Server._bomb is None:
                zeros = bytes(16 * MIB)
                z = zlib.compressobj(9, zlib.DEFLATED, -15)
                piece = z.compress(zeros) + z.flush(zlib.Z_FULL_FLUSH)
                crc = 0
                for _ in range(64):
                    crc = zlib.crc32(zeros, crc)
                Server._bomb = (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + piece * 64 + z.flush()
                                + struct.pack("<II", crc, (64 * 16 * MIB) & 0xffffffff))
            return Server._bomb


def serve(addr, opts, log_lock, second=None, port=0):
    """A server on addr and port (0: the kernel picks), wrapped in TLS with
    --tls.  Bound with SO_REUSEADDR (which on Linux never lets two servers
    listen on one port), so that a server can be started again on the port
    of one that was stopped while connections to it were still closing."""
    srv = Server((addr, port), Handler)
    srv.opts, srv.log_lock, srv.second = opts, log_lock, second
    srv.evil_count = {}
    if opts.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(opts.tls[0], opts.tls[1])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True, do_handshake_on_connect=False)
    return srv


def main():
    """Listen, write the ports, serve until killed."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--bind", default="127.0.0.1", type=loopback)
    ap.add_argument("--port", type=int, default=0, help="port for --bind (default: the kernel picks)")
    ap.add_argument("--also-bind", type=loopback, help="a second loopback address (the 'other host')")
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    ap.add_argument("--user", default="ticc")
    ap.add_argument("--token-file")
    ap.add_argument("--chronyc", default="chronyc", help="for /live/: the chronyc to run")
    ap.add_argument("--chronyc-socket", help="for /live/: the real chronyd's command socket")
    opts = ap.parse_args()

    lock = threading.Lock()
    servers = []
    if opts.also_bind:
        servers.append(serve(opts.also_bind, opts, lock))
    second = servers[0].server_address[:2] if servers else None
    servers.insert(0, serve(opts.bind, opts, lock, second, opts.port))
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    tmp = opts.port_file + ".tmp"
    with open(tmp, "w") as fp:
        fp.write("".join("%d\n" % s.server_address[1] for s in servers))
    os.rename(tmp, opts.port_file)
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
