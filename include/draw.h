/* draw.h — painting the screen regions with curses (ui.c and draw_*.c only).
 *
 * Contract: each draw_* function repaints one region of stdscr from the
 * tui state and never changes that state; nothing here refreshes the
 * terminal (ui.c flushes once per frame).  Text from a source is sanitised
 * before it is painted; roles, not colours, choose how text looks. */
#ifndef TICCTOP_DRAW_H
#define TICCTOP_DRAW_H

#include <curses.h>

#include "keys.h"
#include "theme.h"
#include "tui.h"

/* What painting needs besides the state. */
struct paint {
	const struct tui *t;
	attr_t role[ROLE_COUNT];          /* curses attributes and colour pair of each role */
	const struct help_line *help;     /* the help screen's lines */
	size_t nhelp;
};

/* Paint s (at most maxw columns) at (y, x) in role r; returns the columns used. */
int draw_text(const struct paint *p, int y, int x, int maxw, enum role r, const char *s);

/* Paint n copies of the one-column string s at (y, x) in role r. */
void draw_repeat(const struct paint *p, int y, int x, int n, enum role r, const char *s);

/* Paint the rectangle blank in role r. */
void draw_clear(const struct paint *p, const struct rect *a, enum role r);

/* Header: source, clocks, data age, summary, order, filter, PAUSED; and the error banner. */
void draw_header(const struct paint *p);

/* The visible cards. */
void draw_cards(const struct paint *p);

/* The key bar, or the search/filter line; returns the text cursor's column, or -1. */
int draw_keybar(const struct paint *p);

/* The help over the card area. */
void draw_help(const struct paint *p);

/* The sort menu. */
void draw_sort_menu(const struct paint *p);

/* The notice for a terminal too small for anything else. */
void draw_too_small(const struct paint *p);

#endif
