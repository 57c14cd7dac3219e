# fleet.sh — a fleet on loopback for the fleet tests (POSIX sh; needs
# common.sh and chronyd.sh sourced, top_srcdir, NTPLOAD).
#
#   fleet_setup             skip the test (77) without chronyd or python3,
#                           else fleet_start (99 when it cannot)
#   fleet_start             three real chronyds with clients: a and b behind
#                           their own /data stand-in (tests/httpd.py /live/),
#                           loc read through its command socket; more
#                           stand-ins: slow (/hang, never answers) and
#                           hostile (/trickle, one byte a second); dead is a
#                           port nobody listens on; and evil (/evil/RUN:
#                           httpd.py's hostile dashboard, its first answer
#                           good with escapes in the names, then bad ones),
#                           not in FLEET_ARGS.  Sets FLEET_ARGS (the six
#                           sources, named a b slow dead hostile loc),
#                           FLEET_EVIL_URL (append /RUN: a run of its own),
#                           FLEET_DIR, FLEET_SOCK_a/_b/_loc, and
#                           FLEET_LOG_NAME (each stand-in's request log).
#                           Everything stops however the test ends.
#   fleet_chronyc NAME ARGS  chronyc on that chronyd's socket (a, b or loc)
#   fleet_requests NAME      requests stand-in NAME has had so far
#
# a: 300 clients, 20 of them rate-limited (drops: critical ones); b: 100
# clients, the same first 100 addresses as a (one address, two servers:
# two rows); loc: 50.  Every process is started here and stopped by its pid.

FLEET_DIR=
_fleet_chronyds=
_fleet_httpds=

# Start a chronyd with extra config lines and N clients (K packets each);
# remember it as NAME.
_fleet_chronyd() {
	_fc_name=$1 _fc_n=$2 _fc_k=$3
	shift 3
	CHRONYD_PID=
	chronyd_start "$@" || return 1
	_fleet_chronyds="$_fleet_chronyds $CHRONYD_PID:$CHRONYD_CONF:$CHRONYD_DIR"
	eval "FLEET_SOCK_$_fc_name=\$CHRONYD_SOCK"
	"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients "$_fc_n" --packets "$_fc_k" --all-answered ||
		return 1
}

# Start a /data stand-in named NAME (more httpd.py options after it).
_fleet_httpd() {
	_fh_name=$1
	shift
	mkdir -p "$FLEET_DIR/$_fh_name"
	python3 "$top_srcdir/tests/httpd.py" --port-file "$FLEET_DIR/$_fh_name/port" \
		--log "$FLEET_DIR/$_fh_name/log" --fixtures "$top_srcdir/tests/fixtures" "$@" \
		2>"$FLEET_DIR/$_fh_name/err" &
	_fleet_httpds="$_fleet_httpds $!"
	wait_until 60 test -s "$FLEET_DIR/$_fh_name/port" || return 1
	eval "FLEET_PORT_$_fh_name=\$(head -n 1 \"\$FLEET_DIR/\$_fh_name/port\")"
	: >>"$FLEET_DIR/$_fh_name/log"
}

# Stop what fleet_start started, each by its pid.
fleet_stop() {
	for _fs_pid in $_fleet_httpds; do
		kill "$_fs_pid" 2>/dev/null
		wait "$_fs_pid" 2>/dev/null
	done
	_fleet_httpds=
	for _fs_c in $_fleet_chronyds; do
		CHRONYD_PID=${_fs_c%%:*}
		_fs_rest=${_fs_c#*:}
		CHRONYD_CONF=${_fs_rest%%:*}
		CHRONYD_DIR=${_fs_rest#*:}
		chronyd_stop
	done
	_fleet_chronyds=
	[ -n "$FLEET_DIR" ] && rm -rf "$FLEET_DIR"
	FLEET_DIR=
}

# What a fleet test does first: skip it (77) without chronyd or python3,
# else start the fleet (99 when it cannot).
fleet_setup() {
	chronyd_available || { echo "chronyd missing"; exit 77; }
	command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
	fleet_start || exit 99
}

# Start the fleet; see the top of this file.
fleet_start() {
	at_exit fleet_stop
	FLEET_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ticctop-fleet.XXXXXX") || return 1
	_fleet_chronyd a 300 6 'ratelimit interval 1 burst 4' || return 1
	# 30 packets: some pass 10 drops however slowly the steps run (local-compare.sh)
	"$NTPLOAD" --server 127.0.0.1 --port "$CHRONYD_PORT" --clients 20 --packets 30 || return 1
	_fleet_chronyd b 100 3 || return 1
	_fleet_chronyd loc 50 3 || return 1
	_fleet_httpd a --chronyc "$CHRONYC_BIN" --chronyc-socket "$FLEET_SOCK_a" || return 1
	_fleet_httpd b --chronyc "$CHRONYC_BIN" --chronyc-socket "$FLEET_SOCK_b" || return 1
	_fleet_httpd slow || return 1
	_fleet_httpd hostile || return 1
	_fleet_httpd evil || return 1
	FLEET_EVIL_URL="http://127.0.0.1:$FLEET_PORT_evil/evil"
	FLEET_ARGS="--name a -u http://127.0.0.1:$FLEET_PORT_a/live/ticc-dash
		--name b -u http://127.0.0.1:$FLEET_PORT_b/live/ticc-dash
		--name slow -u http://127.0.0.1:$FLEET_PORT_slow/hang
		--name dead -u http://127.0.0.1:1/data
		--name hostile -u http://127.0.0.1:$FLEET_PORT_hostile/trickle
		--name loc -S $FLEET_SOCK_loc"
}

# chronyc on the chronyd called $1.
fleet_chronyc() {
	eval "_fy_sock=\$FLEET_SOCK_$1"
	shift
	"$CHRONYC_BIN" -n -h "$_fy_sock" "$@"
}

# How many requests stand-in $1 has had.
fleet_requests() {
	wc -l <"$FLEET_DIR/$1/log"
}
