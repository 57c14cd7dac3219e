/* check_view.c — every sort order and the filter over a small known model. */
#include "unit.h"
#include "view.h"

static struct model *m;
static struct health h;

/* Rows: addr, ntp packets, drops, interval (-999 none), last (-999 none), cmd packets. */
static const struct {
	const char *addr;
	long ntp, drops, interval, last, cmd;
} rows[] = {
	{ "127.0.0.10", 5, 0, -2, 30, 0 },
	{ "127.0.0.9", 50, 12, -5, 2, 3 },
	{ "::1", 8, 3, -3, 10, 1 },
	{ "2001:db8::1", 1, 0, -999, -999, 0 },
	{ "Bravo.example", 20, 1, 1, 100, 7 },
	{ "alpha.example", 2, 0, 4, 5, 0 },
	{ "10.0.0.1", 9, 30, -4, 1, 0 },
};

/* Build the model from rows. */
static void
setup(void)
{
	health_init(&h, 1, 10);
	m = model_new();
	model_begin(m);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct row r = { .addr = rows[i].addr, .len = strlen(rows[i].addr) };
		sample_set(&r.s, FIELD_NTP_PACKETS, rows[i].ntp);
		sample_set(&r.s, FIELD_NTP_DROPS, rows[i].drops);
		if (rows[i].interval != -999)
			sample_set(&r.s, FIELD_NTP_INTERVAL, rows[i].interval);
		if (rows[i].last != -999)
			sample_set(&r.s, FIELD_NTP_LAST, rows[i].last);
		sample_set(&r.s, FIELD_CMD_PACKETS, rows[i].cmd);
		model_put(m, &r);
	}
	model_end(m, &h, true);
}

/* Free the model. */
static void
teardown(void)
{
	model_free(m);
}

/* Sort key, reverse, and the expected order joined by spaces. */
static const struct {
	const char *key;
	bool reverse;
	const char *order;
} orders[] = {
	{ "addr", false, "alpha.example Bravo.example 10.0.0.1 127.0.0.9 127.0.0.10 ::1 2001:db8::1" },
	{ "addr", true, "2001:db8::1 ::1 127.0.0.10 127.0.0.9 10.0.0.1 Bravo.example alpha.example" },
	{ "drops", false, "10.0.0.1 127.0.0.9 ::1 Bravo.example alpha.example 127.0.0.10 2001:db8::1" },
	{ "last", false, "10.0.0.1 127.0.0.9 alpha.example ::1 127.0.0.10 Bravo.example 2001:db8::1" },
	{ "ntp", false, "127.0.0.9 Bravo.example 10.0.0.1 ::1 127.0.0.10 alpha.example 2001:db8::1" },
	{ "cmd", false, "Bravo.example 127.0.0.9 ::1 alpha.example 10.0.0.1 127.0.0.10 2001:db8::1" },
	{ "interval", false, "127.0.0.9 10.0.0.1 ::1 127.0.0.10 Bravo.example alpha.example 2001:db8::1" },
	{ "status", false, "10.0.0.1 127.0.0.9 Bravo.example ::1 alpha.example 127.0.0.10 2001:db8::1" },
};

/* Join the view's addresses with spaces. */
static void
joined(const struct view *v, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < v->n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? " " : "", model_at(m, v->idx[i])->addr);
}

START_TEST(sort_orders)
{
	struct view v;
	char got[512];
	enum sort_key k;
	view_init(&v);
	ck_assert(sort_key_parse(orders[_i].key, &k));
	v.key = k;
	v.reverse = orders[_i].reverse;
	ck_assert(view_update(&v, m));
	joined(&v, got, sizeof got);
	ck_assert_str_eq(got, orders[_i].order);
	view_free(&v);
}
END_TEST

/* Filter text and the expected shown set (in address order). */
static const struct {
	const char *text;
	enum filter_err err;
	const char *shown;
} filters[] = {
	{ "", FILTER_OK, "alpha.example Bravo.example 10.0.0.1 127.0.0.9 127.0.0.10 ::1 2001:db8::1" },
	{ "BRAVO", FILTER_OK, "Bravo.example" },
	{ "127.0.0.1", FILTER_OK, "127.0.0.10" },
	{ ":", FILTER_OK, "::1 2001:db8::1" },
	{ "status:crit", FILTER_OK, "10.0.0.1 127.0.0.9" },
	{ "status:warn status:crit", FILTER_OK, "Bravo.example 10.0.0.1 127.0.0.9 ::1" },
	{ "family:v6", FILTER_OK, "::1 2001:db8::1" },
	{ "family:host status:ok", FILTER_OK, "alpha.example" },
	{ "family:v4 127", FILTER_OK, "127.0.0.9 127.0.0.10" },
	{ "status:bogus", FILTER_ERR_TOKEN, "" },
	{ "nothing-matches", FILTER_OK, "" },
};

START_TEST(filter_table)
{
	struct view v;
	char got[512];
	const char *bad = NULL;
	view_init(&v);
	ck_assert_int_eq(filter_parse(filters[_i].text, &v.filter, &bad), filters[_i].err);
	if (filters[_i].err != FILTER_OK) {
		ck_assert_ptr_nonnull(bad);
		return;
	}
	ck_assert(view_update(&v, m));
	joined(&v, got, sizeof got);
	ck_assert_str_eq(got, filters[_i].shown);
	view_free(&v);
}
END_TEST

START_TEST(sort_names_round_trip)
{
	for (int k = 0; k < SORT_COUNT; k++) {
		enum sort_key back;
		ck_assert(sort_key_parse(sort_key_name((enum sort_key)k), &back));
		ck_assert_int_eq(back, k);
		ck_assert_ptr_nonnull(sort_key_title((enum sort_key)k));
	}
	enum sort_key x;
	ck_assert(!sort_key_parse("bogus", &x));
}
END_TEST

/* Make the view suite. */
static Suite *
view_suite(void)
{
	Suite *s = suite_create("view");
	TCase *t = tcase_create("view");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_loop_test(t, sort_orders, 0, sizeof orders / sizeof orders[0]);
	tcase_add_loop_test(t, filter_table, 0, sizeof filters / sizeof filters[0]);
	tcase_add_test(t, sort_names_round_trip);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(view_suite)
