#!/bin/sh
# The full screen with a state directory it cannot write: read-only (a
# read-only bind mount) and full (a tiny tmpfs, filled).  Changing a
# remembered setting then says "Cannot save the settings: ..." in the key
# bar, the old state file stays as it was, no temporary file is left, and
# nothing else breaks: the screen keeps refreshing, keys work, q quits with
# status 0 and stderr stays empty.  Mounts happen in a private mount
# namespace (unshare -m): nothing outside the test sees them.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
command -v unshare >/dev/null && command -v mount >/dev/null || { echo "unshare/mount missing"; exit 77; }
ui_setup
dir=$UI_DIR
if unshare -m true 2>/dev/null; then
	ns="unshare -m"
elif unshare -r -m true 2>/dev/null; then
	ns="unshare -r -m"
else
	echo "cannot make a mount namespace (not root, no user namespaces)"
	exit 77
fi

ui_fake_chronyc
ui="'$TICCTOP' --chronyc '$dir/chronyc' -d 5 2>'$dir/stderr'"

tmux_start 100 30 || exit 99
sdir=$TMUX_HOME/state/ticctop

# a state file to keep: light theme, drops order
tmux_run "clear; $ui; echo EXIT=\$?"
tmux_wait "Clients 7" >/dev/null || check "started" false
tmux_keys t s Down Enter
expect_screen "sort: NTP drops" "order changed"
tmux_keys q
expect_screen "EXIT=0" "first run quits"
state=$(ls "$sdir"/*.state)
cp "$state" "$dir/state.before"

# The mounts of each case, then ticctop, then (still in the namespace, where
# the state dir is the one ticctop saw) the checks of what it left there:
# exit 96 if the state file changed, 95 if a temporary file is left.
after="rc=\$?; cmp -s '$state' '$dir/state.before' || exit 96; ls '$sdir' | grep -q '[.]state[.]' && exit 95; exit \$rc"
cat >"$dir/readonly.sh" <<EOS
mount --bind '$sdir' '$sdir' && mount -o remount,bind,ro '$sdir' || exit 97
$ui
$after
EOS
cat >"$dir/full.sh" <<EOS
mount -t tmpfs -o size=16k tmpfs '$sdir' || exit 97
cp '$dir/state.before' '$state'
dd if=/dev/zero of='$sdir/fill' bs=4k 2>/dev/null
$ui
$after
EOS

for case in readonly:"Read-only file system" full:"No space left on device"; do
	name=${case%%:*}
	: >"$dir/stderr"
	tmux_run "clear; $ns sh '$dir/$name.sh'; echo EXIT=\$?"
	tmux_wait "Clients 7" >/dev/null || check "$name: started" false
	tmux_keys t
	expect_screen "Cannot save the settings" "$name: the key bar says the settings were not saved"
	expect_screen "${case#*:}" "$name: and why (${case#*:})"
	tmux_keys I
	expect_screen "sort: NTP drops ↑" "$name: keys still work (the order inverted)"
	tmux_keys p
	expect_screen "PAUSED" "$name: pause works"
	tmux_keys p
	expect_screen_gone "PAUSED" "$name: resume works"
	expect_screen "Clients 7" "$name: still showing the clients"
	tmux_keys q
	expect_screen "EXIT=0" "$name: q quits with status 0; the old state file is intact, no temporary file left"
	expect_eq "$(cat "$dir/stderr")" "" "$name: nothing on stderr"
	tmux_run clear
done
finish
