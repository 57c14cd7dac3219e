/* check_options.c — the option table: values, errors in the user's words. */
#include "config.h"

#include "options.h"
#include "unit.h"
#include "unit_locale.h"

/* Parse a space-separated command line; returns the result and fills o, err. */
static enum opt_err
parse(const char *line, struct options *o, char *err, size_t size)
{
	static char copy[512];
	char *argv[80] = { "ticctop" };
	int argc = 1;
	snprintf(copy, sizeof copy, "%s", line);
	for (char *t = strtok(copy, " "); t && argc < 79; t = strtok(NULL, " "))
		argv[argc++] = t;
	options_defaults(o);
	err[0] = '\0';
	return options_parse(o, argc, argv, err, size);
}

START_TEST(values_land)
{
	struct options o;
	char err[256];
	ck_assert_int_eq(parse("-b -n 3 -d 5 -o json -s drops --reverse -F 127. -S /run/x.sock --sudo", &o, err, sizeof err), OPT_OK);
	ck_assert(o.batch);
	ck_assert_int_eq(o.iterations, 3);
	ck_assert_int_eq(o.delay, 5);
	ck_assert_int_eq(o.format, FORMAT_JSON);
	ck_assert_int_eq(o.sort, SORT_DROPS);
	ck_assert(o.reverse);
	ck_assert_str_eq(o.filter, "127.");
	ck_assert_str_eq(o.socket, "/run/x.sock");
	ck_assert(o.sudo);
	ck_assert_int_eq(parse("--once --format=csv -bd20 --warn-drops=2 --crit-drops 20 --timeout 0.5", &o, err, sizeof err), OPT_OK);
	ck_assert(o.batch && o.once);
	ck_assert_int_eq(o.iterations, 1);
	ck_assert_int_eq(o.format, FORMAT_CSV);
	ck_assert_int_eq(o.delay, 20);
	ck_assert_int_eq(o.warn_drops, 2);
	ck_assert_int_eq(o.crit_drops, 20);
	ck_assert(o.timeout == 0.5);
}
END_TEST

/* Bad command lines, the error kind and the message expected. */
static const struct {
	const char *line;
	enum opt_err err;
	const char *msg;
} bad[] = {
	{ "--bogus", OPT_ERR_UNKNOWN, "unknown option \"--bogus\" (see --help)" },
	{ "-x", OPT_ERR_UNKNOWN, "unknown option \"-x\" (see --help)" },
	{ "-n", OPT_ERR_MISSING, "--iterations needs a value (N)" },
	{ "-n 0", OPT_ERR_NUMBER, "--iterations wants a whole number from 1 to 1000000000, not \"0\"" },
	{ "-d 1.5", OPT_ERR_NUMBER, "--delay wants a whole number from 1 to 36000, not \"1.5\"" },
	{ "--timeout abc", OPT_ERR_NUMBER, "--timeout wants a number from 0.1 to 3600, not \"abc\"" },
	{ "-o xml", OPT_ERR_CHOICE, "--format wants one of text, csv, json, prom, influx; not \"xml\"" },
	{ "-s size", OPT_ERR_CHOICE, "--sort wants one of addr, drops, last, ntp, cmd, interval, status, rate, droprate, cmdrate, dropshare, window, recentdrops, new, server; not \"size\"" },
	{ "--once=1", OPT_ERR_UNEXPECTED, "--once takes no value" },
	{ "stray", OPT_ERR_UNEXPECTED, "unexpected argument \"stray\" (ticctop takes only options; see --help)" },
	{ "--warn-drops 20 --crit-drops 10", OPT_ERR_CONFLICT, "--crit-drops (10) must not be below --warn-drops (20)" },
	{ "--demo --sudo", OPT_ERR_CONFLICT, "--demo starts its own chronyd: it does not go with --socket or --sudo" },
	/* whole numbers are plain decimal digits: no hex, exponent, sign, blank or fraction */
	{ "-d 0x10", OPT_ERR_NUMBER, "--delay wants a whole number from 1 to 36000, not \"0x10\"" },
	{ "-d 1e3", OPT_ERR_NUMBER, "--delay wants a whole number from 1 to 36000, not \"1e3\"" },
	{ "-d +5", OPT_ERR_NUMBER, "--delay wants a whole number from 1 to 36000, not \"+5\"" },
	{ "-d 5.0", OPT_ERR_NUMBER, "--delay wants a whole number from 1 to 36000, not \"5.0\"" },
	{ "-n 99999999999999999999999", OPT_ERR_NUMBER,
	  "--iterations wants a whole number from 1 to 1000000000, not \"99999999999999999999999\"" },
	{ "--warn-drops 4294967296", OPT_ERR_NUMBER,
	  "--warn-drops wants a whole number from 1 to 4294967295, not \"4294967296\"" },
	/* a number is digits with at most one '.', in every locale */
	{ "--timeout 0,5", OPT_ERR_NUMBER, "--timeout wants a number from 0.1 to 3600, not \"0,5\"" },
	{ "--timeout inf", OPT_ERR_NUMBER, "--timeout wants a number from 0.1 to 3600, not \"inf\"" },
	{ "--timeout 1e1", OPT_ERR_NUMBER, "--timeout wants a number from 0.1 to 3600, not \"1e1\"" },
	{ "--timeout 0x1p1", OPT_ERR_NUMBER, "--timeout wants a number from 0.1 to 3600, not \"0x1p1\"" },
	{ "--timeout 1..5", OPT_ERR_NUMBER, "--timeout wants a number from 0.1 to 3600, not \"1..5\"" },
	{ "--timeout .", OPT_ERR_NUMBER, "--timeout wants a number from 0.1 to 3600, not \".\"" },
	{ "--timeout 0.05", OPT_ERR_NUMBER, "--timeout wants a number from 0.1 to 3600, not \"0.05\"" },
	/* chronyc takes a relative -h for a host name */
	{ "-S run/chrony/chronyd.sock", OPT_ERR_PATH, "--socket: the path must be absolute, not \"run/chrony/chronyd.sock\"" },
	{ "--socket=chronyd.sock", OPT_ERR_PATH, "--socket: the path must be absolute, not \"chronyd.sock\"" },
	/* what is echoed is made safe to print */
	{ "--th\x1b[2Jeme", OPT_ERR_UNKNOWN, "unknown option \"--th\\x1b[2Jeme\" (see --help)" },
	{ "-o \xef\xbb\xbfjson", OPT_ERR_CHOICE, "--format wants one of text, csv, json, prom, influx; not \"\\xef\\xbb\\xbfjson\"" },
};

START_TEST(bad_lines)
{
	struct options o;
	char err[256];
	ck_assert_int_eq(parse(bad[_i].line, &o, err, sizeof err), bad[_i].err);
	ck_assert_str_eq(err, bad[_i].msg);
}
END_TEST

START_TEST(plain_decimals)
{
	static const struct { const char *value; double want; } good[] = {
		{ "0.5", 0.5 }, { ".5", 0.5 }, { "5.", 5 }, { "3600", 3600 }, { "0.1", 0.1 }, { "007.250", 7.25 },
		{ "0.10000000000000000000000000001", 0.1 },
	};
	struct options o;
	char err[256];

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		char *argv[] = { "ticctop", "--timeout", (char *)good[i].value, NULL };
		options_defaults(&o);
		ck_assert_msg(options_parse(&o, 3, argv, err, sizeof err) == OPT_OK, "%s: %s", good[i].value, err);
		ck_assert_msg(o.timeout == good[i].want, "%s read as %.17g", good[i].value, o.timeout);
	}
	/* blanks around a number (strtod skips leading ones) */
	char *blank[] = { "ticctop", "-d", " 5", NULL }, *trailing[] = { "ticctop", "-d", "5 ", NULL };
	ck_assert_int_eq(options_parse(&o, 3, blank, err, sizeof err), OPT_ERR_NUMBER);
	ck_assert_str_eq(err, "--delay wants a whole number from 1 to 36000, not \" 5\"");
	ck_assert_int_eq(options_parse(&o, 3, trailing, err, sizeof err), OPT_ERR_NUMBER);
	char *leading_zero[] = { "ticctop", "-d", "010", NULL };
	options_defaults(&o);
	ck_assert_int_eq(options_parse(&o, 3, leading_zero, err, sizeof err), OPT_OK);
	ck_assert_int_eq(o.delay, 10); /* decimal, not octal */
}
END_TEST

/* Numbers read the same under a decimal-comma locale: '.' works, ',' does not. */
START_TEST(numbers_ignore_the_locale)
{
	struct options o;
	char err[256];

	unit_use_locale("de_DE.UTF-8");
	ck_assert_str_eq(localeconv()->decimal_point, ",");
	ck_assert_int_eq(parse("--once --timeout 0.5 -d 20", &o, err, sizeof err), OPT_OK);
	ck_assert(o.timeout == 0.5);
	ck_assert_int_eq(o.delay, 20);
	ck_assert_int_eq(parse("--timeout 0,5", &o, err, sizeof err), OPT_ERR_NUMBER);
	ck_assert_str_eq(err, "--timeout wants a number from 0.1 to 3600, not \"0,5\"");
	unit_end_locale();
}
END_TEST

START_TEST(no_mouse_has_htops_letter)
{
	struct options o;
	char err[256];

	ck_assert_int_eq(parse("-M", &o, err, sizeof err), OPT_OK);
	ck_assert(o.no_mouse);
	ck_assert(options_given(&o, "no-mouse"));
	ck_assert_int_eq(parse("-bM", &o, err, sizeof err), OPT_OK);
	ck_assert(o.no_mouse && o.batch);
	ck_assert_int_eq(parse("", &o, err, sizeof err), OPT_OK);
	ck_assert(!o.no_mouse);
}
END_TEST

START_TEST(help_lists_every_option)
{
	char *text;
	size_t len;
	FILE *fp = open_memstream(&text, &len);
	options_help(fp, "ticctop");
	fclose(fp);
	static const char *const names[] = { "--chronyc", "--socket", "--sudo", "--demo", "--timeout", "--max-size",
	                                     "--filter", "--sort", "--reverse", "--warn-drops", "--crit-drops",
	                                     "--batch", "--iterations", "--once", "--delay", "--format", "--help",
	                                     "--version", "-M, --no-mouse" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		ck_assert_msg(strstr(text, names[i]) != NULL, "%s missing from --help", names[i]);
	free(text);
}
END_TEST

/* -u and -S repeat and mix into a fleet, in order; --name names the
 * next; a remote option applies to the sources after it, and one after the
 * last source to every source without its own. */
START_TEST(sources_make_a_fleet)
{
	struct options o;
	char err[256];

	ck_assert_int_eq(parse("-u http://a/data --insecure", &o, err, sizeof err), OPT_OK);
	ck_assert_uint_eq(o.nsources, 1);
	ck_assert(o.sources[0].insecure && !o.sources[0].name); /* today's single source, option after it */
	ck_assert_int_eq(parse("--cacert /ca --name one -u http://a/data -S /run/x.sock -u http://b:8080/data "
	                       "--user mon --name three -u http://c/data --noproxy * --bearer-file /t",
	                       &o, err, sizeof err), OPT_ERR_CONFLICT);
	ck_assert_str_eq(err, "--user and --bearer-file are two ways to log in: give one");
	ck_assert_int_eq(parse("--cacert /ca --name one -u http://a/data -S /run/x.sock -u http://b:8080/data "
	                       "--user mon --name three -u http://c/data --noproxy *", &o, err, sizeof err), OPT_OK);
	ck_assert_uint_eq(o.nsources, 4);
	ck_assert_str_eq(o.sources[0].name, "one");
	ck_assert_str_eq(o.sources[0].url, "http://a/data");
	ck_assert_str_eq(o.sources[0].cacert, "/ca");
	ck_assert_ptr_null(o.sources[0].user);               /* given after it */
	ck_assert_str_eq(o.sources[0].noproxy, "*");         /* after the last source: to all */
	ck_assert_str_eq(o.sources[1].socket, "/run/x.sock");
	ck_assert_ptr_null(o.sources[1].url);
	ck_assert_ptr_null(o.sources[1].name);
	ck_assert_str_eq(o.sources[2].url, "http://b:8080/data");
	ck_assert_str_eq(o.sources[3].name, "three");
	ck_assert_str_eq(o.sources[3].user, "mon");
	ck_assert_str_eq(o.sources[3].cacert, "/ca");
	ck_assert_int_eq(parse("-S /run/a.sock -S /run/b.sock --sudo", &o, err, sizeof err), OPT_OK);
	ck_assert_uint_eq(o.nsources, 2);
	ck_assert_int_eq(parse("--source lab:1 http://lab/data", &o, err, sizeof err), OPT_ERR_MISSING); /* split by parse() */
	ck_assert_int_eq(parse("-u http://a/data --name", &o, err, sizeof err), OPT_ERR_MISSING);
	ck_assert_int_eq(parse("-u http://a/data --name x", &o, err, sizeof err), OPT_ERR_CONFLICT);
	ck_assert_str_eq(err, "--name names the source given after it (-u, -S): none follows");
	ck_assert_int_eq(parse("-u http://a/data --insecure --sudo", &o, err, sizeof err), OPT_ERR_CONFLICT);
	ck_assert_int_eq(parse("-u http://a/data -S /x --insecure --sudo", &o, err, sizeof err), OPT_OK);
	ck_assert_int_eq(parse("-u http://a/data -S /x --demo", &o, err, sizeof err), OPT_ERR_CONFLICT);
	ck_assert_str_eq(err, "--demo starts its own chronyd: it does not go with --socket or --sudo");
}
END_TEST

/* More sources than a fleet holds are refused with the limit. */
START_TEST(too_many_sources)
{
	struct options o;
	char err[256], line[512] = "";

	for (int i = 0; i <= OPTIONS_MAX_SOURCES; i++)
		strcat(line, "-S /s ");
	ck_assert_int_eq(parse(line, &o, err, sizeof err), OPT_ERR_NUMBER);
	ck_assert_str_eq(err, "more than 32 sources (-u, -S, --source)");
}
END_TEST

/* Make the options suite. */
static Suite *
options_suite(void)
{
	Suite *s = suite_create("options");
	TCase *t = tcase_create("options");

	tcase_add_test(t, values_land);
	tcase_add_loop_test(t, bad_lines, 0, sizeof bad / sizeof bad[0]);
	tcase_add_test(t, help_lists_every_option);
	tcase_add_test(t, plain_decimals);
	tcase_add_test(t, numbers_ignore_the_locale);
	tcase_add_test(t, no_mouse_has_htops_letter);
	tcase_add_test(t, sources_make_a_fleet);
	tcase_add_test(t, too_many_sources);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(options_suite)
