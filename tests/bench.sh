#!/bin/sh
# bench.sh: `make bench` — a private chronyd when there is one, then tests/bench.
# The chronyd is stopped by pid (tests/lib/chronyd.sh) however this ends.
: "${top_srcdir:?}" "${top_builddir:?}" "${NTPLOAD:?}"
# The whole bench takes about 5 minutes on an idle 2-core machine: a chronyd
# that outlives it by any mishap ends by itself (chronyd -t).
CHRONYD_LIFETIME=${CHRONYD_LIFETIME:-1200}
# shellcheck source=tests/lib/common.sh
. "$top_srcdir/tests/lib/common.sh"
# shellcheck source=tests/lib/chronyd.sh
. "$top_srcdir/tests/lib/chronyd.sh"
# shellcheck source=tests/lib/tmux.sh
. "$top_srcdir/tests/lib/tmux.sh"
# shellcheck source=tests/lib/measure.sh
. "$top_srcdir/tests/lib/measure.sh"
TICCTOP=$top_builddir/ticctop
# the binaries configure found win over the library's defaults
[ -n "${CHRONYC:-}" ] && CHRONYC_BIN=$CHRONYC
# shellcheck disable=SC2034 # read by chronyd.sh
[ -n "${CHRONYD:-}" ] && CHRONYD_BIN=$CHRONYD

set -- --fixtures "$top_srcdir/tests/fixtures" --ntpload "$NTPLOAD" --chronyc "$CHRONYC_BIN"
if chronyd_available; then
	at_exit chronyd_stop
	# shellcheck disable=SC2119 # no extra chrony.conf lines
	if chronyd_start; then
		set -- "$@" --socket "$CHRONYD_SOCK" --port "$CHRONYD_PORT" --chronyd-pid "$CHRONYD_PID"
	else
		echo "bench: the private chronyd did not start: chronyc is not timed" >&2
	fi
else
	echo "bench: no chronyd: chronyc is not timed" >&2
fi
"$top_builddir/tests/bench" "$@"
rc=$?

# Processes ticctop starts over 60 polls (-d 1, the private chronyd holding
# the bench's last fill): ticctop runs in a PID namespace of its own, whose
# last pid then counts them (sh is 1, ticctop 2, cat the last).
children() {
	unshare -pf --mount-proc sh -c '"$@" >/dev/null 2>&1; echo $(($(cat /proc/sys/kernel/ns_last_pid) - 3))' sh \
		"$top_builddir/ticctop" -b -n 60 -d 1 -o json -S "$CHRONYD_SOCK" "$@"
}
if [ -n "${CHRONYD_SOCK:-}" ] && unshare -pf --mount-proc true 2>/dev/null; then
	echo
	echo "processes ticctop started over 60 polls: --via socket $(children --via socket), --via chronyc $(children --via chronyc)"
fi

# The private chronyd's clients (it holds the bench's last fill, 200k) at
# 1 Hz through the socket: 20 polls in batch take about 20 s when every poll
# fits in its second (more when they do not); then the full screen in a
# private tmux at 200x50: its CPU per second and memory, and the header must
# show every client, fresh (no STALE).
big_screen() {
	_n=$(chronyd_chronyc -c clients | wc -l)
	_t0=$(date +%s.%N)
	"$TICCTOP" -b -n 20 -d 10 -o json --via socket -S "$CHRONYD_SOCK" >/dev/null || return 1
	_t1=$(date +%s.%N)
	echo "$_n $_t0 $_t1" | awk '{ printf "%d clients through the socket, 20 polls at -d 10 (1 Hz), batch: %.1f s\n", $1, $3 - $2 }'
	tmux_available || return 0
	UI_DIR=$(mktemp -d) || return 1
	at_exit tmux_stop
	at_exit _ui_cleanup
	tmux_start 200 50 xterm-256color || return 1
	ui_start "-d 10 --via socket -S '$CHRONYD_SOCK'"
	_pid=$(ui_pid) || return 1
	tmux_wait "Clients $_n" 60 >/dev/null || return 1
	printf '  full screen (200x50): '
	measure "$_pid"
	if tmux_screen | head -n 2 | grep -q STALE; then
		echo "bench: the full screen at $_n clients went stale:" >&2
		tmux_screen | head -n 3 >&2
		return 1
	fi
}
if [ -n "${CHRONYD_SOCK:-}" ]; then
	echo
	big_screen || { echo "bench: the full-screen run at 200k failed" >&2; rc=1; }
fi
exit $rc
