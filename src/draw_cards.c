/* draw_cards.c — the client cards that are in view, and nothing else. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cards.h"
#include "draw.h"
#include "format.h"
#include "spark.h"
#include "text.h"

#define LABEL_W (FIELD_CARD_MAX + 1) /* label column of an expanded card */
#define SAFE_MAX 2048    /* a sanitised address, cut if longer */

/* How long a field stays on a collapsed card's line (higher: longer);
 * fields not listed have 1.  Cmd packets rank high only while a card in
 * view has command activity. */
static const struct { int field, prio; } brief_prios[] = {
	{ FIELD_NTP_DROPS, 6 }, { FIELD_CMD_PACKETS, 5 }, { FIELD_NTP_LAST, 4 }, { FIELD_NTP_PACKETS, 3 },
};

/* The collapsed cards' line, the same for every card in view: its fields
 * (the table's brief ones, then the last packet) and their slot widths. */
struct brief {
	size_t n;
	int field[BRIEF_MAX];
	int w[BRIEF_MAX], prio[BRIEF_MAX];
};

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
	bool stale;          /* the data is stale: the card fades */
	const char *badge;   /* its server's name in a fleet, NULL alone */
	bool first, last;    /* first in its column (top corners), last (draws the closing line) */
};

/* The role r takes on this card: faded while the data is stale (the
 * selection and the status keep their looks). */
static enum role
look(const struct frame *f, enum role r)
{
	return f->stale && (r == ROLE_TEXT || r == ROLE_DIM || r == ROLE_BORDER || r == ROLE_ADDR) ? ROLE_FADED : r;
}

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
	enum role b = look(f, f->sel ? ROLE_BORDER_SEL : ROLE_BORDER);
	const char *v = glyph(f->sel ? GLYPH_HEAVY_V : GLYPH_V, f->p->t->utf8);

	if (!row_at(f, r, &y))
		return;
	draw_text(f->p, y, f->x, 1, b, v);
	draw_repeat(f->p, y, f->x + 1, f->w - 2, ROLE_TEXT, " ");
	draw_text(f->p, y, f->x + f->w - 1, 1, b, v);
}

/* Paint c's address (sanitised) at (y, x) in role a, the search match
 * highlighted, cut to room with an ellipsis; returns the columns used. */
int
draw_client_address(const struct paint *p, int y, int x, int room, const struct client *c, enum role a)
{
	const struct tui *t = p->t;
	long m = tui_match(t, c);
	size_t cut[3] = { c->len, 0, 0 };     /* bytes before, in and after the match */
	enum role roles[3] = { a, ROLE_MATCH, a };
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
		used += draw_text(p, y, x + used, budget - used, roles[i], safe[i]);
	if (total > room && room > 0)
		used += draw_text(p, y, x + used, 1, roles[0], ell);
	return used;
}

/* Paint the title row: corner, status symbol, address (and the shared-name
 * mark), status word (unless the address needs its room), corner. */
static void
draw_title(const struct frame *f, const struct client *c)
{
	const struct tui *t = f->p->t;
	const struct status_look *l = status_look((enum status)c->verdict.status);
	enum role b = look(f, f->sel ? ROLE_BORDER_SEL : ROLE_BORDER);
	const char *h = glyph(f->sel ? GLYPH_HEAVY_H : GLYPH_H, t->utf8);
	size_t cols = cards_address_cols(c, t->utf8);
	int room = card_title_room(f->w, cols), mark = c->shared ? CARDS_SHARED_MARK_W : 0;
	bool word = room == f->w - CARD_TITLE_EXTRA;
	int y, x = f->x, wl = word ? (int)strlen(l->word) : -1;

	static const enum glyph left[2][2] = { { GLYPH_LT, GLYPH_TL }, { GLYPH_HEAVY_LT, GLYPH_HEAVY_TL } };
	static const enum glyph right[2][2] = { { GLYPH_RT, GLYPH_TR }, { GLYPH_HEAVY_RT, GLYPH_HEAVY_TR } };

	if (!row_at(f, 0, &y))
		return;
	x += draw_text(f->p, y, x, 1, b, glyph(left[f->sel][f->first], t->utf8));
	x += draw_text(f->p, y, x, 1, b, h);
	x += draw_text(f->p, y, x, 1, b, " ");
	x += draw_text(f->p, y, x, 1, l->role, t->utf8 ? l->utf8 : l->ascii);
	x += draw_text(f->p, y, x, 1, ROLE_TEXT, " ");
	x += draw_client_address(f->p, y, x, room - mark, c, look(f, f->sel ? ROLE_ADDR_SEL : ROLE_ADDR));
	if (mark)
		x += draw_text(f->p, y, x, mark, look(f, ROLE_WARN), CARDS_SHARED_MARK);
	x += draw_text(f->p, y, x, 1, ROLE_TEXT, " ");
	int word_x = f->x + f->w - 3 - wl, end = word ? word_x - 1 : f->x + f->w - 2;
	const char *tag = client_state_name((enum client_state)c->state); /* new, gone, reset: when it fits */
	if (tag && end - x >= (int)strlen(tag) + 3) {
		x += draw_text(f->p, y, x, 1, b, h);
		x += draw_text(f->p, y, x, 1, ROLE_TEXT, " ");
		x += draw_text(f->p, y, x, (int)strlen(tag), c->state == CLIENT_GONE ? ROLE_FADED : ROLE_MATCH, tag);
		x += draw_text(f->p, y, x, 1, ROLE_TEXT, " ");
	}
	draw_repeat(f->p, y, x, end - x, b, h);
	if (f->badge) { /* the server's name, in the rule before the status word, when it fits */
		char safe[FLEET_NAME_MAX * 4 + 3];
		char name[FLEET_NAME_MAX * 4];
		fmt_sanitize(name, sizeof name, f->badge, strlen(f->badge), t->utf8);
		snprintf(safe, sizeof safe, "[%s]", name);
		int bw = (int)text_width(safe, strlen(safe));
		if (end - 1 - bw > x)
			draw_text(f->p, y, end - 1 - bw, bw, look(f, ROLE_DIM), safe);
	}
	if (word) {
		draw_text(f->p, y, word_x - 1, 1, ROLE_TEXT, " ");
		draw_text(f->p, y, word_x, wl, l->role, l->word);
		draw_text(f->p, y, word_x + wl, 1, ROLE_TEXT, " ");
	}
	draw_text(f->p, y, f->x + f->w - 2, 1, b, h);
	draw_text(f->p, y, f->x + f->w - 1, 1, b, glyph(right[f->sel][f->first], t->utf8));
}

/* Paint the closing line under the last card of a column. */
static void
draw_bottom(const struct frame *f)
{
	const struct tui *t = f->p->t;
	enum role b = look(f, f->sel ? ROLE_BORDER_SEL : ROLE_BORDER);
	int y;

	if (!f->last || !row_at(f, f->h, &y))
		return;
	draw_text(f->p, y, f->x, 1, b, glyph(f->sel ? GLYPH_HEAVY_BL : GLYPH_BL, t->utf8));
	draw_repeat(f->p, y, f->x + 1, f->w - 2, b, glyph(f->sel ? GLYPH_HEAVY_H : GLYPH_H, t->utf8));
	draw_text(f->p, y, f->x + f->w - 1, 1, b, glyph(f->sel ? GLYPH_HEAVY_BR : GLYPH_BR, t->utf8));
}

/* Return whether s is a command-only client: chronyc queries, no NTP. */
static bool
command_only(const struct sample *s)
{
	return sample_get(s, FIELD_NTP_PACKETS, -1) == 0 && sample_get(s, FIELD_CMD_PACKETS, 0) > 0;
}

/* Write the value of brief field f of s; returns its label ("" for none). */
static const char *
brief_value(char *buf, size_t size, const struct sample *s, int f)
{
	if (f == FIELD_NTP_LAST && command_only(s)) { /* its last packet is a command */
		field_text(buf, size, s, FIELD_CMD_LAST, STYLE_BRIEF);
		return field_info(FIELD_CMD_PACKETS)->brief;
	}
	field_text(buf, size, s, f, STYLE_BRIEF);
	return field_info(f)->brief ? field_info(f)->brief : "";
}

/* Columns of brief field f of s: label, space, value. */
static int
brief_width(const struct sample *s, int f)
{
	char value[32];
	const char *label = brief_value(value, sizeof value, s, f);

	return (int)(strlen(label) + (*label != '\0') + text_width(value, strlen(value)));
}

/* Whether the data of the server of the client at list position i is stale;
 * *elapsed gets its age. */
bool
draw_client_stale(const struct tui *t, size_t i, double *elapsed)
{
	return cards_data_stale(t, &t->fleet->mon[tui_server(t, i)], elapsed);
}

/* Plan the collapsed cards' line for the cards [first, end) in view: every
 * field's slot as wide as its widest value there (ages counted to now). */
static void
brief_plan(struct brief *b, const struct tui *t, size_t first, size_t end)
{
	double elapsed;

	bool cmd = false;

	b->n = 0;
	for (int fl = 0; fl < FIELD_ALL && b->n < BRIEF_MAX - 1; fl++)
		if (field_info(fl)->brief)
			b->field[b->n++] = fl;
	b->field[b->n++] = FIELD_NTP_LAST;
	memset(b->w, 0, sizeof b->w);
	for (size_t i = first; i < end; i++) {
		struct sample s;
		draw_client_stale(t, i, &elapsed);
		cards_aged(&s, &tui_client(t, i)->s, elapsed);
		cmd |= sample_get(&s, FIELD_CMD_PACKETS, 0) > 0;
		for (size_t k = 0; k < b->n; k++) {
			int w = brief_width(&s, b->field[k]);
			if (w > b->w[k])
				b->w[k] = w;
		}
	}
	for (size_t k = 0; k < b->n; k++) {
		b->prio[k] = 1;
		for (size_t j = 0; j < sizeof brief_prios / sizeof brief_prios[0]; j++)
			if (brief_prios[j].field == b->field[k] && (cmd || b->field[k] != FIELD_CMD_PACKETS))
				b->prio[k] = brief_prios[j].prio;
	}
}

/* Paint the one line of a collapsed card: the fields that fit whole in
 * their slots (the last packet right-aligned), and a mark when some had to go. */
static void
draw_brief(const struct frame *f, const struct brief *b, const struct sample *s)
{
	char value[32];
	int y, x0 = f->x + 2, inner = f->w - CARD_PAD, x[BRIEF_MAX];
	const char *ell = glyph(GLYPH_ELLIPSIS, f->p->t->utf8);

	if (!row_at(f, 1, &y))
		return;
	bool cut = brief_fit(b->w, b->prio, b->n, inner, 1, x);
	for (size_t k = 0; k < b->n; k++) {
		if (x[k] < 0)
			continue;
		const char *label = brief_value(value, sizeof value, s, b->field[k]);
		int at = x0 + x[k], vw = (int)text_width(value, strlen(value));
		if (k == b->n - 1) /* the last packet: right-aligned in its slot */
			at += b->w[k] - vw - (int)(strlen(label) + (*label != '\0'));
		if (*label) {
			at += draw_text(f->p, y, at, b->w[k], look(f, ROLE_DIM), label);
			at += draw_text(f->p, y, at, 1, look(f, ROLE_DIM), " ");
		}
		draw_text(f->p, y, at, vw, look(f, ROLE_TEXT), value);
	}
	if (cut)
		draw_text(f->p, y, x0 + inner - 1, 1, look(f, ROLE_DIM), ell);
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
			draw_text(f->p, y, f->x + 2, inner, look(f, f->sel ? ROLE_ADDR_SEL : ROLE_ADDR), line);
		off += n;
	}
	return row;
}

/* An expanded card's sparklines, in the order shown (CARD_SPARK_ROWS):
 * the client's history of one rate, on the scale of its NTP requests so
 * that the drops show their share. */
static const struct {
	const char *label;
	enum hist_kind kind;
	enum role role;   /* while the line shows some activity */
} card_sparks[CARD_SPARK_ROWS] = {
	{ "NTP/s", HIST_NTP_RATE, ROLE_ADDR },
	{ "drops/s", HIST_DROP_RATE, ROLE_WARN },
};

/* Paint an expanded card's sparklines from row on; returns the row after them. */
static int
draw_history(const struct frame *f, const struct client *c, int row)
{
	double v[CARD_SPARK_ROWS][MODEL_HISTORY], max = 0;
	size_t n[CARD_SPARK_ROWS];
	int x = f->x + 2, cells = f->w - CARD_PAD - LABEL_W, y;
	char line[SPARK_BYTES(MODEL_HISTORY)];

	if (cells > MODEL_HISTORY)
		cells = MODEL_HISTORY;
	for (size_t i = 0; i < CARD_SPARK_ROWS; i++) {
		n[i] = client_history(c, card_sparks[i].kind, v[i], MODEL_HISTORY);
		max = fmax(max, spark_scale(v[i], n[i]));
	}
	for (size_t i = 0; i < CARD_SPARK_ROWS; i++, row++) {
		if (!row_at(f, row, &y) || cells <= 0)
			continue;
		draw_text(f->p, y, x, LABEL_W, look(f, ROLE_DIM), card_sparks[i].label);
		spark_render(line, sizeof line, v[i], n[i], (size_t)cells, f->p->t->utf8 ? SPARK_BLOCKS : SPARK_ASCII, max);
		draw_text(f->p, y, x + LABEL_W, cells, look(f, spark_scale(v[i], n[i]) > 0 ? card_sparks[i].role : ROLE_DIM),
		          line);
	}
	return row;
}

/* Paint the body of an expanded card: every field, its history, family and status. */
static void
draw_detail(const struct frame *f, const struct client *c, const struct sample *s)
{
	const struct tui *t = f->p->t;
	int inner = f->w - CARD_PAD, x = f->x + 2, y;
	int vw = (inner - LABEL_W) / 2, nx = x + LABEL_W, cx = nx + vw;
	int row = draw_full_address(f, c, 1);
	char a[48], b[48], reason[128];

	if (row_at(f, row++, &y)) {
		draw_text(f->p, y, nx, vw, look(f, ROLE_DIM), "NTP");
		draw_text(f->p, y, cx, inner - LABEL_W - vw, look(f, ROLE_DIM), "Cmd");
	}
	for (size_t i = 0; i < field_card_rows(); i++, row++) {
		if (!row_at(f, row, &y))
			continue;
		int ntp = field_card_cell(i, "ntp"), cmd = field_card_cell(i, "cmd");
		a[0] = b[0] = '\0';
		if (ntp >= 0)
			field_text(a, sizeof a, s, ntp, STYLE_CARD);
		if (cmd >= 0)
			field_text(b, sizeof b, s, cmd, STYLE_CARD);
		draw_text(f->p, y, x, LABEL_W, look(f, ROLE_DIM), field_info(ntp >= 0 ? ntp : cmd)->card);
		draw_text(f->p, y, nx, vw - 1, look(f, ROLE_TEXT), a);
		draw_text(f->p, y, cx, inner - LABEL_W - vw, look(f, ROLE_TEXT), b);
	}
	row = draw_history(f, c, row);
	if (row_at(f, row++, &y)) {
		draw_text(f->p, y, x, LABEL_W, look(f, ROLE_DIM), "family");
		int used = draw_text(f->p, y, nx, inner - LABEL_W, look(f, ROLE_TEXT), family_words[c->family]);
		if (c->shared) /* another row of the answer has this name: maybe another client */
			draw_text(f->p, y, nx + used, inner - LABEL_W - used, look(f, ROLE_WARN), " (shared name)");
	}
	if (row_at(f, row, &y)) {
		const struct status_look *l = status_look((enum status)c->verdict.status);
		health_reason(&t->mon->health, c->verdict, &c->s, reason, sizeof reason);
		draw_text(f->p, y, x, LABEL_W, look(f, ROLE_DIM), "status");
		int used = draw_text(f->p, y, nx, inner - LABEL_W, l->role, l->word);
		used += draw_text(f->p, y, nx + used, inner - LABEL_W - used, look(f, ROLE_DIM), ": ");
		draw_text(f->p, y, nx + used, inner - LABEL_W - used, look(f, ROLE_TEXT), reason);
	}
}

/* Paint one card, its ages counted to now (elapsed: the data's age). */
static void
draw_card(const struct frame *f, const struct client *c, bool expanded, const struct brief *b, double elapsed)
{
	struct sample s;

	cards_aged(&s, &c->s, elapsed);
	draw_title(f, c);
	for (int r = 1; r < f->h; r++)
		body_row(f, r);
	if (expanded)
		draw_detail(f, c, &s);
	else
		draw_brief(f, b, &s);
	draw_bottom(f);
}

/* Paint below a row of the clients table what c's open card shows: the
 * frame's rows 1 .. h-1 (c's full address, fields, family, status) and its
 * closing line (row h), the frame's row 0 being the row itself. */
void
draw_card_open(const struct paint *p, const struct rect *area, int y, int h, size_t i, bool sel)
{
	double elapsed;
	struct sample s;
	const struct client *c = tui_client(p->t, i);
	struct frame f = {
		.p = p, .x = area->x, .y = y, .w = area->w, .h = h, .top = area->y, .bottom = area->y + area->h,
		.sel = sel, .stale = draw_client_stale(p->t, i, &elapsed), .last = true,
	};

	cards_aged(&s, &c->s, elapsed);
	for (int r = 1; r < f.h; r++)
		body_row(&f, r);
	draw_detail(&f, c, &s);
	draw_bottom(&f);
}

/* Say why no client is shown, in the middle of area a. */
void
draw_no_clients(const struct paint *p, const struct rect *a)
{
	const struct tui *t = p->t;
	const struct monitor *m = t->mon;
	const char *why = !tui_have_data(t) ? (m->polls ? "No data: see the message above" : "Waiting for the first poll...")
	                : tui_clients(t) == 0 ? "The server lists no NTP clients (yet)"
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
	size_t first, end, n = tui_count(t);
	struct brief b;
	double elapsed;

	draw_clear(p, a, ROLE_TEXT);
	if (n == 0 || g->n == 0) {
		draw_no_clients(p, a);
		return;
	}
	grid_visible(g, cs->top, a->h, &first, &end);
	if (end > n)
		end = n;
	brief_plan(&b, t, first, end);
	for (size_t i = first; i < end; i++) {
		const struct grid_cell *c = &g->cell[i];
		if ((long)c->y + c->h + GRID_CLOSE <= cs->top)
			continue;
		const struct client *cl = tui_client(t, i);
		bool stale = draw_client_stale(t, i, &elapsed);
		struct frame f = {
			.p = p, .x = a->x + g->col_x[c->col], .y = a->y + (int)((long)c->y - cs->top),
			.w = g->col_w[c->col], .h = c->h, .top = a->y, .bottom = a->y + a->h, .sel = i == cs->sel,
			.stale = stale || cl->state == CLIENT_GONE, /* a gone client is dimmed as stale data is */
			.badge = t->fleet->n > 1 ? t->fleet->name[tui_server(t, i)] : NULL,
			.first = c->y == 0, .last = grid_last_in_column(g, i),
		};
		draw_card(&f, cl, cards_expanded(t, i), &b, elapsed);
	}
}
