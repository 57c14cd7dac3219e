#!/bin/sh
# --demo starts a private chronyd with live clients, shows warnings and
# criticals, and leaves nothing behind: on a normal end and on SIGTERM/SIGINT.
. "$top_srcdir/tests/lib/common.sh"
[ -x /usr/sbin/chronyd ] || { echo "chronyd missing"; exit 77; }

# Lists the demo dirs and the chronyds that use them.
leftovers() {
	ls -d /tmp/ticctop-demo.* 2>/dev/null
	for p in /proc/[0-9]*; do
		{ tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | grep -q 'ticctop-demo' && echo "$p"
	done
}
# Lists what leftovers shows now that it did not show before the test.
new_leftovers() {
	leftovers | while read -r l; do
		case "$before" in
		*"$l"*) ;;
		*) echo "$l" ;;
		esac
	done
}
before=$(leftovers)

run_ticctop --demo -b -n 6 -d 10 -o json
expect_eq "$RC" 2 "demo reaches critical within a few seconds (exit 2)"
last=$(echo "$OUT" | python3 -c '
import json, sys
docs, dec, text, i = [], json.JSONDecoder(), sys.stdin.read(), 0
while i < len(text):
    if text[i].isspace(): i += 1; continue
    d, i = dec.raw_decode(text, i); docs.append(d)
s = docs[-1]["summary"]
fam = {c["family"] for c in docs[-1]["clients"]}
print(len(docs), s["total"] >= 300, s["warning"] > 0, s["critical"] > 0, "ipv6" in fam)')
expect_eq "$last" "6 True True True True" "six reports; 300+ clients, warnings, criticals, IPv6"
expect_eq "$(new_leftovers)" "" "nothing left after a normal end"
expect_contains "$OUT" '"target":"ticctop --demo (a private chronyd)"' \
	"one name for every demo (not its temp socket), so its remembered settings are found again"

for sig in TERM INT HUP; do
	"$TICCTOP" --demo -b -o json >/dev/null 2>&1 &
	pid=$!
	sleep 2
	check "demo started a chronyd ($sig)" [ -n "$(new_leftovers)" ]
	kill -$sig $pid
	wait $pid
	rc=$?
	check "SIG$sig ends ticctop ($rc)" [ "$rc" -gt 128 ]
	expect_eq "$(new_leftovers)" "" "nothing left after SIG$sig"
done

if [ "$(id -u)" = 0 ]; then
	# an ordinary user: chronyd runs as that user (-U -u)
	scratch=$(mktemp -d)
	chmod 0755 "$scratch"
	cp "$TICCTOP" "$scratch/ticctop"
	out=$(cd / && timeout 30 runuser -u nobody -- "$scratch/ticctop" --demo -b -n 3 -o json 2>&1)
	rc=$?
	rm -rf "$scratch"
	check "demo as an ordinary user ($rc)" [ "$rc" -le 2 ]
	expect_contains "$out" '"ok":true' "demo as an ordinary user reads its chronyd"
	expect_eq "$(new_leftovers)" "" "nothing left after the ordinary user's demo"
fi
finish
