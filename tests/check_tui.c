/* check_tui.c — what keys and the mouse do to the screen's state, without a screen. */
#include "config.h"

#include <ctype.h>

#include "unit_tui.h"
#include "unit_locale.h"

#include "keys.h"

static struct monitor mon;
static struct tui t;

/* The cards screen's state. */
#define C (cards_state(&t))

/* A 200x50 screen on the mixed clients. */
static void
setup(void)
{
	unit_tui(&mon, &t, 200, 50);
}

/* Free it. */
static void
teardown(void)
{
	unit_tui_free(&mon, &t);
}

START_TEST(starts_on_the_first_card)
{
	ck_assert_uint_eq(mon.view.n, 7);
	ck_assert_str_eq(unit_selected(&t), "127.1.0.1");
	ck_assert_uint_eq(t.counts[STATUS_OK], 4);
	ck_assert_uint_eq(t.counts[STATUS_WARNING], 2);
	ck_assert_uint_eq(t.counts[STATUS_CRITICAL], 1);
	ck_assert_int_eq(C->grid.cols, 4);
}
END_TEST

START_TEST(selection_stays_on_its_client_when_sorting)
{
	UNIT_KEYS(&t, KEYC_END);
	ck_assert_str_eq(unit_selected(&t), "::1");
	UNIT_KEYS(&t, KEYC_LEFT);
	ck_assert_str_eq(unit_selected(&t), "127.1.0.8");
	unsigned f = UNIT_KEYS(&t, KEYC_F6, KEYC_DOWN, KEYC_ENTER); /* sort by drops */
	ck_assert(f & REACT_SAVE);
	ck_assert_int_eq(mon.view.key, SORT_DROPS);
	ck_assert_uint_eq(C->sel, 0);
	ck_assert_str_eq(unit_selected(&t), "127.1.0.8");
	UNIT_KEYS(&t, 'I');
	ck_assert(mon.view.reverse);
	ck_assert_uint_eq(C->sel, 6);
	ck_assert_str_eq(unit_selected(&t), "127.1.0.8");
}
END_TEST

START_TEST(selection_stays_on_its_client_across_refreshes)
{
	UNIT_KEYS(&t, 'l', 'l', 'l');
	ck_assert_str_eq(unit_selected(&t), "127.1.0.4");
	/* a new client sorts first; another one goes away */
	unit_poll(&mon, "10.0.0.1,1,0,0,127,1,0,0,127,4294967295\n"
	                "127.1.0.1,2,0,-2,127,15,2,0,-3,15\n"
	                "127.1.0.4,14,4,-4,-5,15,0,0,127,4294967295\n"
	                "127.1.0.8,40,28,-5,-5,14,0,0,127,4294967295\n");
	tui_refreshed(&t);
	ck_assert_uint_eq(mon.view.n, 4);
	ck_assert_str_eq(unit_selected(&t), "127.1.0.4");
	ck_assert_uint_eq(C->sel, 2);
	/* the selected client goes away: the selection stays where it was */
	unit_poll(&mon, "10.0.0.1,1,0,0,127,1,0,0,127,4294967295\n"
	                "127.1.0.1,2,0,-2,127,15,2,0,-3,15\n"
	                "127.1.0.8,40,28,-5,-5,14,0,0,127,4294967295\n");
	tui_refreshed(&t);
	ck_assert_str_eq(unit_selected(&t), "127.1.0.8");
}
END_TEST

/* Refreshes in turn: the CSV, and whether the cards must be laid out again. */
static const struct {
	const char *csv;
	const char *sort;   /* sort key picked before the refresh, NULL to keep it */
	bool layout;
} relayouts[] = {
	{ "127.1.0.1,3,0,-2,127,16,2,0,-3,16\n127.1.0.2,3,0,-2,127,16,2,0,-3,16\n127.1.0.4,15,4,-4,-5,16,0,0,127,4294967295\n", NULL, true },
	{ "127.1.0.1,4,0,-2,127,17,2,0,-3,17\n127.1.0.2,4,0,-2,127,17,2,0,-3,17\n127.1.0.4,16,9,-4,-5,17,0,0,127,4294967295\n", NULL, false },
	{ "127.1.0.1,5,0,-2,127,18,2,0,-3,18\n127.1.0.2,5,0,-2,127,18,2,0,-3,18\n127.1.0.4,17,12,-4,-5,18,0,0,127,4294967295\n", NULL, false },
	{ "10.0.0.1,1,0,0,127,1,0,0,127,4294967295\n127.1.0.1,5,0,-2,127,18,2,0,-3,18\n127.1.0.2,5,0,-2,127,18,2,0,-3,18\n127.1.0.4,17,12,-4,-5,18,0,0,127,4294967295\n", NULL, true },
	{ "10.0.0.1,1,0,0,127,2,0,0,127,4294967295\n127.1.0.1,5,3,-2,127,19,2,0,-3,19\n127.1.0.2,5,0,-2,127,19,2,0,-3,19\n127.1.0.4,17,12,-4,-5,19,0,0,127,4294967295\n", "drops", true },
};

START_TEST(counters_alone_keep_the_cards_in_place)
{
	UNIT_KEYS(&t, 'l'); /* 127.1.0.2, listed in every refresh below */
	const char *sel = unit_selected(&t);
	char want[64];
	snprintf(want, sizeof want, "%s", sel);
	for (size_t i = 0; i < sizeof relayouts / sizeof relayouts[0]; i++) {
		enum sort_key k;
		if (relayouts[i].sort) {
			ck_assert(sort_key_parse(relayouts[i].sort, &k));
			mon.view.key = k;
			mon.view_stale = true;
		}
		unit_poll(&mon, relayouts[i].csv);
		unsigned f = tui_refreshed(&t);
		ck_assert_msg(!!(f & REACT_LAYOUT) == relayouts[i].layout, "refresh %zu", i);
		ck_assert(f & REACT_BODY);
		ck_assert_uint_eq(C->grid.n, mon.view.n);
		ck_assert_str_eq(unit_selected(&t), want);
		ck_assert(grid_shown(&C->grid, C->top, t.reg.body.h, C->sel));
	}
}
END_TEST

START_TEST(expand_one_and_all)
{
	UNIT_KEYS(&t, 'l');
	unsigned f = UNIT_KEYS(&t, KEYC_ENTER);
	ck_assert(f & REACT_SAVE);
	ck_assert(cards_expanded(&t, 1));
	ck_assert(!cards_expanded(&t, 0));
	ck_assert_uint_gt(C->grid.cell[1].h, CARD_COLLAPSED_H);
	UNIT_KEYS(&t, ' ');
	ck_assert(!cards_expanded(&t, 1));
	UNIT_KEYS(&t, '+');
	for (size_t i = 0; i < mon.view.n; i++)
		ck_assert(cards_expanded(&t, i));
	UNIT_KEYS(&t, KEYC_ENTER);                 /* one closed while all are open */
	ck_assert(!cards_expanded(&t, 1));
	ck_assert(cards_expanded(&t, 2));
	UNIT_KEYS(&t, '-');
	for (size_t i = 0; i < mon.view.n; i++)
		ck_assert(!cards_expanded(&t, i));
	UNIT_KEYS(&t, 'e');
	ck_assert(C->expand_all);
	UNIT_KEYS(&t, 'E');
	ck_assert(!C->expand_all);
}
END_TEST

START_TEST(expanded_follows_the_address)
{
	UNIT_KEYS(&t, KEYC_END, KEYC_ENTER);     /* ::1 open */
	UNIT_KEYS(&t, 's', KEYC_DOWN, KEYC_ENTER);
	long at = -1;
	for (size_t i = 0; i < mon.view.n; i++)
		if (strcmp(tui_client(&t, i)->addr, "::1") == 0)
			at = (long)i;
	ck_assert_int_ge(at, 0);
	ck_assert(cards_expanded(&t, (size_t)at));
	ck_assert_uint_gt(C->grid.cell[at].h, CARD_COLLAPSED_H);
}
END_TEST

START_TEST(incremental_search)
{
	unsigned f = UNIT_KEYS(&t, '/');
	ck_assert_int_eq(t.mode, TUI_SEARCH);
	ck_assert(f & REACT_BAR);
	unit_type(&t, "0.");
	ck_assert_uint_eq(t.matches, 6);
	ck_assert_str_eq(unit_selected(&t), "127.1.0.1");
	unit_type(&t, "5");
	ck_assert_uint_eq(t.matches, 1);
	ck_assert_str_eq(unit_selected(&t), "127.1.0.5");
	UNIT_KEYS(&t, KEYC_BACKSPACE, KEYC_BACKSPACE, KEYC_BACKSPACE);
	unit_type(&t, "q");                      /* q types in the search line, it does not quit */
	ck_assert_str_eq(t.search_text, "q");
	ck_assert_uint_eq(t.matches, 0);
	UNIT_KEYS(&t, KEYC_CTRL('u'));
	unit_type(&t, "127.1.0");
	ck_assert_int_ge(tui_match(&t, tui_client(&t, 0)), 0);
	ck_assert_int_eq(tui_match(&t, tui_client(&t, 6)), -1);
	UNIT_KEYS(&t, KEYC_ENTER);
	ck_assert_int_eq(t.mode, TUI_BROWSE);
	ck_assert_str_eq(t.search_text, "127.1.0");
	size_t from = C->sel;
	UNIT_KEYS(&t, 'n');
	ck_assert_uint_eq(C->sel, from + 1);
	UNIT_KEYS(&t, 'N', 'N');
	ck_assert_uint_eq(C->sel, 5);             /* wrapped past the first to 127.1.0.8 */
	UNIT_KEYS(&t, KEYC_ESC);
	ck_assert_uint_eq(t.search.text_len, 0);
	UNIT_KEYS(&t, 'n');
	ck_assert_ptr_nonnull(strstr(t.message, "press /"));
}
END_TEST

START_TEST(search_is_case_insensitive)
{
	unit_poll(&mon, "Client.Example.org,1,0,0,127,1,0,0,127,4294967295\n127.1.0.1,2,0,-2,127,15,2,0,-3,15\n");
	tui_refreshed(&t);
	UNIT_KEYS(&t, '/');
	unit_type(&t, "EXAMPLE");
	ck_assert_uint_eq(t.matches, 1);
	ck_assert_str_eq(unit_selected(&t), "Client.Example.org");
	UNIT_KEYS(&t, KEYC_ESC);
	ck_assert_int_eq(t.mode, TUI_BROWSE);
	ck_assert_uint_eq(t.matches, 0);
}
END_TEST

START_TEST(search_folds_ascii_in_any_locale)
{
	unit_poll(&mon, "client.example.org,1,0,0,127,1,0,0,127,4294967295\n127.1.0.1,2,0,-2,127,15,2,0,-3,15\n");
	tui_refreshed(&t);
	unit_use_locale("tr_TR.UTF-8");
	ck_assert_int_ne(tolower('I'), 'i'); /* the locale is in force */
	UNIT_KEYS(&t, '/');
	unit_type(&t, "CLIENT");
	ck_assert_uint_eq(t.matches, 1);
	ck_assert_str_eq(unit_selected(&t), "client.example.org");
	unit_end_locale();
}
END_TEST

START_TEST(filter_line)
{
	UNIT_KEYS(&t, '\\');
	ck_assert_int_eq(t.mode, TUI_FILTER);
	unit_type(&t, "status:warn");
	ck_assert_uint_eq(mon.view.n, 2);
	ck_assert_str_eq(t.filter_good, "status:warn");
	unit_type(&t, " status:crit");
	ck_assert_uint_eq(mon.view.n, 3);
	unit_type(&t, " family:v6");            /* the tokens of one kind OR, the kinds AND */
	ck_assert_uint_eq(mon.view.n, 0);
	UNIT_KEYS(&t, KEYC_CTRL('u'));
	ck_assert_uint_eq(mon.view.n, 7);
	unit_type(&t, "status:bogus");
	ck_assert_ptr_nonnull(t.filter_why);
	ck_assert_str_eq(t.filter_good, "status"); /* the last valid prefix stays in force */
	UNIT_KEYS(&t, KEYC_CTRL('u'));
	unit_type(&t, "family:v4 .8");
	ck_assert_uint_eq(mon.view.n, 1);
	ck_assert_str_eq(unit_selected(&t), "127.1.0.8");
	unit_type(&t, " status:");
	UNIT_KEYS(&t, KEYC_ENTER);                /* an invalid line falls back to the filter in force */
	ck_assert_int_eq(t.mode, TUI_BROWSE);
	ck_assert_str_eq(t.filter_text, "family:v4 .8 status");
	ck_assert_ptr_null(t.filter_why);
	UNIT_KEYS(&t, KEYC_F4, KEYC_ESC);
	ck_assert_uint_eq(mon.view.n, 7);
	ck_assert(filter_is_empty(&mon.view.filter));
	ck_assert_str_eq(unit_selected(&t), "127.1.0.8");
}
END_TEST

START_TEST(themes_cycle_unless_colours_are_off)
{
	ck_assert_int_eq(t.theme, THEME_DARK);
	unsigned f = UNIT_KEYS(&t, 't');
	ck_assert(f & REACT_THEME);
	ck_assert(f & REACT_SAVE);
	ck_assert_int_eq(t.theme, THEME_LIGHT);
	UNIT_KEYS(&t, 't');
	ck_assert_int_eq(t.theme, THEME_MONO);
	UNIT_KEYS(&t, 't');
	ck_assert_int_eq(t.theme, THEME_DARK);
	t.colours = 0;
	f = UNIT_KEYS(&t, 't');
	ck_assert_int_eq(t.theme, THEME_DARK);
	ck_assert(!(f & REACT_THEME));
	ck_assert_ptr_nonnull(strstr(t.message, "Colours are off"));
}
END_TEST

START_TEST(pause_help_redraw_quit)
{
	UNIT_KEYS(&t, 'p');
	ck_assert(mon.paused);
	UNIT_KEYS(&t, 'p');
	ck_assert(!mon.paused);
	ck_assert(UNIT_KEYS(&t, KEYC_CTRL('l')) & REACT_CLEAR);
	UNIT_KEYS(&t, '?');
	ck_assert_int_eq(t.mode, TUI_HELP);
	long lines = t.help_lines;                 /* made from the key tables as it opened */
	ck_assert_int_gt(lines, t.reg.body.h);
	UNIT_KEYS(&t, KEYC_END);
	ck_assert_int_eq(t.help_top, lines - (t.reg.body.h - 2));
	UNIT_KEYS(&t, KEYC_PGDN, KEYC_DOWN);
	ck_assert_int_eq(t.help_top, lines - (t.reg.body.h - 2));
	UNIT_KEYS(&t, KEYC_HOME, KEYC_UP);
	ck_assert_int_eq(t.help_top, 0);
	UNIT_KEYS(&t, KEYC_CTRL('f'));              /* the moving keys of every list scroll it too */
	ck_assert_int_gt(t.help_top, 0);
	UNIT_KEYS(&t, 'g');
	ck_assert_int_eq(t.help_top, 0);
	UNIT_KEYS(&t, 'G');
	ck_assert_int_eq(t.help_top, lines - (t.reg.body.h - 2));
	UNIT_KEYS(&t, KEYC_CTRL('b'), 'k');
	ck_assert_int_lt(t.help_top, lines - (t.reg.body.h - 2));
	ck_assert_int_eq(t.mode, TUI_HELP);
	UNIT_KEYS(&t, 'x');                        /* any other key closes the help */
	ck_assert_int_eq(t.mode, TUI_BROWSE);
	ck_assert(UNIT_KEYS(&t, 'q') & REACT_QUIT);
	ck_assert(UNIT_KEYS(&t, KEYC_F10) & REACT_QUIT);
}
END_TEST

START_TEST(one_column_at_80x24)
{
	tui_resize(&t, 80, 24);
	ck_assert_int_eq(C->grid.cols, 1);
	UNIT_KEYS(&t, KEYC_DOWN, KEYC_DOWN);
	ck_assert_uint_eq(C->sel, 2);
	UNIT_KEYS(&t, '+', KEYC_END);
	ck_assert_uint_eq(C->sel, 6);
	ck_assert(grid_shown(&C->grid, C->top, t.reg.body.h, C->sel));
	UNIT_KEYS(&t, KEYC_PGUP);
	ck_assert_uint_lt(C->sel, 6);
	ck_assert(grid_shown(&C->grid, C->top, t.reg.body.h, C->sel));
	tui_resize(&t, 20, 6);
	ck_assert(t.reg.too_small);
	ck_assert(UNIT_KEYS(&t, 'q') & REACT_QUIT);
}
END_TEST

START_TEST(mouse)
{
	const struct rect *a = &t.reg.body;
	/* second column, first row of cards */
	tui_react(&t, tui_click(&t, a->x + C->grid.col_x[1] + 10, a->y + 1, false));
	ck_assert_uint_eq(C->sel, 1);
	ck_assert(!cards_expanded(&t, 1));
	tui_react(&t, tui_click(&t, a->x + C->grid.col_x[1] + 10, a->y + 1, true));
	ck_assert(cards_expanded(&t, 1));
	tui_react(&t, tui_click(&t, a->x + C->grid.col_x[2] + 3, a->y, false)); /* its status symbol */
	ck_assert_uint_eq(C->sel, 2);
	ck_assert(cards_expanded(&t, 2));
	tui_react(&t, tui_click(&t, a->x + C->grid.col_x[1] - 1, a->y, false)); /* the gap */
	ck_assert_uint_eq(C->sel, 2);
	UNIT_KEYS(&t, 's');
	struct rect r = tui_menu_rect(&t);
	tui_react(&t, tui_click(&t, r.x + 3, r.y + 1 + SORT_LAST, false));
	ck_assert_int_eq(t.mode, TUI_BROWSE);
	ck_assert_int_eq(mon.view.key, SORT_LAST);
}
END_TEST

START_TEST(wheel_keeps_the_selection_in_view)
{
	unit_tui_free(&mon, &t);
	unit_tui(&mon, &t, 80, 12);
	UNIT_KEYS(&t, '+');
	ck_assert_uint_eq(C->sel, 0);
	int steps = (C->grid.cell[0].h + GRID_CLOSE) / TUI_WHEEL_ROWS + 1; /* past the first card's bottom */
	for (int i = 0; i < steps; i++)
		tui_react(&t, tui_wheel(&t, 1));
	ck_assert_int_eq(C->top, steps * TUI_WHEEL_ROWS);
	ck_assert(grid_shown(&C->grid, C->top, t.reg.body.h, C->sel) || C->grid.cell[C->sel].h + GRID_CLOSE > t.reg.body.h);
	ck_assert_uint_gt(C->sel, 0);
	for (int i = 0; i < 10; i++)
		tui_react(&t, tui_wheel(&t, -1));
	ck_assert_int_eq(C->top, 0);
}
END_TEST

START_TEST(error_banner)
{
	char buf[256];

	ck_assert_uint_eq(tui_banner(&t, buf, sizeof buf), 0);
	mon.last.err = SOURCE_ERR_NO_DAEMON;
	snprintf(mon.last.message, sizeof mon.last.message, "506 Cannot talk to daemon\x1b[2J");
	tui_refreshed(&t);
	ck_assert_uint_gt(tui_banner(&t, buf, sizeof buf), 0);
	ck_assert_ptr_nonnull(strstr(buf, "506 Cannot talk to daemon\\x1b[2J"));
	ck_assert_ptr_nonnull(strstr(buf, "last good data"));
	ck_assert_int_eq(t.reg.banner.h, 1);
	ck_assert_int_eq(t.reg.body.y, HEADER_LINES + t.reg.meters.h + 1);
	ck_assert_uint_eq(mon.view.n, 7);
	mon.last.err = SOURCE_OK;
	tui_refreshed(&t);
	ck_assert_int_eq(t.reg.banner.h, 0);
}
END_TEST

START_TEST(a_hundred_thousand_clients)
{
	size_t n = 100000, o = 0;
	char *csv = malloc(n * 48);
	for (size_t i = 0; i < n; i++)
		o += (size_t)sprintf(csv + o, "10.%zu.%zu.%zu,%zu,%zu,-4,127,5,0,0,127,4294967295\n", i >> 16, (i >> 8) & 255,
		                     i & 255, i % 97, i % 13);
	unit_poll(&mon, csv);
	free(csv);
	tui_refreshed(&t);
	ck_assert_uint_eq(mon.view.n, n + 0);
	UNIT_KEYS(&t, KEYC_END);
	ck_assert_uint_eq(C->sel, n - 1);
	UNIT_KEYS(&t, 's', KEYC_DOWN, KEYC_ENTER);
	ck_assert_str_eq(unit_selected(&t), "10.1.134.159");
	UNIT_KEYS(&t, '+');
	ck_assert(grid_shown(&C->grid, C->top, t.reg.body.h, C->sel));
}
END_TEST

START_TEST(sort_column_keys_step_the_order)
{
	UNIT_KEYS(&t, 'l');
	unsigned f = UNIT_KEYS(&t, '>');
	ck_assert_int_eq(mon.view.key, SORT_DROPS);
	ck_assert(f & REACT_SAVE);
	ck_assert_str_eq(unit_selected(&t), "127.1.0.2");   /* the selection stays on its client */
	UNIT_KEYS(&t, '<', '<');
	ck_assert_int_eq(mon.view.key, SORT_COUNT - 1);      /* wraps */
	UNIT_KEYS(&t, '>');
	ck_assert_int_eq(mon.view.key, SORT_ADDR);
}
END_TEST

START_TEST(unbound_function_keys_say_so)
{
	static const int keys[] = { KEYC_F2, KEYC_F9, KEYC_F11 };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char want[32];
		t.message[0] = '\0';
		ck_assert_uint_eq(UNIT_KEYS(&t, keys[i]), 0);
		snprintf(want, sizeof want, "F%d: no action", keys[i] - KEYC_F1 + 1);
		ck_assert_msg(strstr(t.message, want), "F%d: \"%s\"", keys[i] - KEYC_F1 + 1, t.message);
	}
}
END_TEST

START_TEST(f5_asks_for_a_poll_now)
{
	mon.poll_now = false;
	UNIT_KEYS(&t, KEYC_F5);
	ck_assert(mon.poll_now);                         /* the loop starts one at once */
	ck_assert(strstr(t.message, "Refreshing now"));
	mon.poll_now = false;
	mon.paused = true;
	UNIT_KEYS(&t, KEYC_F5);
	ck_assert(mon.poll_now && mon.paused);           /* one step, still paused */
	ck_assert(strstr(t.message, "still paused"));
	mon.paused = false;
}
END_TEST

/* A fleet of three in one tui: a and b list the same mixed clients, c never
 * answered.  Every server's clients are listed (the same address twice: two
 * cards), in the chosen order or grouped; server:NAME filters; ] selects the
 * next server; p and F5 reach every server; the header has a line each. */
START_TEST(a_fleet_lists_every_server)
{
	static struct source srcs[3] = { { .kind = "http", .target = "http://a/data" },
	                                 { .kind = "http", .target = "http://b/data" },
	                                 { .kind = "chronyc", .target = "chronyc -c -n clients" } };
	struct fleet f;
	struct health health;
	struct tui ft;
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);

	health_init(&health, HEALTH_WARN_DROPS, HEALTH_CRIT_DROPS);
	ck_assert(fleet_alloc(&f, 3));
	for (size_t i = 0; i < 3; i++) {
		ck_assert(monitor_init(&f.mon[i], &srcs[i], &health));
		fleet_set_name(&f, i, (const char *[]){ "a", "b", "c" }[i]);
		if (i < 2)
			unit_poll(&f.mon[i], csv);
	}
	ck_assert(tui_init(&ft, &f.mon[0], 1.0, true, unit_screens, 1));
	tui_set_fleet(&ft, &f);
	tui_resize(&ft, 200, 50);
	tui_refreshed(&ft);
	ck_assert_int_eq(ft.reg.servers.h, 3);
	ck_assert_uint_eq(tui_count(&ft), 14);
	ck_assert_uint_eq(ft.counts[STATUS_CRITICAL], 2);
	ck_assert_uint_eq(ft.srv_counts[1][STATUS_WARNING], 2);
	/* one list in address order: each address twice, a's first */
	ck_assert_str_eq(tui_client(&ft, 0)->addr, tui_client(&ft, 1)->addr);
	ck_assert_uint_eq(tui_server(&ft, 0), 0);
	ck_assert_uint_eq(tui_server(&ft, 1), 1);
	/* a card opens at its own server alone: b's card of the same address stays closed */
	tui_react(&ft, keys_press(&ft, KEYC_HOME));
	tui_react(&ft, keys_press(&ft, KEYC_ENTER));
	ck_assert(cards_expanded(&ft, 0));
	ck_assert(!cards_expanded(&ft, 1));
	tui_react(&ft, keys_press(&ft, KEYC_ENTER));
	ck_assert(!cards_expanded(&ft, 0));
	/* the selection is b's card, by server and address: grouped, it stays b's */
	tui_react(&ft, keys_press(&ft, KEYC_RIGHT));
	tui_react(&ft, keys_press(&ft, KEYC_ENTER));
	tui_react(&ft, keys_press(&ft, 'b'));
	size_t sel = cards_state(&ft)->sel;
	ck_assert_uint_eq(tui_server(&ft, sel), 1);
	ck_assert_str_eq(tui_client(&ft, sel)->addr, tui_client(&ft, 0)->addr);
	ck_assert(cards_expanded(&ft, sel) && !cards_expanded(&ft, 0));
	tui_react(&ft, keys_press(&ft, KEYC_ENTER));
	tui_react(&ft, keys_press(&ft, 'b'));
	/* grouped: a's seven, then b's */
	tui_react(&ft, keys_press(&ft, 'b'));
	ck_assert_uint_eq(tui_server(&ft, 6), 0);
	ck_assert_uint_eq(tui_server(&ft, 7), 1);
	ck_assert_str_eq(tui_client(&ft, 7)->addr, "127.1.0.1");
	tui_react(&ft, keys_press(&ft, 'b'));
	/* sorted by server: the same as grouped */
	ck_assert(sort_key_parse("server", &ft.mon->view.key));
	tui_react(&ft, REACT_VIEW);
	ck_assert_uint_eq(tui_server(&ft, 6), 0);
	ck_assert_uint_eq(tui_server(&ft, 7), 1);
	ck_assert_int_eq(f.mon[2].view.key, SORT_SERVER); /* every server takes the order */
	/* server:b */
	ck_assert(tui_set_filter(&ft, "server:b"));
	tui_react(&ft, REACT_VIEW);
	ck_assert_uint_eq(tui_count(&ft), 7);
	ck_assert_uint_eq(tui_server(&ft, 0), 1);
	ck_assert(tui_set_filter(&ft, "server:nobody"));
	tui_react(&ft, REACT_VIEW);
	ck_assert_uint_eq(tui_count(&ft), 0);
	ck_assert(tui_set_filter(&ft, ""));
	tui_react(&ft, REACT_VIEW);
	ck_assert_uint_eq(tui_count(&ft), 14);
	/* . and , select a server (remembered); the list stays */
	ck_assert(tui_react(&ft, keys_press(&ft, '.')) & REACT_SAVE);
	ck_assert_ptr_eq(ft.mon, &f.mon[1]);
	tui_react(&ft, keys_press(&ft, ','));
	tui_react(&ft, keys_press(&ft, ','));
	ck_assert_ptr_eq(ft.mon, &f.mon[2]);
	ck_assert_uint_eq(tui_count(&ft), 14);
	/* a click on a server's line selects it; on the folded line, the next */
	tui_react(&ft, tui_click(&ft, 5, ft.reg.servers.y + 1, false));
	ck_assert_ptr_eq(ft.mon, &f.mon[1]);
	ck_assert_uint_eq(f.selected, 1);
	/* p and F5 reach every server */
	tui_react(&ft, keys_press(&ft, 'p'));
	ck_assert(f.mon[0].paused && f.mon[1].paused && f.mon[2].paused);
	tui_react(&ft, keys_press(&ft, KEYC_F5));
	ck_assert(f.mon[0].poll_now && f.mon[1].poll_now && f.mon[2].poll_now);
	/* no room for a line per server: one */
	tui_resize(&ft, 80, 8);
	ck_assert_int_eq(ft.reg.servers.h, 1);
	tui_react(&ft, tui_click(&ft, 5, ft.reg.servers.y, false));
	ck_assert_ptr_eq(ft.mon, &f.mon[2]);
	tui_free(&ft);
	fleet_free(&f, 3);
	free(csv);
}
END_TEST

START_TEST(m_toggles_the_mouse)
{
	t.mouse = true;
	ck_assert(UNIT_KEYS(&t, 'm') & REACT_MOUSE);
	ck_assert(!t.mouse);
	ck_assert_ptr_nonnull(strstr(t.message, "Mouse off"));
	UNIT_KEYS(&t, 'm');
	ck_assert(t.mouse);
}
END_TEST

/* All tui tests. */
static Suite *
tui_suite(void)
{
	Suite *s = suite_create("tui");
	TCase *tc = tcase_create("tui");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, starts_on_the_first_card);
	tcase_add_test(tc, selection_stays_on_its_client_when_sorting);
	tcase_add_test(tc, selection_stays_on_its_client_across_refreshes);
	tcase_add_test(tc, counters_alone_keep_the_cards_in_place);
	tcase_add_test(tc, expand_one_and_all);
	tcase_add_test(tc, expanded_follows_the_address);
	tcase_add_test(tc, incremental_search);
	tcase_add_test(tc, search_is_case_insensitive);
	tcase_add_test(tc, search_folds_ascii_in_any_locale);
	tcase_add_test(tc, filter_line);
	tcase_add_test(tc, themes_cycle_unless_colours_are_off);
	tcase_add_test(tc, pause_help_redraw_quit);
	tcase_add_test(tc, one_column_at_80x24);
	tcase_add_test(tc, mouse);
	tcase_add_test(tc, wheel_keeps_the_selection_in_view);
	tcase_add_test(tc, error_banner);
	tcase_add_test(tc, a_hundred_thousand_clients);
	tcase_add_test(tc, sort_column_keys_step_the_order);
	tcase_add_test(tc, unbound_function_keys_say_so);
	tcase_add_test(tc, f5_asks_for_a_poll_now);
	tcase_add_test(tc, m_toggles_the_mouse);
	tcase_add_test(tc, a_fleet_lists_every_server);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(tui_suite)
