/* screen_sources.c — the Sources screen: columns, cells, selection, the open source's ntpdata. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "health_server.h"
#include "screen_sources.h"
#include "text.h"
#include "theme.h"

/* The columns: heading, priority (higher stays longer), numbers right-aligned. */
static const struct { const char *head; int prio; bool right; } cols[SC_COUNT] = {
	[SC_STATE] = { "State", 95, false }, [SC_NAME] = { "Name/IP address", 100, false },
	[SC_STRATUM] = { "St", 60, true }, [SC_POLL] = { "Poll", 50, true }, [SC_REACH] = { "Reach", 90, false },
	[SC_LAST] = { "LastRx", 70, true }, [SC_OFFSET] = { "Last sample", 85, true }, [SC_NP] = { "NP", 20, true },
	[SC_NR] = { "NR", 25, true }, [SC_SPAN] = { "Span", 30, true }, [SC_FREQ] = { "Freq", 45, true },
	[SC_SKEW] = { "Skew", 40, true }, [SC_STDDEV] = { "Std dev", 55, true }, [SC_VERDICT] = { "Verdict", 92, false },
	[SC_HISTORY] = { "Offset history", 10, false },
};

/* The field each plain column shows, -1 for the composed ones. */
static const int col_field[SC_COUNT] = {
	[SC_STATE] = -1, [SC_NAME] = SRC_ADDRESS, [SC_STRATUM] = SRC_STRATUM, [SC_POLL] = SRC_POLL, [SC_REACH] = -1,
	[SC_LAST] = SRC_LAST_RX, [SC_OFFSET] = -1, [SC_NP] = SRC_NP, [SC_NR] = SRC_NR, [SC_SPAN] = SRC_SPAN,
	[SC_FREQ] = SRC_FREQUENCY, [SC_SKEW] = SRC_FREQ_SKEW, [SC_STDDEV] = SRC_STD_DEV, [SC_VERDICT] = -1, [SC_HISTORY] = -1,
};

/* The Sources screen's state (the current screen's). */
static struct sources_screen *
cur(const struct tui *t)
{
	return tui_state(t);
}

/* The length snprintf left in a buffer of size, from its return value n. */
static size_t
written(int n, size_t size)
{
	return n < 0 || size == 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

/* Field f of s as text. */
static size_t
value(char *buf, size_t size, const struct srv_source *s, int f)
{
	return srv_value_text(buf, size, srv_field(SRV_SOURCES, f), &s->v[f]);
}

/* Write cell col of source s for people into buf. */
size_t
sources_cell(char *buf, size_t size, const struct srv_source *s, int col, bool utf8)
{
	char a[64], b[64];

	if (col_field[col] >= 0)
		return value(buf, size, s, col_field[col]);
	if (col == SC_STATE) {
		const struct srv_value *m = &s->v[SRC_MODE], *st = &s->v[SRC_STATE];
		const struct srv_field *fm = srv_field(SRV_SOURCES, SRC_MODE), *fs = srv_field(SRV_SOURCES, SRC_STATE);
		return written(snprintf(buf, size, "%s%s %s", m->known ? fm->words[m->count] : " ",
		                        st->known ? fs->words[st->count] : " ", st->known ? fs->names[st->count] : "-"),
		               size);
	}
	if (col == SC_REACH) {
		const struct srv_value *r = &s->v[SRC_REACH];
		size_t o = 0;
		if (!r->known)
			return written(snprintf(buf, size, "-"), size);
		for (int bit = 7; bit >= 0; bit--) /* the oldest poll on the left */
			o += written(snprintf(buf + o, size - o, "%s",
			                      r->count >> bit & 1u ? (utf8 ? "●" : "*") : (utf8 ? "·" : ".")), size - o);
		return o;
	}
	if (col == SC_OFFSET) {
		value(a, sizeof a, s, SRC_OFFSET);
		value(b, sizeof b, s, SRC_ERROR);
		return written(snprintf(buf, size, "%s %s %s", a, utf8 ? "±" : "+/-", b), size);
	}
	if (col == SC_HISTORY)
		return written(snprintf(buf, size, "%s", ""), size);
	struct srv_verdict v = health_source_eval(s);
	const struct status_look *l = status_look((enum status)v.status);
	return written(snprintf(buf, size, "%s %s", utf8 ? l->utf8 : l->ascii, v.known ? l->word : "-"), size);
}

/* The Sources screen's columns into c, fitted to width. */
size_t
sources_columns(const struct tui *t, struct column *c, int width)
{
	const struct server_data *sd = &t->mon->srv;
	char cell[256];

	for (int i = 0; i < SC_COUNT; i++) {
		c[i] = (struct column){ i == SC_NAME ? COL_ADDR : i == SC_HISTORY ? COL_SPARK : COL_FIELD, i, cols[i].head,
		                        NULL, COL_NO_SORT, cols[i].prio, cols[i].right,
		                        i == SC_HISTORY ? COL_W_SPARK : (int)strlen(cols[i].head), 0, 0, false };
		for (size_t k = 0; k < sd->nsources; k++) {
			size_t n = sources_cell(cell, sizeof cell, &sd->sources[k], i, t->utf8);
			int w = (int)text_width(cell, n);
			if (w > c[i].need)
				c[i].need = w;
		}
	}
	columns_fit(c, SC_COUNT, width);
	return SC_COUNT;
}

/* Return whether the ntpdata in t's server data is the selected source's. */
static bool
ntpdata_is_selected(const struct tui *t)
{
	const struct server_data *sd = &t->mon->srv;

	return sd->have[SRV_NTPDATA] && strcmp(sd->ntpdata_for, cur(t)->sel_addr) == 0;
}

/* Lines of the open source's ntpdata block below its row. */
int
sources_open_lines(const struct tui *t, int w)
{
	const struct sources_screen *s = cur(t);
	int known = 0, per = (w - 4) / SOURCES_PAIR_W > 1 ? (w - 4) / SOURCES_PAIR_W : 1;

	if (!s->open || t->mon->srv.nsources == 0)
		return 0;
	if (!ntpdata_is_selected(t))
		return 1 + 1 + 1;          /* the verdict, a note, the closing line */
	for (int f = 0; f < NTP_COUNT; f++)
		known += t->mon->srv.ntpdata.v[f].known;
	return 1 + (known + per - 1) / per + 1;
}

/* Rows of the list below the headings. */
static int
list_h(const struct tui *t)
{
	return t->reg.body.h > SOURCES_HEAD_LINES ? t->reg.body.h - SOURCES_HEAD_LINES : 0;
}

/* Keep the selected row (and its open block, when it fits) in sight. */
static void
follow(struct tui *t)
{
	struct sources_screen *s = cur(t);
	long sel = (long)s->sel, h = list_h(t), end = sel + 1 + sources_open_lines(t, t->reg.body.w);
	long total = (long)t->mon->srv.nsources + sources_open_lines(t, t->reg.body.w);

	if (end - s->top > h)
		s->top = end - h;
	if (sel < s->top)
		s->top = sel;
	if (s->top > total - h)
		s->top = total - h;
	if (s->top < 0)
		s->top = 0;
}

/* Ask the source for the ntpdata of the open source, or for none. */
static void
ask(struct tui *t)
{
	struct sources_screen *s = cur(t);

	monitor_want_ntpdata(t->mon, s->open && srv_ntpdata_addr_ok(s->sel_addr) ? s->sel_addr : NULL);
}

/* Select source i (clamped) and remember its address. */
static unsigned
select_at(struct tui *t, long i)
{
	struct sources_screen *s = cur(t);
	const struct server_data *sd = &t->mon->srv;

	if (sd->nsources == 0)
		return 0;
	s->sel = i < 0 ? 0 : (size_t)i >= sd->nsources ? sd->nsources - 1 : (size_t)i;
	snprintf(s->sel_addr, sizeof s->sel_addr, "%s", sd->sources[s->sel].v[SRC_ADDRESS].text);
	ask(t);
	follow(t);
	return REACT_BODY;
}

/* Another server is selected than the one the selection is of: start at
 * its first source, closed, the one before asked for no more ntpdata;
 * return whether so. */
static bool
follow_server(struct tui *t)
{
	struct sources_screen *s = cur(t);

	if (s->mon == t->mon)
		return false;
	if (s->mon)
		monitor_want_ntpdata(s->mon, NULL);
	s->mon = t->mon;
	s->open = false;
	s->sel_addr[0] = '\0';
	s->sel = 0;
	s->top = 0;
	return true;
}

/* Put the selection back on the remembered source after a poll. */
static unsigned
sources_refreshed(struct tui *t)
{
	struct sources_screen *s = cur(t);
	const struct server_data *sd = &t->mon->srv;

	follow_server(t);
	for (size_t i = 0; i < sd->nsources; i++)
		if (strcmp(sd->sources[i].v[SRC_ADDRESS].text, s->sel_addr) == 0)
			return select_at(t, (long)i);
	return select_at(t, (long)s->sel) | REACT_BODY;
}

/* The body changed size: keep the selection in sight; another server: its first source. */
static unsigned
sources_react(struct tui *t, unsigned flags)
{
	if (follow_server(t))
		return select_at(t, 0) | REACT_BODY;
	if (!(flags & REACT_LAYOUT))
		return 0;
	follow(t);
	return REACT_BODY;
}

/* Move the selection by d rows. */
static unsigned
move(struct tui *t, int d)
{
	return select_at(t, (long)cur(t)->sel + d);
}

/* Move the selection a page (sign -1 up, +1 down). */
static unsigned
page(struct tui *t, int sign)
{
	return select_at(t, (long)cur(t)->sel + sign * (list_h(t) > 1 ? list_h(t) - 1 : 1));
}

/* Select the first (end 0) or the last (end 1) source. */
static unsigned
select_end(struct tui *t, int end)
{
	return select_at(t, end ? (long)t->mon->srv.nsources - 1 : 0);
}

/* Open or close the selected source's ntpdata. */
static unsigned
toggle(struct tui *t, int arg)
{
	struct sources_screen *s = cur(t);

	if (t->mon->srv.nsources == 0)
		return 0;
	s->open = !s->open;
	if (s->open && !srv_ntpdata_addr_ok(s->sel_addr))
		tui_message(t, "Only an NTP source with a numeric address has ntpdata");
	else if (s->open)
		tui_message(t, "Asking chronyd for its ntpdata from the next poll on (F5: now)");
	ask(t);
	follow(t);
	return REACT_BODY;
}

/* A click on a row selects it; a double click opens it. */
static unsigned
sources_click(struct tui *t, int x, int y, bool dbl)
{
	struct sources_screen *s = cur(t);
	long line = s->top + (y - t->reg.body.y - SOURCES_HEAD_LINES), sel = (long)s->sel;
	int open = sources_open_lines(t, t->reg.body.w);

	if (y < t->reg.body.y + SOURCES_HEAD_LINES || line < 0)
		return 0;
	if (line > sel && line <= sel + open)
		return 0;                  /* in the open block */
	long i = line > sel ? line - open : line;
	if (i >= (long)t->mon->srv.nsources)
		return 0;
	unsigned f = select_at(t, i);
	return dbl ? f | toggle(t, 0) : f;
}

/* The wheel moves the selection. */
static unsigned
sources_wheel(struct tui *t, int dir)
{
	return move(t, dir);
}

static const struct action actions[] = {
	{ move, -1, "Select the source above" },
	{ move, 1, "Select the source below" },
	{ page, -1, "A page up" },
	{ page, 1, "A page down" },
	{ select_end, 0, "Select the first source" },
	{ select_end, 1, "Select the last source" },
	{ toggle, 0, "Show or hide the selected source's ntpdata" },
};

static const struct binding bindings[] = {
	KEYS_MOVE(TUI_BROWSE, 0, 1, 2, 3, 4, 5),
	{ TUI_BROWSE, KEYC_ENTER, 6, "ntpdata", 70 },
	{ TUI_BROWSE, ' ', 6, NULL, 0 },
};

static const struct help_section help[] = {
	{ "Sources", TUI_BROWSE,
	  { "State: * selected, + combined, - not combined, ? unusable,",
	    "x falseticker, ~ jittery; reach: the last 8 polls, newest right",
	    "Tab, Shift-Tab and 1 2 3 go to the other screens" } },
};

const struct screen_ops sources_ops = {
	.name = "Sources",
	.state_size = sizeof(struct sources_screen),
	.keys = KEYMAP(actions, bindings),
	.help = help,
	.nhelp = sizeof help / sizeof help[0],
	.react = sources_react,
	.refreshed = sources_refreshed,
	.click = sources_click,
	.wheel = sources_wheel,
};
