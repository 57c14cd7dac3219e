/* check_fleet.c — a fleet's names, its worst state and its state key. */
#include "config.h"

#include "fleet.h"
#include "source.h"
#include "unit.h"

/* Sources with only a kind and a target: all the fleet reads of them. */
static struct source srcs[5];

/* Make a fleet of n sources of these kinds and targets (monitors not initialised: the fleet only names them). */
static void
make(struct fleet *f, size_t n, const char *const *kind, const char *const *target)
{
	ck_assert(fleet_alloc(f, n));
	for (size_t i = 0; i < n; i++) {
		srcs[i].kind = kind[i];
		snprintf(srcs[i].target, sizeof srcs[i].target, "%s", target[i]);
		f->mon[i].src = &srcs[i];
	}
}

START_TEST(default_names_and_unique)
{
	static const char *const kind[] = { "http", "http", "chronyc", "chronyc", "http" };
	static const char *const target[] = { "http://ntp1.example:8080/data", "https://[::1]/x/data?y",
	                                      "chronyc -c -n clients", "chronyc -h /run/b.sock -c -n clients",
	                                      "http://ntp1.example:8080/other" };
	static const char *const given[] = { NULL, NULL, NULL, NULL, NULL };
	static const char *const want[] = { "ntp1.example:8080", "[::1]", "local", "local#2", "ntp1.example:8080#2" };
	struct fleet f;

	make(&f, 5, kind, target);
	for (size_t i = 0; i < 5; i++) {
		fleet_set_name(&f, i, given[i]);
		ck_assert_str_eq(f.name[i], want[i]);
	}
	ck_assert_uint_eq(fleet_find(&f, "local#2"), 3);
	ck_assert_uint_eq(fleet_find(&f, "nope"), 5);
	fleet_set_name(&f, 4, "local"); /* a given name is made unique too */
	ck_assert_str_eq(f.name[4], "local#3");
	fleet_free(&f, 0);
}
END_TEST

/* The worst state: critical, warning, then unknown (a failed server), then ok. */
START_TEST(worst_state_rule)
{
	static const struct {
		enum exit_status st[3];
		size_t n;
		enum exit_status want;
	} rows[] = {
		{ { EXIT_OK, EXIT_OK, EXIT_OK }, 3, EXIT_OK },
		{ { EXIT_OK, EXIT_UNKNOWN, EXIT_OK }, 3, EXIT_UNKNOWN },
		{ { EXIT_WARNING, EXIT_UNKNOWN, EXIT_OK }, 3, EXIT_WARNING },
		{ { EXIT_UNKNOWN, EXIT_CRITICAL, EXIT_WARNING }, 3, EXIT_CRITICAL },
		{ { EXIT_UNKNOWN, EXIT_UNKNOWN, EXIT_UNKNOWN }, 3, EXIT_UNKNOWN },
		{ { EXIT_OK }, 0, EXIT_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		ck_assert_msg(fleet_worst(rows[i].st, rows[i].n) == rows[i].want, "row %zu", i);
}
END_TEST

/* One source keeps its own key (its remembered state stays); several are a set: order does not matter. */
START_TEST(state_key_is_the_set)
{
	static const char *const kind[] = { "http", "chronyc" };
	static const char *const ab[] = { "http://b/data", "chronyc -c -n clients" };
	static const char *const ba[] = { "chronyc -c -n clients", "http://b/data" };
	char k1[600], k2[600];
	struct fleet f;

	make(&f, 1, kind, ab);
	fleet_key(&f, k1, sizeof k1);
	ck_assert_str_eq(k1, "http://b/data");
	fleet_free(&f, 0);
	make(&f, 2, kind, ab);
	fleet_key(&f, k1, sizeof k1);
	fleet_free(&f, 0);
	make(&f, 2, kind, ba);
	fleet_key(&f, k2, sizeof k2);
	fleet_free(&f, 0);
	ck_assert_str_eq(k1, "fleet: chronyc -c -n clients | http://b/data");
	ck_assert_str_eq(k1, k2);
}
END_TEST

/* Monitors over hand-made rows, for the list tests. */
static void
feed(struct monitor *m, const char *csv)
{
	struct parse_report rep;

	model_begin(m->model);
	ck_assert_int_eq(parse_csv(csv, strlen(csv), model_put, m->model, &rep), PARSE_OK);
	model_end(m->model, &m->health, true, 0);
	monitor_update_view(m);
}

/* The list merges the servers' views in their order (ties: fleet order),
 * or groups them, or shows one; reversed is the exact reverse; it is
 * rebuilt only when a view was. */
START_TEST(list_merges_groups_and_picks)
{
	static const char *const kind[] = { "http", "http" };
	static const char *const target[] = { "http://a/data", "http://b/data" };
	/* chronyc -c -n clients: addr, NTP packets, drops, interval, limited, last; Cmd packets, drops, interval, last */
	static const char *const rows[] = {
		"127.0.0.1,5,0,1,127,9,0,0,127,4294967295\n127.0.0.3,5,3,1,127,9,0,0,127,4294967295\n",
		"127.0.0.2,5,1,1,127,9,0,0,127,4294967295\n127.0.0.3,5,0,1,127,9,0,0,127,4294967295\n",
	};
	struct health h;
	struct fleet f;
	struct fleet_list l;

	health_init(&h, 1, 10);
	make(&f, 2, kind, target);
	for (size_t i = 0; i < 2; i++) {
		ck_assert(monitor_init(&f.mon[i], &srcs[i], &h));
		feed(&f.mon[i], rows[i]);
	}
	fleet_list_init(&l);
	ck_assert(fleet_list_update(&l, &f, false, 2));
	ck_assert_uint_eq(l.n, 4);
	static const char *const merged[] = { "127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.3" };
	static const uint32_t merged_srv[] = { 0, 1, 0, 1 };
	for (size_t i = 0; i < 4; i++) {
		ck_assert_str_eq(model_at(f.mon[l.srv[i]].model, l.idx[i])->addr, merged[i]);
		ck_assert_uint_eq(l.srv[i], merged_srv[i]);
	}
	uint64_t built = l.built;
	ck_assert(fleet_list_update(&l, &f, false, 2));
	ck_assert_uint_eq(l.built, built); /* nothing changed */
	ck_assert(fleet_list_update(&l, &f, true, 2));
	static const uint32_t grouped_srv[] = { 0, 0, 1, 1 };
	for (size_t i = 0; i < 4; i++)
		ck_assert_uint_eq(l.srv[i], grouped_srv[i]);
	ck_assert(fleet_list_update(&l, &f, false, 1));
	ck_assert_uint_eq(l.n, 2);
	ck_assert_uint_eq(l.srv[0], 1);
	ck_assert(fleet_list_update(&l, &f, false, 3)); /* beyond: none */
	ck_assert_uint_eq(l.n, 0);
	for (size_t i = 0; i < 2; i++) { /* by drops, most first, reversed */
		f.mon[i].view.key = SORT_DROPS;
		f.mon[i].view.reverse = true;
		f.mon[i].view_stale = true;
		monitor_update_view(&f.mon[i]);
	}
	ck_assert(fleet_list_update(&l, &f, false, 2));
	static const char *const drops_rev[] = { "127.0.0.3", "127.0.0.1", "127.0.0.2", "127.0.0.3" };
	static const uint32_t drops_rev_srv[] = { 1, 0, 1, 0 };
	for (size_t i = 0; i < 4; i++) {
		ck_assert_str_eq(model_at(f.mon[l.srv[i]].model, l.idx[i])->addr, drops_rev[i]);
		ck_assert_uint_eq(l.srv[i], drops_rev_srv[i]);
	}
	fleet_list_free(&l);
	fleet_free(&f, 2);
}
END_TEST

/* Make the fleet suite. */
static Suite *
fleet_suite(void)
{
	Suite *s = suite_create("fleet");
	TCase *t = tcase_create("fleet");

	tcase_add_test(t, default_names_and_unique);
	tcase_add_test(t, worst_state_rule);
	tcase_add_test(t, state_key_is_the_set);
	tcase_add_test(t, list_merges_groups_and_picks);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(fleet_suite)
