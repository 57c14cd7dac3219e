/* check_text.c — terminal widths, clipping, wrapping and compact counts. */
#include "config.h"

#include "unit.h"

#include <locale.h>

#include "text.h"

/* Every test runs in a UTF-8 locale, as a terminal would. */
static void
utf8_locale(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
}

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

/* All text tests. */
static Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");
	tcase_add_checked_fixture(tc, utf8_locale, NULL);
	tcase_add_test(tc, widths);
	tcase_add_test(tc, clipping_and_wrapping);
	tcase_add_test(tc, compact_counts);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(text_suite)
