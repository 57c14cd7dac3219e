/* check_hostile.c — the parsers against input built to hurt them: lines of
 * megabytes, NUL bytes, missing and extra fields, numbers negative or past
 * 2^64, CRLF, no final newline, nothing at all, a million lines.  Each case
 * must end in a clear error or a count of skipped lines the user is told
 * about (parse_report_text), never a crash and never a wrong number.  And
 * the state file's reader on megabytes of escapes. */
#include "config.h"

#include "rowcheck.h"
#include "state.h"
#include "unit.h"

#define BIG (4u << 20)          /* a line of megabytes */
#define MILLION 1000000u
#define GOOD_CSV "127.0.0.1,5,1,-2,127,15,0,0,127,4294967295"
#define GOOD_TABLE "127.0.0.1                  5      1  -2   -    15     0      0   -     -"
#define HEADER "Hostname                      NTP   Drop Int IntL Last     Cmd   Drop Int  Last\n" \
               "===============================================================================\n"

/* What every accepted row must look like, whatever the input was. */
static struct {
	size_t rows;
	bool bad;              /* a row broke an invariant */
	char why[160];
} seen;

/* A row_sink that checks each row against what a client row can be. */
static bool
check_row(void *ctx, const struct row *r)
{
	char why[128];

	(void)ctx;
	seen.rows++;
	if (!row_valid(r, why, sizeof why)) {
		seen.bad = true;
		snprintf(seen.why, sizeof seen.why, "row %zu: %s", seen.rows, why);
	}
	return true;
}

/* Input built at run time, with its length. */
struct input {
	char *buf;
	size_t len;
};

/* Make an input of n copies of line (with '\n' after each). */
static struct input
repeat(const char *line, size_t n)
{
	size_t l = strlen(line);
	struct input in = { malloc(n * (l + 1) + 1), n * (l + 1) };
	ck_assert_ptr_nonnull(in.buf);
	for (size_t i = 0; i < n; i++) {
		memcpy(in.buf + i * (l + 1), line, l);
		in.buf[i * (l + 1) + l] = '\n';
	}
	return in;
}

/* Make an input: head, then n bytes of fill, then tail. */
static struct input
padded(const char *head, char fill, size_t n, const char *tail)
{
	size_t h = strlen(head), t = strlen(tail);
	struct input in = { malloc(h + n + t + 1), h + n + t };
	ck_assert_ptr_nonnull(in.buf);
	memcpy(in.buf, head, h);
	memset(in.buf + h, fill, n);
	memcpy(in.buf + h + n, tail, t);
	return in;
}

/* Builders for the inputs too big or too binary to write as literals. */
static struct input big_address(void) { return padded("", 'a', BIG, ",1,0,-2,127,15,0,0,127,1\n" GOOD_CSV "\n"); }
static struct input big_number(void) { return padded("h,", '9', BIG, ",0,-2,127,15,0,0,127,1\n" GOOD_CSV "\n"); }
static struct input big_commas(void) { return padded(GOOD_CSV "\n", ',', BIG, "\n"); }
static struct input big_zeros(void) { return padded("h,", '0', BIG, "7,0,-2,127,15,0,0,127,1\n"); }
static struct input big_nuls(void) { return padded(GOOD_CSV "\n", '\0', BIG, "\n"); }
static struct input big_blank(void) { return padded(HEADER, ' ', BIG, GOOD_TABLE "\n"); }
static struct input big_words(void) { return padded(HEADER "x", 'x', BIG, " 1 2 3 4 5 6 7 8 9 10\n"); }
static struct input big_table_name(void) { return padded(HEADER, 'n', BIG, " 5 1 -2 - 15 0 0 - -\n" GOOD_TABLE "\n"); }
static struct input name_255(void) { return padded("", 'a', PARSE_ADDR_MAX, ",1,0,-2,127,15,0,0,127,1\n"); }
static struct input name_256(void) { return padded("", 'a', PARSE_ADDR_MAX + 1, ",1,0,-2,127,15,0,0,127,1\n"); }
static struct input many_junk(void) { return repeat("junk", MILLION); }
static struct input many_empty(void) { return repeat("", MILLION); }
static struct input many_csv(void) { return repeat(GOOD_CSV, MILLION); }

/* Literal inputs with NUL bytes, which strlen cannot measure. */
static struct input
literal(const char *s, size_t len)
{
	struct input in = { malloc(len + 1), len };
	ck_assert_ptr_nonnull(in.buf);
	memcpy(in.buf, s, len);
	return in;
}
#define LIT(s) literal(s, sizeof s - 1)
static struct input nul_in_addr(void) { return LIT("a\0b,1,0,-2,127,15,0,0,127,1\n" GOOD_CSV "\n"); }
static struct input nul_in_number(void) { return LIT("h,1\0,0,-2,127,15,0,0,127,1\n" GOOD_CSV "\n"); }
static struct input nul_first(void) { return LIT("\0" GOOD_CSV "\n" GOOD_CSV "\n"); }
static struct input nul_only(void) { return LIT("\0\0\0"); }
static struct input nul_table(void) { return LIT(HEADER "a\0b 1 0 - - 1 0 0 - -\n" GOOD_TABLE "\n"); }
static struct input nul_header(void) { return LIT("Host\0name NTP\n===\n" GOOD_TABLE "\n"); }

enum parser { CSV, TABLE };

/* One hostile input and what must come of it. */
static const struct {
	const char *name;
	enum parser p;
	const char *text;               /* the input, or NULL: made by build */
	struct input (*build)(void);
	enum parse_err err;
	size_t rows, skipped;
	enum line_err why;              /* why the first skipped line was skipped */
} cases[] = {
	/* nothing, or nothing useful */
	{ "empty csv", CSV, "", NULL, PARSE_OK, 0, 0, LINE_OK },
	{ "empty table", TABLE, "", NULL, PARSE_ERR_NO_HEADER, 0, 0, LINE_OK },
	{ "newlines only", CSV, "\n\r\n\n", NULL, PARSE_OK, 0, 0, LINE_OK },
	{ "header only, CRLF", TABLE, "Hostname NTP\r\n====\r\n", NULL, PARSE_OK, 0, 0, LINE_OK },
	{ "a million junk lines", CSV, NULL, many_junk, PARSE_ERR_NO_ROWS, 0, MILLION, LINE_FIELD_COUNT },
	{ "a million empty lines", CSV, NULL, many_empty, PARSE_OK, 0, 0, LINE_OK },
	{ "a million rows", CSV, NULL, many_csv, PARSE_OK, MILLION, 0, LINE_OK },
	/* line endings */
	{ "CRLF", CSV, GOOD_CSV "\r\n" GOOD_CSV "\r\n", NULL, PARSE_OK, 2, 0, LINE_OK },
	{ "no final newline", CSV, GOOD_CSV "\n" GOOD_CSV, NULL, PARSE_OK, 2, 0, LINE_OK },
	{ "bare CR line ends", CSV, GOOD_CSV "\r" GOOD_CSV "\r", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_FIELD_COUNT },
	{ "CR CR LF", CSV, GOOD_CSV "\r\r\n" GOOD_CSV "\n", NULL, PARSE_OK, 1, 1, LINE_BAD_NUMBER },
	{ "table CRLF, no final newline", TABLE, "Hostname\r\n===\r\n" GOOD_TABLE "\r\n" GOOD_TABLE, NULL,
	  PARSE_OK, 2, 0, LINE_OK },
	/* NUL bytes */
	{ "NUL in an address", CSV, NULL, nul_in_addr, PARSE_OK, 1, 1, LINE_NUL },
	{ "NUL in a number", CSV, NULL, nul_in_number, PARSE_OK, 1, 1, LINE_NUL },
	{ "NUL first", CSV, NULL, nul_first, PARSE_OK, 1, 1, LINE_NUL },
	{ "NULs only", CSV, NULL, nul_only, PARSE_ERR_NO_ROWS, 0, 1, LINE_NUL },
	{ "NUL in a table row", TABLE, NULL, nul_table, PARSE_OK, 1, 1, LINE_NUL },
	{ "NUL in the header", TABLE, NULL, nul_header, PARSE_ERR_NO_HEADER, 0, 0, LINE_OK },
	/* fields missing and extra */
	{ "one field", CSV, "127.0.0.1\n" GOOD_CSV "\n", NULL, PARSE_OK, 1, 1, LINE_FIELD_COUNT },
	{ "nine fields", CSV, "h,1,0,-2,127,15,0,0,127\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_FIELD_COUNT },
	{ "eleven fields", CSV, "h,1,0,-2,127,15,0,0,127,1,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_FIELD_COUNT },
	{ "trailing comma", CSV, GOOD_CSV ",\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_FIELD_COUNT },
	{ "empty fields", CSV, ",,,,,,,,,\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_ADDRESS },
	{ "empty number", CSV, "h,1,,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "table: eight values", TABLE, HEADER "h 1 0 -2 - 15 0 0 -\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_FIELD_COUNT },
	{ "table: no name", TABLE, HEADER "5 1 -2 - 15 0 0 - -\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_FIELD_COUNT },
	{ "table: a header again", TABLE, HEADER GOOD_TABLE "\n" HEADER, NULL, PARSE_OK, 1, 2, LINE_BAD_NUMBER },
	/* numbers out of range */
	{ "negative count", CSV, "h,-1,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "minus zero count", CSV, "h,-0,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "negative last seen", CSV, "h,1,0,-2,127,-15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "2^32", CSV, "h,4294967296,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_OUT_OF_RANGE },
	{ "2^63", CSV, "h,9223372036854775808,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1,
	  LINE_OUT_OF_RANGE },
	{ "2^64", CSV, "h,18446744073709551616,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1,
	  LINE_OUT_OF_RANGE },
	{ "2^64 + 1 negative interval", CSV, "h,1,0,-18446744073709551617,127,15,0,0,127,1\n", NULL,
	  PARSE_ERR_NO_ROWS, 0, 1, LINE_OUT_OF_RANGE },
	{ "interval 128", CSV, "h,1,0,128,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_OUT_OF_RANGE },
	{ "table: last 2^32 minutes", TABLE, HEADER "h 1 0 -2 - 4294967296m 0 0 - -\n", NULL, PARSE_ERR_NO_ROWS, 0, 1,
	  LINE_OUT_OF_RANGE },
	{ "largest count", CSV, "h,4294967295,0,-2,127,15,0,0,127,1\n", NULL, PARSE_OK, 1, 0, LINE_OK },
	/* not numbers */
	{ "letters", CSV, "h,abc,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "decimal point", CSV, "h,1.5,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "hex", CSV, "h,0x10,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "exponent", CSV, "h,1e3,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "plus sign", CSV, "h,+1,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "space before a number", CSV, "h, 1,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "a lone minus", CSV, "h,1,0,-,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	{ "fullwidth digit", CSV, "h,\xef\xbc\x95,0,-2,127,15,0,0,127,1\n", NULL, PARSE_ERR_NO_ROWS, 0, 1,
	  LINE_BAD_NUMBER },
	{ "table: unit on a count", TABLE, HEADER "h 5m 0 -2 - 15 0 0 - -\n", NULL, PARSE_ERR_NO_ROWS, 0, 1,
	  LINE_BAD_NUMBER },
	{ "table: two units", TABLE, HEADER "h 5 0 -2 - 15mm 0 0 - -\n", NULL, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_NUMBER },
	/* lines of megabytes */
	{ "4 MiB address", CSV, NULL, big_address, PARSE_OK, 1, 1, LINE_BAD_ADDRESS },
	{ "4 MiB number", CSV, NULL, big_number, PARSE_OK, 1, 1, LINE_OUT_OF_RANGE },
	{ "4 MiB of commas", CSV, NULL, big_commas, PARSE_OK, 1, 1, LINE_FIELD_COUNT },
	{ "4 MiB of leading zeros", CSV, NULL, big_zeros, PARSE_OK, 1, 0, LINE_OK },
	{ "4 MiB of NULs", CSV, NULL, big_nuls, PARSE_OK, 1, 1, LINE_NUL },
	{ "table: 4 MiB of blanks", TABLE, NULL, big_blank, PARSE_OK, 1, 0, LINE_OK },
	{ "table: 4 MiB word", TABLE, NULL, big_words, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_ADDRESS },
	{ "table: 4 MiB name", TABLE, NULL, big_table_name, PARSE_OK, 1, 1, LINE_BAD_ADDRESS },
	{ "address of 255 bytes", CSV, NULL, name_255, PARSE_OK, 1, 0, LINE_OK },
	{ "address of 256 bytes", CSV, NULL, name_256, PARSE_ERR_NO_ROWS, 0, 1, LINE_BAD_ADDRESS },
};

START_TEST(hostile_table)
{
	struct input in = cases[_i].text ? literal(cases[_i].text, strlen(cases[_i].text)) : cases[_i].build();
	struct parse_report rep;
	char text[256];
	enum parse_err err;

	memset(&seen, 0, sizeof seen);
	err = cases[_i].p == CSV ? parse_csv(in.buf, in.len, check_row, NULL, &rep)
	                         : parse_table(in.buf, in.len, check_row, NULL, &rep);
	free(in.buf);
	ck_assert_msg(err == cases[_i].err, "%s: %s, expected %s", cases[_i].name, parse_err_text(err),
	              parse_err_text(cases[_i].err));
	ck_assert_msg(!seen.bad, "%s: %s", cases[_i].name, seen.why);
	ck_assert_msg(rep.rows == cases[_i].rows && seen.rows == cases[_i].rows, "%s: %zu rows", cases[_i].name, rep.rows);
	ck_assert_msg(rep.skipped == cases[_i].skipped, "%s: %zu skipped", cases[_i].name, rep.skipped);
	if (rep.skipped)
		ck_assert_msg(rep.bad_why == cases[_i].why, "%s: first skip: %s", cases[_i].name, line_err_text(rep.bad_why));
	/* what the user is told: something whenever a line was dropped or all failed */
	parse_report_text(&rep, err, text, sizeof text);
	ck_assert_msg((text[0] != '\0') == (err != PARSE_OK || rep.skipped > 0), "%s: told \"%s\"", cases[_i].name, text);
}
END_TEST

/* Counts rows and checks each carries the number its line was made with. */
static bool
check_sequence(void *ctx, const struct row *r)
{
	size_t *n = ctx;
	char want[32];
	int len = snprintf(want, sizeof want, "h%zu", *n);
	if ((size_t)len != r->len || memcmp(want, r->addr, r->len) != 0 || r->s.v[FIELD_NTP_PACKETS] != (int64_t)*n ||
	    r->s.v[FIELD_NTP_DROPS] != (int64_t)(*n % 1000) || r->s.v[FIELD_NTP_INTERVAL] != (int64_t)(*n % 65) - 32)
		return false;
	++*n;
	return true;
}

START_TEST(million_distinct_rows_keep_their_numbers)
{
	size_t len = 0, cap = (size_t)MILLION * 64, n = 0;
	char *p = malloc(cap);
	struct parse_report rep;

	ck_assert_ptr_nonnull(p);
	for (size_t i = 0; i < MILLION; i++) /* every interval chronyd can report: -32 .. 32 */
		len += (size_t)snprintf(p + len, cap - len, "h%zu,%zu,%zu,%d,127,15,0,0,127,4294967295%s", i, i, i % 1000,
		                        (int)(i % 65) - 32, i % 2 ? "\r\n" : "\n");
	ck_assert_int_eq(parse_csv(p, len - 1 /* no final newline */, check_sequence, &n, &rep), PARSE_OK);
	ck_assert_uint_eq(n, MILLION);
	ck_assert_uint_eq(rep.skipped, 0);
	free(p);
}
END_TEST

/* A state file in a buffer of exactly its size (nothing after it, as read
 * from disk): source "x" and n lines "open = hI\x41\x41..." (200 escapes). */
static char *
state_text(size_t n, size_t *len)
{
	size_t cap = 64 + n * 1000, o;
	char *buf = malloc(cap), *exact;

	ck_assert_ptr_nonnull(buf);
	o = (size_t)snprintf(buf, cap, "version = 1\nsource = x\n");
	for (size_t i = 0; i < n; i++) {
		o += (size_t)snprintf(buf + o, cap - o, "open = h%zu", i);
		for (int k = 0; k < 200; k++)
			o += (size_t)snprintf(buf + o, cap - o, "\\x41");
		buf[o++] = '\n';
	}
	exact = malloc(o);
	ck_assert_ptr_nonnull(exact);
	memcpy(exact, buf, o);
	free(buf);
	*len = o;
	return exact;
}

START_TEST(state_file_escapes_linear_and_in_bounds)
{
	size_t len;
	char *text = state_text(5000, &len), why[256];
	struct saved s;

	saved_init(&s);
	/* unescape once ran sscanf over the rest of the buffer for each escape:
	 * past its end (ASan, valgrind) and quadratic (this took minutes: the
	 * test case's timeout stops that; no wall-clock assertion here, it
	 * flaked under load — timings belong to `make bench`) */
	ck_assert_int_eq(state_parse(text, len, "x", &s, why, sizeof why), STATE_OK);
	char want[256] = "h4999";
	memset(want + 5, 'A', 200);
	ck_assert(strset_has(saved_cards(&s, ""), want, 205));
	saved_free(&s);
	free(text);
}
END_TEST

/* Make the hostile-input suite. */
static Suite *
hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *t = tcase_create("hostile");

	tcase_set_timeout(t, 60);
	tcase_add_loop_test(t, hostile_table, 0, sizeof cases / sizeof cases[0]);
	tcase_add_test(t, million_distinct_rows_keep_their_numbers);
	tcase_add_test(t, state_file_escapes_linear_and_in_bounds);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(hostile_suite)
