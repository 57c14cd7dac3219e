/* check_state.c — the state file: round trip, tolerance of damage, atomic writes; the string set. */
#include "config.h"

#include "unit.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"
#include "unit_locale.h"

#define TARGET "chronyc -c -n -h /run/chrony/chronyd.sock clients"

static char dir[64];

/* A fresh temporary directory for each test. */
static void
setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/check_state.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Remove what a test left (one level of files and directories). */
static void
teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Files in directory d (names starting with '.' ignored). */
static int
count_files(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(dp);
	while ((e = readdir(dp)))
		n += e->d_name[0] != '.';
	closedir(dp);
	return n;
}

START_TEST(round_trip)
{
	static const char *const addrs[] = {
		"127.1.0.8", "::1", "host with space", "back\\slash", "eq=uals", "h\xc3\xa9te", "tab\there", "#hash",
	};
	struct saved s, r;
	char path[256], why[256];

	saved_init(&s);
	s.have_theme = true;
	s.theme = THEME_LIGHT;
	s.have_sort = true;
	s.sort = SORT_DROPS;
	s.reverse = true;
	s.have_view = true;
	s.view = CLIENTS_TABLE;
	for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++)
		ck_assert(strset_add(saved_cards(&s, ""), addrs[i], strlen(addrs[i])));
	snprintf(path, sizeof path, "%s/sub/dir/x.state", dir);
	ck_assert_int_eq(state_write(path, TARGET, &s, why, sizeof why), STATE_OK);
	saved_init(&r);
	ck_assert_int_eq(state_read(path, TARGET, &r, why, sizeof why), STATE_OK);
	ck_assert_str_eq(why, "");
	ck_assert(r.have_theme && r.theme == THEME_LIGHT);
	ck_assert(r.have_sort && r.sort == SORT_DROPS && r.reverse);
	ck_assert(r.have_view && r.view == CLIENTS_TABLE);
	ck_assert(!r.expand_all);
	ck_assert(!r.group);
	ck_assert_uint_eq(strset_count(saved_cards(&r, "")), sizeof addrs / sizeof addrs[0]);
	for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++)
		ck_assert_msg(strset_has(saved_cards(&r, ""), addrs[i], strlen(addrs[i])), "%s lost", addrs[i]);
	/* all expanded, one closed */
	strset_clear(saved_cards(&s, ""));
	s.expand_all = true;
	s.group = true; /* a fleet's cards grouped by server */
	strset_add(saved_cards(&s, ""), "::1", 3);
	ck_assert_int_eq(state_write(path, TARGET, &s, why, sizeof why), STATE_OK);
	ck_assert_int_eq(state_read(path, TARGET, &r, why, sizeof why), STATE_OK);
	ck_assert(r.expand_all);
	ck_assert(r.group);
	ck_assert_uint_eq(strset_count(saved_cards(&r, "")), 1);
	ck_assert(strset_has(saved_cards(&r, ""), "::1", 3));
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	saved_free(&s);
	saved_free(&r);
}
END_TEST

/* Read all of path into buf (NUL-terminated); its length. */
static size_t
slurp(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	size_t n = fread(buf, 1, size - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return n;
}

/* The file is the same bytes under a decimal-comma UTF-8 locale, and reads back there. */
START_TEST(same_file_in_every_locale)
{
	struct saved s, r;
	char path[256], why[256], in_c[4096], in_de[4096];

	saved_init(&s);
	s.have_theme = true;
	s.theme = THEME_MONO;
	s.have_sort = true;
	s.sort = SORT_INTERVAL;
	ck_assert(strset_add(saved_cards(&s, ""), "h\xc3\xa9te 1,5", 9));
	ck_assert(strset_add(saved_cards(&s, ""), "2001:db8::1", 11));
	snprintf(path, sizeof path, "%s/c.state", dir);
	ck_assert_int_eq(state_write(path, TARGET, &s, why, sizeof why), STATE_OK);
	size_t n = slurp(path, in_c, sizeof in_c);
	unit_use_locale("de_DE.UTF-8");
	snprintf(path, sizeof path, "%s/de.state", dir);
	ck_assert_int_eq(state_write(path, TARGET, &s, why, sizeof why), STATE_OK);
	ck_assert_uint_eq(slurp(path, in_de, sizeof in_de), n);
	ck_assert_str_eq(in_de, in_c);
	saved_init(&r);
	ck_assert_int_eq(state_parse(in_c, n, TARGET, &r, why, sizeof why), STATE_OK);
	ck_assert(r.have_theme && r.theme == THEME_MONO && r.have_sort && r.sort == SORT_INTERVAL);
	ck_assert(strset_has(saved_cards(&r, ""), "h\xc3\xa9te 1,5", 9));
	const char upper[] = "version = 1\nsource = " TARGET "\nopen = \\x41\\xC3\\xA9\n";
	ck_assert_int_eq(state_parse(upper, sizeof upper - 1, TARGET, &r, why, sizeof why), STATE_OK);
	ck_assert(strset_has(saved_cards(&r, ""), "A\xc3\xa9", 3));
	unit_end_locale();
	saved_free(&s);
	saved_free(&r);
}
END_TEST

/* A fleet's open cards are its servers': the same address open at a, not
 * at b, comes back so; each server's lines after its name; the one
 * source's (before any server line) apart; a bad server line skips its
 * cards.  Its selected server comes back by name. */
START_TEST(a_fleets_cards_are_per_server)
{
	struct saved s, r;
	char path[256], why[256], text[4096];

	saved_init(&s);
	ck_assert(strset_add(saved_cards(&s, "a"), "127.1.0.1", 9));
	ck_assert(strset_add(saved_cards(&s, "b c"), "127.1.0.2", 9));
	ck_assert_ptr_nonnull(saved_cards(&s, "d"));   /* none open: no line */
	snprintf(s.selected, sizeof s.selected, "b c");
	snprintf(path, sizeof path, "%s/f.state", dir);
	ck_assert_int_eq(state_write(path, "fleet: x | y", &s, why, sizeof why), STATE_OK);
	slurp(path, text, sizeof text);
	ck_assert_ptr_nonnull(strstr(text, "\nserver = a\nopen = 127.1.0.1\nserver = b\\x20c\nopen = 127.1.0.2\n"));
	ck_assert_ptr_null(strstr(text, "server = d"));
	ck_assert_ptr_nonnull(strstr(text, "\nselected = b\\x20c\n"));
	saved_init(&r);
	ck_assert_int_eq(state_read(path, "fleet: x | y", &r, why, sizeof why), STATE_OK);
	ck_assert_str_eq(why, "");
	ck_assert(strset_has(saved_cards(&r, "a"), "127.1.0.1", 9));
	ck_assert(!strset_has(saved_cards(&r, "b c"), "127.1.0.1", 9));
	ck_assert(strset_has(saved_cards(&r, "b c"), "127.1.0.2", 9));
	ck_assert_uint_eq(strset_count(saved_cards(&r, "")), 0);
	ck_assert_str_eq(r.selected, "b c");
	const char mixed[] = "version = 1\nsource = x\nexpand-all = yes\nclosed = ::1\nserver = a\nclosed = ::2\n"
	                     "server = \nclosed = ::3\nserver = a\nclosed = ::4\n";
	ck_assert_int_eq(state_parse(mixed, sizeof mixed - 1, "x", &r, why, sizeof why), STATE_OK);
	ck_assert(r.expand_all);
	ck_assert(strset_has(saved_cards(&r, ""), "::1", 3));
	ck_assert_uint_eq(strset_count(saved_cards(&r, "")), 1);
	ck_assert(strset_has(saved_cards(&r, "a"), "::2", 3) && strset_has(saved_cards(&r, "a"), "::4", 3));
	ck_assert_uint_eq(strset_count(saved_cards(&r, "a")), 2);   /* ::3 went with the nameless server */
	ck_assert_ptr_nonnull(strstr(why, "line 7: server"));
	ck_assert_str_eq(r.selected, "");              /* none in that file */
	char longer[200];
	snprintf(longer, sizeof longer, "version = 1\nsource = x\nselected = %0*d\n", STATE_NAME_MAX, 0);
	ck_assert_int_eq(state_parse(longer, strlen(longer), "x", &r, why, sizeof why), STATE_OK);
	ck_assert_str_eq(r.selected, "");              /* longer than any server's name: skipped, noted */
	ck_assert_ptr_nonnull(strstr(why, "line 3: selected"));
	saved_free(&s);
	saved_free(&r);
}
END_TEST

START_TEST(damaged_files_are_ignored_whole)
{
	static const struct { const char *text; size_t len; enum state_err want; } rows[] = {
		{ "garbage\n", 0, STATE_ERR_SYNTAX },
		{ "\x7f" "ELF\x02\x01\x01\0\0\0", 10, STATE_ERR_SYNTAX },
		{ "theme = light\nsource = " TARGET "\n", 0, STATE_ERR_VERSION },
		{ "version = 2\nsource = " TARGET "\ntheme = light\n", 0, STATE_ERR_VERSION },
		{ "version = 1\nsource = other\ntheme = light\n", 0, STATE_ERR_OTHER_SOURCE },
		{ "version = 1\ntheme = light\n", 0, STATE_ERR_OTHER_SOURCE },
		{ "version = 1\nsource = " TARGET "\nopen = bad\\q\n", 0, STATE_ERR_SYNTAX },
		{ "version = 1\nsource = " TARGET "\n= light\n", 0, STATE_ERR_SYNTAX },
		{ "", 0, STATE_ERR_VERSION },
	};
	struct saved s;
	char why[256];

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t len = rows[i].len ? rows[i].len : strlen(rows[i].text);
		saved_init(&s);
		enum state_err e = state_parse(rows[i].text, len, TARGET, &s, why, sizeof why);
		ck_assert_msg(e == rows[i].want, "row %zu: %d (%s)", i, e, why);
		ck_assert_msg(why[0], "row %zu: no reason given", i);
		ck_assert(!s.have_theme && !s.have_sort && strset_count(saved_cards(&s, "")) == 0);
		saved_free(&s);
	}
}
END_TEST

START_TEST(bad_values_are_skipped_with_a_note)
{
	const char *text = "# comment\n\n  version = 1  \nsource = chronyc\\x20-c\\x20-n\\x20-h\\x20/run/chrony/chronyd.sock\\x20clients\n"
	                   "theme = purple\nsort = drops\nreverse = maybe\nview = grid\nfuture-key = 42\nopen = ::1\r\n";
	struct saved s;
	char why[256];

	saved_init(&s);
	ck_assert_int_eq(state_parse(text, strlen(text), TARGET, &s, why, sizeof why), STATE_OK);
	ck_assert(!s.have_theme);
	ck_assert(s.have_sort && s.sort == SORT_DROPS && !s.reverse);
	ck_assert(strset_has(saved_cards(&s, ""), "::1", 3));
	ck_assert_ptr_nonnull(strstr(why, "theme \"purple\""));
	ck_assert_ptr_nonnull(strstr(why, "reverse \"maybe\""));
	ck_assert_ptr_nonnull(strstr(why, "view \"grid\""));
	ck_assert(!s.have_view);
	ck_assert_ptr_null(strstr(why, "future"));
	saved_free(&s);
}
END_TEST

START_TEST(writes_are_atomic)
{
	struct saved s;
	char path[256], why[256];
	struct stat before, after;

	saved_init(&s);
	s.have_theme = true;
	snprintf(path, sizeof path, "%s/x.state", dir);
	ck_assert_int_eq(state_write(path, TARGET, &s, why, sizeof why), STATE_OK);
	ck_assert_int_eq(stat(path, &before), 0);
	s.theme = THEME_MONO;
	ck_assert_int_eq(state_write(path, TARGET, &s, why, sizeof why), STATE_OK);
	ck_assert_int_eq(stat(path, &after), 0);
	ck_assert_msg(before.st_ino != after.st_ino, "rewritten in place, not renamed over");
	ck_assert_int_eq(count_files(dir), 1);     /* no temporary file left */
	/* a write that fails leaves the old file alone and no litter */
	char blocked[256];
	snprintf(blocked, sizeof blocked, "%s/d.state", dir);
	ck_assert_int_eq(mkdir(blocked, 0700), 0);
	ck_assert_int_eq(state_write(blocked, TARGET, &s, why, sizeof why), STATE_ERR_IO);
	ck_assert_ptr_nonnull(strstr(why, "rename"));
	ck_assert_int_eq(count_files(dir), 2);
	struct saved r;
	saved_init(&r);
	ck_assert_int_eq(state_read(path, TARGET, &r, why, sizeof why), STATE_OK);
	ck_assert_int_eq(r.theme, THEME_MONO);
	ck_assert_int_eq(state_read(blocked, TARGET, &r, why, sizeof why), STATE_ERR_TOO_BIG);
	snprintf(blocked, sizeof blocked, "%s/x.state/under", dir);     /* a file where a directory must be */
	ck_assert_int_eq(state_write(blocked, TARGET, &s, why, sizeof why), STATE_ERR_IO);
	snprintf(path, sizeof path, "%s/none.state", dir);
	ck_assert_int_eq(state_read(path, TARGET, &r, why, sizeof why), STATE_ERR_MISSING);
	saved_free(&s);
	saved_free(&r);
}
END_TEST

START_TEST(paths_per_source)
{
	char a[512], b[512];

	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("HOME", "/home/u", 1);
	ck_assert_int_eq(state_path(a, sizeof a, TARGET), STATE_OK);
	ck_assert_msg(strncmp(a, "/x/state/ticctop/chronyc-c-n-h-run-chrony-chronyd-sock-cl-", 58) == 0, "%s", a);
	ck_assert_ptr_nonnull(strstr(a, ".state"));
	ck_assert_int_eq(state_path(b, sizeof b, "http://server/data"), STATE_OK);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(state_path(b, sizeof b, TARGET), STATE_OK);
	ck_assert_str_eq(a, b);
	setenv("XDG_STATE_HOME", "relative", 1);    /* not absolute: ignored, as the XDG spec says */
	ck_assert_int_eq(state_path(a, sizeof a, TARGET), STATE_OK);
	ck_assert_msg(strncmp(a, "/home/u/.local/state/ticctop/", 29) == 0, "%s", a);
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	ck_assert_int_eq(state_path(a, sizeof a, TARGET), STATE_ERR_NO_HOME);
}
END_TEST

START_TEST(string_set)
{
	struct strset s;
	char key[32];
	static bool in[5000];

	strset_init(&s);
	ck_assert(!strset_has(&s, "x", 1));
	strset_del(&s, "x", 1);
	srand(3);
	for (int round = 0; round < 20000; round++) {
		int k = rand() % 5000;
		int n = snprintf(key, sizeof key, "10.0.%d.%d", k / 256, k % 256);
		if (rand() % 3) {
			ck_assert(strset_add(&s, key, (size_t)n));
			in[k] = true;
		} else {
			strset_del(&s, key, (size_t)n);
			in[k] = false;
		}
	}
	size_t count = 0;
	for (int k = 0; k < 5000; k++) {
		int n = snprintf(key, sizeof key, "10.0.%d.%d", k / 256, k % 256);
		ck_assert_msg(strset_has(&s, key, (size_t)n) == in[k], "%s", key);
		count += in[k];
	}
	ck_assert_uint_eq(strset_count(&s), count);
	size_t pos = 0, seen = 0;
	while (strset_next(&s, &pos))
		seen++;
	ck_assert_uint_eq(seen, count);
	ck_assert(!strset_has(&s, "10.0.0.1x", 8) || in[1]);   /* lengths, not terminators */
	strset_free(&s);
}
END_TEST

/* All state tests. */
static Suite *
state_suite(void)
{
	Suite *s = suite_create("state");
	TCase *tc = tcase_create("state");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, damaged_files_are_ignored_whole);
	tcase_add_test(tc, bad_values_are_skipped_with_a_note);
	tcase_add_test(tc, writes_are_atomic);
	tcase_add_test(tc, paths_per_source);
	tcase_add_test(tc, string_set);
	tcase_add_test(tc, same_file_in_every_locale);
	tcase_add_test(tc, a_fleets_cards_are_per_server);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(state_suite)
