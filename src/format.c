/* format.c — durations, counts and escaping of untrusted text. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

/* Decode one UTF-8 sequence at s (n bytes left): its length, or 0 if invalid. */
size_t
fmt_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	static const struct { unsigned char mask, lead; uint32_t min; } seq[] = {
		{ 0xe0, 0xc0, 0x80 }, { 0xf0, 0xe0, 0x800 }, { 0xf8, 0xf0, 0x10000 },
	};
	for (size_t k = 0; k < 3; k++) {
		size_t len = k + 2;
		if ((s[0] & seq[k].mask) != seq[k].lead)
			continue;
		if (n < len)
			return 0;
		uint32_t c = s[0] & (0x7fu >> len);
		for (size_t i = 1; i < len; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (s[i] & 0x3f);
		}
		if (c < seq[k].min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		*cp = c;
		return len;
	}
	return 0;
}

/* Return whether code point c must not reach a terminal as itself: C1
 * controls, line and paragraph separators, interlinear annotations, and
 * Unicode's Default_Ignorable_Code_Point set (zero-width characters, bidi
 * marks, embeddings, overrides and isolates, fillers, variation selectors,
 * tags) — all invisible, or able to reorder or hide the text around them. */
static bool
is_hidden(uint32_t c)
{
	static const struct { uint32_t lo, hi; } ranges[] = {
		{ 0x80, 0x9f },       /* C1 controls */
		{ 0xad, 0xad },       /* soft hyphen */
		{ 0x34f, 0x34f },     /* combining grapheme joiner */
		{ 0x61c, 0x61c },     /* Arabic letter mark */
		{ 0x115f, 0x1160 },   /* Hangul fillers */
		{ 0x17b4, 0x17b5 },   /* Khmer inherent vowels */
		{ 0x180b, 0x180f },   /* Mongolian variation selectors, vowel separator */
		{ 0x200b, 0x200f },   /* zero-width, LRM, RLM */
		{ 0x2028, 0x202e },   /* separators, bidi embeddings and overrides */
		{ 0x2060, 0x206f },   /* word joiner, bidi isolates, invisible operators */
		{ 0x3164, 0x3164 },   /* Hangul filler */
		{ 0xfe00, 0xfe0f },   /* variation selectors */
		{ 0xfeff, 0xfeff },   /* zero-width no-break space */
		{ 0xffa0, 0xffa0 },   /* halfwidth Hangul filler */
		{ 0xfff0, 0xfffb },   /* unassigned specials, interlinear annotations */
		{ 0x1bca0, 0x1bca3 }, /* shorthand format controls */
		{ 0x1d173, 0x1d17a }, /* musical format controls */
		{ 0xe0000, 0xe0fff }, /* tags, variation selectors supplement */
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (c >= ranges[i].lo && c <= ranges[i].hi)
			return true;
	return false;
}

/* Append n bytes of p to dst if they fit whole; false when they do not. */
static bool
put(char *dst, size_t size, size_t *o, const char *p, size_t n)
{
	if (*o + n + 1 > size)
		return false;
	memcpy(dst + *o, p, n);
	*o += n;
	return true;
}

/* Make src[0..len) safe to print. */
size_t
fmt_sanitize(char *dst, size_t size, const char *src, size_t len, bool utf8)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0, i = 0;
	char esc[5 * 4];

	if (size == 0)
		return 0;
	while (i < len) {
		uint32_t cp;
		size_t n = 1;
		bool ok;

		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\')
			ok = put(dst, size, &o, (const char *)s + i, 1);
		else if (s[i] == '\\')
			ok = put(dst, size, &o, "\\\\", 2);
		else if (utf8 && s[i] >= 0x80 && (n = fmt_utf8_decode(s + i, len - i, &cp)) && !is_hidden(cp))
			ok = put(dst, size, &o, (const char *)s + i, n);
		else {
			n = n ? n : 1; /* an invalid byte is escaped alone */
			size_t e = 0;
			for (size_t k = 0; k < n; k++)
				e += (size_t)snprintf(esc + e, sizeof esc - e, "\\x%02x", s[i + k]);
			ok = put(dst, size, &o, esc, e);
		}
		if (!ok)
			break;
		i += n;
	}
	dst[o] = '\0';
	return o;
}

/* The length snprintf left in a buffer of size, from its return value n. */
static size_t
written(int n, size_t size)
{
	return n < 0 || size == 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

/* Write a quantity with up to three significant digits and a unit. */
static size_t
fmt_scaled(char *dst, size_t size, double v, const char *unit)
{
	int decimals = v >= 100 || v == floor(v) ? 0 : v >= 10 ? 1 : 2;
	return written(snprintf(dst, size, "%.*f %s", decimals, v, unit), size);
}

struct unit { double seconds; double below; const char *name; };

/* Units from small to large; a value goes into the first unit it is below. */
static const struct unit units[] = {
	{ 1e-6, 1e-3, "us" }, { 1e-3, 1, "ms" }, { 1, 120, "s" }, { 60, 7200, "min" },
	{ 3600, 2 * 86400, "h" }, { 86400, 2 * 365 * 86400.0, "d" }, { 365 * 86400.0, INFINITY, "y" },
};

/* Durations from 100 years on are shown as LONGEST: chronyd reports none
 * (its last seen ends near 4 years, its intervals at 2^32 s), and their
 * digits would overflow any column. */
#define LONGEST_SECONDS (100 * 365 * 86400.0)
#define LONGEST ">99 y"

/* Write seconds in the first unit it fits. */
static size_t
fmt_seconds(char *dst, size_t size, double s)
{
	size_t i = 0;
	if (s >= LONGEST_SECONDS)
		return written(snprintf(dst, size, LONGEST), size);
	while (i + 1 < sizeof units / sizeof units[0] && s >= units[i].below)
		i++;
	return fmt_scaled(dst, size, s / units[i].seconds, units[i].name);
}

/* A log2-seconds interval as a duration. */
size_t
fmt_interval(char *dst, size_t size, int64_t log2s)
{
	return fmt_seconds(dst, size, ldexp(1.0, (int)log2s));
}

/* A duration in seconds, short, whole units. */
size_t
fmt_duration(char *dst, size_t size, int64_t secs)
{
	size_t i = 2; /* whole seconds and up */
	if ((double)secs >= LONGEST_SECONDS)
		return written(snprintf(dst, size, LONGEST), size);
	while (i + 1 < sizeof units / sizeof units[0] && (double)secs >= units[i].below)
		i++;
	return written(snprintf(dst, size, "%" PRId64 " %s", (int64_t)((double)secs / units[i].seconds), units[i].name),
	               size);
}

/* Time since last packet. */
size_t
fmt_ago(char *dst, size_t size, bool known, int64_t secs)
{
	char d[32];

	if (!known)
		return written(snprintf(dst, size, "never"), size);
	fmt_duration(d, sizeof d, secs);
	return written(snprintf(dst, size, "%s ago", d), size);
}

/* v with `decimals` (0..9) digits after a '.', then unit; the same in every locale. */
size_t
fmt_decimal(char *dst, size_t size, double v, int decimals, const char *unit)
{
	static const int64_t scale[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };
	double x = fabs(v) * (double)scale[decimals];

	if (!isfinite(v) || x >= 9e18)
		return written(snprintf(dst, size, "%s%s", isnan(v) ? "nan" : v < 0 ? "-huge" : "huge", unit), size);
	int64_t n = (int64_t)llround(x);
	const char *sign = v < 0 && n > 0 ? "-" : "";
	if (decimals == 0)
		return written(snprintf(dst, size, "%s%" PRId64 "%s", sign, n, unit), size);
	return written(snprintf(dst, size, "%s%" PRId64 ".%0*" PRId64 "%s", sign, n / scale[decimals], decimals,
	                        n % scale[decimals], unit),
	               size);
}

/* Signed seconds (an offset, a delay) in the unit that keeps 1-3 digits
 * before the point: -0.0000024 -> "-2.4 us", 0.0623 -> "62.3 ms", 2 -> "2.0 s";
 * locale-free. */
size_t
fmt_offset(char *dst, size_t size, double secs)
{
	static const struct { double below; double mult; const char *unit; } scales[] = {
		{ 1e-6, 1e9, " ns" }, { 1e-3, 1e6, " us" }, { 1.0, 1e3, " ms" },
	};
	double a = fabs(secs);

	if (secs == 0)
		return written(snprintf(dst, size, "0 s"), size);
	for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++)
		if (a < scales[i].below * 0.99995) /* what rounds to 1000.0 takes the next unit */
			return fmt_decimal(dst, size, secs * scales[i].mult, 1, scales[i].unit);
	return fmt_decimal(dst, size, secs, 1, " s");
}
