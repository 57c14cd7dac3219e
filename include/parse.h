/* parse.h — bytes of chronyc's `clients` report in, client rows out.
 *
 * Contract: every parser is pure (no I/O, no globals), reads exactly `len`
 * bytes (NULs included; no terminator needed), hands each good row to a sink
 * and never stops at a bad line: a line that is not a row is skipped, counted
 * in the report, and the first one is described so the user can be told.
 * A parse fails as a whole only when the input is not the expected kind of
 * document at all (closed enum parse_err). */
#ifndef TICCTOP_PARSE_H
#define TICCTOP_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "row.h"
#include "sample.h"

/* Bytes an address may have: more than any DNS name, so not a client. */
#define PARSE_ADDR_MAX 255

/* Why a line was skipped. */
enum line_err {
	LINE_OK,
	LINE_FIELD_COUNT,     /* wrong number of fields */
	LINE_BAD_NUMBER,      /* a field is not a number of its kind */
	LINE_OUT_OF_RANGE,    /* a number beyond what chronyc can report */
	LINE_BAD_ADDRESS,     /* empty address, or longer than PARSE_ADDR_MAX */
	LINE_NUL,             /* a NUL byte inside the line */
	LINE_BAD_TYPE,        /* JSON: an entry or value of the wrong type */
	LINE_MISSING,         /* JSON: an entry lacks a field */
	LINE_ERR_COUNT
};

/* Why a whole parse failed. */
enum parse_err {
	PARSE_OK,
	PARSE_ERR_NO_HEADER,  /* plain table without chronyc's header and rule */
	PARSE_ERR_NO_ROWS,    /* lines came, none of them a client row */
	PARSE_ERR_NOMEM,      /* the sink refused a row */
	PARSE_ERR_JSON,       /* not JSON at all, or broken JSON */
	PARSE_ERR_SCHEMA,     /* JSON, but not the shape of a /data answer */
	PARSE_ERR_COUNT
};

/* What a parse saw, for the user. */
struct parse_report {
	size_t rows;           /* rows handed to the sink */
	size_t skipped;        /* lines that were not rows */
	size_t bad_line;       /* first skipped line, 1-based; 0 = none */
	bool entries;          /* bad_line counts JSON array entries, not lines */
	enum line_err bad_why; /* why that line was skipped */
	char detail[200];      /* whole-parse failure: what was expected, what came */
};

/* How a value is spelled: chronyc -c (127 and 4294967295 mean none) or the
 * plain table and TICC-DASH ('-' means none, Last may end in m/h/d/y). */
enum value_form { FORM_CSV, FORM_TABLE };

/* Parse one field's text into s; returns LINE_OK or why it is not a value. */
enum line_err parse_value(enum field f, enum value_form form, const char *tok, size_t len,
                          struct sample *s);

/* Store number v for field f as chronyc -c would print it (the sources
 * that read chronyd's numbers themselves): a value chronyd can report is
 * known, anything else (127: no interval, 2^32-1: never) stays unknown. */
void parse_number(enum field f, int64_t v, struct sample *s);

/* Read chronyc -c's nine values p[0..end) (after the address's comma) into
 * s the quick way: true when every one is plain (at most 10 digits, in
 * range) and nothing else is there; false leaves the line to parse_value,
 * which says what is wrong.  What it accepts, parse_value reads the same. */
bool parse_csv_values(const char *p, const char *end, struct sample *s);

/* Parse `chronyc -c clients` output: 10 comma-separated fields a line. */
enum parse_err parse_csv(const char *buf, size_t len, row_sink sink, void *ctx,
                         struct parse_report *rep);

/* Parse `chronyc clients` plain output: header, '=' rule, aligned rows. */
enum parse_err parse_table(const char *buf, size_t len, row_sink sink, void *ctx,
                           struct parse_report *rep);

/* Return whether v is a value of kind k that a parser hands over (a
 * recording's rows are held to the same rules as a live answer's). */
bool parse_value_ok(enum field_kind k, int64_t v);

/* Return whether chronyc cut this name (25 chars ending in '>'): such rows never merge. */
bool parse_name_cut(const char *addr, size_t len);

/* Step over the input a line at a time: return the next line of buf from
 * *pos (without its "\n" or "\r\n") and advance *pos; false at the end. */
bool parse_next_line(const char *buf, size_t len, size_t *pos, const char **line, size_t *llen);

/* Count line `lineno` as skipped for reason e (keeping the first reason). */
void parse_skip(struct parse_report *rep, size_t lineno, enum line_err e);

/* Turns one line into a row, or says why it is not one. */
typedef enum line_err (*line_parser)(const char *line, size_t len, struct row *r);

/* Parse line number lineno with fn and hand the row to sink, or count the
 * line as skipped (an address over PARSE_ADDR_MAX bytes too); false only
 * when the sink refused the row. */
bool parse_row(const char *line, size_t llen, size_t lineno, line_parser fn, row_sink sink, void *ctx,
               struct parse_report *rep);

/* One line of `chronyc -c clients` (10 fields) as a row, or why it is not one. */
enum line_err parse_csv_line(const char *line, size_t len, struct row *r);

/* Parse the lines of buf from *pos (line numbers after lineno) with fn,
 * handing rows to sink and counting the rest in rep (rows with an address
 * over PARSE_ADDR_MAX bytes among them); blank lines are passed over.
 * Fails only when no line was a row, or the sink refused. */
enum parse_err parse_rows(const char *buf, size_t len, size_t pos, size_t lineno, line_parser fn,
                          row_sink sink, void *ctx, struct parse_report *rep);

/* Describe a line error in a few words ("field is not a number"). */
const char *line_err_text(enum line_err e);

/* Describe a parse failure in a few words. */
const char *parse_err_text(enum parse_err e);

/* Write a one-line account of rep for people: the failure with its detail,
 * or "N lines skipped (first: line L, why)"; empty when all was well. */
void parse_report_text(const struct parse_report *rep, enum parse_err err, char *buf, size_t size);

#endif
