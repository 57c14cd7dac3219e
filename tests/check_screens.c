/* check_screens.c — the table of screens: a second screen is a file and one
 * row, and keys, the help, the key bar, clicks, the wheel and painting reach it. */
#include "unit_tui.h"

#include <locale.h>

#include "parse_reports.h"
#include "screen_server.h"
#include "screen_sources.h"

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
	ck_assert(help_has("Clients"));
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
	ck_assert(!help_has("Clients"));
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

START_TEST(tab_and_numbers_switch_screens)
{
	ck_assert_uint_eq(t.cur, 0);
	UNIT_KEYS(&t, KEYC_TAB);
	ck_assert_uint_eq(t.cur, 1);
	UNIT_KEYS(&t, KEYC_TAB);                /* wraps */
	ck_assert_uint_eq(t.cur, 0);
	UNIT_KEYS(&t, KEYC_BTAB);
	ck_assert_uint_eq(t.cur, 1);
	UNIT_KEYS(&t, '1');
	ck_assert_uint_eq(t.cur, 0);
	UNIT_KEYS(&t, '2');
	ck_assert_uint_eq(t.cur, 1);
	ck_assert_uint_eq(UNIT_KEYS(&t, '3'), 0);   /* no third screen here: nothing happens */
	ck_assert_uint_eq(t.cur, 1);
	UNIT_KEYS(&t, '/');                     /* in the search line digits type */
	UNIT_KEYS(&t, '1', KEYC_TAB);
	ck_assert_uint_eq(t.cur, 1);
	ck_assert_str_eq(t.search_text, "1");
	UNIT_KEYS(&t, KEYC_ESC);
	char name[16];
	ck_assert_str_eq(keys_name(KEYC_TAB, name, sizeof name), "Tab");
	ck_assert_str_eq(keys_name(KEYC_BTAB, name, sizeof name), "Shift-Tab");
	ck_assert(help_has("Next screen"));
}
END_TEST

/* The table's columns now, fitted to t's body. */
static size_t
table_columns(struct column *c)
{
	return cards_columns(&t, c, COL_MAX);
}

/* Click the heading of the column sorted by key k. */
static unsigned
click_heading(int k)
{
	struct column c[COL_MAX];
	size_t n = table_columns(c);
	long at = -1;

	for (size_t i = 0; i < n; i++)
		if (c[i].sort == k && c[i].w > 0)
			at = (long)i;
	ck_assert_int_ge(at, 0);
	return tui_react(&t, tui_click(&t, t.reg.body.x + c[at].x + 1, t.reg.body.y, false));
}

START_TEST(v_shows_a_table_of_one_row_each)
{
	struct cards *cs = cards_state(&t);

	UNIT_KEYS(&t, KEYC_DOWN, KEYC_DOWN);
	const char *sel = unit_selected(&t);
	ck_assert(UNIT_KEYS(&t, 'v') & REACT_SAVE);
	ck_assert_int_eq(cs->view, CLIENTS_TABLE);
	ck_assert_str_eq(unit_selected(&t), sel);            /* the same client stays selected */
	ck_assert_int_eq(cs->grid.cols, 1);
	for (size_t i = 0; i < cs->grid.n; i++) {
		ck_assert_uint_eq(cs->grid.cell[i].h, 1);
		ck_assert_uint_eq(cs->grid.cell[i].y, i);
	}
	struct rect a = cards_area(&t);
	ck_assert_int_eq(a.y, t.reg.body.y + TABLE_HEAD_LINES);   /* the headings above the rows */
	UNIT_KEYS(&t, KEYC_DOWN);                    /* down is the next row */
	ck_assert_str_eq(unit_selected(&t), tui_client(&t, cs->sel)->addr);
	size_t at = cs->sel;
	UNIT_KEYS(&t, KEYC_ENTER);                   /* open: the details below its row */
	ck_assert_uint_eq(cs->grid.cell[at].h, table_row_height(true, strlen(unit_selected(&t)), t.reg.body.w));
	ck_assert_uint_gt(cs->grid.cell[at].h, CARD_DETAIL_ROWS);
	ck_assert(cards_expanded(&t, at));
	UNIT_KEYS(&t, 'v');                           /* the cards again: that card is open */
	ck_assert_int_eq(cs->view, CLIENTS_CARDS);
	ck_assert_uint_gt(cs->grid.cell[at].h, CARD_COLLAPSED_H);
	/* a click on a row selects it; on its status symbol opens it */
	UNIT_KEYS(&t, 'v', KEYC_HOME);
	tui_react(&t, tui_click(&t, a.x + 5, a.y + 1, false));
	ck_assert_uint_eq(cs->sel, 1);
	ck_assert(!cards_expanded(&t, 1));
	tui_react(&t, tui_click(&t, a.x, a.y + 1, false));
	ck_assert(cards_expanded(&t, 1));
}
END_TEST

START_TEST(eighteen_rows_at_80x24)
{
	tui_resize(&t, 80, 24);
	UNIT_KEYS(&t, 'v');
	ck_assert_int_ge(cards_area(&t).h, 18);
	struct column c[COL_MAX];
	size_t n = table_columns(c);
	for (size_t i = 0; i < n; i++)            /* the last to go are there */
		if (c[i].kind == COL_STATUS || c[i].kind == COL_ADDR || c[i].field == FIELD_NTP_DROPS ||
		    c[i].field == FIELD_NTP_LAST)
			ck_assert_int_gt(c[i].w, 0);
	ck_assert_int_le(c[n - 1].x + c[n - 1].w, 80);
}
END_TEST

START_TEST(headings_sort_by_click_and_by_angle_keys)
{
	struct view *v = &mon.view;
	struct column c[COL_MAX];

	tui_resize(&t, 250, 50);                    /* every column shown */
	UNIT_KEYS(&t, 'v');
	ck_assert_int_eq(v->key, SORT_ADDR);
	ck_assert(click_heading(SORT_DROPS) & REACT_SAVE);
	ck_assert_int_eq(v->key, SORT_DROPS);
	ck_assert(!v->reverse);
	uint32_t first = v->idx[0];
	click_heading(SORT_DROPS);                  /* again: inverted */
	ck_assert(v->reverse);
	ck_assert_uint_ne(v->idx[0], first);
	click_heading(SORT_NTP);                    /* another column: its natural direction */
	ck_assert_int_eq(v->key, SORT_NTP);
	ck_assert(!v->reverse);
	/* a heading that is no sort key says so and changes nothing */
	size_t n = table_columns(c);
	long plain = -1;
	for (size_t i = 0; i < n && plain < 0; i++)
		if (c[i].w > 0 && c[i].sort == COL_NO_SORT)
			plain = (long)i;
	ck_assert_int_ge(plain, 0);
	tui_react(&t, tui_click(&t, t.reg.body.x + c[plain].x, t.reg.body.y, false));
	ck_assert_int_eq(v->key, SORT_NTP);
	ck_assert_ptr_nonnull(strstr(t.message, "not a sort key"));
	/* > and < walk the sortable columns shown, left to right, wrapping */
	int keys[COL_MAX];
	size_t nk = 0, at = 0;
	for (size_t i = 0; i < n; i++)
		if (c[i].w > 0 && c[i].sort != COL_NO_SORT) {
			if (c[i].sort == SORT_NTP)
				at = nk;
			keys[nk++] = c[i].sort;
		}
	ck_assert_int_eq(keys[at], SORT_NTP);
	for (size_t i = 1; i <= nk; i++) {
		UNIT_KEYS(&t, '>');
		ck_assert_int_eq(v->key, keys[(at + i) % nk]);
	}
	for (size_t i = 1; i <= at; i++)
		UNIT_KEYS(&t, '<');
	ck_assert_int_eq(v->key, SORT_STATUS);      /* Status is the first column */
	ck_assert_int_eq(columns_sorted(c, n, SORT_STATUS), 0);
	UNIT_KEYS(&t, '<');
	ck_assert_int_eq(v->key, keys[nk - 1]);     /* and before it the last */
	UNIT_KEYS(&t, '>');
	/* the cards: < and > step through the menu's orders */
	UNIT_KEYS(&t, 'v', '>');
	ck_assert_int_eq(v->key, (SORT_STATUS + 1) % SORT_COUNT);
}
END_TEST

/* ---- the Server and Sources screens, on the real chronyc fixtures ---- */

/* The program's three screens, without painters (no curses here). */
static const struct screen three[] = {
	{ &cards_ops, cards_draw }, { &server_ops, probe_draw }, { &sources_ops, probe_draw },
};

/* A row sink that keeps nothing. */
static bool
no_rows(void *ctx, const struct row *r)
{
	return true;
}

/* Fill m->srv from the fixtures of one chronyc -m run (a second source
 * added, unreachable: reach 0), read now. */
static void
srv_fill(struct monitor *m)
{
	static const char *const files[] = {
		"n5-chronyclient-tracking.csv", "mixed-serverstats.csv", "n5-chronyclient-activity.csv",
		"n5-chronyclient-sources.csv", "n5-chronyclient-sourcestats.csv",
	};
	char all[8192] = "";
	struct parse_report rep;

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t len;
		char *text = unit_fixture(files[i], &len);
		strncat(all, text, sizeof all - strlen(all) - 1);
		if (i == 3)
			strncat(all, "^,?,192.0.2.1,0,6,0,4294967295,0.0,0.0,0.0\n", sizeof all - strlen(all) - 1);
		if (i == 4)
			strncat(all, "192.0.2.1,0,0,0,0.000,0.000,0.0,0.0\n", sizeof all - strlen(all) - 1);
		free(text);
	}
	parse_reports(all, strlen(all), no_rows, NULL, &m->srv, &rep);
	m->srv_time = m->poll_time;
}

/* Set up the program's three screens on the mixed clients and the server's
 * fixtures, in a UTF-8 locale (the widths of the marks count as the screen's). */
static void
srv_setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C.UTF-8"));
	unit_tui(&mon, &t, 100, 30);
	tui_free(&t);
	srv_fill(&mon);
	ck_assert(tui_init(&t, &mon, 1.0, true, three, 3));
	tui_resize(&t, 100, 30);
	tui_refreshed(&t);
}

/* Free them; back to the C locale. */
static void
srv_teardown(void)
{
	teardown();
	setlocale(LC_CTYPE, "C");
}

/* The index of the line of s labelled label, or -1. */
static long
line_of(const struct server_screen *s, const char *label)
{
	for (size_t i = 0; i < s->nlines; i++)
		if (s->line[i].label && strcmp(s->line[i].label, label) == 0)
			return (long)i;
	return -1;
}

/* The text of s's notes, joined. */
static const char *
notes_of(const struct server_screen *s)
{
	static char all[4096];

	all[0] = '\0';
	for (size_t i = 0; i < s->nlines; i++)
		if (s->line[i].kind == INFO_NOTE)
			strncat(strncat(all, s->line[i].value, sizeof all - strlen(all) - 1), "|", sizeof all - strlen(all) - 1);
	return all;
}

START_TEST(the_server_screen_shows_tracking_serverstats_activity_and_the_verdict)
{
	struct server_screen *s = t.state[1];

	UNIT_KEYS(&t, '2');
	ck_assert_ptr_eq(tui_screen(&t)->ops, &server_ops);
	ck_assert_str_eq(s->sec[0].title, "Verdict");
	ck_assert_int_ge(s->line[s->sec[0].first].status, 0);
	ck_assert_str_eq(s->line[line_of(s, "Reference ID")].value, "7F000001");
	ck_assert_str_eq(s->line[line_of(s, "Stratum")].value, "11");
	ck_assert_int_ge(line_of(s, "NTP packets received"), 0);
	ck_assert_int_ge(line_of(s, "Sources online"), 0);
	/* the unreachable source makes the server warning, and the reason says why */
	ck_assert_str_eq(s->line[s->sec[0].first].value, "WARN");
	ck_assert_ptr_nonnull(strstr(notes_of(s), "192.0.2.1"));
	/* rates of the counters once there are two reads */
	ck_assert_str_eq(s->line[line_of(s, "NTP packets received")].extra, "");
	mon.srv_rates.known[SST_NTP_RECEIVED] = true;
	mon.srv_rates.v[SST_NTP_RECEIVED] = 12.4;
	mon.have_srv_rates = true;
	tui_refreshed(&t);
	ck_assert_str_eq(s->line[line_of(s, "NTP packets received")].extra, "12/s");
	/* sections in as many columns as fit; the keys scroll */
	ck_assert_int_eq(s->grid.cols, 2);
	tui_resize(&t, 40, 12);
	UNIT_KEYS(&t, KEYC_END);
	ck_assert_int_gt(s->top, 0);
	UNIT_KEYS(&t, KEYC_HOME);
	ck_assert_int_eq(s->top, 0);
	tui_resize(&t, 20, 6);                       /* too small: nothing breaks */
	UNIT_KEYS(&t, KEYC_DOWN, KEYC_TAB, KEYC_DOWN, KEYC_ENTER, KEYC_BTAB);
	/* stale: the last poll did not read it */
	mon.poll_time = mon.srv_time + 1;
	tui_resize(&t, 100, 30);
	tui_refreshed(&t);
	ck_assert_ptr_nonnull(strstr(notes_of(s), "STALE"));
}
END_TEST

/* The Server and Sources screens move with the Clients screen's keys:
 * g/G as Home/End, Ctrl-B/Ctrl-F as PgUp/PgDn. */
START_TEST(every_list_moves_with_the_same_keys)
{
	struct server_screen *sv = t.state[1];
	struct sources_screen *so = t.state[2];

	tui_resize(&t, 40, 12);
	UNIT_KEYS(&t, '2', KEYC_END);
	long end = sv->top;
	ck_assert_int_gt(end, 0);
	UNIT_KEYS(&t, 'g');
	ck_assert_int_eq(sv->top, 0);
	UNIT_KEYS(&t, KEYC_CTRL('f'));
	ck_assert_int_gt(sv->top, 0);
	UNIT_KEYS(&t, 'G', KEYC_CTRL('b'));
	ck_assert_int_lt(sv->top, end);
	UNIT_KEYS(&t, '3', 'G');
	ck_assert_uint_eq(so->sel, 1);
	UNIT_KEYS(&t, KEYC_CTRL('b'));
	ck_assert_uint_eq(so->sel, 0);
	UNIT_KEYS(&t, KEYC_CTRL('f'));
	ck_assert_uint_eq(so->sel, 1);
}
END_TEST

START_TEST(notes_wrap_at_spaces)
{
	static const char note[] = "client list incomplete: chronyd dropped 7 client log records; raise clientloglimit";
	struct info_line l = { .kind = INFO_NOTE, .status = -1, .spark = -1 };
	struct server_screen *s = t.state[1];

	ck_assert_uint_eq(info_note_row(note, strlen(note), 20), strlen("client list "));
	ck_assert_uint_eq(info_note_row("abcdefghij", 10, 4), 4);          /* a long word is cut at the edge */
	ck_assert_uint_eq(info_note_row("abc def", 7, 20), 7);             /* all fits: all of it */
	ck_assert_uint_eq(info_note_row("abc", 3, 0), 1);                  /* never a row of nothing */
	snprintf(l.value, sizeof l.value, "%s", note);
	ck_assert_uint_eq(info_line_rows(&l, 200, true), 1);
	ck_assert_uint_eq(info_line_rows(&l, 50, true), 2);                /* 48 columns a row */
	ck_assert_uint_eq(info_line_rows(&l, 22, true), 5);
	l.kind = INFO_FIELD;
	ck_assert_uint_eq(info_line_rows(&l, 22, true), 1);                /* a field is one row, cut */
	/* a section is as tall as its lines' rows: the verdict's reasons wrap */
	UNIT_KEYS(&t, '2');
	tui_resize(&t, 40, 30);
	unsigned h = 1;
	for (size_t k = 0; k < s->sec[0].n; k++)
		h += info_line_rows(&s->line[s->sec[0].first + k], s->grid.col_w[s->grid.cell[0].col], true);
	ck_assert_uint_eq(s->grid.cell[0].h, h);
	ck_assert_uint_gt(h, 1 + s->sec[0].n);                           /* some reason took two rows */
}
END_TEST

START_TEST(a_dashboard_says_what_it_offers)
{
	struct server_screen *s = t.state[1];

	server_data_clients_only(&mon.srv, "a dashboard's /data carries only its clients");
	snprintf(mon.last.server.time, sizeof mon.last.server.time, "22-11-2026, 02:46:59");
	UNIT_KEYS(&t, '2');
	ck_assert_uint_eq(s->nsec, 1);
	ck_assert_ptr_nonnull(strstr(notes_of(s), "carries only its clients"));
	ck_assert_str_eq(s->line[line_of(s, "Its clock")].value, "22-11-2026, 02:46:59");
	ck_assert_str_eq(s->line[line_of(s, "Clients listed")].value, "7");
	ck_assert_int_lt(line_of(s, "Reference ID"), 0);    /* no empty grid, no zeros */
	ck_assert_int_lt(line_of(s, "NTP packets received"), 0);
}
END_TEST

START_TEST(the_sources_screen_a_row_each_and_ntpdata_on_enter)
{
	struct sources_screen *s = t.state[2];
	struct column c[SC_COUNT];
	char cell[256];

	UNIT_KEYS(&t, '3');
	ck_assert_ptr_eq(tui_screen(&t)->ops, &sources_ops);
	ck_assert_uint_eq(mon.srv.nsources, 2);
	ck_assert_str_eq(s->sel_addr, "127.0.0.1");
	const struct srv_source *a = &mon.srv.sources[0], *b = &mon.srv.sources[1];
	sources_cell(cell, sizeof cell, a, SC_STATE, true);
	ck_assert_str_eq(cell, "^* selected");
	sources_cell(cell, sizeof cell, a, SC_REACH, true);
	ck_assert_str_eq(cell, "·●●●●●●●");                   /* 177: the oldest of 8 polls missed */
	sources_cell(cell, sizeof cell, b, SC_REACH, false);
	ck_assert_str_eq(cell, "........");
	sources_cell(cell, sizeof cell, a, SC_OFFSET, true);
	ck_assert_ptr_nonnull(strstr(cell, " ± "));
	sources_cell(cell, sizeof cell, a, SC_VERDICT, true);
	ck_assert_str_eq(cell, "● OK");
	sources_cell(cell, sizeof cell, b, SC_VERDICT, false);
	ck_assert_str_eq(cell, "X CRIT");
	/* 80 columns: the name, state, reach, last sample and verdict stay */
	sources_columns(&t, c, 80);
	for (int i = 0; i < SC_COUNT; i++)
		if (i == SC_NAME || i == SC_STATE || i == SC_REACH || i == SC_OFFSET || i == SC_VERDICT)
			ck_assert_int_gt(c[i].w, 0);
	ck_assert_int_le(c[SC_VERDICT].x + c[SC_VERDICT].w, 80);
	/* Enter asks for the selected source's ntpdata, and shows it when it came */
	UNIT_KEYS(&t, KEYC_ENTER);
	ck_assert(s->open);
	ck_assert_str_eq(mon.src->want_ntpdata, "127.0.0.1");
	ck_assert_int_eq(sources_open_lines(&t, 100), 3);     /* not yet: the verdict, a note, the closing line */
	size_t len;
	char *nd = unit_fixture("n5-chronyclient-ntpdata.csv", &len);
	struct server_data sd;
	struct parse_report rep;
	parse_reports(nd, len, no_rows, NULL, &sd, &rep);
	free(nd);
	mon.srv.ntpdata = sd.ntpdata;
	mon.srv.have[SRV_NTPDATA] = true;
	snprintf(mon.srv.ntpdata_for, sizeof mon.srv.ntpdata_for, "127.0.0.1");
	ck_assert_int_gt(sources_open_lines(&t, 100), 3);
	/* the selection moves, the ntpdata asked follows; it stays on its source when the order changes */
	UNIT_KEYS(&t, KEYC_DOWN);
	ck_assert_str_eq(s->sel_addr, "192.0.2.1");
	ck_assert_str_eq(mon.src->want_ntpdata, "192.0.2.1");
	struct srv_source tmp = mon.srv.sources[0];
	mon.srv.sources[0] = mon.srv.sources[1];
	mon.srv.sources[1] = tmp;
	tui_refreshed(&t);
	ck_assert_uint_eq(s->sel, 0);
	ck_assert_str_eq(s->sel_addr, "192.0.2.1");
	UNIT_KEYS(&t, KEYC_ENTER);                          /* closed: nothing asked */
	ck_assert_str_eq(mon.src->want_ntpdata, "");
	/* a click selects, a double click opens */
	tui_react(&t, tui_click(&t, 3, t.reg.body.y + SOURCES_HEAD_LINES + 1, false));
	ck_assert_str_eq(s->sel_addr, "127.0.0.1");
	tui_react(&t, tui_click(&t, 3, t.reg.body.y + SOURCES_HEAD_LINES + 1, true));
	ck_assert(s->open);
}
END_TEST

/* Another server selected (a fleet's .): the Sources screen starts at its
 * first source, closed, and the server before is asked for no more
 * ntpdata, though both list the same addresses. */
START_TEST(the_sources_screen_starts_over_at_another_server)
{
	static struct source srcs[2] = { { .kind = "chronyc", .target = "a" }, { .kind = "chronyc", .target = "b" } };
	static char names[2][FLEET_NAME_MAX] = { "a", "b" };
	struct monitor ms[2];
	struct fleet f = { .mon = ms, .name = names, .n = 2 };
	struct sources_screen *s = t.state[2];
	struct health health;

	health_init(&health, HEALTH_WARN_DROPS, HEALTH_CRIT_DROPS);
	for (size_t i = 0; i < 2; i++) {
		ck_assert(monitor_init(&ms[i], &srcs[i], &health));
		srv_fill(&ms[i]);
	}
	tui_set_fleet(&t, &f);
	tui_refreshed(&t);
	UNIT_KEYS(&t, '3', KEYC_DOWN, KEYC_ENTER);
	ck_assert(s->open);
	ck_assert_str_eq(srcs[0].want_ntpdata, "192.0.2.1");
	UNIT_KEYS(&t, '.');
	ck_assert_ptr_eq(t.mon, &ms[1]);
	ck_assert(!s->open);
	ck_assert_uint_eq(s->sel, 0);
	ck_assert_str_eq(s->sel_addr, "127.0.0.1");
	ck_assert_str_eq(srcs[0].want_ntpdata, "");   /* a asked for no more */
	tui_refreshed(&t);                            /* a poll: b's source still closed, nothing asked */
	ck_assert(!s->open);
	ck_assert_str_eq(srcs[1].want_ntpdata, "");
	tui_set_fleet(&t, &t.one);
	for (size_t i = 0; i < 2; i++)
		monitor_free(&ms[i]);
}
END_TEST

/* The three screens' tests. */
static TCase *
srv_case(void)
{
	TCase *tc = tcase_create("server and sources");
	tcase_add_checked_fixture(tc, srv_setup, srv_teardown);
	tcase_add_test(tc, the_server_screen_shows_tracking_serverstats_activity_and_the_verdict);
	tcase_add_test(tc, every_list_moves_with_the_same_keys);
	tcase_add_test(tc, notes_wrap_at_spaces);
	tcase_add_test(tc, a_dashboard_says_what_it_offers);
	tcase_add_test(tc, the_sources_screen_a_row_each_and_ntpdata_on_enter);
	tcase_add_test(tc, the_sources_screen_starts_over_at_another_server);
	return tc;
}

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
	tcase_add_test(tc, tab_and_numbers_switch_screens);
	tcase_add_test(tc, v_shows_a_table_of_one_row_each);
	tcase_add_test(tc, eighteen_rows_at_80x24);
	tcase_add_test(tc, headings_sort_by_click_and_by_angle_keys);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, srv_case());
	return s;
}

UNIT_MAIN(screens_suite)
