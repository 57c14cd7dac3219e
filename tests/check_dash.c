/* check_dash.c — the /data parser on every real answer and on every hostile JSON shape. */
#include "config.h"

#include <time.h>

#include "parse_dash.h"
#include "unit.h"

#define U -999 /* unknown */

static struct collected got;

/* Rows of data-mixed.json: TICC-DASH order, Cmd group's drops/interval/last never sent. */
static const struct {
	const char *addr;
	long v[FIELD_COUNT];
} mixed_rows[] = {
	{ "127.1.0.1", { 2, 0, -2, U, 15, 2, U, U, U } },
	{ "127.1.0.2", { 2, 0, -2, U, 15, 2, U, U, U } },
	{ "127.1.0.3", { 2, 0, -3, U, 15, 0, U, U, U } },
	{ "127.1.0.4", { 14, 4, -4, -5, 15, 0, U, U, U } },
	{ "127.1.0.5", { 14, 6, -4, -5, 14, 0, U, U, U } },
	{ "127.1.0.8", { 40, 28, -5, -5, 14, 0, U, U, U } },
	{ "::1", { 2, 0, -3, U, 15, 2, U, U, U } },
};

/* Every real answer: what the parser must find. */
static const struct {
	const char *file;
	bool http;                 /* a raw HTTP response: skip to the body */
	const char *format;        /* server_info.format */
	size_t rows;
	long long count;           /* -1: not sent */
	const char *time, *error;
	const char *first;         /* first address */
	bool first_cut;
} fixtures[] = {
	{ "data-mixed.json", false, "ticc-dash", 7, 7, "22-11-2026, 02:46:47", "", "127.1.0.1", false },
	{ "chrony-web-v2-data.json", false, "ticc-dash", 7, 7, "22-11-2026, 02:47:36", "", "127.1.0.1", false },
	{ "data-hostnames.json", false, "ticc-dash", 7, 7, "22-11-2026, 02:46:59", "", "a-very-long-client-hostn>", true },
	{ "chrony-web-v1-data.json", false, "chrony-web-v1", 7, -1, "22-11-2026, 02:47:33", "", "127.1.0.1", false },
	{ "data-error.http", true, "ticc-dash", 0, 0, "22-11-2026, 02:46:49",
	  "Error: Command '['sudo', 'chronyc', 'clients']' returned non-zero exit status 1.", NULL, false },
};

/* Check a collected row against expected values (U = unknown). */
static void
check_row(size_t i, const char *addr, const long v[FIELD_COUNT])
{
	ck_assert_str_eq(got.addr[i], addr);
	for (int f = 0; f < FIELD_COUNT; f++) {
		if (v[f] == U)
			ck_assert_msg(!sample_known(&got.s[i], f), "%s field %d should be unknown", addr, f);
		else
			ck_assert_msg(sample_known(&got.s[i], f) && got.s[i].v[f] == v[f], "%s field %d", addr, f);
	}
}

START_TEST(every_fixture)
{
	size_t len;
	char *buf = unit_fixture(fixtures[_i].file, &len), *body = buf;
	struct parse_report rep;
	struct server_info info;

	if (fixtures[_i].http) {
		body = strstr(buf, "\r\n\r\n");
		ck_assert(body != NULL);
		body += 4;
		len -= (size_t)(body - buf);
	}
	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_dash(body, len, unit_collect, &got, &rep, &info), PARSE_OK);
	ck_assert_str_eq(info.format, fixtures[_i].format);
	ck_assert_uint_eq(got.n, fixtures[_i].rows);
	ck_assert_uint_eq(rep.rows, fixtures[_i].rows);
	ck_assert_uint_eq(rep.skipped, 0);
	ck_assert_int_eq(info.have_count, fixtures[_i].count >= 0);
	if (fixtures[_i].count >= 0)
		ck_assert_int_eq(info.count, fixtures[_i].count);
	ck_assert_str_eq(info.time, fixtures[_i].time);
	ck_assert_str_eq(info.error, fixtures[_i].error);
	ck_assert_str_eq(info.warning, ""); /* a real answer's count agrees with its list */
	if (fixtures[_i].first) {
		ck_assert_str_eq(got.addr[0], fixtures[_i].first);
		ck_assert_int_eq(got.truncated[0], fixtures[_i].first_cut);
	}
	free(buf);
}
END_TEST

START_TEST(mixed_values_and_unknown_cmd_group)
{
	size_t len;
	char *buf = unit_fixture("data-mixed.json", &len);
	struct parse_report rep;
	struct server_info info;

	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_dash(buf, len, unit_collect, &got, &rep, &info), PARSE_OK);
	for (size_t i = 0; i < sizeof mixed_rows / sizeof mixed_rows[0]; i++)
		check_row(i, mixed_rows[i].addr, mixed_rows[i].v);
	free(buf);
}
END_TEST

START_TEST(v1_keeps_the_cmd_group)
{
	static const long first[FIELD_COUNT] = { 2, 0, -2, U, 61, 2, 0, -3, 61 };
	static const long third[FIELD_COUNT] = { 2, 0, -3, U, 61, 0, 0, U, U };
	size_t len;
	char *buf = unit_fixture("chrony-web-v1-data.json", &len);
	struct parse_report rep;
	struct server_info info;

	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_dash(buf, len, unit_collect, &got, &rep, &info), PARSE_OK);
	check_row(0, "127.1.0.1", first);
	check_row(2, "127.1.0.3", third);
	ck_assert_str_eq(got.addr[6], "127.1.0.8");
	free(buf);
}
END_TEST

/* A sink that only counts rows and sums NTP packets. */
static bool
count_rows(void *ctx, const struct row *r)
{
	long long *n = ctx;
	n[0]++;
	n[1] += sample_get(&r->s, FIELD_NTP_PACKETS, 0);
	return true;
}

START_TEST(hundred_thousand_clients)
{
	char cmd[1200];
	struct parse_report rep;
	struct server_info info;
	struct timespec t0, t1;
	long long n[2] = { 0, 0 };
	size_t len = 0, size = 16u << 20;
	char *buf = malloc(size);

	snprintf(cmd, sizeof cmd, "gzip -dc '%s/data-n100000.json.gz'", FIXTURES);
	FILE *fp = popen(cmd, "r");
	ck_assert(fp != NULL && buf != NULL);
	for (size_t r; (r = fread(buf + len, 1, size - len, fp)) > 0;)
		len += r;
	ck_assert_int_eq(pclose(fp), 0);
	ck_assert_uint_lt(len, size);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(parse_dash(buf, len, count_rows, n, &rep, &info), PARSE_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("parse_dash: %zu bytes, %lld rows in %.0f ms\n", len, n[0],
	       (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	ck_assert_int_eq(n[0], 100001);
	ck_assert_int_eq(info.count, 100001);
	ck_assert_int_ge(n[1], 100001);
	free(buf);
}
END_TEST

#define ROW(addr, ntp) "{\"addr\":\"" addr "\",\"NTP\":\"" ntp "\",\"Drop\":\"0\",\"Int\":\"-\",\"IntL\":\"-\",\"Last\":\"21m\",\"Cmd\":\"0\"}"
#define DOC(rows) "{\"clients_parsed\":[" rows "],\"count\":1,\"local_time\":\"22-11-2026, 02:46:47\"}"

/* Hostile and odd documents: result, rows, skipped, first bad entry, and words the detail must hold. */
static const struct {
	const char *in;
	enum parse_err err;
	size_t rows, skipped, bad;
	const char *detail;
} shapes[] = {
	{ "", PARSE_ERR_JSON, 0, 0, 0, "the answer is empty" },
	{ " \r\n\t", PARSE_ERR_JSON, 0, 0, 0, "the answer is empty" },
	{ "<!DOCTYPE html><html><body>Login</body></html>", PARSE_ERR_JSON, 0, 0, 0, "invalid JSON at line 1" },
	{ "[]", PARSE_ERR_SCHEMA, 0, 0, 0, "expected a JSON object, got an array" },
	{ "\"clients_parsed\"", PARSE_ERR_JSON, 0, 0, 0, "invalid JSON" },
	{ "{}", PARSE_ERR_SCHEMA, 0, 0, 0, "got an empty object" },
	{ "{\"foo\":1,\"bar\":2}", PARSE_ERR_SCHEMA, 0, 0, 0, "got keys \"foo\", \"bar\"" },
	{ "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}", PARSE_ERR_SCHEMA, 0, 0, 0, "\"d\", ..." },
	{ "{\"clients_parsed\":{}}", PARSE_ERR_SCHEMA, 0, 0, 0, "\"clients_parsed\" is an object, expected an array" },
	{ "{\"clients_parsed\":\"x\"}", PARSE_ERR_SCHEMA, 0, 0, 0, "\"clients_parsed\" is a string, expected an array" },
	{ "{\"clients\":[]}", PARSE_ERR_SCHEMA, 0, 0, 0, "\"clients\" is an array, expected a string" },
	{ "{\"clients_parsed\":[],\"count\":\"7\"}", PARSE_OK, 0, 0, 0, "" }, /* a warning: count_is_a_warning */
	{ "{\"clients_parsed\":[],\"local_time\":5}", PARSE_ERR_SCHEMA, 0, 0, 0, "\"local_time\" is a number, expected a string" },
	{ "{\"clients_parsed\":[],\"error\":[\"x\"]}", PARSE_ERR_SCHEMA, 0, 0, 0, "\"error\" is an array, expected a string" },
	{ "{\"clients_parsed\":[]}", PARSE_OK, 0, 0, 0, "" },
	{ "{\"clients_parsed\":[],\"error\":null,\"count\":null}", PARSE_OK, 0, 0, 0, "" },
	{ "{\"clients_parsed\":[[1]]}", PARSE_ERR_NO_ROWS, 0, 1, 1, "entry 1 is an array, expected an object" },
	{ "{\"clients_parsed\":[null]}", PARSE_ERR_NO_ROWS, 0, 1, 1, "entry 1 is null, expected an object" },
	{ "{\"clients_parsed\":[{\"addr\":\"a\",\"NTP\":1,\"Drop\":0,\"Int\":-2,\"IntL\":null,\"Last\":15,\"Cmd\":0}]}",
	  PARSE_ERR_NO_ROWS, 0, 1, 1, "entry 1: \"NTP\" is a number, expected a string" },
	{ "{\"clients_parsed\":[{\"addr\":7}]}", PARSE_ERR_NO_ROWS, 0, 1, 1, "entry 1: \"addr\" is a number, expected a string" },
	{ "{\"clients_parsed\":[{\"NTP\":\"1\"}]}", PARSE_ERR_NO_ROWS, 0, 1, 1, "entry 1 has no \"addr\"" },
	{ "{\"clients_parsed\":[{\"addr\":\"a\",\"NTP\":\"1\",\"Drop\":\"0\",\"Int\":\"-\",\"IntL\":\"-\",\"Last\":\"1\"}]}",
	  PARSE_ERR_NO_ROWS, 0, 1, 1, "entry 1 has no \"Cmd\"" },
	{ DOC(ROW("", "1")), PARSE_ERR_NO_ROWS, 0, 1, 1, "entry 1: \"addr\" is empty" },
	{ DOC(ROW("a", "12x")), PARSE_ERR_NO_ROWS, 0, 1, 1, "entry 1: \"NTP\" is \"12x\", expected a count (a field is not a number)" },
	{ DOC(ROW("a", "99999999999")), PARSE_ERR_NO_ROWS, 0, 1, 1, "a number is out of range" },
	{ DOC(ROW("a", "1") ",5," ROW("b", "2")), PARSE_OK, 2, 1, 2, "" },
	{ DOC(ROW("a", "1") "," ROW("b", "-")), PARSE_OK, 2, 0, 0, "" },
	{ "{\"clients_parsed\":[],\"clients_parsed\":[]}", PARSE_ERR_JSON, 0, 0, 0, "a key appears twice in one object" },
	{ "{\"clients_parsed\":[{\"addr\":\"a\",\"addr\":\"b\"}]}", PARSE_ERR_JSON, 0, 0, 0, "duplicate object key near '\"addr\"'" },
	{ "{\"clients_parsed\":[{\"addr\":\"a\"", PARSE_ERR_JSON, 0, 0, 0, "the JSON ends early" },
	{ "{\"clients_parsed\":[{\"addr\":\"a\\u0000b\"}]}", PARSE_ERR_JSON, 0, 0, 0, "a \\u0000 inside a string" },
	{ "{\"clients_parsed\":[]} {}", PARSE_ERR_JSON, 0, 0, 0, "more text after the JSON document" },
	{ "{\"clients_parsed\":[\"\xff\"]}", PARSE_ERR_JSON, 0, 0, 0, "invalid UTF-8" },
	{ "{\"clients_parsed\":[],\"count\":99999999999999999999999}", PARSE_ERR_JSON, 0, 0, 0, "a number too large" },
	{ "{\"clients\":\"hello\"}", PARSE_ERR_NO_HEADER, 0, 0, 0, "\"clients\" holds the server's error, not chronyc's table" },
	{ "{\"clients\":\"hello\\nworld\"}", PARSE_ERR_NO_HEADER, 0, 0, 0, "\"clients\" is not chronyc's clients table" },
	{ "{\"clients\":\"\"}", PARSE_ERR_NO_HEADER, 0, 0, 0, "expected a line starting with \"Hostname\"" },
	{ "{\"error\":\"boom\"}", PARSE_ERR_SCHEMA, 0, 0, 0, "expected \"clients_parsed\"" },
};

START_TEST(hostile_shapes)
{
	struct parse_report rep;
	struct server_info info;

	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_dash(shapes[_i].in, strlen(shapes[_i].in), unit_collect, &got, &rep, &info),
	                 shapes[_i].err);
	ck_assert_uint_eq(got.n, shapes[_i].rows);
	ck_assert_uint_eq(rep.skipped, shapes[_i].skipped);
	ck_assert_uint_eq(rep.bad_line, shapes[_i].bad);
	ck_assert_msg(strstr(rep.detail, shapes[_i].detail) != NULL, "detail \"%s\" lacks \"%s\"", rep.detail,
	              shapes[_i].detail);
	if (!shapes[_i].detail[0])
		ck_assert_str_eq(rep.detail, "");
}
END_TEST

START_TEST(server_error_is_kept_even_when_the_shape_is_wrong)
{
	static const char in[] = "{\"error\":\"boom\",\"local_time\":\"01-01-2026, 00:00:00\"}";
	struct parse_report rep;
	struct server_info info;

	ck_assert_int_eq(parse_dash(in, strlen(in), unit_collect, &got, &rep, &info), PARSE_ERR_SCHEMA);
	ck_assert_str_eq(info.error, "boom");
	ck_assert_str_eq(info.time, "01-01-2026, 00:00:00");
}
END_TEST

START_TEST(skipped_entries_are_counted_as_entries)
{
	static const char in[] = DOC(ROW("a", "1") ",5,[]");
	struct parse_report rep;
	struct server_info info;
	char text[200];

	ck_assert_int_eq(parse_dash(in, strlen(in), unit_collect, &got, &rep, &info), PARSE_OK);
	parse_report_text(&rep, PARSE_OK, text, sizeof text);
	ck_assert_str_eq(text, "2 entries skipped (first: entry 2, a value has the wrong JSON type)");
}
END_TEST

/* Make a document nested depth levels deep: open, depth times, then close. */
static char *
nested(const char *head, const char *open, const char *close, const char *tail, size_t depth, size_t *len)
{
	size_t lo = strlen(open), lc = strlen(close), lh = strlen(head), lt = strlen(tail);
	char *b = malloc(lh + depth * (lo + lc) + lt + 1), *p = b;

	ck_assert(b != NULL);
	memcpy(p, head, lh);
	p += lh;
	for (size_t i = 0; i < depth; i++, p += lo)
		memcpy(p, open, lo);
	for (size_t i = 0; i < depth; i++, p += lc)
		memcpy(p, close, lc);
	memcpy(p, tail, lt + 1);
	*len = (size_t)(p - b) + lt;
	return b;
}

/* Deep documents: head, opener, closer, tail, depth, result, detail. */
static const struct {
	const char *head, *open, *close, *tail;
	size_t depth;
	enum parse_err err;
	const char *detail;
} deep[] = {
	{ "", "[", "]", "", 10000, PARSE_ERR_JSON, "nested deeper than 2048 levels" },
	{ "", "{\"a\":", "}", "", 10000, PARSE_ERR_JSON, "nested deeper than 2048 levels" },
	{ "{\"clients_parsed\":", "[", "]", "}", 10000, PARSE_ERR_JSON, "nested deeper than 2048 levels" },
	{ "{\"clients_parsed\":[", "[", "]", "]}", 2000, PARSE_ERR_NO_ROWS, "entry 1 is an array, expected an object" },
	{ "", "[", "", "", 100000, PARSE_ERR_JSON, "nested deeper than 2048 levels" },
};

START_TEST(deep_nesting)
{
	size_t len;
	char *in = nested(deep[_i].head, deep[_i].open, deep[_i].close, deep[_i].tail, deep[_i].depth, &len);
	struct parse_report rep;
	struct server_info info;

	ck_assert_int_eq(parse_dash(in, len, unit_collect, &got, &rep, &info), deep[_i].err);
	ck_assert_msg(strstr(rep.detail, deep[_i].detail) != NULL, "detail \"%s\"", rep.detail);
	free(in);
}
END_TEST

START_TEST(overlong_address_is_skipped)
{
	char addr[300], in[1024];
	struct parse_report rep;
	struct server_info info;

	memset(addr, 'x', sizeof addr - 1);
	addr[sizeof addr - 1] = '\0';
	snprintf(in, sizeof in, DOC(ROW("%s", "1")), addr);
	ck_assert_int_eq(parse_dash(in, strlen(in), unit_collect, &got, &rep, &info), PARSE_ERR_NO_ROWS);
	ck_assert_str_eq(rep.detail, "entry 1: \"addr\" is longer than 255 bytes");
}
END_TEST

START_TEST(nul_bytes_in_the_body_are_refused)
{
	static const char in[] = "{\"clients_parsed\":[]}\0garbage";
	struct parse_report rep;
	struct server_info info;

	ck_assert_int_eq(parse_dash(in, sizeof in - 1, unit_collect, &got, &rep, &info), PARSE_ERR_JSON);
}
END_TEST

/* A sink that is full at once. */
static bool
refuse(void *ctx, const struct row *r)
{
	return false;
}

START_TEST(a_full_sink_stops_the_parse)
{
	static const char in[] = DOC(ROW("a", "1"));
	struct parse_report rep;
	struct server_info info;

	ck_assert_int_eq(parse_dash(in, strlen(in), refuse, NULL, &rep, &info), PARSE_ERR_NOMEM);
}
END_TEST

#define ONE_ENTRY "\"clients_parsed\":[{\"addr\":\"127.1.0.1\",\"NTP\":\"2\",\"Drop\":\"0\"," \
	"\"Int\":\"-2\",\"IntL\":\"-\",\"Last\":\"15\",\"Cmd\":\"2\"}]"

/* A count that is no count of clients, or contradicts the list: the rows
 * still count, with a warning that says what was odd. */
static const struct {
	const char *doc;
	bool have_count;
	const char *warning;
} counts[] = {
	{ "{\"count\":1," ONE_ENTRY "}", true, "" },
	{ "{\"count\":3," ONE_ENTRY "}", true, "\"count\" says 3 clients, the list holds 1" },
	{ "{\"count\":-1," ONE_ENTRY "}", false, "\"count\" is -1, not a number of clients: ignored" },
	{ "{\"count\":2.5," ONE_ENTRY "}", false, "\"count\" is 2.5, not a number of clients: ignored" },
	{ "{\"count\":\"7\"," ONE_ENTRY "}", false, "\"count\" is a string, not a number of clients: ignored" },
	{ "{\"count\":null," ONE_ENTRY "}", false, "" },
};

START_TEST(count_is_a_warning)
{
	struct parse_report rep;
	struct server_info info;

	memset(&got, 0, sizeof got);
	ck_assert_int_eq(parse_dash(counts[_i].doc, strlen(counts[_i].doc), unit_collect, &got, &rep, &info), PARSE_OK);
	ck_assert_uint_eq(got.n, 1);
	ck_assert_int_eq(info.have_count, counts[_i].have_count);
	ck_assert_str_eq(info.warning, counts[_i].warning);
}
END_TEST

/* Chrony Web Interface V1 sends its chronyc's failure in place of the
 * table: that is the server's error, not an unknown answer. */
START_TEST(v1_error_is_the_servers)
{
	size_t len;
	char *buf = unit_fixture("chrony-web-v1-error.json", &len);
	struct parse_report rep;
	struct server_info info;

	memset(&got, 0, sizeof got);
	ck_assert_int_ne(parse_dash(buf, len, unit_collect, &got, &rep, &info), PARSE_OK);
	ck_assert_uint_eq(got.n, 0);
	ck_assert_str_eq(info.format, "chrony-web-v1");
	ck_assert_str_eq(info.error, "Error: Command '['chronyc', 'clients']' returned non-zero exit status 1.");
	ck_assert_str_eq(info.time, "22-11-2026, 02:47:40");
	free(buf);
}
END_TEST

/* A document of no known shape names no application. */
START_TEST(format_unknown)
{
	static const char in[] = "{\"rows\":[]}";
	struct parse_report rep;
	struct server_info info;

	ck_assert_int_eq(parse_dash(in, strlen(in), unit_collect, &got, &rep, &info), PARSE_ERR_SCHEMA);
	ck_assert_ptr_null(info.format);
	ck_assert(!server_info_any(&info));
}
END_TEST

/* The server's clock: moving, then the same reading for several polls over
 * several seconds (a cached /data), then moving again; a poll without a
 * clock forgets it. */
START_TEST(server_clock_stops)
{
	struct server_clock c = { 0 };
	struct server_info a = { .time = "01-01-2026, 00:00:00" }, b = { .time = "01-01-2026, 00:00:02" };

	server_clock_update(&c, &a, 100.0, 1000);
	server_clock_update(&c, &b, 102.0, 1002);
	ck_assert(!c.frozen);
	ck_assert_int_eq(c.since, 1002);
	for (int i = 1; i < SERVER_FROZEN_POLLS; i++)
		server_clock_update(&c, &b, 102.0 + i, 1002 + i); /* enough polls, too few seconds */
	ck_assert(!c.frozen);
	server_clock_update(&c, &b, 102.0 + SERVER_FROZEN_SECS, 1002 + (time_t)SERVER_FROZEN_SECS);
	ck_assert(c.frozen);
	ck_assert_int_eq(c.since, 1002);
	server_clock_update(&c, &a, 110.0, 1010); /* it moved (even backwards) */
	ck_assert(!c.frozen);
	server_clock_update(&c, &a, 120.0, 1020); /* two polls only, however far apart */
	ck_assert(!c.frozen);
	server_clock_update(&c, NULL, 121.0, 1021);
	ck_assert_uint_eq(c.repeats, 0);
	ck_assert(!c.frozen);
}
END_TEST

START_TEST(server_clock_places_the_poll)
{
	struct server_clock c = { 0 };
	struct server_info a = { .time = "31-12-2026, 23:59:58" }, b = { .time = "01-01-2027, 00:00:08" };
	double secs;

	ck_assert(server_time_seconds("01-01-1970, 00:00:01", &secs) && secs == 1);
	ck_assert(server_time_seconds(b.time, &secs) && secs == 1798761608);
	ck_assert(!server_time_seconds("1-1-2027 00:00:08", &secs) && !server_time_seconds("01-13-2027, 00:00:08", &secs));
	ck_assert(server_poll_time(&c, NULL, 50.5) == 50.5); /* no clock: ours */
	ck_assert(server_poll_time(&c, &a, 100.25) == 100.25); /* the first reading: ours */
	ck_assert(server_poll_time(&c, &b, 110.75) == 110.75); /* within its second: ours, to the millisecond */
	ck_assert(server_poll_time(&c, &b, 113.5) == 111.25); /* a slow answer: when the server read it */
	b.time[1] = '2'; /* a day later by its clock: it jumped, start again */
	ck_assert(server_poll_time(&c, &b, 120.0) == 120.0);
}
END_TEST

/* Make the /data parser suite. */
static Suite *
dash_suite(void)
{
	Suite *s = suite_create("dash");
	TCase *fx = tcase_create("fixtures"), *bad = tcase_create("hostile");

	tcase_add_loop_test(fx, every_fixture, 0, sizeof fixtures / sizeof fixtures[0]);
	tcase_add_test(fx, mixed_values_and_unknown_cmd_group);
	tcase_add_test(fx, v1_keeps_the_cmd_group);
	tcase_add_test(fx, hundred_thousand_clients);
	tcase_add_test(fx, format_unknown);
	tcase_add_loop_test(fx, count_is_a_warning, 0, sizeof counts / sizeof counts[0]);
	tcase_add_test(fx, v1_error_is_the_servers);
	tcase_add_test(fx, server_clock_stops);
	tcase_add_test(fx, server_clock_places_the_poll);
	tcase_add_loop_test(bad, hostile_shapes, 0, sizeof shapes / sizeof shapes[0]);
	tcase_add_test(bad, server_error_is_kept_even_when_the_shape_is_wrong);
	tcase_add_test(bad, skipped_entries_are_counted_as_entries);
	tcase_add_loop_test(bad, deep_nesting, 0, sizeof deep / sizeof deep[0]);
	tcase_add_test(bad, overlong_address_is_skipped);
	tcase_add_test(bad, nul_bytes_in_the_body_are_refused);
	tcase_add_test(bad, a_full_sink_stops_the_parse);
	suite_add_tcase(s, fx);
	suite_add_tcase(s, bad);
	return s;
}

UNIT_MAIN(dash_suite)
