#!/bin/sh
# chronyc's output must arrive whole however big it is: its stdout is a pipe
# that blocks (only ticctop's end is non-blocking), so a 4.5 MB list of
# 100,000 clients is neither cut short nor lost to EAGAIN.
. "$top_srcdir/tests/lib/common.sh"
dir=$(mktemp -d)
at_exit cleanup
cleanup() { rm -rf "$dir"; }

awk 'BEGIN { for (i = 0; i < 100000; i++)
	printf "10.%d.%d.%d,%d,%d,-4,127,5,0,0,127,4294967295\n", int(i / 65536), int(i / 256) % 256, i % 256, i % 97, i % 13 }' >"$dir/clients.csv"
printf '#!/bin/sh\ncat "%s"\n' "$dir/clients.csv" >"$dir/chronyc"
chmod +x "$dir/chronyc"

run_ticctop --chronyc "$dir/chronyc" --once -o csv
expect_eq "$ERR" "" "no error from a 4.5 MB answer"
expect_eq "$(echo "$OUT" | wc -l)" 100001 "all 100,000 clients (and the CSV header)"
finish
