/* check_parse.c — the CSV and plain-table parsers on real chronyc output and on bad input. */
#include "config.h"

#include "unit.h"

static struct collected got;

/* Expected first rows of the mixed fixture (same clients in both forms). */
static const struct {
	const char *addr;
	long v[FIELD_COUNT]; /* -999 = unknown */
} mixed[] = {
	{ "127.1.0.1", { 2, 0, -2, -999, 15, 2, 0, -3, 15 } },
	{ "127.1.0.2", { 2, 0, -2, -999, 15, 2, 0, -2, 15 } },
	{ "127.1.0.3", { 2, 0, -3, -999, 15, 0, 0, -999, -999 } },
	{ "127.1.0.4", { 14, 4, -4, -5, 15, 0, 0, -999, -999 } },
	{ "127.1.0.5", { 14, 6, -4, -5, 15, 0, 0, -999, -999 } },
	{ "::1", { 2, 0, -3, -999, 15, 2, 0, -2, 15 } },
	{ "127.1.0.8", { 40, 28, -5, -5, 14, 0, 0, -999, -999 } },
};

/* Check got against the mixed table. */
static void
check_mixed(void)
{
	ck_assert_uint_eq(got.n, 7);
	for (size_t i = 0; i < 7; i++) {
		ck_assert_str_eq(got.addr[i], mixed[i].addr);
		for (int f = 0; f < FIELD_COUNT; f++) {
			if (mixed[i].v[f] == -999)
				ck_assert_msg(!sample_known(&got.s[i], f), "%s field %d should be unknown", mixed[i].addr, f);
			else
				ck_assert_msg(sample_known(&got.s[i], f) && got.s[i].v[f] == mixed[i].v[f],
				              "%s field %d", mixed[i].addr, f);
		}
	}
}

START_TEST(csv_mixed_fixture)
{
	size_t len;
	char *buf = unit_fixture("mixed-clients.csv", &len);
	struct parse_report rep;
	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_csv(buf, len, unit_collect, &got, &rep), PARSE_OK);
	ck_assert_uint_eq(rep.skipped, 0);
	check_mixed();
	free(buf);
}
END_TEST

START_TEST(table_mixed_fixture)
{
	size_t len;
	char *buf = unit_fixture("mixed-clients.txt", &len);
	struct parse_report rep;
	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_table(buf, len, unit_collect, &got, &rep), PARSE_OK);
	ck_assert_uint_eq(rep.skipped, 0);
	check_mixed();
	free(buf);
}
END_TEST

/* chronyc -c's values after the address, and whether the quick reader takes them. */
static const struct {
	const char *values;
	bool quick;
} quick_values[] = {
	{ "2,0,-4,127,11,0,0,127,4294967295", true },
	{ "4294967295,4294967295,-128,126,4294967294,0,0,-5,0", true },
	{ "1,0,64,-33,5,0,0,32,7", true },                 /* intervals chronyd cannot produce: unknown */
	{ "007,0,-0,127,0,0,0,127,4294967295", true },
	{ "2,0,-4,127,11,0,0,127", false },                 /* a field short */
	{ "2,0,-4,127,11,0,0,127,4294967295,", false },     /* one too many */
	{ "2,0,-4,127,11,0,0,127,4294967295,9", false },
	{ "2,,-4,127,11,0,0,127,4294967295", false },       /* empty */
	{ "-2,0,-4,127,11,0,0,127,4294967295", false },     /* a signed count */
	{ "2,0,-129,127,11,0,0,127,4294967295", false },    /* out of range */
	{ "4294967296,0,-4,127,11,0,0,127,4294967295", false },
	{ "12345678901,0,-4,127,11,0,0,127,4294967295", false }, /* 11 digits */
	{ "2,0,-4,127,11m,0,0,127,4294967295", false },     /* a suffix is the table's */
	{ "2,0,-,127,11,0,0,127,4294967295", false },
	{ "2,0,+4,127,11,0,0,127,4294967295", false },
	{ "2,0,-4,127,11,0,0,127,4294967295\r", false },
	{ " 2,0,-4,127,11,0,0,127,4294967295", false },
};

START_TEST(quick_csv_values_read_as_parse_value_does)
{
	const char *v = quick_values[_i].values;
	struct sample quick = { 0 }, careful = { 0 };
	bool ok = parse_csv_values(v, v + strlen(v), &quick);
	ck_assert_int_eq(ok, quick_values[_i].quick);
	if (!ok)
		return;
	const char *p = v;
	for (int f = 0; f < FIELD_COUNT; f++) {
		size_t n = strcspn(p, ",");
		ck_assert_int_eq(parse_value((enum field)f, FORM_CSV, p, n, &careful), LINE_OK);
		p += n + (p[n] == ',');
	}
	ck_assert(memcmp(&quick, &careful, sizeof quick) == 0);
}
END_TEST

START_TEST(csv_and_table_agree_on_1000)
{
	size_t lc, lt;
	char *c = unit_fixture("n1000-clients.csv", &lc), *t = unit_fixture("n1000-clients.txt", &lt);
	static struct collected a, b;
	struct parse_report rep;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	ck_assert_int_eq(parse_csv(c, lc, unit_collect, &a, &rep), PARSE_OK);
	ck_assert_int_eq(parse_table(t, lt, unit_collect, &b, &rep), PARSE_OK);
	ck_assert_uint_eq(a.n, 1000);
	ck_assert_uint_eq(b.n, 1000);
	/* Last differs between the two captures (taken at different times); the rest must agree. */
	for (size_t i = 0; i < a.n; i++) {
		ck_assert_str_eq(a.addr[i], b.addr[i]);
		for (int f = 0; f < FIELD_COUNT; f++)
			if (f != FIELD_NTP_LAST && f != FIELD_CMD_LAST && f != FIELD_NTP_PACKETS && f != FIELD_NTP_DROPS)
				ck_assert_msg(sample_known(&a.s[i], f) == sample_known(&b.s[i], f), "%s f%d", a.addr[i], f);
	}
	free(c);
	free(t);
}
END_TEST

START_TEST(table_cut_hostnames)
{
	size_t len;
	char *buf = unit_fixture("hostname-n5-longptr.txt", &len);
	struct parse_report rep;
	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_table(buf, len, unit_collect, &got, &rep), PARSE_OK);
	ck_assert_uint_eq(got.n, 8);
	ck_assert_str_eq(got.addr[0], "alpha.from-etc-hosts");
	ck_assert(!got.truncated[0]);
	ck_assert_str_eq(got.addr[2], "a-very-long-reverse-name>");
	ck_assert(got.truncated[2]);
	/* localhost: no NTP packets, so NTP interval and last are unknown, not 0 */
	ck_assert_str_eq(got.addr[6], "localhost");
	ck_assert(!sample_known(&got.s[6], FIELD_NTP_LAST));
	ck_assert(sample_known(&got.s[6], FIELD_CMD_LAST));
	ck_assert_int_eq(got.s[6].v[FIELD_CMD_LAST], 90);
	free(buf);
}
END_TEST

/* Table rows: Last suffixes and values. */
static const struct {
	const char *tok;
	enum field f;
	enum value_form form;
	enum line_err err;
	int known;
	long v;
} values[] = {
	{ "15", FIELD_NTP_LAST, FORM_TABLE, LINE_OK, 1, 15 },
	{ "21m", FIELD_NTP_LAST, FORM_TABLE, LINE_OK, 1, 21 * 60 },
	{ "3h", FIELD_NTP_LAST, FORM_TABLE, LINE_OK, 1, 3 * 3600 },
	{ "5d", FIELD_NTP_LAST, FORM_TABLE, LINE_OK, 1, 5 * 86400 },
	{ "2y", FIELD_NTP_LAST, FORM_TABLE, LINE_OK, 1, 2L * 365 * 86400 },
	{ "-", FIELD_NTP_LAST, FORM_TABLE, LINE_OK, 0, 0 },
	{ "-", FIELD_NTP_INTERVAL, FORM_TABLE, LINE_OK, 0, 0 },
	{ "-5", FIELD_NTP_INTERVAL, FORM_TABLE, LINE_OK, 1, -5 },
	{ "127", FIELD_NTP_INTERVAL, FORM_CSV, LINE_OK, 0, 0 },
	{ "4294967295", FIELD_CMD_LAST, FORM_CSV, LINE_OK, 0, 0 },
	{ "4294967294", FIELD_CMD_LAST, FORM_CSV, LINE_OK, 1, 4294967294L },
	{ "4294967296", FIELD_NTP_PACKETS, FORM_CSV, LINE_OUT_OF_RANGE, 0, 0 },
	{ "99999999999999999999999", FIELD_NTP_PACKETS, FORM_CSV, LINE_OUT_OF_RANGE, 0, 0 },
	{ "-1", FIELD_NTP_PACKETS, FORM_CSV, LINE_BAD_NUMBER, 0, 0 },
	{ "-", FIELD_NTP_PACKETS, FORM_CSV, LINE_BAD_NUMBER, 0, 0 },
	{ "12x", FIELD_NTP_DROPS, FORM_TABLE, LINE_BAD_NUMBER, 0, 0 },
	{ "", FIELD_NTP_DROPS, FORM_CSV, LINE_BAD_NUMBER, 0, 0 },
	{ "m", FIELD_NTP_LAST, FORM_TABLE, LINE_BAD_NUMBER, 0, 0 },
	{ "200", FIELD_NTP_INTERVAL, FORM_CSV, LINE_OUT_OF_RANGE, 0, 0 },
	{ "-129", FIELD_NTP_INTERVAL, FORM_TABLE, LINE_OUT_OF_RANGE, 0, 0 },
	{ "5m", FIELD_NTP_LAST, FORM_CSV, LINE_BAD_NUMBER, 0, 0 },
	/* numbers chronyd cannot produce: an interval beyond its signed byte of quarter steps is unknown */
	{ "64", FIELD_NTP_INTERVAL, FORM_TABLE, LINE_OK, 0, 0 },
	{ "64", FIELD_NTP_INTERVAL, FORM_CSV, LINE_OK, 0, 0 },
	{ "-33", FIELD_CMD_INTERVAL, FORM_CSV, LINE_OK, 0, 0 },
	{ "127", FIELD_NTP_INTERVAL_LIMITED, FORM_TABLE, LINE_OK, 0, 0 },
	{ "32", FIELD_NTP_INTERVAL, FORM_TABLE, LINE_OK, 1, 32 },
	{ "-32", FIELD_NTP_INTERVAL, FORM_CSV, LINE_OK, 1, -32 },
	/* a Last of 4294967295 years is kept as said (the screen clamps it: check_format) */
	{ "4294967295y", FIELD_NTP_LAST, FORM_TABLE, LINE_OK, 1, 4294967295L * 365 * 86400 },
};

START_TEST(value_table)
{
	struct sample s;
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(parse_value(values[_i].f, values[_i].form, values[_i].tok, strlen(values[_i].tok), &s),
	                 values[_i].err);
	ck_assert_int_eq(sample_known(&s, values[_i].f), values[_i].known);
	if (values[_i].known)
		ck_assert_int_eq(s.v[values[_i].f], values[_i].v);
}
END_TEST

/* Bad CSV inputs: rows expected, lines skipped, first bad line and why, result. */
static const struct {
	const char *in;
	size_t rows, skipped, bad_line;
	enum line_err why;
	enum parse_err err;
} bad_csv[] = {
	{ "", 0, 0, 0, LINE_OK, PARSE_OK },
	{ "\n\n", 0, 0, 0, LINE_OK, PARSE_OK },
	{ "127.0.0.1,1,0,-2,127,15,0,0,127,4294967295", 1, 0, 0, LINE_OK, PARSE_OK },
	{ "127.0.0.1,1,0,-2,127,15,0,0,127,4294967295\r\n", 1, 0, 0, LINE_OK, PARSE_OK },
	{ "127.0.0.1,1,0,-2,127,15,0,0,127\n", 0, 1, 1, LINE_FIELD_COUNT, PARSE_ERR_NO_ROWS },
	{ "127.0.0.1,1,0,-2,127,15,0,0,127,1,9\n", 0, 1, 1, LINE_FIELD_COUNT, PARSE_ERR_NO_ROWS },
	{ ",1,0,-2,127,15,0,0,127,1\n", 0, 1, 1, LINE_BAD_ADDRESS, PARSE_ERR_NO_ROWS },
	{ "a,1,0,-2,127,15,0,0,127,1\nb,x,0,-2,127,15,0,0,127,1\n", 1, 1, 2, LINE_BAD_NUMBER, PARSE_OK },
	{ "a,1,0,-2,127,15,0,0,127,1\nb,1,0,-2,127,15,0,0,127,18446744073709551617\n", 1, 1, 2, LINE_OUT_OF_RANGE, PARSE_OK },
	{ "Hostname NTP Drop\n", 0, 1, 1, LINE_FIELD_COUNT, PARSE_ERR_NO_ROWS },
};

START_TEST(csv_bad_input)
{
	struct parse_report rep;
	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_csv(bad_csv[_i].in, strlen(bad_csv[_i].in), unit_collect, &got, &rep), bad_csv[_i].err);
	ck_assert_uint_eq(got.n, bad_csv[_i].rows);
	ck_assert_uint_eq(rep.skipped, bad_csv[_i].skipped);
	ck_assert_uint_eq(rep.bad_line, bad_csv[_i].bad_line);
	ck_assert_int_eq(rep.bad_why, bad_csv[_i].why);
}
END_TEST

START_TEST(csv_nul_byte_skips_line)
{
	static const char in[] = "a,1,0,-2,127,15,0,0,127,1\nb\0c,1,0,-2,127,15,0,0,127,1\n";
	struct parse_report rep;
	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_csv(in, sizeof in - 1, unit_collect, &got, &rep), PARSE_OK);
	ck_assert_uint_eq(got.n, 1);
	ck_assert_uint_eq(rep.skipped, 1);
	ck_assert_int_eq(rep.bad_why, LINE_NUL);
}
END_TEST

START_TEST(table_needs_header)
{
	static const char *const ins[] = { "", "127.0.0.1 1 0 -2 - 15 0 0 - -\n", "Hostname NTP\nnot a rule\n" };
	struct parse_report rep;
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(parse_table(ins[i], strlen(ins[i]), unit_collect, &got, &rep), PARSE_ERR_NO_HEADER);
		ck_assert(rep.detail[0] != '\0');
	}
}
END_TEST

START_TEST(table_header_only_is_empty_list)
{
	static const char in[] = "Hostname                      NTP   Drop Int IntL Last     Cmd   Drop Int  Last\n"
	                         "===============================================================================\n";
	struct parse_report rep;
	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_table(in, strlen(in), unit_collect, &got, &rep), PARSE_OK);
	ck_assert_uint_eq(got.n, 0);
}
END_TEST

START_TEST(report_text_says_what_was_skipped)
{
	struct parse_report rep;
	char buf[200];
	static const char in[] = "a,1,0,-2,127,15,0,0,127,1\nb,1,0\nc,1,0\n";
	parse_csv(in, strlen(in), unit_collect, &got, &rep);
	parse_report_text(&rep, PARSE_OK, buf, sizeof buf);
	ck_assert_str_eq(buf, "2 lines skipped (first: line 2, wrong number of fields)");
}
END_TEST

/* Make the parser suite. */
static Suite *
parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *fx = tcase_create("fixtures"), *bad = tcase_create("bad input");

	tcase_add_test(fx, csv_mixed_fixture);
	tcase_add_test(fx, table_mixed_fixture);
	tcase_add_test(fx, csv_and_table_agree_on_1000);
	tcase_add_test(fx, table_cut_hostnames);
	tcase_add_loop_test(bad, value_table, 0, sizeof values / sizeof values[0]);
	tcase_add_loop_test(bad, csv_bad_input, 0, sizeof bad_csv / sizeof bad_csv[0]);
	tcase_add_loop_test(bad, quick_csv_values_read_as_parse_value_does, 0, sizeof quick_values / sizeof quick_values[0]);
	tcase_add_test(bad, csv_nul_byte_skips_line);
	tcase_add_test(bad, table_needs_header);
	tcase_add_test(bad, table_header_only_is_empty_list);
	tcase_add_test(bad, report_text_says_what_was_skipped);
	suite_add_tcase(s, fx);
	suite_add_tcase(s, bad);
	return s;
}

UNIT_MAIN(parse_suite)
