/* layout.c — screen regions and the masonry card grid. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* Lay out the header's meters under its two lines of a w x h terminal:
 * as many a line as fit, on as few lines as hold METERS, none of which
 * may leave the body fewer than METER_BODY_MIN rows. */
static void
layout_meters(struct regions *s, int w, int h)
{
	int cols = w / METER_MIN_W;

	if (cols < 1)
		cols = 1;
	if (cols > METER_SLOTS)
		cols = METER_SLOTS;
	int lines = (METERS + cols - 1) / cols;
	while (lines > 0 && h - HEADER_LINES - BAR_LINES - lines < METER_BODY_MIN)
		lines--;
	s->meter_cols = cols;
	s->meters = (struct rect){ 0, HEADER_LINES, w, lines };
}

/* Split a w x h terminal into header, meters, a fleet's server lines, banner, body and key bar. */
void
layout_regions(struct regions *s, int w, int h, int server_lines, int banner_lines)
{
	memset(s, 0, sizeof *s);
	s->too_small = w < GRID_MIN_W || h < SCREEN_MIN_H;
	if (s->too_small)
		return;
	layout_meters(s, w, h);
	int top = HEADER_LINES + s->meters.h;
	if (server_lines > (h - top - BAR_LINES) / 2) /* no room: one line says it all, if even that fits */
		server_lines = h - top - BAR_LINES - CARD_COLLAPSED_H - GRID_CLOSE >= 1 ? 1 : 0;
	if (server_lines < 0)
		server_lines = 0;
	s->servers = (struct rect){ 0, top, w, server_lines };
	top += server_lines;
	int fixed = top + BAR_LINES;
	int room = h - fixed - CARD_COLLAPSED_H;
	if (banner_lines > BANNER_MAX_LINES)
		banner_lines = BANNER_MAX_LINES;
	if (banner_lines > room - GRID_CLOSE)
		banner_lines = room - GRID_CLOSE;
	if (banner_lines < 0)
		banner_lines = 0;
	s->header = (struct rect){ 0, 0, w, HEADER_LINES };
	s->banner = (struct rect){ 0, top, w, banner_lines };
	s->body = (struct rect){ 0, top + banner_lines, w, h - fixed - banner_lines };
	s->bar = (struct rect){ 0, h - BAR_LINES, w, BAR_LINES };
}

/* Columns the title leaves for an address addr_cols wide in a card w wide. */
int
card_title_room(int w, size_t addr_cols)
{
	if (w > CARD_TITLE_EXTRA && addr_cols <= (size_t)(w - CARD_TITLE_EXTRA))
		return w - CARD_TITLE_EXTRA;
	return w > CARD_TITLE_BARE ? w - CARD_TITLE_BARE : 0;
}

/* Rows of a card. */
unsigned
card_height(bool expanded, size_t addr_cols, int w)
{
	size_t line = w > CARD_PAD ? (size_t)(w - CARD_PAD) : 1;

	if (!expanded)
		return CARD_COLLAPSED_H;
	if (addr_cols <= (size_t)card_title_room(w, addr_cols))
		return 1 + CARD_DETAIL_ROWS;
	return 1 + CARD_DETAIL_ROWS + (unsigned)((addr_cols + line - 1) / line);
}

/* Columns the kept fields of a brief line take, gaps included (x[i] >= 0: kept). */
static int
brief_used(const int *w, size_t n, const int *x)
{
	int used = 0, kept = 0;

	for (size_t i = 0; i < n; i++)
		if (x[i] >= 0) {
			used += w[i];
			kept++;
		}
	return used + (kept > 1 ? (kept - 1) * BRIEF_GAP : 0);
}

/* Place the fields of a collapsed card's line; true when some were dropped. */
bool
brief_fit(const int *w, const int *prio, size_t n, int width, int mark_w, int *x)
{
	bool cut = false;
	int kept = 0;

	for (size_t i = 0; i < n; i++)
		x[i] = 0;
	while (brief_used(w, n, x) > (cut ? width - mark_w - 1 : width)) {
		size_t drop = n;
		for (size_t i = 0; i < n; i++)
			if (x[i] >= 0 && (drop == n || prio[i] < prio[drop]))
				drop = i;
		if (drop == n)
			break;
		x[drop] = -1;
		cut = true;
	}
	for (size_t i = 0; i < n; i++)
		kept += x[i] >= 0;
	int room = (cut ? width - mark_w - 1 : width) - brief_used(w, n, x), pos = 0, k = 0;
	if (room < 0)
		room = 0;
	for (size_t i = 0; i < n; i++) {
		if (x[i] < 0)
			continue;
		x[i] = pos;
		pos += w[i] + BRIEF_GAP + (kept > 1 ? room / (kept - 1) + (k < room % (kept - 1)) : 0);
		k++;
	}
	return cut;
}

/* Columns that fit in width. */
int
grid_columns(int width, int *col_x, int *col_w)
{
	int cols = (width + CARD_GAP) / (CARD_MIN_W + CARD_GAP);

	if (cols < 1)
		cols = 1;
	if (cols > GRID_MAX_COLS)
		cols = GRID_MAX_COLS;
	int avail = width - (cols - 1) * CARD_GAP, x = 0;
	for (int c = 0; c < cols; c++) {
		col_w[c] = avail / cols + (c < avail % cols);
		col_x[c] = x;
		x += col_w[c] + CARD_GAP;
	}
	return cols;
}

/* Make g empty. */
void
grid_init(struct grid *g)
{
	memset(g, 0, sizeof *g);
	g->cols = 1;
}

/* Free g's cells. */
void
grid_free(struct grid *g)
{
	free(g->cell);
	grid_init(g);
}

/* Pack n cards into an area width wide. */
bool
grid_pack(struct grid *g, int width, size_t n, grid_height_fn height, void *ctx)
{
	if (n > g->cap) {
		struct grid_cell *c = realloc(g->cell, n * sizeof *c);
		if (!c)
			return false;
		g->cell = c;
		g->cap = n;
	}
	g->cols = grid_columns(width, g->col_x, g->col_w);
	memset(g->col_h, 0, sizeof g->col_h);
	g->n = n;
	g->height = 0;
	g->max_h = 0;
	for (size_t i = 0; i < n; i++) {
		int c = 0;
		for (int k = 1; k < g->cols; k++)
			if (g->col_h[k] < g->col_h[c])
				c = k;
		unsigned h = height(ctx, i, g->col_w[c]);
		if (h > UINT16_MAX)
			h = UINT16_MAX;
		g->cell[i] = (struct grid_cell){ g->col_h[c], (uint16_t)h, (uint16_t)c };
		g->col_h[c] += h;
		if (h > g->max_h)
			g->max_h = (uint16_t)h;
	}
	for (int c = 0; c < g->cols; c++) {
		if (g->col_h[c] > 0)
			g->col_h[c] += GRID_CLOSE;
		if (g->col_h[c] > g->height)
			g->height = g->col_h[c];
	}
	return true;
}

/* The card reached from `from` going d. */
size_t
grid_move(const struct grid *g, size_t from, enum grid_dir d)
{
	if (from >= g->n)
		return g->n ? g->n - 1 : 0;
	switch (d) {
	case GRID_LEFT:
		return from > 0 ? from - 1 : from;
	case GRID_RIGHT:
		return from + 1 < g->n ? from + 1 : from;
	case GRID_DOWN:
		for (size_t i = from + 1; i < g->n; i++)
			if (g->cell[i].col == g->cell[from].col)
				return i;
		return from;
	case GRID_UP:
		for (size_t i = from; i-- > 0;)
			if (g->cell[i].col == g->cell[from].col)
				return i;
		return from;
	}
	return from;
}

/* The card in from's column about `rows` rows further. */
size_t
grid_page(const struct grid *g, size_t from, long rows)
{
	size_t to = from;

	if (from >= g->n)
		return from;
	long target = (long)g->cell[from].y + rows;
	enum grid_dir d = rows < 0 ? GRID_UP : GRID_DOWN;
	for (;;) {
		size_t next = grid_move(g, to, d);
		if (next == to || (rows < 0 ? (long)g->cell[next].y < target : (long)g->cell[next].y > target))
			return to;
		to = next;
	}
}

/* Clamp top so the area does not scroll past the grid. */
long
grid_clamp(const struct grid *g, long top, int view_h)
{
	long max = (long)g->height > view_h ? (long)g->height - view_h : 0;

	return top < 0 ? 0 : top > max ? max : top;
}

/* The top that keeps card sel in view. */
long
grid_follow(const struct grid *g, long top, int view_h, size_t sel)
{
	if (sel < g->n) {
		const struct grid_cell *c = &g->cell[sel];
		long h = c->h + GRID_CLOSE; /* with its bottom edge */
		if ((long)c->y < top || h > view_h)
			top = c->y;
		else if ((long)c->y + h > top + view_h)
			top = (long)c->y + h - view_h;
	}
	return grid_clamp(g, top, view_h);
}

/* First card whose top row is at least y (tops never decrease). */
static size_t
first_at(const struct grid *g, long y)
{
	size_t lo = 0, hi = g->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((long)g->cell[mid].y < y)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Cards [*first, *end) may show between rows top and top + view_h. */
void
grid_visible(const struct grid *g, long top, int view_h, size_t *first, size_t *end)
{
	*first = first_at(g, top - g->max_h - GRID_CLOSE + 1);
	*end = first_at(g, top + view_h);
	if (*end < *first)
		*end = *first;
}

/* The card at area position (x, y), or -1. */
long
grid_hit(const struct grid *g, long top, int view_h, int x, int y)
{
	size_t first, end;
	long row = top + y;
	int c = -1;

	if (y < 0 || y >= view_h)
		return -1;
	for (int k = 0; k < g->cols; k++)
		if (x >= g->col_x[k] && x < g->col_x[k] + g->col_w[k])
			c = k;
	if (c < 0)
		return -1;
	grid_visible(g, top, view_h, &first, &end);
	for (size_t i = first; i < end; i++)
		if (g->cell[i].col == c && row >= (long)g->cell[i].y && row < (long)g->cell[i].y + g->cell[i].h)
			return (long)i;
	return -1;
}

/* Return whether card i is the last of its column. */
bool
grid_last_in_column(const struct grid *g, size_t i)
{
	return grid_move(g, i, GRID_DOWN) == i;
}

/* Return whether card i and its bottom edge are in view. */
bool
grid_shown(const struct grid *g, long top, int view_h, size_t i)
{
	return i < g->n && (long)g->cell[i].y >= top &&
	       (long)g->cell[i].y + g->cell[i].h + GRID_CLOSE <= top + view_h;
}

/* The nearest wholly shown card to sel (sel itself if shown). */
size_t
grid_nearest_shown(const struct grid *g, long top, int view_h, size_t sel)
{
	size_t first, end, pick = g->n, any = g->n;

	if (sel >= g->n || grid_shown(g, top, view_h, sel))
		return sel;
	bool above = (long)g->cell[sel].y < top;
	grid_visible(g, top, view_h, &first, &end);
	for (size_t k = 0; k < end - first; k++) {
		size_t i = above ? first + k : end - 1 - k;
		if (!grid_shown(g, top, view_h, i))
			continue;
		if (g->cell[i].col == g->cell[sel].col) {
			pick = i;
			break;
		}
		if (any == g->n)
			any = i;
	}
	if (pick == g->n)
		pick = any;
	if (pick == g->n && first < end)
		pick = above ? first : end - 1;
	return pick == g->n ? sel : pick;
}
