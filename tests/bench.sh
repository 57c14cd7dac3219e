#!/bin/sh
# bench.sh: `make bench` — a private chronyd when there is one, then tests/bench.
# The chronyd is stopped by pid (tests/lib/chronyd.sh) however this ends.
: "${top_srcdir:?}" "${top_builddir:?}" "${NTPLOAD:?}"
. "$top_srcdir/tests/lib/chronyd.sh"
[ -n "${CHRONYC:-}" ] && CHRONYC_BIN=$CHRONYC
[ -n "${CHRONYD:-}" ] && CHRONYD_BIN=$CHRONYD

set -- --fixtures "$top_srcdir/tests/fixtures" --ntpload "$NTPLOAD" --chronyc "$CHRONYC_BIN"
if chronyd_available; then
	chronyd_trap
	if chronyd_start; then
		set -- "$@" --socket "$CHRONYD_SOCK" --port "$CHRONYD_PORT"
	else
		echo "bench: the private chronyd did not start: chronyc is not timed" >&2
	fi
else
	echo "bench: no chronyd: chronyc is not timed" >&2
fi
"$top_builddir/tests/bench" "$@"
