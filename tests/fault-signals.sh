#!/bin/sh
# SIGINT, SIGTERM and SIGHUP at random moments of a batch run (while the
# fake chronyc answers slowly, or hangs), and while --demo starts its
# chronyd: ticctop ends by itself with 128+N within 3 s and leaves no process
# running; SIGWINCH storms change nothing.
# The seed is printed; TICCTOP_SIGNAL_SEED replays a run.
. "$top_srcdir/tests/lib/common.sh"
at_exit rm_scratch
scratch=$(mktemp -d)
rm_scratch() { rm -rf "$scratch"; }
seed=${TICCTOP_SIGNAL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
demo=
[ -x /usr/sbin/chronyd ] && demo=demo # CI has it; elsewhere the --demo rounds are left out
check "signals at random moments" python3 "$top_srcdir/tests/lib/sigdrive.py" "$TICCTOP" "$scratch" \
	"$top_srcdir/tests/fixtures/mixed-clients.csv" 5 "$seed" $demo
finish
