#!/usr/bin/env python3
"""ntppace.py: one loopback NTP client sending at a steady rate, for the
rate tests (tests/local-rates.sh, tests/ui-rates.sh).

  ntppace.py --port P --source 127.x.y.z --rate R [--server 127.0.0.1]

Sends NTPv4 client requests (48 bytes, mode 3) from --source to --server
(both in 127.0.0.0/8: loopback only) on the absolute schedule t0 + k/R, so
the long-run rate is R however late a send is; reads and drops the replies.
Runs until killed (the test stops it by its pid)."""
import argparse
import ipaddress
import select
import socket
import struct
import time


def loopback(addr):
    """addr, if it is an IPv4 loopback address; else an error."""
    if not ipaddress.IPv4Address(addr).is_loopback:
        raise argparse.ArgumentTypeError("%s is not in 127.0.0.0/8" % addr)
    return addr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--source", type=loopback, required=True)
    ap.add_argument("--server", type=loopback, default="127.0.0.1")
    ap.add_argument("--rate", type=float, required=True)
    a = ap.parse_args()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.source, 0))
    s.setblocking(False)
    t0, k = time.monotonic(), 0
    while True:
        now = time.monotonic()
        due = t0 + k / a.rate
        if now >= due:
            # version 4, mode 3; a transmit timestamp so the server answers
            pkt = struct.pack("!B39xQ", 0x23, int(time.time() * 2**32) & (2**64 - 1))
            s.sendto(pkt, (a.server, a.port))
            k += 1
            continue
        r, _, _ = select.select([s], [], [], due - now)
        while r:
            try:
                s.recv(512)
            except BlockingIOError:
                break


main()
