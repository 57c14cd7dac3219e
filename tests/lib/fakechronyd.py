#!/usr/bin/env python3
"""A stand-in for chronyd's command socket that answers the clients request
(REQ_CLIENT_ACCESSES_BY_INDEX3, protocol 6) badly on purpose.

Usage: fakechronyd.py SOCKET MODE [CLIENTS]
Binds the Unix datagram socket SOCKET (mode 0666) and answers each request
for a page of a table of CLIENTS (default 20) clients 127.2.0.N, as chronyd
would, except as MODE says:
  good        as chronyd
  drop        no answer to the first request of each slot range (the client must resend)
  late        the first answer to each request comes after the resend's (stale sequence)
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
    if len(req) < 36 or mode == "silent":
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
    if mode == "late":
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
