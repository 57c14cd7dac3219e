/* draw_sources.c — the Sources screen's body: headings, a row per source, the open one's ntpdata. */
#include "config.h"

#include <string.h>

#include "draw.h"
#include "format.h"
#include "health_server.h"
#include "screen_sources.h"
#include "spark.h"
#include "text.h"

/* Paint raw text s sanitised at (y, x), at most w columns, in role r; returns the columns used. */
static int
draw_raw(const struct paint *p, int y, int x, int w, enum role r, const char *s)
{
	char safe[1024];

	fmt_sanitize(safe, sizeof safe, s, strlen(s), p->t->utf8);
	return draw_text(p, y, x, w, r, safe);
}

/* Paint cell text s of column c on row y in role r (numbers right-aligned, the name cut with an ellipsis). */
static void
draw_cell(const struct paint *p, int y, const struct column *c, enum role r, const char *s)
{
	char safe[1024], cut[1024];
	size_t n = fmt_sanitize(safe, sizeof safe, s, strlen(s), p->t->utf8);
	int w = (int)text_width(safe, n), x = p->t->reg.body.x + c->x;

	if (w > c->w) {
		text_clip(cut, sizeof cut, safe, n, (size_t)c->w, glyph(GLYPH_ELLIPSIS, p->t->utf8));
		draw_text(p, y, x, c->w, r, cut);
		return;
	}
	draw_text(p, y, c->right ? x + c->w - w : x, c->w, r, safe);
}

/* Paint the headings on row y. */
static void
draw_headings(const struct paint *p, int y, const struct column *c, size_t n)
{
	struct rect line = { p->t->reg.body.x, y, p->t->reg.body.w, 1 };

	draw_clear(p, &line, ROLE_BAR_LABEL);
	for (size_t i = 0; i < n; i++)
		if (c[i].w > 0)
			draw_cell(p, y, &c[i], ROLE_BAR_LABEL, c[i].head);
}

/* Paint the sparkline of source s's last offsets (from their own low) in
 * column c at row y, in role r. */
static void
draw_history(const struct paint *p, int y, const struct column *c, const struct srv_source *s, enum role r)
{
	double v[TREND_SOURCE_SAMPLES];
	char line[SPARK_BYTES(TREND_SOURCE_SAMPLES)];
	size_t cells = c->w < TREND_SOURCE_SAMPLES ? (size_t)c->w : TREND_SOURCE_SAMPLES;
	size_t n = trend_sources_get(&p->t->mon->src_trend, s->v[SRC_ADDRESS].text, v, cells);

	spark_floor(v, n);
	double top = spark_scale(v, n);   /* one sample, or all alike: the baseline */
	spark_render(line, sizeof line, v, n, cells, p->t->utf8 ? SPARK_BLOCKS : SPARK_ASCII, top > 0 ? top : 1);
	draw_text(p, y, p->t->reg.body.x + c->x, c->w, r, line);
}

/* Paint source s's row at y. */
static void
draw_row(const struct paint *p, int y, const struct column *c, size_t n, const struct srv_source *s, bool sel)
{
	struct rect line = { p->t->reg.body.x, y, p->t->reg.body.w, 1 };
	enum role base = sel ? ROLE_MENU_SEL : ROLE_TEXT;
	struct srv_verdict v = health_source_eval(s);
	char cell[256];

	draw_clear(p, &line, base);
	for (size_t i = 0; i < n; i++) {
		if (c[i].w == 0)
			continue;
		if (c[i].field == SC_HISTORY) {
			draw_history(p, y, &c[i], s, sel ? base : ROLE_ADDR);
			continue;
		}
		sources_cell(cell, sizeof cell, s, c[i].field, p->t->utf8);
		enum role r = c[i].field == SC_VERDICT && !sel ? status_look((enum status)v.status)->role
		            : c[i].field == SC_NAME && !sel ? ROLE_ADDR : base;
		draw_cell(p, y, &c[i], r, cell);
	}
}

/* Paint the open source's block from row y (lines rows, the last its
 * closing line), clipped to [top, bottom). */
static void
draw_open(const struct paint *p, int y, int lines, int top, int bottom, const struct srv_source *s)
{
	const struct tui *t = p->t;
	const struct server_data *sd = &t->mon->srv;
	const struct rect *b = &t->reg.body;
	int per = (b->w - 4) / SOURCES_PAIR_W > 1 ? (b->w - 4) / SOURCES_PAIR_W : 1, k = 0;
	char reason[256], val[256];
	struct srv_verdict v = health_source_eval(s);

	health_source_reason(s, v.rule, reason, sizeof reason);
	if (y >= top && y < bottom) {
		int used = draw_text(p, y, b->x + 2, b->w - 2, ROLE_DIM, "verdict: ");
		draw_raw(p, y, b->x + 2 + used, b->w - 2 - used, status_look((enum status)v.status)->role, reason);
	}
	if (lines == 3) { /* no ntpdata of this source (yet) */
		const char *why = strcmp(sd->ntpdata_for, s->v[SRC_ADDRESS].text) == 0 && sd->ntpdata_error[0]
		                ? sd->ntpdata_error
		                : srv_ntpdata_addr_ok(s->v[SRC_ADDRESS].text) ? "ntpdata: asked, it comes with the next poll"
		                : "ntpdata: only an NTP source with a numeric address has it";
		if (y + 1 >= top && y + 1 < bottom)
			draw_raw(p, y + 1, b->x + 2, b->w - 2, ROLE_DIM, why);
	} else {
		for (int f = 0; f < NTP_COUNT; f++) {
			const struct srv_field *fi = srv_field(SRV_NTPDATA, f);
			if (!sd->ntpdata.v[f].known)
				continue;
			int row = y + 1 + k / per, x = b->x + 2 + (k % per) * SOURCES_PAIR_W;
			k++;
			if (row < top || row >= bottom)
				continue;
			srv_value_text(val, sizeof val, fi, &sd->ntpdata.v[f]);
			draw_text(p, row, x, SOURCES_LABEL_W - 1, ROLE_DIM, fi->label);
			draw_raw(p, row, x + SOURCES_LABEL_W, SOURCES_PAIR_W - SOURCES_LABEL_W - 2, ROLE_TEXT, val);
		}
	}
	if (y + lines - 1 >= top && y + lines - 1 < bottom)
		draw_repeat(p, y + lines - 1, b->x, b->w, ROLE_BORDER, glyph(GLYPH_H, t->utf8));
}

/* Say in one line why there are no rows. */
static void
draw_none(const struct paint *p, int y)
{
	const struct tui *t = p->t;
	const struct server_data *sd = &t->mon->srv;
	const char *why = sd->avail == SRV_AVAIL_CLIENTS_ONLY ? sd->note
	                : sd->avail != SRV_AVAIL_LOCAL ? (t->mon->polls ? "No data from the server itself: see the message above"
	                                                                : "Waiting for the first poll...")
	                : "chronyd lists no time sources";

	draw_raw(p, y, t->reg.body.x + 2, t->reg.body.w - 2, ROLE_DIM, why);
}

/* The Sources screen's body. */
void
draw_sources(const struct paint *p)
{
	const struct tui *t = p->t;
	const struct sources_screen *s = tui_state(t);
	const struct server_data *sd = &t->mon->srv;
	const struct rect *b = &t->reg.body;
	struct column c[SC_COUNT];
	int top = b->y + SOURCES_HEAD_LINES, bottom = b->y + b->h;

	draw_clear(p, b, ROLE_TEXT);
	if (sd->avail != SRV_AVAIL_LOCAL || sd->nsources == 0) {
		draw_none(p, b->y + b->h / 2);
		return;
	}
	size_t n = sources_columns(t, c, b->w);
	int open = sources_open_lines(t, b->w);
	draw_headings(p, b->y, c, n);
	for (size_t i = 0; i < sd->nsources; i++) {
		long line = (long)i + (open && i > s->sel ? open : 0);
		int y = top + (int)(line - s->top);
		if (y >= top && y < bottom)
			draw_row(p, y, c, n, &sd->sources[i], i == s->sel);
		if (open && i == s->sel)
			draw_open(p, y + 1, open, top, bottom, &sd->sources[i]);
	}
}
