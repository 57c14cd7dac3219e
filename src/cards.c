/* cards.c — the Clients screen (cards or a table): selection, open cards,
 * the grid, the table's columns, search jumps, clicks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "columns.h"
#include "format.h"
#include "text.h"

#define ADDR_SAFE 2048    /* a sanitised address, cut if longer */
#define NOT_FOUND ((size_t)-1)

/* The cards' state of t (the current screen's). */
static struct cards *
cur(const struct tui *t)
{
	return tui_state(t);
}

/* The cards' state in t, whichever screen is current. */
struct cards *
cards_state(const struct tui *t)
{
	for (size_t i = 0; i < t->nscreens; i++)
		if (t->screens[i].ops == &cards_ops)
			return t->state[i];
	return NULL;
}

/* Return whether the card at list position pos is expanded (its server's set, by its address). */
bool
cards_expanded(const struct tui *t, size_t pos)
{
	const struct cards *cs = cards_state(t);
	const struct client *c = tui_client(t, pos);

	return cs->expand_all != strset_has(&cs->toggled[tui_server(t, pos)], c->addr, c->len);
}

/* Return whether some card differs from expand_all. */
static bool
any_toggled(const struct tui *t)
{
	const struct cards *cs = cards_state(t);

	for (size_t i = 0; i < FLEET_MAX; i++)
		if (cs->toggled[i].n)
			return true;
	return false;
}

/* Make the cards empty. */
static void
cards_init(struct tui *t, void *state)
{
	struct cards *cs = state;

	grid_init(&cs->grid);
	for (size_t i = 0; i < FLEET_MAX; i++)
		strset_init(&cs->toggled[i]);
}

/* Free what the cards own. */
static void
cards_free(void *state)
{
	struct cards *cs = state;

	grid_free(&cs->grid);
	for (size_t i = 0; i < FLEET_MAX; i++)
		strset_free(&cs->toggled[i]);
	free(cs->sel_addr);
	cs->sel_addr = NULL;
}

/* Remember the selected client's address so it can be found again. */
static void
remember(struct tui *t)
{
	struct cards *cs = cur(t);

	if (tui_count(t) == 0)
		return;
	const struct client *c = tui_client(t, cs->sel);
	char *a = realloc(cs->sel_addr, c->len + 1);
	if (!a)
		return;
	memcpy(a, c->addr, c->len + 1);
	cs->sel_addr = a;
	cs->sel_len = c->len;
	cs->sel_srv = tui_server(t, cs->sel);
}

/* Put the selection back on the remembered client after the view changed. */
static void
sync_selection(struct tui *t)
{
	struct cards *cs = cur(t);
	size_t n = tui_count(t);
	long at = cs->sel_addr ? tui_find(t, cs->sel_srv, cs->sel_addr, cs->sel_len) : -1;

	if (n == 0) {
		cs->sel = 0;
		return;
	}
	if (at >= 0) {
		cs->sel = (size_t)at;
		return;
	}
	if (cs->sel >= n)
		cs->sel = n - 1;
	remember(t);
}

/* The age of m's data and whether it is stale.  A replay's data is as old
 * as its recorded time (the header shows that): age 0, stale only when the
 * recorded poll failed. */
bool
cards_data_stale(const struct tui *t, const struct monitor *m, double *age)
{
	if (m->src->own_times) {
		*age = 0;
		return m->have_data && m->last.err != SOURCE_OK;
	}
	*age = m->have_data && t->now > m->data_time ? t->now - m->data_time : 0;
	return m->have_data && !m->paused && (m->last.err != SOURCE_OK || *age > 2 * t->interval);
}

/* s with its ages counted to now. */
void
cards_aged(struct sample *out, const struct sample *s, double elapsed)
{
	*out = *s;
	for (int f = 0; f < FIELD_ALL; f++)
		if (field_info(f)->kind == KIND_SECONDS && sample_known(s, f) && elapsed >= 1)
			out->v[f] += (int64_t)elapsed;
}

/* Columns of c's address as a title or a row shows it, the shared-name mark included. */
size_t
cards_address_cols(const struct client *c, bool utf8)
{
	char safe[ADDR_SAFE];
	size_t n = fmt_sanitize(safe, sizeof safe, c->addr, c->len, utf8);

	return text_width(safe, n) + (c->shared ? CARDS_SHARED_MARK_W : 0);
}

/* Height of card (or table row) i in a column w wide (a grid_height_fn). */
static unsigned
card_rows(void *ctx, size_t i, int w)
{
	const struct tui *t = ctx;
	const struct cards *cs = cur(t);
	bool table = cs->view == CLIENTS_TABLE;

	if (!cs->expand_all && !any_toggled(t))
		return table ? 1 : CARD_COLLAPSED_H; /* all collapsed: no client to look at (100k: 5 ms) */
	if (!cards_expanded(t, i))
		return table ? 1 : CARD_COLLAPSED_H;
	size_t cols = cards_address_cols(tui_client(t, i), t->utf8);
	return table ? table_row_height(true, cols, w) : card_height(true, cols, w);
}

/* Where the grid is shown: the body, below the headings in the table. */
struct rect
cards_area(const struct tui *t)
{
	struct rect a = t->reg.body;
	int head = cards_state(t)->view == CLIENTS_TABLE ? TABLE_HEAD_LINES : 0;

	a.y += head;
	a.h = a.h > head ? a.h - head : 0;
	return a;
}

/* Repack the grid for the current view and keep the selection in sight. */
static void
relayout(struct tui *t)
{
	struct cards *cs = cur(t);
	struct rect a = cards_area(t);
	bool (*packer)(struct grid *, int, size_t, grid_height_fn, void *) =
		cs->view == CLIENTS_TABLE ? grid_pack_rows : grid_pack;

	if (!packer(&cs->grid, a.w, tui_count(t), card_rows, t)) {
		cs->grid.n = 0;
		tui_message(t, "out of memory: cannot lay out %zu cards", tui_count(t));
	}
	cs->top = grid_follow(&cs->grid, cs->top, a.h, cs->sel);
}

/* The table's columns, the address as wide as the widest in view, fitted to the body; returns how many. */
size_t
cards_columns(const struct tui *t, struct column *col, size_t max)
{
	size_t n = columns_list(col, max, t->fleet->n > 1), widest = 0, server = 0;
	char name[FLEET_NAME_MAX * 4];

	/* bytes bound an address's columns but for escapes, which the cell then cuts (100k: 0.3 ms) */
	for (size_t i = 0; i < tui_count(t); i++) {
		const struct client *c = tui_client(t, i);
		size_t w = c->len + (c->shared ? CARDS_SHARED_MARK_W : 0);
		if (w > widest)
			widest = w;
	}
	for (size_t i = 0; t->fleet->n > 1 && i < t->fleet->n; i++) {
		size_t w = text_width(name, fmt_sanitize(name, sizeof name, t->fleet->name[i], strlen(t->fleet->name[i]),
		                                         t->utf8));
		if (w > server)
			server = w;
	}
	for (size_t k = 0; k < n; k++) {
		if (col[k].kind == COL_ADDR && (size_t)col[k].need < widest)
			col[k].need = widest > INT16_MAX ? INT16_MAX : (int)widest;
		if (col[k].kind == COL_SERVER && (size_t)col[k].need < server)
			col[k].need = (int)server;
	}
	columns_fit(col, n, cards_area(t).w);
	return n;
}

/* Count the shown cards that match the search. */
static void
count_matches(struct tui *t)
{
	t->matches = 0;
	if (t->search.text_len == 0)
		return;
	for (size_t i = 0; i < tui_count(t); i++)
		t->matches += tui_match(t, tui_client(t, i)) >= 0;
}

/* The view was rebuilt or the layout changed: follow the selection, repack. */
static unsigned
cards_react(struct tui *t, unsigned flags)
{
	struct cards *cs = cur(t);

	if (flags & REACT_VIEW) {
		sync_selection(t);
		count_matches(t);
		flags |= REACT_LAYOUT;
	}
	if (flags & REACT_LAYOUT) {
		relayout(t);
		cs->seen_built = tui_built(t);
		flags |= REACT_BODY;
	}
	return flags;
}

/* A poll ended: a view kept as it was (only counters changed) has the same
 * cards in the same places: no new selection, matches or layout (100k: 5 ms). */
static unsigned
cards_refreshed(struct tui *t)
{
	struct cards *cs = cur(t);

	if (tui_built(t) != cs->seen_built || tui_count(t) != cs->grid.n) {
		sync_selection(t);
		count_matches(t);
		return REACT_LAYOUT | REACT_BODY;
	}
	return 0;
}

/* Select view position pos and scroll it into sight. */
static unsigned
select_pos(struct tui *t, size_t pos)
{
	struct cards *cs = cur(t);
	size_t n = tui_count(t);

	if (n == 0)
		return 0;
	cs->sel = pos < n ? pos : n - 1;
	remember(t);
	cs->top = grid_follow(&cs->grid, cs->top, cards_area(t).h, cs->sel);
	return REACT_BODY;
}

/* Move the selection one step in direction d (enum grid_dir). */
static unsigned
move(struct tui *t, int d)
{
	return select_pos(t, grid_move(&cur(t)->grid, cur(t)->sel, (enum grid_dir)d));
}

/* Scroll a screenful (sign -1 up, +1 down) and move the selection with it. */
static unsigned
page(struct tui *t, int sign)
{
	struct cards *cs = cur(t);
	int h = cards_area(t).h;
	long rows = (long)sign * (h > 1 ? h : 1);

	cs->top = grid_clamp(&cs->grid, cs->top + rows, h);
	return select_pos(t, grid_page(&cs->grid, cs->sel, rows));
}

/* Select the first card (end 0) or the last (end 1). */
static unsigned
select_end(struct tui *t, int end)
{
	size_t n = tui_count(t);

	return end == 0 ? select_pos(t, 0) : n ? select_pos(t, n - 1) : 0;
}

/* Expand or collapse the selected card (at its own server alone). */
static unsigned
toggle(struct tui *t, int arg)
{
	struct cards *cs = cur(t);

	if (tui_count(t) == 0)
		return 0;
	const struct client *c = tui_client(t, cs->sel);
	struct strset *set = &cs->toggled[tui_server(t, cs->sel)];
	if (strset_has(set, c->addr, c->len))
		strset_del(set, c->addr, c->len);
	else if (!strset_add(set, c->addr, c->len))
		return 0;
	return REACT_LAYOUT | REACT_SAVE;
}

/* Set every card to expanded (1) or collapsed (0). */
static unsigned
set_all(struct tui *t, int expanded)
{
	struct cards *cs = cur(t);

	cs->expand_all = expanded;
	for (size_t i = 0; i < FLEET_MAX; i++)
		strset_clear(&cs->toggled[i]);
	return REACT_LAYOUT | REACT_SAVE;
}

/* The shown card matching the search nearest from `from` going dir (+1/-1),
 * from itself included when self; NOT_FOUND if none. */
static size_t
find_match(const struct tui *t, size_t from, int dir, bool self)
{
	size_t n = tui_count(t);

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

/* The search text changed: count the matches, go to the first from where the search began. */
static unsigned
cards_searched(struct tui *t)
{
	count_matches(t);
	size_t at = find_match(t, cur(t)->search_origin, 1, true);
	return at != NOT_FOUND ? select_pos(t, at) : 0;
}

/* Start an incremental search from the selected card. */
static unsigned
search_start(struct tui *t, int arg)
{
	cur(t)->search_origin = cur(t)->sel;
	return tui_search_start(t, arg);
}

/* Jump to the next (dir +1) or previous (-1) match. */
static unsigned
jump(struct tui *t, int dir)
{
	if (t->search.text_len == 0) {
		tui_message(t, "Nothing to find: press / to search");
		return 0;
	}
	size_t at = find_match(t, cur(t)->sel, dir, false);
	if (at == NOT_FOUND) {
		tui_message(t, "No card matches \"%s\"", t->search_text);
		return 0;
	}
	return select_pos(t, at);
}

/* Sort by key k in its natural direction; by k already: invert the order. */
static unsigned
sort_by(struct tui *t, int k)
{
	struct view *v = &t->mon->view;

	if (k == (int)v->key)
		return tui_invert(t, 0);
	v->key = (enum sort_key)k;
	v->reverse = false;
	t->menu = k;
	return REACT_VIEW | REACT_SAVE | REACT_HEADER;
}

/* A click on the table's headings at column x: sort by that column (again: invert). */
static unsigned
heading_click(struct tui *t, int x)
{
	struct column col[COL_MAX];
	size_t n = cards_columns(t, col, COL_MAX);
	long at = columns_at(col, n, x - t->reg.body.x);

	if (at < 0)
		return 0;
	if (col[at].sort == COL_NO_SORT) {
		tui_message(t, "%s: not a sort key (F6 lists them)", col[at].head);
		return 0;
	}
	return sort_by(t, col[at].sort);
}

/* Sort by the column dir (+1 right, -1 left) of the sorted one; the cards: the menu's next order. */
static unsigned
sort_side(struct tui *t, int dir)
{
	struct column col[COL_MAX];

	if (cur(t)->view != CLIENTS_TABLE)
		return tui_sort_step(t, dir);
	size_t n = cards_columns(t, col, COL_MAX);
	int k = columns_step(col, n, (int)t->mon->view.key, dir);
	return k == (int)t->mon->view.key ? 0 : sort_by(t, k);
}

/* Show the clients as cards or as a table (arg unused: it switches). */
static unsigned
switch_view(struct tui *t, int arg)
{
	struct cards *cs = cur(t);

	cs->view = cs->view == CLIENTS_TABLE ? CLIENTS_CARDS : CLIENTS_TABLE;
	tui_message(t, cs->view == CLIENTS_TABLE ? "Table: a row per client (v: cards)" : "Cards (v: the table)");
	return REACT_LAYOUT | REACT_SAVE | REACT_BODY;
}

/* A left click on the body: the table's headings sort; on a card or row:
 * select it, and open it on a double click or its status symbol. */
static unsigned
cards_click(struct tui *t, int x, int y, bool dbl)
{
	struct cards *cs = cur(t);
	bool table = cs->view == CLIENTS_TABLE;
	struct rect a = cards_area(t);

	if (table && y >= t->reg.body.y && y < a.y)
		return heading_click(t, x);
	long hit = grid_hit(&cs->grid, cs->top, a.h, x - a.x, y - a.y);
	if (hit < 0)
		return 0;
	const struct grid_cell *c = &cs->grid.cell[hit];
	int marker = table ? 0 : 3;   /* the status symbol's column */
	bool on_marker = (long)c->y == cs->top + (y - a.y) && x - a.x == cs->grid.col_x[c->col] + marker;
	unsigned f = select_pos(t, (size_t)hit);
	if (dbl || on_marker)
		f |= toggle(t, 0);
	return f;
}

/* The wheel over the body: scroll, keeping the selection on a card in sight. */
static unsigned
cards_wheel(struct tui *t, int dir)
{
	struct cards *cs = cur(t);
	int h = cards_area(t).h;

	cs->top = grid_clamp(&cs->grid, cs->top + dir * TUI_WHEEL_ROWS, h);
	size_t s = grid_nearest_shown(&cs->grid, cs->top, h, cs->sel);
	if (s != cs->sel && s < tui_count(t)) {
		cs->sel = s;
		remember(t);
	}
	return REACT_BODY;
}

enum {
	A_UP, A_DOWN, A_LEFT, A_RIGHT, A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END,
	A_TOGGLE, A_EXPAND_ALL, A_COLLAPSE_ALL, A_VIEW, A_SORT_LEFT, A_SORT_RIGHT,
	A_SEARCH, A_SEARCH_NEXT, A_SEARCH_PREV, A_SEARCH_CLEAR,
};

/* In help order. */
static const struct action actions[] = {
	[A_UP]           = { move, GRID_UP, "Select the card above" },
	[A_DOWN]         = { move, GRID_DOWN, "Select the card below" },
	[A_LEFT]         = { move, GRID_LEFT, "Select the previous card" },
	[A_RIGHT]        = { move, GRID_RIGHT, "Select the next card" },
	[A_PAGE_UP]      = { page, -1, "Scroll up a screenful" },
	[A_PAGE_DOWN]    = { page, 1, "Scroll down a screenful" },
	[A_HOME]         = { select_end, 0, "Select the first card" },
	[A_END]          = { select_end, 1, "Select the last card" },
	[A_TOGGLE]       = { toggle, 0, "Expand or collapse the selected card" },
	[A_EXPAND_ALL]   = { set_all, 1, "Expand every card" },
	[A_COLLAPSE_ALL] = { set_all, 0, "Collapse every card" },
	[A_VIEW]         = { switch_view, 0, "Cards or a table (remembered; --view)" },
	[A_SORT_LEFT]    = { sort_side, -1, "Sort by the column left (cards: previous order)" },
	[A_SORT_RIGHT]   = { sort_side, 1, "Sort by the column right (cards: next order)" },
	[A_SEARCH]       = { search_start, 0, "Search: jump between the matching cards" },
	[A_SEARCH_NEXT]  = { jump, 1, "Jump to the next match" },
	[A_SEARCH_PREV]  = { jump, -1, "Jump to the previous match" },
	[A_SEARCH_CLEAR] = { tui_search_clear, 0, "Forget the search and its highlight" },
};

#define B TUI_BROWSE
#define S TUI_SEARCH

static const struct binding bindings[] = {
	KEYS_MOVE(B, A_UP, A_DOWN, A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END),
	{ B, KEYC_LEFT, A_LEFT, NULL, 0 },
	{ B, KEYC_RIGHT, A_RIGHT, NULL, 0 },
	{ B, 'l', A_RIGHT, NULL, 0 },
	{ B, KEYC_F3, A_SEARCH, "Search", 30 },
	{ B, '/', A_SEARCH, NULL, 0 },
	{ B, 'n', A_SEARCH_NEXT, NULL, 0 },
	{ B, 'N', A_SEARCH_PREV, NULL, 0 },
	{ B, KEYC_ESC, A_SEARCH_CLEAR, NULL, 0 },
	{ B, KEYC_ENTER, A_TOGGLE, "Expand", 70 },
	{ B, ' ', A_TOGGLE, NULL, 0 },
	{ B, '+', A_EXPAND_ALL, "All", 75 },
	{ B, 'e', A_EXPAND_ALL, NULL, 0 },
	{ B, '-', A_COLLAPSE_ALL, NULL, 0 },
	{ B, 'E', A_COLLAPSE_ALL, NULL, 0 },
	{ B, 'v', A_VIEW, "View", 65 },
	{ B, '<', A_SORT_LEFT, NULL, 0 },
	{ B, '>', A_SORT_RIGHT, NULL, 0 },

	{ S, KEYC_F3, A_SEARCH_NEXT, "Next", 30 },
	{ S, KEYC_DOWN, A_SEARCH_NEXT, NULL, 0 },
	{ S, KEYC_UP, A_SEARCH_PREV, NULL, 0 },
};

#undef B
#undef S

static const struct help_section help[] = {
	{ "Clients", TUI_BROWSE, { "Tab, Shift-Tab and 1 2 3 go to the other screens" } },
	{ "Mouse (m or --no-mouse turns it off)", -1,
	  { "A click selects a card; a double click, or one on its symbol, opens it",
	    "The table: a click on a heading sorts by it, again inverts",
	    "The wheel scrolls; a click on the bottom bar presses that key" } },
	{ "Search line", TUI_SEARCH,
	  { "Other keys type: a part of the address or host name, in any case" } },
};

const struct screen_ops cards_ops = {
	.name = "Clients",
	.state_size = sizeof(struct cards),
	.init = cards_init,
	.free = cards_free,
	.keys = KEYMAP(actions, bindings),
	.help = help,
	.nhelp = sizeof help / sizeof help[0],
	.react = cards_react,
	.refreshed = cards_refreshed,
	.searched = cards_searched,
	.click = cards_click,
	.wheel = cards_wheel,
};
