#!/bin/sh
# SIGINT, SIGTERM and SIGHUP at random moments of a batch run (while the
# fake chronyc answers slowly, or hangs), while --demo starts its chronyd,
# and during requests to a /data server that hangs, trickles or answers:
# ticctop ends by itself with 128+N, not held up by the poll under way, and
# leaves no process running; SIGWINCH storms change nothing.
# The seed is printed; TICCTOP_SIGNAL_SEED replays a run.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/httpd-server.sh"
at_exit stop_all
scratch=$(mktemp -d)
stop_all() {
	httpd_server_stop
	rm -rf "$scratch"
}
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
seed=${TICCTOP_SIGNAL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
httpd_server_start "$scratch" || { cat "$scratch/httpd.err"; exit 99; }
demo=
[ -x /usr/sbin/chronyd ] && demo=--demo # CI has it; elsewhere the --demo rounds are left out
check "signals at random moments" python3 "$top_srcdir/tests/lib/sigdrive.py" --ticctop "$TICCTOP" \
	--scratch "$scratch" --fixture "$top_srcdir/tests/fixtures/mixed-clients.csv" --rounds 5 --seed "$seed" \
	--url "http://127.0.0.1:$PORT" $demo
finish
