/* tui.h — the full screen's state and everything keys and the mouse do to it.
 *
 * Contract: pure (no curses, no I/O): the selection (kept on the same client,
 * by address, across refreshes, re-sorts and filters), the expanded cards (a
 * set of addresses toggled against an "all expanded" switch), search,
 * filter, sort menu, help scrolling, theme choice, pause, the grid layout and
 * its scroll position.  Every action returns reaction flags (enum react) and
 * never draws; tui_react applies the flags that change data (view rebuild,
 * repacking) and collects the regions to repaint in `dirty`; the front end
 * acts on the rest (save, colours, clear, quit) and paints. */
#ifndef TICCTOP_TUI_H
#define TICCTOP_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "monitor.h"
#include "strset.h"
#include "theme.h"
#include "view.h"

enum tui_mode { TUI_BROWSE, TUI_SEARCH, TUI_FILTER, TUI_SORT, TUI_HELP, TUI_MODE_COUNT };

enum react {
	REACT_HEADER = 1 << 0,   /* repaint the header (and banner) */
	REACT_CARDS = 1 << 1,    /* repaint the cards and any overlay */
	REACT_BAR = 1 << 2,      /* repaint the key bar */
	REACT_VIEW = 1 << 3,     /* sort or filter changed: rebuild the view */
	REACT_LAYOUT = 1 << 4,   /* card heights changed: repack the grid */
	REACT_SAVE = 1 << 5,     /* a remembered setting changed */
	REACT_THEME = 1 << 6,    /* the colours changed */
	REACT_CLEAR = 1 << 7,    /* repaint the whole terminal from scratch */
	REACT_QUIT = 1 << 8,
};
#define REACT_PAINT (REACT_HEADER | REACT_CARDS | REACT_BAR)

#define TUI_MESSAGE_SECS 4.0
#define TUI_WHEEL_ROWS 3

struct tui {
	struct monitor *mon;
	double interval;             /* refresh period, seconds */
	double now;                  /* monotonic time, set by the front end */
	bool utf8;                   /* UTF-8 glyphs */
	int colours;                 /* colours in use: 0 (none or refused), 8, 256 */
	enum theme_id theme;         /* the user's theme (shown as mono when colours is 0) */
	enum tui_mode mode;
	int w, h;                    /* terminal size */
	struct screen scr;
	int banner_lines;
	struct grid grid;
	long top;                    /* first grid row shown */
	size_t sel;                  /* view position of the selected card */
	char *sel_addr;              /* its address, to find it again */
	size_t sel_len;
	struct strset toggled;       /* addresses whose card differs from expand_all */
	bool expand_all;
	struct filter search;        /* search text only (no tokens) */
	char search_text[FILTER_TEXT_MAX];
	size_t search_origin;        /* where an incremental search started */
	size_t matches;              /* shown cards matching the search */
	char filter_text[FILTER_TEXT_MAX];   /* as typed */
	char filter_good[FILTER_TEXT_MAX];   /* the text of the filter in force */
	const char *filter_why;      /* the typed text does not parse: why, else NULL */
	int menu;                    /* sort menu cursor */
	long help_top;
	long help_lines;             /* lines of the help text (set by the front end) */
	size_t counts[STATUS_COUNT]; /* all clients by status */
	uint64_t seen_version;       /* model version the layout was made for */
	uint64_t seen_built;         /* view rebuild the selection, matches and layout were made for */
	unsigned dirty;              /* REACT_PAINT bits still to paint */
	char message[256];
	double message_until;
};

/* Make t ready to show mon. */
void tui_init(struct tui *t, struct monitor *mon, double interval, bool utf8);

/* Free what t owns. */
void tui_free(struct tui *t);

/* Apply flags: rebuild the view, repack, keep the selection in sight; returns flags. */
unsigned tui_react(struct tui *t, unsigned flags);

/* The terminal is now w x h. */
unsigned tui_resize(struct tui *t, int w, int h);

/* A poll finished: take the new data (or error) in. */
unsigned tui_refreshed(struct tui *t);

/* Set the filter from text; false (with t->filter_why) when it does not parse. */
bool tui_set_filter(struct tui *t, const char *text);

/* Show a note in the key bar for a few seconds. */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The client shown at view position pos. */
const struct client *tui_client(const struct tui *t, size_t pos);

/* Return whether c's card is expanded. */
bool tui_expanded(const struct tui *t, const struct client *c);

/* Offset of the search text in c's address, or -1 (also when no search). */
long tui_match(const struct tui *t, const struct client *c);

/* The error banner's text (sanitised) into buf; 0 when the last poll was good. */
size_t tui_banner(const struct tui *t, char *buf, size_t size);

/* The sort menu's box on the screen. */
struct rect tui_menu_rect(const struct tui *t);

/* The first sort key the menu shows (it scrolls when the screen is low). */
int tui_menu_first(const struct tui *t);

/* A left click at screen (x, y); dbl when it was the second of a double click. */
unsigned tui_click(struct tui *t, int x, int y, bool dbl);

/* The wheel turned: dir -1 up, +1 down. */
unsigned tui_wheel(struct tui *t, int dir);

/* Type code point cp into the search or filter line. */
unsigned tui_insert(struct tui *t, uint32_t cp);

/* Actions: what keys do (bound in keys.c). */
unsigned tui_up(struct tui *t);
unsigned tui_down(struct tui *t);
unsigned tui_left(struct tui *t);
unsigned tui_right(struct tui *t);
unsigned tui_page_up(struct tui *t);
unsigned tui_page_down(struct tui *t);
unsigned tui_home(struct tui *t);
unsigned tui_end(struct tui *t);
unsigned tui_toggle(struct tui *t);
unsigned tui_expand_all(struct tui *t);
unsigned tui_collapse_all(struct tui *t);
unsigned tui_search_start(struct tui *t);
unsigned tui_search_next(struct tui *t);
unsigned tui_search_prev(struct tui *t);
unsigned tui_search_clear(struct tui *t);
unsigned tui_filter_start(struct tui *t);
unsigned tui_edit_accept(struct tui *t);
unsigned tui_edit_cancel(struct tui *t);
unsigned tui_edit_erase(struct tui *t);
unsigned tui_edit_clear(struct tui *t);
unsigned tui_sort_menu(struct tui *t);
unsigned tui_menu_up(struct tui *t);
unsigned tui_menu_down(struct tui *t);
unsigned tui_menu_pick(struct tui *t);
unsigned tui_invert(struct tui *t);
unsigned tui_theme_next(struct tui *t);
unsigned tui_pause(struct tui *t);
unsigned tui_redraw(struct tui *t);
unsigned tui_help(struct tui *t);
unsigned tui_help_up(struct tui *t);
unsigned tui_help_down(struct tui *t);
unsigned tui_help_page_up(struct tui *t);
unsigned tui_help_page_down(struct tui *t);
unsigned tui_help_home(struct tui *t);
unsigned tui_help_end(struct tui *t);
unsigned tui_close(struct tui *t);
unsigned tui_quit(struct tui *t);

#endif
