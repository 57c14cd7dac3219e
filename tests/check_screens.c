/* check_screens.c — the table of screens: a second screen is a file and one
 * row, and keys, the help, the key bar, clicks, the wheel and painting reach it. */
#include "unit_tui.h"

/* The test's own paint context (the front end's business; tui.c only passes it on). */
struct paint {
	const struct tui *t;
};

/* A tiny screen that counts what reaches it. */
struct probe {
	int inits, pokes, clicks, wheel, draws, searches;
	int click_x, click_y;
};

static int probes_freed, cards_drawn;

/* Count an init. */
static void
probe_init(struct tui *t, void *state)
{
	((struct probe *)state)->inits++;
}

/* Count a free. */
static void
probe_free(void *state)
{
	probes_freed++;
}

/* An action: add arg to the pokes. */
static unsigned
probe_poke(struct tui *t, int arg)
{
	((struct probe *)tui_state(t))->pokes += arg;
	return REACT_BODY;
}

/* Repaint the body when laid out. */
static unsigned
probe_react(struct tui *t, unsigned flags)
{
	return flags & REACT_LAYOUT ? REACT_BODY : 0;
}

/* Nothing to follow after a poll. */
static unsigned
probe_refreshed(struct tui *t)
{
	return 0;
}

/* Count a search. */
static unsigned
probe_searched(struct tui *t)
{
	((struct probe *)tui_state(t))->searches++;
	return 0;
}

/* Count a click and where it was. */
static unsigned
probe_click(struct tui *t, int x, int y, bool dbl)
{
	struct probe *p = tui_state(t);

	p->clicks++;
	p->click_x = x;
	p->click_y = y;
	return REACT_BODY;
}

/* Add the wheel's turns. */
static unsigned
probe_wheel(struct tui *t, int dir)
{
	((struct probe *)tui_state(t))->wheel += dir;
	return REACT_BODY;
}

/* Count a paint of the body. */
static void
probe_draw(const struct paint *p)
{
	((struct probe *)tui_state(p->t))->draws++;
}

/* The cards' body, counted (no curses here). */
static void
cards_draw(const struct paint *p)
{
	cards_drawn++;
}

static const struct action probe_actions[] = {
	{ probe_poke, 1, "Poke the probe once" },
	{ probe_poke, 10, "Poke the probe ten times" },
	{ tui_search_start, 0, "Search the probe" },
};

static const struct binding probe_bindings[] = {
	{ TUI_BROWSE, 'x', 0, "Poke", 50 },
	{ TUI_BROWSE, 'X', 1, NULL, 0 },
	{ TUI_BROWSE, '/', 2, NULL, 0 },
};

static const struct help_section probe_help[] = {
	{ "Probe", TUI_BROWSE, { "A screen that only counts" } },
};

static const struct screen_ops probe_ops = {
	.name = "Probe", .state_size = sizeof(struct probe), .init = probe_init, .free = probe_free,
	.keys = KEYMAP(probe_actions, probe_bindings), .help = probe_help, .nhelp = 1,
	.react = probe_react, .refreshed = probe_refreshed, .searched = probe_searched,
	.click = probe_click, .wheel = probe_wheel,
};

/* The program's first row, and the probe: one more row. */
static const struct screen table[] = {
	{ &cards_ops, cards_draw },
	{ &probe_ops, probe_draw },
};

static int shared_painted;

/* Count a shared part painted. */
static void
shared(const struct paint *p)
{
	shared_painted++;
}

/* The key bar, counted; no cursor. */
static int
shared_bar(const struct paint *p)
{
	shared_painted++;
	return -1;
}

static const struct painter painter = {
	.header = shared, .help = shared, .sort_menu = shared, .bar = shared_bar, .too_small = shared,
};

static struct monitor mon;
static struct tui t;

/* A 100x30 screen on the mixed clients, through the two-row table. */
static void
setup(void)
{
	unit_tui(&mon, &t, 100, 30);
	tui_free(&t);
	probes_freed = cards_drawn = shared_painted = 0;
	ck_assert(tui_init(&t, &mon, 1.0, true, table, 2));
	tui_resize(&t, 100, 30);
	tui_refreshed(&t);
}

/* Free it. */
static void
teardown(void)
{
	unit_tui_free(&mon, &t);
}

/* Return whether the help of the current screen (opened with F1, closed
 * again) has a line with text. */
static bool
help_has(const char *text)
{
	bool found = false;

	UNIT_KEYS(&t, KEYC_F1);
	ck_assert_int_eq(t.mode, TUI_HELP);
	for (long i = 0; i < t.help_lines; i++)
		found |= strcmp(t.help[i].text, text) == 0;
	UNIT_KEYS(&t, KEYC_ESC);
	return found;
}

START_TEST(the_first_row_is_current_and_each_row_has_its_state)
{
	struct probe *p = t.state[1];

	ck_assert_ptr_eq(tui_screen(&t), &table[0]);
	ck_assert_ptr_eq(tui_state(&t), cards_state(&t));
	ck_assert_int_eq(p->inits, 1);
	ck_assert(help_has("Cards"));
	ck_assert(!help_has("Probe"));
	UNIT_KEYS(&t, 'x');                     /* not a key of the cards */
	ck_assert_int_eq(p->pokes, 0);
}
END_TEST

START_TEST(keys_reach_the_current_screen_and_the_app)
{
	struct probe *p = t.state[1];
	size_t sel = cards_state(&t)->sel;

	ck_assert(tui_react(&t, tui_switch(&t, 1)) & REACT_BODY);
	ck_assert_ptr_eq(tui_state(&t), p);
	UNIT_KEYS(&t, 'x', 'X', 'x');
	ck_assert_int_eq(p->pokes, 12);
	UNIT_KEYS(&t, 'l', 'j');                /* the cards' keys do nothing here */
	ck_assert_uint_eq(cards_state(&t)->sel, sel);
	ck_assert(UNIT_KEYS(&t, 'p') & REACT_HEADER);   /* the app's keys still work */
	ck_assert(mon.paused);
	UNIT_KEYS(&t, 'I');
	ck_assert(mon.view.reverse);
	UNIT_KEYS(&t, '/');                     /* the search line: its text goes to the screen */
	ck_assert_int_eq(t.mode, TUI_SEARCH);
	unit_type(&t, "12");
	ck_assert_int_ge(p->searches, 3);
	UNIT_KEYS(&t, KEYC_ENTER);
	ck_assert(UNIT_KEYS(&t, 'q') & REACT_QUIT);
	tui_react(&t, tui_switch(&t, 0));       /* back: the cards' keys again */
	UNIT_KEYS(&t, 'l');
	ck_assert_uint_ne(cards_state(&t)->sel, sel);
}
END_TEST

START_TEST(help_and_key_bar_come_from_the_current_row)
{
	struct bar_item items[16];

	tui_react(&t, tui_switch(&t, 1));
	ck_assert(help_has("Probe"));
	ck_assert(help_has("Poke the probe ten times"));
	ck_assert(help_has("A screen that only counts"));
	ck_assert(help_has("Show this help"));  /* the app's sections follow */
	ck_assert(!help_has("Cards"));
	ck_assert(!help_has("Select the card above"));
	size_t n = keys_bar(tui_screen(&t)->ops, TUI_BROWSE, false, 200, items, 16);
	const char *want[] = { "Help", "Filter", "Poke", "Sort", "Theme", "Pause", "Quit" };
	ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(items[i].label, want[i]);
	ck_assert_int_eq(keys_bar_hit(tui_screen(&t)->ops, TUI_BROWSE, false, 200, items[2].x), 'x');
	UNIT_KEYS(&t, KEYC_F1);
	ck_assert_int_eq(t.mode, TUI_HELP);
	ck_assert_int_eq(t.help_top, 0);
}
END_TEST

START_TEST(clicks_wheel_and_paint_reach_the_current_row)
{
	struct probe *p = t.state[1];
	struct paint pt = { &t };

	tui_react(&t, tui_switch(&t, 1));
	tui_react(&t, tui_click(&t, 7, t.reg.body.y + 2, false));
	ck_assert_int_eq(p->clicks, 1);
	ck_assert_int_eq(p->click_x, 7);
	tui_react(&t, tui_wheel(&t, 1));
	tui_react(&t, tui_wheel(&t, 1));
	ck_assert_int_eq(p->wheel, 2);
	ck_assert_int_eq(tui_paint(&t, &pt, &painter), -1);
	ck_assert_int_eq(p->draws, 1);
	ck_assert_int_eq(cards_drawn, 0);
	ck_assert_int_eq(shared_painted, 2);    /* header and bar */
	ck_assert_int_eq(tui_paint(&t, &pt, &painter), -1);    /* nothing dirty: nothing painted */
	ck_assert_int_eq(p->draws, 1);
	tui_react(&t, tui_switch(&t, 0));
	tui_paint(&t, &pt, &painter);
	ck_assert_int_eq(cards_drawn, 1);
	ck_assert_int_eq(p->draws, 1);
}
END_TEST

START_TEST(every_row_is_freed)
{
	tui_free(&t);
	ck_assert_int_eq(probes_freed, 1);
	ck_assert(tui_init(&t, &mon, 1.0, true, table, 2));   /* for the teardown */
}
END_TEST

/* All screen table tests. */
static Suite *
screens_suite(void)
{
	Suite *s = suite_create("screens");
	TCase *tc = tcase_create("screens");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, the_first_row_is_current_and_each_row_has_its_state);
	tcase_add_test(tc, keys_reach_the_current_screen_and_the_app);
	tcase_add_test(tc, help_and_key_bar_come_from_the_current_row);
	tcase_add_test(tc, clicks_wheel_and_paint_reach_the_current_row);
	tcase_add_test(tc, every_row_is_freed);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(screens_suite)
