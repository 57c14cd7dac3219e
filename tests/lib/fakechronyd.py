#!/usr/bin/env python3
"""A stand-in for chronyd's command socket that answers the clients request
(REQ_CLIENT_ACCESSES_BY_INDEX3, protocol 6) and the server's reports badly on purpose.

Usage: fakechronyd.py SOCKET MODE [CLIENTS]
Binds the Unix datagram socket SOCKET (mode 0666) and answers each request
for a page of a table of CLIENTS (default 20) clients 127.2.0.N, as chronyd
would, except as MODE says:
  good        as chronyd
  drop        no answer to the first request of each slot range (the client must resend)
  late        the first answer to each request comes after the resend's (stale sequence)
  stale       each request is answered only when it is sent again, and under its first
              sequence number (the resend gets no answer of its own)
  silent      never answers
  version5    answers with protocol version 5 and STT_BADPKTVERSION
  unknown     status STT_INVALID (a chronyd that does not know the command)
  inactive    status STT_INACTIVE (noclientlog: chronyc's 519)
  short       a 20-byte answer
  command     echoes another command
  count       says 9 records
  index       a next index past the table
  family      a record of address family 3
  resize      the table's size doubles once, after the third request
The reports (tracking, serverstats, activity, sources, sourcestats) are those
of chrony 4.3 with one source 127.0.0.1, selected; the clients are as in good,
but for:
  rshort      tracking's answer is 4 bytes short
  rtype       serverstats answers with reply type 23
  rcount      n_sources says 5000 sources
  rvalue      tracking's last offset is 2^38 s (more digits than chronyc's value may have)
  rgone       each source's data: no such source (it went between two requests)
  rmute       never answers tracking (the other reports as chronyd)
Writes its pid to SOCKET.pid once it listens; runs until killed.
"""
import os
import socket
import struct
import sys

path, mode = sys.argv[1], sys.argv[2]
nclients = int(sys.argv[3]) if len(sys.argv) > 3 else 20


def record(i):
    """One client record: 127.2.0.(i+1), i+1 NTP packets, 0 drops."""
    addr = bytes([127, 2, (i + 1) // 256, (i + 1) % 256]) + bytes(12)
    return addr + struct.pack(">HH6I4b3I", 1, 0, i + 1, 0, 0, 0, 0, 0, -4, 127, 127, 127, 5, 0xFFFFFFFF, 0xFFFFFFFF)


def reply(req, status=0, rtype=21, version=6, data=b"", command=None):
    """A reply header echoing req, then data, padded to 520 bytes when data is given."""
    cmd = struct.unpack(">H", req[4:6])[0] if command is None else command
    seq = req[8:12]
    head = struct.pack(">BBBBHHHHHH", version, 2, 0, 0, cmd, rtype, status, 0, 0, 0) + seq + bytes(8)
    if not data:
        return head
    body = head + data
    return body + bytes(520 - len(body))


def fl(coef, exp):
    """chrony's Float of coef * 2^(exp - 25)."""
    return struct.pack(">I", (exp & 0x7F) << 25 | (coef & 0x1FFFFFF))


IP = bytes([127, 0, 0, 1]) + bytes(12) + struct.pack(">HH", 1, 0)
REPORTS = {  # command: (reply type, data)
    33: (5, struct.pack(">I", 0x7F000001) + IP + struct.pack(">HHIII", 11, 0, 0, 1700000000, 5)
         + fl(1, 0) + fl(-3, 0) + fl(0, 0) + fl(-5000, 15) + fl(0, 0) + fl(1, 20) + fl(1, 10) + fl(1, 12) + fl(1, 23)),
    54: (24, struct.pack(">11I", 100, 1, 7, 0, 0, 0, 0, 0, 0, 0, 0)),
    44: (12, struct.pack(">5I", 1, 0, 0, 0, 0)),
    14: (2, struct.pack(">I", 1)),
    15: (3, IP + struct.pack(">hHHHHHI", -2, 10, 0, 0, 0, 0o377, 1) + fl(1, 5) + fl(1, 5) + fl(1, 6)),
    34: (6, struct.pack(">I", 0x7F000001) + IP + struct.pack(">III", 8, 5, 120) + fl(1, 0) + fl(3, 20)
         + fl(1, 15) + fl(1, 5) + fl(1, 5)),
}


def report(req):
    """The answer to a report request, as MODE says (None: no answer)."""
    cmd = struct.unpack(">H", req[4:6])[0]
    if mode == "rmute" and cmd == 33:
        return None
    if mode == "version5":
        return reply(req, status=18, rtype=1, version=5)
    rtype, data = REPORTS.get(cmd, (1, b""))
    status = 0 if cmd in REPORTS else 3
    if mode == "rgone" and cmd == 15:
        rtype, data, status = 1, b"", 4
    if mode == "rvalue" and cmd == 33:
        data = data[:44] + fl(1, 63) + data[48:]
    if mode == "rtype" and cmd == 54:
        rtype = 23
    if mode == "rcount" and cmd == 14:
        data = struct.pack(">I", 5000)
    out = reply(req, status=status, rtype=rtype) + data
    return out[:-4] if mode == "rshort" and cmd == 33 else out


def page(first, count, slots):
    """chronyd's page: slots are 2 per client (every other one empty)."""
    recs, i = [], first
    while i < slots and len(recs) < min(count, 8):
        if i % 2 == 0 and i // 2 < nclients:
            recs.append(record(i // 2))
        i += 1
    return struct.pack(">III", slots, i, len(recs)) + b"".join(recs), i


try:
    os.unlink(path)
except FileNotFoundError:
    pass
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o666)
with open(path + ".pid", "w") as f:
    f.write(str(os.getpid()))
seen, held, served = set(), {}, 0
slots = 2 * nclients + 4
while True:
    req, peer = s.recvfrom(2048)
    if len(req) < 28 or mode == "silent":
        continue
    if struct.unpack(">H", req[4:6])[0] != 68:
        out = report(req)
        try:
            if out is not None:
                s.sendto(out, peer)
        except OSError:
            pass  # the client went
        continue
    served += 1
    first, count = struct.unpack(">II", req[20:28])
    if mode == "resize" and served == 4:
        slots *= 2
    data, nxt = page(first, count, slots)
    out = reply(req, data=data)
    if mode == "drop" and first not in seen:
        seen.add(first)
        continue
    if mode == "stale":
        if first not in held:
            held[first] = out
            continue
        out = held.pop(first)
    elif mode == "late":
        if first not in held:
            held[first] = out
            continue
        s.sendto(out, peer)
        out = held.pop(first)
    elif mode == "version5":
        out = reply(req, status=18, rtype=1, version=5)
    elif mode == "unknown":
        out = reply(req, status=3, rtype=1)
    elif mode == "inactive":
        out = reply(req, status=15, rtype=1)
    elif mode == "short":
        out = out[:20]
    elif mode == "command":
        out = reply(req, data=data, command=33)
    elif mode == "count":
        out = out[:36] + struct.pack(">I", 9) + out[40:]
    elif mode == "index":
        out = out[:32] + struct.pack(">I", slots + 1) + out[36:]
    elif mode == "family" and len(data) > 12:
        out = out[:40 + 17] + b"\x03" + out[40 + 18:]
    try:
        s.sendto(out, peer)
    except OSError:
        pass
