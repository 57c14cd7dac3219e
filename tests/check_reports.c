/* check_reports.c — the multi-report parser (parse_reports.c) on real chronyc
 * answers glued as one `chronyc -c -n -m ...` run prints them, and on bad input. */
#include "config.h"

#include <math.h>

#include "parse_reports.h"
#include "unit.h"
#include "unit_locale.h"

static struct collected got;
static struct server_data sd;

/* Read fixtures[0..] (NULL-terminated) glued together, as chronyc -m prints them. */
static char *
glue(const char *const *names, size_t *len)
{
	char *out = NULL;
	size_t n = 0;

	for (; *names; names++) {
		size_t l;
		char *b = unit_fixture(*names, &l);
		out = realloc(out, n + l + 1);
		ck_assert_ptr_nonnull(out);
		memcpy(out + n, b, l);
		n += l;
		out[n] = '\0';
		free(b);
	}
	*len = n;
	return out;
}

/* Parse in (NUL-terminated) into got and sd. */
static enum parse_err
run(const char *in, struct parse_report *rep)
{
	memset(&got, 0, sizeof got);
	return parse_reports(in, strlen(in), unit_collect, &got, &sd, rep);
}

/* Assert that v is known and within 1e-12 (relative) of want. */
static void
near(const struct srv_value *v, double want, const char *what)
{
	ck_assert_msg(v->known, "%s unknown", what);
	ck_assert_msg(fabs(v->num - want) <= 1e-12 * fmax(1.0, fabs(want)), "%s: %.12g, want %.12g", what, v->num, want);
}

static const char *const whole_run[] = {
	"n5-chronyclient-tracking.csv", "mixed-serverstats.csv", "n5-chronyclient-activity.csv",
	"n5-chronyclient-sources.csv", "n5-chronyclient-sourcestats.csv", "mixed-clients.csv",
	"n5-chronyclient-ntpdata.csv", NULL,
};

START_TEST(whole_run_of_real_answers)
{
	struct parse_report rep;
	size_t len;
	char *in = glue(whole_run, &len);

	ck_assert_int_eq(run(in, &rep), PARSE_OK);
	ck_assert_uint_eq(rep.skipped, 0);
	ck_assert_uint_eq(got.n, 7); /* the clients, as parse_csv reads them */
	ck_assert_str_eq(got.addr[0], "127.1.0.1");
	ck_assert_int_eq(sd.avail, SRV_AVAIL_LOCAL);
	for (int r = 0; r < SRV_REPORT_COUNT; r++)
		ck_assert_msg(sd.have[r], "report %d missing", r);
	/* tracking: 7F000001,127.0.0.1,11,1795315165.250288426,-0.000002464,0.000000410,0.000003977,
	 * -0.023,0.005,0.821,0.000008791,0.000003402,2.0,Normal */
	const struct srv_value *t = sd.tracking.v;
	ck_assert_uint_eq(t[TRK_REF_ID].count, 0x7F000001);
	ck_assert_str_eq(t[TRK_REF_NAME].text, "127.0.0.1");
	near(&t[TRK_STRATUM], 11, "stratum");
	near(&t[TRK_REF_TIME], 1795315165.250288426, "ref time");
	near(&t[TRK_SYSTEM_TIME], -0.000002464, "system time");
	near(&t[TRK_LAST_OFFSET], 0.000000410, "last offset");
	near(&t[TRK_RMS_OFFSET], 0.000003977, "rms offset");
	near(&t[TRK_FREQUENCY], -0.023, "frequency");
	near(&t[TRK_RESIDUAL_FREQ], 0.005, "residual");
	near(&t[TRK_SKEW], 0.821, "skew");
	near(&t[TRK_ROOT_DELAY], 0.000008791, "root delay");
	near(&t[TRK_ROOT_DISPERSION], 0.000003402, "root dispersion");
	near(&t[TRK_UPDATE_INTERVAL], 2.0, "update interval");
	ck_assert_uint_eq(t[TRK_LEAP].count, LEAP_NORMAL);
	ck_assert_str_eq(srv_word_name(srv_field(SRV_TRACKING, TRK_LEAP), &t[TRK_LEAP]), "Normal");
	/* serverstats of chrony 4.3: 11 columns, the 4.4 ones unknown */
	ck_assert_uint_eq(sd.serverstats.v[SST_NTP_RECEIVED].count, 76);
	ck_assert_uint_eq(sd.serverstats.v[SST_NTP_DROPPED].count, 38);
	ck_assert_uint_eq(sd.serverstats.v[SST_CMD_RECEIVED].count, 15);
	ck_assert(sd.serverstats.v[SST_TIMESTAMP_SPAN].known);
	for (int f = SST_DAEMON_RX; f < SST_COUNT; f++)
		ck_assert_msg(!sd.serverstats.v[f].known, "serverstats %d should be unknown", f);
	ck_assert_uint_eq(sd.activity.v[ACT_ONLINE].count, 1);
	ck_assert(sd.activity.v[ACT_UNRESOLVED].known);
	/* ^,*,127.0.0.1,10,1,177,1,0.000000290,0.000000700,0.000004449 and
	 * 127.0.0.1,7,4,8,0.005,0.744,0.000000007,0.000000736 */
	ck_assert_uint_eq(sd.nsources, 1);
	const struct srv_value *s = sd.sources[0].v;
	ck_assert_str_eq(srv_word_name(srv_field(SRV_SOURCES, SRC_MODE), &s[SRC_MODE]), "server");
	ck_assert_uint_eq(s[SRC_STATE].count, SRC_STATE_SELECTED);
	ck_assert_str_eq(s[SRC_STATE].text, "*");
	ck_assert_str_eq(s[SRC_ADDRESS].text, "127.0.0.1");
	near(&s[SRC_STRATUM], 10, "source stratum");
	near(&s[SRC_POLL], 1, "poll");
	ck_assert_uint_eq(s[SRC_REACH].count, 0177);
	near(&s[SRC_LAST_RX], 1, "last rx");
	near(&s[SRC_OFFSET], 0.000000290, "offset");
	near(&s[SRC_MEASURED_OFFSET], 0.000000700, "measured");
	near(&s[SRC_ERROR], 0.000004449, "error");
	ck_assert_uint_eq(s[SRC_NP].count, 7);
	ck_assert_uint_eq(s[SRC_NR].count, 4);
	ck_assert_uint_eq(s[SRC_SPAN].count, 8);
	near(&s[SRC_FREQUENCY], 0.005, "frequency");
	near(&s[SRC_FREQ_SKEW], 0.744, "skew");
	near(&s[SRC_EST_OFFSET], 0.000000007, "est offset");
	near(&s[SRC_STD_DEV], 0.000000736, "std dev");
	ck_assert_ptr_eq(server_data_source(&sd, "127.0.0.1"), &sd.sources[0]);
	/* ntpdata, 34 columns (chrony 4.3): the 4.4 counters unknown */
	const struct srv_value *n = sd.ntpdata.v;
	ck_assert_str_eq(n[NTP_REMOTE_ADDR].text, "127.0.0.1");
	ck_assert_uint_eq(n[NTP_REMOTE_PORT].count, 11124);
	ck_assert_str_eq(srv_word_name(srv_field(SRV_NTPDATA, NTP_MODE), &n[NTP_MODE]), "Server");
	near(&n[NTP_PRECISION], -25, "precision");
	ck_assert(!n[NTP_REF_NAME].known); /* printed empty */
	ck_assert_uint_eq(n[NTP_TESTS_C].count, 15);
	ck_assert_str_eq(n[NTP_TESTS_C].text, "1111");
	ck_assert(n[NTP_INTERLEAVED].known && n[NTP_INTERLEAVED].count == 0);
	ck_assert_uint_eq(n[NTP_TOTAL_GOOD_RX].count, 7);
	ck_assert(!n[NTP_HW_RX].known);
	free(in);
}
END_TEST

START_TEST(numbers_do_not_follow_the_locale)
{
	struct parse_report rep;
	size_t len;
	char *in = glue(whole_run, &len);

	unit_use_locale("de_DE.UTF-8");
	ck_assert_int_eq(run(in, &rep), PARSE_OK);
	unit_end_locale();
	near(&sd.tracking.v[TRK_SYSTEM_TIME], -0.000002464, "system time");
	near(&sd.sources[0].v[SRC_FREQ_SKEW], 0.744, "skew");
	free(in);
}
END_TEST

START_TEST(clients_alone_read_as_ever)
{
	struct parse_report rep;
	size_t len;
	char *in = unit_fixture("mixed-clients.csv", &len);

	ck_assert_int_eq(run(in, &rep), PARSE_OK);
	ck_assert_uint_eq(got.n, 7);
	ck_assert_uint_eq(rep.skipped, 0);
	ck_assert_int_eq(sd.avail, SRV_AVAIL_NONE);
	for (int r = 0; r < SRV_REPORT_COUNT; r++)
		ck_assert(!sd.have[r]);
	free(in);
}
END_TEST

/* serverstats as each chrony version prints it: how many columns are known. */
static const struct {
	const char *line;
	int known;
} widths[] = {
	{ "1,2,3,4,5\n", 5 },
	{ "1,2,3,4,5,6,7,8\n", 8 },
	{ "76,38,15,0,0,0,0,0,0,0,0\n", 11 },
	{ "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,9223372036854775807\n", 17 },
};

START_TEST(serverstats_by_version)
{
	char in[256];
	struct parse_report rep;

	snprintf(in, sizeof in, "7F000001,127.0.0.1,11,1.5,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,2.0,Normal\n%s",
	         widths[_i].line);
	ck_assert_int_eq(run(in, &rep), PARSE_OK);
	ck_assert_uint_eq(rep.skipped, 0);
	ck_assert(sd.have[SRV_SERVERSTATS] && sd.have[SRV_TRACKING]);
	for (int f = 0; f < SST_COUNT; f++)
		ck_assert_msg(sd.serverstats.v[f].known == (f < widths[_i].known), "field %d", f);
	if (widths[_i].known == 17)
		ck_assert_uint_eq(sd.serverstats.v[SST_HW_TX].count, INT64_MAX); /* exact, not a rounded double */
}
END_TEST

START_TEST(clientlog_drops_of_a_full_table)
{
	/* the plain serverstats of a chronyd with the default clientloglimit sent
	 * 10000 clients, its values in order as the CSV form prints them */
	size_t len, o = 0;
	char *txt = unit_fixture("defaultlimit-n10000-serverstats.txt", &len), csv[512];
	struct parse_report rep;

	for (char *p = strchr(txt, ':'); p; p = strchr(p + 1, ':'))
		o += (size_t)snprintf(csv + o, sizeof csv - o, "%s%ld", o ? "," : "", strtol(p + 1, NULL, 10));
	snprintf(csv + o, sizeof csv - o, "\n");
	ck_assert_int_eq(run(csv, &rep), PARSE_OK);
	ck_assert(sd.have[SRV_SERVERSTATS]);
	ck_assert_uint_eq(sd.serverstats.v[SST_NTP_RECEIVED].count, 10000);
	ck_assert_uint_eq(sd.serverstats.v[SST_LOG_DROPPED].count, 5904);
	free(txt);
}
END_TEST

START_TEST(more_sources_than_kept)
{
	static char in[SRV_SOURCES_MAX * 64 + 2048];
	size_t o = 0;
	struct parse_report rep;

	for (int i = 0; i < SRV_SOURCES_MAX + 3; i++)
		o += (size_t)snprintf(in + o, sizeof in - o, "^,-,10.0.%d.%d,2,6,377,5,0.001,0.001,0.01\n", i / 256,
		                      i % 256);
	for (int i = SRV_SOURCES_MAX - 1; i < SRV_SOURCES_MAX + 3; i++)
		o += (size_t)snprintf(in + o, sizeof in - o, "10.0.%d.%d,7,4,8,0.005,0.744,0.000000007,0.000000736\n",
		                      i / 256, i % 256);
	ck_assert_int_eq(run(in, &rep), PARSE_OK);
	ck_assert_uint_eq(rep.skipped, 0);
	ck_assert_uint_eq(sd.nsources, SRV_SOURCES_MAX);
	ck_assert_uint_eq(sd.sources_dropped, 3);
	ck_assert(sd.sources[SRV_SOURCES_MAX - 1].v[SRC_NP].known);
	ck_assert(!sd.sources[0].v[SRC_NP].known);
	ck_assert_ptr_nonnull(strstr(sd.note, "3 sources more"));
}
END_TEST

/* Hostile or broken runs: each line is skipped (counted, with why), the
 * report it would have been stays unknown, nothing else changes. */
#define TRK_HEAD "7F000001,127.0.0.1,"
#define TRK_TAIL ",0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,2.0,Normal\n"
static const struct {
	const char *in;
	enum line_err why;
	int lost;            /* the report that must not be there */
	size_t len;          /* bytes of in; 0: up to its NUL */
} hostile[] = {
	{ TRK_HEAD "x,1.5" TRK_TAIL, LINE_BAD_NUMBER, SRV_TRACKING, 0 },
	{ TRK_HEAD "11,1e9" TRK_TAIL, LINE_BAD_NUMBER, SRV_TRACKING, 0 },
	{ TRK_HEAD "11,nan" TRK_TAIL, LINE_BAD_NUMBER, SRV_TRACKING, 0 },
	{ TRK_HEAD "11,inf" TRK_TAIL, LINE_BAD_NUMBER, SRV_TRACKING, 0 },
	{ TRK_HEAD "11,-" TRK_TAIL, LINE_BAD_NUMBER, SRV_TRACKING, 0 },
	{ TRK_HEAD "11,1." TRK_TAIL, LINE_BAD_NUMBER, SRV_TRACKING, 0 },
	{ TRK_HEAD "11,.5" TRK_TAIL, LINE_BAD_NUMBER, SRV_TRACKING, 0 },
	{ TRK_HEAD "11,1,5" TRK_TAIL, LINE_FIELD_COUNT, -1, 0 },
	{ TRK_HEAD "11,12345678901234567890" TRK_TAIL, LINE_OUT_OF_RANGE, SRV_TRACKING, 0 },
	{ TRK_HEAD "11,0.00000000000000000000001" TRK_TAIL, LINE_OUT_OF_RANGE, SRV_TRACKING, 0 },
	{ TRK_HEAD "99999999,1.5" TRK_TAIL, LINE_OUT_OF_RANGE, SRV_TRACKING, 0 },
	{ "7F0000011,127.0.0.1,11,1.5" TRK_TAIL, LINE_OUT_OF_RANGE, SRV_TRACKING, 0 },
	{ "7G000001,127.0.0.1,11,1.5" TRK_TAIL, LINE_BAD_NUMBER, SRV_TRACKING, 0 },
	{ TRK_HEAD "11,1.5,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,2.0,Sometimes\n", LINE_BAD_TYPE, SRV_TRACKING, 0 },
	{ "7F000001,0123456789012345678901234567890123456789012345678,11,1.5" TRK_TAIL, LINE_BAD_ADDRESS,
	  SRV_TRACKING, 0 },
	{ "1,2,3,4,18446744073709551616\n", LINE_OUT_OF_RANGE, SRV_SERVERSTATS, 0 },
	{ "1,2,3,4,9223372036854775808\n", LINE_OUT_OF_RANGE, SRV_SERVERSTATS, 0 }, /* past int64, as the clients' */
	{ "^,*,127.0.0.1,10,1,400,1,0.1,0.1,0.1\n", LINE_OUT_OF_RANGE, SRV_SOURCES, 0 },
	{ "^,*,127.0.0.1,10,1,8,1,0.1,0.1,0.1\n", LINE_BAD_NUMBER, SRV_SOURCES, 0 },
	{ "^,*,,10,1,7,1,0.1,0.1,0.1\n", LINE_BAD_ADDRESS, SRV_SOURCES, 0 },
	{ "127.0.0.1,7,4,8,0.005,0.744,0.000000007,0.000000736\n", LINE_MISSING, SRV_SOURCESTATS, 0 },
	{ "1,2,3\n", LINE_FIELD_COUNT, -1, 0 },
	{ "a\0b,1\n", LINE_NUL, -1, 6 },
};

START_TEST(hostile_lines_are_skipped)
{
	struct parse_report rep;
	size_t len = hostile[_i].len ? hostile[_i].len : strlen(hostile[_i].in);

	memset(&got, 0, sizeof got);
	parse_reports(hostile[_i].in, len, unit_collect, &got, &sd, &rep);
	ck_assert_uint_eq(rep.skipped, 1);
	ck_assert_uint_eq(rep.bad_line, 1);
	ck_assert_int_eq(rep.bad_why, hostile[_i].why);
	if (hostile[_i].lost >= 0)
		ck_assert(!sd.have[hostile[_i].lost]);
	for (int f = 0; f < TRK_COUNT; f++)
		ck_assert(!sd.tracking.v[f].known);
	ck_assert_uint_eq(got.n, 0);
}
END_TEST

START_TEST(text_is_kept_raw)
{
	struct parse_report rep;

	ck_assert_int_eq(run("7F000001,a\x1b[2Jb,11,1.5" TRK_TAIL, &rep), PARSE_OK);
	ck_assert_str_eq(sd.tracking.v[TRK_REF_NAME].text, "a\x1b[2Jb"); /* the writers sanitise */
}
END_TEST

START_TEST(never_seen_source_has_no_last_rx)
{
	struct parse_report rep;

	ck_assert_int_eq(run("^,?,192.0.2.1,0,6,0,4294967295,0.0,0.0,0.0\n", &rep), PARSE_OK);
	ck_assert_uint_eq(sd.nsources, 1);
	ck_assert(!sd.sources[0].v[SRC_LAST_RX].known);
	ck_assert(sd.sources[0].v[SRC_REACH].known && sd.sources[0].v[SRC_REACH].count == 0);
	ck_assert_uint_eq(sd.sources[0].v[SRC_STATE].count, SRC_STATE_UNUSABLE);
}
END_TEST

START_TEST(run_commands_end_with_clients)
{
	size_t n = 0;

	while (reports_command(n))
		n++;
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(reports_command(0), "tracking");
	ck_assert_str_eq(reports_command(n - 1), "clients");
}
END_TEST

START_TEST(ntpdata_addresses)
{
	ck_assert(srv_ntpdata_addr_ok("127.0.0.1"));
	ck_assert(srv_ntpdata_addr_ok("2001:db8::1"));
	ck_assert(!srv_ntpdata_addr_ok(""));
	ck_assert(!srv_ntpdata_addr_ok("PPS0"));
	ck_assert(!srv_ntpdata_addr_ok("1.2.3.4 clients"));
	ck_assert(!srv_ntpdata_addr_ok("1.2.3.4\n"));
}
END_TEST

/* Make the suite. */
static Suite *
reports_suite(void)
{
	Suite *s = suite_create("reports");
	TCase *fx = tcase_create("fixtures"), *bad = tcase_create("bad input");

	tcase_add_test(fx, whole_run_of_real_answers);
	tcase_add_test(fx, numbers_do_not_follow_the_locale);
	tcase_add_test(fx, clients_alone_read_as_ever);
	tcase_add_loop_test(fx, serverstats_by_version, 0, sizeof widths / sizeof widths[0]);
	tcase_add_test(fx, clientlog_drops_of_a_full_table);
	tcase_add_test(fx, more_sources_than_kept);
	tcase_add_test(fx, never_seen_source_has_no_last_rx);
	tcase_add_test(bad, text_is_kept_raw);
	tcase_add_test(fx, run_commands_end_with_clients);
	tcase_add_test(fx, ntpdata_addresses);
	tcase_add_loop_test(bad, hostile_lines_are_skipped, 0, sizeof hostile / sizeof hostile[0]);
	suite_add_tcase(s, fx);
	suite_add_tcase(s, bad);
	return s;
}

UNIT_MAIN(reports_suite)
