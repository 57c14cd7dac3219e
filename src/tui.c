/* tui.c — the full screen's app-wide state and the dispatch to the current screen. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "format.h"
#include "text.h"
#include "tui.h"

/* Make t ready to show mon through the table of screens. */
bool
tui_init(struct tui *t, struct monitor *mon, double interval, bool utf8, const struct screen *screens,
         size_t nscreens)
{
	memset(t, 0, sizeof *t);
	t->mon = mon;
	t->one = (struct fleet){ .mon = mon, .name = t->one_name, .n = 1 };
	t->fleet = &t->one;
	fleet_list_init(&t->list);
	t->interval = interval;
	t->utf8 = utf8;
	t->theme = THEME_DARK;
	t->menu = mon->view.key;
	t->cursor_x = -1;
	t->screens = screens;
	t->nscreens = nscreens < TUI_SCREENS_MAX ? nscreens : TUI_SCREENS_MAX;
	for (size_t i = 0; i < t->nscreens; i++) {
		const struct screen_ops *s = screens[i].ops;
		if (!(t->state[i] = calloc(1, s->state_size ? s->state_size : 1))) {
			tui_free(t);
			return false;
		}
		if (s->init)
			s->init(t, t->state[i]);
	}
	return true;
}

/* Free what t owns. */
void
tui_free(struct tui *t)
{
	for (size_t i = 0; i < t->nscreens; i++) {
		if (t->state[i] && t->screens[i].ops->free)
			t->screens[i].ops->free(t->state[i]);
		free(t->state[i]);
		t->state[i] = NULL;
	}
	fleet_list_free(&t->list);
}

/* Show the servers of f. */
void
tui_set_fleet(struct tui *t, struct fleet *f)
{
	t->fleet = f;
	t->mon = &f->mon[f->selected];
	t->seen_version = 0;
}

/* The server that filter text "server:NAME" leaves, f->n for all, beyond for none. */
static size_t
only_server(const struct tui *t)
{
	const char *name = t->mon->view.filter.server;

	return !name[0] ? t->fleet->n : fleet_find(t->fleet, name) < t->fleet->n ? fleet_find(t->fleet, name) : SIZE_MAX;
}

/* Give every server the selected one's order and filter, bring their
 * views up to date and list their clients. */
static void
update_list(struct tui *t)
{
	struct fleet *f = t->fleet;

	for (size_t i = 0; i < f->n; i++) {
		struct view *v = &f->mon[i].view;
		if (&f->mon[i] != t->mon &&
		    (v->key != t->mon->view.key || v->reverse != t->mon->view.reverse ||
		     memcmp(&v->filter, &t->mon->view.filter, sizeof v->filter) != 0)) {
			v->key = t->mon->view.key;
			v->reverse = t->mon->view.reverse;
			v->filter = t->mon->view.filter;
			f->mon[i].view_stale = true;
		}
		monitor_update_view(&f->mon[i]);
	}
	if (!fleet_list_update(&t->list, f, t->group, only_server(t)))
		tui_message(t, "out of memory: cannot list the clients");
}

/* How many clients are listed. */
size_t
tui_count(const struct tui *t)
{
	return t->list.n;
}

/* Counts the list's rebuilds. */
uint64_t
tui_built(const struct tui *t)
{
	return t->list.built;
}

/* How many clients every server has. */
size_t
tui_clients(const struct tui *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->fleet->n; i++)
		n += model_size(t->fleet->mon[i].model);
	return n;
}

/* Return whether some server has data. */
bool
tui_have_data(const struct tui *t)
{
	for (size_t i = 0; i < t->fleet->n; i++)
		if (t->fleet->mon[i].have_data)
			return true;
	return false;
}

/* The server of the client at list position pos. */
size_t
tui_server(const struct tui *t, size_t pos)
{
	return t->list.srv[pos];
}

/* The list position of the client with this address at server srv, or -1. */
long
tui_find(const struct tui *t, size_t srv, const char *addr, size_t len)
{
	long mi = srv < t->fleet->n ? model_find(t->fleet->mon[srv].model, addr, len) : -1;

	for (size_t i = 0; mi >= 0 && i < t->list.n; i++)
		if (t->list.idx[i] == (uint32_t)mi && t->list.srv[i] == srv)
			return (long)i;
	return -1;
}

/* The current screen's row. */
const struct screen *
tui_screen(const struct tui *t)
{
	return &t->screens[t->cur];
}

/* The current screen's own state. */
void *
tui_state(const struct tui *t)
{
	return t->state[t->cur];
}

/* The current screen's operations. */
static const struct screen_ops *
ops(const struct tui *t)
{
	return t->screens[t->cur].ops;
}

/* Make screen i current. */
unsigned
tui_switch(struct tui *t, int i)
{
	if (i < 0 || (size_t)i >= t->nscreens || (size_t)i == t->cur)
		return 0;
	t->cur = (size_t)i;
	t->mode = TUI_BROWSE;
	t->help_top = 0;
	return ops(t)->refreshed(t) | REACT_LAYOUT | REACT_PAINT;
}

/* Make the screen d places after (before, when negative) the current one current, wrapping. */
unsigned
tui_screen_step(struct tui *t, int d)
{
	long n = (long)t->nscreens;

	return n ? tui_switch(t, (int)((((long)t->cur + d) % n + n) % n)) : 0;
}

/* The client shown at view position pos. */
const struct client *
tui_client(const struct tui *t, size_t pos)
{
	return model_at(t->fleet->mon[t->list.srv[pos]].model, t->list.idx[pos]);
}

/* Offset of the search text in c's address, or -1. */
long
tui_match(const struct tui *t, const struct client *c)
{
	if (t->search.text_len == 0)
		return -1;
	return addr_find(c->addr, c->len, t->search.text, t->search.text_len);
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

/* Apply flags: rebuild the view, let the screen lay out. */
unsigned
tui_react(struct tui *t, unsigned flags)
{
	if (flags & REACT_VIEW) {
		t->mon->view_stale = true;
		update_list(t);
		flags |= REACT_HEADER;
	}
	if (flags & (REACT_VIEW | REACT_LAYOUT))
		flags |= ops(t)->react(t, flags);
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

	if (t->fleet->n > 1 || m->polls == 0 || m->last.err == SOURCE_OK || size == 0) { /* a fleet's: in its meter lines */
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

/* The lines a fleet wants for its servers: one each (none alone). */
static int
server_lines(const struct tui *t)
{
	return t->fleet->n > 1 ? (int)t->fleet->n : 0;
}

/* The terminal is now w x h. */
unsigned
tui_resize(struct tui *t, int w, int h)
{
	t->w = w;
	t->h = h;
	t->banner_lines = banner_lines(t);
	layout_regions(&t->reg, w, h, server_lines(t), t->banner_lines);
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
		layout_regions(&t->reg, t->w, t->h, server_lines(t), bl);
		f |= REACT_LAYOUT | REACT_PAINT;
	}
	uint64_t version = 0;
	for (size_t i = 0; i < t->fleet->n; i++)
		version += model_version(t->fleet->mon[i].model); /* each only grows */
	if (version != t->seen_version) {
		t->seen_version = version;
		memset(t->counts, 0, sizeof t->counts);
		for (size_t i = 0; i < t->fleet->n; i++) {
			model_summary(t->fleet->mon[i].model, t->srv_counts[i]);
			for (int k = 0; k < STATUS_COUNT; k++)
				t->counts[k] += t->srv_counts[i][k];
		}
		f |= REACT_BODY;
	}
	update_list(t);
	return tui_react(t, f | ops(t)->refreshed(t));
}

/* Take search_text as the search and let the screen find it. */
static unsigned
apply_search(struct tui *t)
{
	size_t len = strlen(t->search_text);

	for (size_t i = 0; i <= len; i++)
		t->search.text[i] = (char)addr_lower((unsigned char)t->search_text[i]);
	t->search.text_len = len;
	return (ops(t)->searched ? ops(t)->searched(t) : 0) | REACT_HEADER | REACT_BODY | REACT_BAR;
}

/* Start an incremental search (the screen remembers where it began). */
unsigned
tui_search_start(struct tui *t, int arg)
{
	t->mode = TUI_SEARCH;
	t->search_text[0] = '\0';
	return apply_search(t);
}

/* Set the filter from text. */
bool
tui_set_filter(struct tui *t, const char *text)
{
	static char use_words[96];
	static const char *const why[] = { [FILTER_ERR_TOKEN] = use_words, [FILTER_ERR_TOO_LONG] = "too long" };
	char words[80];
	struct filter f;
	const char *bad = NULL;
	enum filter_err e = filter_parse(text, &f, &bad);

	if (text != t->filter_text)
		snprintf(t->filter_text, sizeof t->filter_text, "%s", text);
	if (e != FILTER_OK) {
		filter_words(words, sizeof words);
		snprintf(use_words, sizeof use_words, "use %s", words);
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
tui_filter_start(struct tui *t, int arg)
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
tui_edit_erase(struct tui *t, int arg)
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
tui_edit_clear(struct tui *t, int arg)
{
	edit_line(t)[0] = '\0';
	return edited(t);
}

/* Keep what was typed and go back to browsing. */
unsigned
tui_edit_accept(struct tui *t, int arg)
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
tui_search_clear(struct tui *t, int arg)
{
	if (t->search.text_len == 0)
		return 0;
	t->search_text[0] = '\0';
	t->search.text_len = 0;
	t->search.text[0] = '\0';
	t->matches = 0;
	return REACT_PAINT;
}

/* Clear the search or the filter and go back to browsing. */
unsigned
tui_edit_cancel(struct tui *t, int arg)
{
	unsigned f = REACT_PAINT;

	if (t->mode == TUI_SEARCH) {
		tui_search_clear(t, 0);
	} else {
		tui_set_filter(t, "");
		f |= REACT_VIEW;
	}
	t->mode = TUI_BROWSE;
	return f;
}

/* Open the sort menu on the current key. */
unsigned
tui_sort_menu(struct tui *t, int arg)
{
	t->mode = TUI_SORT;
	t->menu = t->mon->view.key;
	return REACT_BODY | REACT_BAR;
}

/* Sort by the order d places after (before, when negative) the current one, wrapping. */
unsigned
tui_sort_step(struct tui *t, int d)
{
	struct view *v = &t->mon->view;

	v->key = (enum sort_key)((v->key + d + SORT_COUNT) % SORT_COUNT);
	t->menu = v->key;
	return REACT_VIEW | REACT_SAVE | REACT_HEADER;
}

/* Move the sort menu's cursor by d, wrapping. */
unsigned
tui_menu_move(struct tui *t, int d)
{
	t->menu = (t->menu + d + SORT_COUNT) % SORT_COUNT;
	return REACT_BODY;
}

/* Sort by the key under the menu's cursor. */
unsigned
tui_menu_pick(struct tui *t, int arg)
{
	t->mon->view.key = (enum sort_key)t->menu;
	t->mode = TUI_BROWSE;
	return REACT_VIEW | REACT_SAVE | REACT_PAINT;
}

/* Invert the order. */
unsigned
tui_invert(struct tui *t, int arg)
{
	t->mon->view.reverse = !t->mon->view.reverse;
	return REACT_VIEW | REACT_SAVE | REACT_HEADER;
}

/* Switch to the next theme. */
unsigned
tui_theme_next(struct tui *t, int arg)
{
	if (t->colours == 0) {
		tui_message(t, "Colours are off (--no-color, NO_COLOR or the terminal): mono only");
		return 0;
	}
	t->theme = (enum theme_id)((t->theme + 1) % THEME_COUNT);
	tui_message(t, "Theme: %s", theme_name(t->theme));
	return REACT_THEME | REACT_SAVE;
}

/* Stop or resume polling (every server). */
unsigned
tui_pause(struct tui *t, int arg)
{
	bool paused = !t->mon->paused;

	for (size_t i = 0; i < t->fleet->n; i++)
		t->fleet->mon[i].paused = paused;
	tui_message(t, paused ? "Paused: the data stays as it is until p" : "Resumed");
	return REACT_HEADER;
}

/* Ask the loop for a poll of every server at once (also while paused: one step). */
unsigned
tui_refresh_now(struct tui *t, int arg)
{
	for (size_t i = 0; i < t->fleet->n; i++)
		t->fleet->mon[i].poll_now = true;
	tui_message(t, t->mon->paused ? "Refreshing once (still paused)" : "Refreshing now");
	return REACT_HEADER;
}

/* Select server i of the fleet: the one the meters and the screens about a server show. */
static unsigned
select_server(struct tui *t, size_t i)
{
	struct fleet *f = t->fleet;

	f->selected = i;
	t->mon = &f->mon[i]; /* its view has every server's order and filter already */
	tui_message(t, "Server %zu of %zu: %s", i + 1, f->n, f->name[i]);
	return REACT_VIEW | REACT_LAYOUT | REACT_PAINT | REACT_SAVE;
}

/* Select the server d places after (before, when negative) the selected one, wrapping. */
unsigned
tui_server_step(struct tui *t, int d)
{
	struct fleet *f = t->fleet;

	if (f->n < 2) {
		tui_message(t, "One server only (give -u or -S again for a fleet)");
		return 0;
	}
	return select_server(t, (f->selected + (d < 0 ? f->n - 1 : 1)) % f->n);
}

/* A click at row y of a fleet's server lines: that server, or on the one
 * folded line, the next. */
static unsigned
click_server(struct tui *t, int y)
{
	const struct rect *r = &t->reg.servers;

	return (size_t)r->h >= t->fleet->n ? select_server(t, (size_t)(y - r->y)) : tui_server_step(t, 1);
}

/* List the clients grouped by server, or as one list. */
unsigned
tui_group_toggle(struct tui *t, int arg)
{
	t->group = !t->group;
	tui_message(t, t->group ? "Grouped by server" : "One list (all servers, in order)");
	return REACT_VIEW | REACT_HEADER;
}

/* Capture the mouse, or give it back to the terminal (to select and copy text). */
unsigned
tui_mouse_toggle(struct tui *t, int arg)
{
	t->mouse = !t->mouse;
	tui_message(t, t->mouse ? "Mouse on: clicks and the wheel are ticctop's (m gives them back)"
	                        : "Mouse off: the terminal selects text again (m takes it back)");
	return REACT_MOUSE;
}

/* Repaint the whole terminal. */
unsigned
tui_redraw(struct tui *t, int arg)
{
	return REACT_CLEAR;
}

/* Open the help (its lines are in t->help: keys.c writes them from the key tables). */
unsigned
tui_help(struct tui *t, int arg)
{
	t->mode = TUI_HELP;
	t->help_top = 0;
	return REACT_BODY | REACT_BAR;
}

/* Rows of help text one screen shows. */
static long
help_rows(const struct tui *t)
{
	return t->reg.body.h > 3 ? t->reg.body.h - 2 : 1;
}

/* Scroll the help by lines d, within its length. */
static unsigned
help_move(struct tui *t, long d)
{
	long max = t->help_lines - help_rows(t);

	t->help_top += d;
	if (t->help_top > max)
		t->help_top = max;
	if (t->help_top < 0)
		t->help_top = 0;
	return REACT_BODY;
}

/* Scroll the help by a line, a page or all the way (enum scroll_by, negative up). */
unsigned
tui_help_scroll(struct tui *t, int by)
{
	long unit[] = { [SCROLL_LINE] = 1, [SCROLL_PAGE] = help_rows(t), [SCROLL_ALL] = t->help_lines };
	int k = by < 0 ? -by : by;

	return k >= SCROLL_LINE && k <= SCROLL_ALL ? help_move(t, by < 0 ? -unit[k] : unit[k]) : 0;
}

/* Close the help or the sort menu. */
unsigned
tui_close(struct tui *t, int arg)
{
	t->mode = TUI_BROWSE;
	return REACT_BODY | REACT_BAR;
}

/* Quit. */
unsigned
tui_quit(struct tui *t, int arg)
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

/* A left click at screen (x, y): the help and the menu take it, else the screen's body. */
unsigned
tui_click(struct tui *t, int x, int y, bool dbl)
{
	unsigned f = 0;

	if (t->mode == TUI_HELP)
		return tui_close(t, 0);
	if (t->mode == TUI_SORT) {
		struct rect r = tui_menu_rect(t);
		int item = y - r.y - 1 + tui_menu_first(t);
		if (x < r.x || x >= r.x + r.w || y <= r.y || y >= r.y + r.h - 1 || item >= SORT_COUNT)
			return tui_close(t, 0);
		t->menu = item;
		return tui_menu_pick(t, 0);
	}
	if (t->mode == TUI_SEARCH || t->mode == TUI_FILTER)
		f |= tui_edit_accept(t, 0);
	if (y >= t->reg.servers.y && y < t->reg.servers.y + t->reg.servers.h && x < t->reg.servers.w)
		return f | click_server(t, y);
	return f | ops(t)->click(t, x, y, dbl);
}

/* The wheel turned: dir -1 up, +1 down. */
unsigned
tui_wheel(struct tui *t, int dir)
{
	if (t->mode == TUI_HELP)
		return help_move(t, dir * TUI_WHEEL_ROWS);
	if (t->mode == TUI_SORT)
		return tui_menu_move(t, dir);
	return ops(t)->wheel(t, dir);
}

/* Paint what is dirty: the shared parts through pa, the body through the screen's row. */
int
tui_paint(struct tui *t, const struct paint *p, const struct painter *pa)
{
	unsigned d = t->dirty;

	t->dirty = 0;
	if (t->reg.too_small) {
		pa->too_small(p);
		return -1;
	}
	if (d & REACT_HEADER)
		pa->header(p);
	if (d & REACT_BODY)
		tui_screen(t)->draw(p);
	if ((d & REACT_BODY) && t->mode == TUI_HELP)
		pa->help(p);
	if ((d & (REACT_BODY | REACT_HEADER)) && t->mode == TUI_SORT)
		pa->sort_menu(p);
	if (d & REACT_BAR)
		t->cursor_x = pa->bar(p);
	return t->mode == TUI_SEARCH || t->mode == TUI_FILTER ? t->cursor_x : -1;
}
