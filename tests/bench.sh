#!/bin/sh
# bench.sh: `make bench` — a private chronyd when there is one, then tests/bench.
# The chronyd is stopped by pid (tests/lib/chronyd.sh) however this ends.
: "${top_srcdir:?}" "${top_builddir:?}" "${NTPLOAD:?}"
# The whole bench takes well under a minute: a chronyd that outlives it by
# any mishap ends by itself (chronyd -t).
CHRONYD_LIFETIME=${CHRONYD_LIFETIME:-300}
# shellcheck source=tests/lib/chronyd.sh
. "$top_srcdir/tests/lib/chronyd.sh"
# the binaries configure found win over the library's defaults
[ -n "${CHRONYC:-}" ] && CHRONYC_BIN=$CHRONYC
# shellcheck disable=SC2034 # read by chronyd.sh
[ -n "${CHRONYD:-}" ] && CHRONYD_BIN=$CHRONYD

set -- --fixtures "$top_srcdir/tests/fixtures" --ntpload "$NTPLOAD" --chronyc "$CHRONYC_BIN"
if chronyd_available; then
	chronyd_trap
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
exit $rc
