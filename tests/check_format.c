/* check_format.c — durations, last seen and the escaping of untrusted text. */
#include "config.h"

#include "format.h"
#include "unit.h"

static const struct {
	long log2s;
	const char *text;
} intervals[] = {
	{ -4, "62.5 ms" }, { -5, "31.2 ms" }, { -2, "250 ms" }, { -10, "977 us" }, { 0, "1 s" },
	{ 3, "8 s" }, { 6, "64 s" }, { 7, "2.13 min" }, { 10, "17.1 min" }, { 13, "2.28 h" }, { 20, "12.1 d" },
};

START_TEST(interval_table)
{
	char buf[32];
	fmt_interval(buf, sizeof buf, intervals[_i].log2s);
	ck_assert_str_eq(buf, intervals[_i].text);
}
END_TEST

static const struct {
	int known;
	long secs;
	const char *text;
} agos[] = {
	{ 1, 0, "0 s ago" }, { 1, 3, "3 s ago" }, { 1, 119, "119 s ago" }, { 1, 120, "2 min ago" },
	{ 1, 7199, "119 min ago" }, { 1, 7200, "2 h ago" }, { 1, 3 * 86400, "3 d ago" },
	{ 1, 3L * 365 * 86400, "3 y ago" }, { 0, 0, "never" },
};

START_TEST(ago_table)
{
	char buf[32];
	fmt_ago(buf, sizeof buf, agos[_i].known, agos[_i].secs);
	ck_assert_str_eq(buf, agos[_i].text);
}
END_TEST

/* Untrusted input, UTF-8 terminal or not, and what may reach the terminal. */
static const struct {
	const char *in;
	size_t len; /* 0 = strlen */
	bool utf8;
	const char *out;
} sanitize[] = {
	{ "host.example", 0, true, "host.example" },
	{ "evil\x1b]0;owned\x07", 0, true, "evil\\x1b]0;owned\\x07" },
	{ "\x1b[2J", 0, true, "\\x1b[2J" },
	{ "a\x7f" "b", 0, true, "a\\x7fb" },
	{ "back\\slash", 0, true, "back\\\\slash" },
	{ "caf\xc3\xa9", 0, true, "caf\xc3\xa9" },
	{ "caf\xc3\xa9", 0, false, "caf\\xc3\\xa9" },
	{ "c1\xc2\x9b" "1m", 0, true, "c1\\xc2\\x9b1m" },
	{ "bad\xff\xfe", 0, true, "bad\\xff\\xfe" },
	{ "cut\xe2\x82", 0, true, "cut\\xe2\\x82" },
	{ "over\xc0\xaf", 0, true, "over\\xc0\\xaf" },
	{ "bidi\xe2\x80\xaegnp.exe", 0, true, "bidi\\xe2\\x80\\xaegnp.exe" },
	{ "zero\xe2\x80\x8bwidth", 0, true, "zero\\xe2\\x80\\x8bwidth" },
	{ "bom\xef\xbb\xbf", 0, true, "bom\\xef\\xbb\\xbf" },
	{ "nul\0byte", 8, true, "nul\\x00byte" },
	{ "new\nline\r", 0, true, "new\\x0aline\\x0d" },
	{ "\xf0\x9f\x95\x92 clock", 0, true, "\xf0\x9f\x95\x92 clock" },
	{ "iso\xe2\x81\xa6late", 0, true, "iso\\xe2\\x81\\xa6late" },           /* U+2066 LRI */
	{ "tag\xf3\xa0\x81\x81", 0, true, "tag\\xf3\\xa0\\x81\\x81" },         /* U+E0041 TAG A */
	{ "vs\xef\xb8\x8f", 0, true, "vs\\xef\\xb8\\x8f" },                       /* U+FE0F */
	{ "cgj\xcd\x8f", 0, true, "cgj\\xcd\\x8f" },                                /* U+034F */
	{ "fill\xe3\x85\xa4", 0, true, "fill\\xe3\\x85\\xa4" },                   /* U+3164 */
	{ "mvs\xe1\xa0\x8e", 0, true, "mvs\\xe1\\xa0\\x8e" },                     /* U+180E */
	{ "ls\xe2\x80\xa8", 0, true, "ls\\xe2\\x80\\xa8" },                       /* U+2028 */
	{ "sur\xed\xa0\x80", 0, true, "sur\\xed\\xa0\\x80" },                     /* a UTF-16 surrogate */
	{ "big\xf4\x90\x80\x80", 0, true, "big\\xf4\\x90\\x80\\x80" },         /* beyond U+10FFFF */
	{ "raw\x9b" "1m", 0, true, "raw\\x9b1m" },                                       /* C1 CSI, one byte */
	{ "\xd7\x90\xd7\x91 hebrew", 0, true, "\xd7\x90\xd7\x91 hebrew" },          /* RTL letters stay */
};

START_TEST(sanitize_table)
{
	char buf[256];
	size_t len = sanitize[_i].len ? sanitize[_i].len : strlen(sanitize[_i].in);
	size_t n = fmt_sanitize(buf, sizeof buf, sanitize[_i].in, len, sanitize[_i].utf8);
	ck_assert_str_eq(buf, sanitize[_i].out);
	ck_assert_uint_eq(n, strlen(sanitize[_i].out));
}
END_TEST

START_TEST(sanitize_truncates_whole_escapes)
{
	char buf[8];
	fmt_sanitize(buf, sizeof buf, "ab\x1b\x1b\x1b", 5, true);
	ck_assert_str_eq(buf, "ab\\x1b"); /* never half an escape */
	fmt_sanitize(buf, 1, "abc", 3, true);
	ck_assert_str_eq(buf, "");
}
END_TEST

/* Durations beyond anything chronyd reports are clamped with a marker, never a column's overflow. */
START_TEST(absurd_durations_are_clamped)
{
	char buf[32];

	fmt_interval(buf, sizeof buf, 64);
	ck_assert_str_eq(buf, ">99 y");  /* was "584942417355 y" */
	fmt_interval(buf, sizeof buf, 127);
	ck_assert_str_eq(buf, ">99 y");
	fmt_interval(buf, sizeof buf, 31);
	ck_assert_str_eq(buf, "68.1 y");
	fmt_ago(buf, sizeof buf, true, 4294967295LL * 365 * 86400); /* a dashboard's Last "4294967295y" */
	ck_assert_str_eq(buf, ">99 y ago");
	fmt_ago(buf, sizeof buf, true, 99LL * 365 * 86400);
	ck_assert_str_eq(buf, "99 y ago");
	fmt_duration(buf, sizeof buf, INT64_MAX);
	ck_assert_str_eq(buf, ">99 y");
}
END_TEST

/* Make the format suite. */
static Suite *
format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *t = tcase_create("format");

	tcase_add_loop_test(t, interval_table, 0, sizeof intervals / sizeof intervals[0]);
	tcase_add_loop_test(t, ago_table, 0, sizeof agos / sizeof agos[0]);
	tcase_add_loop_test(t, sanitize_table, 0, sizeof sanitize / sizeof sanitize[0]);
	tcase_add_test(t, sanitize_truncates_whole_escapes);
	tcase_add_test(t, absurd_durations_are_clamped);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(format_suite)
