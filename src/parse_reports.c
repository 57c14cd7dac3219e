/* parse_reports.c — chronyc -m's several CSV answers, told apart by shape. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse_reports.h"

#define MAX_TOKENS 40        /* more than any report has: a longer line is none of them */
#define REAL_DIGITS 19       /* digits a real may have: its mantissa fits a uint64 */
#define REAL_DECIMALS 22     /* decimals a real may have: 10^22 is exact as a double */

/* Where the run is: each report in the order chronyc prints them. */
enum stage { ST_TRACKING, ST_SERVERSTATS, ST_ACTIVITY, ST_SOURCES, ST_SOURCESTATS, ST_CLIENTS, ST_NTPDATA, ST_END };

/* The commands of a run, in its order (ntpdata, when wanted, goes after
 * clients: a failing command ends the run, and it must not cost the clients). */
static const char *const commands[] = { "tracking", "serverstats", "activity", "sources", "sourcestats", "clients" };

/* Widths of serverstats by chrony version: 3.x, 4.0-4.1, 4.2-4.3, 4.4-. */
static const int serverstats_widths[] = { 5, 8, 11, 17 };

/* A line cut at its commas. */
struct tokens {
	size_t n;                    /* fields; MAX_TOKENS + 1 when there were more */
	const char *t[MAX_TOKENS];
	size_t len[MAX_TOKENS];
};

/* The i-th command of the run; NULL past the last. */
const char *
reports_command(size_t i)
{
	return i < sizeof commands / sizeof commands[0] ? commands[i] : NULL;
}

/* Cut line at its commas into tk. */
static void
split(const char *line, size_t len, struct tokens *tk)
{
	size_t start = 0;

	tk->n = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != ',')
			continue;
		if (tk->n == MAX_TOKENS) {
			tk->n = MAX_TOKENS + 1;
			return;
		}
		tk->t[tk->n] = line + start;
		tk->len[tk->n++] = i - start;
		start = i + 1;
	}
}

/* Return whether t[0..len) is 1..max characters all from set. */
static bool
all_of(const char *t, size_t len, size_t max, const char *set)
{
	if (len == 0 || len > max)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!strchr(set, t[i]) || t[i] == '\0')
			return false;
	return true;
}

/* Read t[0..len) of base-digit characters (base 2, 8, 10 or 16) into *v;
 * LINE_BAD_NUMBER when there is anything else, LINE_OUT_OF_RANGE past UINT64_MAX. */
static enum line_err
read_unsigned(const char *t, size_t len, unsigned base, uint64_t *v)
{
	bool over = false;

	*v = 0;
	if (len == 0)
		return LINE_BAD_NUMBER;
	for (size_t i = 0; i < len; i++) {
		unsigned d;
		char c = t[i];
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return LINE_BAD_NUMBER;
		if (d >= base)
			return LINE_BAD_NUMBER;
		if (*v > (UINT64_MAX - d) / base)
			over = true; /* keep scanning: it must still be all digits */
		else
			*v = *v * base + d;
	}
	return over ? LINE_OUT_OF_RANGE : LINE_OK;
}

/* Read a decimal real ("-0.000002464", "2.0", "177") without the locale:
 * an optional sign, digits, optionally '.' and digits; no exponent. */
static enum line_err
read_real(const char *t, size_t len, double *out)
{
	static const double pow10[REAL_DECIMALS + 1] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		                                         1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	size_t i = 0, digits = 0, decimals = 0;
	bool neg = false, point = false;
	uint64_t m = 0;

	if (len > 0 && (t[0] == '-' || t[0] == '+')) {
		neg = t[0] == '-';
		i = 1;
	}
	for (; i < len; i++) {
		if (t[i] == '.' && !point && digits > 0) {
			point = true;
			continue;
		}
		if (t[i] < '0' || t[i] > '9')
			return LINE_BAD_NUMBER;
		if (m == 0 && t[i] == '0' && !point) {
			digits++; /* leading zeros cost nothing */
			continue;
		}
		if (++digits > REAL_DIGITS || (point && decimals >= REAL_DECIMALS))
			return LINE_OUT_OF_RANGE;
		m = m * 10 + (uint64_t)(t[i] - '0');
		decimals += point;
	}
	if (digits == 0 || (point && t[len - 1] == '.'))
		return LINE_BAD_NUMBER;
	*out = (neg ? -(double)m : (double)m) / pow10[decimals];
	return LINE_OK;
}

/* Return the index of t[0..len) among words, or -1. */
static int
word_index(const char *const *words, const char *t, size_t len)
{
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == len && memcmp(words[i], t, len) == 0)
			return i;
	return -1;
}

/* Parse one token t[0..len) as field fi into v; LINE_OK or why not. */
enum line_err
reports_token(const struct srv_field *fi, const char *t, size_t len, struct srv_value *v)
{
	static const struct { unsigned base; size_t max; } digits[] = {
		[SK_COUNT] = { 10, 20 }, [SK_HEX] = { 16, 8 }, [SK_OCTAL] = { 8, 3 }, [SK_BITS] = { 2, 8 },
	};
	enum line_err e;
	uint64_t u;
	int w;

	memset(v, 0, sizeof *v);
	if (len >= SRV_TEXT_MAX)
		return fi->kind == SK_TEXT ? LINE_BAD_ADDRESS : LINE_OUT_OF_RANGE;
	memcpy(v->text, t, len);
	switch (fi->kind) {
	case SK_TEXT:
		v->known = len > 0;
		return LINE_OK;
	case SK_REAL:
		if ((e = read_real(t, len, &v->num)) != LINE_OK)
			return e;
		break;
	case SK_INT:
		if (len > 7)
			return LINE_OUT_OF_RANGE;
		if ((e = read_unsigned(t + (len && t[0] == '-'), len - (len && t[0] == '-'), 10, &u)) != LINE_OK)
			return e;
		v->num = t[0] == '-' ? -(double)u : (double)u;
		break;
	case SK_WORD:
	case SK_BOOL:
		w = word_index(fi->kind == SK_BOOL ? (const char *const[]){ "No", "Yes", NULL } : fi->words, t, len);
		if (w < 0)
			return LINE_BAD_TYPE;
		v->count = (uint64_t)w;
		v->num = w;
		break;
	default: /* the unsigned kinds, by digits[] */
		if (len > digits[fi->kind].max)
			return LINE_OUT_OF_RANGE;
		if ((e = read_unsigned(t, len, digits[fi->kind].base, &v->count)) != LINE_OK)
			return e;
		if (fi->u32_none && v->count == UINT32_MAX)
			return LINE_OK; /* chronyc's "-" */
		if ((fi->kind == SK_OCTAL && v->count > 0377) || v->count > INT64_MAX)
			return LINE_OUT_OF_RANGE; /* counts stop at int64 as the clients' do: JSON readers' limit */
		v->num = (double)v->count;
		break;
	}
	v->known = true;
	return LINE_OK;
}

/* Parse fields [from, to) of report r from tk into vals; columns beyond
 * tk's fields stay unknown. */
static enum line_err
parse_fields(enum srv_report r, int from, int to, const struct tokens *tk, struct srv_value *vals)
{
	enum line_err e;

	for (int f = from; f < to; f++) {
		const struct srv_field *fi = srv_field(r, f);
		if ((size_t)fi->column >= tk->n) {
			memset(&vals[f], 0, sizeof vals[f]);
			continue;
		}
		if ((e = reports_token(fi, tk->t[fi->column], tk->len[fi->column], &vals[f])) != LINE_OK)
			return e;
	}
	return LINE_OK;
}

/* Return whether tk's fields are all plain decimal counts. */
static bool
all_counts(const struct tokens *tk)
{
	for (size_t i = 0; i < tk->n; i++)
		if (!all_of(tk->t[i], tk->len[i], 20, "0123456789"))
			return false;
	return true;
}

/* Return whether a line cut into tk has the shape of stage st's lines. */
static bool
fits(enum stage st, const struct tokens *tk)
{
	switch (st) {
	case ST_TRACKING:
		return tk->n == 14;
	case ST_SERVERSTATS:
		for (size_t i = 0; i < sizeof serverstats_widths / sizeof serverstats_widths[0]; i++)
			if (tk->n == (size_t)serverstats_widths[i])
				return all_counts(tk);
		return false;
	case ST_ACTIVITY:
		return tk->n == ACT_COUNT && all_counts(tk);
	case ST_SOURCES:
		return tk->n == 10 && tk->len[0] == 1 && tk->len[1] == 1 && strchr("^=#", tk->t[0][0]) &&
		       strchr("*+-?x~", tk->t[1][0]) && tk->t[0][0] && tk->t[1][0];
	case ST_SOURCESTATS:
		return tk->n == 8;
	case ST_CLIENTS:
		return tk->n == 10;
	case ST_NTPDATA:
		return tk->n == 34 || tk->n == NTP_COUNT;
	default:
		return false;
	}
}

/* The source of sd named t[0..len), or NULL. */
static struct srv_source *
find_source(struct server_data *sd, const char *t, size_t len)
{
	for (size_t i = 0; i < sd->nsources; i++) {
		const char *a = sd->sources[i].v[SRC_ADDRESS].text;
		if (strlen(a) == len && memcmp(a, t, len) == 0)
			return &sd->sources[i];
	}
	return NULL;
}

/* Read a sources line into a new source of sd. */
static enum line_err
take_source(struct server_data *sd, const struct tokens *tk)
{
	struct srv_source s;
	enum line_err e = parse_fields(SRV_SOURCES, 0, SRC_FIRST_STATS, tk, s.v);

	if (e != LINE_OK)
		return e;
	if (!s.v[SRC_ADDRESS].known)
		return LINE_BAD_ADDRESS;
	for (int f = SRC_FIRST_STATS; f < SRC_COUNT; f++)
		memset(&s.v[f], 0, sizeof s.v[f]);
	if (sd->nsources == SRV_SOURCES_MAX)
		sd->sources_dropped++;
	else
		sd->sources[sd->nsources++] = s;
	return LINE_OK;
}

/* Read a sourcestats line into the source of sd it names (not there and
 * none dropped: the line is bad). */
static enum line_err
take_sourcestats(struct server_data *sd, const struct tokens *tk)
{
	struct srv_source *s = find_source(sd, tk->t[0], tk->len[0]);
	struct srv_source tmp;
	enum line_err e;

	if (!s && sd->sources_dropped == 0)
		return LINE_MISSING;
	if ((e = parse_fields(SRV_SOURCES, SRC_FIRST_STATS, SRC_COUNT, tk, tmp.v)) != LINE_OK || !s)
		return e;
	memcpy(&s->v[SRC_FIRST_STATS], &tmp.v[SRC_FIRST_STATS], (SRC_COUNT - SRC_FIRST_STATS) * sizeof tmp.v[0]);
	return LINE_OK;
}

/* Read the line of stage st (not clients) into sd. */
static enum line_err
take(struct server_data *sd, enum stage st, const struct tokens *tk)
{
	static const enum srv_report of[] = {
		[ST_TRACKING] = SRV_TRACKING, [ST_SERVERSTATS] = SRV_SERVERSTATS, [ST_ACTIVITY] = SRV_ACTIVITY,
		[ST_SOURCES] = SRV_SOURCES, [ST_SOURCESTATS] = SRV_SOURCESTATS, [ST_NTPDATA] = SRV_NTPDATA,
	};
	struct srv_value *vals[] = {
		[ST_TRACKING] = sd->tracking.v, [ST_SERVERSTATS] = sd->serverstats.v,
		[ST_ACTIVITY] = sd->activity.v, [ST_NTPDATA] = sd->ntpdata.v,
	};
	enum line_err e;

	if (st == ST_SOURCES)
		e = take_source(sd, tk);
	else if (st == ST_SOURCESTATS)
		e = take_sourcestats(sd, tk);
	else
		e = parse_fields(of[st], 0, srv_field_count(of[st]), tk, vals[st]);
	if (e == LINE_OK) {
		sd->have[of[st]] = true;
		sd->avail = SRV_AVAIL_LOCAL;
	} else if (st != ST_SOURCES && st != ST_SOURCESTATS) {
		memset(vals[st], 0, (size_t)srv_field_count(of[st]) * sizeof vals[st][0]);
	}
	return e;
}

/* Parse one run's output: client rows to sink, the server's reports into *sd. */
enum parse_err
parse_reports(const char *buf, size_t len, row_sink sink, void *ctx, struct server_data *sd,
              struct parse_report *rep)
{
	enum stage cur = ST_TRACKING;
	size_t pos = 0, llen, lineno = 0;
	const char *line;
	struct tokens tk;

	memset(rep, 0, sizeof *rep);
	server_data_clear(sd);
	while (parse_next_line(buf, len, &pos, &line, &llen)) {
		enum stage st = cur;
		lineno++;
		if (llen == 0)
			continue;
		if (memchr(line, '\0', llen)) {
			parse_skip(rep, lineno, LINE_NUL);
			continue;
		}
		split(line, llen, &tk);
		while (st < ST_END && !fits(st, &tk))
			st++;
		if (st == ST_END) { /* none of them: among the clients as ever, else a line out of place */
			parse_skip(rep, lineno, LINE_FIELD_COUNT);
			continue;
		}
		cur = st <= ST_ACTIVITY || st == ST_NTPDATA ? st + 1 : st; /* one line each, or rows */
		if (st == ST_CLIENTS) {
			if (!parse_row(line, llen, lineno, parse_csv_line, sink, ctx, rep))
				return PARSE_ERR_NOMEM;
			continue;
		}
		enum line_err e = take(sd, st, &tk);
		if (e != LINE_OK)
			parse_skip(rep, lineno, e);
	}
	if (sd->sources_dropped)
		snprintf(sd->note, sizeof sd->note, "%zu sources more than the %d kept", sd->sources_dropped,
		         SRV_SOURCES_MAX);
	return rep->rows == 0 && rep->skipped > 0 && sd->avail == SRV_AVAIL_NONE ? PARSE_ERR_NO_ROWS : PARSE_OK;
}
