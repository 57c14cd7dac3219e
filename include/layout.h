/* layout.h — where things go on the screen: regions, the card grid, scrolling.
 *
 * Contract: pure maths, no curses.  The screen is a header (two lines,
 * then the meters: as many a line as METER_MIN_W allows, folding onto more
 * lines when narrow, fewer lines when the body would keep less than
 * METER_BODY_MIN rows), an optional error banner, the body (where the
 * current screen draws: the cards) and the key bar.  Cards are packed like a
 * masonry: as many columns as fit (CARD_MIN_W each), each card going to the
 * shortest column (the leftmost on a tie), so a tall expanded card leaves
 * no hole.  Cards in a column share edges: a card's title line is the
 * bottom edge of the card above, and each column ends with one closing
 * line, so a card's height counts its title and body, not its bottom.  Because a card always lands at the lowest column top, card
 * tops never decrease in view order; the visible range and hit tests use
 * that.  Rows are counted from the top of the whole grid; `top` is the
 * first grid row shown. */
#ifndef TICCTOP_LAYOUT_H
#define TICCTOP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sample.h"

#define CARD_MIN_W 40        /* a column is at least this wide (80 columns: one) */
#define CARD_GAP 2           /* blank columns between two card columns */
#define GRID_MAX_COLS 32
#define GRID_MIN_W 24        /* narrower than this, the screen is "too small" */
#define CARD_COLLAPSED_H 2   /* title line, one line (the bottom edge is shared) */
#define GRID_CLOSE 1         /* the closing line under the last card of a column */
#define CARD_SPARK_ROWS 2    /* an expanded card's sparklines: NTP requests/s, drops/s */
#define CARD_DETAIL_ROWS (3 + CARD_SPARK_ROWS + (int)field_card_rows()) /* lines in an expanded card: heads, a row per card label (sample.h), sparklines, family, status */
#define CARD_TITLE_EXTRA 14  /* title columns that are not the address */
#define CARD_TITLE_BARE 8    /* the same without the status word (the symbol still says it) */
#define CARD_PAD 4           /* border and space each side of a body line */
#define HEADER_LINES 2
#define METERS 3             /* header meters always wanted: NTP req/s, drops/s, Cmd req/s */
#define METER_SLOTS 4        /* meters a line at most (a fourth shows where a slot is free) */
#define METER_MIN_W 24       /* columns a meter takes at least */
#define METER_BODY_MIN 6     /* body rows the meters leave at least, else fewer meter lines */
#define BAR_LINES 1
#define BANNER_MAX_LINES 3
#define SCREEN_MIN_H (HEADER_LINES + BAR_LINES + CARD_COLLAPSED_H + GRID_CLOSE) /* lower: "too small" */
#define BRIEF_MAX 8          /* fields on a collapsed card's line */
#define BRIEF_GAP 2          /* columns at least between two of them */

struct rect {
	int x, y, w, h;
};

/* The screen's regions for one terminal size. */
struct regions {
	bool too_small;         /* only the "too small" notice fits */
	struct rect header, banner, body, bar;   /* body: where the current screen draws */
	struct rect meters;     /* the header's meters, under its two lines (h 0: none) */
	struct rect servers;    /* a fleet's line per server (or one folded line), under the meters */
	int meter_cols;         /* meters a line (meter_cols * meters.h of them show) */
};

/* Split a w x h terminal; banner_lines (0..BANNER_MAX_LINES) are wanted for
 * an error, server_lines for a fleet (one per server: they go under the
 * meters while they take at most half the rows left, else one folded line
 * when a card still fits, else none). */
void layout_regions(struct regions *s, int w, int h, int server_lines, int banner_lines);

/* Rows of a card: collapsed, or expanded with its address (addr_cols wide)
 * wrapped under the title when the title cannot hold it. */
unsigned card_height(bool expanded, size_t addr_cols, int w);

/* Columns the title leaves for an address addr_cols wide in a card w wide:
 * beside the status word when it fits there, else the word gives way. */
int card_title_room(int w, size_t addr_cols);

/* Place the fields of a collapsed card's line, n (<= BRIEF_MAX) in the order
 * shown, field i w[i] columns wide (its widest value in view, so that every
 * card in view puts it in the same slot) and of priority prio[i] (higher
 * stays longer), on a line `width` wide.  Fields are never cut: whole ones
 * are dropped, lowest priority first, until the rest fit with BRIEF_GAP
 * between them and, when any was dropped, mark_w columns for a mark at the
 * right end.  The kept fields are spread over the line, the first at 0 and
 * the last ending at its end.  x[i] is field i's column, -1 when dropped;
 * returns whether any was dropped (draw the mark at width - mark_w). */
bool brief_fit(const int *w, const int *prio, size_t n, int width, int mark_w, int *x);

struct grid_cell {
	uint32_t y;      /* first row */
	uint16_t h;      /* rows */
	uint16_t col;    /* column */
};

struct grid {
	int cols;
	int col_x[GRID_MAX_COLS], col_w[GRID_MAX_COLS];
	uint32_t col_h[GRID_MAX_COLS];   /* rows of each column, closing line included */
	struct grid_cell *cell;     /* one per card, in view order */
	size_t n, cap;
	uint32_t height;            /* rows of the tallest column */
	uint16_t max_h;             /* tallest card */
};

/* The height of card i when placed in a column w wide. */
typedef unsigned (*grid_height_fn)(void *ctx, size_t i, int w);

enum grid_dir { GRID_UP, GRID_DOWN, GRID_LEFT, GRID_RIGHT };

/* Columns that fit in width, filling col_x and col_w (at least 1). */
int grid_columns(int width, int *col_x, int *col_w);

/* Make g empty. */
void grid_init(struct grid *g);

/* Free g's cells. */
void grid_free(struct grid *g);

/* Pack n cards into an area width wide; false when out of memory. */
bool grid_pack(struct grid *g, int width, size_t n, grid_height_fn height, void *ctx);

/* The card reached from `from` going d: up/down in the same column, left/right
 * the previous/next card in order; `from` itself at an edge. */
size_t grid_move(const struct grid *g, size_t from, enum grid_dir d);

/* The card in from's column about `rows` rows further (negative: up). */
size_t grid_page(const struct grid *g, size_t from, long rows);

/* Clamp top so the area (view_h rows) does not scroll past the grid. */
long grid_clamp(const struct grid *g, long top, int view_h);

/* The top that keeps card sel in view, moving as little as possible from top. */
long grid_follow(const struct grid *g, long top, int view_h, size_t sel);

/* Cards [*first, *end) may show between rows top and top + view_h. */
void grid_visible(const struct grid *g, long top, int view_h, size_t *first, size_t *end);

/* The card at area position (x, y), or -1. */
long grid_hit(const struct grid *g, long top, int view_h, int x, int y);

/* Return whether card i is the last of its column (it draws the closing line). */
bool grid_last_in_column(const struct grid *g, size_t i);

/* Return whether card i and its bottom edge are between rows top and top + view_h. */
bool grid_shown(const struct grid *g, long top, int view_h, size_t i);

/* A card to select after scrolling left sel out of view: the nearest wholly shown one. */
size_t grid_nearest_shown(const struct grid *g, long top, int view_h, size_t sel);

#endif
