#!/usr/bin/env python3
"""Judge bytes that reached a terminal, and batch reports, for hostile names.

Usage:
  termcheck.py raw FILE utf8|ascii   the bytes a pty received: no ESC, no other
                                     C0 control but CR/LF/TAB, no DEL; in a
                                     UTF-8 locale valid UTF-8 with no C1
                                     control, bidi control or invisible
                                     character; in the C locale ASCII only
  termcheck.py json FILE NAMES       a JSON report: valid, and each of NAMES
                                     (a file, one Python bytes literal a line)
                                     appears as the sanitised text it must be
  termcheck.py csv FILE NAMES        the same for a CSV report (RFC 4180)
  termcheck.py curses FILE           the bytes curses wrote for the full
                                     screen: valid UTF-8 with no C1, bidi or
                                     invisible character, no control but
                                     CR/LF/TAB/BS/BEL outside escape
                                     sequences, and every escape sequence one
                                     that draws: no OSC, DCS, APC, PM or SOS
                                     (titles, clipboard, hyperlinks), no query
                                     that makes the terminal answer
  termcheck.py sanitise NAMES        print each name as fmt_sanitize shows it
  termcheck.py clients NAMES OUT     write what a fake chronyc answers: a
                                     `chronyc -c clients` row per name (every
                                     third with 12 drops: critical), then two
                                     lines that are not rows (a NUL byte, a
                                     300-byte name)
Prints what is wrong and exits 1, else exits 0.
"""
import ast
import csv
import io
import json
import sys
import unicodedata

# Code points that must never reach a terminal as themselves (format.c).
HIDDEN = [(0x80, 0x9F), (0xAD, 0xAD), (0x34F, 0x34F), (0x61C, 0x61C), (0x115F, 0x1160),
          (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x2028, 0x202E),
          (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
          (0xFFA0, 0xFFA0), (0xFFF0, 0xFFFB), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
          (0xE0000, 0xE0FFF)]


def hidden(cp):
    """Whether code point cp must be shown escaped."""
    return any(lo <= cp <= hi for lo, hi in HIDDEN)


def sanitise(name, utf8=True):
    """What fmt_sanitize makes of bytes name (the reference, written apart)."""
    out, i = [], 0
    while i < len(name):
        b = name[i]
        if b == 0x5C:
            out.append("\\\\")
            i += 1
            continue
        if 0x20 <= b < 0x7F:
            out.append(chr(b))
            i += 1
            continue
        if utf8 and b >= 0x80:
            for n in (2, 3, 4):
                try:
                    ch = name[i:i + n].decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if len(ch) == 1 and not hidden(ord(ch)):
                    out.append(ch)
                    i += n
                    break
                if len(ch) == 1:
                    out.append("".join("\\x%02x" % c for c in name[i:i + n]))
                    i += n
                    break
            else:
                out.append("\\x%02x" % b)
                i += 1
            continue
        out.append("\\x%02x" % b)
        i += 1
    return "".join(out)


def check_raw(path, mode):
    """Fail on any byte or character a terminal would obey or hide."""
    data = open(path, "rb").read()
    bad = []
    for i, b in enumerate(data):
        if (b < 0x20 and b not in (0x0A, 0x0D, 0x09)) or b == 0x7F:
            bad.append("byte 0x%02x at %d" % (b, i))
        elif mode == "ascii" and b >= 0x80:
            bad.append("non-ASCII byte 0x%02x at %d" % (b, i))
    if mode == "utf8":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            bad.append("invalid UTF-8: %s" % e)
            text = ""
        for i, ch in enumerate(text):
            if hidden(ord(ch)):
                bad.append("U+%04X (%s) at character %d" % (ord(ch), unicodedata.name(ch, "?"), i))
    for b in bad[:20]:
        print("  raw:", b)
    if bad:
        print("  %d offending bytes in %d bytes" % (len(bad), len(data)))
    return not bad


# CSI final bytes a screen painter may send: cursor moves, erases, insert and
# delete, scrolling region, modes, attributes.  Not n (status reports), c
# (device attributes), t (window reports and titles), q, p, | ... (queries).
CSI_FINALS = set("@ABCDEFGHJKLMPSTXZ`abdefghlmrsu")
# Two-byte escapes: charset selection ((, ), *, +), keypad (=, >), save and
# restore cursor (7, 8), index and reverse index (D, M), next line (E).
ESC_NEXT = set("()*+=>78DEM")


def check_curses(path):
    """Fail on any byte sequence a painter has no business sending."""
    data = open(path, "rb").read()
    bad = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        bad.append("invalid UTF-8: %s" % e)
        text = data.decode("utf-8", "replace")
    i, seqs = 0, {}
    while i < len(text):
        ch = text[i]
        if ch == "\x1b":
            nxt = text[i + 1:i + 2]
            if nxt == "[":
                j = i + 2
                while j < len(text) and text[j] in "0123456789;?>=<!:":
                    j += 1
                while j < len(text) and " " <= text[j] <= "/":
                    j += 1
                final = text[j:j + 1]
                if final not in CSI_FINALS:
                    bad.append("CSI ...%r at %d: %r" % (final, i, text[i:j + 1]))
                seqs["CSI " + final] = seqs.get("CSI " + final, 0) + 1
                i = j + 1
            elif nxt in ESC_NEXT:
                i += 3 if nxt in "()*+" else 2
            else:
                bad.append("ESC %r at %d: %r" % (nxt, i, text[i:i + 20]))
                i += 2
            continue
        if (ord(ch) < 0x20 and ch not in "\r\n\t\b\x07\x0e\x0f") or ch == "\x7f":
            bad.append("control 0x%02x at %d" % (ord(ch), i))
        elif hidden(ord(ch)):
            bad.append("U+%04X (%s) at %d" % (ord(ch), unicodedata.name(ch, "?"), i))
        i += 1
    for b in bad[:20]:
        print("  curses:", b)
    if bad:
        print("  %d offending sequences in %d bytes; sequences seen: %s" % (len(bad), len(data), seqs))
    return not bad


def names_of(path):
    """The hostile names, as bytes."""
    return [ast.literal_eval(line) for line in open(path) if line.strip()]


def check_names(found, path):
    """Every name must be there, sanitised."""
    missing = [sanitise(n) for n in names_of(path) if sanitise(n) not in found]
    for m in missing:
        print("  missing:", repr(m))
    return not missing


def check_json(path, names):
    """A valid report listing each name sanitised, with the skipped count."""
    try:
        doc = json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        print("  invalid JSON:", e)
        return False
    found = {c["addr"] for c in doc["clients"]}
    ok = check_names(found, names)
    if doc["source"]["skipped"] < 1:
        print("  source.skipped is", doc["source"]["skipped"])
        ok = False
    return ok


def check_csv(path, names):
    """A valid RFC 4180 report (every row as wide as its header) listing each name sanitised."""
    raw = open(path, "rb").read()
    if b"\r\n" not in raw or raw.replace(b"\r\n", b"").count(b"\n"):
        print("  CSV rows must end in CRLF, and only there")
        return False
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    widths = {len(r) for r in rows}
    if len(widths) != 1 or rows[0][0] != "addr" or rows[0][-1] != "stale":
        print("  rows of", widths, "fields")
        return False
    return check_names({r[0] for r in rows[1:]}, names)


def write_clients(names, out):
    """The fake chronyc's answer for the names."""
    with open(out, "wb") as f:
        for i, n in enumerate(names_of(names)):
            f.write(n + b",%d,%d,-2,127,15,0,0,127,4294967295\n" % (i + 1, 12 if i % 3 == 0 else 0))
        f.write(b"nul\x00\x1b[31m,1,0,-2,127,15,0,0,127,4294967295\n")
        f.write(b"\x1b[31m" * 60 + b",1,0,-2,127,15,0,0,127,4294967295\n")
    return True


def main(argv):
    """Dispatch on the first argument."""
    if argv[1] == "raw":
        ok = check_raw(argv[2], argv[3])
    elif argv[1] == "json":
        ok = check_json(argv[2], argv[3])
    elif argv[1] == "csv":
        ok = check_csv(argv[2], argv[3])
    elif argv[1] == "curses":
        ok = check_curses(argv[2])
    elif argv[1] == "clients":
        ok = write_clients(argv[2], argv[3])
    else:
        for n in names_of(argv[2]):
            print(sanitise(n))
        ok = True
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
