#!/bin/sh
# Every way the local source can fail gives one clear line on stderr, in
# chronyc's own words, and exit status 3; a hung chronyc is killed and reaped.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/chronyd.sh"
chronyd_available || { echo "chronyd missing"; exit 77; }
command -v sudo >/dev/null && command -v runuser >/dev/null || { echo "sudo/runuser missing"; exit 77; }
at_exit chronyd_stop
at_exit rm_scratch
scratch=$(mktemp -d)
rm_scratch() { rm -rf "$scratch"; }

# Checks one failure: exit 3, exactly one line on stderr containing $1.
expect_failure() {
	expect_eq "$RC" 3 "$2: exit status 3"
	expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "$2: one line on stderr"
	expect_contains "$ERR" "$1" "$2: says so"
}

run_ticctop --once --chronyc "$scratch/no-such-chronyc"
expect_failure "cannot run $scratch/no-such-chronyc: No such file or directory (install the chrony package or give --chronyc PATH)" "missing binary"
expect_contains "$OUT" "TICCTOP UNKNOWN - cannot run $scratch/no-such-chronyc" "missing binary: the Nagios line on stdout"

# a report that cannot be written: exit 3 and one line, whatever the clients' status
printf '#!/bin/sh\nexec cat "%s"\n' "$top_srcdir/tests/fixtures/mixed-clients.csv" >"$scratch/chronyc-ok"
chmod +x "$scratch/chronyc-ok"
for fmt in text csv json; do
	ERR=$(timeout 30 "$TICCTOP" --once -o $fmt --chronyc "$scratch/chronyc-ok" 2>&1 >/dev/full)
	RC=$?
	expect_failure "ticctop: cannot write the report to standard output: No space left on device" "$fmt to a full disk"
	ERR=$(timeout 30 "$TICCTOP" --once -o $fmt --chronyc "$scratch/chronyc-ok" 2>&1 >&-)
	RC=$?
	expect_failure "ticctop: cannot write the report to standard output" "$fmt to a closed stdout"
done

run_ticctop --once -S "$scratch/no-such.sock"
expect_failure "Could not open connection to daemon: is chronyd running, is the socket path right (--socket)" "wrong socket"

chronyd_start --cmdport || exit 99
# clients over UDP: the real chronyc, pointed at the UDP command port (-S takes only a socket path)
printf '#!/bin/sh\nexec %s -h 127.0.0.1 -p %s "$@"\n' "$CHRONYC_BIN" "$CHRONYD_CMDPORT" >"$scratch/chronyc-udp"
chmod +x "$scratch/chronyc-udp"
run_ticctop --once -o json --chronyc "$scratch/chronyc-udp"
expect_failure "501 Not authorised: the client list is only served on chronyd's Unix socket, to root or the chrony user: run as root or use --sudo" "501 over UDP"
expect_contains "$OUT" '"ok":false,"error":"501 Not authorised' "JSON still printed, with the error"

if [ "$(id -u)" = 0 ]; then
	chmod 0755 "$scratch"
	cp "$TICCTOP" "$scratch/ticctop" # the build tree may be closed to nobody
	OUT=$(cd / && timeout 120 runuser -u nobody -- "$scratch/ticctop" --once --sudo -S "$CHRONYD_SOCK" 2>&1 >/dev/null)
	RC=$?
	ERR=$OUT
	expect_failure "sudo: a password is required: allow it without a password: add \"nobody ALL=(root) NOPASSWD: $CHRONYC_BIN -c -n -h $CHRONYD_SOCK -m tracking serverstats activity sources sourcestats clients\" with visudo" "sudo wants a password"
fi

kill "$CHRONYD_PID"
wait "$CHRONYD_PID" # chronyd has closed its socket
run_ticctop --once -S "$CHRONYD_SOCK"
expect_failure "Could not open connection to daemon" "stopped daemon"
chronyd_stop

chronyd_start noclientlog || exit 99
run_ticctop --once -S "$CHRONYD_SOCK"
expect_failure "519 Client logging is not active in the daemon: remove \"noclientlog\" from chrony.conf" "noclientlog"
chronyd_stop

# a chronyc that hangs: killed after --timeout, reaped, no child left
printf '#!/bin/sh\necho $$ >"%s/pid"\nexec sleep 60\n' "$scratch" >"$scratch/chronyc-hang"
chmod +x "$scratch/chronyc-hang"
run_ticctop --once --timeout 1 --chronyc "$scratch/chronyc-hang"
expect_failure "gave no answer within 1 s and was stopped (--timeout)" "hung chronyc"
check "hung chronyc: the child is gone" [ ! -e "/proc/$(cat "$scratch/pid")" ]

# a chronyc that prints something else
printf '#!/bin/sh\necho "hello, world"\n' >"$scratch/chronyc-junk"
chmod +x "$scratch/chronyc-junk"
run_ticctop --once --chronyc "$scratch/chronyc-junk"
expect_failure "printed no client list: no line is a client row" "not a client list"

run_ticctop --once --sort size
expect_failure "--sort wants one of addr, drops, last, ntp, cmd, interval, status, rate, droprate, cmdrate, dropshare, window, recentdrops, new, server; not \"size\"" "bad option"
finish
