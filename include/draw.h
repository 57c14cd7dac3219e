/* draw.h — painting the full screen's regions with curses (draw_*.c).
 *
 * Contract: each draw_* function repaints one region of stdscr from the tui
 * state (p->t) and never changes that state; none refreshes the terminal
 * (ui.c flushes once per frame, after tui_paint has called them).  They
 * paint only through draw_prim.h, which is below them all; nothing here
 * calls back into ui.c.  Text from a source is sanitised before it is
 * painted; roles, not colours, choose how text looks.  The screens' bodies
 * are painted through the table of screens (screens.c), the parts every
 * screen shares through draw_painter. */
#ifndef TICCTOP_DRAW_H
#define TICCTOP_DRAW_H

#include "draw_prim.h"
#include "keys.h"
#include "tui.h"

/* Header: source, clocks, data age, summary, order, filter, PAUSED; the meters; the error banner. */
void draw_header(const struct paint *p);

/* The cards screen's body: the visible cards. */
void draw_cards(const struct paint *p);

/* The key bar, or the search/filter line; returns the text cursor's column, or -1. */
int draw_keybar(const struct paint *p);

/* The help over the body. */
void draw_help(const struct paint *p);

/* The sort menu. */
void draw_sort_menu(const struct paint *p);

/* The notice for a terminal too small for anything else. */
void draw_too_small(const struct paint *p);

/* The painters of the shared parts, for tui_paint. */
extern const struct painter draw_painter;

/* The program's table of screens (the cards first) and its length. */
extern const struct screen screens[];
extern const size_t screens_count;

#endif
