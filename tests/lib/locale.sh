#!/bin/sh
# locale.sh NAME — print a directory to use as LOCPATH in which locale NAME
# (e.g. de_DE.UTF-8) exists, building it with localedef (from the locales
# package's sources) when it is not there yet; exit 1 with a message if it
# cannot.  Needs no root: the locale is compiled into a private cache,
# ${TMPDIR:-/tmp}/ticctop-locales-UID-GLIBCVERSION/, once per machine and
# C library, and moved into place by one rename so that tests running at
# the same time never see half of it.
set -u
name=${1:?usage: locale.sh NAME (e.g. de_DE.UTF-8)}
lang=${name%%.*}
charset=${name#*.}
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | tr -c 'A-Za-z0-9.\n' '-')
cache=${TMPDIR:-/tmp}/ticctop-locales-$(id -u)-${glibc:-unknown}

if [ ! -d "$cache/$name" ]; then
	mkdir -p -m 700 "$cache" || exit 1
	[ -O "$cache" ] || { echo "locale.sh: $cache is not ours" >&2; exit 1; }
	work=$(mktemp -d "$cache/build.XXXXXX") || exit 1
	if ! localedef --no-archive -i "$lang" -f "$charset" "$work/$name" >"$work/log" 2>&1; then
		echo "locale.sh: localedef could not build $name (is the locales package installed?):" >&2
		cat "$work/log" >&2
		rm -rf "$work"
		exit 1
	fi
	mv -T "$work/$name" "$cache/$name" 2>/dev/null # another test may have won the race: fine
	rm -rf "$work"
fi
echo "$cache"
