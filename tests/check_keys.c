/* check_keys.c — the key table: one binding per key, help for every action, the bar and help made from it. */
#include "config.h"

#include "unit.h"

#include "cards.h"
#include "keys.h"
#include "options.h"

/* The key tables of the cards screen: its own, then the app's. */
static const struct keymap *
map(size_t m)
{
	return m == 0 ? &cards_ops.keys : keys_app();
}

START_TEST(no_key_bound_twice)
{
	char name[16];

	for (size_t m1 = 0; m1 < 2; m1++)
		for (size_t m2 = m1; m2 < 2; m2++)
			for (size_t i = 0; i < map(m1)->nbindings; i++)
				for (size_t j = m1 == m2 ? i + 1 : 0; j < map(m2)->nbindings; j++) {
					const struct binding *a = &map(m1)->bindings[i], *b = &map(m2)->bindings[j];
					ck_assert_msg(a->mode != b->mode || a->key != b->key, "%s bound twice in mode %d",
					              keys_name(a->key, name, sizeof name), a->mode);
				}
}
END_TEST

START_TEST(every_action_has_help_and_a_key)
{
	for (size_t m = 0; m < 2; m++)
		for (size_t a = 0; a < map(m)->nactions; a++) {
			const char *help = map(m)->actions[a].help;
			ck_assert_msg(help && strlen(help) > 3, "action %zu has no help", a);
			ck_assert_ptr_nonnull(map(m)->actions[a].run);
			bool bound = false;
			for (size_t i = 0; i < map(m)->nbindings; i++)
				bound |= map(m)->bindings[i].act == (int)a;
			ck_assert_msg(bound, "action %zu (%s) has no key", a, help);
		}
}
END_TEST

START_TEST(every_mode_has_a_way_out)
{
	static const char *const out[] = { "Quit", "Close", "Keep what you typed and go back to the cards",
	                                   "Clear it and go back to the cards" };

	for (int mode = 0; mode < TUI_MODE_COUNT; mode++) {
		bool esc_or_q = false, f10 = false, bar = false;
		for (size_t m = 0; m < 2; m++)
			for (size_t i = 0; i < map(m)->nbindings; i++) {
				const struct binding *b = &map(m)->bindings[i];
				const char *help = map(m)->actions[b->act].help;
				if ((int)b->mode != mode)
					continue;
				bar |= b->bar != NULL;
				f10 |= b->key == KEYC_F10 && strcmp(help, "Quit") == 0;
				for (size_t k = 0; k < sizeof out / sizeof out[0]; k++)
					esc_or_q |= (b->key == KEYC_ESC || b->key == 'q') && strcmp(help, out[k]) == 0;
			}
		ck_assert_msg(f10, "mode %d: F10 does not quit", mode);
		ck_assert_msg(bar, "mode %d: nothing in the key bar", mode);
		ck_assert_msg(esc_or_q || mode == TUI_BROWSE, "mode %d: neither Esc nor q leaves it", mode);
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

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		ck_assert_str_eq(keys_name(rows[i].key, buf, sizeof buf), rows[i].name);
	for (size_t m = 0; m < 2; m++)
		for (size_t i = 0; i < map(m)->nbindings; i++) {
			int key = map(m)->bindings[i].key;
			ck_assert_msg(strncmp(keys_name(key, buf, sizeof buf), "U+", 2) != 0, "key %d has no name", key);
		}
}
END_TEST

START_TEST(help_lists_every_action)
{
	static struct help_line lines[256];
	size_t n = keys_help(&cards_ops, lines, 256);

	ck_assert_uint_lt(n, 256);
	ck_assert_uint_eq(keys_help(&cards_ops, lines, 3), n); /* counting does not depend on room */
	keys_help(&cards_ops, lines, 256);
	for (size_t m = 0; m < 2; m++)
		for (size_t a = 0; a < map(m)->nactions; a++) {
			bool found = false;
			for (size_t i = 0; i < n; i++)
				found |= lines[i].text == map(m)->actions[a].help && lines[i].keys[0];
			ck_assert_msg(found, "help lacks \"%s\"", map(m)->actions[a].help);
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
		size_t n = keys_bar(&cards_ops, TUI_BROWSE, false, widths[k], items, 16);
		ck_assert_uint_ge(n, 1);
		ck_assert_str_eq(items[n - 1].name, "F10");
		ck_assert_str_eq(items[n - 1].label, "Quit");
		ck_assert_int_le(items[n - 1].x + items[n - 1].w, widths[k]);
		for (size_t i = 1; i < n; i++)
			ck_assert_int_eq(items[i].x, items[i - 1].x + items[i - 1].w);
	}
	size_t n = keys_bar(&cards_ops, TUI_BROWSE, false, 200, items, 16);
	ck_assert_str_eq(items[0].name, "F1");
	ck_assert_str_eq(items[0].label, "Help");
	ck_assert_int_eq(keys_bar_hit(&cards_ops, TUI_BROWSE, false, 200, items[0].x), KEYC_F1);
	ck_assert_int_eq(keys_bar_hit(&cards_ops, TUI_BROWSE, false, 200, items[n - 1].x + 1), KEYC_F10);
	ck_assert_int_eq(keys_bar_hit(&cards_ops, TUI_BROWSE, false, 200, 199), KEYC_NONE);
	ck_assert_uint_eq(keys_bar(&cards_ops, TUI_BROWSE, false, 3, items, 16), 0);
	ck_assert_uint_eq(keys_bar(&cards_ops, TUI_BROWSE, false, 200, items, 16), n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(items[i].key != '.' && items[i].key != 'b', "a fleet's key in one server's bar");
	/* a fleet's bar: . Server and b Group too, both keys clickable */
	size_t nf = keys_bar(&cards_ops, TUI_BROWSE, true, 200, items, 16);
	ck_assert_uint_eq(nf, n + 2);
	int srv = -1, grp = -1;
	for (size_t i = 0; i < nf; i++) {
		if (items[i].key == '.')
			srv = items[i].x;
		if (items[i].key == 'b')
			grp = items[i].x;
	}
	ck_assert_int_ge(srv, 0);
	ck_assert_int_ge(grp, 0);
	ck_assert_int_eq(keys_bar_hit(&cards_ops, TUI_BROWSE, true, 200, srv), '.');
	ck_assert_int_eq(keys_bar_hit(&cards_ops, TUI_BROWSE, true, 200, grp + 1), 'b');
}
END_TEST

START_TEST(help_names_the_filter_words_from_the_table)
{
	static struct help_line lines[256];
	size_t n = keys_help(&cards_ops, lines, 256);
	char words[128];
	bool found = false;

	filter_words(words, sizeof words);
	ck_assert_str_eq(words, "status:ok|warn|crit family:v4|v6|host state:new|gone|reset server:NAME");
	for (size_t i = 0; i < n; i++)
		found |= strstr(lines[i].text, words) != NULL;
	ck_assert_msg(found, "the filter line's help does not name %s", words);
}
END_TEST

/* Return whether the man page's text has word as a bold word (\fBword\fR). */
static bool
man_has(const char *man, const char *word)
{
	char bold[96];

	snprintf(bold, sizeof bold, "\\fB%s\\fR", word);
	return strstr(man, bold) != NULL;
}

START_TEST(man_page_lists_every_sort_key_and_filter_word)
{
	size_t len;
	char *man = unit_fixture("../../man/ticctop.1", &len);
	char words[128];

	for (int k = 0; k < SORT_COUNT; k++)
		ck_assert_msg(man_has(man, sort_key_name((enum sort_key)k)), "ticctop.1 lacks sort key %s",
		              sort_key_name((enum sort_key)k));
	filter_words(words, sizeof words);
	/* "status:ok|warn|crit family:v4|v6|host": each word with its kind */
	char kind[32] = "";
	for (char *w = strtok(words, "| "); w; w = strtok(NULL, "| ")) {
		char full[64];
		char *colon = strchr(w, ':');
		if (colon)
			snprintf(kind, sizeof kind, "%.*s", (int)(colon - w + 1), w);
		snprintf(full, sizeof full, "%s%s", colon ? "" : kind, w);
		ck_assert_msg(man_has(man, full), "ticctop.1 lacks filter word %s", full);
	}
	free(man);
}
END_TEST

START_TEST(usage_names_every_sort_key_and_filter_word)
{
	char *text = NULL, words[128], line[256];
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(fp);
	options_help(fp, "ticctop");
	fclose(fp);
	filter_words(words, sizeof words);
	snprintf(line, sizeof line, "also %s\n", words);
	ck_assert_msg(strstr(text, line), "--help lacks the filter words: %s", line);
	line[0] = '\0';
	for (int k = 0; k < SORT_COUNT; k++)
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s", k ? ", " : "order: ",
		         sort_key_name((enum sort_key)k));
	ck_assert_msg(strstr(text, line), "--help lacks the sort keys: %s", line);
	ck_assert_ptr_null(strchr(text, '%'));
	free(text);
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
	tcase_add_test(tc, help_names_the_filter_words_from_the_table);
	tcase_add_test(tc, man_page_lists_every_sort_key_and_filter_word);
	tcase_add_test(tc, usage_names_every_sort_key_and_filter_word);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(keys_suite)
