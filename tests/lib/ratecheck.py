#!/usr/bin/env python3
"""ratecheck.py: questions about a stream of `ticctop -b -o json` reports
(one document after another in one file), for the rate tests.

  ratecheck.py STREAM client ADDR       the last report's view of ADDR:
                                        "status state rate.ntp rate.drops reason",
                                        or "absent" (null prints as -)
  ratecheck.py STREAM steady ADDR LO HI N
                                        succeeds when ADDR's rate.ntp is within
                                        [LO, HI] in each of the last N reports
  ratecheck.py STREAM seen ADDR STATE   succeeds when some report showed ADDR in STATE
  ratecheck.py STREAM summary KEY       the last report's summary.KEY (- for null)
  ratecheck.py STREAM sane MAX          succeeds when no report has a negative
                                        rate or one above MAX; prints what is wrong

A report still being written is not read."""
import json
import sys


def reports(path):
    """The complete reports in path, in order."""
    text = open(path, encoding="ascii").read()
    dec, at, out = json.JSONDecoder(), 0, []
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            return out
        try:
            doc, at = dec.raw_decode(text, at)
        except ValueError:
            return out
        out.append(doc)


def find(doc, addr):
    """The client addr of report doc, or None."""
    return next((c for c in doc["clients"] if c["addr"] == addr), None)


def show(v):
    return "-" if v is None else str(v)


def main(path, what, *args):
    docs = reports(path)
    if what == "client":
        c = find(docs[-1], args[0]) if docs else None
        if c is None:
            print("absent")
        else:
            print(c["status"], show(c["state"]), show(c["rate"]["ntp"]), show(c["rate"]["drops"]), c["reason"])
        return 0
    if what == "steady":
        addr, lo, hi, n = args[0], float(args[1]), float(args[2]), int(args[3])
        last = [find(d, addr) for d in docs[-n:]]
        return 0 if len(last) == n and all(
            c and c["rate"]["ntp"] is not None and lo <= c["rate"]["ntp"] <= hi for c in last) else 1
    if what == "seen":
        return 0 if any((find(d, args[0]) or {}).get("state") == args[1] for d in docs) else 1
    if what == "summary":
        print(show(docs[-1]["summary"][args[0]]) if docs else "-")
        return 0
    if what == "sane":
        bad = 0
        for i, d in enumerate(docs):
            for c in d["clients"]:
                rates = [c["rate"][k] for k in ("ntp", "drops", "cmd") if c["rate"][k] is not None]
                if any(v < 0 or v > float(args[0]) for v in rates[:3]):
                    print("report %d: %s: %s %s" % (i + 1, c["addr"], c["state"], c["rate"]))
                    bad += 1
        return 1 if bad else 0
    print("ratecheck.py: unknown question", what, file=sys.stderr)
    return 2


sys.exit(main(*sys.argv[1:]))
