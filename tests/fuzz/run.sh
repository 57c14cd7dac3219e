#!/bin/sh
# run.sh SECONDS NAME SEEDS... — run libFuzzer target tests/fuzz_NAME for
# SECONDS on inputs of up to 8 KiB (longer lines are Check's job:
# check_hostile), its corpus seeded from the files SEEDS (fixtures) and
# tests/fuzz/NAME.dict as a dictionary; crashes go to fuzz-crash/NAME/.
# Extra libFuzzer flags come from $FUZZ_FLAGS (e.g. -jobs=2 -workers=2).
# Exit 0 when the target ran its time without a crash, 1 otherwise.
set -u
seconds=$1
name=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
corpus=fuzz-corpus/$name
crashes=fuzz-crash/$name
mkdir -p "$corpus" "$crashes"
cp "$@" "$corpus/" || exit 1
log=fuzz-$name.log
# shellcheck disable=SC2086
"./tests/fuzz_$name" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2560 -print_final_stats=1 \
	-dict="$here/$name.dict" -artifact_prefix="$crashes/" ${FUZZ_FLAGS:-} "$corpus" >"$log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | awk '{ n += $1 } END { print n + 0 }')
echo "fuzz_$name: $runs runs in $seconds s, corpus $(ls "$corpus" | wc -l) inputs, exit $rc"
if [ "$rc" != 0 ] || [ -n "$(ls "$crashes")" ]; then
	tail -n 40 "$log"
	echo "fuzz_$name: FAILED — reproduce with ./tests/fuzz_$name $crashes/<file>"
	exit 1
fi
