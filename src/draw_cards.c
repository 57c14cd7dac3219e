/* draw_cards.c — the client cards that are in view, and nothing else. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cards.h"
#include "draw.h"
#include "format.h"
#include "text.h"

#define LABEL_W 10       /* label column of an expanded card */
#define SAFE_MAX 2048    /* a sanitised address, cut if longer */
#define BRIEF_SLOT_W 18

static const char *const family_words[FAMILY_COUNT] = {
	[FAMILY_HOSTNAME] = "host name", [FAMILY_IPV4] = "IPv4", [FAMILY_IPV6] = "IPv6",
};

/* Where a card is painted and how it is clipped to the card area. */
struct frame {
	const struct paint *p;
	int x, y;            /* screen position of the card's first row (may be above the area) */
	int w, h;            /* h: title and body; the bottom edge is the next card's title */
	int top, bottom;     /* screen rows of the area: [top, bottom) */
	bool sel;
	bool first, last;    /* first in its column (top corners), last (draws the closing line) */
};

/* Return whether card row r is inside the area; sets *y to its screen row. */
static bool
row_at(const struct frame *f, int r, int *y)
{
	*y = f->y + r;
	return *y >= f->top && *y < f->bottom;
}

/* Paint the left and right border of body row r (blanking between them). */
static void
body_row(const struct frame *f, int r)
{
	int y;
	enum role b = f->sel ? ROLE_BORDER_SEL : ROLE_BORDER;
	const char *v = glyph(f->sel ? GLYPH_HEAVY_V : GLYPH_V, f->p->t->utf8);

	if (!row_at(f, r, &y))
		return;
	draw_text(f->p, y, f->x, 1, b, v);
	draw_repeat(f->p, y, f->x + 1, f->w - 2, ROLE_TEXT, " ");
	draw_text(f->p, y, f->x + f->w - 1, 1, b, v);
}

/* Paint the address in the title, the search match highlighted, cut to room. */
static int
draw_address(const struct frame *f, int y, int x, int room, const struct client *c)
{
	const struct tui *t = f->p->t;
	long m = tui_match(t, c);
	size_t cut[3] = { c->len, 0, 0 };     /* bytes before, in and after the match */
	enum role roles[3] = { f->sel ? ROLE_ADDR_SEL : ROLE_ADDR, ROLE_MATCH, f->sel ? ROLE_ADDR_SEL : ROLE_ADDR };
	char safe[3][SAFE_MAX];
	int total = 0, used = 0;

	if (m >= 0) {
		cut[0] = (size_t)m;
		cut[1] = t->search.text_len;
		cut[2] = c->len - cut[0] - cut[1];
	}
	for (int i = 0, off = 0; i < 3; off += (int)cut[i++]) {
		size_t n = fmt_sanitize(safe[i], sizeof safe[i], c->addr + off, cut[i], t->utf8);
		total += (int)text_width(safe[i], n);
	}
	const char *ell = glyph(GLYPH_ELLIPSIS, t->utf8);
	int budget = total > room ? room - 1 : room;
	for (int i = 0; i < 3 && used < budget; i++)
		used += draw_text(f->p, y, x + used, budget - used, roles[i], safe[i]);
	if (total > room && room > 0)
		used += draw_text(f->p, y, x + used, 1, roles[0], ell);
	return used;
}

/* Paint the title row: corner, status symbol, address, status word, corner. */
static void
draw_title(const struct frame *f, const struct client *c)
{
	const struct tui *t = f->p->t;
	const struct status_look *l = status_look((enum status)c->verdict.status);
	enum role b = f->sel ? ROLE_BORDER_SEL : ROLE_BORDER;
	const char *h = glyph(f->sel ? GLYPH_HEAVY_H : GLYPH_H, t->utf8);
	int y, x = f->x, wl = (int)strlen(l->word);

	static const enum glyph left[2][2] = { { GLYPH_LT, GLYPH_TL }, { GLYPH_HEAVY_LT, GLYPH_HEAVY_TL } };
	static const enum glyph right[2][2] = { { GLYPH_RT, GLYPH_TR }, { GLYPH_HEAVY_RT, GLYPH_HEAVY_TR } };

	if (!row_at(f, 0, &y))
		return;
	x += draw_text(f->p, y, x, 1, b, glyph(left[f->sel][f->first], t->utf8));
	x += draw_text(f->p, y, x, 1, b, h);
	x += draw_text(f->p, y, x, 1, b, " ");
	x += draw_text(f->p, y, x, 1, l->role, t->utf8 ? l->utf8 : l->ascii);
	x += draw_text(f->p, y, x, 1, ROLE_TEXT, " ");
	x += draw_address(f, y, x, card_title_room(f->w), c);
	x += draw_text(f->p, y, x, 1, ROLE_TEXT, " ");
	int word_x = f->x + f->w - 3 - wl;
	draw_repeat(f->p, y, x, word_x - 1 - x, b, h);
	draw_text(f->p, y, word_x - 1, 1, ROLE_TEXT, " ");
	draw_text(f->p, y, word_x, wl, l->role, l->word);
	draw_text(f->p, y, word_x + wl, 1, ROLE_TEXT, " ");
	draw_text(f->p, y, f->x + f->w - 2, 1, b, h);
	draw_text(f->p, y, f->x + f->w - 1, 1, b, glyph(right[f->sel][f->first], t->utf8));
}

/* Paint the closing line under the last card of a column. */
static void
draw_bottom(const struct frame *f)
{
	const struct tui *t = f->p->t;
	enum role b = f->sel ? ROLE_BORDER_SEL : ROLE_BORDER;
	int y;

	if (!f->last || !row_at(f, f->h, &y))
		return;
	draw_text(f->p, y, f->x, 1, b, glyph(f->sel ? GLYPH_HEAVY_BL : GLYPH_BL, t->utf8));
	draw_repeat(f->p, y, f->x + 1, f->w - 2, b, glyph(f->sel ? GLYPH_HEAVY_H : GLYPH_H, t->utf8));
	draw_text(f->p, y, f->x + f->w - 1, 1, b, glyph(f->sel ? GLYPH_HEAVY_BR : GLYPH_BR, t->utf8));
}

/* Paint label and value at (y, x) within w columns; returns the columns used. */
static int
draw_pair(const struct frame *f, int y, int x, int w, const char *label, const char *value)
{
	int used = draw_text(f->p, y, x, w, ROLE_DIM, label);
	used += draw_text(f->p, y, x + used, w - used, ROLE_DIM, " ");
	return used + draw_text(f->p, y, x + used, w - used, ROLE_TEXT, value);
}

/* Paint the one line of a collapsed card: as many of the brief fields as
 * fit, spread evenly, and the last NTP packet on the right. */
static void
draw_brief(const struct frame *f, const struct client *c)
{
	char value[32], last[32];
	int y, x = f->x + 2, inner = f->w - CARD_PAD;

	if (!row_at(f, 1, &y))
		return;
	field_text(last, sizeof last, &c->s, FIELD_NTP_LAST, STYLE_CARD);
	int lw = (int)strlen(last), room = inner - lw - 2, nbrief = 0;
	for (int fl = 0; fl < FIELD_ALL; fl++)
		nbrief += field_info(fl)->brief != NULL;
	int count = room / BRIEF_SLOT_W;
	count = count < 2 ? 2 : count > nbrief ? nbrief : count;
	int slot = room / count;
	for (int fl = 0, i = 0; fl < FIELD_ALL && i < count; fl++) {
		if (!field_info(fl)->brief)
			continue;
		field_text(value, sizeof value, &c->s, fl, STYLE_BRIEF);
		draw_pair(f, y, x + i * slot, slot - 1, field_info(fl)->brief, value);
		i++;
	}
	if (room >= 2 * 9)
		draw_text(f->p, y, x + inner - lw, lw, ROLE_TEXT, last);
}

/* Paint the full address under the title when the title had to cut it. */
static int
draw_full_address(const struct frame *f, const struct client *c, int row)
{
	char safe[SAFE_MAX];
	size_t len = fmt_sanitize(safe, sizeof safe, c->addr, c->len, f->p->t->utf8), off = 0;
	int inner = f->w - CARD_PAD, lines = f->h - 1 - CARD_DETAIL_ROWS, y;

	for (int i = 0; i < lines; i++, row++) {
		size_t n = text_fit(safe + off, len - off, (size_t)inner, NULL);
		char line[SAFE_MAX];
		snprintf(line, sizeof line, "%.*s", (int)n, safe + off);
		if (row_at(f, row, &y))
			draw_text(f->p, y, f->x + 2, inner, f->sel ? ROLE_ADDR_SEL : ROLE_ADDR, line);
		off += n;
	}
	return row;
}

/* Paint the body of an expanded card: every field, family and status. */
static void
draw_detail(const struct frame *f, const struct client *c)
{
	const struct tui *t = f->p->t;
	int inner = f->w - CARD_PAD, x = f->x + 2, y;
	int vw = (inner - LABEL_W) / 2, nx = x + LABEL_W, cx = nx + vw;
	int row = draw_full_address(f, c, 1);
	char a[48], b[48], reason[128];

	if (row_at(f, row++, &y)) {
		draw_text(f->p, y, nx, vw, ROLE_DIM, "NTP");
		draw_text(f->p, y, cx, inner - LABEL_W - vw, ROLE_DIM, "Cmd");
	}
	for (size_t i = 0; i < field_card_rows(); i++, row++) {
		if (!row_at(f, row, &y))
			continue;
		int ntp = field_card_cell(i, "ntp"), cmd = field_card_cell(i, "cmd");
		a[0] = b[0] = '\0';
		if (ntp >= 0)
			field_text(a, sizeof a, &c->s, ntp, STYLE_CARD);
		if (cmd >= 0)
			field_text(b, sizeof b, &c->s, cmd, STYLE_CARD);
		draw_text(f->p, y, x, LABEL_W, ROLE_DIM, field_info(ntp >= 0 ? ntp : cmd)->card);
		draw_text(f->p, y, nx, vw - 1, ROLE_TEXT, a);
		draw_text(f->p, y, cx, inner - LABEL_W - vw, ROLE_TEXT, b);
	}
	if (row_at(f, row++, &y)) {
		draw_text(f->p, y, x, LABEL_W, ROLE_DIM, "family");
		draw_text(f->p, y, nx, inner - LABEL_W, ROLE_TEXT, family_words[c->family]);
	}
	if (row_at(f, row, &y)) {
		const struct status_look *l = status_look((enum status)c->verdict.status);
		health_reason(&t->mon->health, c->verdict, &c->s, reason, sizeof reason);
		draw_text(f->p, y, x, LABEL_W, ROLE_DIM, "status");
		int used = draw_text(f->p, y, nx, inner - LABEL_W, l->role, l->word);
		used += draw_text(f->p, y, nx + used, inner - LABEL_W - used, ROLE_DIM, ": ");
		draw_text(f->p, y, nx + used, inner - LABEL_W - used, ROLE_TEXT, reason);
	}
}

/* Paint one card. */
static void
draw_card(const struct frame *f, const struct client *c, bool expanded)
{
	draw_title(f, c);
	for (int r = 1; r < f->h; r++)
		body_row(f, r);
	if (expanded)
		draw_detail(f, c);
	else
		draw_brief(f, c);
	draw_bottom(f);
}

/* Say why there are no cards. */
static void
draw_empty(const struct paint *p)
{
	const struct tui *t = p->t;
	const struct monitor *m = t->mon;
	const struct rect *a = &t->reg.body;
	const char *why = !m->have_data ? (m->polls ? "No data: see the message above" : "Waiting for the first poll...")
	                : model_size(m->model) == 0 ? "The server lists no NTP clients (yet)"
	                : "No card matches the filter (F4 or \\ to change it, Esc there to clear)";
	int w = (int)strlen(why);

	draw_text(p, a->y + a->h / 2, a->x + (w < a->w ? (a->w - w) / 2 : 0), a->w, ROLE_DIM, why);
}

/* The cards screen's body: the visible cards. */
void
draw_cards(const struct paint *p)
{
	const struct tui *t = p->t;
	const struct rect *a = &t->reg.body;
	const struct cards *cs = cards_state(t);
	const struct grid *g = &cs->grid;
	size_t first, end;

	draw_clear(p, a, ROLE_TEXT);
	if (t->mon->view.n == 0 || g->n == 0) {
		draw_empty(p);
		return;
	}
	grid_visible(g, cs->top, a->h, &first, &end);
	for (size_t i = first; i < end && i < t->mon->view.n; i++) {
		const struct grid_cell *c = &g->cell[i];
		if ((long)c->y + c->h + GRID_CLOSE <= cs->top)
			continue;
		struct frame f = {
			.p = p, .x = a->x + g->col_x[c->col], .y = a->y + (int)((long)c->y - cs->top),
			.w = g->col_w[c->col], .h = c->h, .top = a->y, .bottom = a->y + a->h, .sel = i == cs->sel,
			.first = c->y == 0, .last = grid_last_in_column(g, i),
		};
		const struct client *cl = tui_client(t, i);
		draw_card(&f, cl, cards_expanded(t, cl));
	}
}
