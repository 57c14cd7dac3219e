/* parse_csv.c — `chronyc -c clients`: addr and nine numbers a line. */
#include "config.h"

#include <string.h>

#include "parse.h"

#define CSV_FIELDS (1 + FIELD_COUNT)

/* Parse one CSV line into r; returns LINE_OK or why it is not a row. */
enum line_err
parse_csv_line(const char *line, size_t len, struct row *r)
{
	const char *tok[CSV_FIELDS];
	size_t tlen[CSV_FIELDS];
	size_t n = 0, start = 0;
	enum line_err e;

	if (memchr(line, '\0', len))
		return LINE_NUL;
	memset(r, 0, sizeof *r);
	const char *comma = memchr(line, ',', len);
	if (comma && comma > line && parse_csv_values(comma + 1, line + len, &r->s)) {
		r->addr = line;
		r->len = (size_t)(comma - line);
		return LINE_OK;
	}
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != ',')
			continue;
		if (n == CSV_FIELDS)
			return LINE_FIELD_COUNT;
		tok[n] = line + start;
		tlen[n++] = i - start;
		start = i + 1;
	}
	if (n != CSV_FIELDS)
		return LINE_FIELD_COUNT;
	if (tlen[0] == 0)
		return LINE_BAD_ADDRESS;
	memset(r, 0, sizeof *r);
	r->addr = tok[0];
	r->len = tlen[0];
	for (int f = 0; f < FIELD_COUNT; f++)
		if ((e = parse_value((enum field)f, FORM_CSV, tok[f + 1], tlen[f + 1], &r->s)) != LINE_OK)
			return e;
	return LINE_OK;
}

/* Parse `chronyc -c clients` output: 10 comma-separated fields a line. */
enum parse_err
parse_csv(const char *buf, size_t len, row_sink sink, void *ctx, struct parse_report *rep)
{
	memset(rep, 0, sizeof *rep);
	return parse_rows(buf, len, 0, 0, parse_csv_line, sink, ctx, rep);
}
