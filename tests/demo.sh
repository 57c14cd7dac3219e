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
expect_eq "$(leftovers)" "$before" "nothing left after a normal end"

for sig in TERM INT HUP; do
	"$TICCTOP" --demo -b -o json >/dev/null 2>&1 &
	pid=$!
	sleep 2
	check "demo started a chronyd ($sig)" [ -n "$(leftovers)" ]
	kill -$sig $pid
	wait $pid
	rc=$?
	check "SIG$sig ends ticctop ($rc)" [ "$rc" -gt 128 ]
	expect_eq "$(leftovers)" "$before" "nothing left after SIG$sig"
done
finish
