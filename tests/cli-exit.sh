#!/bin/sh
# main(): every way out goes through one cleanup path.  A bad --filter is
# refused before --demo starts a chronyd (strace: no chronyd is executed);
# the config file's text is freed on every exit, --help and --version too
# (valgrind: no block left, reachable or not; under ASan, LeakSanitizer).
. "$top_srcdir/tests/lib/common.sh"
command -v strace >/dev/null || { echo "strace missing"; exit 77; }
command -v valgrind >/dev/null || { echo "valgrind missing"; exit 77; }
dir=$(mktemp -d)
at_exit cleanup_dir
cleanup_dir() { rm -rf "$dir"; }

run_ticctop --demo --filter status:bogus -b -n 1
expect_eq "$RC" 3 "a bad --filter: exit 3"
expect_contains "$ERR" '--filter: cannot use "status:bogus" (words: status:ok|warn|crit family:v4|v6|host state:new|gone|reset server:NAME, or text)' \
	"a bad --filter says why, naming the words from the table"
timeout 60 strace -f -qq -e trace=execve -o "$dir/trace" "$TICCTOP" --demo --filter status:bogus -b -n 1 2>/dev/null
expect_eq "$(grep -c chronyd "$dir/trace")" 0 "a bad --filter is refused before --demo starts chronyd"

# valgrind sees every block left, reachable or not.  An ASan build cannot
# run under valgrind: there LeakSanitizer looks for leaks instead (the
# plain build's run is the one that sees reachable blocks).
if grep -qa __asan_init "$TICCTOP"; then
	memcheck="env ASAN_OPTIONS=detect_leaks=1:exitcode=99"
else
	memcheck="valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99"
fi
mkdir -p "$dir/cfg/ticctop"
echo "theme = light" >"$dir/cfg/ticctop/config"
for args in --help --version "--sort size" "--filter status:bogus"; do
	# shellcheck disable=SC2086 # the words of memcheck and args are the command's
	LC_ALL=C XDG_CONFIG_HOME="$dir/cfg" timeout 60 $memcheck "$TICCTOP" $args >/dev/null 2>"$dir/vg"
	rc=$?
	expect_eq "$rc$(grep -c -e 'blocks' -e 'leak of' "$dir/vg")" "$( [ "$args" = --help ] || [ "$args" = --version ] && echo 0 || echo 3)0" \
		"ticctop $args with a config file frees everything (exit $rc)"
done
finish
