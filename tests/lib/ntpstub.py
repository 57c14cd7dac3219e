#!/usr/bin/env python3
"""ntpstub.py: a loopback NTP server that loses requests on purpose, to test
that ntpload's fill resends to the clients that got no answer.

  ntpstub.py --port-file F --log L [--drop-first N] [--never ADDR]...

Listens on 127.0.0.1 and ::1 on one free port (written to F, with a newline,
once both are bound). Every request from address A is logged to L as a line
"A" (flushed at once); it is answered (mode 4, the request's transmit
timestamp echoed as origin) unless it is one of A's first N requests or A was
given with --never. Runs until killed."""
import argparse
import os
import select
import socket
import struct
import time


def bind_pair():
    """Binds a UDP socket on 127.0.0.1 and one on ::1 to the same free port."""
    for _ in range(50):
        s4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s4.bind(("127.0.0.1", 0))
        port = s4.getsockname()[1]
        s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        try:
            s6.bind(("::1", port))
            return s4, s6, port
        except OSError:
            s4.close()
            s6.close()
    raise SystemExit("ntpstub: no free port on both 127.0.0.1 and ::1")


def reply(request):
    """An NTPv4 server reply (stratum 10) to a client request."""
    now = time.time() + 2208988800
    stamp = struct.pack("!II", int(now), int((now % 1) * 2**32))
    head = bytes([0x24, 10, request[2], 0xEC]) + bytes(8) + b"LOCL"
    return head + stamp + request[40:48] + stamp + stamp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--drop-first", type=int, default=0)
    ap.add_argument("--never", action="append", default=[])
    a = ap.parse_args()
    s4, s6, port = bind_pair()
    seen = {}
    log = open(a.log, "a")
    with open(a.port_file + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.rename(a.port_file + ".tmp", a.port_file)
    while True:
        ready, _, _ = select.select([s4, s6], [], [])
        for s in ready:
            data, peer = s.recvfrom(512)
            if len(data) < 48 or data[0] & 7 != 3:
                continue
            addr = peer[0]
            seen[addr] = seen.get(addr, 0) + 1
            log.write(addr + "\n")
            log.flush()
            if seen[addr] > a.drop_first and addr not in a.never:
                s.sendto(reply(data), peer)


if __name__ == "__main__":
    main()
