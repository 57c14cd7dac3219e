/* draw_table.c — the Clients screen as a table: headings, a row per client in view, open rows. */
#include "config.h"

#include <string.h>

#include "cards.h"
#include "draw.h"
#include "format.h"
#include "spark.h"
#include "text.h"

/* The Clients screen's body: the cards or the table, as its view says. */
void
draw_clients(const struct paint *p)
{
	if (cards_state(p->t)->view == CLIENTS_TABLE)
		draw_table(p);
	else
		draw_cards(p);
}

/* Paint the divider of a group starting at column c (in the gap before it) on row y. */
static void
draw_divider(const struct paint *p, int y, const struct column *c, enum role r)
{
	if (c->divider)
		draw_text(p, y, p->t->reg.body.x + c->x - COL_GAP, 1, r, glyph(GLYPH_V, p->t->utf8));
}

/* Paint s in column c on row y in role r: numbers right-aligned, the rest left. */
static void
draw_cell(const struct paint *p, int y, const struct column *c, enum role r, const char *s)
{
	int w = (int)text_width(s, strlen(s)), x = p->t->reg.body.x + c->x;

	draw_text(p, y, c->right && w < c->w ? x + c->w - w : x, c->w, r, s);
}

/* Paint the headings on row y, the sorted column's with its direction. */
static void
draw_headings(const struct paint *p, int y, const struct column *col, size_t n)
{
	const struct tui *t = p->t;
	const struct view *v = &t->mon->view;
	struct rect line = { t->reg.body.x, y, t->reg.body.w, 1 };
	char head[64];

	draw_clear(p, &line, ROLE_BAR_LABEL);
	for (size_t i = 0; i < n; i++) {
		if (col[i].w == 0)
			continue;
		bool sorted = col[i].sort == (int)v->key;
		snprintf(head, sizeof head, "%s%s", col[i].head,
		         !sorted ? "" : glyph(sort_key_descending(v->key) != v->reverse ? GLYPH_DESC : GLYPH_ASC, t->utf8));
		draw_divider(p, y, &col[i], ROLE_BAR_LABEL);
		draw_cell(p, y, &col[i], sorted ? ROLE_BAR_KEY : ROLE_BAR_LABEL, head);
	}
}

/* Paint c's NTP requests/s over its last w refreshes at row y, column x,
 * on its own scale (dim while it shows no activity). */
static void
draw_rate_spark(const struct paint *p, int y, int x, int w, const struct client *c, enum role r)
{
	double v[MODEL_HISTORY];
	char line[SPARK_BYTES(MODEL_HISTORY)];
	size_t n = client_history(c, HIST_NTP_RATE, v, MODEL_HISTORY), cells = w < MODEL_HISTORY ? (size_t)w : MODEL_HISTORY;
	const double *last = n > cells ? v + n - cells : v;   /* a value a cell: the newest */

	n = n > cells ? cells : n;
	spark_render(line, sizeof line, last, n, cells, p->t->utf8 ? SPARK_BLOCKS : SPARK_ASCII, 0);
	draw_text(p, y, x, w, spark_scale(last, n) > 0 ? r : ROLE_DIM, line);
}

/* Paint the row of the client at list position pos at screen row y (sel:
 * selected; stale: faded). */
static void
draw_row(const struct paint *p, int y, const struct column *col, size_t n, size_t pos, bool sel, bool stale,
         double elapsed)
{
	const struct tui *t = p->t;
	const struct client *c = tui_client(t, pos);
	const struct status_look *l = status_look((enum status)c->verdict.status);
	enum role base = sel ? ROLE_MENU_SEL : stale ? ROLE_FADED : ROLE_TEXT;
	struct rect line = { t->reg.body.x, y, t->reg.body.w, 1 };
	struct sample s;
	char value[64];

	cards_aged(&s, &c->s, elapsed);
	draw_clear(p, &line, base);
	for (size_t i = 0; i < n; i++) {
		const struct column *k = &col[i];
		int x = t->reg.body.x + k->x;
		if (k->w == 0)
			continue;
		draw_divider(p, y, k, sel ? base : ROLE_BORDER);
		if (k->kind == COL_STATUS) {
			x += draw_text(p, y, x, 1, l->role, t->utf8 ? l->utf8 : l->ascii);
			x += draw_text(p, y, x, 1, base, " ");
			draw_text(p, y, x, k->w - 2, sel ? base : l->role, l->word);
		} else if (k->kind == COL_SERVER) {
			const char *name = t->fleet->name[tui_server(t, pos)];
			char safe[FLEET_NAME_MAX * 4];
			fmt_sanitize(safe, sizeof safe, name, strlen(name), t->utf8);
			draw_text(p, y, x, k->w, sel ? base : stale ? ROLE_FADED : ROLE_DIM, safe);
		} else if (k->kind == COL_ADDR) {
			int mark = c->shared ? CARDS_SHARED_MARK_W : 0;
			x += draw_client_address(p, y, x, k->w - mark, c, sel ? base : stale ? ROLE_FADED : ROLE_ADDR);
			if (mark)
				draw_text(p, y, x, mark, sel ? base : ROLE_WARN, CARDS_SHARED_MARK);
		} else if (k->kind == COL_SPARK) {
			draw_rate_spark(p, y, x, k->w, c, sel ? base : ROLE_ADDR);
		} else {
			field_text(value, sizeof value, &s, k->field, STYLE_BRIEF);
			draw_cell(p, y, k, base, value);
		}
	}
}

/* The table in view: its headings and rows, open rows with their details below. */
void
draw_table(const struct paint *p)
{
	const struct tui *t = p->t;
	const struct cards *cs = cards_state(t);
	const struct grid *g = &cs->grid;
	struct rect a = cards_area(t);
	struct column col[COL_MAX];
	size_t n = cards_columns(t, col, COL_MAX), first, end, count = tui_count(t);
	double elapsed;

	draw_clear(p, &t->reg.body, ROLE_TEXT);
	draw_headings(p, t->reg.body.y, col, n);
	if (count == 0 || g->n == 0) {
		draw_no_clients(p, &a);
		return;
	}
	grid_visible(g, cs->top, a.h, &first, &end);
	for (size_t i = first; i < end && i < count; i++) {
		const struct grid_cell *c = &g->cell[i];
		int y = a.y + (int)((long)c->y - cs->top);
		const struct client *cl = tui_client(t, i);
		bool stale = draw_client_stale(t, i, &elapsed);   /* its own server's (a fleet) */
		if (y >= a.y && y < a.y + a.h)
			draw_row(p, y, col, n, i, i == cs->sel, stale || cl->state == CLIENT_GONE, elapsed);
		if (c->h > 1)
			draw_card_open(p, &a, y, c->h - 1, i, i == cs->sel);
	}
}
