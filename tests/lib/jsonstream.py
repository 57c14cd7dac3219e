#!/usr/bin/env python3
"""Summarise a stream of `ticctop -b -o json` reports, one line per report.

Usage: jsonstream.py FILE
Prints, for each complete report in FILE (a partial last one is ignored):
  ok|error TOTAL MAX_NTP_PACKETS SKIPPED
and exits 1 (naming the report) if any value breaks its range: packets and
drops 0 .. 2^32-1, intervals -128 .. 127, last seen >= 0, summary counts
adding up to the total.
"""
import json
import sys

RANGES = {"packets": (0, 2**32 - 1), "drops": (0, 2**32 - 1), "recent_drops": (0, 2**32 - 1), "interval": (-128, 127),
          "interval_limited": (-128, 127), "last_seen": (0, 2**63)}


def reports(text):
    """Yield each complete JSON document of text."""
    dec, i = json.JSONDecoder(), 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        try:
            doc, i = dec.raw_decode(text, i)
        except ValueError:
            return
        yield doc


def problems(doc):
    """What is out of range in one report."""
    s = doc["summary"]
    if s["ok"] + s["warning"] + s["critical"] != s["total"]:
        yield "summary does not add up: %s" % s
    for c in doc["clients"]:
        for group in ("ntp", "cmd"):
            for key, v in c[group].items():
                lo, hi = RANGES[key]
                if v is not None and not lo <= v <= hi:
                    yield "%s %s.%s = %s" % (c["addr"], group, key, v)


def main(path):
    """Print the summary lines; 1 on any bad value."""
    bad = 0
    for n, doc in enumerate(reports(open(path, encoding="utf-8").read()), 1):
        for p in problems(doc):
            print("report %d: %s" % (n, p), file=sys.stderr)
            bad = 1
        packets = max((c["ntp"]["packets"] or 0 for c in doc["clients"]), default=0)
        print("%s %d %d %d" % ("ok" if doc["source"]["ok"] else "error", doc["summary"]["total"], packets,
                               doc["source"].get("skipped", 0)))
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
