/* cards.c — the cards screen: selection, open cards, the grid, search jumps, clicks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cards.h"
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

/* Return whether c's card is expanded. */
bool
cards_expanded(const struct tui *t, const struct client *c)
{
	const struct cards *cs = cards_state(t);

	return cs->expand_all != strset_has(&cs->toggled, c->addr, c->len);
}

/* Make the cards empty. */
static void
cards_init(struct tui *t, void *state)
{
	struct cards *cs = state;

	grid_init(&cs->grid);
	strset_init(&cs->toggled);
}

/* Free what the cards own. */
static void
cards_free(void *state)
{
	struct cards *cs = state;

	grid_free(&cs->grid);
	strset_free(&cs->toggled);
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

/* The age of m's data and whether it is stale. */
bool
cards_data_stale(const struct tui *t, const struct monitor *m, double *age)
{
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

/* Height of card i in a column w wide (a grid_height_fn). */
static unsigned
card_rows(void *ctx, size_t i, int w)
{
	const struct tui *t = ctx;
	const struct cards *cs = cur(t);
	char safe[ADDR_SAFE];

	if (!cs->expand_all && cs->toggled.n == 0)
		return CARD_COLLAPSED_H; /* all collapsed: no client to look at (100k: 5 ms) */
	const struct client *c = tui_client(t, i);
	if (!cards_expanded(t, c))
		return CARD_COLLAPSED_H;
	size_t n = fmt_sanitize(safe, sizeof safe, c->addr, c->len, t->utf8);
	return card_height(true, text_width(safe, n) + (c->shared ? CARDS_SHARED_MARK_W : 0), w);
}

/* Repack the grid for the current view and keep the selection in sight. */
static void
relayout(struct tui *t)
{
	struct cards *cs = cur(t);

	if (!grid_pack(&cs->grid, t->reg.body.w, tui_count(t), card_rows, t)) {
		cs->grid.n = 0;
		tui_message(t, "out of memory: cannot lay out %zu cards", tui_count(t));
	}
	cs->top = grid_follow(&cs->grid, cs->top, t->reg.body.h, cs->sel);
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
	cs->top = grid_follow(&cs->grid, cs->top, t->reg.body.h, cs->sel);
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
	long rows = (long)sign * (t->reg.body.h > 1 ? t->reg.body.h : 1);

	cs->top = grid_clamp(&cs->grid, cs->top + rows, t->reg.body.h);
	return select_pos(t, grid_page(&cs->grid, cs->sel, rows));
}

/* Select the first card (end 0) or the last (end 1). */
static unsigned
select_end(struct tui *t, int end)
{
	size_t n = tui_count(t);

	return end == 0 ? select_pos(t, 0) : n ? select_pos(t, n - 1) : 0;
}

/* Expand or collapse the selected card. */
static unsigned
toggle(struct tui *t, int arg)
{
	struct cards *cs = cur(t);

	if (tui_count(t) == 0)
		return 0;
	const struct client *c = tui_client(t, cs->sel);
	if (strset_has(&cs->toggled, c->addr, c->len))
		strset_del(&cs->toggled, c->addr, c->len);
	else if (!strset_add(&cs->toggled, c->addr, c->len))
		return 0;
	return REACT_LAYOUT | REACT_SAVE;
}

/* Set every card to expanded (1) or collapsed (0). */
static unsigned
set_all(struct tui *t, int expanded)
{
	struct cards *cs = cur(t);

	cs->expand_all = expanded;
	strset_clear(&cs->toggled);
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

/* A left click on the body: select the card; open it on a double click or its symbol. */
static unsigned
cards_click(struct tui *t, int x, int y, bool dbl)
{
	struct cards *cs = cur(t);
	const struct rect *a = &t->reg.body;
	long hit = grid_hit(&cs->grid, cs->top, a->h, x - a->x, y - a->y);

	if (hit < 0)
		return 0;
	const struct grid_cell *c = &cs->grid.cell[hit];
	bool on_marker = (long)c->y == cs->top + (y - a->y) && x - a->x == cs->grid.col_x[c->col] + 3;
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

	cs->top = grid_clamp(&cs->grid, cs->top + dir * TUI_WHEEL_ROWS, t->reg.body.h);
	size_t s = grid_nearest_shown(&cs->grid, cs->top, t->reg.body.h, cs->sel);
	if (s != cs->sel && s < tui_count(t)) {
		cs->sel = s;
		remember(t);
	}
	return REACT_BODY;
}

enum {
	A_UP, A_DOWN, A_LEFT, A_RIGHT, A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END,
	A_TOGGLE, A_EXPAND_ALL, A_COLLAPSE_ALL, A_SEARCH, A_SEARCH_NEXT, A_SEARCH_PREV, A_SEARCH_CLEAR,
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
	[A_SEARCH]       = { search_start, 0, "Search: jump between the matching cards" },
	[A_SEARCH_NEXT]  = { jump, 1, "Jump to the next match" },
	[A_SEARCH_PREV]  = { jump, -1, "Jump to the previous match" },
	[A_SEARCH_CLEAR] = { tui_search_clear, 0, "Forget the search and its highlight" },
};

#define B TUI_BROWSE
#define S TUI_SEARCH

static const struct binding bindings[] = {
	{ B, KEYC_UP, A_UP, NULL, 0 },
	{ B, 'k', A_UP, NULL, 0 },
	{ B, KEYC_DOWN, A_DOWN, NULL, 0 },
	{ B, 'j', A_DOWN, NULL, 0 },
	{ B, KEYC_LEFT, A_LEFT, NULL, 0 },
	{ B, KEYC_RIGHT, A_RIGHT, NULL, 0 },
	{ B, 'l', A_RIGHT, NULL, 0 },
	{ B, KEYC_PGUP, A_PAGE_UP, NULL, 0 },
	{ B, KEYC_CTRL('b'), A_PAGE_UP, NULL, 0 },
	{ B, KEYC_PGDN, A_PAGE_DOWN, NULL, 0 },
	{ B, KEYC_CTRL('f'), A_PAGE_DOWN, NULL, 0 },
	{ B, KEYC_HOME, A_HOME, NULL, 0 },
	{ B, 'g', A_HOME, NULL, 0 },
	{ B, KEYC_END, A_END, NULL, 0 },
	{ B, 'G', A_END, NULL, 0 },
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

	{ S, KEYC_F3, A_SEARCH_NEXT, "Next", 30 },
	{ S, KEYC_DOWN, A_SEARCH_NEXT, NULL, 0 },
	{ S, KEYC_UP, A_SEARCH_PREV, NULL, 0 },
};

#undef B
#undef S

static const struct help_section help[] = {
	{ "Cards", TUI_BROWSE, { NULL } },
	{ "Mouse (m or --no-mouse turns it off)", -1,
	  { "A click selects a card; a double click, or one on its symbol, opens it",
	    "The wheel scrolls; a click on the bottom bar presses that key" } },
	{ "Search line", TUI_SEARCH,
	  { "Other keys type: a part of the address or host name, in any case" } },
};

const struct screen_ops cards_ops = {
	.name = "Cards",
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
