/* check_srvsource.c — the chronyc source's one multi-report run, end to end
 * with a stand-in chronyc (it writes its arguments down, prints a file and
 * exits with a given status), and what the monitor keeps of the server data. */
#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "monitor.h"
#include "source_chronyc.h"
#include "unit.h"
#include "unit_source.h"

static char dir[] = "/tmp/ticctop-srvsrc.XXXXXX";
static char path[4][160]; /* the stand-in, the body it prints, its exit status, its arguments */
enum { P_SCRIPT, P_BODY, P_STATUS, P_ARGS };

/* Make the stand-in chronyc (and a stand-in sudo that drops "-n" and runs the rest). */
static void
setup(void)
{
	char text[1024];
	static const char *const names[] = { "chronyc", "body", "status", "args" };

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (int i = 0; i < 4; i++)
		snprintf(path[i], sizeof path[i], "%s/%s", dir, names[i]);
	snprintf(text, sizeof text, "#!/bin/sh\nfor a in \"$@\"; do printf '%%s\\n' \"$a\"; done >'%s'\ncat '%s'\nexit $(cat '%s')\n",
	         path[P_ARGS], path[P_BODY], path[P_STATUS]);
	unit_write_file(path[P_SCRIPT], text);
	ck_assert_int_eq(chmod(path[P_SCRIPT], 0700), 0);
	snprintf(text, sizeof text, "%s/sudo", dir);
	unit_write_file(text, "#!/bin/sh\nshift\nexec \"$@\"\n");
	ck_assert_int_eq(chmod(text, 0700), 0);
	unit_write_file(path[P_STATUS], "0\n");
}

/* Remove what setup made. */
static void
teardown(void)
{
	char sudo[200];

	snprintf(sudo, sizeof sudo, "%s/sudo", dir);
	unlink(sudo);
	for (int i = 0; i < 4; i++)
		unlink(path[i]);
	rmdir(dir);
	strcpy(dir + strlen(dir) - 6, "XXXXXX");
}

/* The real answers glued as one run prints them, the ntpdata line last when with_ntpdata. */
static char *
whole_run(bool with_ntpdata)
{
	static const char *const names[] = { "n5-chronyclient-tracking.csv", "mixed-serverstats.csv",
		                             "n5-chronyclient-activity.csv", "n5-chronyclient-sources.csv",
		                             "n5-chronyclient-sourcestats.csv", "mixed-clients.csv",
		                             "n5-chronyclient-ntpdata.csv" };
	size_t n = 0, len;
	char *out = calloc(1, 1);

	for (size_t i = 0; i < sizeof names / sizeof names[0] - !with_ntpdata; i++) {
		char *b = unit_fixture(names[i], &len);
		out = realloc(out, n + len + 1);
		memcpy(out + n, b, len + 1);
		n += len;
		free(b);
	}
	return out;
}

/* Poll a chronyc source made from cfg once, wanting ntpdata of want; the
 * arguments the stand-in got go to args. */
static void
poll_once(struct chronyc_cfg cfg, const char *want, struct source_result *res, size_t *rows, char *args,
          size_t size)
{
	cfg.chronyc = path[P_SCRIPT];
	cfg.timeout = POLL_LIMIT;
	cfg.max_size = 1 << 20;
	struct source *s = source_chronyc_new(&cfg);
	ck_assert_ptr_nonnull(s);
	snprintf(s->want_ntpdata, sizeof s->want_ntpdata, "%s", want);
	unit_one_poll(s, res, rows);
	s->ops->free(s);
	FILE *fp = fopen(path[P_ARGS], "r");
	ck_assert_ptr_nonnull(fp);
	size_t n = fread(args, 1, size - 1, fp);
	args[n] = '\0';
	fclose(fp);
}

static struct source_result res;
static char args[1024];

#define RUN_ARGS "-c\n-n\n-m\ntracking\nserverstats\nactivity\nsources\nsourcestats\nclients\n"

START_TEST(one_run_gives_clients_and_server)
{
	size_t rows;
	char *body = whole_run(false);

	unit_write_file(path[P_BODY], body);
	poll_once((struct chronyc_cfg){ 0 }, "", &res, &rows, args, sizeof args);
	ck_assert_msg(res.err == SOURCE_OK, "%s", res.message);
	ck_assert_str_eq(args, RUN_ARGS);
	ck_assert_uint_eq(rows, 7);
	ck_assert_uint_eq(res.rep.skipped, 0);
	ck_assert_int_eq(res.serverdata.avail, SRV_AVAIL_LOCAL);
	ck_assert(res.serverdata.have[SRV_TRACKING] && res.serverdata.have[SRV_SOURCESTATS]);
	ck_assert(!res.serverdata.have[SRV_NTPDATA]);
	ck_assert_str_eq(res.serverdata.ntpdata_for, "");
	ck_assert_str_eq(res.serverdata.ntpdata_error, "");
	free(body);
}
END_TEST

START_TEST(ntpdata_of_the_wanted_source_comes_last)
{
	size_t rows;
	char *body = whole_run(true);

	unit_write_file(path[P_BODY], body);
	poll_once((struct chronyc_cfg){ .socket = "/run/x.sock" }, "127.0.0.1", &res, &rows, args, sizeof args);
	ck_assert_msg(res.err == SOURCE_OK, "%s", res.message);
	ck_assert_str_eq(args, "-c\n-n\n-h\n/run/x.sock\n-m\ntracking\nserverstats\nactivity\nsources\nsourcestats\n"
	                       "clients\nntpdata 127.0.0.1\n");
	ck_assert_uint_eq(rows, 7);
	ck_assert(res.serverdata.have[SRV_NTPDATA]);
	ck_assert_str_eq(res.serverdata.ntpdata_for, "127.0.0.1");
	ck_assert_str_eq(res.serverdata.ntpdata.v[NTP_REMOTE_ADDR].text, "127.0.0.1");
	ck_assert_str_eq(res.serverdata.ntpdata_error, "");
	free(body);
}
END_TEST

START_TEST(a_gone_source_costs_only_its_ntpdata)
{
	size_t rows;
	char *body = whole_run(false);

	body = realloc(body, strlen(body) + 32);
	strcat(body, "503 No such source\n"); /* chronyc prints chronyd's status on stdout, exits 1 */
	unit_write_file(path[P_BODY], body);
	unit_write_file(path[P_STATUS], "1\n");
	poll_once((struct chronyc_cfg){ 0 }, "192.0.2.1", &res, &rows, args, sizeof args);
	ck_assert_msg(res.err == SOURCE_OK, "%s", res.message);
	ck_assert_uint_eq(rows, 7);
	ck_assert_uint_eq(res.rep.skipped, 0);
	ck_assert(res.serverdata.have[SRV_TRACKING] && !res.serverdata.have[SRV_NTPDATA]);
	ck_assert_str_eq(res.serverdata.ntpdata_for, "192.0.2.1");
	ck_assert_str_eq(res.serverdata.ntpdata_error, "503 No such source");
	free(body);
}
END_TEST

START_TEST(refused_clients_keep_the_reports_before)
{
	size_t rows, len;
	char *tracking = unit_fixture("n5-chronyclient-tracking.csv", &len), body[512];

	snprintf(body, sizeof body, "%s501 Not authorised\n", tracking);
	unit_write_file(path[P_BODY], body);
	unit_write_file(path[P_STATUS], "1\n");
	poll_once((struct chronyc_cfg){ 0 }, "", &res, &rows, args, sizeof args);
	ck_assert_int_eq(res.err, SOURCE_ERR_NOT_AUTHORISED);
	ck_assert_uint_eq(rows, 0);
	ck_assert_int_eq(res.serverdata.avail, SRV_AVAIL_LOCAL);
	ck_assert(res.serverdata.have[SRV_TRACKING] && !res.serverdata.have[SRV_SERVERSTATS]);
	free(tracking);
}
END_TEST

START_TEST(ntpdata_is_never_asked_under_sudo)
{
	size_t rows;
	char *body = whole_run(false), *old = strdup(getenv("PATH")), newpath[4096];

	snprintf(newpath, sizeof newpath, "%s:%s", dir, old);
	setenv("PATH", newpath, 1);
	unit_write_file(path[P_BODY], body);
	poll_once((struct chronyc_cfg){ .sudo = true }, "127.0.0.1", &res, &rows, args, sizeof args);
	setenv("PATH", old, 1);
	ck_assert_msg(res.err == SOURCE_OK, "%s", res.message);
	ck_assert_str_eq(args, RUN_ARGS); /* the one exact command of the sudoers line */
	ck_assert_str_eq(res.serverdata.ntpdata_for, "");
	ck_assert_ptr_nonnull(strstr(res.serverdata.ntpdata_error, "--sudo"));
	free(body);
	free(old);
}
END_TEST

START_TEST(a_name_is_not_asked_for)
{
	size_t rows;
	char *body = whole_run(false);

	unit_write_file(path[P_BODY], body);
	poll_once((struct chronyc_cfg){ 0 }, "PPS0", &res, &rows, args, sizeof args);
	ck_assert_str_eq(args, RUN_ARGS);
	ck_assert_ptr_nonnull(strstr(res.serverdata.ntpdata_error, "not an IP address"));
	free(body);
}
END_TEST

START_TEST(monitor_keeps_the_last_good_server_data)
{
	struct monitor mon;
	struct health h;
	struct source src = { .kind = "test" };

	health_init(&h, 1, 10);
	ck_assert(monitor_init(&mon, &src, &h));
	ck_assert_int_eq(mon.srv.avail, SRV_AVAIL_NONE);
	model_begin(mon.model);
	memset(&mon.last, 0, sizeof mon.last);
	mon.last.serverdata.avail = SRV_AVAIL_LOCAL;
	mon.last.serverdata.have[SRV_TRACKING] = true;
	mon.last.serverdata.tracking.v[TRK_STRATUM] = (struct srv_value){ .known = true, .num = 3 };
	monitor_take(&mon, 10, 1000);
	ck_assert(mon.srv.have[SRV_TRACKING] && mon.srv.tracking.v[TRK_STRATUM].num == 3);
	ck_assert(mon.srv_time == 10 && mon.srv_wall == 1000 && !(mon.srv_time < mon.poll_time));

	model_begin(mon.model); /* a failed poll: the last good data stays, and is stale */
	memset(&mon.last, 0, sizeof mon.last);
	mon.last.err = SOURCE_ERR_NO_DAEMON;
	monitor_take(&mon, 12, 1002);
	ck_assert(mon.srv.have[SRV_TRACKING] && mon.srv_time == 10 && mon.srv_time < mon.poll_time);

	model_begin(mon.model); /* a source that never has any says so */
	memset(&mon.last, 0, sizeof mon.last);
	server_data_clients_only(&mon.last.serverdata, "only clients here");
	monitor_take(&mon, 14, 1004);
	ck_assert_int_eq(mon.srv.avail, SRV_AVAIL_CLIENTS_ONLY);
	ck_assert_str_eq(mon.srv.note, "only clients here");
	ck_assert(!mon.srv.have[SRV_TRACKING]);

	ck_assert(monitor_want_ntpdata(&mon, "2001:db8::1"));
	ck_assert_str_eq(src.want_ntpdata, "2001:db8::1");
	ck_assert(!monitor_want_ntpdata(&mon, "127.0.0.1 clients -r"));
	ck_assert_str_eq(src.want_ntpdata, "");
	ck_assert(monitor_want_ntpdata(&mon, NULL));
	monitor_free(&mon);
}
END_TEST

/* Make the suite. */
static Suite *
srvsource_suite(void)
{
	Suite *s = suite_create("srvsource");
	TCase *t = tcase_create("chronyc"), *m = tcase_create("monitor");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, one_run_gives_clients_and_server);
	tcase_add_test(t, ntpdata_of_the_wanted_source_comes_last);
	tcase_add_test(t, a_gone_source_costs_only_its_ntpdata);
	tcase_add_test(t, refused_clients_keep_the_reports_before);
	tcase_add_test(t, ntpdata_is_never_asked_under_sudo);
	tcase_add_test(t, a_name_is_not_asked_for);
	tcase_add_test(m, monitor_keeps_the_last_good_server_data);
	suite_add_tcase(s, t);
	suite_add_tcase(s, m);
	return s;
}

UNIT_MAIN(srvsource_suite)
