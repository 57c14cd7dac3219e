/* draw_keybar.c — the bottom line: keys like htop's, a note, or the search/filter line. */
#include "config.h"

#include <string.h>

#include "draw.h"
#include "format.h"
#include "text.h"

#define BAR_MAX_ITEMS 16

/* Paint the key items of the current mode from column 0; returns the columns used. */
static int
draw_items(const struct paint *p, int y, int w)
{
	struct bar_item items[BAR_MAX_ITEMS];
	size_t n = keys_bar(tui_screen(p->t)->ops, p->t->mode, p->t->fleet->n > 1, w, items, BAR_MAX_ITEMS);
	int x = 0;

	for (size_t i = 0; i < n; i++) {
		x = items[i].x;
		x += draw_text(p, y, x, w - x, ROLE_BAR_KEY, items[i].name);
		x += draw_text(p, y, x, w - x, ROLE_BAR_LABEL, items[i].label);
		x += draw_text(p, y, x, w - x, ROLE_BAR_LABEL, " ");
	}
	return x;
}

/* Paint "Search: text" or "Filter: text" after x; returns the cursor column. */
static int
draw_prompt(const struct paint *p, int y, int x, int w)
{
	const struct tui *t = p->t;
	bool search = t->mode == TUI_SEARCH;
	const char *typed = search ? t->search_text : t->filter_text;
	const char *problem = search ? (t->search.text_len && t->matches == 0 ? "no match" : NULL) : t->filter_why;
	char safe[FILTER_TEXT_MAX * 4];
	size_t len = fmt_sanitize(safe, sizeof safe, typed, strlen(typed), t->utf8);

	x += draw_text(p, y, x, w - x, ROLE_TEXT, " ");
	x += draw_text(p, y, x, w - x, ROLE_PROMPT, search ? "Search:" : "Filter:");
	x += draw_text(p, y, x, w - x, ROLE_TEXT, " ");
	/* show the end of a long line: that is where the typing happens */
	size_t off = 0, room = w - x > 1 ? (size_t)(w - x - 1) : 0;
	while (off < len && text_width(safe + off, len - off) > room)
		off += text_fit(safe + off, len - off, 1, NULL) ? text_fit(safe + off, len - off, 1, NULL) : 1;
	x += draw_text(p, y, x, w - x, ROLE_INPUT, safe + off);
	int cursor = x < w ? x : w - 1;
	if (problem) {
		x += draw_text(p, y, x, w - x, ROLE_TEXT, "  ");
		draw_text(p, y, x, w - x, ROLE_ERROR, problem);
	}
	return cursor;
}

/* The key bar, or the search/filter line; returns the text cursor's column, or -1. */
int
draw_keybar(const struct paint *p)
{
	const struct tui *t = p->t;
	const struct rect *b = &t->reg.bar;
	bool editing = t->mode == TUI_SEARCH || t->mode == TUI_FILTER;

	draw_clear(p, b, ROLE_TEXT);
	if (!editing && t->message[0] && t->now < t->message_until) {
		char safe[sizeof t->message * 4];
		fmt_sanitize(safe, sizeof safe, t->message, strlen(t->message), t->utf8);
		draw_text(p, b->y, b->x, b->w, ROLE_MESSAGE, safe);
		return -1;
	}
	int x = draw_items(p, b->y, b->w);
	return editing ? draw_prompt(p, b->y, x, b->w) : -1;
}
