# fakes.sh: stand-in chronycs in a scratch dir (POSIX sh; after common.sh).
#
#   . "$top_srcdir/tests/lib/fakes.sh"   # sets $scratch, removed at exit
#   fake NAME 'sh code'                  # an executable $scratch/NAME
#
# At exit, whatever the stand-ins left running is killed by the pids they
# wrote to $scratch/*.pid, then the dir is removed.

scratch=$(mktemp -d) || exit 99
at_exit _fakes_cleanup

# Stops what the stand-ins left (by the pids they wrote), removes the dir.
_fakes_cleanup() {
	for _f in "$scratch"/*.pid; do
		[ -f "$_f" ] && kill -KILL "$(cat "$_f")" 2>/dev/null
	done
	rm -rf "$scratch"
}

# Writes an executable stand-in $scratch/$1 running the sh code $2.
fake() {
	printf '#!/bin/sh\n%s\n' "$2" >"$scratch/$1"
	chmod +x "$scratch/$1"
}
