/* check_theme.c — the role x theme table: every role readable in every theme, mono without colour. */
#include "config.h"

#include "unit.h"

#include <locale.h>

#include "text.h"
#include "theme.h"

START_TEST(every_role_is_readable_in_colour)
{
	static const int depths[] = { 256, 8 };
	for (int t = 0; t < THEME_MONO; t++)
		for (int r = 0; r < ROLE_COUNT; r++)
			for (size_t d = 0; d < 2; d++) {
				struct style s = theme_style((enum theme_id)t, (enum role)r, depths[d]);
				ck_assert_msg(s.fg != s.bg, "%s/%s/%d: fg = bg", theme_name(t), role_name(r), depths[d]);
				ck_assert_msg(s.fg >= 0 && s.fg < depths[d] && s.bg >= 0 && s.bg < depths[d],
				              "%s/%s/%d: colour out of range", theme_name(t), role_name(r), depths[d]);
			}
}
END_TEST

START_TEST(mono_needs_no_colour)
{
	static const enum role marked[] = { ROLE_ADDR_SEL, ROLE_MENU_SEL, ROLE_BANNER, ROLE_STALE, ROLE_PAUSED, ROLE_CRIT };
	for (int t = 0; t < THEME_COUNT; t++)
		for (int r = 0; r < ROLE_COUNT; r++) {
			struct style s = theme_style((enum theme_id)t, (enum role)r, 0);
			ck_assert_msg(s.fg == -1 && s.bg == -1, "no colours, yet %s/%s has one", theme_name(t), role_name(r));
			ck_assert_uint_eq(s.attr, theme_style(THEME_MONO, (enum role)r, 256).attr);
		}
	for (size_t i = 0; i < sizeof marked / sizeof marked[0]; i++)
		ck_assert_msg(theme_style(THEME_MONO, marked[i], 0).attr & STYLE_REVERSE, "mono %s is not reverse video",
		              role_name(marked[i]));
	ck_assert(theme_style(THEME_MONO, ROLE_WARN, 0).attr != 0);
	ck_assert_uint_eq(theme_style(THEME_MONO, ROLE_FADED, 0).attr, STYLE_DIM); /* stale cards fade without colour too */
}
END_TEST

START_TEST(names)
{
	for (int t = 0; t < THEME_COUNT; t++) {
		enum theme_id back;
		ck_assert(theme_parse(theme_name((enum theme_id)t), &back));
		ck_assert_int_eq(back, t);
	}
	enum theme_id x;
	ck_assert(theme_parse("LIGHT", &x) && x == THEME_LIGHT);
	ck_assert(!theme_parse("pink", &x));
}
END_TEST

START_TEST(glyphs_and_status_looks_take_one_column)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	for (int g = 0; g < GLYPH_COUNT; g++)
		for (int u = 0; u < 2; u++) {
			const char *s = glyph((enum glyph)g, u);
			ck_assert_msg(s && text_width(s, strlen(s)) == 1, "glyph %d (%s) is not one column", g, u ? "UTF-8" : "ASCII");
			ck_assert(u || (strlen(s) == 1 && s[0] > 0x20 && s[0] < 0x7f));
		}
	for (int a = 0; a < STATUS_COUNT; a++) {
		const struct status_look *l = status_look((enum status)a);
		ck_assert_uint_eq(text_width(l->utf8, strlen(l->utf8)), 1);
		ck_assert_uint_eq(strlen(l->ascii), 1);
		for (int b = a + 1; b < STATUS_COUNT; b++) {
			const struct status_look *m = status_look((enum status)b);
			ck_assert_str_ne(l->word, m->word);
			ck_assert_str_ne(l->utf8, m->utf8);
			ck_assert_str_ne(l->ascii, m->ascii);   /* told apart without colour */
		}
	}
}
END_TEST

/* All theme tests. */
static Suite *
theme_suite(void)
{
	Suite *s = suite_create("theme");
	TCase *tc = tcase_create("theme");
	tcase_add_test(tc, every_role_is_readable_in_colour);
	tcase_add_test(tc, mono_needs_no_colour);
	tcase_add_test(tc, names);
	tcase_add_test(tc, glyphs_and_status_looks_take_one_column);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(theme_suite)
