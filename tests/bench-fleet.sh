#!/bin/sh
# bench-fleet.sh: `make bench`, the fleet part — ticctop watching 20
# dashboards of 5,000 clients each at 1 Hz (tests/httpd.py /fleet/5000 on
# loopback: counters move every second, so every poll is parsed), in batch
# mode (-b -o json to /dev/null) and on the full screen (a private tmux,
# 200x60): its CPU time per second (user + system, from /proc) and its
# resident memory (VmRSS at the end, VmHWM the peak).  Every process is
# started here and stopped by its pid (tmux: its private socket's server).
: "${top_srcdir:?}" "${top_builddir:?}"
SERVERS=${SERVERS:-20}
CLIENTS=${CLIENTS:-5000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/ticctop-bench-fleet.XXXXXX") || exit 2
httpd=
sock=ticctop-bench-$$
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null
	[ -n "$httpd" ] && kill "$httpd" 2>/dev/null && wait "$httpd" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
python3 "$top_srcdir/tests/httpd.py" --port-file "$dir/port" --log /dev/null \
	--fixtures "$top_srcdir/tests/fixtures" 2>"$dir/httpd.err" &
httpd=$!
n=0
until [ -s "$dir/port" ]; do
	n=$((n + 1))
	[ "$n" -lt 600 ] || { echo "bench-fleet: httpd.py did not start" >&2; exit 2; }
	sleep 0.1
done
port=$(head -n 1 "$dir/port")
args=
i=1
while [ "$i" -le "$SERVERS" ]; do
	args="$args --name s$i -u http://127.0.0.1:$port/fleet/$CLIENTS/s$i"
	i=$((i + 1))
done

# shellcheck source=tests/lib/measure.sh
. "$top_srcdir/tests/lib/measure.sh"

echo "ticctop over $SERVERS servers x $CLIENTS clients, -d 10 (1 Hz), measured for $SECS s after $WARM s:"
# shellcheck disable=SC2086 # args holds separate words on purpose
"$top_builddir/ticctop" -b -o json -d 10 $args >/dev/null 2>"$dir/batch.err" &
pid=$!
printf '  batch (-b -o json >/dev/null): '
measure "$pid"
kill "$pid"
wait "$pid" 2>/dev/null

if command -v tmux >/dev/null; then
	tmux -L "$sock" -f /dev/null new-session -d -x 200 -y 60 \
		"echo \$\$ >'$dir/pid'; exec env TERM=xterm-256color XDG_STATE_HOME='$dir/state' '$top_builddir/ticctop' -d 10 $args 2>'$dir/screen.err'"
	n=0
	until [ -s "$dir/pid" ]; do
		n=$((n + 1))
		[ "$n" -lt 600 ] || { echo "bench-fleet: the full screen did not start" >&2; exit 2; }
		sleep 0.1
	done
	pid=$(cat "$dir/pid")
	printf '  full screen (200x60):          '
	measure "$pid"
	if ! tmux -L "$sock" capture-pane -p | grep -q "Clients $((SERVERS * CLIENTS))"; then
		echo "bench-fleet: the full screen does not show all $((SERVERS * CLIENTS)) clients:" >&2
		tmux -L "$sock" capture-pane -p | head -5 >&2
		exit 1
	fi
fi
