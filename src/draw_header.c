/* draw_header.c — the two header lines, the meters, a fleet's server lines and the error banner. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cards.h"
#include "draw.h"
#include "format.h"
#include "health_server.h"
#include "spark.h"
#include "text.h"
#include "trend.h"

#define MAX_SEGS 16
#define FLEX_MIN 12   /* the source is cut down to this before the data age goes */
#define GROUP_GAP 2   /* columns at least between the left and the right group */
#define APP_NAME "ticctop"
#define METER_SPARK_MAX 256   /* cells of a meter's sparkline at most */

/* A piece of a header line: dropped whole when the line is short, lowest
 * priority first, except the flexible one, which is cut instead. */
struct seg {
	const char *lead;   /* drawn before text in ROLE_DIM ("  ", " · ") */
	char text[600];
	enum role role;
	int prio;
	bool right;         /* right-aligned group */
	bool flex;
	int w;              /* columns of lead + text; -1 once dropped */
};

/* Add a segment to s[*n]. */
static void
seg_add(struct seg *s, size_t *n, const char *lead, enum role role, int prio, bool right, bool flex,
        const char *fmt, ...) __attribute__((format(printf, 8, 9)));

static void
seg_add(struct seg *s, size_t *n, const char *lead, enum role role, int prio, bool right, bool flex,
        const char *fmt, ...)
{
	va_list ap;
	struct seg *g = &s[(*n)++];

	g->lead = lead;
	va_start(ap, fmt);
	vsnprintf(g->text, sizeof g->text, fmt, ap);
	va_end(ap);
	g->role = role;
	g->prio = prio;
	g->right = right;
	g->flex = flex;
	g->w = (int)(text_width(lead, strlen(lead)) + text_width(g->text, strlen(g->text)));
}

/* Drop the lowest-priority segment (below max_prio, the flexible one only
 * when flex_too); returns the columns saved, 0 when none could go. */
static int
drop_one(struct seg *s, size_t n, int max_prio, bool flex_too)
{
	size_t drop = n;

	for (size_t i = 0; i < n; i++)
		if (s[i].w >= 0 && s[i].prio < max_prio && (flex_too || !s[i].flex) &&
		    (drop == n || s[i].prio <= s[drop].prio))
			drop = i;
	if (drop == n)
		return 0;
	int w = s[drop].w;
	s[drop].w = -1;
	return w;
}

/* Columns the segments still shown take: both groups, GROUP_GAP between
 * them when both have some, and the mark (" …") once any was dropped. */
static int
line_width(const struct seg *s, size_t n)
{
	int left = 0, right = 0;
	bool dropped = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i].w < 0)
			dropped = true;
		else if (s[i].right)
			right += s[i].w;
		else
			left += s[i].w;
	}
	return left + right + (left && right ? GROUP_GAP : 0) + (dropped ? 2 : 0);
}

/* Paint segments on line y, w wide.  Segments less important than the
 * flexible one go first, then the flexible one is cut (down to FLEX_MIN),
 * then the rest go by priority; a mark after the left group says some went. */
static void
draw_line(const struct paint *p, int y, int w, struct seg *s, size_t n)
{
	int total, x, left_end = 0;
	struct seg *flex = NULL;
	char cut[sizeof s[0].text];

	for (size_t i = 0; i < n; i++)
		if (s[i].flex)
			flex = &s[i];
	total = line_width(s, n);
	while (total > w && flex && drop_one(s, n, flex->prio, false))
		total = line_width(s, n);
	if (total > w && flex && flex->w > FLEX_MIN) {
		int lw = (int)text_width(flex->lead, strlen(flex->lead));
		int keep = flex->w - (total - w) > FLEX_MIN ? flex->w - (total - w) : FLEX_MIN;
		text_clip(cut, sizeof cut, flex->text, strlen(flex->text), (size_t)(keep - lw), glyph(GLYPH_ELLIPSIS, p->t->utf8));
		memcpy(flex->text, cut, sizeof cut);
		flex->w = keep;
		total = line_width(s, n);
	}
	while (total > w && drop_one(s, n, 1000, true))
		total = line_width(s, n);
	bool dropped = false;
	for (size_t i = 0; i < n; i++)
		dropped |= s[i].w < 0;
	struct rect line = { 0, y, w, 1 };
	draw_clear(p, &line, ROLE_TEXT);
	for (int pass = 0; pass < 2; pass++) {
		int rw = 0;
		for (size_t i = 0; i < n; i++)
			if (s[i].right && s[i].w >= 0)
				rw += s[i].w;
		x = pass == 0 ? 0 : w - rw;
		if (pass == 1 && x < left_end + (left_end > 0 && rw > 0 ? GROUP_GAP : 0))
			x = left_end + (left_end > 0 && rw > 0 ? GROUP_GAP : 0);
		for (size_t i = 0; i < n; i++) {
			if (s[i].w < 0 || s[i].right != (pass == 1))
				continue;
			int lw = draw_text(p, y, x, w - x, ROLE_DIM, s[i].lead);
			x += lw + draw_text(p, y, x + lw, w - x - lw, s[i].role, s[i].text);
		}
		if (pass == 0 && dropped) /* what went is marked, not silently missing */
			x += draw_text(p, y, x, w - x, ROLE_DIM, x > 0 ? " " : "") +
			     draw_text(p, y, x + (x > 0), w - x - (x > 0), ROLE_DIM, glyph(GLYPH_ELLIPSIS, p->t->utf8));
		if (pass == 0)
			left_end = x;
	}
}

/* Write the data age: tenths below 10 s, then whole units. */
static void
age_text(char *buf, size_t size, double secs)
{
	if (secs < 0)
		secs = 0;
	if (secs < 10)
		snprintf(buf, size, "%.1f s", secs);
	else
		fmt_duration(buf, size, (int64_t)secs);
}

/* How long the server's verdict stays on a short first line, by status:
 * OK goes after the source is cut and before the data age, a fault only
 * after the data age. */
static const int verdict_prio[STATUS_COUNT] = {
	[STATUS_OK] = 45, [STATUS_WARNING] = 88, [STATUS_CRITICAL] = 95,
};

/* Add the server's own verdict (when its tracking came) and its first
 * reason (the first to go); return whether there was one. */
static bool
draw_server_verdict(struct seg *s, size_t *n, const struct monitor *m, bool utf8)
{
	struct srv_verdict v = health_server_eval(&m->srv_limits, &m->srv);
	const struct status_look *l = status_look((enum status)v.status);
	char reason[sizeof s[0].text / 4], safe[sizeof s[0].text];

	if (!v.known)
		return false;
	seg_add(s, n, "  ", l->role, verdict_prio[v.status], true, false, "Server %s", l->word);
	if (v.status != STATUS_OK && !health_server_fired(&v, "clientlog-full")) {
		health_server_reason(&m->srv_limits, &m->srv, v.rule, reason, sizeof reason);
		fmt_sanitize(safe, sizeof safe, reason, strlen(reason), utf8);   /* it may name a source */
		seg_add(s, n, ": ", l->role, 32, true, false, "%s", safe);
	}
	return true;
}

/* First line: program, source, the server's verdict, clock, data age. */
static void
draw_source_line(const struct paint *p)
{
	const struct tui *t = p->t;
	const struct monitor *m = t->mon;
	struct seg s[MAX_SEGS];
	size_t n = 0;
	char age[32], clock[16], target[sizeof s[0].text];
	time_t now = time(NULL);
	struct tm tm;

	seg_add(s, &n, "", ROLE_APP, 100, false, false, APP_NAME);
	if (t->fleet->n > 1) { /* each server's own line follows */
		seg_add(s, &n, " ", ROLE_TEXT, 40, false, true, "%zu servers", t->fleet->n);
		localtime_r(&now, &tm);
		strftime(clock, sizeof clock, "%H:%M:%S", &tm);
		seg_add(s, &n, "", ROLE_DIM, 30, true, false, "%s", clock);
		draw_line(p, t->reg.header.y, t->reg.header.w, s, n);
		return;
	}
	const char *what = m->src->target;
	if (strncmp(what, APP_NAME " ", strlen(APP_NAME " ")) == 0) /* "ticctop --demo": not twice */
		what += strlen(APP_NAME " ");
	fmt_sanitize(target, sizeof target, what, strlen(what), t->utf8);
	seg_add(s, &n, " ", ROLE_TEXT, 40, false, true, "%s", target);
	if (m->src->warning) {
		/* a standing warning (--insecure): its first words, the rest is in the log */
		size_t k = strcspn(m->src->warning, ":");
		seg_add(s, &n, " ", ROLE_STALE, 95, false, false, "%s %.*s", glyph(GLYPH_ALERT, t->utf8), (int)k,
		        m->src->warning);
	}
	if (m->src->status)
		seg_add(s, &n, " ", ROLE_STALE, 96, false, false, "%s", m->src->status);
	if (m->last.server.time[0]) {
		fmt_sanitize(target, sizeof target, m->last.server.time, strlen(m->last.server.time), t->utf8);
		seg_add(s, &n, "server ", ROLE_TEXT, 45, true, false, "%s", target);
		if (m->server_clock.frozen) /* a cached or frozen /data: its clock has stopped */
			seg_add(s, &n, " ", ROLE_STALE, 85, true, false, "%s", "STOPPED");
	}
	bool verdict = draw_server_verdict(s, &n, m, t->utf8);
	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%H:%M:%S", &tm);
	seg_add(s, &n, m->last.server.time[0] ? "  here " : verdict ? "  " : "", ROLE_DIM, 30, true, false, "%s", clock);
	if (!m->have_data) {
		seg_add(s, &n, "  ", m->polls ? ROLE_STALE : ROLE_DIM, 90, true, false, "%s",
		        m->polls ? "NO DATA" : "waiting for data");
	} else {
		double a;
		bool stale = cards_data_stale(t, m, &a);
		age_text(age, sizeof age, a);
		if (stale)
			seg_add(s, &n, "  ", ROLE_STALE, 90, true, false, "STALE %s", age);
		else if (!m->src->own_times) /* a replay's header has its recorded time instead */
			seg_add(s, &n, "  ", ROLE_TEXT, 90, true, false, "updated %s ago", age);
	}
	draw_line(p, t->reg.header.y, t->reg.header.w, s, n);
}

/* How long each status count stays on a short summary line: the critical
 * count is the last to go. */
static const int status_prio[STATUS_COUNT] = {
	[STATUS_OK] = 80, [STATUS_WARNING] = 90, [STATUS_CRITICAL] = 98,
};

/* Add what came and went lately (+new, -gone) and when chronyd was seen
 * restarting (its counters all went down), by our clock. */
static void
draw_changes(struct seg *s, size_t *n, const struct monitor *m, const char *lead)
{
	struct rate_totals rt;
	char clock[16];
	struct tm tm;

	model_rate_totals(m->model, &rt);
	if (rt.new_clients)
		seg_add(s, n, lead, ROLE_MATCH, 75, false, false, "+%zu new", rt.new_clients);
	if (rt.gone_clients)
		seg_add(s, n, lead, ROLE_DIM, 74, false, false, "-%zu gone", rt.gone_clients);
	if (rt.restarted) {
		time_t when = m->data_wall + (time_t)(m->poll_time - m->data_time - (model_clock(m->model) - rt.restart_time));
		localtime_r(&when, &tm);
		strftime(clock, sizeof clock, "%H:%M:%S", &tm);
		seg_add(s, n, lead, ROLE_WARN, 88, false, false, "chronyd restarted %s", clock);
	}
}

/* Say in plain words that the client list is incomplete when chronyd
 * dropped client log records (one of the last items to go). */
static void
draw_clientlog(struct seg *s, size_t *n, const struct monitor *m, const char *lead)
{
	struct srv_verdict v = health_server_eval(&m->srv_limits, &m->srv);

	if (health_server_fired(&v, "clientlog-full"))
		seg_add(s, n, lead, ROLE_WARN, 97, false, false, "list incomplete: raise clientloglimit");
}

/* Second line: the summary over all clients, whether the list is complete, then PAUSED, filter, order, the screen shown. */
static void
draw_summary_line(const struct paint *p)
{
	const struct tui *t = p->t;
	const struct monitor *m = t->mon;
	struct seg s[MAX_SEGS];
	size_t n = 0;
	const char *sep = glyph(GLYPH_SEP, t->utf8);
	char lead[8], filter[FILTER_TEXT_MAX * 4];

	snprintf(lead, sizeof lead, " %s ", sep);
	if (!tui_have_data(t)) { /* no counts to claim yet */
		seg_add(s, &n, "", ROLE_DIM, 95, false, false, "No data yet");
	} else {
		seg_add(s, &n, "", ROLE_ADDR, 93, false, false, "Clients %zu", tui_clients(t));
		for (int st = 0; st < STATUS_COUNT; st++) {
			const struct status_look *l = status_look((enum status)st);
			seg_add(s, &n, lead, t->counts[st] ? l->role : ROLE_DIM, status_prio[st], false, false, "%s %zu",
			        l->word, t->counts[st]);
		}
		draw_changes(s, &n, m, lead);
	}
	if (!filter_is_empty(&m->view.filter))
		seg_add(s, &n, lead, ROLE_ADDR, 85, false, false, "shown %zu", tui_count(t));
	if (t->search.text_len)
		seg_add(s, &n, lead, ROLE_MATCH, 70, false, false, "found %zu", t->matches);
	if (m->paused)
		seg_add(s, &n, "  ", ROLE_PAUSED, 99, true, false, "PAUSED");
	draw_clientlog(s, &n, m, lead);
	if (!filter_is_empty(&m->view.filter)) {
		fmt_sanitize(filter, sizeof filter, t->filter_good, strlen(t->filter_good), t->utf8);
		seg_add(s, &n, "  filter: ", ROLE_INPUT, 60, true, false, "%s", filter);
	}
	seg_add(s, &n, "  sort: ", ROLE_TEXT, 50, true, false, "%s %s", sort_key_title(m->view.key),
	        glyph(sort_key_descending(m->view.key) != m->view.reverse ? GLYPH_DESC : GLYPH_ASC, t->utf8));
	seg_add(s, &n, "  ", ROLE_MENU_TITLE, 75, true, false, "[%s]", tui_screen(t)->ops->name);
	draw_line(p, t->reg.header.y + 1, t->reg.header.w, s, n);
}

/* The error banner: the source's own words, wrapped. */
static void
draw_banner(const struct paint *p)
{
	const struct rect *b = &p->t->reg.banner;
	char text[8192];
	size_t len = tui_banner(p->t, text, sizeof text), off = 0;

	draw_clear(p, b, ROLE_BANNER);
	for (int row = 0; row < b->h && off < len; row++) {
		char line[2048];
		size_t n = text_fit(text + off, len - off, (size_t)b->w, NULL);
		if (n == 0)
			break;
		for (size_t k = n; off + n < len && text[off + n] != ' ' && k-- > 1;)
			if (text[off + k] == ' ') { /* wrap at the last space, never in a word */
				n = k + 1;
				break;
			}
		if (row == b->h - 1 && off + n < len)
			text_clip(line, sizeof line, text + off, len - off, (size_t)b->w, glyph(GLYPH_ELLIPSIS, p->t->utf8));
		else
			snprintf(line, sizeof line, "%.*s", (int)n, text + off);
		draw_text(p, b->y + row, b->x, b->w, ROLE_BANNER, line);
		off += n;
	}
}

/* The header's meters, htop-style, in the order shown (layout.h: METERS
 * always wanted, the rest where a slot is free): the server's history of
 * one series as its latest value and a sparkline of the last TREND_SECONDS. */
static const struct meter {
	const char *label;
	enum trend_series series;
	const char *unit;     /* after the value; "" for a count */
	enum role role;       /* the sparkline's, while the series shows some activity */
} meters[METER_SLOTS] = {
	{ "NTP", TREND_NTP, "/s", ROLE_ADDR },
	{ "drops", TREND_DROPS, "/s", ROLE_WARN },
	{ "Cmd", TREND_CMD, "/s", ROLE_ADDR },
	{ "CRIT", TREND_CRIT, "", ROLE_CRIT },
};

#define METER_LABEL_W 5   /* the longest label */
#define METER_VALUE_W 8   /* "12.3k/s", "0.25/s", "-" */
#define METER_GAP 2       /* columns between two meters on a line */

/* Write a meter's value: "-" when unknown, else short (3 significant
 * digits below 100k, then k/M/G) and its unit. */
static void
meter_value(char *buf, size_t size, double v, const char *unit)
{
	char num[16];

	if (isnan(v))
		snprintf(num, sizeof num, "-");
	else if (*unit && v < 9.995)
		snprintf(num, sizeof num, "%.2f", v);
	else if (*unit && v < 99.95)
		snprintf(num, sizeof num, "%.1f", v);
	else
		text_count(num, sizeof num, (long long)(v + 0.5));
	snprintf(buf, size, "%s%s", num, isnan(v) ? "" : unit);
}

/* Paint meter m at (y, x), w columns: label, value, sparkline. */
static void
draw_meter(const struct paint *p, const struct meter *m, int y, int x, int w)
{
	const struct trend *tr = &p->t->mon->trend;
	double v[TREND_SECONDS];
	char value[32], line[SPARK_BYTES(METER_SPARK_MAX)];
	size_t n = trend_get(tr, m->series, v, TREND_SECONDS);
	int used = draw_text(p, y, x, w, ROLE_DIM, m->label);

	meter_value(value, sizeof value, trend_last(tr, m->series), m->unit);
	used = METER_LABEL_W + 1 + METER_VALUE_W - (int)strlen(value);
	used += draw_text(p, y, x + used, w - used, ROLE_TEXT, value) + 1;
	int cells = w - used;
	if (cells <= 0)
		return;
	if (cells > METER_SPARK_MAX)
		cells = METER_SPARK_MAX;
	spark_render(line, sizeof line, v, n, (size_t)cells, p->t->utf8 ? SPARK_BRAILLE : SPARK_ASCII, 0);
	draw_text(p, y, x + used, cells, spark_scale(v, n) > 0 ? m->role : ROLE_DIM, line);
}

/* The meters under the header's two lines, meter_cols a line. */
static void
draw_meters(const struct paint *p)
{
	const struct regions *r = &p->t->reg;
	int cols = r->meter_cols, mw = (r->meters.w - (cols - 1) * METER_GAP) / cols;

	draw_clear(p, &r->meters, ROLE_TEXT);
	for (int i = 0; i < cols * r->meters.h && i < METER_SLOTS; i++)
		draw_meter(p, &meters[i], r->meters.y + i / cols, r->meters.x + i % cols * (mw + METER_GAP), mw);
}

/* Say in s how server m stands: its error, or how old its data is. */
static void
server_state(const struct tui *t, const struct monitor *m, struct seg *s, size_t *n)
{
	char text[sizeof m->last.message * 4], age[32];
	double a;
	bool stale = cards_data_stale(t, m, &a);

	age_text(age, sizeof age, a);
	if (m->polls && m->last.err != SOURCE_OK) {
		fmt_sanitize(text, sizeof text, m->last.message, strlen(m->last.message), t->utf8);
		seg_add(s, n, "  ", ROLE_STALE, 60, false, true, "%s %s", glyph(GLYPH_ALERT, t->utf8), text);
	}
	if (!m->have_data)
		seg_add(s, n, "  ", m->polls ? ROLE_STALE : ROLE_DIM, 90, true, false, "%s",
		        m->polls ? "NO DATA" : "waiting for data");
	else if (stale)
		seg_add(s, n, "  ", ROLE_STALE, 90, true, false, "STALE %s", age);
	else if (!m->src->own_times)
		seg_add(s, n, "  ", ROLE_TEXT, 90, true, false, "updated %s ago", age);
}

/* A fleet's line for server i: selected mark, name, its clients by status,
 * its NTP requests a second (the first meter's value, once it has one), its
 * error, and how old its data is. */
static void
draw_server_line(const struct paint *p, size_t i, int y)
{
	const struct tui *t = p->t;
	const struct monitor *m = &t->fleet->mon[i];
	struct seg s[MAX_SEGS];
	size_t n = 0;
	char name[FLEET_NAME_MAX * 4], lead[8], value[32];
	double rate = trend_last(&m->trend, meters[0].series);

	snprintf(lead, sizeof lead, " %s ", glyph(GLYPH_SEP, t->utf8));
	fmt_sanitize(name, sizeof name, t->fleet->name[i], strlen(t->fleet->name[i]), t->utf8);
	seg_add(s, &n, m == t->mon ? ">" : " ", ROLE_ADDR, 100, false, false, "%s", name);
	if (m->have_data) {
		seg_add(s, &n, "  ", ROLE_TEXT, 70, false, false, "clients %zu", model_size(m->model));
		for (int st = 0; st < STATUS_COUNT; st++) {
			const struct status_look *l = status_look((enum status)st);
			size_t c = t->srv_counts[i][st];
			seg_add(s, &n, lead, c ? l->role : ROLE_DIM, status_prio[st] - 1, false, false, "%s %zu", l->word, c);
		}
	}
	if (!isnan(rate)) {
		meter_value(value, sizeof value, rate, meters[0].unit);
		seg_add(s, &n, lead, ROLE_TEXT, 65, false, false, "%s %s", meters[0].label, value);
	}
	server_state(t, m, s, &n);
	draw_line(p, y, t->reg.header.w, s, n);
}

/* A fleet's line with no room for one per server: how many there are, and
 * which fail. */
static void
draw_fleet_line(const struct paint *p, int y)
{
	const struct tui *t = p->t;
	struct seg s[MAX_SEGS];
	size_t n = 0, failing = 0;
	char names[600] = "", name[FLEET_NAME_MAX * 4];

	for (size_t i = 0, o = 0; i < t->fleet->n; i++) {
		const struct monitor *m = &t->fleet->mon[i];
		if (!m->polls || (m->last.err == SOURCE_OK && m->have_data))
			continue;
		failing++;
		fmt_sanitize(name, sizeof name, t->fleet->name[i], strlen(t->fleet->name[i]), t->utf8);
		o += (size_t)snprintf(names + o, o < sizeof names ? sizeof names - o : 0, "%s%s", o ? ", " : "", name);
		o = o < sizeof names ? o : sizeof names - 1;
	}
	seg_add(s, &n, " ", ROLE_TEXT, 100, false, false, "servers %zu", t->fleet->n);
	seg_add(s, &n, "  ", failing ? ROLE_STALE : ROLE_DIM, 95, false, false, "failing %zu", failing);
	if (failing)
		seg_add(s, &n, ": ", ROLE_STALE, 60, false, true, "%s", names);
	draw_line(p, y, t->reg.header.w, s, n);
}

/* A fleet's lines: one per server, or one for all when there is no room. */
static void
draw_servers(const struct paint *p)
{
	const struct rect *r = &p->t->reg.servers;

	if ((size_t)r->h < p->t->fleet->n)
		draw_fleet_line(p, r->y);
	else
		for (int k = 0; k < r->h; k++)
			draw_server_line(p, (size_t)k, r->y + k);
}

/* Header: source, clocks, data age, summary, order, filter, PAUSED; the
 * meters; a fleet's server lines; and the error banner. */
void
draw_header(const struct paint *p)
{
	draw_source_line(p);
	draw_summary_line(p);
	if (p->t->reg.meters.h > 0)
		draw_meters(p);
	if (p->t->reg.servers.h > 0)
		draw_servers(p);
	if (p->t->reg.banner.h > 0)
		draw_banner(p);
}
