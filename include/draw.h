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

/* The Clients screen's body: the cards or the table, as its view says. */
void draw_clients(const struct paint *p);

/* The cards in view. */
void draw_cards(const struct paint *p);

/* The table in view: its headings and rows. */
void draw_table(const struct paint *p);

/* The Server screen's body: its sections. */
void draw_server(const struct paint *p);

/* The Sources screen's body: a row per time source, the selected one's ntpdata below it when open. */
void draw_sources(const struct paint *p);

/* Paint c's address (sanitised) at (y, x) in role a, the search match
 * highlighted, cut to room with an ellipsis; returns the columns used. */
int draw_client_address(const struct paint *p, int y, int x, int room, const struct client *c, enum role a);

/* Paint below a table row at screen row y what c's open card shows: rows
 * y+1 .. y+h-1 (c's full address, fields, family, status) boxed, and the
 * box's closing line at y+h; clipped to area. */
void draw_card_open(const struct paint *p, const struct rect *area, int y, int h, size_t i, bool sel);

/* Whether the data of the server of the client at list position i is stale; *elapsed gets its age. */
bool draw_client_stale(const struct tui *t, size_t i, double *elapsed);

/* Say why no client is shown, in the middle of area a. */
void draw_no_clients(const struct paint *p, const struct rect *a);

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
