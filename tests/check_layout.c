/* check_layout.c — screen regions, masonry packing, moving and scrolling in the grid. */
#include "config.h"

#include "unit.h"

#include "layout.h"

/* Heights for a test grid: an array indexed by card. */
static unsigned
heights_of(void *ctx, size_t i, int w)
{
	return ((const unsigned *)ctx)[i];
}

/* Pack n cards of the given heights into width columns. */
static void
pack(struct grid *g, int width, const unsigned *h, size_t n)
{
	grid_init(g);
	ck_assert(grid_pack(g, width, n, heights_of, (void *)h));
}

START_TEST(columns_by_width)
{
	static const struct { int width, cols; } rows[] = {
		{ 20, 1 }, { 40, 1 }, { 80, 1 }, { 81, 1 }, { 82, 2 }, { 120, 2 }, { 124, 3 }, { 200, 4 }, { 207, 4 }, { 208, 5 }, { 250, 6 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int x[GRID_MAX_COLS], w[GRID_MAX_COLS];
		int cols = grid_columns(rows[i].width, x, w);
		ck_assert_msg(cols == rows[i].cols, "width %d: %d columns", rows[i].width, cols);
		/* columns fill the width exactly, gaps between, none narrower than the minimum */
		ck_assert_int_eq(x[0], 0);
		ck_assert_int_eq(x[cols - 1] + w[cols - 1], rows[i].width);
		for (int c = 1; c < cols; c++) {
			ck_assert_int_eq(x[c], x[c - 1] + w[c - 1] + CARD_GAP);
			ck_assert_int_ge(w[c], CARD_MIN_W);
			ck_assert_int_le(w[c - 1] - w[c], 1);
		}
	}
}
END_TEST

START_TEST(screen_regions)
{
	struct regions s;

	layout_regions(&s, 80, 24, 0, 0);
	ck_assert(!s.too_small);
	ck_assert_int_eq(s.header.y, 0);
	ck_assert_int_eq(s.header.h, HEADER_LINES);
	ck_assert_int_eq(s.meters.y, HEADER_LINES);  /* the three meters on one line */
	ck_assert_int_eq(s.meters.h, 1);
	ck_assert_int_eq(s.meter_cols, 3);
	ck_assert_int_eq(s.body.y, HEADER_LINES + 1);
	ck_assert_int_eq(s.body.h, 24 - HEADER_LINES - 1 - BAR_LINES);
	ck_assert_int_eq(s.bar.y, 23);
	layout_regions(&s, 80, 24, 6, 0);               /* a fleet of six: a line each, under the meters */
	ck_assert_int_eq(s.servers.y, HEADER_LINES + 1);
	ck_assert_int_eq(s.servers.h, 6);
	ck_assert_int_eq(s.body.y, HEADER_LINES + 1 + 6);
	ck_assert_int_eq(s.body.h, 24 - HEADER_LINES - 1 - 6 - BAR_LINES);
	layout_regions(&s, 80, 12, 6, 1);               /* no room for six: one line, the banner after it */
	ck_assert_int_eq(s.servers.h, 1);
	ck_assert_int_eq(s.banner.y, s.servers.y + 1);
	ck_assert_int_eq(s.body.y + s.body.h, 12 - BAR_LINES);
	layout_regions(&s, 80, HEADER_LINES + BAR_LINES + CARD_COLLAPSED_H + GRID_CLOSE, 6, 0); /* not even that */
	ck_assert_int_eq(s.servers.h, 0);
	layout_regions(&s, 80, 24, 0, 2);
	ck_assert_int_eq(s.banner.h, 2);
	ck_assert_int_eq(s.banner.y, HEADER_LINES + 1);
	ck_assert_int_eq(s.body.y, HEADER_LINES + 1 + 2);
	ck_assert_int_eq(s.body.y + s.body.h, s.bar.y);
	layout_regions(&s, 80, 24, 0, 99);             /* a long error never takes more than its share */
	ck_assert_int_eq(s.banner.h, BANNER_MAX_LINES);
	layout_regions(&s, 80, 7, 0, 3);               /* a low screen keeps room for one card */
	ck_assert_int_eq(s.body.h, CARD_COLLAPSED_H + GRID_CLOSE);
	ck_assert_int_eq(s.banner.h, 1);
	layout_regions(&s, 20, 6, 0, 0);
	ck_assert(s.too_small);
	layout_regions(&s, GRID_MIN_W, HEADER_LINES + BAR_LINES + CARD_COLLAPSED_H + GRID_CLOSE, 0, 0);
	ck_assert(!s.too_small);
	layout_regions(&s, GRID_MIN_W - 1, 50, 0, 0);
	ck_assert(s.too_small);
	layout_regions(&s, 200, HEADER_LINES + BAR_LINES + CARD_COLLAPSED_H + GRID_CLOSE - 1, 0, 0);
	ck_assert(s.too_small);
}
END_TEST

START_TEST(meter_folding)
{
	static const struct { int w, h, cols, lines; } rows[] = {
		{ 200, 50, 4, 1 },   /* wide: a slot for the fourth */
		{ 80, 24, 3, 1 },
		{ 50, 30, 2, 2 },    /* narrow: folded onto two lines */
		{ 40, 12, 1, 3 },    /* one a line, the body keeps METER_BODY_MIN rows */
		{ 40, 11, 1, 2 },    /* lower: fewer meter lines */
		{ 30, 8, 1, 0 },     /* too low for any */
	};
	struct regions s;

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		layout_regions(&s, rows[i].w, rows[i].h, 0, 0);
		ck_assert_msg(s.meter_cols == rows[i].cols && s.meters.h == rows[i].lines, "%dx%d: %d a line, %d lines",
		              rows[i].w, rows[i].h, s.meter_cols, s.meters.h);
		ck_assert_int_eq(s.body.y, HEADER_LINES + s.meters.h);
		ck_assert_int_eq(s.body.y + s.body.h, s.bar.y);
		ck_assert(s.meters.h == 0 || s.body.h >= METER_BODY_MIN);
	}
}
END_TEST

START_TEST(card_heights)
{
	ck_assert_uint_eq(card_height(false, 100, 40), CARD_COLLAPSED_H);
	/* a title line, the details; the bottom edge is the next card's title */
	ck_assert_uint_eq(card_height(true, 9, 40), 1 + CARD_DETAIL_ROWS);
	ck_assert_uint_eq(card_height(true, (size_t)card_title_room(40, 9), 40), 1 + CARD_DETAIL_ROWS);
	/* 39 columns of IPv6 in a 40-wide card: cut in the title, in full inside */
	ck_assert_uint_eq(card_height(true, 39, 40), 1 + CARD_DETAIL_ROWS + 2);
	ck_assert_uint_eq(card_height(true, 36, 40), 1 + CARD_DETAIL_ROWS + 1);
	ck_assert_uint_eq(card_height(true, 39, 60), 1 + CARD_DETAIL_ROWS);
	ck_assert_uint_eq(card_height(true, 53, 60), 1 + CARD_DETAIL_ROWS + 1);
	/* a full IPv6 address (39) in a 200-column screen's 48-wide card: the
	 * status word gives way (the symbol stays) rather than cut the address */
	ck_assert_int_eq(card_title_room(48, 20), 48 - CARD_TITLE_EXTRA);
	ck_assert_int_eq(card_title_room(48, 39), 48 - CARD_TITLE_BARE);
	ck_assert_uint_eq(card_height(true, 39, 48), 1 + CARD_DETAIL_ROWS);
}
END_TEST

START_TEST(brief_fields_never_cut)
{
	/* NTP, drops, interval, cmd, last seen, as a card at 30 columns sees them */
	static const int w[] = { 9, 9, 12, 5, 8 }, prio[] = { 3, 6, 2, 5, 4 };
	int x[5];

	/* wide: all kept, first at 0, last ends at the right end, gaps >= BRIEF_GAP */
	ck_assert(!brief_fit(w, prio, 5, 80, 1, x));
	ck_assert_int_eq(x[0], 0);
	ck_assert_int_eq(x[4] + w[4], 80);
	for (int i = 1; i < 5; i++)
		ck_assert_int_ge(x[i], x[i - 1] + w[i - 1] + BRIEF_GAP);
	/* a 30-column card (26 inside): whole fields go, lowest priority first;
	 * drops and cmd stay, and room is left for the mark */
	ck_assert(brief_fit(w, prio, 5, 26, 1, x));
	ck_assert_int_eq(x[0], -1);
	ck_assert_int_eq(x[2], -1);
	ck_assert_int_eq(x[4], -1);
	ck_assert_int_eq(x[1], 0);
	ck_assert_int_ge(x[3], w[1] + BRIEF_GAP);
	ck_assert_int_le(x[3] + w[3], 26 - 2);
	/* drops is the last to go */
	ck_assert(brief_fit(w, prio, 5, 11, 1, x));
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(x[i], i == 1 ? 0 : -1);
	/* the same widths give the same slots: every card in view aligns */
	int y[5];
	brief_fit(w, prio, 5, 44, 1, x);
	brief_fit(w, prio, 5, 44, 1, y);
	ck_assert_mem_eq(x, y, sizeof x);
}
END_TEST

START_TEST(collapsed_cards_fill_rows_left_to_right)
{
	unsigned h[10];
	struct grid g;

	for (size_t i = 0; i < 10; i++)
		h[i] = CARD_COLLAPSED_H;
	pack(&g, 200, h, 10); /* 4 columns */
	for (size_t i = 0; i < 10; i++) {
		ck_assert_uint_eq(g.cell[i].col, i % 4);
		ck_assert_uint_eq(g.cell[i].y, (i / 4) * CARD_COLLAPSED_H);
	}
	ck_assert_uint_eq(g.height, 3 * CARD_COLLAPSED_H + GRID_CLOSE);   /* and the closing line */
	grid_free(&g);
}
END_TEST

START_TEST(masonry_leaves_no_holes)
{
	/* card 1 is tall: the next cards go to the shorter columns */
	unsigned h[] = { 3, 10, 3, 3, 3, 3, 3 };
	struct grid g;

	pack(&g, 124, h, 7); /* 3 columns */
	ck_assert_uint_eq(g.cell[0].col, 0);
	ck_assert_uint_eq(g.cell[1].col, 1);
	ck_assert_uint_eq(g.cell[2].col, 2);
	ck_assert_uint_eq(g.cell[3].col, 0);  /* y 3 */
	ck_assert_uint_eq(g.cell[4].col, 2);  /* y 3 */
	ck_assert_uint_eq(g.cell[5].col, 0);  /* y 6 */
	ck_assert_uint_eq(g.cell[6].col, 2);  /* y 6 */
	ck_assert_uint_eq(g.height, 10 + GRID_CLOSE);
	/* no holes: each column is a stack, closed by one line */
	for (int c = 0; c < g.cols; c++) {
		uint32_t next = 0;
		for (size_t i = 0; i < g.n; i++)
			if (g.cell[i].col == c) {
				ck_assert_uint_eq(g.cell[i].y, next);
				next += g.cell[i].h;
			}
		ck_assert_uint_eq(next + GRID_CLOSE, g.col_h[c]);
	}
	grid_free(&g);
}
END_TEST

START_TEST(tops_never_decrease)
{
	unsigned h[500];
	struct grid g;

	srand(7);
	for (size_t i = 0; i < 500; i++)
		h[i] = rand() % 4 == 0 ? 10 + (unsigned)(rand() % 5) : CARD_COLLAPSED_H;
	pack(&g, 250, h, 500);
	for (size_t i = 1; i < 500; i++)
		ck_assert_uint_ge(g.cell[i].y, g.cell[i - 1].y);
	grid_free(&g);
}
END_TEST

START_TEST(moving_in_the_grid)
{
	unsigned h[] = { 3, 10, 3, 3, 3, 3, 3 };
	struct grid g;

	pack(&g, 124, h, 7);
	ck_assert_uint_eq(grid_move(&g, 0, GRID_DOWN), 3);
	ck_assert_uint_eq(grid_move(&g, 3, GRID_DOWN), 5);
	ck_assert_uint_eq(grid_move(&g, 5, GRID_DOWN), 5);   /* bottom of its column */
	ck_assert_uint_eq(grid_move(&g, 5, GRID_UP), 3);
	ck_assert_uint_eq(grid_move(&g, 0, GRID_UP), 0);
	ck_assert_uint_eq(grid_move(&g, 1, GRID_DOWN), 1);   /* alone in its column */
	ck_assert_uint_eq(grid_move(&g, 2, GRID_DOWN), 4);
	ck_assert_uint_eq(grid_move(&g, 2, GRID_RIGHT), 3);  /* reading order */
	ck_assert_uint_eq(grid_move(&g, 3, GRID_LEFT), 2);
	ck_assert_uint_eq(grid_move(&g, 0, GRID_LEFT), 0);
	ck_assert_uint_eq(grid_move(&g, 6, GRID_RIGHT), 6);
	grid_free(&g);
}
END_TEST

START_TEST(paging_in_a_column)
{
	unsigned h[40];
	struct grid g;

	for (size_t i = 0; i < 40; i++)
		h[i] = CARD_COLLAPSED_H;
	pack(&g, 80, h, 40); /* one column, card i at row 2i */
	ck_assert_uint_eq(grid_page(&g, 0, 20), 10);
	ck_assert_uint_eq(grid_page(&g, 10, 20), 20);
	ck_assert_uint_eq(grid_page(&g, 20, -20), 10);
	ck_assert_uint_eq(grid_page(&g, 3, -20), 0);
	ck_assert_uint_eq(grid_page(&g, 35, 20), 39);
	grid_free(&g);
}
END_TEST

START_TEST(scrolling_follows_the_selection)
{
	unsigned h[40];
	struct grid g;

	for (size_t i = 0; i < 40; i++)
		h[i] = CARD_COLLAPSED_H;
	h[20] = 30;                                          /* taller than the view */
	pack(&g, 80, h, 40);
	/* card i at row 2i: two rows and its bottom edge (the next title) */
	ck_assert_int_eq(grid_follow(&g, 0, 21, 0), 0);
	ck_assert_int_eq(grid_follow(&g, 0, 21, 9), 0);      /* rows 18..20: in view */
	ck_assert_int_eq(grid_follow(&g, 0, 21, 10), 2);     /* rows 20..22: scroll 2 */
	ck_assert_int_eq(grid_follow(&g, 30, 21, 5), 10);    /* above: its top at the top */
	ck_assert_int_eq(grid_follow(&g, 0, 21, 20), 40);    /* too tall: its top at the top */
	long last = grid_follow(&g, 0, 21, 39);
	ck_assert_int_eq(last, (long)g.height - 21);         /* bottom at the bottom */
	ck_assert_int_eq(grid_clamp(&g, 100000, 21), (long)g.height - 21);
	ck_assert_int_eq(grid_clamp(&g, -5, 21), 0);
	grid_free(&g);
	h[0] = 3;
	pack(&g, 80, h, 1);
	ck_assert_int_eq(grid_clamp(&g, 10, 21), 0);         /* shorter than the view */
	grid_free(&g);
}
END_TEST

START_TEST(visible_range_is_exact)
{
	unsigned h[300];
	struct grid g;

	srand(11);
	for (size_t i = 0; i < 300; i++)
		h[i] = rand() % 3 == 0 ? 10 + (unsigned)(rand() % 8) : CARD_COLLAPSED_H;
	pack(&g, 200, h, 300);
	for (long top = 0; top < (long)g.height; top += 7) {
		size_t first, end;
		grid_visible(&g, top, 21, &first, &end);
		for (size_t i = 0; i < g.n; i++) {
			bool shows = (long)g.cell[i].y < top + 21 && (long)g.cell[i].y + g.cell[i].h > top;
			if (shows)
				ck_assert_msg(i >= first && i < end, "card %zu at top %ld missed", i, top);
		}
	}
	grid_free(&g);
}
END_TEST

START_TEST(hits_and_nearest)
{
	unsigned h[] = { 3, 10, 3, 3, 3, 3, 3 };
	struct grid g;

	pack(&g, 124, h, 7);
	ck_assert_int_eq(grid_hit(&g, 0, 20, 0, 0), 0);
	ck_assert_int_eq(grid_hit(&g, 0, 20, g.col_x[1] + 5, 9), 1);
	ck_assert_int_eq(grid_hit(&g, 0, 20, g.col_x[2], 4), 4);
	ck_assert_int_eq(grid_hit(&g, 0, 20, g.col_x[1] - 1, 0), -1);   /* in the gap */
	ck_assert_int_eq(grid_hit(&g, 0, 20, 0, 15), -1);               /* below column 0 */
	ck_assert_int_eq(grid_hit(&g, 3, 20, 0, 0), 3);                 /* scrolled */
	ck_assert(grid_shown(&g, 0, 7, 3));                             /* rows 3..5 and its bottom edge */
	ck_assert(!grid_shown(&g, 0, 6, 3));
	ck_assert(grid_last_in_column(&g, 5) && grid_last_in_column(&g, 1) && !grid_last_in_column(&g, 3));
	ck_assert_uint_eq(grid_nearest_shown(&g, 3, 7, 0), 3);          /* scrolled past: next in its column */
	ck_assert_uint_eq(grid_nearest_shown(&g, 0, 7, 5), 3);          /* below the view: last shown above */
	ck_assert_uint_eq(grid_nearest_shown(&g, 0, 6, 5), 0);
	ck_assert_uint_eq(grid_nearest_shown(&g, 0, 7, 3), 3);
	grid_free(&g);
}
END_TEST

START_TEST(hundred_thousand_cards)
{
	size_t n = 100000;
	unsigned *h = malloc(n * sizeof *h);
	struct grid g;

	for (size_t i = 0; i < n; i++)
		h[i] = i % 1000 == 0 ? 12 : CARD_COLLAPSED_H;
	pack(&g, 200, h, n);
	size_t first, end;
	grid_visible(&g, (long)g.height / 2, 47, &first, &end);
	ck_assert_uint_lt(end - first, 200);   /* only what shows is touched when drawing */
	ck_assert_uint_eq(grid_move(&g, n - 1, GRID_RIGHT), n - 1);
	grid_free(&g);
	free(h);
}
END_TEST

/* All layout tests. */
static Suite *
layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");
	tcase_add_test(tc, columns_by_width);
	tcase_add_test(tc, screen_regions);
	tcase_add_test(tc, meter_folding);
	tcase_add_test(tc, card_heights);
	tcase_add_test(tc, brief_fields_never_cut);
	tcase_add_test(tc, collapsed_cards_fill_rows_left_to_right);
	tcase_add_test(tc, masonry_leaves_no_holes);
	tcase_add_test(tc, tops_never_decrease);
	tcase_add_test(tc, moving_in_the_grid);
	tcase_add_test(tc, paging_in_a_column);
	tcase_add_test(tc, scrolling_follows_the_selection);
	tcase_add_test(tc, visible_range_is_exact);
	tcase_add_test(tc, hits_and_nearest);
	tcase_add_test(tc, hundred_thousand_cards);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(layout_suite)
