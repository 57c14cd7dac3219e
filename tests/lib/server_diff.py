#!/usr/bin/env python3
"""server_diff.py SOCKET.txt CHRONYC.txt

Compares two dumps of tests/srv_dump (the server's reports read through the
socket, then through chronyc, moments apart): the same lines, each value's
text equal, or for values that move with time within bounds.  Exits 1 and
says what differs."""
import sys

# Per report, a class per column: e equal text, c a counter (at most 1000
# apart), s seconds that move (1e-3), d a sample's offset, delay, dispersion
# or response time (0.05 s: a new sample may come between the two reads every
# 0.25 s, and on a loaded machine its delays are milliseconds more or less),
# b a sample's NTP test bits (binary digits of the same count: a packet that
# failed a test under load may come between the two reads), t a time or age
# (10 s), f ppm (50),
# r a skew (both >= 0, at most 10x apart), i an update interval (5 s),
# a an asymmetry (1.0).
COLUMNS = {
    "tracking": "eeetsssffrssie",
    "serverstats": "c" * 17,
    "activity": "eeeee",
    "sources": "eeeeeetdddcccfrss",
    "ntpdata": "eeeeeeeeeeeee" "ss" "ee" "t" "dddd" "a" "bbb" "ee" "ee" "cccc" "eeee",
    "ntpdata_error": "e",
}
BOUND = {"c": 1000, "s": 1e-3, "d": 0.05, "t": 10.0, "f": 50.0, "i": 5.0, "a": 1.0}


def close(how, a, b):
    """Whether texts a and b agree for a column of class how."""
    if a == b:
        return True
    if how == "e" or a == "" or b == "":
        return False
    if how == "b":
        return len(a) == len(b) and set(a + b) <= set("01")
    x, y = float(a), float(b)
    if how == "r":
        return x >= 0 and y >= 0 and max(x, y) <= 10 * min(x, y) + 1e-9
    return abs(x - y) <= BOUND[how]


def main():
    got = [l.rstrip("\n").split(",") for l in open(sys.argv[1])]
    want = [l.rstrip("\n").split(",") for l in open(sys.argv[2])]
    problems = []
    if [l[0] for l in got] != [l[0] for l in want]:
        problems.append(f"reports: {[l[0] for l in got]} != {[l[0] for l in want]}")
    for n, (a, b) in enumerate(zip(got, want)):
        cls = COLUMNS[a[0]]
        if len(a) != len(b) or len(a) != len(cls) + 1:
            problems.append(f"line {n + 1} ({a[0]}): {len(a) - 1} and {len(b) - 1} values, {len(cls)} expected")
            continue
        for col, how in enumerate(cls):
            if not close(how, a[col + 1], b[col + 1]):
                problems.append(f"line {n + 1} {a[0]} column {col}: socket {a[col + 1]!r}, chronyc {b[col + 1]!r}")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


sys.exit(main())
