/* check_view.c — every sort order and the filter over a small known model. */
#include "config.h"

#include <ctype.h>

#include "unit.h"
#include "unit_locale.h"
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
	model_end(m, &h, true, 0);
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
	{ "status:warm", FILTER_ERR_TOKEN, "" },
	{ "stauts:crit", FILTER_ERR_TOKEN, "" },     /* a mistyped kind is no text to look for */
	{ "127 Family:", FILTER_ERR_TOKEN, "" },
	{ "2001:db8", FILTER_OK, "2001:db8::1" },     /* hex before the colon: an address */
	{ "Status:CRIT", FILTER_OK, "10.0.0.1 127.0.0.9" },
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

/* Random models for the sort: what kinds of address they hold, how many. */
static const struct {
	const char *what;
	size_t n;
	unsigned families;   /* bit per enum family */
	unsigned unknown;    /* one field in `unknown` is not known */
} random_models[] = {
	{ "IPv4 only", 3000, 1u << FAMILY_IPV4, 0 },
	{ "IPv6 sharing a /64", 3000, 1u << FAMILY_IPV6, 5 },
	{ "host names sharing prefixes, mixed case", 3000, 1u << FAMILY_HOSTNAME, 3 },
	{ "every family, cut names", 5000, 7u, 2 },
	{ "two clients", 2, 7u, 2 },
};

/* A random number below n from a fixed generator (xorshift). */
static uint32_t
rnd(uint32_t *state, uint32_t n)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state % n;
}

/* Write a random address of one of the families in mask into a; sets *cut for a cut name. */
static void
random_addr(uint32_t *st, unsigned mask, char *a, size_t size, bool *cut)
{
	static const char *const stems[] = { "ntp", "NTP", "ntp-client-", "ntp-client-0", "Alpha", "alpha", "a", "" };
	enum family f;

	do
		f = (enum family)rnd(st, FAMILY_COUNT);
	while (!(mask & (1u << f)));
	*cut = false;
	if (f == FAMILY_IPV4)
		snprintf(a, size, "%u.%u.%u.%u", 10 + rnd(st, 3), rnd(st, 4), rnd(st, 256), rnd(st, 256));
	else if (f == FAMILY_IPV6)
		snprintf(a, size, "2001:db8::%x:%x", rnd(st, 4), rnd(st, 65536));
	else if ((*cut = rnd(st, 8) == 0))
		snprintf(a, size, "a-very-long-reverse-name>");
	else
		snprintf(a, size, "%s%u.example", stems[rnd(st, 8)], rnd(st, 500));
}

/* Put a random value (or none, 1 time in 8) of field f into s. */
static void
random_value(uint32_t *st, enum field f, struct sample *s)
{
	static const int64_t spans[] = { [KIND_COUNT] = 20, [KIND_LOG2] = 30, [KIND_SECONDS] = 5000 };
	enum field_kind kind = field_info(f)->kind;

	if (rnd(st, 8) != 0)
		sample_set(s, f, (int64_t)rnd(st, (uint32_t)spans[kind]) - (kind == KIND_LOG2 ? 10 : 0));
}

/* Fill a model with random clients as random_models[i] says. */
static struct model *
random_model(size_t i, uint32_t seed)
{
	struct model *rm = model_new();
	char a[64];
	uint32_t st = seed;

	model_begin(rm);
	for (size_t k = 0; k < random_models[i].n; k++) {
		struct row r = { .addr = a };
		random_addr(&st, random_models[i].families, a, sizeof a, &r.truncated);
		r.len = strlen(a);
		for (int f = 0; f < FIELD_COUNT; f++)
			if (!(random_models[i].unknown && f == (int)random_models[i].unknown && rnd(&st, 2)))
				random_value(&st, (enum field)f, &r.s);
		ck_assert(model_put(rm, &r));
	}
	model_end(rm, &h, true, 0);
	return rm;
}

/* The order view_compare gives: a full comparison sort, the reference. */
static int
reference_cmp(const void *pa, const void *pb, void *arg)
{
	const int *how = arg; /* key, reverse */
	int c = view_compare((enum sort_key)how[0], model_at(m, *(const uint32_t *)pa), model_at(m, *(const uint32_t *)pb));
	return how[1] ? -c : c;
}

START_TEST(sort_matches_full_comparison_sort)
{
	struct model *keep = m;
	struct view v;

	health_init(&h, 1, 10);
	m = random_model((size_t)_i, 2463534242u + (uint32_t)_i);
	view_init(&v);
	for (int k = 0; k < SORT_COUNT; k++) {
		for (int rev = 0; rev < 2; rev++) {
			int how[2] = { k, rev };
			v.key = (enum sort_key)k;
			v.reverse = rev;
			ck_assert(view_update(&v, m));
			uint32_t *want = malloc(v.n * sizeof *want);
			memcpy(want, v.idx, v.n * sizeof *want);
			qsort_r(want, v.n, sizeof *want, reference_cmp, how);
			for (size_t i = 0; i < v.n; i++)
				ck_assert_msg(v.idx[i] == want[i], "%s, key %s%s: position %zu is %s, want %s",
				              random_models[_i].what, sort_key_name((enum sort_key)k), rev ? " reversed" : "", i,
				              model_at(m, v.idx[i])->addr, model_at(m, want[i])->addr);
			free(want);
		}
	}
	view_free(&v);
	model_free(m);
	m = keep;
}
END_TEST

/* Steps of a view kept across refreshes: what the refresh does, then the
 * view's key and filter.  After each, the kept view must equal a new one. */
enum step_kind { STEP_COUNTERS, STEP_DROPS, STEP_ADD, STEP_REMOVE };

static const struct {
	enum step_kind kind;
	const char *key;
	const char *filter;
} kept_steps[] = {
	{ STEP_COUNTERS, "addr", "" },
	{ STEP_COUNTERS, "addr", "" },
	{ STEP_DROPS, "addr", "status:crit" },
	{ STEP_DROPS, "addr", "status:crit" },   /* counters moved clients in and out of the filter */
	{ STEP_DROPS, "addr", "" },
	{ STEP_ADD, "addr", "" },
	{ STEP_COUNTERS, "addr", "127.0.0.1" },
	{ STEP_REMOVE, "addr", "127.0.0.1" },
	{ STEP_COUNTERS, "drops", "" },
	{ STEP_DROPS, "drops", "" },             /* a counter order must be sorted again */
	{ STEP_COUNTERS, "addr", "family:v4" },
	{ STEP_ADD, "addr", "family:v4" },
};

/* Refresh m with the rows table as step kind k (round r) does it. */
static void
step_refresh(enum step_kind k, int r)
{
	model_begin(m);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (k == STEP_REMOVE && i == 0)
			continue;
		struct row row = { .addr = rows[i].addr, .len = strlen(rows[i].addr) };
		sample_set(&row.s, FIELD_NTP_PACKETS, rows[i].ntp + r);
		sample_set(&row.s, FIELD_NTP_DROPS, k == STEP_DROPS ? (rows[i].drops + 7 * r) % 20 : rows[i].drops);
		ck_assert(model_put(m, &row));
	}
	if (k == STEP_ADD) {
		char a[32];
		snprintf(a, sizeof a, "127.0.0.%d", 100 + r);
		struct row row = { .addr = a, .len = strlen(a) };
		sample_set(&row.s, FIELD_NTP_DROPS, r % 15);
		ck_assert(model_put(m, &row));
	}
	model_end(m, &h, true, 0);
}

START_TEST(kept_view_equals_a_new_one)
{
	struct view kept;
	const char *bad;

	view_init(&kept);
	for (size_t i = 0; i < sizeof kept_steps / sizeof kept_steps[0]; i++) {
		struct view fresh;
		char want[512], got[512];
		enum sort_key k;
		step_refresh(kept_steps[i].kind, (int)i + 1);
		ck_assert(sort_key_parse(kept_steps[i].key, &k));
		view_init(&fresh);
		kept.key = fresh.key = k;
		ck_assert_int_eq(filter_parse(kept_steps[i].filter, &kept.filter, &bad), FILTER_OK);
		ck_assert_int_eq(filter_parse(kept_steps[i].filter, &fresh.filter, &bad), FILTER_OK);
		ck_assert(view_update(&kept, m));
		ck_assert(view_update(&fresh, m));
		joined(&kept, got, sizeof got);
		joined(&fresh, want, sizeof want);
		ck_assert_msg(strcmp(got, want) == 0, "step %zu: kept \"%s\", new \"%s\"", i, got, want);
		view_free(&fresh);
	}
	view_free(&kept);
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

START_TEST(bad_filter_keeps_the_last_and_says_why)
{
	struct filter f;
	const char *bad = NULL;
	char why[256];
	ck_assert_int_eq(filter_parse("status:crit 127", &f, &bad), FILTER_OK);
	struct filter before = f;
	ck_assert_int_eq(filter_parse("family:v4 status:warm", &f, &bad), FILTER_ERR_TOKEN);
	ck_assert(memcmp(&f, &before, sizeof f) == 0);
	filter_err_text(FILTER_ERR_TOKEN, bad, why, sizeof why);
	ck_assert_str_eq(why, "\"status:warm\" is not a filter word: use status:ok|warn|crit family:v4|v6|host "
	                      "state:new|gone|reset server:NAME, "
	                      "or text to look for");
}
END_TEST

START_TEST(filter_folds_ascii_in_any_locale)
{
	struct filter f;
	const char *bad;
	enum sort_key k;
	struct client c = { .addr = (char *)"client.example.org", .len = 18, .family = FAMILY_HOSTNAME };
	unit_use_locale("tr_TR.UTF-8");
	ck_assert_int_ne(tolower('I'), 'i'); /* the locale is in force */
	ck_assert_int_eq(filter_parse("CLIENT", &f, &bad), FILTER_OK);
	ck_assert(filter_match(&f, &c));
	ck_assert_int_eq(filter_parse("STATUS:CRITICAL FAMILY:HOSTNAME", &f, &bad), FILTER_OK);
	ck_assert_uint_eq(f.status_mask, 1u << STATUS_CRITICAL);
	ck_assert(sort_key_parse("INTERVAL", &k) && k == SORT_INTERVAL);
	ck_assert_int_lt(addr_compare(FAMILY_HOSTNAME, "i.example", NULL, FAMILY_HOSTNAME, "J.example", NULL), 0);
	unit_end_locale();
}
END_TEST

START_TEST(state_filter_and_rate_sorts)
{
	struct model *mm = model_new();
	struct view v;
	struct filter f;
	const char *bad;
	const char *addr[] = { "127.0.0.1", "127.0.0.2", "127.0.0.3" };
	enum sort_key k;

	model_configure(mm, 300, 10);
	for (int t = 0; t < 3; t++) { /* .3 comes at 1 and sends most; .1 sends 1/s, .2 4/s */
		model_begin(mm);
		unit_put(mm, addr[0], 10 + t, 0, false);
		unit_put(mm, addr[1], 10 + 4 * t, 2 * t, false);
		if (t > 0)
			unit_put(mm, addr[2], 10 * t, 0, false);
		model_end(mm, &h, true, t);
	}
	view_init(&v);
	ck_assert_int_eq(filter_parse("state:new", &f, &bad), FILTER_OK);
	v.filter = f;
	ck_assert(view_update(&v, mm));
	ck_assert_uint_eq(v.n, 1);
	ck_assert_str_eq(model_at(mm, v.idx[0])->addr, addr[2]);
	memset(&v.filter, 0, sizeof v.filter);
	const struct { const char *key, *first, *last; } by[] = { /* ties in address order */
		{ "rate", "127.0.0.3", "127.0.0.1" }, { "droprate", "127.0.0.2", "127.0.0.3" },
		{ "dropshare", "127.0.0.2", "127.0.0.3" }, { "new", "127.0.0.3", "127.0.0.2" },
	};
	for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
		ck_assert(sort_key_parse(by[i].key, &k));
		v.key = k;
		ck_assert(view_update(&v, mm));
		ck_assert_str_eq(model_at(mm, v.idx[0])->addr, by[i].first);
		ck_assert_str_eq(model_at(mm, v.idx[2])->addr, by[i].last);
	}
	model_begin(mm); /* .1 goes: state:gone finds it while the index stays */
	unit_put(mm, addr[1], 30, 4, false);
	unit_put(mm, addr[2], 30, 0, false);
	model_end(mm, &h, true, 3);
	ck_assert_int_eq(filter_parse("state:gone state:reset", &f, &bad), FILTER_OK);
	v.filter = f;
	v.key = SORT_ADDR;
	ck_assert(view_update(&v, mm));
	ck_assert_uint_eq(v.n, 1);
	ck_assert_str_eq(model_at(mm, v.idx[0])->addr, addr[0]);
	view_free(&v);
	model_free(mm);
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
	tcase_add_test(t, filter_folds_ascii_in_any_locale);
	tcase_add_test(t, bad_filter_keeps_the_last_and_says_why);
	tcase_add_test(t, kept_view_equals_a_new_one);
	tcase_add_test(t, state_filter_and_rate_sorts);
	tcase_add_loop_test(t, sort_matches_full_comparison_sort, 0, sizeof random_models / sizeof random_models[0]);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(view_suite)
