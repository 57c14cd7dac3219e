# wait.sh: the one wait loop of the shell tests (POSIX sh).
#
#   . "$top_srcdir/tests/lib/wait.sh"
#   wait_until SECS command...   # until the command succeeds, at most SECS
#   wait_until 60 ended PID      # until process PID has ended (or is a zombie)
#
# Tests wait for a condition, never for a fixed time, and the bound is
# generous: it only matters when the test fails anyway, so a loaded machine
# makes a test slower, never red.

# Waits until command "$2..." succeeds, trying every 0.1 s for at most $1
# seconds; fails if it never did.
wait_until() {
	_wu_n=$(($1 * 10))
	shift
	until "$@"; do
		[ "$_wu_n" -gt 0 ] || return 1
		sleep 0.1
		_wu_n=$((_wu_n - 1))
	done
}

# Succeeds if process $1 has ended: gone, or a zombie not reaped yet.
ended() {
	case $({ sed 's/.*) //' "/proc/$1/stat"; } 2>/dev/null | cut -c1) in
	'' | Z) return 0 ;;
	esac
	return 1
}
