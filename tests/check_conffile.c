/* check_conffile.c — the config file goes through the option table; the command line wins. */
#include "config.h"

#include "unit.h"

#include <sys/stat.h>
#include <unistd.h>

#include "conffile.h"
#include "options.h"
#include "unit_locale.h"

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
	ck_assert_int_eq(conffile_load(&o, &text, err, sizeof err), CONFFILE_OK);   /* no home, no file: fine */
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
	ck_assert_int_eq(conffile_load(&o, &text, err, sizeof err), CONFFILE_OK);   /* missing: fine */
	ck_assert_ptr_null(text);
	snprintf(path, sizeof path, "%s/ticctop", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/ticctop/config", dir);
	FILE *fp = fopen(path, "w");
	fputs("theme = mono\nno-mouse\n", fp);
	fclose(fp);
	ck_assert_int_eq(conffile_load(&o, &text, err, sizeof err), CONFFILE_OK);
	ck_assert_int_eq(o.theme, THEME_MONO);
	ck_assert(o.no_mouse);
	free(text);
	fp = fopen(path, "w");
	fputs("theme = mono\nwat\n", fp);
	fclose(fp);
	ck_assert_int_eq(conffile_load(&o, &text, err, sizeof err), CONFFILE_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "/ticctop/config:2: unknown option \"wat\""));
	free(text);
	unlink(path);
	snprintf(path, sizeof path, "%s/ticctop", dir);
	rmdir(path);
	rmdir(dir);
}
END_TEST

/* Split line at spaces into argv (argv[0] "ticctop"); returns argc. */
static int
split(char *line, char **argv, int max)
{
	int argc = 1;

	argv[0] = "ticctop";
	for (char *t = strtok(line, " "); t && argc < max - 1; t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	return argc;
}

/* Config text and a command line that go together: the command line wins per family. */
START_TEST(command_line_wins_per_family)
{
	static const struct {
		const char *config, *line;
		const char *socket, *url, *cacert;
		bool sudo, demo;
		long warn, crit;
	} rows[] = {
		/* README's own example: socket in the file, --url on the command line */
		{ "socket = /run/chrony/chronyd.sock\nsudo\n", "--url http://127.0.0.1:5000/data",
		  NULL, "http://127.0.0.1:5000/data", NULL, false, false, 1, 10 },
		{ "url = https://ntp1.example/data\ncacert = /ca.pem\nuser = mon\n", "-S /run/x.sock",
		  "/run/x.sock", NULL, NULL, false, false, 1, 10 },
		{ "url = https://ntp1.example/data\n", "--chronyc /opt/chronyc",
		  NULL, NULL, NULL, false, false, 1, 10 },
		{ "url = https://ntp1.example/data\n", "--cacert /ca.pem",      /* same family: both kept */
		  NULL, "https://ntp1.example/data", "/ca.pem", false, false, 1, 10 },
		{ "socket = /run/x.sock\n", "--sudo", "/run/x.sock", NULL, NULL, true, false, 1, 10 },
		{ "sudo = yes\nsocket = /run/x.sock\n", "--demo", NULL, NULL, NULL, false, true, 1, 10 },
		{ "demo\n", "-S /run/x.sock", "/run/x.sock", NULL, NULL, false, false, 1, 10 },
		{ "demo\n", "--chronyc /opt/chronyc", NULL, NULL, NULL, false, true, 1, 10 },
		/* a threshold yields to the other one on the command line only when they disagree */
		{ "warn-drops = 20\ncrit-drops = 50\n", "--crit-drops 10", NULL, NULL, NULL, false, false, 1, 10 },
		{ "warn-drops = 20\ncrit-drops = 50\n", "--crit-drops 30", NULL, NULL, NULL, false, false, 20, 30 },
		{ "warn-drops = 5\ncrit-drops = 8\n", "--warn-drops 9", NULL, NULL, NULL, false, false, 9, 10 },
	};
	struct options o;
	char err[256], text[256], line[256], *argv[16];

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		snprintf(text, sizeof text, "%s", rows[i].config);
		snprintf(line, sizeof line, "%s", rows[i].line);
		int argc = split(line, argv, 16);
		ck_assert_msg(parse_both(&o, text, argv, argc, err, sizeof err) == OPT_OK, "row %zu: %s", i, err);
		ck_assert_msg(o.socket == rows[i].socket || (o.socket && rows[i].socket && !strcmp(o.socket, rows[i].socket)),
		              "row %zu: socket %s", i, o.socket);
		ck_assert_msg(o.url == rows[i].url || (o.url && rows[i].url && !strcmp(o.url, rows[i].url)),
		              "row %zu: url %s", i, o.url);
		ck_assert_msg(o.cacert == rows[i].cacert || (o.cacert && rows[i].cacert && !strcmp(o.cacert, rows[i].cacert)),
		              "row %zu: cacert %s", i, o.cacert);
		ck_assert_msg(o.sudo == rows[i].sudo && o.demo == rows[i].demo, "row %zu: sudo %d demo %d", i, o.sudo, o.demo);
		ck_assert_msg(o.warn_drops == rows[i].warn && o.crit_drops == rows[i].crit, "row %zu: warn %ld crit %ld", i,
		              o.warn_drops, o.crit_drops);
	}
}
END_TEST

/* `source = NAME URL|PATH` lines make a fleet with the remote options above
 * each; sources on the command line replace the file's. */
START_TEST(sources_from_the_file)
{
	struct options o;
	char err[256], text[256], line[256], *argv[16];

	snprintf(text, sizeof text, "source = lab http://lab:8080/data\ncacert = /ca.pem\n"
	                            "source = ntp2   https://ntp2/data # the second\nsource = here /run/x.sock\n");
	snprintf(line, sizeof line, "--insecure");
	int argc = split(line, argv, 16);
	ck_assert_msg(parse_both(&o, text, argv, argc, err, sizeof err) == OPT_OK, "%s", err);
	ck_assert_uint_eq(o.nsources, 3);
	ck_assert_str_eq(o.sources[0].name, "lab");
	ck_assert_str_eq(o.sources[0].url, "http://lab:8080/data");
	ck_assert_ptr_null(o.sources[0].cacert);
	ck_assert(o.sources[0].insecure); /* the command line's, after every source */
	ck_assert_str_eq(o.sources[1].name, "ntp2");
	ck_assert_str_eq(o.sources[1].url, "https://ntp2/data");
	ck_assert_str_eq(o.sources[1].cacert, "/ca.pem");
	ck_assert_str_eq(o.sources[2].socket, "/run/x.sock");
	snprintf(text, sizeof text, "source = lab http://lab:8080/data\nsource = b http://b/data\n");
	snprintf(line, sizeof line, "--name mine -S /run/y.sock");
	argc = split(line, argv, 16);
	ck_assert_msg(parse_both(&o, text, argv, argc, err, sizeof err) == OPT_OK, "%s", err);
	ck_assert_uint_eq(o.nsources, 1);
	ck_assert_str_eq(o.sources[0].name, "mine");
	ck_assert_str_eq(o.sources[0].socket, "/run/y.sock");
}
END_TEST

/* Errors that lines of the file cause name the file and line; the command line's own do not. */
START_TEST(conflicts_name_the_line)
{
	static const struct { const char *config, *line, *says; } rows[] = {
		{ "theme = light\nurl = http://h/data\nsudo\n", "",
		  "cfg:3: --url reads a remote dashboard: it does not go with --sudo, --demo or --chronyc" },
		{ "source = a http://h/data\nsource = b\n", "", "cfg:2: --source wants a name and a URL" },
		{ "name = x\n", "", "cfg:1: --name names the source given after it" },
		{ "key = /k.pem\n", "--url http://h/data", "cfg:1: --key goes with --cert" },
		{ "\nwarn-drops = 20\ncrit-drops = 10\n", "", "cfg:3: --crit-drops (10) must not be below --warn-drops (20)" },
		{ "cacert = /ca.pem\n", "", "cfg:1: --cacert only applies to a remote dashboard (--url)" },
		{ "demo\n# x\nsudo = on\n", "", "cfg:3: --demo starts its own chronyd" },
		{ "theme = light\n", "--demo --sudo", "--demo starts its own chronyd" },
		{ "warn-drops = 3\n", "--warn-drops 20 --crit-drops 10", "--crit-drops (10) must not be below --warn-drops (20)" },
		{ "socket = run/chrony.sock\n", "", "cfg:1: --socket: the path must be absolute, not \"run/chrony.sock\"" },
	};
	struct options o;
	char err[256], text[256], line[256], *argv[16];

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		snprintf(text, sizeof text, "%s", rows[i].config);
		snprintf(line, sizeof line, "%s", rows[i].line);
		int argc = split(line, argv, 16);
		ck_assert_msg(parse_both(&o, text, argv, argc, err, sizeof err) != OPT_OK, "row %zu accepted", i);
		ck_assert_msg(strncmp(err, rows[i].says, strlen(rows[i].says)) == 0, "row %zu: \"%s\"", i, err);
	}
	snprintf(text, sizeof text, "filter = status:warn\nlog = /tmp/l\n");
	char *argv2[] = { "ticctop", "--log", "/tmp/m", NULL };
	ck_assert_int_eq(parse_both(&o, text, argv2, 3, err, sizeof err), OPT_OK);
	options_where(&o, "filter", err, sizeof err);
	ck_assert_str_eq(err, "cfg:1: ");
	options_where(&o, "log", err, sizeof err);   /* the command line's */
	ck_assert_str_eq(err, "");
	options_where(&o, "theme", err, sizeof err); /* not set anywhere */
	ck_assert_str_eq(err, "");
}
END_TEST

/* Comments after values, a byte order mark, `X = no` for switches no-X, and what is echoed. */
START_TEST(comments_bom_and_negated_switches)
{
	char text[] = "\xef\xbb\xbftheme = light # my theme\nfilter = a#b\nsort = drops\t# by drops\n"
	              "mouse = no\ncolor = off\n# mouse = yes\nurl = http://h/data#frag # where\n";
	char *argv[] = { "ticctop", NULL };
	struct options o;
	char err[256];

	ck_assert_msg(parse_both(&o, text, argv, 1, err, sizeof err) == OPT_OK, "%s", err);
	ck_assert_int_eq(o.theme, THEME_LIGHT);
	ck_assert_str_eq(o.filter, "a#b");
	ck_assert_int_eq(o.sort, SORT_DROPS);
	ck_assert(o.no_mouse && o.no_color);
	ck_assert_str_eq(o.url, "http://h/data#frag");
	char again[] = "no-mouse\nmouse = yes\n";
	ck_assert_int_eq(parse_both(&o, again, argv, 1, err, sizeof err), OPT_OK);
	ck_assert(!o.no_mouse);

	static const struct { const char *text, *says; } bad[] = {
		{ "mouse\n", "cfg:1: unknown option \"mouse\"" },
		{ "mouse = perhaps\n", "cfg:1: mouse is a switch: yes or no, not \"perhaps\"" },
		{ "timeout = no\n", "cfg:1: --timeout wants a number" },
		{ "theme = light\n\xef\xbb\xbfsort = drops\n", "cfg:2: unknown option \"\\xef\\xbb\\xbfsort\"" },
		{ "\x1b]0;pwned\x07 = 1\n", "cfg:1: unknown option \"\\x1b]0;pwned\\x07\"" },
		{ "theme = \xe2\x80\xaelight\n", "cfg:1: --theme wants one of dark, light, mono; not \"\\xe2\\x80\\xaelight\"" },
	};
	char buf[128];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(buf, sizeof buf, "%s", bad[i].text);
		options_defaults(&o);
		ck_assert_msg(options_parse_config(&o, buf, "cfg", err, sizeof err) != OPT_OK, "row %zu accepted", i);
		ck_assert_msg(strncmp(err, bad[i].says, strlen(bad[i].says)) == 0, "row %zu: \"%s\"", i, err);
	}
}
END_TEST

/* Numbers in the file read the same under a decimal-comma locale. */
START_TEST(numbers_ignore_the_locale)
{
	char text[] = "timeout = 2.5\ndelay = 15\n", comma[] = "timeout = 2,5\n";
	char *argv[] = { "ticctop", NULL };
	struct options o;
	char err[256];

	unit_use_locale("de_DE.UTF-8");
	ck_assert_msg(parse_both(&o, text, argv, 1, err, sizeof err) == OPT_OK, "%s", err);
	ck_assert(o.timeout == 2.5);
	ck_assert_int_eq(o.delay, 15);
	ck_assert_int_eq(parse_both(&o, comma, argv, 1, err, sizeof err), OPT_ERR_NUMBER);
	ck_assert_str_eq(err, "cfg:1: --timeout wants a number from 0.1 to 3600, not \"2,5\"");
	unit_end_locale();
}
END_TEST

/* Write text to path. */
static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

/* What is at the config path, or where XDG_CONFIG_HOME points: never a hang. */
START_TEST(odd_files_at_the_path)
{
	char dir[] = "/tmp/check_conffile.XXXXXX", path[160], err[512], *text;
	struct options o;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/ticctop", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	setenv("XDG_CONFIG_HOME", dir, 1);
	snprintf(path, sizeof path, "%s/ticctop/config", dir);

	ck_assert_int_eq(mkfifo(path, 0600), 0);  /* opening it to read would wait for a writer */
	options_defaults(&o);
	ck_assert_int_eq(conffile_load(&o, &text, err, sizeof err), CONFFILE_ERROR);
	ck_assert_msg(strstr(err, "/ticctop/config: not a regular file (a FIFO)"), "%s", err);
	ck_assert_ptr_null(text);
	unlink(path);

	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_eq(conffile_load(&o, &text, err, sizeof err), CONFFILE_ERROR);
	ck_assert_msg(strstr(err, "/ticctop/config: not a regular file (a directory)"), "%s", err);
	rmdir(path);

	write_file(path, "\xef\xbb\xbfno-mouse = yes # from the file\n");
	ck_assert_int_eq(conffile_load(&o, &text, err, sizeof err), CONFFILE_OK);
	ck_assert(o.no_mouse);
	free(text);
	unlink(path);

	/* XDG_CONFIG_HOME is a file: there can be no config file, a warning */
	snprintf(path, sizeof path, "%s/ticctop/not-a-dir", dir);
	write_file(path, "theme = mono\n");
	setenv("XDG_CONFIG_HOME", path, 1);
	options_defaults(&o);
	ck_assert_int_eq(conffile_load(&o, &text, err, sizeof err), CONFFILE_WARNING);
	ck_assert_msg(strstr(err, "/not-a-dir/ticctop/config: Not a directory"), "%s", err);
	ck_assert_ptr_null(text);
	ck_assert_int_eq(o.theme, THEME_DARK);
	unlink(path);
	unsetenv("XDG_CONFIG_HOME");
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
	tcase_add_test(tc, command_line_wins_per_family);
	tcase_add_test(tc, conflicts_name_the_line);
	tcase_add_test(tc, sources_from_the_file);
	tcase_add_test(tc, comments_bom_and_negated_switches);
	tcase_add_test(tc, numbers_ignore_the_locale);
	tcase_add_test(tc, odd_files_at_the_path);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(conffile_suite)
