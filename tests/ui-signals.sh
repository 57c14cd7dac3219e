#!/bin/sh
# The full screen and signals at random moments: SIGINT, SIGTERM and SIGHUP
# 0 - 1.5 s after ticctop catches them (while the screen starts, while chronyc answers
# slowly or hangs) end ticctop with 128+N, the terminal given back, and no
# chronyc (nor anything it started) left running; SIGWINCH storms and
# resizes change nothing but the layout.  The seed is printed;
# TICCTOP_SIGNAL_SEED replays a run.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
ui_setup
dir=$UI_DIR
at_exit kill_chronycs
# Kills what the stand-in chronycs left, by the pids they wrote.
kill_chronycs() {
	[ -f "$dir/pids" ] && while read -r p; do kill -KILL "$p" 2>/dev/null; done <"$dir/pids"
}
seed=${TICCTOP_SIGNAL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "seed $seed"

# answers after 0.1 - 0.4 s (from a child sleep, as a wrapper script would),
# or, when $dir/hang exists, never
cat >"$dir/chronyc" <<EOS
#!/bin/sh
echo \$\$ >>"$dir/pids"
[ -e "$dir/hang" ] && exec sleep 60
sleep 0.\$((\$\$ % 4 + 1))
cat "$top_srcdir/tests/fixtures/mixed-clients.csv"
EOS
chmod +x "$dir/chronyc"

# Succeeds once process $1 is ticctop and catches SIGHUP, SIGINT and SIGTERM
# (bits 0x4003 of /proc's SigCgt): the random moments count from there, as a
# signal before main installs its handlers ends any program the default way
# (an ASan build takes a while to get there).
catches_signals() {
	[ "$(cat "/proc/$1/comm" 2>/dev/null)" = ticctop ] || return 1
	_cg=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
	_cg=${_cg#"${_cg%????}"}
	[ -n "$_cg" ] && [ $((0x$_cg & 0x4003)) -eq $((0x4003)) ]
}

# Prints the n-th of a sequence of random delays in [0, 1.5) s from the seed.
delay() {
	awk -v s="$seed" -v n="$1" 'BEGIN { srand(s + n); printf "%.2f", rand() * 1.5 }'
}

# Succeeds if no pid in $dir/pids runs (a zombie would be dead already).
# With an argument, says nothing.
no_chronyc_left() {
	while read -r p; do
		case $(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -c1) in
		'' | Z) ;;
		*) [ -n "${1:-}" ] || echo "  pid $p still running: $(tr '\0' ' ' <"/proc/$p/cmdline")"; return 1 ;;
		esac
	done <"$dir/pids"
}

# Waits (bounded) until no chronyc is left: one killed a moment ago may take
# a moment to die.
chronycs_gone() {
	wait_until 30 no_chronyc_left quiet || no_chronyc_left
}

tmux_start 100 30 || exit 99
n=0
for sig in INT:130 TERM:143 HUP:129; do
	for mode in slow hang slow; do
		n=$((n + 1))
		d=$(delay "$n")
		what="SIG${sig%:*} after $d s ($mode chronyc)"
		rm -f "$dir/hang"
		: >"$dir/pids"
		[ "$mode" = hang ] && : >"$dir/hang"
		ui_start "--chronyc '$dir/chronyc' -d 3 --timeout 5"
		pid=$(ui_pid)
		check "$what: ticctop catches signals" wait_until 60 catches_signals "$pid"
		sleep "$d" # the random moment is what is tested, not a wait
		kill -"${sig%:*}" "$pid"
		expect_screen "EXIT=${sig#*:}" "$what: exit status ${sig#*:}"
		expect_restored "$what"
		check "$what: no chronyc left running" chronycs_gone
		expect_eq "$(cat "$dir/stderr")" "" "$what: nothing on stderr"
	done
done

# SIGWINCH storms and real resizes: still running, still answering keys
rm -f "$dir/hang"
ui_start "--chronyc '$dir/chronyc' -d 3"
tmux_wait "Clients 7" >/dev/null || check "started for SIGWINCH" false
pid=$(ui_pid)
for size in 60x10 200x50 30x8 120x40 24x6 100x30; do
	tmux_resize "${size%x*}" "${size#*x}"
	i=0
	while [ $i -lt 20 ]; do
		kill -WINCH "$pid"
		i=$((i + 1))
	done
done
expect_screen "Clients 7" "SIGWINCH storms and resizes: still showing the clients"
tmux_keys s Down Enter
expect_screen "sort: NTP drops" "SIGWINCH storms and resizes: keys still work"
tmux_keys q
expect_screen "EXIT=0" "SIGWINCH storms and resizes: q quits with status 0"
expect_restored "after SIGWINCH"
finish
