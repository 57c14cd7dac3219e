/* check_keys.c — the key table: one binding per key, help for every action, the bar and help made from it. */
#include "config.h"

#include "unit.h"

#include "keys.h"

START_TEST(no_key_bound_twice)
{
	size_t n;
	const struct binding *b = keys_table(&n);
	char name[16];

	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			ck_assert_msg(b[i].mode != b[j].mode || b[i].key != b[j].key, "%s bound twice in mode %d",
			              keys_name(b[i].key, name, sizeof name), b[i].mode);
}
END_TEST

START_TEST(every_action_has_help_and_a_key)
{
	size_t n;
	const struct binding *b = keys_table(&n);

	for (int a = 0; a < ACT_COUNT; a++) {
		const char *help = keys_action_help((enum action)a);
		ck_assert_msg(help && strlen(help) > 3, "action %d has no help", a);
		bool bound = false;
		for (size_t i = 0; i < n; i++)
			bound |= b[i].act == (enum action)a;
		ck_assert_msg(bound, "action %d (%s) has no key", a, help);
	}
}
END_TEST

START_TEST(every_mode_has_a_way_out)
{
	size_t n;
	const struct binding *b = keys_table(&n);
	static const enum action out[] = { ACT_QUIT, ACT_CLOSE, ACT_EDIT_ACCEPT, ACT_EDIT_CANCEL };

	for (int m = 0; m < TUI_MODE_COUNT; m++) {
		bool esc_or_q = false, f10 = false, bar = false;
		for (size_t i = 0; i < n; i++) {
			if ((int)b[i].mode != m)
				continue;
			bar |= b[i].bar != NULL;
			f10 |= b[i].key == KEYC_F10 && b[i].act == ACT_QUIT;
			for (size_t k = 0; k < sizeof out / sizeof out[0]; k++)
				esc_or_q |= (b[i].key == KEYC_ESC || b[i].key == 'q') && b[i].act == out[k];
		}
		ck_assert_msg(f10, "mode %d: F10 does not quit", m);
		ck_assert_msg(bar, "mode %d: nothing in the key bar", m);
		ck_assert_msg(esc_or_q || m == TUI_BROWSE, "mode %d: neither Esc nor q leaves it", m);
	}
}
END_TEST

START_TEST(key_names)
{
	static const struct { int key; const char *name; } rows[] = {
		{ KEYC_F1, "F1" }, { KEYC_F10, "F10" }, { KEYC_ENTER, "Enter" }, { KEYC_ESC, "Esc" },
		{ KEYC_CTRL('l'), "Ctrl-L" }, { ' ', "Space" }, { 'q', "q" }, { '\\', "\\" }, { KEYC_PGDN, "PgDn" },
	};
	char buf[16];
	size_t n;
	const struct binding *b = keys_table(&n);

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		ck_assert_str_eq(keys_name(rows[i].key, buf, sizeof buf), rows[i].name);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(strncmp(keys_name(b[i].key, buf, sizeof buf), "U+", 2) != 0, "key %d has no name", b[i].key);
}
END_TEST

START_TEST(help_lists_every_action)
{
	static struct help_line lines[256];
	size_t n = keys_help(lines, 256);

	ck_assert_uint_lt(n, 256);
	ck_assert_uint_eq(keys_help(lines, 3), n); /* counting does not depend on room */
	keys_help(lines, 256);
	for (int a = 0; a < ACT_COUNT; a++) {
		bool found = false;
		for (size_t i = 0; i < n; i++)
			found |= lines[i].text == keys_action_help((enum action)a) && lines[i].keys[0];
		ck_assert_msg(found, "help lacks \"%s\"", keys_action_help((enum action)a));
	}
	bool quit = false;
	for (size_t i = 0; i < n; i++) {
		quit |= strcmp(lines[i].keys, "F10, q") == 0;
		size_t max = lines[i].keys[0] ? KEYS_HELP_MAX : KEYS_NOTE_MAX;
		ck_assert_msg(strlen(lines[i].text) <= max, "help line too wide for 80 columns: %s", lines[i].text);
		ck_assert_msg(strlen(lines[i].keys) <= KEYS_KEYS_MAX, "keys too wide: %s", lines[i].keys);
	}
	ck_assert_msg(quit, "help does not say F10, q quit");
}
END_TEST

START_TEST(key_bar_fits_and_keeps_quit)
{
	struct bar_item items[16];
	static const int widths[] = { 200, 80, 40, 24 };

	for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
		size_t n = keys_bar(TUI_BROWSE, widths[k], items, 16);
		ck_assert_uint_ge(n, 1);
		ck_assert_str_eq(items[n - 1].name, "F10");
		ck_assert_str_eq(items[n - 1].label, "Quit");
		ck_assert_int_le(items[n - 1].x + items[n - 1].w, widths[k]);
		for (size_t i = 1; i < n; i++)
			ck_assert_int_eq(items[i].x, items[i - 1].x + items[i - 1].w);
	}
	size_t n = keys_bar(TUI_BROWSE, 200, items, 16);
	ck_assert_str_eq(items[0].name, "F1");
	ck_assert_str_eq(items[0].label, "Help");
	ck_assert_int_eq(keys_bar_hit(TUI_BROWSE, 200, items[0].x), KEYC_F1);
	ck_assert_int_eq(keys_bar_hit(TUI_BROWSE, 200, items[n - 1].x + 1), KEYC_F10);
	ck_assert_int_eq(keys_bar_hit(TUI_BROWSE, 200, 199), KEYC_NONE);
	ck_assert_uint_eq(keys_bar(TUI_BROWSE, 3, items, 16), 0);
}
END_TEST

/* All key table tests. */
static Suite *
keys_suite(void)
{
	Suite *s = suite_create("keys");
	TCase *tc = tcase_create("keys");
	tcase_add_test(tc, no_key_bound_twice);
	tcase_add_test(tc, every_action_has_help_and_a_key);
	tcase_add_test(tc, every_mode_has_a_way_out);
	tcase_add_test(tc, key_names);
	tcase_add_test(tc, help_lists_every_action);
	tcase_add_test(tc, key_bar_fits_and_keeps_quit);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(keys_suite)
