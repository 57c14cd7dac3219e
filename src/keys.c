/* keys.c — the binding table, dispatch, and the help and key bar made from it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "keys.h"
#include "source_replay.h"
#include "tui.h"

static unsigned keys_open_help(struct tui *t, int arg);

/* The app's actions, in help order. */
enum {
	A_SCREEN_NEXT, A_SCREEN_PREV, A_SCREEN_1, A_SCREEN_2, A_SCREEN_3,
	A_FILTER, A_EDIT_ACCEPT, A_EDIT_CANCEL, A_EDIT_ERASE, A_EDIT_CLEAR,
	A_SORT_MENU, A_MENU_UP, A_MENU_DOWN, A_MENU_PICK, A_INVERT,
	A_SERVER_NEXT, A_SERVER_PREV, A_GROUP,
	A_THEME, A_PAUSE, A_REFRESH, A_MOUSE, A_REDRAW,
	A_HELP, A_HELP_UP, A_HELP_DOWN, A_HELP_PAGE_UP, A_HELP_PAGE_DOWN, A_HELP_HOME, A_HELP_END,
	A_CLOSE, A_QUIT,
};

static const struct action actions[] = {
	[A_SCREEN_NEXT]      = { tui_screen_step, 1, "Next screen" },
	[A_SCREEN_PREV]      = { tui_screen_step, -1, "Previous screen" },
	[A_SCREEN_1]         = { tui_switch, 0, "Clients (the first screen)" },
	[A_SCREEN_2]         = { tui_switch, 1, "Server: its own clock and counters (the second)" },
	[A_SCREEN_3]         = { tui_switch, 2, "Sources: where it takes its time (the third)" },
	[A_FILTER]           = { tui_filter_start, 0, "Filter: show only the cards that match" },
	[A_EDIT_ACCEPT]      = { tui_edit_accept, 0, "Keep what you typed and go back to the cards" },
	[A_EDIT_CANCEL]      = { tui_edit_cancel, 0, "Clear it and go back to the cards" },
	[A_EDIT_ERASE]       = { tui_edit_erase, 0, "Erase the last character" },
	[A_EDIT_CLEAR]       = { tui_edit_clear, 0, "Erase the whole line" },
	[A_SORT_MENU]        = { tui_sort_menu, 0, "Choose the order of the cards" },
	[A_MENU_UP]          = { tui_menu_move, -1, "Previous order" },
	[A_MENU_DOWN]        = { tui_menu_move, 1, "Next order" },
	[A_MENU_PICK]        = { tui_menu_pick, 0, "Sort by the highlighted order" },
	[A_INVERT]           = { tui_invert, 0, "Invert the order" },
	[A_SERVER_NEXT]      = { tui_server_step, 1, "Select the next server of a fleet" },
	[A_SERVER_PREV]      = { tui_server_step, -1, "Select the previous server" },
	[A_GROUP]            = { tui_group_toggle, 0, "Group a fleet's cards by server, or one list" },
	[A_THEME]            = { tui_theme_next, 0, "Next theme: dark, light, mono" },
	[A_PAUSE]            = { tui_pause, 0, "Pause or resume polling (the header says PAUSED)" },
	[A_REFRESH]          = { tui_refresh_now, 0, "Refresh now (also while paused: one step)" },
	[A_MOUSE]            = { tui_mouse_toggle, 0, "Mouse on or off (off: the terminal selects text)" },
	[A_REDRAW]           = { tui_redraw, 0, "Repaint the screen" },
	[A_HELP]             = { keys_open_help, 0, "Show this help" },
	[A_HELP_UP]          = { tui_help_scroll, -SCROLL_LINE, "Scroll up a line" },
	[A_HELP_DOWN]        = { tui_help_scroll, SCROLL_LINE, "Scroll down a line" },
	[A_HELP_PAGE_UP]     = { tui_help_scroll, -SCROLL_PAGE, "Scroll up a page" },
	[A_HELP_PAGE_DOWN]   = { tui_help_scroll, SCROLL_PAGE, "Scroll down a page" },
	[A_HELP_HOME]        = { tui_help_scroll, -SCROLL_ALL, "Go to the top" },
	[A_HELP_END]         = { tui_help_scroll, SCROLL_ALL, "Go to the end" },
	[A_CLOSE]            = { tui_close, 0, "Close" },
	[A_QUIT]             = { tui_quit, 0, "Quit" },
};

#define B TUI_BROWSE
#define S TUI_SEARCH
#define F TUI_FILTER
#define M TUI_SORT
#define H TUI_HELP

/* Table order is help order within an action; `slot` orders the key bar,
 * whose last item (the biggest slot) is never dropped from a narrow bar. */
static const struct binding bindings[] = {
	{ B, KEYC_TAB, A_SCREEN_NEXT, NULL, 0 },
	{ B, KEYC_BTAB, A_SCREEN_PREV, NULL, 0 },
	{ B, '1', A_SCREEN_1, NULL, 0 },
	{ B, '2', A_SCREEN_2, NULL, 0 },
	{ B, '3', A_SCREEN_3, NULL, 0 },
	{ B, KEYC_F1, A_HELP, "Help", 10 },
	{ B, '?', A_HELP, NULL, 0 },
	{ B, 'h', A_HELP, NULL, 0 },
	{ B, KEYC_F4, A_FILTER, "Filter", 40 },
	{ B, '\\', A_FILTER, NULL, 0 },
	{ B, KEYC_F6, A_SORT_MENU, "Sort", 60 },
	{ B, 's', A_SORT_MENU, NULL, 0 },
	{ B, 'I', A_INVERT, NULL, 0 },
	{ B, '.', A_SERVER_NEXT, "Server", 65 },
	{ B, ',', A_SERVER_PREV, NULL, 0 },
	{ B, 'b', A_GROUP, "Group", 70 },
	{ B, 't', A_THEME, "Theme", 80 },
	{ B, 'p', A_PAUSE, "Pause", 90 },
	{ B, KEYC_F5, A_REFRESH, NULL, 0 },
	{ B, 'm', A_MOUSE, NULL, 0 },
	{ B, KEYC_CTRL('l'), A_REDRAW, NULL, 0 },
	{ B, KEYC_F10, A_QUIT, "Quit", 100 },
	{ B, 'q', A_QUIT, NULL, 0 },

	{ S, KEYC_ENTER, A_EDIT_ACCEPT, "Done", 10 },
	{ S, KEYC_BACKSPACE, A_EDIT_ERASE, NULL, 0 },
	{ S, KEYC_CTRL('u'), A_EDIT_CLEAR, NULL, 0 },
	{ S, KEYC_CTRL('l'), A_REDRAW, NULL, 0 },
	{ S, KEYC_F10, A_QUIT, NULL, 0 },
	{ S, KEYC_ESC, A_EDIT_CANCEL, "Clear", 100 },

	{ F, KEYC_ENTER, A_EDIT_ACCEPT, "Done", 10 },
	{ F, KEYC_BACKSPACE, A_EDIT_ERASE, NULL, 0 },
	{ F, KEYC_CTRL('u'), A_EDIT_CLEAR, NULL, 0 },
	{ F, KEYC_CTRL('l'), A_REDRAW, NULL, 0 },
	{ F, KEYC_F10, A_QUIT, NULL, 0 },
	{ F, KEYC_ESC, A_EDIT_CANCEL, "Clear", 100 },

	{ M, KEYC_UP, A_MENU_UP, NULL, 0 },
	{ M, 'k', A_MENU_UP, NULL, 0 },
	{ M, KEYC_DOWN, A_MENU_DOWN, NULL, 0 },
	{ M, 'j', A_MENU_DOWN, NULL, 0 },
	{ M, KEYC_ENTER, A_MENU_PICK, "Sort", 10 },
	{ M, ' ', A_MENU_PICK, NULL, 0 },
	{ M, 'I', A_INVERT, "Invert", 20 },
	{ M, KEYC_CTRL('l'), A_REDRAW, NULL, 0 },
	{ M, KEYC_F10, A_QUIT, NULL, 0 },
	{ M, KEYC_ESC, A_CLOSE, "Cancel", 100 },
	{ M, KEYC_F6, A_CLOSE, NULL, 0 },
	{ M, 's', A_CLOSE, NULL, 0 },
	{ M, 'q', A_CLOSE, NULL, 0 },

	KEYS_MOVE(H, A_HELP_UP, A_HELP_DOWN, A_HELP_PAGE_UP, A_HELP_PAGE_DOWN, A_HELP_HOME, A_HELP_END),
	{ H, ' ', A_HELP_PAGE_DOWN, NULL, 0 },
	{ H, KEYC_CTRL('l'), A_REDRAW, NULL, 0 },
	{ H, KEYC_F10, A_QUIT, NULL, 0 },
	{ H, KEYC_ESC, A_CLOSE, "Close", 100 },
	{ H, 'q', A_CLOSE, NULL, 0 },
	{ H, KEYC_F1, A_CLOSE, NULL, 0 },
	{ H, '?', A_CLOSE, NULL, 0 },
	{ H, 'h', A_CLOSE, NULL, 0 },
};

#undef B
#undef S
#undef F
#undef M
#undef H

static const struct keymap app = KEYMAP(actions, bindings);

/* --- the replay's keys (--replay): looked up before the screen's and the
 * app's while a recording plays, so Home and End move in time there. ---- */

/* Play faster (arg 1) or slower (-1). */
static unsigned
replay_key_speed(struct tui *t, int arg)
{
	replay_speed(t->mon->src, arg);
	return REACT_HEADER;
}

/* Jump arg seconds of recorded time, and show where at once. */
static unsigned
replay_key_jump(struct tui *t, int arg)
{
	replay_jump(t->mon->src, arg);
	t->mon->poll_now = true;
	return REACT_HEADER;
}

/* Go to the first poll (arg 0) or the last (1), and show it at once. */
static unsigned
replay_key_edge(struct tui *t, int arg)
{
	replay_edge(t->mon->src, arg);
	t->mon->poll_now = true;
	tui_message(t, arg ? "Replay: the last poll" : "Replay: the first poll");
	return REACT_HEADER;
}

enum { R_FASTER, R_SLOWER, R_BACK, R_AHEAD, R_FIRST, R_LAST };

static const struct action replay_actions[] = {
	[R_FASTER] = { replay_key_speed, 1, "Replay faster (up to x64)" },
	[R_SLOWER] = { replay_key_speed, -1, "Replay slower (down to x1/4)" },
	[R_BACK]   = { replay_key_jump, -60, "Replay: back a minute" },
	[R_AHEAD]  = { replay_key_jump, 60, "Replay: ahead a minute" },
	[R_FIRST]  = { replay_key_edge, 0, "Replay: the first poll" },
	[R_LAST]   = { replay_key_edge, 1, "Replay: the last poll" },
};

static const struct binding replay_bindings[] = {
	{ TUI_BROWSE, ']', R_FASTER, NULL, 0 },
	{ TUI_BROWSE, '[', R_SLOWER, NULL, 0 },
	{ TUI_BROWSE, '{', R_BACK, NULL, 0 },
	{ TUI_BROWSE, '}', R_AHEAD, NULL, 0 },
	{ TUI_BROWSE, KEYC_HOME, R_FIRST, NULL, 0 },
	{ TUI_BROWSE, KEYC_END, R_LAST, NULL, 0 },
};

static const struct keymap replay_map = KEYMAP(replay_actions, replay_bindings);

/* The app's own key table. */
const struct keymap *
keys_app(void)
{
	return &app;
}

static const char *const special_names[KEYC_LAST - KEYC_BASE] = {
	[KEYC_UP - KEYC_BASE] = "Up", [KEYC_DOWN - KEYC_BASE] = "Down",
	[KEYC_LEFT - KEYC_BASE] = "Left", [KEYC_RIGHT - KEYC_BASE] = "Right",
	[KEYC_PGUP - KEYC_BASE] = "PgUp", [KEYC_PGDN - KEYC_BASE] = "PgDn",
	[KEYC_HOME - KEYC_BASE] = "Home", [KEYC_END - KEYC_BASE] = "End",
	[KEYC_ENTER - KEYC_BASE] = "Enter", [KEYC_ESC - KEYC_BASE] = "Esc",
	[KEYC_BACKSPACE - KEYC_BASE] = "Backspace", [KEYC_BTAB - KEYC_BASE] = "Shift-Tab",
	[KEYC_F1 - KEYC_BASE] = "F1", [KEYC_F2 - KEYC_BASE] = "F2", [KEYC_F3 - KEYC_BASE] = "F3",
	[KEYC_F4 - KEYC_BASE] = "F4", [KEYC_F5 - KEYC_BASE] = "F5", [KEYC_F6 - KEYC_BASE] = "F6",
	[KEYC_F7 - KEYC_BASE] = "F7", [KEYC_F8 - KEYC_BASE] = "F8", [KEYC_F9 - KEYC_BASE] = "F9",
	[KEYC_F10 - KEYC_BASE] = "F10", [KEYC_F11 - KEYC_BASE] = "F11", [KEYC_F12 - KEYC_BASE] = "F12",
};

/* Name key for people into buf. */
const char *
keys_name(int key, char *buf, size_t size)
{
	if (key >= KEYC_BASE && key < KEYC_LAST)
		snprintf(buf, size, "%s", special_names[key - KEYC_BASE]);
	else if (key == ' ')
		snprintf(buf, size, "Space");
	else if (key == KEYC_TAB)
		snprintf(buf, size, "Tab");
	else if (key >= 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + 'A' - 1);
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "U+%04X", (unsigned)key);
	return buf;
}

/* The binding of key in mode in map, or NULL. */
static const struct binding *
find(const struct keymap *map, enum tui_mode mode, int key)
{
	for (size_t i = 0; i < map->nbindings; i++)
		if (map->bindings[i].mode == mode && map->bindings[i].key == key)
			return &map->bindings[i];
	return NULL;
}

/* Do what key means in t's current mode on its current screen. */
unsigned
keys_press(struct tui *t, int key)
{
	const struct keymap *maps[3] = { &replay_map, &tui_screen(t)->ops->keys, &app };
	char name[16];

	for (size_t m = t->mon && t->mon->src && replay_is(t->mon->src) ? 0 : 1; m < 3; m++) {
		const struct binding *b = find(maps[m], t->mode, key);
		if (b)
			return maps[m]->actions[b->act].run(t, maps[m]->actions[b->act].arg);
	}
	if ((t->mode == TUI_SEARCH || t->mode == TUI_FILTER) && key >= 0 && key < KEYC_BASE)
		return tui_insert(t, (uint32_t)key);
	if (t->mode == TUI_HELP)
		return tui_close(t, 0);
	if (key >= KEYC_F1 && key <= KEYC_F12)
		tui_message(t, "%s: no action in ticctop (F1 lists the keys)", keys_name(key, name, sizeof name));
	return 0;
}

/* The filter line's note: its words, from view.c's table. */
static char filter_note[KEYS_NOTE_MAX + 1];

/* The app's help sections, after the screen's. */
static const struct help_section sections[] = {
	{ "Filter line", TUI_FILTER,
	  { "Other keys type: a part of the address, and the words (they may repeat)", filter_note } },
	{ "Sort menu", TUI_SORT, { NULL } },
	{ "This help", TUI_HELP, { "Any other key closes it" } },
	{ "Status", -1,
	  { "OK, WARN or CRIT by NTP drops (--warn-drops, --crit-drops)",
	    "An open card says which rule set its status",
	    "The header counts all clients; \"shown\" counts what the filter lets by" } },
	{ "Replay (--replay)", -1,
	  { "] [ faster, slower; { } back, ahead a minute; p pause",
	    "Home, End: the first poll, the last (not the first card, the last)",
	    "The header says REPLAY, the recorded time and the speed" } },
	{ "Remembered", -1,
	  { "Theme, order, view, open cards, per source, in $XDG_STATE_HOME/ticctop",
	    "A fleet: per set of sources, with its grouping and selected server",
	    "Defaults in $XDG_CONFIG_HOME/ticctop/config: `long-option = value`" } },
};

/* Append a line to out if there is room; count it either way. */
static void
help_add(struct help_line *out, size_t max, size_t *n, bool heading, const char *keys, const char *text)
{
	if (*n < max) {
		out[*n].heading = heading;
		snprintf(out[*n].keys, sizeof out[*n].keys, "%s", keys);
		out[*n].text = text;
	}
	(*n)++;
}

/* Write the names of the keys bound to action a of map in mode, comma-separated, into buf. */
static void
keys_of(const struct keymap *map, int mode, int a, char *buf, size_t size)
{
	char name[16];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < map->nbindings && o < size; i++)
		if ((int)map->bindings[i].mode == mode && map->bindings[i].act == a)
			o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "",
			                      keys_name(map->bindings[i].key, name, sizeof name));
}

/* Add section sec: its title, the keys of its mode in s's map then the app's, its notes. */
static void
help_section(const struct screen_ops *s, const struct help_section *sec, struct help_line *out, size_t max,
             size_t *n)
{
	const struct keymap *maps[2] = { &s->keys, &app };
	char keys[48];

	if (*n > 0)
		help_add(out, max, n, false, "", "");
	help_add(out, max, n, true, "", sec->title);
	for (size_t m = 0; sec->mode >= 0 && m < 2; m++)
		for (size_t a = 0; a < maps[m]->nactions; a++) {
			keys_of(maps[m], sec->mode, (int)a, keys, sizeof keys);
			if (keys[0])
				help_add(out, max, n, false, keys, maps[m]->actions[a].help);
		}
	for (size_t k = 0; k < 3 && sec->notes[k]; k++)
		help_add(out, max, n, false, "", sec->notes[k]);
}

/* Fill out with the help of screen s: its sections, then the app's. */
size_t
keys_help(const struct screen_ops *s, struct help_line *out, size_t max)
{
	size_t n = 0;

	filter_words(filter_note, sizeof filter_note);
	for (size_t i = 0; i < s->nhelp; i++)
		help_section(s, &s->help[i], out, max, &n);
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		help_section(s, &sections[i], out, max, &n);
	return n;
}

/* Return whether the app's action a is about a fleet (its keys in the bar only then). */
static bool
fleet_only(int a)
{
	return a == A_SERVER_NEXT || a == A_SERVER_PREV || a == A_GROUP;
}

/* Lay out the key bar of mode on screen s (of a fleet or not) in width columns. */
size_t
keys_bar(const struct screen_ops *s, enum tui_mode mode, bool fleet, int width, struct bar_item *items, size_t max)
{
	const struct keymap *maps[2] = { &s->keys, &app };
	int slots[32];
	size_t n = 0;
	int total = 0;

	for (size_t m = 0; m < 2; m++)
		for (size_t i = 0; i < maps[m]->nbindings && n < max && n < 32; i++) {
			const struct binding *b = &maps[m]->bindings[i];
			if (b->mode != mode || !b->bar || (!fleet && m == 1 && fleet_only(b->act)))
				continue;
			/* insert in slot order */
			size_t at = n;
			while (at > 0 && slots[at - 1] > b->slot) {
				slots[at] = slots[at - 1];
				items[at] = items[at - 1];
				at--;
			}
			slots[at] = b->slot;
			items[at].key = b->key;
			keys_name(b->key, items[at].name, sizeof items[at].name);
			items[at].label = b->bar;
			items[at].w = (int)(strlen(items[at].name) + strlen(b->bar)) + 1;
			total += items[at].w;
			n++;
		}
	while (total > width && n > 1) {
		/* drop the item before the last one (the last is quit/close/clear) */
		total -= items[n - 2].w;
		items[n - 2] = items[n - 1];
		n--;
	}
	if (total > width)
		n = 0;
	for (size_t i = 0, x = 0; i < n; x += (size_t)items[i++].w)
		items[i].x = (int)x;
	return n;
}

/* The key of the bar item at column x, or KEYC_NONE. */
int
keys_bar_hit(const struct screen_ops *s, enum tui_mode mode, bool fleet, int width, int x)
{
	struct bar_item items[16];
	size_t n = keys_bar(s, mode, fleet, width, items, 16);

	for (size_t i = 0; i < n; i++)
		if (x >= items[i].x && x < items[i].x + items[i].w)
			return items[i].key;
	return KEYC_NONE;
}

/* Open the help of t's current screen, its lines made from the key tables. */
static unsigned
keys_open_help(struct tui *t, int arg)
{
	size_t n = keys_help(tui_screen(t)->ops, t->help, TUI_HELP_MAX);

	t->help_lines = (long)(n < TUI_HELP_MAX ? n : TUI_HELP_MAX);
	return tui_help(t, arg);
}
