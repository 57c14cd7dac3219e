/* check_format.c — durations, last seen, counts, widths and the sanitiser, table by table. */
#include "unit.h"

#include <locale.h>

#include "format.h"
#include "text.h"

/* Every test runs in a UTF-8 locale, as a terminal would. */
static void
utf8_locale(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
}

START_TEST(intervals)
{
	static const struct { int64_t log2s; const char *want; } rows[] = {
		{ -4, "62.5 ms" }, { -5, "31.2 ms" }, { -1, "500 ms" }, { 0, "1 s" }, { 3, "8 s" },
		{ 6, "64 s" }, { 7, "2.13 min" }, { 12, "68.3 min" }, { 13, "2.28 h" }, { -10, "977 us" },
	};
	char buf[32];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		fmt_interval(buf, sizeof buf, rows[i].log2s);
		ck_assert_msg(strcmp(buf, rows[i].want) == 0, "log2 %lld: \"%s\", want \"%s\"",
		              (long long)rows[i].log2s, buf, rows[i].want);
	}
}
END_TEST

START_TEST(durations_and_last_seen)
{
	static const struct { bool known; int64_t secs; const char *dur, *ago; } rows[] = {
		{ true, 0, "0 s", "0 s ago" }, { true, 3, "3 s", "3 s ago" }, { true, 45, "45 s", "45 s ago" },
		{ true, 119, "119 s", "119 s ago" }, { true, 120, "2 min", "2 min ago" },
		{ true, 7199, "119 min", "119 min ago" }, { true, 7200, "2 h", "2 h ago" },
		{ true, 2 * 86400 - 1, "47 h", "47 h ago" }, { true, 2 * 86400, "2 d", "2 d ago" },
		{ true, 3 * 365 * 86400LL, "3 y", "3 y ago" }, { false, 0, NULL, "never" },
	};
	char buf[32];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (rows[i].dur) {
			fmt_duration(buf, sizeof buf, rows[i].secs);
			ck_assert_msg(strcmp(buf, rows[i].dur) == 0, "%lld s: \"%s\"", (long long)rows[i].secs, buf);
		}
		fmt_ago(buf, sizeof buf, rows[i].known, rows[i].secs);
		ck_assert_msg(strcmp(buf, rows[i].ago) == 0, "%lld s ago: \"%s\"", (long long)rows[i].secs, buf);
	}
	ck_assert_uint_eq(fmt_ago(buf, 4, true, 7200), 3);   /* cut safely */
	ck_assert_str_eq(buf, "2 h");
}
END_TEST

START_TEST(sanitiser)
{
	static const struct { const char *in; bool utf8; const char *want; } rows[] = {
		{ "127.0.0.1", true, "127.0.0.1" },
		{ "a\x1b[2Jb", true, "a\\x1b[2Jb" },
		{ "back\\slash", true, "back\\\\slash" },
		{ "h\xc3\xa9te", true, "h\xc3\xa9te" },
		{ "h\xc3\xa9te", false, "h\\xc3\\xa9te" },
		{ "bad\xff", true, "bad\\xff" },
		{ "rtl\xe2\x80\xae", true, "rtl\\xe2\\x80\\xae" },
		{ "del\x7f", true, "del\\x7f" },
	};
	char buf[64];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		fmt_sanitize(buf, sizeof buf, rows[i].in, strlen(rows[i].in), rows[i].utf8);
		ck_assert_msg(strcmp(buf, rows[i].want) == 0, "row %zu: \"%s\"", i, buf);
	}
	fmt_sanitize(buf, 6, "ab\x1b" "cd", 5, true);    /* an escape never half-written */
	ck_assert_str_eq(buf, "ab");
}
END_TEST

START_TEST(widths)
{
	size_t used;

	ck_assert_uint_eq(text_width("abc", 3), 3);
	ck_assert_uint_eq(text_width("h\xc3\xa9", 3), 2);
	ck_assert_uint_eq(text_width("\xe2\x94\x80\xe2\x94\x80", 6), 2);       /* ── */
	ck_assert_uint_eq(text_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4);       /* 日本: wide */
	ck_assert_uint_eq(text_fit("\xe6\x97\xa5\xe6\x9c\xac", 6, 3, &used), 3); /* never half a character */
	ck_assert_uint_eq(used, 2);
	ck_assert_uint_eq(text_fit("abcdef", 6, 4, &used), 4);
	ck_assert_uint_eq(text_fit("ab\xff", 3, 10, &used), 3);                 /* a stray byte is one column */
	ck_assert_uint_eq(used, 3);
}
END_TEST

START_TEST(clipping_and_wrapping)
{
	char buf[64];

	ck_assert_uint_eq(text_clip(buf, sizeof buf, "127.1.0.255", 11, 8, "\xe2\x80\xa6"), 8);
	ck_assert_str_eq(buf, "127.1.0\xe2\x80\xa6");
	ck_assert_uint_eq(text_clip(buf, sizeof buf, "::1", 3, 8, "~"), 3);
	ck_assert_str_eq(buf, "::1");
	ck_assert_uint_eq(text_clip(buf, sizeof buf, "abcdef", 6, 6, "~"), 6);
	ck_assert_str_eq(buf, "abcdef");
	ck_assert_uint_eq(text_clip(buf, 4, "abcdef", 6, 6, "~"), 3);          /* a small buffer still ends well */
	ck_assert_uint_eq(strlen(buf), 3);
	ck_assert_uint_eq(text_lines("abcdef", 6, 4), 2);
	ck_assert_uint_eq(text_lines("abcd", 4, 4), 1);
	ck_assert_uint_eq(text_lines("", 0, 4), 1);
	ck_assert_uint_eq(text_lines("\xe6\x97\xa5\xe6\x9c\xac", 6, 1), 2);     /* wider than the line: still ends */
}
END_TEST

START_TEST(compact_counts)
{
	static const struct { long long v; const char *want; } rows[] = {
		{ 0, "0" }, { 99999, "99999" }, { 100000, "100k" }, { 123456, "123k" }, { 999999, "1.00M" },
		{ 1234567, "1.23M" }, { 4294967295LL, "4.29G" }, { 12345678, "12.3M" },
	};
	char buf[16];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		text_count(buf, sizeof buf, rows[i].v);
		ck_assert_msg(strcmp(buf, rows[i].want) == 0, "%lld: \"%s\"", rows[i].v, buf);
		ck_assert_uint_le(strlen(buf), 5);
	}
}
END_TEST

/* All formatting tests. */
static Suite *
format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("format");
	tcase_add_checked_fixture(tc, utf8_locale, NULL);
	tcase_add_test(tc, intervals);
	tcase_add_test(tc, durations_and_last_seen);
	tcase_add_test(tc, sanitiser);
	tcase_add_test(tc, widths);
	tcase_add_test(tc, clipping_and_wrapping);
	tcase_add_test(tc, compact_counts);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(format_suite)
