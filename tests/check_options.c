/* check_options.c — the option table: values, errors in the user's words. */
#include "config.h"

#include "options.h"
#include "unit.h"

/* Parse a space-separated command line; returns the result and fills o, err. */
static enum opt_err
parse(const char *line, struct options *o, char *err, size_t size)
{
	static char copy[512];
	char *argv[32] = { "ticctop" };
	int argc = 1;
	snprintf(copy, sizeof copy, "%s", line);
	for (char *t = strtok(copy, " "); t && argc < 31; t = strtok(NULL, " "))
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
	{ "-o xml", OPT_ERR_CHOICE, "--format wants one of text, csv, json; not \"xml\"" },
	{ "-s size", OPT_ERR_CHOICE, "--sort wants one of addr, drops, last, ntp, cmd, interval, status; not \"size\"" },
	{ "--once=1", OPT_ERR_UNEXPECTED, "--once takes no value" },
	{ "stray", OPT_ERR_UNEXPECTED, "unexpected argument \"stray\" (ticctop takes only options; see --help)" },
	{ "--warn-drops 20 --crit-drops 10", OPT_ERR_CONFLICT, "--crit-drops (10) must not be below --warn-drops (20)" },
	{ "--demo --sudo", OPT_ERR_CONFLICT, "--demo starts its own chronyd: it does not go with --socket or --sudo" },
};

START_TEST(bad_lines)
{
	struct options o;
	char err[256];
	ck_assert_int_eq(parse(bad[_i].line, &o, err, sizeof err), bad[_i].err);
	ck_assert_str_eq(err, bad[_i].msg);
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
	                                     "--version" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		ck_assert_msg(strstr(text, names[i]) != NULL, "%s missing from --help", names[i]);
	free(text);
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
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(options_suite)
