#!/bin/sh
# README's Quick start command 1 (issue 10.23): .ci/run still finds it and
# its package list with its own lines, every package it lists exists, and
# its install part runs apt-get directly where there is no sudo (root in a
# fresh container) and through sudo where there is — each tried with stand-in
# apt-get and sudo programs that only record how they were called.
. "$top_srcdir/tests/lib/common.sh"
scratch=$(mktemp -d)
rm_scratch() { rm -rf "$scratch"; }
at_exit rm_scratch

# .ci/run's own extraction (the function and the two assignments), run on README
cd "$top_srcdir" || exit 99
eval "$(grep -E '^(readme_line\(\) |install_line=|pkgs=)' .ci/run)"
cd - >/dev/null || exit 99
check ".ci/run finds command 1" [ -n "$install_line" ]
expect_contains "$install_line" "./bootstrap && ./configure && make && ./ticctop --demo" "command 1 still builds and runs the demo"
check "the package list is plain package names" sh -c 'printf "%s\n" $1 | grep -qvE "^[a-z0-9][a-z0-9.+-]+$" && exit 1; [ -n "$1" ]' sh "$pkgs"
expect_contains " $pkgs " " locales " "locales is listed (the tests build de_DE.UTF-8 with localedef)"
check "every listed package is known to dpkg (installed)" sh -c 'dpkg-query -W $1 >/dev/null' sh "$pkgs"

# the install part of command 1, with stand-ins for apt-get and sudo
install_part=${install_line%% && ./bootstrap*}
mkdir "$scratch/bin"
printf '#!/bin/sh\necho "apt-get $*" >>"%s/calls"\n' "$scratch" >"$scratch/bin/apt-get"
chmod +x "$scratch/bin/apt-get"
env -i PATH="$scratch/bin" /bin/sh -c "$install_part"
expect_eq "$?" 0 "without sudo: the install part succeeds"
expect_eq "$(cat "$scratch/calls")" "$(printf 'apt-get update\napt-get install -y %s' "$pkgs")" "without sudo: apt-get itself, update then install"
rm "$scratch/calls"
printf '#!/bin/sh\necho "sudo:" >>"%s/calls"\nexec "$@"\n' "$scratch" >"$scratch/bin/sudo"
chmod +x "$scratch/bin/sudo"
env -i PATH="$scratch/bin" /bin/sh -c "$install_part"
expect_eq "$?" 0 "with sudo: the install part succeeds"
expect_eq "$(cat "$scratch/calls")" "$(printf 'sudo:\napt-get update\nsudo:\napt-get install -y %s' "$pkgs")" "with sudo: apt-get through sudo"
finish
