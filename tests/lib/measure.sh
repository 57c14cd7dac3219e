# measure.sh: what a running ticctop costs, for `make bench` (POSIX sh).
#
#   . "$top_srcdir/tests/lib/measure.sh"
#   measure PID     # after WARM s, for SECS s: "0.123 s/s  RSS 12.3 MiB  peak 12.5 MiB"
#
# CPU is user + system time from /proc/PID/stat over wall time; RSS is
# VmRSS at the end, the peak VmHWM.
WARM=${WARM:-5}
SECS=${SECS:-20}

# CPU seconds (user + system) process $1 has used.
cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}

# Measure pid $1 for SECS after WARM: print "CPU/s RSS peak".
measure() {
	sleep "$WARM"
	_m_c0=$(cpu "$1")
	_m_t0=$(date +%s.%N)
	sleep "$SECS"
	_m_c1=$(cpu "$1")
	_m_t1=$(date +%s.%N)
	_m_rss=$(awk '/^VmRSS/ { print $2 / 1024 }' "/proc/$1/status")
	_m_hwm=$(awk '/^VmHWM/ { print $2 / 1024 }' "/proc/$1/status")
	echo "$_m_c0 $_m_c1 $_m_t0 $_m_t1 $_m_rss $_m_hwm" |
		awk '{ printf "%.3f s/s  RSS %.1f MiB  peak %.1f MiB\n", ($2 - $1) / ($4 - $3), $5, $6 }'
}
