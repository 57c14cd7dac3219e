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
		set -- "$@" --socket "$CHRONYD_SOCK" --port "$CHRONYD_PORT"
	else
		echo "bench: the private chronyd did not start: chronyc is not timed" >&2
	fi
else
	echo "bench: no chronyd: chronyc is not timed" >&2
fi
"$top_builddir/tests/bench" "$@"
