/* screen_server.c — the Server screen: its sections, built from the monitor, and scrolling. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "health_server.h"
#include "screen_server.h"
#include "text.h"
#include "theme.h"

/* The Server screen's state (the current screen's). */
static struct server_screen *
cur(const struct tui *t)
{
	return tui_state(t);
}

/* Start a section titled title in s. */
static void
section(struct server_screen *s, const char *title)
{
	if (s->nsec == INFO_SECTIONS_MAX)
		return;
	s->sec[s->nsec++] = (struct info_section){ title, s->nlines, 0 };
}

/* Add a line to the last section of s; its value from fmt. */
static struct info_line *
add(struct server_screen *s, enum info_kind kind, const char *label, int status, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static struct info_line *
add(struct server_screen *s, enum info_kind kind, const char *label, int status, const char *fmt, ...)
{
	va_list ap;

	if (s->nlines == INFO_LINES_MAX || s->nsec == 0)
		return NULL;
	struct info_line *l = &s->line[s->nlines++];
	l->kind = kind;
	l->label = label;
	l->status = status;
	l->spark = -1;
	l->spark_signed = false;
	l->extra[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(l->value, sizeof l->value, fmt, ap);
	va_end(ap);
	s->sec[s->nsec - 1].n++;
	return l;
}

/* Add a section of every known field of report r, whose values are v[]
 * (the serverstats' with their rates when rates is not NULL). */
static void
report(struct server_screen *s, const char *title, enum srv_report r, const struct srv_value *v,
       const struct srv_rates *rates)
{
	char text[sizeof s->line[0].value];

	section(s, title);
	for (int f = 0; f < srv_field_count(r); f++) {
		const struct srv_field *fi = srv_field(r, f);
		if (!v[f].known)
			continue;
		srv_value_text(text, sizeof text, fi, &v[f]);
		struct info_line *l = add(s, INFO_FIELD, fi->label, -1, "%s", text);
		if (l && rates && rates->known[f])
			fmt_decimal(l->extra, sizeof l->extra, rates->v[f], rates->v[f] < 10 ? 1 : 0, "/s");
	}
}

/* The verdict and every reason that fired. */
static void
verdict(struct server_screen *s, const struct monitor *m)
{
	struct srv_verdict v = health_server_eval(&m->srv_limits, &m->srv);
	char reason[sizeof s->line[0].value];

	section(s, "Verdict");
	if (!v.known) {
		add(s, INFO_NOTE, NULL, -1, "not judged: chronyd gave no tracking");
		return;
	}
	add(s, INFO_FIELD, "Status", v.status, "%s", status_look((enum status)v.status)->word);
	if (!v.fired) {
		health_server_reason(&m->srv_limits, &m->srv, -1, reason, sizeof reason);
		add(s, INFO_NOTE, NULL, -1, "%s", reason);
	}
	for (int r = 0; r < health_server_rules() && r < 32; r++)
		if (v.fired >> r & 1u) {
			health_server_reason(&m->srv_limits, &m->srv, r, reason, sizeof reason);
			add(s, INFO_NOTE, NULL, -1, "%s", reason);
		}
}

/* The last 5 minutes: each series' latest value and its sparkline. */
static void
history(struct server_screen *s, const struct monitor *m)
{
	static const struct { const char *label; enum trend_series series; bool is_signed; } rows[] = {
		{ "System time", TREND_OFFSET, true },
		{ "Frequency", TREND_FREQ, true },
		{ "NTP requests", TREND_NTP, false },
	};
	char text[32];

	section(s, "Last 5 minutes");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		double v = trend_last(&m->trend, rows[i].series);
		if (!isfinite(v))
			snprintf(text, sizeof text, "-");
		else if (rows[i].series == TREND_OFFSET)
			fmt_offset(text, sizeof text, v);
		else
			fmt_decimal(text, sizeof text, v, rows[i].series == TREND_FREQ ? 3 : 1,
			            rows[i].series == TREND_FREQ ? " ppm" : "/s");
		struct info_line *l = add(s, INFO_SPARK, rows[i].label, -1, "%s", text);
		if (l) {
			l->spark = rows[i].series;
			l->spark_signed = rows[i].is_signed;
		}
	}
}

/* A source of clients only: what it offers, its clock, count and error. */
static void
clients_only(struct server_screen *s, const struct monitor *m)
{
	const struct server_info *si = &m->last.server;

	section(s, "Dashboard");
	add(s, INFO_NOTE, NULL, -1, "%s", m->srv.note);
	add(s, INFO_FIELD, "Its clock", -1, "%s", si->time[0] ? si->time : "-");
	if (si->have_count)
		add(s, INFO_FIELD, "Clients it counts", -1, "%lld", si->count);
	add(s, INFO_FIELD, "Clients listed", -1, "%zu", model_size(m->model));
	if (si->error[0])
		add(s, INFO_FIELD, "Its error", STATUS_CRITICAL, "%s", si->error);
}

/* Build what the Server screen shows of t's monitor into s. */
void
server_build(const struct tui *t, struct server_screen *s)
{
	const struct monitor *m = t->mon;

	s->nlines = s->nsec = 0;
	if (m->srv.avail == SRV_AVAIL_CLIENTS_ONLY) {
		clients_only(s, m);
		return;
	}
	if (m->srv.avail != SRV_AVAIL_LOCAL) {
		section(s, "Server");
		add(s, INFO_NOTE, NULL, -1, "%s",
		    m->polls ? "No data from the server itself: see the message above" : "Waiting for the first poll...");
		return;
	}
	verdict(s, m);
	if (m->srv_time < m->poll_time)
		add(s, INFO_NOTE, NULL, STATUS_WARNING, "STALE: the last poll did not read it");
	if (m->srv.note[0])
		add(s, INFO_NOTE, NULL, -1, "%s", m->srv.note);
	if (m->srv.have[SRV_TRACKING])
		report(s, "Tracking", SRV_TRACKING, m->srv.tracking.v, NULL);
	history(s, m);
	if (m->srv.have[SRV_SERVERSTATS])
		report(s, "Server statistics (a second)", SRV_SERVERSTATS, m->srv.serverstats.v,
		       m->have_srv_rates ? &m->srv_rates : NULL);
	if (m->srv.have[SRV_ACTIVITY])
		report(s, "Activity (sources)", SRV_ACTIVITY, m->srv.activity.v, NULL);
}

/* Bytes of note text s[0..len) on its first row of cols columns. */
size_t
info_note_row(const char *s, size_t len, int cols)
{
	size_t n = text_fit(s, len, cols > 1 ? (size_t)cols : 1, NULL);

	if (n == 0 && len > 0) /* not even one character fits: one anyway, never a row of none */
		n = 1;
	if (n < len && s[n] != ' ')
		for (size_t k = n; k-- > 1;)
			if (s[k] == ' ') {
				n = k + 1;
				break;
			}
	return n;
}

/* Rows line l takes in a section w wide. */
unsigned
info_line_rows(const struct info_line *l, int w, bool utf8)
{
	char safe[sizeof l->value * 4];
	unsigned rows = 0;

	if (l->kind != INFO_NOTE)
		return 1;
	size_t len = fmt_sanitize(safe, sizeof safe, l->value, strlen(l->value), utf8);
	for (size_t off = 0; off < len; rows++)
		off += info_note_row(safe + off, len - off, w - 2);
	return rows ? rows : 1;
}

/* Height of section i, w wide (a grid_height_fn): its title and its lines' rows
 * (the bottom edge is shared, as the cards'). */
static unsigned
section_rows(void *ctx, size_t i, int w)
{
	const struct server_screen *s = ctx;
	unsigned h = 1;

	for (size_t k = 0; k < s->sec[i].n; k++)
		h += info_line_rows(&s->line[s->sec[i].first + k], w, s->utf8);
	return h;
}

/* Build and pack the sections again. */
static unsigned
rebuild(struct tui *t)
{
	struct server_screen *s = cur(t);

	server_build(t, s);
	s->utf8 = t->utf8;
	if (!grid_pack(&s->grid, t->reg.body.w, s->nsec, section_rows, s))
		s->grid.n = 0;
	s->top = grid_clamp(&s->grid, s->top, t->reg.body.h);
	return REACT_BODY;
}

/* Make the screen empty. */
static void
server_init(struct tui *t, void *state)
{
	grid_init(&((struct server_screen *)state)->grid);
}

/* Free what the screen owns. */
static void
server_free(void *state)
{
	grid_free(&((struct server_screen *)state)->grid);
}

/* The body changed size or content: pack again. */
static unsigned
server_react(struct tui *t, unsigned flags)
{
	return flags & REACT_LAYOUT ? rebuild(t) : 0;
}

/* A poll ended, or the screen became current. */
static unsigned
server_refreshed(struct tui *t)
{
	return rebuild(t);
}

/* Scroll by a line, a page or all the way (enum scroll_by, negative up). */
static unsigned
scroll(struct tui *t, int by)
{
	struct server_screen *s = cur(t);
	long unit[] = { [SCROLL_LINE] = 1, [SCROLL_PAGE] = t->reg.body.h, [SCROLL_ALL] = (long)s->grid.height };
	int k = by < 0 ? -by : by;

	s->top = grid_clamp(&s->grid, s->top + (by < 0 ? -unit[k] : unit[k]), t->reg.body.h);
	return REACT_BODY;
}

/* Nothing happens on a click. */
static unsigned
server_click(struct tui *t, int x, int y, bool dbl)
{
	return 0;
}

/* The wheel scrolls. */
static unsigned
server_wheel(struct tui *t, int dir)
{
	struct server_screen *s = cur(t);

	s->top = grid_clamp(&s->grid, s->top + dir * TUI_WHEEL_ROWS, t->reg.body.h);
	return REACT_BODY;
}

static const struct action actions[] = {
	{ scroll, -SCROLL_LINE, "Scroll up a line" },
	{ scroll, SCROLL_LINE, "Scroll down a line" },
	{ scroll, -SCROLL_PAGE, "Scroll up a page" },
	{ scroll, SCROLL_PAGE, "Scroll down a page" },
	{ scroll, -SCROLL_ALL, "Go to the top" },
	{ scroll, SCROLL_ALL, "Go to the end" },
};

static const struct binding bindings[] = {
	KEYS_MOVE(TUI_BROWSE, 0, 1, 2, 3, 4, 5),
};

static const struct help_section help[] = {
	{ "Server", TUI_BROWSE,
	  { "chronyd's tracking, serverstats (with rates) and activity",
	    "The verdict lists every rule that fired (--warn-offset, --crit-offset)",
	    "Tab, Shift-Tab and 1 2 3 go to the other screens" } },
};

const struct screen_ops server_ops = {
	.name = "Server",
	.state_size = sizeof(struct server_screen),
	.init = server_init,
	.free = server_free,
	.keys = KEYMAP(actions, bindings),
	.help = help,
	.nhelp = sizeof help / sizeof help[0],
	.react = server_react,
	.refreshed = server_refreshed,
	.searched = NULL,
	.click = server_click,
	.wheel = server_wheel,
};
