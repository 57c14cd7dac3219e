/* parse_table.c — `chronyc clients` as people read it: header, rule, rows. */
#include "config.h"

#include <string.h>

#include "parse.h"

/* Return whether c is white space between table columns. */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Return whether line is chronyc's clients header ("Hostname  NTP  Drop ..."). */
static bool
is_header(const char *line, size_t len)
{
	static const char word[] = "Hostname";
	return len >= sizeof word - 1 && memcmp(line, word, sizeof word - 1) == 0;
}

/* Return whether line is the rule of '=' under the header. */
static bool
is_rule(const char *line, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (line[i] != '=')
			return false;
	return true;
}

/* Parse one table line into r: the last nine words are the values, what
 * stands before them is the name.  Returns LINE_OK or why it is not a row. */
static enum line_err
table_line(const char *line, size_t len, struct row *r)
{
	size_t end = len, wstart[FIELD_COUNT], wlen[FIELD_COUNT];
	enum line_err e;

	if (memchr(line, '\0', len))
		return LINE_NUL;
	for (int f = FIELD_COUNT - 1; f >= 0; f--) {
		while (end > 0 && is_blank(line[end - 1]))
			end--;
		size_t start = end;
		while (start > 0 && !is_blank(line[start - 1]))
			start--;
		if (start == end)
			return LINE_FIELD_COUNT;
		wstart[f] = start;
		wlen[f] = end - start;
		end = start;
	}
	while (end > 0 && is_blank(line[end - 1]))
		end--;
	size_t a = 0;
	while (a < end && is_blank(line[a]))
		a++;
	if (a == end)
		return LINE_FIELD_COUNT;
	memset(r, 0, sizeof *r);
	r->addr = line + a;
	r->len = end - a;
	r->truncated = parse_name_cut(r->addr, r->len);
	for (int f = 0; f < FIELD_COUNT; f++)
		if ((e = parse_value((enum field)f, FORM_TABLE, line + wstart[f], wlen[f], &r->s)) != LINE_OK)
			return e;
	return LINE_OK;
}

/* Parse `chronyc clients` plain output: header, '=' rule, aligned rows. */
enum parse_err
parse_table(const char *buf, size_t len, row_sink sink, void *ctx, struct parse_report *rep)
{
	size_t pos = 0, lineno = 0, llen;
	const char *line;

	memset(rep, 0, sizeof *rep);
	do { /* the header, after any blank lines */
		if (!parse_next_line(buf, len, &pos, &line, &llen) || (++lineno, llen && !is_header(line, llen))) {
			strcpy(rep->detail, "expected a line starting with \"Hostname\"");
			return PARSE_ERR_NO_HEADER;
		}
	} while (llen == 0);
	if (!parse_next_line(buf, len, &pos, &line, &llen) || !is_rule(line, llen)) {
		strcpy(rep->detail, "expected a line of '=' under the header");
		return PARSE_ERR_NO_HEADER;
	}
	return parse_rows(buf, len, pos, lineno + 1, table_line, sink, ctx, rep);
}
