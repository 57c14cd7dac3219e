/* tui.h — the full screen's app-wide state, and the dispatch to its screens.
 *
 * Contract: pure (no curses, no I/O).  The tui owns what every screen shares:
 * the servers (a fleet, fleet.h; one unless tui_set_fleet), the selected
 * server (t->mon: the Server and Sources screens show it; . and , cycle it),
 * the clients listed (every server's, as one list or grouped by server:
 * tui_count, tui_client, tui_server), the terminal's size and regions, theme and colours, the
 * mode (browse, search line, filter line, sort menu, help), the search and
 * filter text, the sort menu, the help and its scrolling, pause, notes, and
 * the table of screens with each screen's state (screen.h).  Keys, clicks,
 * the wheel, view and layout changes, the help and the key bar of the
 * current screen go through its row of the table.  Every action returns
 * reaction flags (enum react) and never draws; tui_react applies the flags
 * that change data (view rebuild, the screen's layout) and collects the
 * regions to repaint in `dirty`; tui_paint says which painter paints what;
 * the front end acts on the rest (save, colours, clear, quit) and flushes. */
#ifndef TICCTOP_TUI_H
#define TICCTOP_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fleet.h"
#include "keys.h"
#include "layout.h"
#include "monitor.h"
#include "screen.h"
#include "theme.h"
#include "view.h"

enum react {
	REACT_HEADER = 1 << 0,   /* repaint the header (and banner) */
	REACT_BODY = 1 << 1,     /* repaint the screen's body and any overlay */
	REACT_BAR = 1 << 2,      /* repaint the key bar */
	REACT_VIEW = 1 << 3,     /* sort or filter changed: rebuild the view */
	REACT_LAYOUT = 1 << 4,   /* the body's content changed shape: lay it out again */
	REACT_SAVE = 1 << 5,     /* a remembered setting changed */
	REACT_THEME = 1 << 6,    /* the colours changed */
	REACT_CLEAR = 1 << 7,    /* repaint the whole terminal from scratch */
	REACT_QUIT = 1 << 8,
	REACT_MOUSE = 1 << 9,    /* mouse capture was turned on or off */
};
#define REACT_PAINT (REACT_HEADER | REACT_BODY | REACT_BAR)

#define TUI_MESSAGE_SECS 4.0
#define TUI_WHEEL_ROWS 3
#define TUI_SCREENS_MAX 8
#define TUI_HELP_MAX 128

/* Scrolling arguments of actions: a unit, negative for up. */
enum scroll_by { SCROLL_LINE = 1, SCROLL_PAGE = 2, SCROLL_ALL = 3 };

struct tui {
	struct monitor *mon;         /* the selected server; its view's key, direction and filter are every server's */
	struct fleet *fleet;         /* the servers: `one` around mon unless tui_set_fleet */
	struct fleet one;
	char one_name[1][FLEET_NAME_MAX];
	struct fleet_list list;      /* the clients listed, of every server */
	bool group;                  /* the list grouped by server, else one list */
	size_t srv_counts[FLEET_MAX][STATUS_COUNT]; /* each server's clients by status */
	double interval;             /* refresh period, seconds */
	double now;                  /* monotonic time, set by the front end */
	bool utf8;                   /* UTF-8 glyphs */
	bool mouse;                  /* the mouse is captured (clicks and wheel are ours) */
	int colours;                 /* colours in use: 0 (none or refused), 8, 256 */
	enum theme_id theme;         /* the user's theme (shown as mono when colours is 0) */
	enum tui_mode mode;
	int w, h;                    /* terminal size */
	struct regions reg;
	int banner_lines;
	struct filter search;        /* search text only (no tokens), lower case */
	char search_text[FILTER_TEXT_MAX];   /* as typed */
	size_t matches;              /* what the screen shows that matches the search */
	char filter_text[FILTER_TEXT_MAX];   /* as typed */
	char filter_good[FILTER_TEXT_MAX];   /* the text of the filter in force */
	const char *filter_why;      /* the typed text does not parse: why, else NULL */
	int menu;                    /* sort menu cursor */
	struct help_line help[TUI_HELP_MAX];  /* the current screen's help */
	long help_lines;             /* lines of the help (at most TUI_HELP_MAX) */
	long help_top;
	size_t counts[STATUS_COUNT]; /* all clients by status */
	uint64_t seen_version;       /* model version the counts were taken at */
	unsigned dirty;              /* REACT_PAINT bits still to paint */
	int cursor_x;                /* text cursor in the search/filter line, -1 none */
	char message[256];
	double message_until;
	const struct screen *screens;   /* the table of screens */
	size_t nscreens, cur;        /* how many; the current one */
	void *state[TUI_SCREENS_MAX];   /* each screen's own state */
};

/* Make t ready to show mon through the table of screens (at most
 * TUI_SCREENS_MAX; the first is current); false when out of memory. */
bool tui_init(struct tui *t, struct monitor *mon, double interval, bool utf8, const struct screen *screens,
              size_t nscreens);

/* Free what t owns. */
void tui_free(struct tui *t);

/* Show the servers of f (at least one; the selected one as t->mon). */
void tui_set_fleet(struct tui *t, struct fleet *f);

/* How many clients are listed. */
size_t tui_count(const struct tui *t);

/* Counts the list's rebuilds: while it stays, every client keeps its position. */
uint64_t tui_built(const struct tui *t);

/* How many clients every server has (listed or not). */
size_t tui_clients(const struct tui *t);

/* Return whether some server has data. */
bool tui_have_data(const struct tui *t);

/* The server (fleet index) of the client at list position pos. */
size_t tui_server(const struct tui *t, size_t pos);

/* The list position of the client with this address at server srv, or -1. */
long tui_find(const struct tui *t, size_t srv, const char *addr, size_t len);

/* The current screen's row. */
const struct screen *tui_screen(const struct tui *t);

/* The current screen's own state. */
void *tui_state(const struct tui *t);

/* Make screen i current (an action: arg is the index); its keys, help and body follow. */
unsigned tui_switch(struct tui *t, int i);

/* Apply flags: rebuild the view, let the screen lay out; returns flags. */
unsigned tui_react(struct tui *t, unsigned flags);

/* The terminal is now w x h. */
unsigned tui_resize(struct tui *t, int w, int h);

/* A poll finished: take the new data (or error) in. */
unsigned tui_refreshed(struct tui *t);

/* Set the filter from text; false (with t->filter_why) when it does not parse. */
bool tui_set_filter(struct tui *t, const char *text);

/* Show a note in the key bar for a few seconds. */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The client listed at position pos. */
const struct client *tui_client(const struct tui *t, size_t pos);

/* Offset of the search text in c's address, or -1 (also when no search). */
long tui_match(const struct tui *t, const struct client *c);

/* The error banner's text (sanitised) into buf; 0 when the last poll was good. */
size_t tui_banner(const struct tui *t, char *buf, size_t size);

/* The sort menu's box on the screen. */
struct rect tui_menu_rect(const struct tui *t);

/* The first sort key the menu shows (it scrolls when the screen is low). */
int tui_menu_first(const struct tui *t);

/* A left click at screen (x, y) (on a fleet's server lines: selects that server); dbl
 * when it was the second of a double click. */
unsigned tui_click(struct tui *t, int x, int y, bool dbl);

/* The wheel turned: dir -1 up, +1 down. */
unsigned tui_wheel(struct tui *t, int dir);

/* Type code point cp into the search or filter line. */
unsigned tui_insert(struct tui *t, uint32_t cp);

/* How the front end paints the parts every screen shares (draw.h). */
struct painter {
	void (*header)(const struct paint *p);
	void (*help)(const struct paint *p);
	void (*sort_menu)(const struct paint *p);
	int (*bar)(const struct paint *p);      /* returns the text cursor's column, or -1 */
	void (*too_small)(const struct paint *p);
};

/* Paint what is dirty: the shared parts through pa, the body through the
 * current screen's row; returns the text cursor's column, or -1 for none. */
int tui_paint(struct tui *t, const struct paint *p, const struct painter *pa);

/* App-wide actions (bound in keys.c; arg as the binding says, else unused). */
unsigned tui_search_start(struct tui *t, int arg);
unsigned tui_search_clear(struct tui *t, int arg);
unsigned tui_filter_start(struct tui *t, int arg);
unsigned tui_edit_accept(struct tui *t, int arg);
unsigned tui_edit_cancel(struct tui *t, int arg);
unsigned tui_edit_erase(struct tui *t, int arg);
unsigned tui_edit_clear(struct tui *t, int arg);
unsigned tui_sort_menu(struct tui *t, int arg);
unsigned tui_sort_step(struct tui *t, int d);
unsigned tui_menu_move(struct tui *t, int d);
unsigned tui_menu_pick(struct tui *t, int arg);
unsigned tui_invert(struct tui *t, int arg);
unsigned tui_theme_next(struct tui *t, int arg);
unsigned tui_pause(struct tui *t, int arg);
unsigned tui_server_step(struct tui *t, int d);
unsigned tui_group_toggle(struct tui *t, int arg);
unsigned tui_refresh_now(struct tui *t, int arg);
unsigned tui_mouse_toggle(struct tui *t, int arg);
unsigned tui_redraw(struct tui *t, int arg);
unsigned tui_help(struct tui *t, int arg);
unsigned tui_help_scroll(struct tui *t, int by);
unsigned tui_close(struct tui *t, int arg);
unsigned tui_quit(struct tui *t, int arg);

#endif
