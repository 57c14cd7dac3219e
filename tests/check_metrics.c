/* check_metrics.c — the Prometheus exposition and the InfluxDB line protocol. */
#include "config.h"

#include "output_prom.h"
#include "unit_output.h"
#include "unit_locale.h"

/* A report of the loaded model for server `name`. */
static struct report
report(const char *name, long max_series)
{
	return (struct report){ .kind = "chronyc", .target = "chronyc -c -n clients", .name = name, .have_data = true,
	                        .age = 1.5, .time = 1795000000, .m = m, .v = &v, .h = &h, .utf8 = true,
	                        .max_series = max_series };
}

/* Write r in format f into out. */
static void
render(enum out_format f, const struct report *r)
{
	ck_assert(write_report(f, r));
}

/* Lines of out that start with prefix. */
static int
count_lines(const char *prefix)
{
	int n = 0;
	for (const char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		n += strncmp(l, prefix, strlen(prefix)) == 0;
	return n;
}

START_TEST(prom_families_once_in_base_units)
{
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);
	load(csv);
	struct report r = report("ntp1", 0);
	render(FORMAT_PROM, &r);
	ck_assert_int_eq(count_lines("# TYPE ticctop_client_ntp_packets_total counter\n"), 1);
	ck_assert_int_eq(count_lines("# TYPE ticctop_client_ntp_interval_seconds gauge\n"), 1);
	ck_assert_int_eq(count_lines("ticctop_client_status{"), 7);
	ck_assert_ptr_nonnull(strstr(out, "ticctop_client_ntp_drops_total{server=\"ntp1\",addr=\"127.1.0.8\","
	                                  "family=\"ipv4\"} 28\n"));
	/* log2 -5 is 1/32 s */
	ck_assert_ptr_nonnull(strstr(out, "ticctop_client_ntp_interval_seconds{server=\"ntp1\",addr=\"127.1.0.8\","
	                                  "family=\"ipv4\"} 0.03125\n"));
	ck_assert_ptr_nonnull(strstr(out, "ticctop_client_status{server=\"ntp1\",addr=\"127.1.0.8\",family=\"ipv4\"} 2\n"));
	ck_assert_ptr_nonnull(strstr(out, "ticctop_clients_by_status{server=\"ntp1\",status=\"warning\"} 2\n"));
	ck_assert_ptr_nonnull(strstr(out, "ticctop_source_age_seconds{server=\"ntp1\"} 1.5\n"));
	ck_assert_ptr_null(strstr(out, "ticctop_server_clients{")); /* a local source says nothing of itself */
	/* an unknown value is no series: 127.1.0.3 sent no command */
	ck_assert_ptr_null(strstr(out, "cmd_interval_seconds{server=\"ntp1\",addr=\"127.1.0.3\""));
	free(csv);
}
END_TEST

START_TEST(prom_labels_escaped)
{
	load("a\"b\\c\x1b[2J,1,0,-5,127,2,0,0,127,4294967295\n");
	struct report r = report("srv \"x\"\nnew\\", 0);
	render(FORMAT_PROM, &r);
	/* sanitised (a backslash shows as two, ESC as \x1b, a newline as \x0a), then escaped */
	ck_assert_ptr_nonnull(strstr(out, "ticctop_client_status{server=\"srv \\\"x\\\"\\\\x0anew\\\\\\\\\","
	                                  "addr=\"a\\\"b\\\\\\\\c\\\\x1b[2J\",family=\"hostname\"} 0\n"));
}
END_TEST

START_TEST(prom_max_series_cuts_whole_clients)
{
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);
	load(csv);
	struct report r = report("s", 1);
	ck_assert_uint_eq(output_omitted(FORMAT_PROM, &r, 1), 7); /* the summary's series come first */
	while (output_omitted(FORMAT_PROM, &r, 1) > 5)
		r.max_series++;
	render(FORMAT_PROM, &r);
	ck_assert_int_eq(count_lines("ticctop_client_status{"), 2); /* whole clients */
	ck_assert_ptr_nonnull(strstr(out, "ticctop_clients_omitted{server=\"s\"} 5\n"));
	int series = 0;
	for (const char *l = out; *l; l = strchr(l, '\n') + 1)
		series += *l != '#';
	ck_assert_int_le(series, r.max_series);
	r.max_series = 0;
	ck_assert_uint_eq(output_omitted(FORMAT_PROM, &r, 1), 0);
	ck_assert_uint_eq(output_omitted(FORMAT_JSON, &r, 1), 0);
	free(csv);
}
END_TEST

START_TEST(prom_two_servers_one_exposition)
{
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);
	load(csv);
	struct report both[] = { report("a", 0), report("b", 0) };
	FILE *fp = open_memstream(&out, &outlen);
	ck_assert(output_write_fleet(fp, FORMAT_PROM, both, 2));
	fclose(fp);
	ck_assert_int_eq(count_lines("# TYPE ticctop_client_status gauge\n"), 1);
	ck_assert_int_eq(count_lines("ticctop_client_status{server=\"a\""), 7);
	ck_assert_int_eq(count_lines("ticctop_client_status{server=\"b\""), 7);
	/* a family's series stay together: no TYPE line between a's and b's */
	const char *first = strstr(out, "ticctop_clients{server=\"a\"}"), *second = strstr(out, "ticctop_clients{server=\"b\"}");
	ck_assert(first && second && second > first);
	ck_assert_ptr_null(memchr(first, '#', (size_t)(second - first)));
	free(csv);
}
END_TEST

START_TEST(prom_failed_source_is_down)
{
	load("127.0.0.1,1,0,-5,127,2,0,0,127,4294967295\n");
	struct report r = report("s", 0);
	r.error = "chronyc: 506 Cannot talk to daemon";
	r.have_data = false;
	render(FORMAT_PROM, &r);
	ck_assert_ptr_nonnull(strstr(out, "ticctop_source_up{server=\"s\"} 0\n"));
	ck_assert_ptr_null(strstr(out, "ticctop_source_age_seconds{")); /* no data: no age */
}
END_TEST

START_TEST(prom_server_data)
{
	static struct server_data sd;
	load("127.0.0.1,1,0,-5,127,2,0,0,127,4294967295\n");
	server_data_clear(&sd);
	sd.avail = SRV_AVAIL_LOCAL;
	sd.have[SRV_TRACKING] = sd.have[SRV_SERVERSTATS] = true;
	sd.tracking.v[TRK_STRATUM] = (struct srv_value){ .known = true, .num = 2, .count = 2 };
	sd.tracking.v[TRK_FREQUENCY] = (struct srv_value){ .known = true, .num = -12.5 };
	sd.tracking.v[TRK_REF_NAME] = (struct srv_value){ .known = true, .text = "ntp1" };
	sd.serverstats.v[SST_NTP_RECEIVED] = (struct srv_value){ .known = true, .num = 4e9, .count = 4000000001u };
	struct report_server rs = { .data = &sd, .have = true };
	struct report r = report("s", 0);
	r.srv = &rs;
	render(FORMAT_PROM, &r);
	ck_assert_ptr_nonnull(strstr(out, "# TYPE ticctop_server_tracking_stratum gauge\nticctop_server_tracking_stratum{server=\"s\"} 2\n"));
	ck_assert_ptr_nonnull(strstr(out, "ticctop_server_tracking_frequency_ppm{server=\"s\"} -12.5\n"));
	ck_assert_ptr_nonnull(strstr(out, "# TYPE ticctop_server_serverstats_ntp_received_total counter\n"
	                                  "ticctop_server_serverstats_ntp_received_total{server=\"s\"} 4000000001\n"));
	ck_assert_ptr_null(strstr(out, "ref_name")); /* text is no metric */
	ck_assert_ptr_null(strstr(out, "ticctop_server_serverstats_ntp_dropped_total{")); /* unknown: no series */
}
END_TEST

START_TEST(prom_rates_by_themselves)
{
	/* a rate needs two samples: none after one poll, a series after two */
	load("127.0.0.1,100,0,-5,127,2,0,0,127,4294967295\n");
	struct report r = report("s", 0);
	render(FORMAT_PROM, &r);
	ck_assert_ptr_nonnull(strstr(out, "# TYPE ticctop_client_rate_ntp_per_second gauge\n"));
	ck_assert_ptr_null(strstr(out, "ticctop_client_rate_ntp_per_second{"));
	free(out);
	const char *next = "127.0.0.1,120,0,-5,127,0,0,0,127,4294967295\n";
	struct parse_report rep;
	model_begin(m);
	ck_assert_int_eq(parse_csv(next, strlen(next), model_put, m, &rep), PARSE_OK);
	model_end(m, &h, true, 10);
	ck_assert(view_update(&v, m));
	render(FORMAT_PROM, &r);
	ck_assert_ptr_nonnull(strstr(out, "ticctop_client_rate_ntp_per_second{server=\"s\",addr=\"127.0.0.1\",family=\"ipv4\"} 2\n"));
}
END_TEST

START_TEST(influx_lines)
{
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);
	load(csv);
	struct report r = report("ntp 1,a=b", 0);
	render(FORMAT_INFLUX, &r);
	ck_assert_int_eq(count_lines("ticctop_clients,server=ntp\\ 1\\,a\\=b,addr="), 7);
	ck_assert_ptr_nonnull(strstr(out, "ticctop_summary,server=ntp\\ 1\\,a\\=b clients=7i,shown=7i,ok=4i,warning=2i,"
	                                  "critical=1i,skipped=0i,source_up=1i,source_age=1.5 1795000002000000000\n"));
	ck_assert_ptr_nonnull(strstr(out, ",addr=127.1.0.8,family=ipv4 status=\"critical\",status_code=2i,ntp_packets=40i,"
	                                  "ntp_drops=28i,ntp_interval=0.03125,ntp_interval_limited=0.03125,"));
	ck_assert_ptr_nonnull(strstr(out, " 1795000000000000000\n"));
	ck_assert_ptr_null(strstr(out, "ticctop_server,")); /* nothing said of itself */
	free(csv);
}
END_TEST

START_TEST(influx_escapes_and_server)
{
	load("a b=c\"d\\,1,0,-5,127,2,0,0,127,4294967295\n");
	struct server_info srv = { .format = "ticc-dash", .have_count = true, .count = 3, .time = "t\"1\\" };
	struct report r = report("s", 0);
	r.server = &srv;
	r.error = "broke \"here\"";
	render(FORMAT_INFLUX, &r);
	ck_assert_ptr_nonnull(strstr(out, ",addr=a\\ b\\=c\"d\\\\x5c,family=hostname status=\"ok\""));
	ck_assert_ptr_nonnull(strstr(out, ",error=\"broke \\\"here\\\"\" "));
	ck_assert_ptr_nonnull(strstr(out, "ticctop_server,server=s format=\"ticc-dash\",count=3i,time=\"t\\\"1\\\\\\x5c\",error=\"\" "));
}
END_TEST

START_TEST(metrics_numbers_ignore_the_locale)
{
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);
	unit_use_locale("de_DE.UTF-8");
	load(csv);
	struct report r = report("s", 0);
	render(FORMAT_PROM, &r);
	ck_assert_ptr_nonnull(strstr(out, "} 0.03125\n"));
	ck_assert_ptr_nonnull(strstr(out, "ticctop_source_age_seconds{server=\"s\"} 1.5\n"));
	free(out);
	render(FORMAT_INFLUX, &r);
	ck_assert_ptr_nonnull(strstr(out, "source_age=1.5 "));
	free(csv);
	unit_end_locale();
}
END_TEST

/* Make the metrics suite. */
static Suite *
metrics_suite(void)
{
	Suite *s = suite_create("metrics");
	TCase *t = tcase_create("metrics");

	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, prom_families_once_in_base_units);
	tcase_add_test(t, prom_labels_escaped);
	tcase_add_test(t, prom_max_series_cuts_whole_clients);
	tcase_add_test(t, prom_two_servers_one_exposition);
	tcase_add_test(t, prom_failed_source_is_down);
	tcase_add_test(t, prom_server_data);
	tcase_add_test(t, prom_rates_by_themselves);
	tcase_add_test(t, influx_lines);
	tcase_add_test(t, influx_escapes_and_server);
	tcase_add_test(t, metrics_numbers_ignore_the_locale);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(metrics_suite)
