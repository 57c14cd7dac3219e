/* check_server.c — the server's and its sources' verdicts (health_server.c),
 * their rates and text (serverdata.c), and the server in the batch reports
 * (output.c): JSON members, the status line by --check, every locale. */
#include "config.h"

#include <jansson.h>
#include <math.h>

#include "format.h"
#include "health_server.h"
#include "output.h"
#include "parse_reports.h"
#include "unit.h"
#include "unit_output.h"
#include "unit_locale.h"

static struct server_data sd;
static struct srv_limits lim;

/* A tracking line: reference ID, stratum, system time offset, root dispersion, leap. */
#define TRACKING(refid, stratum, offset, disp, leap) \
	refid ",127.0.0.1," stratum ",1795315165.25,"  offset ",0.0000004,0.000004,-0.023,0.005,0.821,0.0000088," disp ",2.0," leap "\n"
#define GOOD TRACKING("7F000001", "11", "-0.000002464", "0.000003402", "Normal")
#define STATS(logdrops) "76,38,15,0," logdrops ",0,0,0,0,0,0\n"
#define SELECTED "^,*,127.0.0.1,10,1,377,1,0.000000290,0.000000700,0.000004449\n"

/* Server runs and what the rules make of them. */
static const struct {
	const char *run;
	enum status st;
	const char *rule;    /* the first rule that fired; NULL none */
	const char *fired;   /* every rule that fired, by name, space-separated */
} verdicts[] = {
	{ GOOD STATS("0") SELECTED, STATUS_OK, NULL, "" },
	{ TRACKING("00000000", "0", "0.0", "0.0", "Not synchronised") SELECTED, STATUS_CRITICAL, "not-synchronised",
	  "not-synchronised" },
	{ TRACKING("7F000001", "16", "0.0", "0.0", "Normal") SELECTED, STATUS_CRITICAL, "stratum-16", "stratum-16" },
	{ GOOD "^,-,127.0.0.1,10,1,377,1,0.0,0.0,0.0\n", STATUS_CRITICAL, "no-selected-source", "no-selected-source" },
	{ GOOD STATS("0"), STATUS_OK, NULL, "" }, /* sources not read: not judged */
	{ TRACKING("7F000001", "11", "-0.050", "0.0", "Normal") SELECTED, STATUS_CRITICAL, "offset-critical",
	  "offset-critical" },
	{ TRACKING("7F000001", "11", "0.0499", "0.0", "Normal") SELECTED, STATUS_WARNING, "offset-warning",
	  "offset-warning" },
	{ TRACKING("7F000001", "11", "-0.0099", "0.0", "Normal") SELECTED, STATUS_OK, NULL, "" },
	{ TRACKING("7F000001", "11", "0.0", "0.1", "Normal") SELECTED, STATUS_WARNING, "root-dispersion",
	  "root-dispersion" },
	{ TRACKING("7F000001", "11", "0.0", "0.0", "Insert second") SELECTED, STATUS_WARNING, "leap-pending",
	  "leap-pending" },
	{ GOOD STATS("5904") SELECTED, STATUS_WARNING, "clientlog-full", "clientlog-full" },
	{ TRACKING("7F7F0101", "10", "0.0", "0.0", "Normal") "^,?,127.0.0.1,0,-2,0,4294967295,0.0,0.0,0.0\n",
	  STATUS_WARNING, "sources-faulty", "sources-faulty local-clock" },
	{ TRACKING("7F7F0101", "10", "0.0", "0.0", "Normal"), STATUS_OK, "local-clock", "local-clock" },
	{ GOOD SELECTED "^,x,127.0.0.2,3,6,377,1,0.1,0.1,0.0\n", STATUS_WARNING, "sources-faulty", "sources-faulty" },
	{ TRACKING("7F000001", "11", "0.2", "0.5", "Not synchronised") STATS("1"), STATUS_CRITICAL, "not-synchronised",
	  "not-synchronised offset-critical root-dispersion clientlog-full" },
};

/* Parse run (NUL-terminated) into sd. */
static void
read_run(const char *run)
{
	struct parse_report rep;
	struct collected *got = calloc(1, sizeof *got);

	ck_assert_int_eq(parse_reports(run, strlen(run), unit_collect, got, &sd, &rep), PARSE_OK);
	ck_assert_uint_eq(rep.skipped, 0);
	free(got);
}

START_TEST(server_verdicts)
{
	char names[256] = "", why[400];
	size_t o = 0;

	health_server_limits(&lim);
	read_run(verdicts[_i].run);
	struct srv_verdict sv = health_server_eval(&lim, &sd);
	ck_assert(sv.known);
	ck_assert_int_eq(sv.status, verdicts[_i].st);
	if (verdicts[_i].rule)
		ck_assert_str_eq(health_server_rule_name(sv.rule), verdicts[_i].rule);
	else
		ck_assert_int_eq(sv.rule, -1);
	for (int i = 0; i < health_server_rules(); i++) {
		if (sv.fired >> i & 1)
			o += (size_t)snprintf(names + o, sizeof names - o, "%s%s", o ? " " : "", health_server_rule_name(i));
		/* asked by name, as the header asks for clientlog-full */
		ck_assert_int_eq(health_server_fired(&sv, health_server_rule_name(i)), sv.fired >> i & 1);
	}
	ck_assert(!health_server_fired(&sv, "no-such-rule"));
	ck_assert_str_eq(names, verdicts[_i].fired);
	health_server_reason(&lim, &sd, sv.rule, why, sizeof why);
	ck_assert(why[0] != '\0');
}
END_TEST

START_TEST(reasons_say_what_and_how_much)
{
	char why[400];

	health_server_limits(&lim);
	read_run(TRACKING("7F000001", "11", "-0.0623", "0.0", "Normal") SELECTED);
	health_server_reason(&lim, &sd, health_server_eval(&lim, &sd).rule, why, sizeof why);
	ck_assert_str_eq(why, "system time offset 62.3 ms >= 50.0 ms");
	read_run(GOOD STATS("5904") SELECTED);
	health_server_reason(&lim, &sd, health_server_eval(&lim, &sd).rule, why, sizeof why);
	ck_assert_str_eq(why, "client list incomplete: chronyd dropped 5904 client log records; raise clientloglimit "
	                      "in chrony.conf");
	lim.warn_offset = 0.000001; /* the bounds are the caller's */
	read_run(GOOD SELECTED);
	ck_assert_str_eq(health_server_rule_name(health_server_eval(&lim, &sd).rule), "offset-warning");
	health_server_reason(&lim, &sd, -1, why, sizeof why);
	ck_assert_str_eq(why, "within limits");
}
END_TEST

START_TEST(no_tracking_is_not_judged)
{
	health_server_limits(&lim);
	read_run(STATS("5904") SELECTED);
	ck_assert(!health_server_eval(&lim, &sd).known);
	server_data_clients_only(&sd, "only clients");
	ck_assert(!health_server_eval(&lim, &sd).known);
}
END_TEST

/* Sources and what the rules make of them. */
static const struct {
	const char *line;
	enum status st;
	const char *reason;
} sources[] = {
	{ SELECTED, STATUS_OK, "selected (*)" },
	{ "^,+,127.0.0.1,10,1,377,1,0.0,0.0,0.0\n", STATUS_OK, "within limits" },
	{ "^,?,127.0.0.1,10,1,0,4294967295,0.0,0.0,0.0\n", STATUS_CRITICAL,
	  "unreachable: no answer in the last 8 polls (reach 0)" },
	{ "^,x,127.0.0.1,10,1,377,1,0.0,0.0,0.0\n", STATUS_WARNING, "falseticker: may be in error (x)" },
	{ "^,~,127.0.0.1,10,1,377,1,0.0,0.0,0.0\n", STATUS_WARNING, "jittery: too variable (~)" },
	{ "^,*,127.0.0.1,10,1,0,1,0.0,0.0,0.0\n", STATUS_CRITICAL, "unreachable: no answer in the last 8 polls (reach 0)" },
};

START_TEST(source_verdicts)
{
	char why[128];

	read_run(sources[_i].line);
	ck_assert_uint_eq(sd.nsources, 1);
	struct srv_verdict sv = health_source_eval(&sd.sources[0]);
	ck_assert_int_eq(sv.status, sources[_i].st);
	health_source_reason(&sd.sources[0], sv.rule, why, sizeof why);
	ck_assert_str_eq(why, sources[_i].reason);
}
END_TEST

START_TEST(rates_of_the_counters)
{
	struct srv_serverstats a = { 0 }, b = { 0 };
	struct srv_rates r;

	for (int f = 0; f < 11; f++) {
		b.v[f] = (struct srv_value){ .known = true, .count = 100, .num = 100 };
		a.v[f] = (struct srv_value){ .known = true, .count = 150, .num = 150 };
	}
	a.v[SST_CMD_DROPPED].count = 10; /* went back: chronyd restarted */
	srv_rates_compute(&r, &a, &b, 2.0);
	ck_assert(r.known[SST_NTP_RECEIVED] && r.v[SST_NTP_RECEIVED] == 25.0);
	ck_assert(!r.known[SST_CMD_DROPPED]);
	ck_assert(!r.known[SST_TIMESTAMPS_HELD]); /* a gauge */
	ck_assert(!r.known[SST_HW_TX]);           /* not printed by this chronyd */
	srv_rates_compute(&r, &a, &b, 0);
	ck_assert(!r.known[SST_NTP_RECEIVED]);
}
END_TEST

/* Values for people: field, value, text. */
START_TEST(values_for_people_in_every_locale)
{
	char buf[64];

	read_run(GOOD SELECTED);
	unit_use_locale("de_DE.UTF-8");
	srv_value_text(buf, sizeof buf, srv_field(SRV_TRACKING, TRK_SYSTEM_TIME), &sd.tracking.v[TRK_SYSTEM_TIME]);
	ck_assert_str_eq(buf, "-2.5 us");
	srv_value_text(buf, sizeof buf, srv_field(SRV_TRACKING, TRK_FREQUENCY), &sd.tracking.v[TRK_FREQUENCY]);
	ck_assert_str_eq(buf, "-0.023 ppm");
	srv_value_text(buf, sizeof buf, srv_field(SRV_TRACKING, TRK_REF_TIME), &sd.tracking.v[TRK_REF_TIME]);
	ck_assert_str_eq(buf, "2026-11-22 02:39:25 UTC");
	srv_value_text(buf, sizeof buf, srv_field(SRV_SOURCES, SRC_REACH), &sd.sources[0].v[SRC_REACH]);
	ck_assert_str_eq(buf, "377");
	srv_value_text(buf, sizeof buf, srv_field(SRV_SOURCES, SRC_STATE), &sd.sources[0].v[SRC_STATE]);
	ck_assert_str_eq(buf, "selected");
	srv_value_text(buf, sizeof buf, srv_field(SRV_SOURCES, SRC_NP), &sd.sources[0].v[SRC_NP]);
	ck_assert_str_eq(buf, "-"); /* no sourcestats came */
	fmt_offset(buf, sizeof buf, 0.9999999);
	ck_assert_str_eq(buf, "1.0 s");
	fmt_offset(buf, sizeof buf, 0.0009999);
	ck_assert_str_eq(buf, "999.9 us");
	unit_end_locale();
}
END_TEST

/* Write a report of sd with scope check in format f; the clients: csv.
 * The caller frees the text. */
static char *
render(enum out_format f, enum check_scope check, const char *csv, bool have_srv)
{
	health_server_limits(&lim);
	load(csv);
	struct report_server rs = { .data = &sd, .limits = &lim, .have = have_srv, .age = 1.5 };
	struct report r = { .kind = "chronyc", .target = "t", .have_data = true, .time = 1795000000, .m = m, .v = &v,
		            .h = &h, .srv = &rs, .check = check };
	ck_assert(write_report(f, &r));
	char *text = out;
	out = NULL;
	teardown();
	return text;
}

#define CLIENTS "a,1,0,-2,127,15,0,0,127,1\nb,9,3,-2,127,15,0,0,127,1\n" /* one ok, one warning */

START_TEST(json_server_object)
{
	size_t len;
	char *run = unit_fixture("n5-chronyclient-tracking.csv", &len), *all;
	json_error_t e;

	all = malloc(len + 200);
	snprintf(all, len + 200, "%s" STATS("0") SELECTED, run);
	read_run(all);
	char *text = render(FORMAT_JSON, CHECK_ALL, CLIENTS, true);
	json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, &e);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", e.text);
	json_t *srv = json_object_get(doc, "server"), *t = json_object_get(srv, "tracking");
	ck_assert_str_eq(json_string_value(json_object_get(srv, "available")), "local");
	ck_assert_str_eq(json_string_value(json_object_get(srv, "status")), "ok");
	ck_assert_str_eq(json_string_value(json_object_get(t, "ref_id")), "7F000001");
	ck_assert_int_eq(json_integer_value(json_object_get(t, "stratum")), 11);
	ck_assert(json_real_value(json_object_get(t, "system_time")) == -0.000002464);
	ck_assert(json_number_value(json_object_get(t, "ref_time")) == 1795315165.250288426);
	ck_assert_str_eq(json_string_value(json_object_get(t, "leap_status")), "Normal");
	ck_assert(json_is_null(json_object_get(json_object_get(srv, "serverstats"), "hw_tx_timestamps")));
	ck_assert(json_is_null(json_object_get(srv, "activity"))); /* did not come */
	ck_assert(json_is_null(json_object_get(srv, "ntpdata")));
	ck_assert(json_is_null(json_object_get(srv, "rates")));
	json_t *s0 = json_array_get(json_object_get(srv, "sources"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(s0, "state")), "selected");
	ck_assert_str_eq(json_string_value(json_object_get(s0, "state_symbol")), "*");
	ck_assert_str_eq(json_string_value(json_object_get(s0, "mode")), "server");
	ck_assert_int_eq(json_integer_value(json_object_get(s0, "reach")), 255);
	ck_assert(json_is_null(json_object_get(s0, "np")));
	ck_assert_str_eq(json_string_value(json_object_get(s0, "reason")), "selected (*)");
	json_decref(doc);
	free(text);
	free(run);
	free(all);
}
END_TEST

START_TEST(json_of_a_dashboard_says_clients_only)
{
	json_error_t e;

	server_data_clients_only(&sd, "a dashboard's /data carries only its clients");
	char *text = render(FORMAT_JSON, CHECK_ALL, CLIENTS, true);
	json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, &e), *srv = json_object_get(doc, "server");
	ck_assert_str_eq(json_string_value(json_object_get(srv, "available")), "clients-only");
	ck_assert_str_eq(json_string_value(json_object_get(srv, "note")), "a dashboard's /data carries only its clients");
	ck_assert(json_is_null(json_object_get(srv, "status")) && json_is_null(json_object_get(srv, "tracking")));
	ck_assert(json_is_null(json_object_get(srv, "sources")));
	json_decref(doc);
	free(text);
	text = render(FORMAT_TEXT, CHECK_ALL, CLIENTS, true); /* all: the clients alone decide */
	ck_assert_msg(strncmp(text, "TICCTOP WARNING - 2 clients: 1 ok, 1 warning, 0 critical |", 58) == 0, "%s", text);
	ck_assert_ptr_nonnull(strstr(text, "\nSERVER: a dashboard's /data carries only its clients\n"));
	free(text);
	text = render(FORMAT_TEXT, CHECK_SERVER, CLIENTS, true); /* server: there is none to judge */
	ck_assert_str_eq(strtok(text, "\n"), "TICCTOP UNKNOWN - server: not available: a dashboard's /data carries only "
	                                    "its clients |");
	free(text);
}
END_TEST

/* --check all when chronyd's data came without its tracking: the server
 * part says so, and UNKNOWN stands in for OK (not for a worse verdict). */
START_TEST(all_without_tracking_is_unknown)
{
	read_run(STATS("0") SELECTED);
	char *text = render(FORMAT_TEXT, CHECK_ALL, "a,1,0,-2,127,15,0,0,127,1\n", true);
	ck_assert_str_eq(strtok(text, "\n"), "TICCTOP UNKNOWN - 1 client: 1 ok, 0 warning, 0 critical - server: not "
	                                     "available: chronyd gave no tracking | clients=1 ok=1 warning=0 critical=0 "
	                                     "new=0 gone=0");
	free(text);
	text = render(FORMAT_TEXT, CHECK_ALL, CLIENTS, true);
	ck_assert_str_eq(strtok(text, "\n"), "TICCTOP WARNING - 2 clients: 1 ok, 1 warning, 0 critical - server: not "
	                                     "available: chronyd gave no tracking | clients=2 ok=1 warning=1 critical=0 "
	                                     "new=0 gone=0");
	free(text);
	text = render(FORMAT_TEXT, CHECK_CLIENTS, "a,1,0,-2,127,15,0,0,127,1\n", true);
	ck_assert_str_eq(strtok(text, "\n"), "TICCTOP OK - 1 client: 1 ok, 0 warning, 0 critical | clients=1 ok=1 "
	                                     "warning=0 critical=0 new=0 gone=0");
	free(text);
}
END_TEST

/* The status line and exit status by --check, for clients one ok one
 * warning and a server critical by its offset. */
static const struct {
	enum check_scope check;
	enum exit_status st;
	const char *line;
} scopes[] = {
	{ CHECK_ALL, EXIT_CRITICAL, "TICCTOP CRITICAL - 2 clients: 1 ok, 1 warning, 0 critical - server critical: "
	                           "system time offset 62.3 ms >= 50.0 ms | "
	                           "clients=2 ok=1 warning=1 critical=0 new=0 gone=0 offset=-0.062300000s;0.010000000;0.050000000 "
	                           "stratum=11 root_dispersion=0.000003402s;0.100000000" },
	{ CHECK_CLIENTS, EXIT_WARNING, "TICCTOP WARNING - 2 clients: 1 ok, 1 warning, 0 critical | clients=2 ok=1 "
	                               "warning=1 critical=0 new=0 gone=0" },
	{ CHECK_SERVER, EXIT_CRITICAL, "TICCTOP CRITICAL - server critical: system time offset 62.3 ms >= 50.0 ms | "
	                               "offset=-0.062300000s;0.010000000;"
	                               "0.050000000 stratum=11 root_dispersion=0.000003402s;0.100000000" },
};

START_TEST(status_line_by_check)
{
	read_run(TRACKING("7F000001", "11", "-0.0623", "0.000003402", "Normal") SELECTED);
	unit_use_locale("de_DE.UTF-8");
	char *text = render(FORMAT_TEXT, scopes[_i].check, CLIENTS, true);
	unit_end_locale();
	ck_assert_str_eq(strtok(text, "\n"), scopes[_i].line);
	free(text);
	health_init(&h, 1, 10);
	m = model_new();
	model_begin(m);
	unit_put(m, "a", 1, 0, false);
	unit_put(m, "b", 9, 3, false);
	model_end(m, &h, true, 0);
	struct report_server rs = { .data = &sd, .limits = &lim, .have = true };
	struct report r = { .kind = "chronyc", .target = "t", .have_data = true, .m = m, .h = &h, .srv = &rs,
		            .check = scopes[_i].check };
	ck_assert_int_eq(output_status(&r), scopes[_i].st);
	model_free(m);
}
END_TEST

/* Make the suite. */
static Suite *
server_suite(void)
{
	Suite *s = suite_create("server");
	TCase *hv = tcase_create("verdicts"), *reports = tcase_create("reports");

	tcase_add_loop_test(hv, server_verdicts, 0, sizeof verdicts / sizeof verdicts[0]);
	tcase_add_test(hv, reasons_say_what_and_how_much);
	tcase_add_test(hv, no_tracking_is_not_judged);
	tcase_add_loop_test(hv, source_verdicts, 0, sizeof sources / sizeof sources[0]);
	tcase_add_test(hv, rates_of_the_counters);
	tcase_add_test(hv, values_for_people_in_every_locale);
	tcase_add_test(reports, json_server_object);
	tcase_add_test(reports, json_of_a_dashboard_says_clients_only);
	tcase_add_test(reports, all_without_tracking_is_unknown);
	tcase_add_loop_test(reports, status_line_by_check, 0, sizeof scopes / sizeof scopes[0]);
	suite_add_tcase(s, hv);
	suite_add_tcase(s, reports);
	return s;
}

UNIT_MAIN(server_suite)
