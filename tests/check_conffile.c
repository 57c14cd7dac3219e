/* check_conffile.c — the config file goes through the option table; the command line wins. */
#include "config.h"

#include "unit.h"

#include <sys/stat.h>
#include <unistd.h>

#include "conffile.h"
#include "options.h"

/* Parse config text, then argv, as main does. */
static enum opt_err
parse_both(struct options *o, char *text, char **argv, int argc, char *err, size_t errsize)
{
	options_defaults(o);
	enum opt_err e = options_parse_config(o, text, "cfg", err, errsize);
	return e != OPT_OK ? e : options_parse(o, argc, argv, err, errsize);
}

START_TEST(long_names_and_switches)
{
	char text[] = "# defaults\n\ntheme = light\n  no-mouse  \nascii = no\nsort=drops\n"
	              "delay = 20\nfilter = status:warn family:v4\nlog = /tmp/x.log\r\nsocket = /run/chrony/chronyd.sock\n";
	char *argv[] = { "ticctop", NULL };
	struct options o;
	char err[256];

	ck_assert_int_eq(parse_both(&o, text, argv, 1, err, sizeof err), OPT_OK);
	ck_assert_int_eq(o.theme, THEME_LIGHT);
	ck_assert(o.no_mouse);
	ck_assert(!o.ascii);
	ck_assert_int_eq(o.sort, SORT_DROPS);
	ck_assert_int_eq(o.delay, 20);
	ck_assert_str_eq(o.filter, "status:warn family:v4");
	ck_assert_str_eq(o.log, "/tmp/x.log");
	ck_assert_str_eq(o.socket, "/run/chrony/chronyd.sock");
	ck_assert(!options_given(&o, "theme"));
}
END_TEST

START_TEST(command_line_wins)
{
	char text[] = "theme = light\nsort = drops\nno-color = yes\n";
	char *argv[] = { "ticctop", "--theme", "mono", "-s", "last", "--reverse", NULL };
	struct options o;
	char err[256];

	ck_assert_int_eq(parse_both(&o, text, argv, 6, err, sizeof err), OPT_OK);
	ck_assert_int_eq(o.theme, THEME_MONO);
	ck_assert_int_eq(o.sort, SORT_LAST);
	ck_assert(o.no_color);
	ck_assert(options_given(&o, "theme"));
	ck_assert(options_given(&o, "sort"));
	ck_assert(options_given(&o, "reverse"));
	ck_assert(!options_given(&o, "no-color"));
	ck_assert(!options_given(&o, "no-such-option"));
	char *argv2[] = { "ticctop", "-Cb", NULL }, again[] = "theme = light\n";
	ck_assert_int_eq(parse_both(&o, again, argv2, 2, err, sizeof err), OPT_OK);
	ck_assert(options_given(&o, "no-color") && options_given(&o, "batch"));
}
END_TEST

START_TEST(mistakes_name_file_and_line)
{
	static const struct { const char *text; enum opt_err want; const char *says; } rows[] = {
		{ "theme = light\ncolour = red\n", OPT_ERR_UNKNOWN, "cfg:2: unknown option \"colour\"" },
		{ "theme = purple\n", OPT_ERR_CHOICE, "cfg:1: --theme wants one of dark, light, mono" },
		{ "delay = soon\n", OPT_ERR_NUMBER, "cfg:1: --delay wants a whole number" },
		{ "\n\nsort\n", OPT_ERR_MISSING, "cfg:3: sort needs a value" },
		{ "ascii = perhaps\n", OPT_ERR_UNEXPECTED, "cfg:1: ascii is a switch" },
		{ "help\n", OPT_ERR_UNKNOWN, "cfg:1: unknown option \"help\"" },
		{ "version = yes\n", OPT_ERR_UNKNOWN, "unknown option \"version\"" },
		{ "= light\n", OPT_ERR_UNKNOWN, "cfg:1: unknown option" },
	};
	struct options o;
	char err[256], text[128];

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		snprintf(text, sizeof text, "%s", rows[i].text);
		options_defaults(&o);
		enum opt_err e = options_parse_config(&o, text, "cfg", err, sizeof err);
		ck_assert_msg(e == rows[i].want, "row %zu: %d", i, e);
		ck_assert_msg(strstr(err, rows[i].says), "row %zu: \"%s\"", i, err);
	}
}
END_TEST

START_TEST(where_the_file_is)
{
	char path[256];

	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	ck_assert(conffile_path(path, sizeof path));
	ck_assert_str_eq(path, "/cfg/ticctop/config");
	setenv("XDG_CONFIG_HOME", "", 1);
	setenv("HOME", "/home/u", 1);
	ck_assert(conffile_path(path, sizeof path));
	ck_assert_str_eq(path, "/home/u/.config/ticctop/config");
	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	ck_assert(!conffile_path(path, sizeof path));
	struct options o;
	char *text, err[128];
	options_defaults(&o);
	ck_assert(conffile_load(&o, &text, err, sizeof err));   /* no home, no file: fine */
	ck_assert_ptr_null(text);
}
END_TEST

START_TEST(loads_the_file)
{
	char dir[] = "/tmp/check_conffile.XXXXXX", path[128], err[256], *text;
	struct options o;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	options_defaults(&o);
	ck_assert(conffile_load(&o, &text, err, sizeof err));   /* missing: fine */
	ck_assert_ptr_null(text);
	snprintf(path, sizeof path, "%s/ticctop", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/ticctop/config", dir);
	FILE *fp = fopen(path, "w");
	fputs("theme = mono\nno-mouse\n", fp);
	fclose(fp);
	ck_assert(conffile_load(&o, &text, err, sizeof err));
	ck_assert_int_eq(o.theme, THEME_MONO);
	ck_assert(o.no_mouse);
	free(text);
	fp = fopen(path, "w");
	fputs("theme = mono\nwat\n", fp);
	fclose(fp);
	ck_assert(!conffile_load(&o, &text, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "/ticctop/config:2: unknown option \"wat\""));
	free(text);
	unlink(path);
	snprintf(path, sizeof path, "%s/ticctop", dir);
	rmdir(path);
	rmdir(dir);
}
END_TEST

/* All config file tests. */
static Suite *
conffile_suite(void)
{
	Suite *s = suite_create("conffile");
	TCase *tc = tcase_create("conffile");
	tcase_add_test(tc, long_names_and_switches);
	tcase_add_test(tc, command_line_wins);
	tcase_add_test(tc, mistakes_name_file_and_line);
	tcase_add_test(tc, where_the_file_is);
	tcase_add_test(tc, loads_the_file);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(conffile_suite)
