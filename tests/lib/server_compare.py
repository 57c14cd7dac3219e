#!/usr/bin/env python3
"""server_compare.py JSON TRACKING.csv SOURCES.csv SOURCESTATS.csv

Checks ticctop's "server" object (JSON, from `ticctop --once -o json`) against
`chronyc -c tracking`, `sources` and `sourcestats` read right after it: the
fields that do not move must be equal, the moving ones within bounds (the two
reads are moments apart, and the second chronyd polls every 0.25 s).  Exits 1
and says what differs."""
import csv
import json
import sys

# JSON key, chronyc -c column, how to compare: "eq" (as text), "int", "hex",
# "octal", "ratio" (both >= 0, the larger at most 10 times the smaller: a
# skew estimated from the first few samples swings by a factor of 2-3 between
# two reads on a loaded machine), or a number: the largest difference allowed.
TRACKING = [("ref_id", 0, "hex"), ("ref_name", 1, "eq"), ("stratum", 2, "int"), ("ref_time", 3, 10.0),
            ("system_time", 4, 1e-3), ("last_offset", 5, 1e-3), ("rms_offset", 6, 1e-3),
            ("frequency", 7, 50.0), ("residual_freq", 8, 50.0), ("skew", 9, "ratio"), ("root_delay", 10, 1e-3),
            ("root_dispersion", 11, 1e-3), ("update_interval", 12, 5.0), ("leap_status", 13, "eq")]
SOURCES = [("mode_symbol", 0, "eq"), ("state_symbol", 1, "eq"), ("address", 2, "eq"), ("stratum", 3, "int"),
           ("poll", 4, "int"), ("reach", 5, "octal"), ("last_rx", 6, 10.0), ("offset", 7, 1e-3),
           ("measured_offset", 8, 1e-3), ("error", 9, 1e-3)]
SOURCESTATS = [("np", 1, 8.0), ("nr", 2, 8.0), ("span", 3, 30.0), ("frequency", 4, 50.0), ("freq_skew", 5, "ratio"),
               ("est_offset", 6, 1e-3), ("std_dev", 7, 1e-3)]

problems = []


def compare(what, obj, row, table):
    """Compare obj (a JSON object) with row (chronyc's fields) by table."""
    for key, col, how in table:
        got, want = obj.get(key), row[col]
        if got is None:
            problems.append(f"{what}.{key}: null, chronyc says {want}")
        elif how == "eq" and str(got) != want:
            problems.append(f"{what}.{key}: {got!r} != {want!r}")
        elif how == "int" and got != int(want):
            problems.append(f"{what}.{key}: {got} != {want}")
        elif how == "hex" and got != want:
            problems.append(f"{what}.{key}: {got} != {want}")
        elif how == "octal" and got != int(want, 8):
            problems.append(f"{what}.{key}: {got} != {want} (octal)")
        elif how == "ratio" and not (got >= 0 and float(want) >= 0 and
                                     max(got, float(want)) <= 10 * min(got, float(want)) + 1e-9):
            problems.append(f"{what}.{key}: {got} and {want} differ by more than a factor of 10")
        elif isinstance(how, float) and abs(float(got) - float(want)) > how:
            problems.append(f"{what}.{key}: {got} and {want} differ by more than {how}")


def rows(path):
    with open(path, newline="") as f:
        return [r for r in csv.reader(f) if r]


def main():
    server = json.load(open(sys.argv[1]))["server"]
    tracking, sources, stats = rows(sys.argv[2]), rows(sys.argv[3]), rows(sys.argv[4])
    compare("tracking", server["tracking"], tracking[0], TRACKING)
    got = {s["address"]: s for s in server["sources"]}
    if sorted(got) != sorted(r[2] for r in sources):
        problems.append(f"sources: {sorted(got)} != {sorted(r[2] for r in sources)}")
    for r in sources:
        if r[2] in got:
            compare("sources[" + r[2] + "]", got[r[2]], r, SOURCES)
    for r in stats:
        if r[0] in got:
            compare("sourcestats[" + r[0] + "]", got[r[0]], r, SOURCESTATS)
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


sys.exit(main())
