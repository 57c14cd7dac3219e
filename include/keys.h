/* keys.h — one table: key -> action -> help text, per screen mode.
 *
 * Contract: pure.  Keys are ticctop's own codes (a Unicode code point, or a
 * KEYC_ value for keys that are not characters), so the table knows nothing
 * of curses; the front end translates.  A key is bound at most once per
 * mode; every action has a help line and at least one key.  The help screen
 * and the key bar are generated from the table, so they cannot drift from
 * what the keys do.  Actions return reaction flags (tui.h); they never draw.
 * In the search and filter lines, keys that are not bound type text; in the
 * help, they close it. */
#ifndef TICCTOP_KEYS_H
#define TICCTOP_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

enum keyc {
	KEYC_NONE = -1,
	KEYC_BASE = 0x110000,   /* above every code point */
	KEYC_UP = KEYC_BASE, KEYC_DOWN, KEYC_LEFT, KEYC_RIGHT, KEYC_PGUP, KEYC_PGDN,
	KEYC_HOME, KEYC_END, KEYC_ENTER, KEYC_ESC, KEYC_BACKSPACE,
	KEYC_F1, KEYC_F2, KEYC_F3, KEYC_F4, KEYC_F5, KEYC_F6, KEYC_F7, KEYC_F8, KEYC_F9, KEYC_F10,
	KEYC_F11, KEYC_F12,
	KEYC_LAST
};
#define KEYC_CTRL(c) ((c) & 0x1f)

enum action {
	ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	ACT_TOGGLE, ACT_EXPAND_ALL, ACT_COLLAPSE_ALL,
	ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV, ACT_SEARCH_CLEAR, ACT_FILTER,
	ACT_EDIT_ACCEPT, ACT_EDIT_CANCEL, ACT_EDIT_ERASE, ACT_EDIT_CLEAR,
	ACT_SORT_MENU, ACT_MENU_UP, ACT_MENU_DOWN, ACT_MENU_PICK, ACT_INVERT,
	ACT_THEME, ACT_PAUSE, ACT_REDRAW,
	ACT_HELP, ACT_HELP_UP, ACT_HELP_DOWN, ACT_HELP_PAGE_UP, ACT_HELP_PAGE_DOWN, ACT_HELP_HOME,
	ACT_HELP_END, ACT_CLOSE, ACT_QUIT,
	ACT_COUNT
};

/* One row of the binding table. */
struct binding {
	enum tui_mode mode;
	int key;
	enum action act;
	const char *bar;     /* label in the key bar, NULL if not shown there */
};

/* The binding table and its length (for the help, the bar and tests). */
const struct binding *keys_table(size_t *n);

/* The help line of action a. */
const char *keys_action_help(enum action a);

/* Name key for people ("F1", "Enter", "Ctrl-L", "q", "Space") into buf. */
const char *keys_name(int key, char *buf, size_t size);

/* Do what key means in t's current mode; returns reaction flags. */
unsigned keys_press(struct tui *t, int key);

/* The help fits an 80-column screen: key lists, action help and notes are no longer. */
#define KEYS_KEYS_MAX 22
#define KEYS_HELP_MAX 50
#define KEYS_NOTE_MAX 72

/* One line of the help screen. */
struct help_line {
	bool heading;        /* a section title in text */
	char keys[48];       /* "F1, ?, h" (empty for headings and notes) */
	const char *text;
};

/* Fill out[0..max) with the help screen's lines; returns how many there are. */
size_t keys_help(struct help_line *out, size_t max);

/* One item of the key bar. */
struct bar_item {
	int key;
	char name[12];       /* "F1" */
	const char *label;   /* "Help" */
	int x, w;            /* columns it takes */
};

/* Lay out the key bar of mode in width columns; returns the items that fit. */
size_t keys_bar(enum tui_mode mode, int width, struct bar_item *items, size_t max);

/* The key of the bar item at column x, or KEYC_NONE. */
int keys_bar_hit(enum tui_mode mode, int width, int x);

#endif
