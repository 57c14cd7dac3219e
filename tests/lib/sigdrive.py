#!/usr/bin/env python3
"""Signals at random moments to `ticctop -b`, and what must follow.

Usage: sigdrive.py --ticctop PATH --scratch DIR --fixture CSV --rounds N
                   --seed S [--demo] [--url BASE]
For SIGINT, SIGTERM and SIGHUP, N runs each: ticctop in batch mode (-d 2,
JSON) reads a fake chronyc that sleeps a random moment before it answers
(or, every third round, hangs), and gets the signal 0 - 1.5 s after it began
to catch signals (before main, nothing can); it must exit by itself with
128 + N (not die of the signal), not held up by the poll under way (its
--timeout, 60 s, is twice the bound the driver waits), leaving no process
running: this
driver is a child subreaper, so anything ticctop left running would be
handed to it and found.  With --demo, N more runs each of --demo, signalled
0 - 20 ms after it started its chronyd, while it waits for it.  With --url
(tests/httpd.py's base URL), N more runs each of --url on /hang, /trickle
and a fixture in turn.  Then SIGWINCH, many times at random moments: ticctop
must keep running and reporting, and end with 143 on SIGTERM.  Prints
ok/FAIL lines; exits 1 on any failure.
"""
import argparse
import ctypes
import os
import random
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
# Bounds of the waits below: generous, they only matter when a check fails.
BOUND_S = 30
# --timeout of the signalled runs: a run held up by its poll ends after it.
POLL_TIMEOUT = "60"


def wait_for(cond, bound=BOUND_S):
    """Poll cond() every 10 ms until it is true or bound seconds passed;
    return its last value."""
    end = time.monotonic() + bound
    while True:
        ok = cond()
        if ok or time.monotonic() >= end:
            return ok
        time.sleep(0.01)


def fake_chronyc(scratch, fixture, hang):
    """Write a fake chronyc that logs its pid, then answers late or never."""
    path = os.path.join(scratch, "chronyc-hang" if hang else "chronyc-slow")
    tail = "exec sleep 60" if hang else 'sleep 0.$(($$ %% 4)); exec cat "%s"' % fixture
    with open(path, "w") as f:
        f.write('#!/bin/sh\necho $$ >>"%s/pids"\n%s\n' % (scratch, tail))
    os.chmod(path, 0o755)
    return path


def orphans():
    """(pid, state) of the processes that were handed to us: ticctop's
    children and grandchildren that outlived their parent."""
    me, found = os.getpid(), []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = open("/proc/%s/stat" % d).read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == me:
            found.append((int(d), fields[0]))
    return found


def cmdline(pid):
    """A process's command line, for messages."""
    try:
        return open("/proc/%d/cmdline" % pid, "rb").read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"


class Judge:
    """Counts checks and failures."""

    def __init__(self):
        self.checks = self.failed = 0

    def check(self, what, ok, detail=""):
        """Record one check."""
        self.checks += 1
        if not ok:
            self.failed += 1
        print("%s - %s%s" % ("ok" if ok else "FAIL", what, "" if ok else ": " + detail))


def running_orphans():
    """The orphans still running (a zombie is dead, only not yet reaped)."""
    return [p for p, state in orphans() if state != "Z"]


def reap_orphans(judge, what):
    """Fail on, stop and reap whatever ticctop left behind."""
    wait_for(lambda: not running_orphans())  # a killed grandchild may take a moment to die
    found = orphans()
    left = [p for p, state in found if state != "Z"]
    judge.check("%s: no process left running" % what, not left,
                ", ".join("%d (%s)" % (p, cmdline(p)) for p in left))
    for p in left:
        os.kill(p, signal.SIGKILL)
    for p, _ in found:
        os.waitpid(p, 0)


def catching(pid, sig):
    """Whether process pid has a handler for sig (SigCgt in /proc/PID/status)."""
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith("SigCgt:"):
                return int(line.split()[1], 16) >> (sig - 1) & 1
    except OSError:
        pass
    return False


def has_child(pid, sig):
    """Whether process pid has started a child (the demo's chronyd)."""
    for d in os.listdir("/proc"):
        try:
            stat = open("/proc/%s/stat" % d).read() if d.isdigit() else ""
        except OSError:
            continue
        if stat and int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
            return True
    return False


def one_round(judge, argv, sig, delay, what, ready=catching):
    """Start ticctop with argv; once ready(pid, sig) (by default: it catches
    the signal — before main nothing can), wait delay and signal it; judge
    how it ends."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    end = time.monotonic() + BOUND_S
    while not ready(proc.pid, sig) and proc.poll() is None and time.monotonic() < end:
        time.sleep(0.0005)
    time.sleep(delay)  # the random moment is the test, not a wait
    proc.send_signal(sig)
    try:
        rc = proc.wait(timeout=BOUND_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = proc.wait()
        print("  %s: still running %d s after the signal: killed" % (what, BOUND_S))
    judge.check("%s: exit status %d, by itself" % (what, 128 + sig), rc == 128 + sig,
                "got %d%s" % (rc, " (killed by a signal)" if rc < 0 else ""))
    reap_orphans(judge, what)


def winch_round(judge, ticctop, chronyc, scratch, rng):
    """SIGWINCH storms do not end ticctop or stop its reports."""
    out = os.path.join(scratch, "winch.json")
    with open(out, "wb") as f:
        proc = subprocess.Popen([ticctop, "-b", "-d", "2", "-o", "json", "--chronyc", chronyc],
                                stdout=f, stderr=subprocess.DEVNULL)
        def count():
            return open(out, "rb").read().count(b'"ticctop":1')
        for _ in range(40):
            time.sleep(rng.uniform(0, 0.05))
            proc.send_signal(signal.SIGWINCH)
        wait_for(lambda: count() >= 1)
        before = count()
        for _ in range(40):
            time.sleep(rng.uniform(0, 0.03))
            proc.send_signal(signal.SIGWINCH)
        wait_for(lambda: count() > before)
        after = count()
        judge.check("SIGWINCH x80: still running", proc.poll() is None)
        judge.check("SIGWINCH x80: still reporting", after > before >= 1, "%d then %d reports" % (before, after))
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=BOUND_S)
    judge.check("SIGWINCH x80, then SIGTERM: exit 143", rc == 143, "got %d" % rc)
    reap_orphans(judge, "SIGWINCH")


def main():
    """Run every round; 0 when all passed."""
    ap = argparse.ArgumentParser()
    for opt in ("--ticctop", "--scratch", "--fixture"):
        ap.add_argument(opt, required=True)
    ap.add_argument("--rounds", type=int, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--demo", action="store_true")
    ap.add_argument("--url")
    a = ap.parse_args()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("cannot become a child subreaper")
        return 99
    rng = random.Random(a.seed)
    print("seed %d" % a.seed)
    judge = Judge()
    slow, hang = fake_chronyc(a.scratch, a.fixture, False), fake_chronyc(a.scratch, a.fixture, True)
    paths = ("/hang", "/trickle", "/fixture/data-mixed.json")
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        for r in range(a.rounds):
            chronyc = hang if r % 3 == 2 else slow
            delay = rng.uniform(0, 1.5)
            one_round(judge, [a.ticctop, "-b", "-d", "2", "-o", "json", "--timeout", POLL_TIMEOUT, "--chronyc", chronyc], sig,
                      delay, "%s after %.3f s (%s chronyc)" % (sig.name, delay, "hanging" if chronyc == hang else "slow"))
        for r in range(a.rounds if a.demo else 0):
            delay = rng.uniform(0, 0.02)  # while the demo's chronyd starts
            one_round(judge, [a.ticctop, "--demo", "-b", "-o", "json"], sig, delay,
                      "%s %.3f s after --demo started chronyd" % (sig.name, delay), has_child)
        for r in range(a.rounds if a.url else 0):
            delay, path = rng.uniform(0, 1.5), paths[r % len(paths)]
            one_round(judge, [a.ticctop, "-b", "-d", "2", "-o", "json", "--timeout", POLL_TIMEOUT, "--url", a.url + path], sig,
                      delay, "%s after %.3f s (--url %s)" % (sig.name, delay, path))
    winch_round(judge, a.ticctop, slow, a.scratch, rng)
    print("%d checks, %d failed" % (judge.checks, judge.failed))
    return 1 if judge.failed else 0


if __name__ == "__main__":
    sys.exit(main())
