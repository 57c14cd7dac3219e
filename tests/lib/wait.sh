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
# seconds of the machine's uptime (the command's own time counts too); fails
# if it never did.
wait_until() {
	_wu_now
	_wu_end=$((_wu_t + $1 * 100))
	shift
	until "$@"; do
		_wu_now
		[ "$_wu_t" -lt "$_wu_end" ] || return 1
		sleep 0.1
	done
}

# Sets _wu_t to the hundredths of a second since boot (/proc/uptime, which
# is never set back, prints them as SECONDS.HH).
_wu_now() {
	read -r _wu_up _ </proc/uptime
	_wu_cs=${_wu_up#*.}
	_wu_t=$((${_wu_up%.*} * 100 + ${_wu_cs#0}))
}

# Succeeds if process $1 has ended: gone, or a zombie not reaped yet.
ended() {
	case $({ sed 's/.*) //' "/proc/$1/stat"; } 2>/dev/null | cut -c1) in
	'' | Z) return 0 ;;
	esac
	return 1
}
