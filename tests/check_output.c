/* check_output.c — JSON, CSV and text reports and the Nagios exit status. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <wchar.h>
#include <jansson.h>

#include "unit_output.h"
#include "unit_locale.h"

/* Write a report in format f into out. */
static void
render(enum out_format f, const char *error)
{
	struct report r = { .kind = "chronyc", .target = "chronyc -c -n clients", .error = error,
	                    .have_data = true, .time = 1795000000, .m = m, .v = &v, .h = &h, .utf8 = true };
	write_report(f, &r);
}

START_TEST(json_matches_schema)
{
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);
	json_error_t e;
	load(csv);
	render(FORMAT_JSON, NULL);
	json_t *doc = json_loads(out, JSON_REJECT_DUPLICATES, &e);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", e.text);
	ck_assert_int_eq(json_integer_value(json_object_get(doc, "ticctop")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "time")), "2026-11-18T11:06:40Z");
	json_t *src = json_object_get(doc, "source");
	ck_assert_str_eq(json_string_value(json_object_get(src, "kind")), "chronyc");
	ck_assert(json_is_true(json_object_get(src, "ok")));
	ck_assert(json_is_null(json_object_get(src, "error")));
	json_t *sum = json_object_get(doc, "summary");
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "total")), 7);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "shown")), 7);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "ok")), 4);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "warning")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "critical")), 1);
	json_t *clients = json_object_get(doc, "clients");
	ck_assert_uint_eq(json_array_size(clients), 7);
	/* address order: 127.1.0.1 first, ::1 last */
	json_t *c0 = json_array_get(clients, 0), *c6 = json_array_get(clients, 6), *c5 = json_array_get(clients, 5);
	ck_assert_str_eq(json_string_value(json_object_get(c0, "addr")), "127.1.0.1");
	ck_assert_str_eq(json_string_value(json_object_get(c0, "family")), "ipv4");
	ck_assert_str_eq(json_string_value(json_object_get(c6, "addr")), "::1");
	ck_assert_str_eq(json_string_value(json_object_get(c6, "family")), "ipv6");
	ck_assert_str_eq(json_string_value(json_object_get(c5, "addr")), "127.1.0.8");
	ck_assert_str_eq(json_string_value(json_object_get(c5, "status")), "critical");
	ck_assert_str_eq(json_string_value(json_object_get(c5, "reason")), "NTP drops 28 >= 10");
	json_t *ntp = json_object_get(c5, "ntp"), *cmd = json_object_get(c5, "cmd");
	ck_assert_int_eq(json_integer_value(json_object_get(ntp, "packets")), 40);
	ck_assert_int_eq(json_integer_value(json_object_get(ntp, "drops")), 28);
	ck_assert_int_eq(json_integer_value(json_object_get(ntp, "interval")), -5);
	ck_assert_int_eq(json_integer_value(json_object_get(ntp, "interval_limited")), -5);
	ck_assert_int_eq(json_integer_value(json_object_get(ntp, "last_seen")), 14);
	ck_assert_int_eq(json_integer_value(json_object_get(cmd, "packets")), 0);
	ck_assert(json_is_null(json_object_get(cmd, "interval")));
	ck_assert(json_is_null(json_object_get(cmd, "last_seen")));
	ck_assert_uint_eq(json_object_size(ntp), 6);
	ck_assert(json_is_null(json_object_get(ntp, "recent_drops"))); /* one sample: no window yet */
	ck_assert_uint_eq(json_object_size(cmd), 4);
	json_t *rate = json_object_get(c5, "rate"); /* issue 11: unknown stays unknown */
	ck_assert_uint_eq(json_object_size(rate), 5);
	ck_assert(json_is_null(json_object_get(rate, "ntp")) && json_is_null(json_object_get(rate, "window")));
	ck_assert(json_is_null(json_object_get(c5, "state")));
	ck_assert_str_eq(json_string_value(json_object_get(c5, "first_seen")), "2026-11-18T11:06:40Z");
	rate = json_object_get(sum, "rate");
	ck_assert(json_is_null(json_object_get(rate, "ntp")) && json_is_null(json_object_get(rate, "cmd")));
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "new")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "gone")), 0);
	ck_assert(json_is_null(json_object_get(sum, "restarted")));
	ck_assert_str_eq(json_string_value(json_object_get(sum, "judge")), "total");
	json_decref(doc);
	free(csv);
}
END_TEST

START_TEST(json_escapes_hostile_names)
{
	json_error_t e;
	load("evil\x1b[2J\"q\\\xff\xe2\x80\xae,1,0,-2,127,15,0,0,127,4294967295\n");
	render(FORMAT_JSON, "line1\nline2 \x1b]0;x\x07");
	ck_assert_ptr_null(strchr(out, '\x1b'));
	json_t *doc = json_loads(out, 0, &e);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", e.text);
	json_t *c = json_array_get(json_object_get(doc, "clients"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(c, "addr")), "evil\\x1b[2J\"q\\\\\\xff\\xe2\\x80\\xae");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(doc, "source"), "error")),
	                 "line1\\x0aline2 \\x1b]0;x\\x07");
	json_decref(doc);
}
END_TEST

START_TEST(json_is_ascii_and_round_trips)
{
	json_error_t e;
	load("caf\xc3\xa9\xf0\x9f\x95\x92\xc4\x9b,1,0,-2,127,15,0,0,127,4294967295\n");
	render(FORMAT_JSON, NULL);
	for (const char *p = out; *p; p++)
		ck_assert_msg((unsigned char)*p < 0x80, "byte 0x%02x in JSON (a C1 control on an 8-bit terminal)", (unsigned char)*p);
	ck_assert_ptr_nonnull(strstr(out, "\"caf\\u00e9\\ud83d\\udd52\\u011b\""));
	json_t *doc = json_loads(out, 0, &e);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", e.text);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(doc, "clients"), 0), "addr")),
	                 "caf\xc3\xa9\xf0\x9f\x95\x92\xc4\x9b");
	json_decref(doc);
}
END_TEST

START_TEST(csv_escapes_beyond_ascii_without_utf8)
{
	load("\xc4\x9b,1,0,-2,127,15,0,0,127,4294967295\n");
	struct report r = { .kind = "chronyc", .target = "t", .have_data = true, .m = m, .v = &v, .h = &h, .utf8 = false };
	FILE *fp = open_memstream(&out, &outlen);
	output_write(fp, FORMAT_CSV, &r);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(out, "\r\n\\xc4\\x9b,hostname,"));
}
END_TEST

START_TEST(csv_header_quoting_and_unknowns)
{
	load("127.0.0.1,2,0,-2,127,15,0,0,127,4294967295\nhost\"x\",y,1,0,-2,127,15,0,0,127,1\nhost,z,1,0,-2,127,15,0,0,127,1\n");
	render(FORMAT_CSV, NULL);
	ck_assert_str_eq(out,
		"addr,family,status,reason,ntp_packets,ntp_drops,ntp_interval,ntp_interval_limited,ntp_last_seen,"
		"cmd_packets,cmd_drops,cmd_interval,cmd_last_seen,rate_ntp,rate_drops,rate_cmd,rate_drop_share,rate_window,"
		"ntp_recent_drops,state,first_seen,time,age,stale\r\n"
		"127.0.0.1,ipv4,ok,within limits,2,0,-2,,15,0,0,,,,,,,,,,2026-11-18T11:06:40Z,2026-11-18T11:06:40Z,0.0,false\r\n");
	/* the two hostile lines have 11 fields: skipped, not mangled */
}
END_TEST

START_TEST(csv_quotes_fields)
{
	struct row r = { .addr = "a \"b\"", .len = 5 };
	health_init(&h, 1, 10);
	m = model_new();
	model_begin(m);
	sample_set(&r.s, FIELD_NTP_DROPS, 3);
	model_put(m, &r);
	model_end(m, &h, true, 0);
	view_init(&v);
	view_update(&v, m);
	render(FORMAT_CSV, NULL);
	ck_assert_ptr_nonnull(strstr(out, "\r\n\"a \"\"b\"\"\",hostname,warning,NTP drops 3 >= 1,,3,"));
}
END_TEST

START_TEST(text_has_nagios_line_and_rows)
{
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);
	load(csv);
	render(FORMAT_TEXT, NULL);
	ck_assert_msg(strncmp(out, "TICCTOP CRITICAL - 7 clients: 4 ok, 2 warning, 1 critical | clients=7 ok=4 warning=2 critical=1\n",
	                      strlen("TICCTOP CRITICAL - 7 clients: 4 ok, 2 warning, 1 critical | clients=7")) == 0, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "critical 127.1.0.8"));
	ck_assert_ptr_nonnull(strstr(out, "62.5 ms"));
	free(csv);
}
END_TEST

/* The status line counts new and gone clients, in words and perfdata. */
START_TEST(text_counts_new_and_gone)
{
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);
	const char *next = "127.1.0.1,3,0,-2,127,1,2,0,-3,15\n127.9.9.9,1,0,-2,127,0,0,0,127,4294967295\n";
	struct parse_report rep;
	load(csv);
	model_configure(m, 300, 10);
	render(FORMAT_TEXT, NULL);
	ck_assert_msg(strstr(out, " new=0 gone=0") != NULL && strstr(out, ", +") == NULL, "%s", out);
	free(out);
	out = NULL;
	model_begin(m);
	ck_assert_int_eq(parse_csv(next, strlen(next), model_put, m, &rep), PARSE_OK);
	model_end(m, &h, true, 1);
	ck_assert(view_update(&v, m));
	render(FORMAT_TEXT, NULL);
	const char *line = "TICCTOP CRITICAL - 8 clients: 5 ok, 2 warning, 1 critical, +1 new, -6 gone | "
	                   "clients=8 ok=5 warning=2 critical=1 new=1 gone=6 ";
	ck_assert_msg(strncmp(out, line, strlen(line)) == 0, "%s", out);
	free(csv);
}
END_TEST

START_TEST(skipped_lines_are_shown)
{
	json_error_t e;
	load("a,1,0,-2,127,15,0,0,127,1\n");
	struct report r = { .kind = "chronyc", .target = "t", .have_data = true, .time = 0, .m = m, .v = &v, .h = &h,
	                    .skipped = 2, .skip_note = "2 lines skipped (first: line 3, a NUL byte in the line)" };
	FILE *fp = open_memstream(&out, &outlen);
	output_write(fp, FORMAT_JSON, &r);
	fclose(fp);
	json_t *doc = json_loads(out, 0, &e);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", e.text);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(doc, "source"), "skipped")), 2);
	json_decref(doc);
	free(out);
	fp = open_memstream(&out, &outlen);
	output_write(fp, FORMAT_TEXT, &r);
	fclose(fp);
	ck_assert_msg(strncmp(out, "TICCTOP OK - 1 client: 1 ok, 0 warning, 0 critical - 2 lines skipped (first: line 3, "
	                           "a NUL byte in the line) | ", 100) == 0, "%s", out);
	free(out);
	r.skip_note = "bad \x1b]0;x\x07 \xe2\x80\xae";  /* the note is escaped like any text */
	fp = open_memstream(&out, &outlen);
	output_write(fp, FORMAT_TEXT, &r);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(out, " - bad \\x1b]0;x\\x07 \\xe2\\x80\\xae | "));
}
END_TEST

/* CSV rows, error, and the expected exit status. */
static const struct {
	const char *csv;
	const char *error;
	enum exit_status st;
} statuses[] = {
	{ "a,1,0,-2,127,15,0,0,127,1\n", NULL, EXIT_OK },
	{ "a,1,0,-2,127,15,0,0,127,1\nb,9,3,-2,127,15,0,0,127,1\n", NULL, EXIT_WARNING },
	{ "a,1,0,-2,127,15,0,0,127,1\nb,90,30,-2,127,15,0,0,127,1\n", NULL, EXIT_CRITICAL },
	{ "a,1,0,-2,127,15,0,0,127,1\n", "506 Cannot talk to daemon", EXIT_UNKNOWN },
	{ "", NULL, EXIT_OK },
};

START_TEST(exit_status_table)
{
	load(statuses[_i].csv);
	struct report r = { .kind = "chronyc", .target = "", .error = statuses[_i].error, .have_data = true,
	                    .m = m, .v = &v, .h = &h };
	ck_assert_int_eq(output_status(&r), statuses[_i].st);
	r.have_data = false;
	ck_assert_int_eq(output_status(&r), EXIT_UNKNOWN);
}
END_TEST

START_TEST(shared_name_is_two_clients)
{
	json_error_t e;
	load("client.example.org,5,12,-3,-3,1,0,0,127,4294967295\n"
	     "client.example.org,5,0,-3,127,1,0,0,127,4294967295\n"
	     "127.0.0.1,5,0,-3,127,1,0,0,127,4294967295\n");
	render(FORMAT_JSON, NULL);
	json_t *doc = json_loads(out, JSON_REJECT_DUPLICATES, &e);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", e.text);
	json_t *sum = json_object_get(doc, "summary"), *cl = json_object_get(doc, "clients");
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "total")), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "critical")), 1);
	ck_assert(json_is_true(json_object_get(json_array_get(cl, 0), "shared_name"))); /* host names first */
	ck_assert(json_is_true(json_object_get(json_array_get(cl, 1), "shared_name")));
	ck_assert(json_is_false(json_object_get(json_array_get(cl, 2), "shared_name"))); /* 127.0.0.1 */
	json_decref(doc);
	free(out);
	render(FORMAT_TEXT, NULL);
	ck_assert_msg(strncmp(out, "TICCTOP CRITICAL - 3 clients: 2 ok, 0 warning, 1 critical", 57) == 0, "%s", out);
}
END_TEST

START_TEST(stream_staleness_and_failed_writes)
{
	load("127.0.0.1,2,0,-2,127,15,0,0,127,4294967295\n");
	model_begin(m); /* the poll 12.25 s later failed */
	model_end(m, &h, false, 12.25);
	struct report r = { .kind = "chronyc", .target = "t", .error = "506 Cannot talk to daemon\x1b[2J",
	                    .have_data = true, .age = 12.25, .time = 1795000000, .m = m, .v = &v, .h = &h,
	                    .utf8 = true, .continued = true };
	FILE *fp = open_memstream(&out, &outlen); /* a later CSV report: no header, rows marked stale */
	ck_assert(output_write(fp, FORMAT_CSV, &r));
	fclose(fp);
	ck_assert_str_eq(out, "127.0.0.1,ipv4,ok,within limits,2,0,-2,,15,0,0,,,,,,,,,,2026-11-18T11:06:40Z,"
	                      "2026-11-18T11:06:40Z,12.2,true\r\n");
	free(out);
	fp = open_memstream(&out, &outlen); /* text on a failure: Nagios's one line, nothing stale */
	ck_assert(output_write(fp, FORMAT_TEXT, &r));
	fclose(fp);
	ck_assert_str_eq(out, "TICCTOP UNKNOWN - 506 Cannot talk to daemon\\x1b[2J\n");
	ck_assert_int_eq(output_status(&r), EXIT_UNKNOWN);
	free(out);
	out = NULL;
	for (int f = 0; f < FORMAT_COUNT; f++) { /* a report that cannot be written says so */
		fp = fopen("/dev/full", "w");
		ck_assert_ptr_nonnull(fp);
		errno = 0;
		ck_assert(!output_write(fp, (enum out_format)f, &r));
		ck_assert_int_eq(errno, ENOSPC);
		fclose(fp);
	}
}
END_TEST

/* Terminal columns of s[0..len) (UTF-8, the locale's wcwidth). */
static size_t
columns(const char *s, size_t len)
{
	size_t cols = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < len;) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + i, len - i, &st);
		ck_assert(k > 0 && k <= 4);
		cols += (size_t)wcwidth(wc);
		i += k;
	}
	return cols;
}

START_TEST(text_pads_by_display_width)
{
	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C.UTF-8"));
	load("\xd0\xba\xd0\xbb\xd0\xb8\xd0\xb5\xd0\xbd\xd1\x82,1,0,-2,127,15,0,0,127,4294967295\n" /* 6 columns, 12 bytes */
	     "\xe4\xb8\xad\xe6\x96\x87,1,0,-2,127,15,0,0,127,4294967295\n"                    /* 4 columns, 6 bytes */
	     "abcdefgh,1,0,-2,127,15,0,0,127,4294967295\n");
	render(FORMAT_TEXT, NULL);
	const char *line = strchr(out, '\n') + 1, *end = strchr(line, '\n');
	size_t head = columns(line, (size_t)(end - line));
	for (int k = 0; k < 3; k++) { /* every row as wide as the headings, in columns */
		line = end + 1;
		end = strchr(line, '\n');
		ck_assert_msg(columns(line, (size_t)(end - line)) == head, "row %d: %.*s", k, (int)(end - line), line);
	}
	setlocale(LC_CTYPE, "C");
}
END_TEST

/* Write a fleet of three in format f into out: the model twice (a and b,
 * b's last poll failed) and a server that never answered (c). */
static void
render_fleet(enum out_format f, struct model *empty, struct view *none, size_t nr)
{
	struct report r[3] = {
		{ .name = "a", .kind = "http", .target = "http://a/data", .have_data = true, .time = 1795000000,
		  .m = m, .v = &v, .h = &h, .utf8 = true },
		{ .name = "b,\x1b", .kind = "chronyc", .target = "chronyc -c -n clients", .error = "b: no answer",
		  .have_data = true, .time = 1795000000, .m = m, .v = &v, .h = &h, .utf8 = true },
		{ .name = "c", .kind = "http", .target = "http://c/data", .error = "c: refused", .time = 1795000000,
		  .m = empty, .v = none, .h = &h, .utf8 = true },
	};
	FILE *fp = open_memstream(&out, &outlen);
	ck_assert(output_write_fleet(fp, f, r, nr));
	fclose(fp);
	ck_assert_int_eq(output_fleet_status(r, nr), EXIT_CRITICAL); /* a's critical client counts, c's failure does not hide it */
}

/* A fleet's JSON: the summary of all, a server each with its own parts;
 * text: one status line (worst state, failed servers named), then each
 * server; CSV: a server column. */
START_TEST(fleet_reports)
{
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);
	struct model *empty = model_new();
	struct view none;
	json_error_t e;

	view_init(&none);
	ck_assert(view_update(&none, empty));
	load(csv);
	render_fleet(FORMAT_JSON, empty, &none, 3);
	json_t *doc = json_loads(out, JSON_REJECT_DUPLICATES, &e);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", e.text);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(doc, "summary"), "total")), 14);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(doc, "summary"), "critical")), 2);
	ck_assert_ptr_null(json_object_get(doc, "source"));
	json_t *servers = json_object_get(doc, "servers");
	ck_assert_uint_eq(json_array_size(servers), 3);
	json_t *b = json_array_get(servers, 1), *c = json_array_get(servers, 2);
	ck_assert_str_eq(json_string_value(json_object_get(b, "name")), "b,\\x1b");
	ck_assert(json_is_false(json_object_get(json_object_get(b, "source"), "ok")));
	ck_assert_uint_eq(json_array_size(json_object_get(b, "clients")), 7);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(b, "summary"), "warning")), 2);
	ck_assert(json_is_null(json_object_get(json_object_get(c, "source"), "age")));
	ck_assert_uint_eq(json_array_size(json_object_get(c, "clients")), 0);
	json_decref(doc);
	free(out);

	render_fleet(FORMAT_TEXT, empty, &none, 3);
	ck_assert_msg(strncmp(out, "TICCTOP CRITICAL - 3 servers, 14 clients: 8 ok, 4 warning, 2 critical; "
	                           "UNKNOWN: b,\\x1b, c | servers=3 failed=2 clients=14", 106) == 0, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "\n== a (http://a/data)\nTICCTOP CRITICAL - 7 clients"));
	ck_assert_ptr_nonnull(strstr(out, "\n== c (http://c/data)\nTICCTOP UNKNOWN - c: refused\n"));
	free(out);

	render_fleet(FORMAT_CSV, empty, &none, 3);
	ck_assert(strncmp(out, "server,addr,family,status,reason,", 33) == 0);
	ck_assert_ptr_nonnull(strstr(out, "\r\na,127.1.0.1,ipv4,"));
	ck_assert_ptr_nonnull(strstr(out, "\r\n\"b,\\x1b\",127.1.0.1,ipv4,"));
	ck_assert_ptr_null(strstr(out + 1, "server,addr")); /* one header */
	free(csv);
	model_free(empty);
	view_free(&none);
}
END_TEST

/* The rate of a fleet's summary (JSON, and the text line's perfdata): the
 * sum of its servers' when every server's is known, else unknown. */
START_TEST(fleet_summary_sums_the_rates)
{
	struct model *empty = model_new();
	struct view none;
	struct rate_totals t;
	struct parse_report rep;
	static const char second[] = "127.1.0.1,30,12,-2,127,1,4,0,127,1\n127.1.0.2,5,0,-2,127,1,0,0,127,4294967295\n";
	json_error_t e;

	view_init(&none);
	ck_assert(view_update(&none, empty));
	load("127.1.0.1,10,2,-2,127,1,2,0,127,1\n127.1.0.2,5,0,-2,127,1,0,0,127,4294967295\n");
	model_begin(m);
	ck_assert_int_eq(parse_csv(second, strlen(second), model_put, m, &rep), PARSE_OK);
	model_end(m, &h, true, 10.0);
	ck_assert(view_update(&v, m));
	model_rate_totals(m, &t);
	ck_assert(t.known && t.ntp > 0 && t.drops > 0 && t.cmd > 0);

	render_fleet(FORMAT_JSON, empty, &none, 2); /* a and b: both known */
	json_t *doc = json_loads(out, JSON_REJECT_DUPLICATES, &e);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", e.text);
	json_t *rate = json_object_get(json_object_get(doc, "summary"), "rate");
	ck_assert_double_eq_tol(json_real_value(json_object_get(rate, "ntp")), 2 * t.ntp, 0.002);
	ck_assert_double_eq_tol(json_real_value(json_object_get(rate, "drops")), 2 * t.drops, 0.002);
	ck_assert_double_eq_tol(json_real_value(json_object_get(rate, "cmd")), 2 * t.cmd, 0.002);
	json_decref(doc);
	free(out);
	render_fleet(FORMAT_TEXT, empty, &none, 2);
	char want[128];
	snprintf(want, sizeof want, " new=%zu gone=%zu ntp_rate=%.3f drop_rate=%.3f cmd_rate=%.3f\n", 2 * t.new_clients,
	         2 * t.gone_clients, 2 * t.ntp, 2 * t.drops, 2 * t.cmd);
	ck_assert_msg(strstr(out, want) && strstr(out, want) < strchr(out, '\n'), "%s", out);
	free(out);

	render_fleet(FORMAT_JSON, empty, &none, 3); /* c never answered: the fleet's rate is unknown */
	doc = json_loads(out, JSON_REJECT_DUPLICATES, &e);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", e.text);
	rate = json_object_get(json_object_get(doc, "summary"), "rate");
	ck_assert(json_is_null(json_object_get(rate, "ntp")) && json_is_null(json_object_get(rate, "cmd")));
	rate = json_object_get(json_object_get(json_array_get(json_object_get(doc, "servers"), 0), "summary"), "rate");
	ck_assert_double_eq_tol(json_real_value(json_object_get(rate, "ntp")), t.ntp, 0.002); /* a's own stays */
	json_decref(doc);
	free(out);
	render_fleet(FORMAT_TEXT, empty, &none, 3);
	*strchr(out, '\n') = '\0'; /* the status line: no rates */
	ck_assert_msg(strstr(out, "ntp_rate") == NULL, "%s", out);
	model_free(empty);
	view_free(&none);
}
END_TEST

START_TEST(numbers_ignore_the_locale)
{
	char probe[16];
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);
	json_error_t e;
	unit_use_locale("de_DE.UTF-8");
	snprintf(probe, sizeof probe, "%.1f", 0.5);
	ck_assert_str_eq(probe, "0,5"); /* the locale is in force */
	load(csv);
	struct report r = { .kind = "chronyc", .target = "t", .have_data = true, .age = 0.5, .time = 1795000000,
	                    .m = m, .v = &v, .h = &h, .utf8 = true };
	FILE *fp = open_memstream(&out, &outlen);
	output_write(fp, FORMAT_JSON, &r);
	fclose(fp);
	json_t *doc = json_loads(out, JSON_REJECT_DUPLICATES, &e);
	ck_assert_msg(doc != NULL, "invalid JSON under a decimal-comma locale: %s", e.text);
	ck_assert(json_real_value(json_object_get(json_object_get(doc, "source"), "age")) == 0.5);
	json_decref(doc);
	snprintf(probe, sizeof probe, "%.1f", 0.5);
	ck_assert_str_eq(probe, "0,5"); /* and is again after the report */
	free(csv);
	unit_end_locale();
}
END_TEST

/* Every card label fits an expanded card's label column with a gap. */
START_TEST(card_labels_fit)
{
	for (int f = 0; f < FIELD_ALL; f++)
		ck_assert_msg(strlen(field_info(f)->card) <= FIELD_CARD_MAX, "%s", field_info(f)->card);
}
END_TEST

/* Make the output suite. */
static Suite *
output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *t = tcase_create("output");

	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, json_matches_schema);
	tcase_add_test(t, card_labels_fit);
	tcase_add_test(t, json_escapes_hostile_names);
	tcase_add_test(t, json_is_ascii_and_round_trips);
	tcase_add_test(t, csv_escapes_beyond_ascii_without_utf8);
	tcase_add_test(t, csv_header_quoting_and_unknowns);
	tcase_add_test(t, csv_quotes_fields);
	tcase_add_test(t, text_has_nagios_line_and_rows);
	tcase_add_test(t, text_counts_new_and_gone);
	tcase_add_test(t, skipped_lines_are_shown);
	tcase_add_test(t, numbers_ignore_the_locale);
	tcase_add_test(t, fleet_reports);
	tcase_add_test(t, fleet_summary_sums_the_rates);
	tcase_add_test(t, text_pads_by_display_width);
	tcase_add_test(t, stream_staleness_and_failed_writes);
	tcase_add_test(t, shared_name_is_two_clients);
	tcase_add_loop_test(t, exit_status_table, 0, sizeof statuses / sizeof statuses[0]);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(output_suite)
