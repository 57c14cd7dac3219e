/* keys.h — key tables: key -> action (with its argument) -> help text, per mode.
 *
 * Contract: pure.  Keys are ticctop's own codes (a Unicode code point, or a
 * KEYC_ value for keys that are not characters), so the tables know nothing
 * of curses; the front end translates.  There are two kinds of key table
 * (struct keymap): the app's (keys.c: help, filter, sort menu, theme, pause,
 * quit, the filter line, the sort menu, the help) and one per screen
 * (screen.h: moving, opening, searching).  A key is bound at most once per
 * mode across the current screen's table and the app's; every action has a
 * help line and at least one key.  An action is a function and an argument,
 * so one function serves every direction.  The help screen and the key bar
 * are generated from the tables, so they cannot drift from what the keys do;
 * the filter words and sort keys the help names come from view.c's tables.
 * Actions return reaction flags (tui.h); they never draw.  In the search
 * and filter lines, keys that are not bound type text; in the help, they
 * close it. */
#ifndef TICCTOP_KEYS_H
#define TICCTOP_KEYS_H

#include <stdbool.h>
#include <stddef.h>

struct tui;
struct screen_ops;

enum tui_mode { TUI_BROWSE, TUI_SEARCH, TUI_FILTER, TUI_SORT, TUI_HELP, TUI_MODE_COUNT };

enum keyc {
	KEYC_NONE = -1,
	KEYC_BASE = 0x110000,   /* above every code point */
	KEYC_UP = KEYC_BASE, KEYC_DOWN, KEYC_LEFT, KEYC_RIGHT, KEYC_PGUP, KEYC_PGDN,
	KEYC_HOME, KEYC_END, KEYC_ENTER, KEYC_ESC, KEYC_BACKSPACE, KEYC_BTAB,
	KEYC_F1, KEYC_F2, KEYC_F3, KEYC_F4, KEYC_F5, KEYC_F6, KEYC_F7, KEYC_F8, KEYC_F9, KEYC_F10,
	KEYC_F11, KEYC_F12,
	KEYC_LAST
};
#define KEYC_CTRL(c) ((c) & 0x1f)
#define KEYC_TAB KEYC_CTRL('i')

/* What a key does: run(t, arg); help says it in at most KEYS_HELP_MAX columns. */
struct action {
	unsigned (*run)(struct tui *t, int arg);
	int arg;
	const char *help;
};

/* One row of a binding table: in mode, key runs action act of its keymap. */
struct binding {
	enum tui_mode mode;
	int key;
	int act;             /* index into the keymap's actions */
	const char *bar;     /* label in the key bar, NULL if not shown there */
	int slot;            /* place in the key bar, smallest first (the F-key's number x 10) */
};

/* A table of actions (in help order) and the keys bound to them. */
struct keymap {
	const struct action *actions;
	size_t nactions;
	const struct binding *bindings;
	size_t nbindings;
};

#define KEYMAP(acts, binds) { acts, sizeof acts / sizeof acts[0], binds, sizeof binds / sizeof binds[0] }

/* Binding rows for the keys that move through a list alike on every screen
 * and in the help: the arrows and j/k, PgUp/PgDn and Ctrl-B/Ctrl-F (as in
 * less), Home/End and g/G; in mode, to actions up, down, pgup, pgdn, home, end. */
#define KEYS_MOVE(mode, up, down, pgup, pgdn, home, end) \
	{ mode, KEYC_UP, up, NULL, 0 }, { mode, 'k', up, NULL, 0 }, \
	{ mode, KEYC_DOWN, down, NULL, 0 }, { mode, 'j', down, NULL, 0 }, \
	{ mode, KEYC_PGUP, pgup, NULL, 0 }, { mode, KEYC_CTRL('b'), pgup, NULL, 0 }, \
	{ mode, KEYC_PGDN, pgdn, NULL, 0 }, { mode, KEYC_CTRL('f'), pgdn, NULL, 0 }, \
	{ mode, KEYC_HOME, home, NULL, 0 }, { mode, 'g', home, NULL, 0 }, \
	{ mode, KEYC_END, end, NULL, 0 }, { mode, 'G', end, NULL, 0 }

/* A section of the help: the keys of a mode (screen's, then the app's), and
 * notes (each at most KEYS_NOTE_MAX columns, so the help fits 80 columns). */
struct help_section {
	const char *title;
	int mode;              /* enum tui_mode, or -1 for notes only */
	const char *notes[3];
};

/* The app's own key table (for tests). */
const struct keymap *keys_app(void);

/* Name key for people ("F1", "Enter", "Ctrl-L", "q", "Space") into buf. */
const char *keys_name(int key, char *buf, size_t size);

/* Do what key means in t's current mode on its current screen; returns reaction flags. */
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

/* Fill out[0..max) with the help of screen s (its sections, then the app's); returns how many lines there are. */
size_t keys_help(const struct screen_ops *s, struct help_line *out, size_t max);

/* One item of the key bar. */
struct bar_item {
	int key;
	char name[12];       /* "F1" */
	const char *label;   /* "Help" */
	int x, w;            /* columns it takes */
};

/* Lay out the key bar of mode on screen s in width columns; returns the items
 * that fit.  The app's fleet keys (next server, group) are in it only for a fleet. */
size_t keys_bar(const struct screen_ops *s, enum tui_mode mode, bool fleet, int width, struct bar_item *items,
                size_t max);

/* The key of the bar item at column x, or KEYC_NONE. */
int keys_bar_hit(const struct screen_ops *s, enum tui_mode mode, bool fleet, int width, int x);

#endif
