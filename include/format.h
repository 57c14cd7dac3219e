/* format.h — numbers, durations and untrusted strings made fit for people.
 *
 * Contract: pure; every function writes a NUL-terminated string into a
 * caller's buffer, truncating safely, and returns its length.  fmt_sanitize
 * is the only way a string from a data source may reach a terminal: C0/C1
 * controls, DEL, ESC sequences, invalid UTF-8, bidi overrides and zero-width
 * characters come out as visible escapes (\x1b), backslash as \\. */
#ifndef TICCTOP_FORMAT_H
#define TICCTOP_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Make src[0..len) safe to print; utf8 false escapes every non-ASCII byte. */
size_t fmt_sanitize(char *dst, size_t size, const char *src, size_t len, bool utf8);

/* Decode one UTF-8 sequence at s (n > 0 bytes left) into *cp: its length,
 * or 0 if it is not valid UTF-8 (overlong, surrogate, past U+10FFFF, cut). */
size_t fmt_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* A log2-seconds interval as a duration: -4 -> "62.5 ms", 3 -> "8 s". */
size_t fmt_interval(char *dst, size_t size, int64_t log2s);

/* A duration in seconds, short: 45 -> "45 s", 7200 -> "2 h". */
size_t fmt_duration(char *dst, size_t size, int64_t secs);

/* Time since last packet: "3 s ago", "2 h ago"; "never" when unknown. */
size_t fmt_ago(char *dst, size_t size, bool known, int64_t secs);

/* v with `decimals` (0..9) digits after a '.', then unit ("-0.023" " ppm");
 * the same in every locale. */
size_t fmt_decimal(char *dst, size_t size, double v, int decimals, const char *unit);

/* Signed seconds (an offset, a delay) in ns, us, ms or s, one decimal:
 * 0.0623 -> "62.3 ms", -0.0000024 -> "-2.4 us"; the same in every locale. */
size_t fmt_offset(char *dst, size_t size, double secs);

#endif
