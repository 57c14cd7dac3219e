/* draw_overlay.c — what opens over the cards: the help, the sort menu; and the too-small notice. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "text.h"

#define HELP_KEYS_W (KEYS_KEYS_MAX + 2)   /* column of the help text after the keys */
#define HELP_MAX_W 100   /* the help box is no wider, centred */

/* Paint a box with a title in its top border, its inside blank in role r. */
static void
draw_box(const struct paint *p, const struct rect *a, enum role r, const char *title)
{
	bool u = p->t->utf8;

	if (a->w < 2 || a->h < 2)
		return;
	draw_clear(p, a, r);
	draw_text(p, a->y, a->x, 1, r, glyph(GLYPH_TL, u));
	draw_repeat(p, a->y, a->x + 1, a->w - 2, r, glyph(GLYPH_H, u));
	draw_text(p, a->y, a->x + a->w - 1, 1, r, glyph(GLYPH_TR, u));
	for (int y = a->y + 1; y < a->y + a->h - 1; y++) {
		draw_text(p, y, a->x, 1, r, glyph(GLYPH_V, u));
		draw_text(p, y, a->x + a->w - 1, 1, r, glyph(GLYPH_V, u));
	}
	draw_text(p, a->y + a->h - 1, a->x, 1, r, glyph(GLYPH_BL, u));
	draw_repeat(p, a->y + a->h - 1, a->x + 1, a->w - 2, r, glyph(GLYPH_H, u));
	draw_text(p, a->y + a->h - 1, a->x + a->w - 1, 1, r, glyph(GLYPH_BR, u));
	int x = a->x + 2;
	x += draw_text(p, a->y, x, a->w - 4, r, " ");
	x += draw_text(p, a->y, x, a->x + a->w - 3 - x, ROLE_MENU_TITLE, title);
	draw_text(p, a->y, x, a->x + a->w - 2 - x, r, " ");
}

/* The help over the body. */
void
draw_help(const struct paint *p)
{
	const struct tui *t = p->t;
	struct rect box = t->reg.body, *a = &box;
	if (a->w > HELP_MAX_W) {
		a->x += (a->w - HELP_MAX_W) / 2;
		a->w = HELP_MAX_W;
	}
	int rows = a->h - 2, kw = a->w - 4 > 60 ? HELP_KEYS_W : (a->w - 4) / 3;
	char title[64];

	snprintf(title, sizeof title, "Help %ld-%ld of %ld", t->help_top + 1,
	         t->help_top + rows < t->help_lines ? t->help_top + rows : t->help_lines, t->help_lines);
	draw_box(p, a, ROLE_MENU, title);
	for (int r = 0; r < rows && t->help_top + r < t->help_lines; r++) {
		const struct help_line *l = &t->help[t->help_top + r];
		int y = a->y + 1 + r, x = a->x + 2, w = a->w - 4;
		if (l->heading) {
			draw_text(p, y, x, w, ROLE_MENU_TITLE, l->text);
			continue;
		}
		if (l->keys[0]) {
			draw_text(p, y, x + 2, kw - 3, ROLE_MENU_TITLE, l->keys);
			draw_text(p, y, x + kw, w - kw, ROLE_MENU, l->text);
		} else {
			draw_text(p, y, x + 2, w - 2, ROLE_MENU, l->text);
		}
	}
}

/* The sort menu. */
void
draw_sort_menu(const struct paint *p)
{
	const struct tui *t = p->t;
	struct rect r = tui_menu_rect(t);
	int first = tui_menu_first(t);
	bool desc = sort_key_descending(t->mon->view.key) != t->mon->view.reverse;
	const char *arrow = glyph(desc ? GLYPH_DESC : GLYPH_ASC, t->utf8);

	draw_box(p, &r, ROLE_MENU, "Sort by");
	for (int i = first, y = r.y + 1; i < SORT_COUNT && y < r.y + r.h - 1; i++, y++) {
		bool current = i == (int)t->mon->view.key;
		enum role role = i == t->menu ? ROLE_MENU_SEL : ROLE_MENU;
		char line[64];
		snprintf(line, sizeof line, " %s %s", current ? arrow : " ", sort_key_title((enum sort_key)i));
		struct rect row = { r.x + 1, y, r.w - 2, 1 };
		draw_clear(p, &row, role);
		draw_text(p, y, r.x + 1, r.w - 2, role, line);
	}
}

/* The notice for a terminal too small for anything else. */
void
draw_too_small(const struct paint *p)
{
	const struct tui *t = p->t;
	char lines[6][64];
	struct rect all = { 0, 0, t->w, t->h };

	snprintf(lines[0], sizeof lines[0], "ticctop");
	snprintf(lines[1], sizeof lines[1], "Clients %zu", tui_clients(t));
	if (tui_have_data(t))
		snprintf(lines[2], sizeof lines[2], "CRIT %zu WARN %zu OK %zu", t->counts[STATUS_CRITICAL],
		         t->counts[STATUS_WARNING], t->counts[STATUS_OK]);
	else
		snprintf(lines[2], sizeof lines[2], "No data yet");
	snprintf(lines[3], sizeof lines[3], "Terminal too small");
	snprintf(lines[4], sizeof lines[4], "(%dx%d; need %dx%d)", t->w, t->h, GRID_MIN_W, SCREEN_MIN_H);
	snprintf(lines[5], sizeof lines[5], "q quits");
	draw_clear(p, &all, ROLE_TEXT);
	for (int i = 0; i < 6 && i < t->h; i++)
		draw_text(p, i, 0, t->w, i == 0 ? ROLE_APP : i == 3 ? ROLE_WARN : ROLE_TEXT, lines[i]);
}
