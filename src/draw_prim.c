/* draw_prim.c — text, repeated glyphs and blank rectangles in a role's attributes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw_prim.h"
#include "text.h"

/* Paint s (at most maxw columns) at (y, x) in role r. */
int
draw_text(const struct paint *p, int y, int x, int maxw, enum role r, const char *s)
{
	size_t used;

	if (maxw <= 0 || !s || !*s)
		return 0;
	size_t n = text_fit(s, strlen(s), (size_t)maxw, &used);
	attrset(p->role[r]);
	mvaddnstr(y, x, s, (int)n);
	return (int)used;
}

/* Paint n copies of the one-column string s: one cell made once and laid
 * n times (a border drawn glyph by glyph cost half of a frame). */
void
draw_repeat(const struct paint *p, int y, int x, int n, enum role r, const char *s)
{
	wchar_t wc[2] = { 0, 0 };
	cchar_t cell;

	if (n <= 0 || mbtowc(wc, s, strlen(s)) <= 0 ||
	    setcchar(&cell, wc, p->role[r] & ~A_COLOR, (short)PAIR_NUMBER(p->role[r]), NULL) != OK)
		return;
	mvhline_set(y, x, &cell, n);
}

/* Paint the rectangle blank in role r. */
void
draw_clear(const struct paint *p, const struct rect *a, enum role r)
{
	attrset(p->role[r]);
	for (int y = a->y; y < a->y + a->h; y++)
		mvhline(y, a->x, ' ' | p->role[r], a->w);
}
