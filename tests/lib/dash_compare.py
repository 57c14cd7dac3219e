#!/usr/bin/env python3
"""dash_compare.py FIXTURE REPORT URL STATUS: check ticctop's JSON report
against the /data answer it was given.

Every client of the fixture must be listed once, with the same NTP counters
(and Cmd packets); for TICC-DASH answers the Cmd group's drops, interval and
last seen must be null (never sent), for V1 they must match chronyc's table.
The source object must name the URL and carry the server's clock and count;
the exit status must be the one the drop counts call for."""
import gzip
import json
import sys

UNITS = {"m": 60, "h": 3600, "d": 86400, "y": 365 * 86400}
NTP_KEYS = [("NTP", "packets"), ("Drop", "drops"), ("Int", "interval"), ("IntL", "interval_limited"),
            ("Last", "last_seen")]
TABLE_COLUMNS = [("ntp", "packets"), ("ntp", "drops"), ("ntp", "interval"), ("ntp", "interval_limited"),
                 ("ntp", "last_seen"), ("cmd", "packets"), ("cmd", "drops"), ("cmd", "interval"),
                 ("cmd", "last_seen")]


def value(tok):
    """chronyc's plain spelling to a number, or None for '-'."""
    if tok == "-":
        return None
    if tok[-1] in UNITS:
        return int(tok[:-1]) * UNITS[tok[-1]]
    return int(tok)


def expected(doc):
    """addr -> {(group, key): value} from a /data document."""
    want = {}
    if "clients_parsed" in doc:
        for e in doc["clients_parsed"]:
            row = {("ntp", k): value(e[f]) for f, k in NTP_KEYS}
            row[("cmd", "packets")] = value(e["Cmd"])
            row.update({("cmd", k): None for k in ("drops", "interval", "last_seen")})
            assert e["addr"] not in want, "fixture lists %s twice" % e["addr"]
            want[e["addr"]] = row
    else:
        lines = doc["clients"].splitlines()[2:]
        for line in lines:
            tok = line.split()
            if len(tok) < 10:
                continue
            want[" ".join(tok[:-9])] = {c: value(t) for c, t in zip(TABLE_COLUMNS, tok[-9:])}
    return want


def main():
    fixture, report, url, status = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    opener = gzip.open if fixture.endswith(".gz") else open
    with opener(fixture, "rb") as fp:
        doc = json.load(fp)
    with open(report) as fp:
        got = json.load(fp)
    want = expected(doc)
    src = got["source"]
    assert src["kind"] == "http" and src["target"] == url and src["ok"] is True, src
    assert src["server"]["time"] == doc["local_time"], src
    assert src["server"]["count"] == doc.get("count"), src
    assert src["server"]["format"] == ("ticc-dash" if "clients_parsed" in doc else "chrony-web-v1"), src
    clients = {c["addr"]: c for c in got["clients"]}
    assert len(clients) == len(got["clients"]), "an address is listed twice"
    assert set(clients) == set(want), "clients differ: missing %s, extra %s" % (
        sorted(set(want) - set(clients))[:5], sorted(set(clients) - set(want))[:5])
    assert got["summary"]["total"] == len(want), got["summary"]
    worst = 0
    for addr, row in want.items():
        for (group, key), v in row.items():
            assert clients[addr][group][key] == v, "%s %s.%s: got %r, want %r" % (
                addr, group, key, clients[addr][group][key], v)
        drops = row[("ntp", "drops")] or 0
        worst = max(worst, 2 if drops >= 10 else 1 if drops > 0 else 0)
    assert status == worst, "exit status %d, want %d" % (status, worst)
    print("%d clients match" % len(want))


if __name__ == "__main__":
    main()
