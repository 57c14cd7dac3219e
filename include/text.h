/* text.h — how wide a string is on a terminal, and cutting it to fit.
 *
 * Contract: pure apart from the locale (LC_CTYPE decides what is UTF-8 and
 * how wide a character is).  Input is text that went through fmt_sanitize,
 * so it holds no controls; an undecodable byte counts as one column.  No
 * function ever splits a multibyte character. */
#ifndef TICCTOP_TEXT_H
#define TICCTOP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Columns s[0..len) takes on the terminal. */
size_t text_width(const char *s, size_t len);

/* Bytes of s[0..len) that fit in cols columns; *used (may be NULL) gets their width. */
size_t text_fit(const char *s, size_t len, size_t cols, size_t *used);

/* Copy s[0..len) into dst cut to cols columns, ending in ellipsis when cut;
 * returns the columns written. */
size_t text_clip(char *dst, size_t size, const char *s, size_t len, size_t cols, const char *ellipsis);

/* Lines s[0..len) needs when wrapped at cols columns (at least 1). */
size_t text_lines(const char *s, size_t len, size_t cols);

/* Write v compactly in at most 5 columns: 999, 12.3k, 4.29M, 1.2G. */
size_t text_count(char *dst, size_t size, long long v);

#endif
