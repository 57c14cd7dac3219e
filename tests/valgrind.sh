#!/bin/sh
# valgrind.sh RUNNER... — make check-valgrind: every Check runner given, then
# ticctop itself (--once in each format on the fixtures and on hostile names
# through a fake chronyc; a failing, a hanging and an endless chronyc; a
# three-refresh batch run; --demo; --url on tests/httpd.py's good and
# hostile answers), under
#   valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
# No error and nothing definitely lost, or exit 1.  Environment: top_srcdir,
# TICCTOP (the program), VALGRIND (the valgrind command line).
set -u
. "$top_srcdir/tests/lib/httpd-server.sh"
failed=0
runs=0
scratch=$(mktemp -d)
trap 'httpd_server_stop; rm -rf "$scratch"' EXIT

# Runs "$@" under valgrind; counts a failure when valgrind reports one, or
# (with WANT=0) when the program does not exit 0.
vg() {
	runs=$((runs + 1))
	start=$(date +%s)
	# shellcheck disable=SC2086
	$VALGRIND --log-file="$scratch/vg.log" "$@" >/dev/null 2>"$scratch/stderr"
	rc=$?
	# "==pid==" lines are findings; "--pid--" ones are valgrind's notes
	# (valgrind 3.19 does not know pidfd_open: ticctop then polls for the exit)
	if grep -q '^==[0-9]*==' "$scratch/vg.log" || [ "$rc" = 99 ] || { [ "${WANT:-}" = 0 ] && [ "$rc" != 0 ]; }; then
		echo "FAIL - valgrind: $*"
		sed 's/^/  /' "$scratch/vg.log" "$scratch/stderr" | head -n 60
		failed=$((failed + 1))
	else
		echo "ok - valgrind: $* (exit $rc, $(($(date +%s) - start)) s)"
	fi
}

# Writes an executable fake chronyc $scratch/$1 running the sh code $2.
fake() {
	printf '#!/bin/sh\n%s\n' "$2" >"$scratch/$1"
	chmod +x "$scratch/$1"
}

for t in "$@"; do
	CK_FORK=no TICCTOP_SOAK_REFRESHES=300 WANT=0 vg "$t"
done

python3 "$top_srcdir/tests/lib/termcheck.py" clients "$top_srcdir/tests/fixtures/hostile-names.txt" "$scratch/hostile.csv"
for csv in "$top_srcdir/tests/fixtures/mixed-clients.csv" "$top_srcdir/tests/fixtures/n1000-clients.csv" "$scratch/hostile.csv"; do
	fake chronyc "exec cat '$csv'"
	for fmt in text csv json; do
		vg "$TICCTOP" --once -o "$fmt" --chronyc "$scratch/chronyc"
	done
done
fake chronyc-fail 'echo "506 Cannot talk to daemon" >&2; exit 1'
vg "$TICCTOP" --once --chronyc "$scratch/chronyc-fail"
fake chronyc-hang 'exec sleep 60'
vg "$TICCTOP" --once --timeout 0.5 --chronyc "$scratch/chronyc-hang"
fake chronyc-endless 'exec yes 127.0.0.1,1,0,-2,127,15,0,0,127,4294967295'
vg "$TICCTOP" --once --max-size 1 --chronyc "$scratch/chronyc-endless"
vg "$TICCTOP" --once --chronyc "$scratch/no-such-chronyc"
fake chronyc "exec cat '$top_srcdir/tests/fixtures/mixed-clients.csv'"
vg "$TICCTOP" -b -n 3 -d 1 -o json -s drops -F status:warn --chronyc "$scratch/chronyc"
[ -x /usr/sbin/chronyd ] && vg "$TICCTOP" --demo -b -n 2 -d 5 -o json
# the remote source, on tests/httpd.py: good answers and hostile ones
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
if httpd_server_start "$scratch"; then
	base="http://127.0.0.1:$PORT"
	for path in /fixture/data-mixed.json /fixture/chrony-web-v1-data.json /fixture/data-hostnames.json /numbers \
		/deep /truncated /html /gzip-bomb /redirect-loop /status/500; do
		vg "$TICCTOP" --once -o json --url "$base$path"
	done
	vg "$TICCTOP" --once --max-size 1 --url "$base/big"
	vg "$TICCTOP" --once --timeout 1 --url "$base/hang"
	vg "$TICCTOP" -b -n 3 -d 2 -o csv --url "$base/fixture/data-mixed.json"
	httpd_server_stop
else
	echo "FAIL - httpd.py did not start"
	failed=$((failed + 1))
fi
# the full screen in a detached tmux: keys through every mode, a resize
if command -v tmux >/dev/null; then
	. "$top_srcdir/tests/lib/tmux.sh"
	if tmux_start 120 40; then
		runs=$((runs + 1))
		tmux_run "clear; $VALGRIND --log-file='$scratch/ui.vg' '$TICCTOP' --chronyc '$scratch/chronyc' -d 5 2>/dev/null; echo EXIT=\$?"
		ok=true
		tmux_wait "Clients 7" >/dev/null || ok=false
		# keys | what the screen then shows (or no longer shows): each step
		# waits for its effect, so an Escape is never read with the next key
		while IFS='|' read -r keys want text; do
			# shellcheck disable=SC2086 # keys holds key names
			tmux_keys $keys
			case $want in
			shown) tmux_wait "$text" >/dev/null || ok=false ;;
			gone) tmux_wait_gone "$text" >/dev/null || ok=false ;;
			esac
		done <<'EOS'
+|shown|family
F1|shown|Help 1-
Escape|gone|Help 1-
s Down Enter|shown|sort: NTP drops
t|shown|Theme: light
/ 1 2 7|shown|Search: 127
Enter|gone|Search: 127
n||
F4 s t a t u s : c r i t Enter|shown|filter: status:crit
Escape|gone|found
p|shown|PAUSED
p|gone|PAUSED
Enter||
-||
q||
EOS
		tmux_resize 60 15
		tmux_wait "EXIT=0" >/dev/null || ok=false
		tmux_stop
		if $ok && [ -f "$scratch/ui.vg" ] && ! grep -q '^==[0-9]*==' "$scratch/ui.vg"; then
			echo "ok - valgrind: the full screen (keys, help, search, filter, sort, themes, pause)"
		else
			echo "FAIL - valgrind: the full screen"
			sed 's/^/  /' "$scratch/ui.vg" | head -n 60
			failed=$((failed + 1))
		fi
	fi
fi
echo "$runs runs under valgrind, $failed failed"
[ "$failed" = 0 ]
