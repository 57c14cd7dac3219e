/* draw_server.c — the Server screen's body: its sections in the columns that fit. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "format.h"
#include "screen_server.h"
#include "spark.h"
#include "text.h"

/* The role of a line's value: its status's, or plain text. */
static enum role
value_role(const struct info_line *l)
{
	return l->status >= 0 ? status_look((enum status)l->status)->role : ROLE_TEXT;
}

/* Paint the sparkline of line l's series of the server's trend at row y,
 * column x, at most w cells (a cell the mean of its seconds). */
static void
draw_trend(const struct paint *p, int y, int x, int w, const struct info_line *l)
{
	double v[TREND_SECONDS];
	char line[SPARK_BYTES(INFO_SPARK_MAX)];
	size_t n = trend_get(&p->t->mon->trend, (enum trend_series)l->spark, v, TREND_SECONDS);

	if (w <= 0)
		return;
	if (w > INFO_SPARK_MAX)
		w = INFO_SPARK_MAX;
	if (l->spark_signed)
		spark_floor(v, n);
	double top = spark_scale(v, n);   /* a flat series lies at the baseline */
	spark_render(line, sizeof line, v, n, (size_t)w, p->t->utf8 ? SPARK_BLOCKS : SPARK_ASCII, top > 0 ? top : 1);
	draw_text(p, y, x, w, ROLE_ADDR, line);
}

/* Paint line l from row y of a section at x, w wide, its label label_w
 * wide, only on the rows in [top, bottom). */
static void
draw_line(const struct paint *p, int y, int top, int bottom, int x, int w, int label_w, const struct info_line *l)
{
	char safe[sizeof l->value * 4];
	int used = 0;

	size_t len = fmt_sanitize(safe, sizeof safe, l->value, strlen(l->value), p->t->utf8);
	if (l->kind == INFO_NOTE) { /* wrapped: its rows from y on, as many as info_line_rows counts */
		char row[sizeof safe];
		for (size_t off = 0; off < len; y++) {
			size_t n = info_note_row(safe + off, len - off, w - 2);
			snprintf(row, sizeof row, "%.*s", (int)n, safe + off);
			if (y >= top && y < bottom)
				draw_text(p, y, x + 2, w - 2, value_role(l), row);
			off += n;
		}
		return;
	}
	if (y < top || y >= bottom)
		return;
	draw_text(p, y, x + 2, label_w - 1, ROLE_DIM, l->label);
	if (l->kind == INFO_SPARK) {
		draw_text(p, y, x + 2 + label_w, w - 2 - label_w, ROLE_TEXT, safe);
		draw_trend(p, y, x + 2 + label_w + INFO_SPARK_VALUE_W + 1, w - 3 - label_w - INFO_SPARK_VALUE_W, l);
		return;
	}
	used = draw_text(p, y, x + 2 + label_w, w - 2 - label_w, value_role(l), safe);
	if (l->extra[0] && used + 2 < w - 2 - label_w)
		draw_text(p, y, x + 2 + label_w + used + 2, w - 4 - label_w - used, ROLE_ADDR, l->extra);
}

/* Paint section i of s at grid cell c, the grid scrolled to top, in area a. */
static void
draw_section(const struct paint *p, const struct server_screen *s, size_t i, const struct rect *a)
{
	const struct grid_cell *c = &s->grid.cell[i];
	const struct info_section *sec = &s->sec[i];
	int x = a->x + s->grid.col_x[c->col], w = s->grid.col_w[c->col];
	int y = a->y + (int)((long)c->y - s->top), label_w = 0;

	for (size_t k = 0; k < sec->n; k++) { /* the longest label, leaving the values room */
		const struct info_line *l = &s->line[sec->first + k];
		if (l->kind != INFO_NOTE && (int)strlen(l->label) + 1 > label_w)
			label_w = (int)strlen(l->label) + 1;
	}
	if (label_w > w - INFO_VALUE_MIN)
		label_w = w - INFO_VALUE_MIN > 8 ? w - INFO_VALUE_MIN : 8;

	if (y >= a->y && y < a->y + a->h) {
		int used = draw_text(p, y, x, 2, ROLE_BORDER, glyph(GLYPH_H, p->t->utf8));
		used += draw_text(p, y, x + used, w - used, ROLE_BORDER, glyph(GLYPH_H, p->t->utf8));
		used += draw_text(p, y, x + used, w - used, ROLE_TEXT, " ");
		used += draw_text(p, y, x + used, w - used, ROLE_MENU_TITLE, sec->title);
		used += draw_text(p, y, x + used, w - used, ROLE_TEXT, " ");
		draw_repeat(p, y, x + used, w - used, ROLE_BORDER, glyph(GLYPH_H, p->t->utf8));
	}
	y++;
	for (size_t k = 0; k < sec->n && y < a->y + a->h; k++) {
		const struct info_line *l = &s->line[sec->first + k];
		draw_line(p, y, a->y, a->y + a->h, x, w, label_w, l);
		y += (int)info_line_rows(l, w, p->t->utf8);
	}
}

/* The Server screen's body. */
void
draw_server(const struct paint *p)
{
	const struct tui *t = p->t;
	const struct server_screen *s = tui_state(t);
	const struct rect *a = &t->reg.body;

	draw_clear(p, a, ROLE_TEXT);
	for (size_t i = 0; i < s->grid.n && i < s->nsec; i++)
		draw_section(p, s, i, a);
}
