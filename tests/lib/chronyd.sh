# chronyd.sh: a private chronyd for integration tests (POSIX sh and bash).
#
#   . "$srcdir/tests/lib/chronyd.sh"
#   chronyd_available || exit 77        # no chronyd binary: skip
#   chronyd_trap                        # stop it however the test ends
#   chronyd_start 'ratelimit interval 1 burst 4' || exit 99
#   chronyd_chronyc -c clients          # chronyc -n -h $CHRONYD_SOCK -c clients
#   chronyd_stop
#
# chronyd_start [--cmdport] [config line...]
#   Makes a short private dir (mode 0770, owned by the user chronyd runs as),
#   writes chrony.conf there (NTP on 127.0.0.1 and ::1 at a free port >= 1024
#   chosen below the ephemeral range, allow 127.0.0.0/8 and ::1/128, local
#   stratum 10, clientloglimit 200000000, command socket DIR/chronyd.sock,
#   pidfile, driftfile, then the extra lines, which win over the defaults),
#   starts "chronyd -x -n" in the background, waits (bounded) until chronyc
#   answers on the socket, and checks that every socket on the port is this
#   chronyd's (chronyd sets SO_REUSEPORT: a second chronyd on the same port
#   starts silently and the kernel splits the clients between the two; and a
#   port held by another program only gets a log line). It retries with
#   another port a few times. Exports CHRONYD_DIR, CHRONYD_CONF, CHRONYD_LOG,
#   CHRONYD_PORT, CHRONYD_SOCK, CHRONYD_PID.
#   --cmdport also opens the UDP command port on 127.0.0.1 (another free
#   port, exported as CHRONYD_CMDPORT; "cmdallow 127.0.0.0/8"), so a test can
#   make Cmd hits with: chronyc -n -h 127.0.0.1 -p "$CHRONYD_CMDPORT" tracking
#   (chronyc's UDP source is always 127.0.0.1; "clients" is refused over UDP).
#   As root chronyd runs as CHRONYD_USER (default _chrony, else chrony, else
#   root) with -u; as another user with -U -u that user. chronyd is also
#   started with -t CHRONYD_LIFETIME (default 900 s) so that it exits by
#   itself even if the test is killed before it can stop it.
#   Returns 0, or 1 with a one-line reason (and the log) on stderr.
#
# chronyd_stop
#   Sends TERM to CHRONYD_PID (only if it is still the chronyd started with
#   CHRONYD_CONF), waits up to 5 s, then KILL; reaps it; removes CHRONYD_DIR.
#   Safe to call twice or without a chronyd.
#
# chronyd_crash
#   Kills CHRONYD_PID with SIGKILL (no clean shutdown: the socket file and
#   pidfile stay) and reaps it, keeping CHRONYD_DIR for chronyd_restart.
#
# chronyd_restart
#   Starts chronyd again with the same chrony.conf (stopping it first with
#   TERM if it still runs): the same socket, port and command port.  Its
#   client log starts empty.  Returns 0, or 1 with the log on stderr.
#
# chronyd_upstream [config line...]
#   chronyd_start's chronyd, to be the next one's time source: exported as
#   UP_PID, UP_DIR, UP_CONF, UP_PORT and UP_SOCK, with CHRONYD_PID cleared so
#   that chronyd_start can start the next.
#
# chronyd_upstream_stop
#   chronyd_stop for the upstream (by UP_PID, only if it is still the chronyd
#   started with UP_CONF); the other chronyd's variables are kept.  Safe to
#   call twice: a test stops it on purpose and again with at_exit.
#
# chronyd_trap
#   Installs traps so that chronyd_stop runs when the shell exits, also on
#   INT, TERM and HUP. A test with its own EXIT trap calls chronyd_stop in it.

CHRONYD_BIN=${CHRONYD_BIN:-/usr/sbin/chronyd}
CHRONYC_BIN=${CHRONYC_BIN:-/usr/bin/chronyc}
CHRONYD_LIFETIME=${CHRONYD_LIFETIME:-900}

# Succeeds if the chronyd and chronyc binaries are there.
chronyd_available() {
	[ -x "$CHRONYD_BIN" ] && [ -x "$CHRONYC_BIN" ]
}

# Prints a random number in [$1, $2].
_chronyd_random() {
	_cd_r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $(($1 + _cd_r % ($2 - $1 + 1)))
}

# Prints the inodes of the UDP sockets bound to port $1 (any address).
_chronyd_port_inodes() {
	_cd_hex=$(printf '%04X' "$1")
	cat /proc/net/udp /proc/net/udp6 2>/dev/null |
		awk -v p=":$_cd_hex\$" '$2 ~ p { print $10 }'
}

# Prints a free UDP port >= 10000 below the ephemeral range, or fails.
_chronyd_free_port() {
	# Not "read": dash reads byte by byte, and sysctl files end after one.
	_cd_low=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)
	[ "${_cd_low:-0}" -gt 11024 ] 2>/dev/null || _cd_low=32768
	for _cd_try in 1 2 3 4 5 6 7 8 9 10; do
		_cd_port=$(_chronyd_random 10000 $((_cd_low - 1)))
		if [ -z "$(_chronyd_port_inodes "$_cd_port")" ] &&
			[ "$_cd_port" != "${_cd_avoid:-}" ]; then
			echo "$_cd_port"
			return 0
		fi
	done
	return 1
}

# Succeeds if pid $1 is alive (not a zombie) and runs with config $2.
_chronyd_is_ours() {
	[ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
	case $(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) in
	Z* | X* | '') return 1 ;;
	esac
	{ tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null | grep -qF -- "-f $2 "
}

# Succeeds if pid $1 is alive and a child of this shell.
_chronyd_is_child() {
	[ "$({ sed 's/.*) //' "/proc/$1/stat"; } 2>/dev/null | cut -d' ' -f2)" = "$$" ]
}

# Succeeds if chronyd pid $1 owns every socket on port $2, one on 127.0.0.1.
_chronyd_owns_port() {
	_cd_mine=$(ls -l "/proc/$1/fd" 2>/dev/null |
		sed -n 's/.*socket:\[\([0-9]*\)\].*/\1/p')
	_cd_hex=$(printf '%04X' "$2")
	grep -q "0100007F:$_cd_hex " /proc/net/udp || return 1
	for _cd_inode in $(_chronyd_port_inodes "$2"); do
		echo "$_cd_mine" | grep -qx "$_cd_inode" || return 1
	done
}

# Writes chrony.conf for the current CHRONYD_* settings and extra lines.
_chronyd_write_conf() {
	{
		echo "port $CHRONYD_PORT"
		echo "bindaddress 127.0.0.1"
		echo "bindaddress ::1"
		echo "allow 127.0.0.0/8"
		echo "allow ::1/128"
		echo "local stratum 10"
		echo "clientloglimit 200000000"
		echo "bindcmdaddress $CHRONYD_SOCK"
		if [ -n "${CHRONYD_CMDPORT:-}" ]; then
			echo "cmdport $CHRONYD_CMDPORT"
			echo "bindcmdaddress 127.0.0.1"
			echo "cmdallow 127.0.0.0/8"
		else
			echo "cmdport 0"
		fi
		echo "pidfile $CHRONYD_DIR/chronyd.pid"
		echo "driftfile $CHRONYD_DIR/drift"
		for _cd_line in "$@"; do
			echo "$_cd_line"
		done
	} >"$CHRONYD_CONF"
}

# Starts chronyd once on fresh ports; 0 ok, 1 failed, 2 port not ours.
_chronyd_try_start() {
	_cd_avoid=
	CHRONYD_PORT=$(_chronyd_free_port) || return 1
	if [ "$_cd_want_cmd" = 1 ]; then
		_cd_avoid=$CHRONYD_PORT
		CHRONYD_CMDPORT=$(_chronyd_free_port) || return 1
	fi
	_chronyd_write_conf "$@"
	_chronyd_launch
}

# Starts chronyd with CHRONYD_CONF and waits until it answers and owns its
# ports; 0 ok, 1 failed, 2 port not ours.
_chronyd_launch() {
	: >"$CHRONYD_LOG"
	# shellcheck disable=SC2086
	"$CHRONYD_BIN" -x -n $_cd_userflags -t "$CHRONYD_LIFETIME" \
		-l "$CHRONYD_LOG" -f "$CHRONYD_CONF" \
		</dev/null >>"$CHRONYD_DIR/chronyd.out" 2>&1 &
	CHRONYD_PID=$!
	export CHRONYD_PORT CHRONYD_PID ${CHRONYD_CMDPORT:+CHRONYD_CMDPORT}
	_cd_n=0
	until "$CHRONYC_BIN" -n -c -h "$CHRONYD_SOCK" tracking >/dev/null 2>&1; do
		_cd_n=$((_cd_n + 1))
		# 60 s: a bound for a loaded machine, not an expectation
		if [ "$_cd_n" -ge 1200 ] || ! _chronyd_is_ours "$CHRONYD_PID" "$CHRONYD_CONF"; then
			return 1
		fi
		sleep 0.05
	done
	_chronyd_owns_port "$CHRONYD_PID" "$CHRONYD_PORT" || return 2
	if [ -n "${CHRONYD_CMDPORT:-}" ]; then
		_chronyd_owns_port "$CHRONYD_PID" "$CHRONYD_CMDPORT" || return 2
	fi
	! grep -q 'Could not open' "$CHRONYD_LOG" || return 2
}

# Starts a private chronyd; see the top of this file.
chronyd_start() {
	_cd_want_cmd=0
	if [ "${1:-}" = --cmdport ]; then
		_cd_want_cmd=1
		shift
	fi
	if [ -n "${CHRONYD_PID:-}" ]; then
		echo "chronyd_start: a chronyd is already running ($CHRONYD_PID)" >&2
		return 1
	fi
	if ! chronyd_available; then
		echo "chronyd_start: no $CHRONYD_BIN or $CHRONYC_BIN" >&2
		return 1
	fi
	if [ "$(id -u)" = 0 ]; then
		if [ -z "${CHRONYD_USER:-}" ]; then
			for CHRONYD_USER in _chrony chrony root; do
				id -u "$CHRONYD_USER" >/dev/null 2>&1 && break
			done
		fi
		_cd_userflags="-u $CHRONYD_USER"
	else
		CHRONYD_USER=$(id -un)
		_cd_userflags="-U -u $CHRONYD_USER"
	fi
	# sun_path holds 108 bytes: keep the dir short, whatever TMPDIR is.
	CHRONYD_DIR=$(mktemp -d /tmp/cd.XXXXXX) || return 1
	export CHRONYD_DIR
	chmod 0770 "$CHRONYD_DIR" &&
		chown "$CHRONYD_USER:$(id -gn "$CHRONYD_USER")" "$CHRONYD_DIR" || {
		echo "chronyd_start: cannot give $CHRONYD_DIR to $CHRONYD_USER" >&2
		chronyd_stop
		return 1
	}
	CHRONYD_CONF=$CHRONYD_DIR/chrony.conf
	CHRONYD_LOG=$CHRONYD_DIR/chronyd.log
	CHRONYD_SOCK=$CHRONYD_DIR/chronyd.sock
	export CHRONYD_CONF CHRONYD_LOG CHRONYD_SOCK
	for _cd_attempt in 1 2 3 4 5; do
		CHRONYD_CMDPORT=
		_chronyd_try_start "$@"
		_cd_rc=$?
		[ "$_cd_rc" = 0 ] && return 0
		_chronyd_kill
		[ "$_cd_rc" = 2 ] || break
		echo "chronyd_start: port $CHRONYD_PORT not ours alone, retrying" >&2
	done
	echo "chronyd_start: chronyd did not come up; its log:" >&2
	sed 's/^/  /' "$CHRONYD_LOG" "$CHRONYD_DIR/chronyd.out" >&2 2>/dev/null
	chronyd_stop
	return 1
}

# Runs chronyc on the private command socket, numeric: chronyd_chronyc ARGS.
chronyd_chronyc() {
	"$CHRONYC_BIN" -n -h "$CHRONYD_SOCK" "$@"
}

# Stops CHRONYD_PID if it is still our chronyd: TERM, 5 s, KILL; reaps it.
_chronyd_kill() {
	[ -n "${CHRONYD_PID:-}" ] || return 0
	# Ours: running with our config, or still our own child that has not
	# exec'd chronyd yet (else the kill is skipped and wait hangs for -t).
	if _chronyd_is_ours "$CHRONYD_PID" "$CHRONYD_CONF" || _chronyd_is_child "$CHRONYD_PID"; then
		kill -TERM "$CHRONYD_PID" 2>/dev/null
		_cd_n=0
		while _chronyd_is_ours "$CHRONYD_PID" "$CHRONYD_CONF" && [ "$_cd_n" -lt 50 ]; do
			sleep 0.1
			_cd_n=$((_cd_n + 1))
		done
		if _chronyd_is_ours "$CHRONYD_PID" "$CHRONYD_CONF"; then
			echo "chronyd_stop: $CHRONYD_PID ignored TERM, sending KILL" >&2
			kill -KILL "$CHRONYD_PID" 2>/dev/null
		fi
	fi
	wait "$CHRONYD_PID" 2>/dev/null
	CHRONYD_PID=
}

# Stops the private chronyd and removes its dir; see the top of this file.
chronyd_stop() {
	_chronyd_kill
	case ${CHRONYD_DIR:-} in
	/tmp/cd.??????) rm -rf "$CHRONYD_DIR" ;;
	esac
	CHRONYD_DIR=
	return 0
}

# Kills chronyd with SIGKILL and reaps it, keeping its dir.
chronyd_crash() {
	_chronyd_is_ours "${CHRONYD_PID:-}" "${CHRONYD_CONF:-}" || return 1
	kill -KILL "$CHRONYD_PID"
	wait "$CHRONYD_PID" 2>/dev/null
	CHRONYD_PID=
}

# Starts chronyd again with the same config, socket and ports.
chronyd_restart() {
	[ -n "${CHRONYD_CONF:-}" ] && [ -f "$CHRONYD_CONF" ] || {
		echo "chronyd_restart: no chronyd was started" >&2
		return 1
	}
	_chronyd_kill
	_chronyd_launch && return 0
	echo "chronyd_restart: chronyd did not come back; its log:" >&2
	sed 's/^/  /' "$CHRONYD_LOG" "$CHRONYD_DIR/chronyd.out" >&2 2>/dev/null
	return 1
}

# Starts the upstream chronyd (see the top of this file).
chronyd_upstream() {
	chronyd_start "$@" || return 1
	UP_PID=$CHRONYD_PID UP_DIR=$CHRONYD_DIR UP_CONF=$CHRONYD_CONF UP_PORT=$CHRONYD_PORT UP_SOCK=$CHRONYD_SOCK
	export UP_PID UP_DIR UP_CONF UP_PORT UP_SOCK
	CHRONYD_PID=
}

# Stops the upstream chronyd by its pid (chronyd_stop, on its variables).
chronyd_upstream_stop() {
	[ -n "${UP_PID:-}" ] || return 0
	_us_pid=$CHRONYD_PID _us_dir=$CHRONYD_DIR _us_conf=$CHRONYD_CONF
	CHRONYD_PID=$UP_PID CHRONYD_DIR=$UP_DIR CHRONYD_CONF=$UP_CONF
	chronyd_stop
	UP_PID=
	CHRONYD_PID=$_us_pid CHRONYD_DIR=$_us_dir CHRONYD_CONF=$_us_conf
}

# Makes sure chronyd_stop runs however the shell ends.
chronyd_trap() {
	trap 'chronyd_stop' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
}
