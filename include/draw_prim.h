/* draw_prim.h — the drawing primitives every draw_* file paints with (curses).
 *
 * Contract: the bottom of the drawing modules: text cut to a width, a
 * repeated one-column glyph, a blank rectangle, each in a role's attributes
 * (roles, not colours, choose how text looks).  They write to stdscr and
 * never refresh it; they know nothing of the tui but the paint context. */
#ifndef TICCTOP_DRAW_PRIM_H
#define TICCTOP_DRAW_PRIM_H

#include <curses.h>

#include "layout.h"
#include "theme.h"

struct tui;

/* What painting needs besides the state. */
struct paint {
	const struct tui *t;
	attr_t role[ROLE_COUNT];          /* curses attributes and colour pair of each role */
};

/* Paint s (at most maxw columns) at (y, x) in role r; returns the columns used. */
int draw_text(const struct paint *p, int y, int x, int maxw, enum role r, const char *s);

/* Paint n copies of the one-column string s at (y, x) in role r. */
void draw_repeat(const struct paint *p, int y, int x, int n, enum role r, const char *s);

/* Paint the rectangle blank in role r. */
void draw_clear(const struct paint *p, const struct rect *a, enum role r);

#endif
