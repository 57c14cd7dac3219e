#!/usr/bin/env python3
"""Compare `ticctop --once -o json` with `chronyc -c -n clients` taken right after.

Usage: compare.py [--dash] [--slack SECS] TICCTOP_JSON CHRONYC_CSV
With --dash (ticctop read TICC-DASH's /data, which does not send the Cmd
group's drops, interval and last seen) those three must be null.  --slack:
how far apart the two reads may be (default 3 s; give the time measured
from before ticctop started to after chronyc ended, plus rounding: on a
loaded machine that is more).
Checks: the same distinct addresses; the same NTP and Cmd packets, drops and
intervals (unknown = null); last seen within the slack; status and counts as
TICC-DASH would give them (drops >= 10 critical, > 0 warning).  Prints what
differs and exits 1, or prints a summary and exits 0.
"""
import json
import sys


def csv_clients(path):
    """Parse chronyc CSV: the last row of a duplicated address wins."""
    out = {}
    none = {2: 127, 3: 127, 4: 4294967295, 7: 127, 8: 4294967295}
    with open(path) as f:
        for line in f:
            p = line.strip().split(",")
            if len(p) != 10:
                continue
            vals = [int(x) for x in p[1:]]
            vals = [None if none.get(i) == v else v for i, v in enumerate(vals)]
            out[p[0]] = vals
    return out


def status(drops):
    return "critical" if drops >= 10 else "warning" if drops > 0 else "ok"


def main():
    args = sys.argv[1:]
    dash = args[0] == "--dash"
    if dash:
        args = args[1:]
    slack = 3
    if args[0] == "--slack":
        slack, args = int(args[1]), args[2:]
    doc = json.load(open(args[0]))
    ref = csv_clients(args[1])
    got = {c["addr"]: c for c in doc["clients"]}
    errors = []
    if set(got) != set(ref):
        errors.append("addresses differ: only ticctop %s, only chronyc %s"
                      % (sorted(set(got) - set(ref))[:5], sorted(set(ref) - set(got))[:5]))
    keys = [("ntp", "packets"), ("ntp", "drops"), ("ntp", "interval"), ("ntp", "interval_limited"),
            ("ntp", "last_seen"), ("cmd", "packets"), ("cmd", "drops"), ("cmd", "interval"), ("cmd", "last_seen")]
    counts = {"ok": 0, "warning": 0, "critical": 0}
    for addr in sorted(set(got) & set(ref)):
        c, r = got[addr], ref[addr]
        for i, (g, k) in enumerate(keys):
            a, b = c[g][k], r[i]
            if dash and g == "cmd" and k != "packets":
                b = None  # not sent by TICC-DASH: must stay unknown
            if k == "last_seen" and a is not None and b is not None:
                if abs(a - b) > slack:
                    errors.append("%s %s.%s: %s vs %s" % (addr, g, k, a, b))
            elif a != b:
                errors.append("%s %s.%s: ticctop %s, chronyc %s" % (addr, g, k, a, b))
        want = status(r[1])
        counts[want] += 1
        if c["status"] != want:
            errors.append("%s status %s, TICC-DASH says %s" % (addr, c["status"], want))
    s = doc["summary"]
    for k in counts:
        if s[k] != counts[k]:
            errors.append("summary.%s = %s, expected %s" % (k, s[k], counts[k]))
    if s["total"] != len(ref) or s["shown"] != len(ref):
        errors.append("summary total/shown %s/%s, expected %s" % (s["total"], s["shown"], len(ref)))
    for e in errors[:20]:
        print("  " + e)
    print("compared %d clients: %d ok, %d warning, %d critical; %d differences"
          % (len(ref), counts["ok"], counts["warning"], counts["critical"], len(errors)))
    return 1 if errors else 0


sys.exit(main())
