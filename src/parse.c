/* parse.c — what the client parsers share: values, lines, reports. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "parse.h"

#define CSV_NO_INTERVAL 127
#define CSV_NEVER 4294967295LL
#define MAX_COUNT 4294967295LL   /* chronyc's counters are 32-bit */
#define NAME_WIDTH 25            /* chronyc cuts longer names to 24 chars + '>' */
#define FAST_DIGITS 10           /* longer numbers are left to the careful path */

/* What each kind of value may be: a sign, its range (beyond it the line is
 * not a row), the part of it chronyd can produce (the rest reads as unknown:
 * chronyd keeps an interval as a signed byte of quarter log2 steps, so
 * |interval| <= 32 or 127 for none), and chronyc -c's spelling of "none"
 * (outside the range for counts: never none). */
static const struct {
	bool sign;
	int64_t min, max;
	int64_t lo, hi;
	int64_t csv_none;
} kind_rules[] = {
	[KIND_COUNT] = { false, 0, MAX_COUNT, 0, MAX_COUNT, -1 },
	[KIND_LOG2] = { true, -128, 127, -32, 32, CSV_NO_INTERVAL },
	[KIND_SECONDS] = { false, 0, MAX_COUNT, 0, MAX_COUNT, CSV_NEVER },
};

/* Return whether v of kind k, spelt in form, is a value chronyd can report (else it stays unknown). */
static bool
plausible(enum field_kind k, enum value_form form, int64_t v)
{
	return v >= kind_rules[k].lo && v <= kind_rules[k].hi && !(form == FORM_CSV && v == kind_rules[k].csv_none);
}

/* Return whether v is a value of kind k that a parser hands over. */
bool
parse_value_ok(enum field_kind k, int64_t v)
{
	return v >= kind_rules[k].lo && v <= kind_rules[k].hi;
}

static const char *const line_err_texts[LINE_ERR_COUNT] = {
	[LINE_OK]           = "ok",
	[LINE_FIELD_COUNT]  = "wrong number of fields",
	[LINE_BAD_NUMBER]   = "a field is not a number",
	[LINE_OUT_OF_RANGE] = "a number is out of range",
	[LINE_BAD_ADDRESS]  = "no address, or one over 255 bytes",
	[LINE_NUL]          = "a NUL byte in the line",
	[LINE_BAD_TYPE]     = "a value has the wrong JSON type",
	[LINE_MISSING]      = "a field is missing",
};

static const char *const parse_err_texts[PARSE_ERR_COUNT] = {
	[PARSE_OK]            = "ok",
	[PARSE_ERR_NO_HEADER] = "not a chronyc clients table (no header line)",
	[PARSE_ERR_NO_ROWS]   = "no line is a client row",
	[PARSE_ERR_NOMEM]     = "out of memory",
	[PARSE_ERR_JSON]      = "not valid JSON",
	[PARSE_ERR_SCHEMA]    = "not a TICC-DASH /data answer",
};

/* Describe a line error in a few words. */
const char *
line_err_text(enum line_err e)
{
	return line_err_texts[e];
}

/* Describe a parse failure in a few words. */
const char *
parse_err_text(enum parse_err e)
{
	return parse_err_texts[e];
}

/* Read an optionally signed decimal of at most 19 digits; false if it is not one. */
static bool
read_decimal(const char *t, size_t len, bool allow_sign, int64_t *out, bool *overflow)
{
	size_t i = 0;
	bool neg = false;
	uint64_t v = 0;

	*overflow = false;
	if (allow_sign && len > 0 && t[0] == '-') {
		neg = true;
		i = 1;
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		if (t[i] < '0' || t[i] > '9')
			return false;
		uint64_t d = (uint64_t)(t[i] - '0');
		if (v >= (uint64_t)INT64_MAX / 10 && v > ((uint64_t)INT64_MAX - d) / 10)
			*overflow = true; /* keep scanning: it must still be all digits */
		else
			v = v * 10 + d;
	}
	*out = neg ? -(int64_t)v : (int64_t)v;
	return true;
}

/* Return the seconds one unit of chronyc's Last suffix stands for, 0 if none. */
static int64_t
suffix_seconds(char c)
{
	static const struct { char c; int64_t s; } units[] = {
		{ 'm', 60 }, { 'h', 3600 }, { 'd', 86400 }, { 'y', 365 * 86400 },
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (units[i].c == c)
			return units[i].s;
	return 0;
}

/* Parse one field's text into s; returns LINE_OK or why it is not a value. */
enum line_err
parse_value(enum field f, enum value_form form, const char *tok, size_t len, struct sample *s)
{
	enum field_kind kind = field_info(f)->kind;
	int64_t v, unit = 1;
	bool overflow;

	if (form == FORM_TABLE && len == 1 && tok[0] == '-')
		return LINE_OK; /* stays unknown */
	if (form == FORM_TABLE && kind == KIND_SECONDS && len > 1 && suffix_seconds(tok[len - 1])) {
		unit = suffix_seconds(tok[len - 1]);
		len--;
	}
	if (!read_decimal(tok, len, kind_rules[kind].sign, &v, &overflow))
		return LINE_BAD_NUMBER;
	if (overflow || v < kind_rules[kind].min || v > kind_rules[kind].max)
		return LINE_OUT_OF_RANGE;
	if (!plausible(kind, form, v))
		return LINE_OK; /* stays unknown */
	sample_set(s, f, v * unit);
	return LINE_OK;
}

/* Store number v for field f as chronyc -c would print it. */
void
parse_number(enum field f, int64_t v, struct sample *s)
{
	enum field_kind kind = field_info(f)->kind;

	if (v >= kind_rules[kind].min && v <= kind_rules[kind].max && plausible(kind, FORM_CSV, v))
		sample_set(s, f, v);
}

/* Read chronyc -c's values p[0..end) the quick way: true when all are plain
 * (at most FAST_DIGITS digits, in range, comma-separated, nothing after). */
bool
parse_csv_values(const char *p, const char *end, struct sample *s)
{
	for (int f = 0; f < FIELD_COUNT; f++) {
		enum field_kind kind = field_info((enum field)f)->kind;
		bool neg = kind_rules[kind].sign && p < end && *p == '-';
		int64_t v = 0;

		if (neg)
			p++;
		const char *digits = p;
		while (p < end && *p >= '0' && *p <= '9' && p - digits < FAST_DIGITS)
			v = v * 10 + (*p++ - '0');
		bool last = f == FIELD_COUNT - 1;
		if (p == digits || (last ? p != end : p == end || *p != ','))
			return false;
		p += !last; /* over the comma */
		v = neg ? -v : v;
		if (v < kind_rules[kind].min || v > kind_rules[kind].max)
			return false;
		if (plausible(kind, FORM_CSV, v))
			sample_set(s, (enum field)f, v);
	}
	return true;
}

/* Return whether chronyc cut this name. */
bool
parse_name_cut(const char *addr, size_t len)
{
	return len == NAME_WIDTH && addr[len - 1] == '>';
}

/* Return the next line of buf from *pos, without its line ending. */
bool
parse_next_line(const char *buf, size_t len, size_t *pos, const char **line, size_t *llen)
{
	const char *nl;
	size_t n;

	if (*pos >= len)
		return false;
	*line = buf + *pos;
	nl = memchr(*line, '\n', len - *pos);
	n = nl ? (size_t)(nl - *line) : len - *pos;
	*pos += n + (nl != NULL);
	if (n > 0 && (*line)[n - 1] == '\r')
		n--;
	*llen = n;
	return true;
}

/* Count line `lineno` as skipped for reason e (keeping the first reason). */
void
parse_skip(struct parse_report *rep, size_t lineno, enum line_err e)
{
	if (rep->skipped++ == 0) {
		rep->bad_line = lineno;
		rep->bad_why = e;
	}
}

/* Parse line number lineno with fn and hand the row to sink, or count the
 * line as skipped; false only when the sink refused the row. */
bool
parse_row(const char *line, size_t llen, size_t lineno, line_parser fn, row_sink sink, void *ctx,
          struct parse_report *rep)
{
	struct row r;
	enum line_err e;

	if ((e = fn(line, llen, &r)) == LINE_OK && r.len > PARSE_ADDR_MAX)
		e = LINE_BAD_ADDRESS;
	if (e != LINE_OK) {
		parse_skip(rep, lineno, e);
		return true;
	}
	if (!sink(ctx, &r))
		return false;
	rep->rows++;
	return true;
}

/* Parse the lines of buf from pos with fn, handing rows to sink. */
enum parse_err
parse_rows(const char *buf, size_t len, size_t pos, size_t lineno, line_parser fn,
           row_sink sink, void *ctx, struct parse_report *rep)
{
	const char *line;
	size_t llen;

	while (parse_next_line(buf, len, &pos, &line, &llen)) {
		lineno++;
		if (llen > 0 && !parse_row(line, llen, lineno, fn, sink, ctx, rep))
			return PARSE_ERR_NOMEM;
	}
	return rep->rows == 0 && rep->skipped > 0 ? PARSE_ERR_NO_ROWS : PARSE_OK;
}

/* Write a one-line account of rep for people. */
void
parse_report_text(const struct parse_report *rep, enum parse_err err, char *buf, size_t size)
{
	if (err != PARSE_OK)
		snprintf(buf, size, "%s%s%s", parse_err_text(err), rep->detail[0] ? ": " : "", rep->detail);
	else if (rep->skipped)
		snprintf(buf, size, "%zu %s skipped (first: %s %zu, %s)", rep->skipped,
		         rep->entries ? (rep->skipped == 1 ? "entry" : "entries") : (rep->skipped == 1 ? "line" : "lines"),
		         rep->entries ? "entry" : "line", rep->bad_line, line_err_text(rep->bad_why));
	else if (size)
		buf[0] = '\0';
}
