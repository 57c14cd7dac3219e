/* check_model.c — merging by address, forgetting, classification, health. */
#include "config.h"

#include "model.h"
#include "unit.h"

START_TEST(duplicate_rows_merge_later_wins)
{
	struct model *m = model_new();
	struct health h;
	health_init(&h, 1, 10);
	model_begin(m);
	unit_put(m, "127.0.0.1", 5, 0, false);
	unit_put(m, "127.0.0.2", 1, 0, false);
	unit_put(m, "127.0.0.1", 7, 2, false);
	model_end(m, &h, true, 0);
	ck_assert_uint_eq(model_size(m), 2);
	ck_assert_uint_eq(model_rows(m), 3);
	long i = model_find(m, "127.0.0.1", 9);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(model_at(m, (size_t)i)->s.v[FIELD_NTP_PACKETS], 7);
	ck_assert_int_eq(model_at(m, (size_t)i)->verdict.status, STATUS_WARNING);
	model_free(m);
}
END_TEST

START_TEST(cut_names_never_merge)
{
	struct model *m = model_new();
	struct health h;
	health_init(&h, 1, 10);
	for (int round = 0; round < 2; round++) {
		model_begin(m);
		unit_put(m, "a-very-long-reverse-name>", 1, 0, true);
		unit_put(m, "a-very-long-reverse-name>", 2, 0, true);
		unit_put(m, "a-very-long-reverse-name>", 3, 0, true);
		model_end(m, &h, true, 0);
		ck_assert_uint_eq(model_size(m), 3);
	}
	model_free(m);
}
END_TEST

START_TEST(unlisted_clients_forgotten_only_when_complete)
{
	struct model *m = model_new();
	struct health h;
	health_init(&h, 1, 10);
	model_begin(m);
	unit_put(m, "127.0.0.1", 1, 0, false);
	unit_put(m, "127.0.0.2", 1, 0, false);
	unit_put(m, "127.0.0.3", 1, 0, false);
	model_end(m, &h, true, 0);
	uint64_t v = model_version(m);
	model_begin(m);
	model_end(m, &h, false, 0); /* failed poll: keep the last good data */
	ck_assert_uint_eq(model_size(m), 3);
	ck_assert_uint_eq(model_version(m), v);
	model_begin(m);
	unit_put(m, "127.0.0.3", 1, 0, false);
	unit_put(m, "127.0.0.1", 1, 0, false);
	model_end(m, &h, true, 0);
	ck_assert_uint_eq(model_size(m), 2);
	ck_assert_int_eq(model_find(m, "127.0.0.2", 9), -1);
	ck_assert_int_ge(model_find(m, "127.0.0.3", 9), 0);
	ck_assert_uint_gt(model_version(m), v);
	model_free(m);
}
END_TEST

START_TEST(unchanged_refresh_keeps_version)
{
	struct model *m = model_new();
	struct health h;
	health_init(&h, 1, 10);
	model_begin(m);
	unit_put(m, "127.0.0.1", 1, 0, false);
	model_end(m, &h, true, 0);
	uint64_t v = model_version(m);
	model_begin(m);
	unit_put(m, "127.0.0.1", 1, 0, false);
	model_end(m, &h, true, 0);
	ck_assert_uint_eq(model_version(m), v);
	model_begin(m);
	unit_put(m, "127.0.0.1", 2, 0, false);
	model_end(m, &h, true, 0);
	ck_assert_uint_ne(model_version(m), v);
	model_free(m);
}
END_TEST

START_TEST(many_clients_grow_hash)
{
	struct model *m = model_new();
	struct health h;
	char a[32];
	health_init(&h, 1, 10);
	model_begin(m);
	for (int i = 0; i < 50000; i++) {
		snprintf(a, sizeof a, "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
		unit_put(m, a, i, i % 20, false);
	}
	model_end(m, &h, true, 0);
	ck_assert_uint_eq(model_size(m), 50000);
	size_t n[STATUS_COUNT];
	model_summary(m, n);
	ck_assert_uint_eq(n[STATUS_OK], 2500);          /* drops 0 */
	ck_assert_uint_eq(n[STATUS_WARNING], 9 * 2500); /* drops 1..9 */
	ck_assert_uint_eq(n[STATUS_CRITICAL], 10 * 2500);
	for (int i = 0; i < 50000; i += 997) {
		snprintf(a, sizeof a, "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
		long k = model_find(m, a, strlen(a));
		ck_assert_int_ge(k, 0);
		ck_assert_int_eq(model_at(m, (size_t)k)->s.v[FIELD_NTP_PACKETS], i);
	}
	model_free(m);
}
END_TEST

/* Refreshes in turn: thresholds, a client's drops (-1: not known) and
 * whether it is listed, and the verdict it must have after. */
static const struct {
	long warn, crit;
	long drops;
	enum status st;
	uint8_t rule;
} judged_steps[] = {
	{ 1, 10, -1, STATUS_OK, HEALTH_NO_RULE },   /* new, nothing known */
	{ 1, 10, 3, STATUS_WARNING, 1 },
	{ 1, 10, 3, STATUS_WARNING, 1 },            /* unchanged */
	{ 1, 10, 12, STATUS_CRITICAL, 0 },
	{ 1, 20, 12, STATUS_WARNING, 1 },           /* thresholds moved, counters did not */
	{ 5, 20, 3, STATUS_OK, HEALTH_NO_RULE },
	{ 1, 2, 3, STATUS_CRITICAL, 0 },
};

START_TEST(verdicts_follow_counters_and_thresholds)
{
	struct model *m = model_new();
	for (size_t i = 0; i < sizeof judged_steps / sizeof judged_steps[0]; i++) {
		struct health h;
		struct row r = { .addr = "127.0.0.1", .len = 9 };
		health_init(&h, judged_steps[i].warn, judged_steps[i].crit);
		if (judged_steps[i].drops >= 0)
			sample_set(&r.s, FIELD_NTP_DROPS, judged_steps[i].drops);
		model_begin(m);
		ck_assert(model_put(m, &r));
		unit_put(m, "127.0.0.2", 1, (long)i, false); /* a neighbour that changes every time */
		model_end(m, &h, true, 0);
		struct verdict v = model_at(m, (size_t)model_find(m, "127.0.0.1", 9))->verdict;
		ck_assert_msg(v.status == judged_steps[i].st && v.rule == judged_steps[i].rule,
		              "step %zu: status %d rule %d", i, v.status, v.rule);
		struct verdict w = model_at(m, (size_t)model_find(m, "127.0.0.2", 9))->verdict;
		ck_assert_int_eq(w.status, health_eval(&h, &model_at(m, (size_t)model_find(m, "127.0.0.2", 9))->s).status);
	}
	struct health h; /* a client new in a later refresh, nothing known: judged all the same */
	struct row r = { .addr = "127.0.0.3", .len = 9 };
	health_init(&h, 1, 2);
	model_begin(m);
	ck_assert(model_put(m, &r));
	model_end(m, &h, true, 0);
	ck_assert_int_eq(model_at(m, (size_t)model_find(m, "127.0.0.3", 9))->verdict.rule, HEALTH_NO_RULE);
	model_free(m);
}
END_TEST

/* Classification: address text, expected family. */
static const struct {
	const char *addr;
	enum family f;
} families[] = {
	{ "127.1.0.1", FAMILY_IPV4 }, { "::1", FAMILY_IPV6 }, { "2001:db8::5", FAMILY_IPV6 },
	{ "localhost", FAMILY_HOSTNAME }, { "a-very-long-reverse-name>", FAMILY_HOSTNAME },
	{ "127.1.0", FAMILY_HOSTNAME }, { "1.2.3.4.example", FAMILY_HOSTNAME }, { "::ffff:1.2.3.4", FAMILY_IPV6 },
};

START_TEST(classify)
{
	unsigned char key[ADDR_KEY_LEN];
	ck_assert_int_eq(addr_classify(families[_i].addr, strlen(families[_i].addr), key), families[_i].f);
}
END_TEST

/* Health: drops, thresholds, expected status and reason. */
static const struct {
	long drops;
	int known;
	long warn, crit;
	enum status st;
	const char *reason;
} verdicts[] = {
	{ 0, 1, 1, 10, STATUS_OK, "within limits" },
	{ 1, 1, 1, 10, STATUS_WARNING, "NTP drops 1 >= 1" },
	{ 9, 1, 1, 10, STATUS_WARNING, "NTP drops 9 >= 1" },
	{ 10, 1, 1, 10, STATUS_CRITICAL, "NTP drops 10 >= 10" },
	{ 28, 1, 1, 10, STATUS_CRITICAL, "NTP drops 28 >= 10" },
	{ 4, 1, 5, 50, STATUS_OK, "within limits" },
	{ 50, 1, 5, 50, STATUS_CRITICAL, "NTP drops 50 >= 50" },
	{ 0, 0, 1, 10, STATUS_OK, "within limits" },
};

START_TEST(health_table)
{
	struct health h;
	struct sample s = { 0 };
	char why[64];
	health_init(&h, verdicts[_i].warn, verdicts[_i].crit);
	if (verdicts[_i].known)
		sample_set(&s, FIELD_NTP_DROPS, verdicts[_i].drops);
	struct verdict v = health_eval(&h, &s);
	ck_assert_int_eq(v.status, verdicts[_i].st);
	health_reason(&h, v, &s, why, sizeof why);
	ck_assert_str_eq(why, verdicts[_i].reason);
}
END_TEST

START_TEST(fixture_verdicts_match_ticc_dash)
{
	size_t len;
	char *buf = unit_fixture("mixed-clients.csv", &len);
	struct parse_report rep;
	struct model *m = model_new();
	struct health h;
	size_t n[STATUS_COUNT];
	health_init(&h, HEALTH_WARN_DROPS, HEALTH_CRIT_DROPS);
	model_begin(m);
	ck_assert_int_eq(parse_csv(buf, len, model_put, m, &rep), PARSE_OK);
	model_end(m, &h, true, 0);
	model_summary(m, n);
	ck_assert_uint_eq(n[STATUS_OK], 4);
	ck_assert_uint_eq(n[STATUS_WARNING], 2);
	ck_assert_uint_eq(n[STATUS_CRITICAL], 1);
	model_free(m);
	free(buf);
}
END_TEST

START_TEST(rows_under_one_name_stay_apart)
{
	struct model *m = model_new();
	struct health h;
	size_t n[STATUS_COUNT];
	health_init(&h, 1, 10);
	model_begin(m); /* chronyc without -n: two addresses, one reverse name */
	unit_put(m, "client.example.org", 5, 12, false);
	unit_put(m, "127.0.0.1", 5, 0, false);
	unit_put(m, "client.example.org", 5, 0, false);
	unit_put(m, "127.0.0.1", 6, 0, false); /* the same address twice: one client */
	model_end(m, &h, true, 1);
	ck_assert_uint_eq(model_size(m), 3);
	model_summary(m, n);
	ck_assert(n[STATUS_CRITICAL] == 1 && n[STATUS_OK] == 2);
	for (size_t i = 0; i < model_size(m); i++)
		ck_assert_int_eq(model_at(m, i)->shared, model_at(m, i)->family == FAMILY_HOSTNAME);
	for (int round = 0; round < 2; round++) { /* stable across refreshes, guessed or not */
		uint64_t v = model_version(m);
		model_begin(m);
		unit_put(m, "client.example.org", 5, 12, false);
		unit_put(m, "127.0.0.1", 6, 0, false);
		unit_put(m, "client.example.org", 5, 0, false);
		model_end(m, &h, true, 2 + round);
		ck_assert_uint_eq(model_size(m), 3);
		ck_assert_uint_eq(model_version(m), v);
	}
	model_begin(m); /* listed once: one client, no longer shared */
	unit_put(m, "client.example.org", 5, 12, false);
	unit_put(m, "127.0.0.1", 6, 0, false);
	model_end(m, &h, true, 4);
	ck_assert_uint_eq(model_size(m), 2);
	ck_assert(!model_at(m, (size_t)model_find(m, "client.example.org", 18))->shared);
	ck_assert_int_eq(model_at(m, (size_t)model_find(m, "client.example.org", 18))->verdict.status, STATUS_CRITICAL);
	model_free(m);
}
END_TEST

START_TEST(clock_ticks_on_every_answer)
{
	struct model *m = model_new();
	struct health h;
	health_init(&h, 1, 10);
	ck_assert(model_clock(m) == 0);
	model_begin(m);
	unit_put(m, "127.0.0.1", 5, 0, false);
	model_end(m, &h, true, 10);
	uint64_t v = model_version(m);
	ck_assert(model_clock(m) == 10 && model_ticks(m) == 1);
	model_begin(m); /* byte-identical answer: nothing put, the clock still moves */
	model_tick(m, 11);
	ck_assert(model_clock(m) == 11 && model_ticks(m) == 2);
	ck_assert_uint_eq(model_version(m), v);
	ck_assert(model_at(m, 0)->time == 10);
	model_begin(m); /* a failed poll is an answer too: the clock moves, data stays */
	model_end(m, &h, false, 12);
	ck_assert(model_clock(m) == 12 && model_ticks(m) == 3);
	ck_assert_uint_eq(model_size(m), 1);
	model_free(m);
}
END_TEST

/* The client named addr in m (which must hold it). */
static const struct client *
client_of(const struct model *m, const char *addr)
{
	long i = model_find(m, addr, strlen(addr));
	ck_assert_msg(i >= 0, "%s missing", addr);
	return model_at(m, (size_t)i);
}

START_TEST(client_history_survives_compaction)
{
	struct model *m = model_new();
	struct health h;
	health_init(&h, 1, 10);
	model_begin(m);
	unit_put(m, "127.0.0.1", 1, 0, false);
	unit_put(m, "127.0.0.2", 1, 0, false);
	unit_put(m, "127.0.0.3", 1, 0, false);
	model_end(m, &h, true, 100);
	model_begin(m);
	unit_put(m, "127.0.0.1", 2, 0, false);
	unit_put(m, "127.0.0.2", 2, 0, false);
	unit_put(m, "127.0.0.3", 5, 0, false);
	unit_put(m, "127.0.0.4", 1, 0, false); /* new in the second refresh */
	model_end(m, &h, true, 102);
	model_begin(m); /* 127.0.0.1 goes: the others move down */
	unit_put(m, "127.0.0.2", 2, 0, false); /* unchanged */
	unit_put(m, "127.0.0.3", 9, 1, false);
	unit_put(m, "127.0.0.3", 11, 1, false); /* listed twice: prev stays the one before */
	unit_put(m, "127.0.0.4", 3, 0, false);
	model_end(m, &h, true, 105);
	ck_assert_uint_eq(model_size(m), 3);
	ck_assert_ptr_eq(client_of(m, "127.0.0.3"), model_at(m, 1));
	const struct client *c = client_of(m, "127.0.0.3");
	ck_assert(c->first_seen == 100 && c->time == 105 && c->prev_time == 102);
	ck_assert_int_eq(c->s.v[FIELD_NTP_PACKETS], 11);
	ck_assert_int_eq(c->prev.v[FIELD_NTP_PACKETS], 5);
	ck_assert_int_eq(c->verdict.status, STATUS_WARNING);
	c = client_of(m, "127.0.0.2");
	ck_assert(c->first_seen == 100 && c->time == 102 && c->prev_time == 100);
	ck_assert_int_eq(c->prev.v[FIELD_NTP_PACKETS], 1);
	c = client_of(m, "127.0.0.4");
	ck_assert(c->first_seen == 102 && c->time == 105 && c->prev_time == 102);
	ck_assert_int_eq(c->prev.v[FIELD_NTP_PACKETS], 1);
	model_free(m);
}
END_TEST

/* Make the model suite. */
static Suite *
model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *t = tcase_create("model"), *c = tcase_create("classify"), *hc = tcase_create("health");

	tcase_add_test(t, duplicate_rows_merge_later_wins);
	tcase_add_test(t, cut_names_never_merge);
	tcase_add_test(t, unlisted_clients_forgotten_only_when_complete);
	tcase_add_test(t, unchanged_refresh_keeps_version);
	tcase_add_test(t, many_clients_grow_hash);
	tcase_add_test(t, clock_ticks_on_every_answer);
	tcase_add_test(t, rows_under_one_name_stay_apart);
	tcase_add_test(t, client_history_survives_compaction);
	tcase_add_loop_test(c, classify, 0, sizeof families / sizeof families[0]);
	tcase_add_loop_test(hc, health_table, 0, sizeof verdicts / sizeof verdicts[0]);
	tcase_add_test(hc, fixture_verdicts_match_ticc_dash);
	tcase_add_test(hc, verdicts_follow_counters_and_thresholds);
	suite_add_tcase(s, t);
	suite_add_tcase(s, c);
	suite_add_tcase(s, hc);
	return s;
}

UNIT_MAIN(model_suite)
