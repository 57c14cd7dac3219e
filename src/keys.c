/* keys.c — the binding table, dispatch, and the help and key bar made from it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "keys.h"

struct action_def {
	unsigned (*run)(struct tui *t);
	const char *help;
};

static const struct action_def actions[ACT_COUNT] = {
	[ACT_UP]             = { tui_up, "Select the card above" },
	[ACT_DOWN]           = { tui_down, "Select the card below" },
	[ACT_LEFT]           = { tui_left, "Select the previous card" },
	[ACT_RIGHT]          = { tui_right, "Select the next card" },
	[ACT_PAGE_UP]        = { tui_page_up, "Scroll up a screenful" },
	[ACT_PAGE_DOWN]      = { tui_page_down, "Scroll down a screenful" },
	[ACT_HOME]           = { tui_home, "Select the first card" },
	[ACT_END]            = { tui_end, "Select the last card" },
	[ACT_TOGGLE]         = { tui_toggle, "Expand or collapse the selected card" },
	[ACT_EXPAND_ALL]     = { tui_expand_all, "Expand every card" },
	[ACT_COLLAPSE_ALL]   = { tui_collapse_all, "Collapse every card" },
	[ACT_SEARCH]         = { tui_search_start, "Search: jump between the matching cards" },
	[ACT_SEARCH_NEXT]    = { tui_search_next, "Jump to the next match" },
	[ACT_SEARCH_PREV]    = { tui_search_prev, "Jump to the previous match" },
	[ACT_SEARCH_CLEAR]   = { tui_search_clear, "Forget the search and its highlight" },
	[ACT_FILTER]         = { tui_filter_start, "Filter: show only the cards that match" },
	[ACT_EDIT_ACCEPT]    = { tui_edit_accept, "Keep what you typed and go back to the cards" },
	[ACT_EDIT_CANCEL]    = { tui_edit_cancel, "Clear it and go back to the cards" },
	[ACT_EDIT_ERASE]     = { tui_edit_erase, "Erase the last character" },
	[ACT_EDIT_CLEAR]     = { tui_edit_clear, "Erase the whole line" },
	[ACT_SORT_MENU]      = { tui_sort_menu, "Choose the order of the cards" },
	[ACT_MENU_UP]        = { tui_menu_up, "Previous order" },
	[ACT_MENU_DOWN]      = { tui_menu_down, "Next order" },
	[ACT_MENU_PICK]      = { tui_menu_pick, "Sort by the highlighted order" },
	[ACT_INVERT]         = { tui_invert, "Invert the order" },
	[ACT_THEME]          = { tui_theme_next, "Next theme: dark, light, mono" },
	[ACT_PAUSE]          = { tui_pause, "Pause or resume polling (the header says PAUSED)" },
	[ACT_REDRAW]         = { tui_redraw, "Repaint the screen" },
	[ACT_HELP]           = { tui_help, "Show this help" },
	[ACT_HELP_UP]        = { tui_help_up, "Scroll up a line" },
	[ACT_HELP_DOWN]      = { tui_help_down, "Scroll down a line" },
	[ACT_HELP_PAGE_UP]   = { tui_help_page_up, "Scroll up a page" },
	[ACT_HELP_PAGE_DOWN] = { tui_help_page_down, "Scroll down a page" },
	[ACT_HELP_HOME]      = { tui_help_home, "Go to the top" },
	[ACT_HELP_END]       = { tui_help_end, "Go to the end" },
	[ACT_CLOSE]          = { tui_close, "Close" },
	[ACT_QUIT]           = { tui_quit, "Quit" },
};

#define B TUI_BROWSE
#define S TUI_SEARCH
#define F TUI_FILTER
#define M TUI_SORT
#define H TUI_HELP

/* Table order is help order within an action and key bar order within a mode;
 * the last bar item of a mode is never dropped from a narrow bar. */
static const struct binding bindings[] = {
	{ B, KEYC_F1, ACT_HELP, "Help" },
	{ B, '?', ACT_HELP, NULL },
	{ B, 'h', ACT_HELP, NULL },
	{ B, KEYC_UP, ACT_UP, NULL },
	{ B, 'k', ACT_UP, NULL },
	{ B, KEYC_DOWN, ACT_DOWN, NULL },
	{ B, 'j', ACT_DOWN, NULL },
	{ B, KEYC_LEFT, ACT_LEFT, NULL },
	{ B, KEYC_RIGHT, ACT_RIGHT, NULL },
	{ B, 'l', ACT_RIGHT, NULL },
	{ B, KEYC_PGUP, ACT_PAGE_UP, NULL },
	{ B, KEYC_CTRL('b'), ACT_PAGE_UP, NULL },
	{ B, KEYC_PGDN, ACT_PAGE_DOWN, NULL },
	{ B, KEYC_CTRL('f'), ACT_PAGE_DOWN, NULL },
	{ B, KEYC_HOME, ACT_HOME, NULL },
	{ B, 'g', ACT_HOME, NULL },
	{ B, KEYC_END, ACT_END, NULL },
	{ B, 'G', ACT_END, NULL },
	{ B, KEYC_F3, ACT_SEARCH, "Search" },
	{ B, '/', ACT_SEARCH, NULL },
	{ B, 'n', ACT_SEARCH_NEXT, NULL },
	{ B, 'N', ACT_SEARCH_PREV, NULL },
	{ B, KEYC_ESC, ACT_SEARCH_CLEAR, NULL },
	{ B, KEYC_F4, ACT_FILTER, "Filter" },
	{ B, '\\', ACT_FILTER, NULL },
	{ B, KEYC_F6, ACT_SORT_MENU, "Sort" },
	{ B, 's', ACT_SORT_MENU, NULL },
	{ B, 'I', ACT_INVERT, NULL },
	{ B, KEYC_ENTER, ACT_TOGGLE, "Expand" },
	{ B, ' ', ACT_TOGGLE, NULL },
	{ B, '+', ACT_EXPAND_ALL, "All" },
	{ B, 'e', ACT_EXPAND_ALL, NULL },
	{ B, '-', ACT_COLLAPSE_ALL, NULL },
	{ B, 'E', ACT_COLLAPSE_ALL, NULL },
	{ B, 't', ACT_THEME, "Theme" },
	{ B, 'p', ACT_PAUSE, "Pause" },
	{ B, KEYC_CTRL('l'), ACT_REDRAW, NULL },
	{ B, KEYC_F10, ACT_QUIT, "Quit" },
	{ B, 'q', ACT_QUIT, NULL },

	{ S, KEYC_ENTER, ACT_EDIT_ACCEPT, "Done" },
	{ S, KEYC_F3, ACT_SEARCH_NEXT, "Next" },
	{ S, KEYC_DOWN, ACT_SEARCH_NEXT, NULL },
	{ S, KEYC_UP, ACT_SEARCH_PREV, NULL },
	{ S, KEYC_BACKSPACE, ACT_EDIT_ERASE, NULL },
	{ S, KEYC_CTRL('u'), ACT_EDIT_CLEAR, NULL },
	{ S, KEYC_CTRL('l'), ACT_REDRAW, NULL },
	{ S, KEYC_F10, ACT_QUIT, NULL },
	{ S, KEYC_ESC, ACT_EDIT_CANCEL, "Clear" },

	{ F, KEYC_ENTER, ACT_EDIT_ACCEPT, "Done" },
	{ F, KEYC_BACKSPACE, ACT_EDIT_ERASE, NULL },
	{ F, KEYC_CTRL('u'), ACT_EDIT_CLEAR, NULL },
	{ F, KEYC_CTRL('l'), ACT_REDRAW, NULL },
	{ F, KEYC_F10, ACT_QUIT, NULL },
	{ F, KEYC_ESC, ACT_EDIT_CANCEL, "Clear" },

	{ M, KEYC_UP, ACT_MENU_UP, NULL },
	{ M, 'k', ACT_MENU_UP, NULL },
	{ M, KEYC_DOWN, ACT_MENU_DOWN, NULL },
	{ M, 'j', ACT_MENU_DOWN, NULL },
	{ M, KEYC_ENTER, ACT_MENU_PICK, "Sort" },
	{ M, ' ', ACT_MENU_PICK, NULL },
	{ M, 'I', ACT_INVERT, "Invert" },
	{ M, KEYC_CTRL('l'), ACT_REDRAW, NULL },
	{ M, KEYC_F10, ACT_QUIT, NULL },
	{ M, KEYC_ESC, ACT_CLOSE, "Cancel" },
	{ M, KEYC_F6, ACT_CLOSE, NULL },
	{ M, 's', ACT_CLOSE, NULL },
	{ M, 'q', ACT_CLOSE, NULL },

	{ H, KEYC_UP, ACT_HELP_UP, NULL },
	{ H, 'k', ACT_HELP_UP, NULL },
	{ H, KEYC_DOWN, ACT_HELP_DOWN, NULL },
	{ H, 'j', ACT_HELP_DOWN, NULL },
	{ H, KEYC_PGUP, ACT_HELP_PAGE_UP, NULL },
	{ H, KEYC_PGDN, ACT_HELP_PAGE_DOWN, NULL },
	{ H, ' ', ACT_HELP_PAGE_DOWN, NULL },
	{ H, KEYC_HOME, ACT_HELP_HOME, NULL },
	{ H, KEYC_END, ACT_HELP_END, NULL },
	{ H, KEYC_CTRL('l'), ACT_REDRAW, NULL },
	{ H, KEYC_F10, ACT_QUIT, NULL },
	{ H, KEYC_ESC, ACT_CLOSE, "Close" },
	{ H, 'q', ACT_CLOSE, NULL },
	{ H, KEYC_F1, ACT_CLOSE, NULL },
	{ H, '?', ACT_CLOSE, NULL },
	{ H, 'h', ACT_CLOSE, NULL },
};

#undef B
#undef S
#undef F
#undef M
#undef H

#define NBINDINGS (sizeof bindings / sizeof bindings[0])

/* The binding table and its length. */
const struct binding *
keys_table(size_t *n)
{
	*n = NBINDINGS;
	return bindings;
}

/* The help line of action a. */
const char *
keys_action_help(enum action a)
{
	return actions[a].help;
}

static const char *const special_names[KEYC_LAST - KEYC_BASE] = {
	[KEYC_UP - KEYC_BASE] = "Up", [KEYC_DOWN - KEYC_BASE] = "Down",
	[KEYC_LEFT - KEYC_BASE] = "Left", [KEYC_RIGHT - KEYC_BASE] = "Right",
	[KEYC_PGUP - KEYC_BASE] = "PgUp", [KEYC_PGDN - KEYC_BASE] = "PgDn",
	[KEYC_HOME - KEYC_BASE] = "Home", [KEYC_END - KEYC_BASE] = "End",
	[KEYC_ENTER - KEYC_BASE] = "Enter", [KEYC_ESC - KEYC_BASE] = "Esc",
	[KEYC_BACKSPACE - KEYC_BASE] = "Backspace",
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
	else if (key >= 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + 'A' - 1);
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "U+%04X", (unsigned)key);
	return buf;
}

/* Do what key means in t's current mode. */
unsigned
keys_press(struct tui *t, int key)
{
	for (size_t i = 0; i < NBINDINGS; i++)
		if (bindings[i].mode == t->mode && bindings[i].key == key)
			return actions[bindings[i].act].run(t);
	if ((t->mode == TUI_SEARCH || t->mode == TUI_FILTER) && key >= 0 && key < KEYC_BASE)
		return tui_insert(t, (uint32_t)key);
	if (t->mode == TUI_HELP)
		return tui_close(t);
	return 0;
}

/* A section of the help: the keys of a mode (or none) and notes (each at
 * most KEYS_NOTE_MAX columns, so the help fits 80 columns). */
struct section {
	const char *title;
	int mode;              /* enum tui_mode, or -1 for notes only */
	const char *notes[3];
};

static const struct section sections[] = {
	{ "Cards", TUI_BROWSE, { NULL } },
	{ "Mouse (--no-mouse turns it off)", -1,
	  { "A click selects a card; a double click, or one on its symbol, opens it",
	    "The wheel scrolls; a click on the bottom bar presses that key" } },
	{ "Search line", TUI_SEARCH,
	  { "Other keys type: a part of the address or host name, in any case" } },
	{ "Filter line", TUI_FILTER,
	  { "Other keys type: a part of the address, and the words",
	    "status:ok|warn|crit and family:v4|v6|host (each may repeat)" } },
	{ "Sort menu", TUI_SORT, { NULL } },
	{ "This help", TUI_HELP, { "Any other key closes it" } },
	{ "Status", -1,
	  { "OK, WARN or CRIT by NTP drops (--warn-drops, --crit-drops)",
	    "An open card says which rule set its status",
	    "The header counts all clients; \"shown\" counts what the filter lets by" } },
	{ "Remembered", -1,
	  { "Theme, order and open cards, per source, in $XDG_STATE_HOME/ticctop",
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

/* Write the names of the keys bound to a in mode, comma-separated, into buf. */
static void
keys_of(int mode, enum action a, char *buf, size_t size)
{
	char name[16];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NBINDINGS && o < size; i++)
		if ((int)bindings[i].mode == mode && bindings[i].act == a)
			o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "",
			                      keys_name(bindings[i].key, name, sizeof name));
}

/* Fill out with the help screen's lines. */
size_t
keys_help(struct help_line *out, size_t max)
{
	size_t n = 0;
	char keys[48];

	for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
		if (s > 0)
			help_add(out, max, &n, false, "", "");
		help_add(out, max, &n, true, "", sections[s].title);
		for (int a = 0; sections[s].mode >= 0 && a < ACT_COUNT; a++) {
			keys_of(sections[s].mode, (enum action)a, keys, sizeof keys);
			if (keys[0])
				help_add(out, max, &n, false, keys, actions[a].help);
		}
		for (size_t k = 0; k < 3 && sections[s].notes[k]; k++)
			help_add(out, max, &n, false, "", sections[s].notes[k]);
	}
	return n;
}

/* Lay out the key bar of mode in width columns. */
size_t
keys_bar(enum tui_mode mode, int width, struct bar_item *items, size_t max)
{
	size_t n = 0;
	int total = 0;

	for (size_t i = 0; i < NBINDINGS && n < max; i++) {
		const struct binding *b = &bindings[i];
		if (b->mode != mode || !b->bar)
			continue;
		items[n].key = b->key;
		keys_name(b->key, items[n].name, sizeof items[n].name);
		items[n].label = b->bar;
		items[n].w = (int)(strlen(items[n].name) + strlen(b->bar)) + 1;
		total += items[n++].w;
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
keys_bar_hit(enum tui_mode mode, int width, int x)
{
	struct bar_item items[16];
	size_t n = keys_bar(mode, width, items, 16);

	for (size_t i = 0; i < n; i++)
		if (x >= items[i].x && x < items[i].x + items[i].w)
			return items[i].key;
	return KEYC_NONE;
}
