/* tui.c — the full screen's state: selection, expansion, search, filter, menus. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text.h"
#include "tui.h"

#define ADDR_SAFE 2048    /* a sanitised address, cut if longer */
#define NOT_FOUND ((size_t)-1)

/* Make t ready to show mon. */
void
tui_init(struct tui *t, struct monitor *mon, double interval, bool utf8)
{
	memset(t, 0, sizeof *t);
	t->mon = mon;
	t->interval = interval;
	t->utf8 = utf8;
	t->theme = THEME_DARK;
	t->menu = mon->view.key;
	grid_init(&t->grid);
	strset_init(&t->toggled);
}

/* Free what t owns. */
void
tui_free(struct tui *t)
{
	grid_free(&t->grid);
	strset_free(&t->toggled);
	free(t->sel_addr);
	t->sel_addr = NULL;
}

/* The client shown at view position pos. */
const struct client *
tui_client(const struct tui *t, size_t pos)
{
	return model_at(t->mon->model, t->mon->view.idx[pos]);
}

/* Return whether c's card is expanded. */
bool
tui_expanded(const struct tui *t, const struct client *c)
{
	return t->expand_all != strset_has(&t->toggled, c->addr, c->len);
}

/* Offset of the search text in c's address, or -1. */
long
tui_match(const struct tui *t, const struct client *c)
{
	size_t n = t->search.text_len;

	if (n == 0 || n > c->len)
		return -1;
	for (size_t i = 0; i + n <= c->len; i++) {
		size_t j = 0;
		while (j < n && tolower((unsigned char)c->addr[i + j]) == (unsigned char)t->search.text[j])
			j++;
		if (j == n)
			return (long)i;
	}
	return -1;
}

/* Show a note in the key bar for a few seconds. */
void
tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_until = t->now + TUI_MESSAGE_SECS;
	t->dirty |= REACT_BAR;
}

/* Remember the selected client's address so it can be found again. */
static void
remember(struct tui *t)
{
	if (t->mon->view.n == 0)
		return;
	const struct client *c = tui_client(t, t->sel);
	char *a = realloc(t->sel_addr, c->len + 1);
	if (!a)
		return;
	memcpy(a, c->addr, c->len + 1);
	t->sel_addr = a;
	t->sel_len = c->len;
}

/* Put the selection back on the remembered client after the view changed. */
static void
sync_selection(struct tui *t)
{
	const struct view *v = &t->mon->view;

	if (v->n == 0) {
		t->sel = 0;
		return;
	}
	if (t->sel_addr) {
		long mi = model_find(t->mon->model, t->sel_addr, t->sel_len);
		for (size_t i = 0; mi >= 0 && i < v->n; i++)
			if (v->idx[i] == (uint32_t)mi) {
				t->sel = i;
				return;
			}
	}
	if (t->sel >= v->n)
		t->sel = v->n - 1;
	remember(t);
}

/* Height of card i in a column w wide (a grid_height_fn). */
static unsigned
card_rows(void *ctx, size_t i, int w)
{
	const struct tui *t = ctx;
	const struct client *c = tui_client(t, i);
	char safe[ADDR_SAFE];

	if (!tui_expanded(t, c))
		return CARD_COLLAPSED_H;
	size_t n = fmt_sanitize(safe, sizeof safe, c->addr, c->len, t->utf8);
	return card_height(true, text_width(safe, n), w);
}

/* Repack the grid for the current view and keep the selection in sight. */
static void
relayout(struct tui *t)
{
	if (!grid_pack(&t->grid, t->scr.cards.w, t->mon->view.n, card_rows, t)) {
		t->grid.n = 0;
		tui_message(t, "out of memory: cannot lay out %zu cards", t->mon->view.n);
	}
	t->top = grid_follow(&t->grid, t->top, t->scr.cards.h, t->sel);
}

/* Count the shown cards that match the search. */
static void
count_matches(struct tui *t)
{
	t->matches = 0;
	if (t->search.text_len == 0)
		return;
	for (size_t i = 0; i < t->mon->view.n; i++)
		t->matches += tui_match(t, tui_client(t, i)) >= 0;
}

/* Apply flags: rebuild the view, repack, keep the selection in sight. */
unsigned
tui_react(struct tui *t, unsigned flags)
{
	if (flags & REACT_VIEW) {
		t->mon->view_stale = true;
		monitor_update_view(t->mon);
		sync_selection(t);
		count_matches(t);
		flags |= REACT_LAYOUT | REACT_HEADER;
	}
	if (flags & REACT_LAYOUT) {
		relayout(t);
		flags |= REACT_CARDS;
	}
	if (flags & (REACT_THEME | REACT_CLEAR))
		flags |= REACT_PAINT;
	t->dirty |= flags & REACT_PAINT;
	return flags;
}

/* The error banner's text into buf; 0 when the last poll was good. */
size_t
tui_banner(const struct tui *t, char *buf, size_t size)
{
	const struct monitor *m = t->mon;
	char safe[sizeof m->last.message * 4];

	if (m->polls == 0 || m->last.err == SOURCE_OK || size == 0) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	fmt_sanitize(safe, sizeof safe, m->last.message, strlen(m->last.message), t->utf8);
	int n = snprintf(buf, size, "%s %s%s", glyph(GLYPH_ALERT, t->utf8), safe,
	                 m->have_data ? " (showing the last good data)" : "");
	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

/* Lines the banner needs at the current width. */
static int
banner_lines(const struct tui *t)
{
	char buf[8192];
	size_t n = tui_banner(t, buf, sizeof buf);

	if (n == 0 || t->w <= 0)
		return 0;
	size_t lines = text_lines(buf, n, (size_t)t->w);
	return lines > BANNER_MAX_LINES ? BANNER_MAX_LINES : (int)lines;
}

/* The terminal is now w x h. */
unsigned
tui_resize(struct tui *t, int w, int h)
{
	t->w = w;
	t->h = h;
	t->banner_lines = banner_lines(t);
	layout_screen(&t->scr, w, h, t->banner_lines);
	return tui_react(t, REACT_LAYOUT | REACT_PAINT);
}

/* A poll finished: take the new data (or error) in. */
unsigned
tui_refreshed(struct tui *t)
{
	unsigned f = REACT_HEADER;
	int bl = banner_lines(t);

	if (bl != t->banner_lines) {
		t->banner_lines = bl;
		layout_screen(&t->scr, t->w, t->h, bl);
		f |= REACT_LAYOUT | REACT_PAINT;
	}
	if (model_version(t->mon->model) != t->seen_version || t->mon->view.n != t->grid.n) {
		t->seen_version = model_version(t->mon->model);
		model_summary(t->mon->model, t->counts);
		sync_selection(t);
		count_matches(t);
		f |= REACT_LAYOUT;
	}
	return tui_react(t, f);
}

/* Select view position pos and scroll it into sight. */
static unsigned
select_pos(struct tui *t, size_t pos)
{
	size_t n = t->mon->view.n;

	if (n == 0)
		return 0;
	t->sel = pos < n ? pos : n - 1;
	remember(t);
	t->top = grid_follow(&t->grid, t->top, t->scr.cards.h, t->sel);
	return REACT_CARDS;
}

/* Move the selection one step in direction d. */
static unsigned
move(struct tui *t, enum grid_dir d)
{
	return select_pos(t, grid_move(&t->grid, t->sel, d));
}

/* Move up. */
unsigned
tui_up(struct tui *t)
{
	return move(t, GRID_UP);
}

/* Move down. */
unsigned
tui_down(struct tui *t)
{
	return move(t, GRID_DOWN);
}

/* Move to the previous card. */
unsigned
tui_left(struct tui *t)
{
	return move(t, GRID_LEFT);
}

/* Move to the next card. */
unsigned
tui_right(struct tui *t)
{
	return move(t, GRID_RIGHT);
}

/* Scroll a screenful (sign -1 up, +1 down) and move the selection with it. */
static unsigned
page(struct tui *t, int sign)
{
	long rows = (long)sign * (t->scr.cards.h > 1 ? t->scr.cards.h : 1);

	t->top = grid_clamp(&t->grid, t->top + rows, t->scr.cards.h);
	return select_pos(t, grid_page(&t->grid, t->sel, rows));
}

/* Page up. */
unsigned
tui_page_up(struct tui *t)
{
	return page(t, -1);
}

/* Page down. */
unsigned
tui_page_down(struct tui *t)
{
	return page(t, 1);
}

/* Select the first card. */
unsigned
tui_home(struct tui *t)
{
	return select_pos(t, 0);
}

/* Select the last card. */
unsigned
tui_end(struct tui *t)
{
	return t->mon->view.n ? select_pos(t, t->mon->view.n - 1) : 0;
}

/* Expand or collapse the selected card. */
unsigned
tui_toggle(struct tui *t)
{
	if (t->mon->view.n == 0)
		return 0;
	const struct client *c = tui_client(t, t->sel);
	if (strset_has(&t->toggled, c->addr, c->len))
		strset_del(&t->toggled, c->addr, c->len);
	else if (!strset_add(&t->toggled, c->addr, c->len))
		return 0;
	return REACT_LAYOUT | REACT_SAVE;
}

/* Set every card to expanded (or collapsed). */
static unsigned
set_all(struct tui *t, bool expanded)
{
	t->expand_all = expanded;
	strset_clear(&t->toggled);
	return REACT_LAYOUT | REACT_SAVE;
}

/* Expand every card. */
unsigned
tui_expand_all(struct tui *t)
{
	return set_all(t, true);
}

/* Collapse every card. */
unsigned
tui_collapse_all(struct tui *t)
{
	return set_all(t, false);
}

/* The shown card matching the search nearest from `from` going dir (+1/-1),
 * from itself included when self; NOT_FOUND if none. */
static size_t
find_match(const struct tui *t, size_t from, int dir, bool self)
{
	size_t n = t->mon->view.n;

	if (n == 0 || t->search.text_len == 0)
		return NOT_FOUND;
	from %= n;
	for (size_t k = self ? 0 : 1; k <= n; k++) {
		size_t i = dir > 0 ? (from + k) % n : (from + n - k % n) % n;
		if (tui_match(t, tui_client(t, i)) >= 0)
			return i;
	}
	return NOT_FOUND;
}

/* Take search_text as the search; jump to the first match from where it began. */
static unsigned
apply_search(struct tui *t)
{
	size_t len = strlen(t->search_text);

	for (size_t i = 0; i <= len; i++)
		t->search.text[i] = (char)tolower((unsigned char)t->search_text[i]);
	t->search.text_len = len;
	count_matches(t);
	size_t at = find_match(t, t->search_origin, 1, true);
	return (at != NOT_FOUND ? select_pos(t, at) : 0) | REACT_HEADER | REACT_CARDS | REACT_BAR;
}

/* Start an incremental search. */
unsigned
tui_search_start(struct tui *t)
{
	t->mode = TUI_SEARCH;
	t->search_text[0] = '\0';
	t->search_origin = t->sel;
	return apply_search(t);
}

/* Jump to the next (dir +1) or previous (-1) match. */
static unsigned
jump(struct tui *t, int dir)
{
	if (t->search.text_len == 0) {
		tui_message(t, "Nothing to find: press / to search");
		return 0;
	}
	size_t at = find_match(t, t->sel, dir, false);
	if (at == NOT_FOUND) {
		tui_message(t, "No card matches \"%s\"", t->search_text);
		return 0;
	}
	return select_pos(t, at);
}

/* Jump to the next match. */
unsigned
tui_search_next(struct tui *t)
{
	return jump(t, 1);
}

/* Jump to the previous match. */
unsigned
tui_search_prev(struct tui *t)
{
	return jump(t, -1);
}

/* Set the filter from text. */
bool
tui_set_filter(struct tui *t, const char *text)
{
	static const char *const why[] = {
		[FILTER_ERR_TOKEN] = "use status:ok|warn|crit and family:v4|v6|host",
		[FILTER_ERR_TOO_LONG] = "too long",
	};
	struct filter f;
	const char *bad = NULL;
	enum filter_err e = filter_parse(text, &f, &bad);

	if (text != t->filter_text)
		snprintf(t->filter_text, sizeof t->filter_text, "%s", text);
	if (e != FILTER_OK) {
		t->filter_why = why[e];
		return false;
	}
	t->filter_why = NULL;
	t->mon->view.filter = f;
	snprintf(t->filter_good, sizeof t->filter_good, "%s", text);
	return true;
}

/* Start editing the filter. */
unsigned
tui_filter_start(struct tui *t)
{
	t->mode = TUI_FILTER;
	t->filter_why = NULL;
	return REACT_BAR;
}

/* The line being edited. */
static char *
edit_line(struct tui *t)
{
	return t->mode == TUI_SEARCH ? t->search_text : t->filter_text;
}

/* The edited line changed: search again or refilter. */
static unsigned
edited(struct tui *t)
{
	if (t->mode == TUI_SEARCH)
		return apply_search(t);
	return (tui_set_filter(t, t->filter_text) ? REACT_VIEW : 0) | REACT_BAR;
}

/* Type code point cp into the search or filter line. */
unsigned
tui_insert(struct tui *t, uint32_t cp)
{
	char u[4];
	size_t n;

	if ((t->mode != TUI_SEARCH && t->mode != TUI_FILTER) || cp < 0x20 || cp == 0x7f ||
	    (cp >= 0x80 && cp < 0xa0) || cp > 0x10ffff)
		return 0;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	char *line = edit_line(t);
	size_t len = strlen(line);
	if (len + n >= FILTER_TEXT_MAX) {
		tui_message(t, "That is as long as it gets (%d bytes)", FILTER_TEXT_MAX - 1);
		return 0;
	}
	memcpy(line + len, u, n);
	line[len + n] = '\0';
	return edited(t);
}

/* Erase the last character of the line. */
unsigned
tui_edit_erase(struct tui *t)
{
	char *line = edit_line(t);
	size_t len = strlen(line);

	if (len == 0)
		return 0;
	while (len > 0 && ((unsigned char)line[--len] & 0xc0) == 0x80)
		;
	line[len] = '\0';
	return edited(t);
}

/* Erase the whole line. */
unsigned
tui_edit_clear(struct tui *t)
{
	edit_line(t)[0] = '\0';
	return edited(t);
}

/* Keep what was typed and go back to the cards. */
unsigned
tui_edit_accept(struct tui *t)
{
	if (t->mode == TUI_FILTER && t->filter_why) {
		tui_message(t, "Filter \"%s\" is not valid (%s): kept \"%s\"", t->filter_text, t->filter_why,
		            t->filter_good);
		snprintf(t->filter_text, sizeof t->filter_text, "%s", t->filter_good);
		t->filter_why = NULL;
	}
	t->mode = TUI_BROWSE;
	return REACT_PAINT;
}

/* Forget the search (its highlight and n/N). */
unsigned
tui_search_clear(struct tui *t)
{
	if (t->search.text_len == 0)
		return 0;
	t->search_text[0] = '\0';
	t->search.text_len = 0;
	t->search.text[0] = '\0';
	t->matches = 0;
	return REACT_PAINT;
}

/* Clear the search or the filter and go back to the cards. */
unsigned
tui_edit_cancel(struct tui *t)
{
	unsigned f = REACT_PAINT;

	if (t->mode == TUI_SEARCH) {
		tui_search_clear(t);
	} else {
		tui_set_filter(t, "");
		f |= REACT_VIEW;
	}
	t->mode = TUI_BROWSE;
	return f;
}

/* Open the sort menu on the current key. */
unsigned
tui_sort_menu(struct tui *t)
{
	t->mode = TUI_SORT;
	t->menu = t->mon->view.key;
	return REACT_CARDS | REACT_BAR;
}

/* Move the sort menu's cursor by d, wrapping. */
static unsigned
menu_move(struct tui *t, int d)
{
	t->menu = (t->menu + d + SORT_COUNT) % SORT_COUNT;
	return REACT_CARDS;
}

/* Sort menu: up. */
unsigned
tui_menu_up(struct tui *t)
{
	return menu_move(t, -1);
}

/* Sort menu: down. */
unsigned
tui_menu_down(struct tui *t)
{
	return menu_move(t, 1);
}

/* Sort by the key under the menu's cursor. */
unsigned
tui_menu_pick(struct tui *t)
{
	t->mon->view.key = (enum sort_key)t->menu;
	t->mode = TUI_BROWSE;
	return REACT_VIEW | REACT_SAVE | REACT_PAINT;
}

/* Invert the order. */
unsigned
tui_invert(struct tui *t)
{
	t->mon->view.reverse = !t->mon->view.reverse;
	return REACT_VIEW | REACT_SAVE | REACT_HEADER;
}

/* Switch to the next theme. */
unsigned
tui_theme_next(struct tui *t)
{
	if (t->colours == 0) {
		tui_message(t, "Colours are off (--no-color, NO_COLOR or the terminal): mono only");
		return 0;
	}
	t->theme = (enum theme_id)((t->theme + 1) % THEME_COUNT);
	tui_message(t, "Theme: %s", theme_name(t->theme));
	return REACT_THEME | REACT_SAVE;
}

/* Stop or resume polling. */
unsigned
tui_pause(struct tui *t)
{
	t->mon->paused = !t->mon->paused;
	tui_message(t, t->mon->paused ? "Paused: the data stays as it is until p" : "Resumed");
	return REACT_HEADER;
}

/* Repaint the whole terminal. */
unsigned
tui_redraw(struct tui *t)
{
	return REACT_CLEAR;
}

/* Open the help. */
unsigned
tui_help(struct tui *t)
{
	t->mode = TUI_HELP;
	t->help_top = 0;
	return REACT_CARDS | REACT_BAR;
}

/* Rows of help text one screen shows. */
static long
help_rows(const struct tui *t)
{
	return t->scr.cards.h > 3 ? t->scr.cards.h - 2 : 1;
}

/* Scroll the help by d lines, within its length. */
static unsigned
help_scroll(struct tui *t, long d)
{
	long max = t->help_lines - help_rows(t);

	t->help_top += d;
	if (t->help_top > max)
		t->help_top = max;
	if (t->help_top < 0)
		t->help_top = 0;
	return REACT_CARDS;
}

/* Help: one line up. */
unsigned
tui_help_up(struct tui *t)
{
	return help_scroll(t, -1);
}

/* Help: one line down. */
unsigned
tui_help_down(struct tui *t)
{
	return help_scroll(t, 1);
}

/* Help: a page up. */
unsigned
tui_help_page_up(struct tui *t)
{
	return help_scroll(t, -help_rows(t));
}

/* Help: a page down. */
unsigned
tui_help_page_down(struct tui *t)
{
	return help_scroll(t, help_rows(t));
}

/* Help: to the top. */
unsigned
tui_help_home(struct tui *t)
{
	return help_scroll(t, -t->help_lines);
}

/* Help: to the end. */
unsigned
tui_help_end(struct tui *t)
{
	return help_scroll(t, t->help_lines);
}

/* Close the help or the sort menu. */
unsigned
tui_close(struct tui *t)
{
	t->mode = TUI_BROWSE;
	return REACT_CARDS | REACT_BAR;
}

/* Quit. */
unsigned
tui_quit(struct tui *t)
{
	return REACT_QUIT;
}

/* The sort menu's box on the screen. */
struct rect
tui_menu_rect(const struct tui *t)
{
	int w = 34, h = SORT_COUNT + 2;

	if (w > t->w)
		w = t->w;
	if (h > t->h - BAR_LINES)
		h = t->h - BAR_LINES;
	return (struct rect){ (t->w - w) / 2, (t->h - BAR_LINES - h) / 2, w, h };
}

/* The first sort key the menu shows. */
int
tui_menu_first(const struct tui *t)
{
	int rows = tui_menu_rect(t).h - 2;

	return rows > 0 && t->menu >= rows ? t->menu - rows + 1 : 0;
}

/* A left click at screen (x, y). */
unsigned
tui_click(struct tui *t, int x, int y, bool dbl)
{
	const struct rect *a = &t->scr.cards;
	unsigned f = 0;

	if (t->mode == TUI_HELP)
		return tui_close(t);
	if (t->mode == TUI_SORT) {
		struct rect r = tui_menu_rect(t);
		int item = y - r.y - 1 + tui_menu_first(t);
		if (x < r.x || x >= r.x + r.w || y <= r.y || y >= r.y + r.h - 1 || item >= SORT_COUNT)
			return tui_close(t);
		t->menu = item;
		return tui_menu_pick(t);
	}
	if (t->mode == TUI_SEARCH || t->mode == TUI_FILTER)
		f |= tui_edit_accept(t);
	long hit = grid_hit(&t->grid, t->top, a->h, x - a->x, y - a->y);
	if (hit < 0)
		return f;
	const struct grid_cell *c = &t->grid.cell[hit];
	bool on_marker = (long)c->y == t->top + (y - a->y) && x - a->x == t->grid.col_x[c->col] + 3;
	f |= select_pos(t, (size_t)hit);
	if (dbl || on_marker)
		f |= tui_toggle(t);
	return f;
}

/* The wheel turned: dir -1 up, +1 down. */
unsigned
tui_wheel(struct tui *t, int dir)
{
	if (t->mode == TUI_HELP)
		return help_scroll(t, dir * TUI_WHEEL_ROWS);
	if (t->mode == TUI_SORT)
		return menu_move(t, dir);
	t->top = grid_clamp(&t->grid, t->top + dir * TUI_WHEEL_ROWS, t->scr.cards.h);
	size_t s = grid_nearest_shown(&t->grid, t->top, t->scr.cards.h, t->sel);
	if (s != t->sel && s < t->mon->view.n) {
		t->sel = s;
		remember(t);
	}
	return REACT_CARDS;
}
