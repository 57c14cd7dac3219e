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

/* Make the fleet suite. */
static Suite *
fleet_suite(void)
{
	Suite *s = suite_create("fleet");
	TCase *t = tcase_create("fleet");

	tcase_add_test(t, default_names_and_unique);
	tcase_add_test(t, worst_state_rule);
	tcase_add_test(t, state_key_is_the_set);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(fleet_suite)
