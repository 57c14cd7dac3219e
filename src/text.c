/* text.c — display widths through the locale, clipping and wrapping. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

/* Decode the character at s (n bytes left): its byte length and columns. */
static size_t
char_at(const char *s, size_t n, size_t *cols)
{
	mbstate_t st;
	wchar_t wc;

	if ((unsigned char)s[0] < 0x80) {
		*cols = 1;
		return 1;
	}
	memset(&st, 0, sizeof st);
	size_t k = mbrtowc(&wc, s, n, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*cols = 1;
		return 1;
	}
	int w = wcwidth(wc);
	*cols = w < 0 ? 1 : (size_t)w;
	return k;
}

/* Columns s[0..len) takes on the terminal. */
size_t
text_width(const char *s, size_t len)
{
	size_t w = 0, i = 0, c;

	while (i < len) {
		i += char_at(s + i, len - i, &c);
		w += c;
	}
	return w;
}

/* Bytes of s[0..len) that fit in cols columns. */
size_t
text_fit(const char *s, size_t len, size_t cols, size_t *used)
{
	size_t w = 0, i = 0, c;

	while (i < len) {
		size_t k = char_at(s + i, len - i, &c);
		if (w + c > cols)
			break;
		w += c;
		i += k;
	}
	if (used)
		*used = w;
	return i;
}

/* Copy s cut to cols columns, with ellipsis when cut. */
size_t
text_clip(char *dst, size_t size, const char *s, size_t len, size_t cols, const char *ellipsis)
{
	size_t used, elen = strlen(ellipsis), ew = text_width(ellipsis, elen);
	size_t n = text_fit(s, len, cols, &used);

	if (size == 0)
		return 0;
	if (n < len && cols >= ew)
		n = text_fit(s, len, cols - ew, &used);
	else
		elen = 0;
	if (n + elen + 1 > size) {
		n = text_fit(s, size - 1 > elen ? size - 1 - elen : 0, cols, &used);
		if (n + elen + 1 > size)
			elen = 0;
	}
	memcpy(dst, s, n);
	memcpy(dst + n, ellipsis, elen);
	dst[n + elen] = '\0';
	return used + (elen ? ew : 0);
}

/* Lines s needs when wrapped at cols columns. */
size_t
text_lines(const char *s, size_t len, size_t cols)
{
	size_t lines = 1, i = 0;

	if (cols == 0)
		return 1;
	for (;;) {
		size_t n = text_fit(s + i, len - i, cols, NULL);
		if (n == 0 && i < len) /* a character wider than the line still moves on */
			n = text_fit(s + i, len - i, 2, NULL) ? text_fit(s + i, len - i, 2, NULL) : 1;
		i += n;
		if (i >= len)
			return lines;
		lines++;
	}
}

/* Write v compactly in at most 5 columns. */
size_t
text_count(char *dst, size_t size, long long v)
{
	static const char suffix[] = "kMGTPE";
	double d = (double)v;
	int n, k = -1;

	if (v < 100000)
		n = snprintf(dst, size, "%lld", v);
	else {
		while (d >= 999.5 && k < 5) {
			d /= 1000;
			k++;
		}
		n = d >= 99.95 ? snprintf(dst, size, "%.0f%c", d, suffix[k])
		  : d >= 9.995 ? snprintf(dst, size, "%.1f%c", d, suffix[k])
		               : snprintf(dst, size, "%.2f%c", d, suffix[k]);
	}
	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}
