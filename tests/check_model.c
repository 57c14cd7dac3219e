/* check_model.c — merging by address, forgetting, classification, health. */
#include "config.h"

#include <math.h>

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
		model_end(m, &h, true, 1); /* no time passed: no rates either */
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
	ck_assert_uint_ne(model_version(m), v); /* sampled again at 11: a rate of 0, now known */
	ck_assert_int_eq(model_at(m, 0)->s.v[FIELD_RATE_NTP], 0);
	ck_assert(model_at(m, 0)->time == 10); /* its counters last changed at 10 */
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
	unit_put(m, "127.0.0.3", 11, 1, false); /* listed twice: the later row wins */
	unit_put(m, "127.0.0.4", 3, 0, false);
	model_end(m, &h, true, 105);
	ck_assert_uint_eq(model_size(m), 3);
	ck_assert_ptr_eq(client_of(m, "127.0.0.3"), model_at(m, 1));
	const struct client *c = client_of(m, "127.0.0.3");
	ck_assert(c->first_seen == 100 && c->time == 105);
	ck_assert_int_eq(c->s.v[FIELD_NTP_PACKETS], 11);
	ck_assert_int_eq(c->s.v[FIELD_RATE_NTP], 2000); /* 10 packets since its first sample, 5 s before */
	ck_assert_int_eq(c->verdict.status, STATUS_WARNING);
	c = client_of(m, "127.0.0.2");
	ck_assert(c->first_seen == 100 && c->time == 102);
	ck_assert_int_eq(c->s.v[FIELD_RATE_NTP], 200); /* unchanged since 102: 1 packet in 5 s */
	c = client_of(m, "127.0.0.4");
	ck_assert(c->first_seen == 102 && c->time == 105);
	ck_assert_int_eq(c->s.v[FIELD_RATE_NTP], 667);
	model_free(m);
}
END_TEST

/* ---- issue 11: rates, resets, states, history, recent verdicts ---- */

/* A refresh at clock t listing clients addr[i] with counters ntp[i], drops[i]. */
static void
refresh(struct model *m, const struct health *h, double t, size_t n, const char *const *addr, const long *ntp,
        const long *drops)
{
	model_begin(m);
	for (size_t i = 0; i < n; i++)
		unit_put(m, addr[i], ntp[i], drops[i], false);
	model_end(m, h, true, t);
}

/* The value of field f of client addr, or -1 when unknown. */
static int64_t
field_of(const struct model *m, const char *addr, int f)
{
	return sample_get(&client_of(m, addr)->s, f, -1);
}

START_TEST(rate_over_the_observed_window)
{
	struct model *m = model_new();
	struct health h;
	const char *a[] = { "127.0.0.1" };
	health_init(&h, 1, 10);
	model_configure(m, 20, 0);
	refresh(m, &h, 1000, 1, a, (long[]){ 100 }, (long[]){ 0 });
	ck_assert_int_eq(field_of(m, a[0], FIELD_RATE_NTP), -1); /* one sample: unknown, not 0 */
	ck_assert_int_eq(field_of(m, a[0], FIELD_RATE_WINDOW), -1);
	for (int s = 1; s <= 60; s++) { /* 2 requests/s, read every second */
		refresh(m, &h, 1000 + s, 1, a, (long[]){ 100 + 2 * s }, (long[]){ 0 });
		ck_assert_int_eq(field_of(m, a[0], FIELD_RATE_NTP), 2000);
		int64_t w = field_of(m, a[0], FIELD_RATE_WINDOW);
		ck_assert_msg(s <= 20 ? w == s * 1000 : w >= 20000 * 6 / 7 && w <= 20000, "after %d s: window %lld ms", s,
		              (long long)w);
	}
	ck_assert_int_eq(field_of(m, a[0], FIELD_RATE_DROPS), 0);
	ck_assert_int_eq(field_of(m, a[0], FIELD_DROP_SHARE), 0);
	model_free(m);
}
END_TEST

START_TEST(a_64_s_poller_does_not_flicker)
{
	struct model *m = model_new();
	struct health h;
	const char *a[] = { "127.0.0.1" };
	long packets = 0;
	health_init(&h, 1, 10);
	for (int s = 0; s <= 1200; s++) { /* one request every 64 s, the first at 32 s; read every second */
		packets += s % 64 == 32;
		refresh(m, &h, s, 1, a, &packets, (long[]){ 0 });
		int64_t r = field_of(m, a[0], FIELD_RATE_NTP);
		if (s >= 64) /* 1/64 = 0.0156/s: never 0, never near 1/s */
			ck_assert_msg(r >= 10 && r <= 32, "after %d s: %lld thousandths/s", s, (long long)r);
	}
	model_free(m);
}
END_TEST

START_TEST(counters_that_go_down_are_a_reset)
{
	struct model *m = model_new();
	struct health h;
	struct rate_totals t;
	const char *a[] = { "127.0.0.1", "127.0.0.2", "127.0.0.3" };
	health_init(&h, 1, 10);
	model_configure(m, 300, 10);
	refresh(m, &h, 0, 3, a, (long[]){ 500, 500, 500 }, (long[]){ 5, 5, 5 });
	refresh(m, &h, 1, 3, a, (long[]){ 502, 502, 502 }, (long[]){ 5, 5, 5 });
	model_rate_totals(m, &t);
	ck_assert(t.known && t.ntp == 6 && t.drops == 0 && !t.restarted);
	refresh(m, &h, 2, 3, a, (long[]){ 504, 504, 1 }, (long[]){ 5, 5, 0 }); /* one record re-created */
	ck_assert_int_eq(client_of(m, a[2])->state, CLIENT_RESET);
	ck_assert_int_eq(field_of(m, a[2], FIELD_RATE_NTP), -1);
	model_rate_totals(m, &t);
	ck_assert(t.reset_clients == 1 && !t.restarted && t.ntp == 4); /* the reset one counts nothing */
	refresh(m, &h, 3, 3, a, (long[]){ 506, 506, 3 }, (long[]){ 5, 5, 0 });
	ck_assert_int_eq(field_of(m, a[2], FIELD_RATE_NTP), 2000);
	refresh(m, &h, 20, 3, a, (long[]){ 540, 540, 37 }, (long[]){ 5, 5, 0 });
	ck_assert_int_eq(client_of(m, a[2])->state, CLIENT_STEADY); /* 10 s later */
	refresh(m, &h, 21, 3, a, (long[]){ 1, 2, 37 }, (long[]){ 0, 0, 0 }); /* two of three: chronyd restarted */
	model_rate_totals(m, &t);
	ck_assert(t.restarted && t.restart_time == 21 && t.reset_clients == 2);
	for (size_t i = 0; i < 3; i++) /* never negative */
		ck_assert_int_ge(sample_get(&model_at(m, i)->s, FIELD_RATE_NTP, 0), 0);
	model_free(m);
}
END_TEST

START_TEST(new_and_gone_clients_fade)
{
	struct model *m = model_new();
	struct health h;
	struct rate_totals t;
	const char *a[] = { "127.0.0.1", "127.0.0.2", "127.0.0.3" };
	health_init(&h, 1, 10);
	model_configure(m, 300, 10);
	refresh(m, &h, 0, 2, a, (long[]){ 1, 1 }, (long[]){ 0, 0 });
	ck_assert_int_eq(client_of(m, a[0])->state, CLIENT_STEADY); /* the first poll: nothing is new */
	refresh(m, &h, 1, 3, a, (long[]){ 1, 1, 1 }, (long[]){ 0, 0, 0 });
	ck_assert_int_eq(client_of(m, a[2])->state, CLIENT_NEW);
	ck_assert_str_eq(client_state_name(CLIENT_NEW), "new");
	ck_assert_ptr_null(client_state_name(CLIENT_STEADY));
	refresh(m, &h, 2, 2, a + 1, (long[]){ 1, 1 }, (long[]){ 0, 0 }); /* 127.0.0.1 goes */
	ck_assert_uint_eq(model_size(m), 3);
	ck_assert_int_eq(client_of(m, a[0])->state, CLIENT_GONE);
	ck_assert_int_eq(field_of(m, a[0], FIELD_RATE_NTP), -1);
	model_rate_totals(m, &t);
	ck_assert(t.new_clients == 1 && t.gone_clients == 1);
	refresh(m, &h, 11, 2, a + 1, (long[]){ 1, 1 }, (long[]){ 0, 0 });
	ck_assert_int_eq(client_of(m, a[2])->state, CLIENT_STEADY);
	ck_assert_uint_eq(model_size(m), 3); /* gone 9 s: still shown */
	model_begin(m); /* the same answer again (as at 11) */
	model_tick(m, 12);
	ck_assert_uint_eq(model_size(m), 2); /* gone 10 s: removed */
	ck_assert_int_eq(model_find(m, a[0], strlen(a[0])), -1);
	model_rate_totals(m, &t);
	ck_assert(t.new_clients == 0 && t.gone_clients == 0);
	model_free(m);
}
END_TEST

START_TEST(history_keeps_the_last_60_refreshes)
{
	struct model *m = model_new();
	struct health h;
	const char *a[] = { "127.0.0.1" };
	double out[80];
	health_init(&h, 1, 10);
	refresh(m, &h, 0, 1, a, (long[]){ 0 }, (long[]){ 0 });
	ck_assert_uint_eq(client_history(client_of(m, a[0]), HIST_NTP_RATE, out, 80), 0);
	for (int s = 1; s <= 70; s++) /* s requests in the s-th second, drops 1/s from the 40th */
		refresh(m, &h, s, 1, a, (long[]){ (long)s * (s + 1) / 2 }, (long[]){ s > 40 ? s - 40 : 0 });
	ck_assert_uint_eq(client_history(client_of(m, a[0]), HIST_NTP_RATE, out, 80), 60);
	for (int i = 0; i < 60; i++) /* oldest first: 11/s ... 70/s, within 4.5 % */
		ck_assert_msg(fabs(out[i] - (11 + i)) <= 0.045 * (11 + i), "%d: %g", i, out[i]);
	ck_assert_uint_eq(client_history(client_of(m, a[0]), HIST_DROP_RATE, out, 5), 5);
	for (int i = 0; i < 5; i++)
		ck_assert(fabs(out[i] - 1) <= 0.045);
	ck_assert_uint_eq(client_history(client_of(m, a[0]), HIST_DROP_RATE, out, 60), 60);
	ck_assert(out[0] == 0 && out[29] == 0 && fabs(out[30] - 1) <= 0.045);
	model_free(m);
}
END_TEST

/* Limits for --judge recent and a rate rule. */
static void
recent_rules(struct health *h, int64_t warn_rate)
{
	struct health_limits l = { .warn_drops = 1, .crit_drops = 10, .judge = JUDGE_RECENT, .warn_rate = warn_rate };
	health_setup(h, &l);
}

START_TEST(judge_recent_drops_within_the_window)
{
	struct model *m = model_new();
	struct health h;
	char why[128];
	const char *a[] = { "127.0.0.1" };
	recent_rules(&h, 0);
	ck_assert_str_eq(judge_name(h.judge), "recent");
	model_configure(m, 30, 0);
	refresh(m, &h, 0, 1, a, (long[]){ 100 }, (long[]){ 28 }); /* one sample: its totals */
	const struct client *c = client_of(m, a[0]);
	ck_assert_int_eq(c->verdict.status, STATUS_CRITICAL);
	health_reason(&h, c->verdict, &c->s, why, sizeof why);
	ck_assert_str_eq(why, "NTP drops 28 >= 10 since chronyd started");
	refresh(m, &h, 2, 1, a, (long[]){ 104 }, (long[]){ 28 }); /* none since */
	ck_assert_int_eq(client_of(m, a[0])->verdict.status, STATUS_OK);
	refresh(m, &h, 5, 1, a, (long[]){ 110 }, (long[]){ 31 });
	c = client_of(m, a[0]);
	ck_assert_int_eq(c->verdict.status, STATUS_WARNING);
	health_reason(&h, c->verdict, &c->s, why, sizeof why);
	ck_assert_str_eq(why, "NTP drops 3 >= 1 in the last 5 s");
	ck_assert_int_eq(field_of(m, a[0], FIELD_DROP_SHARE), 30000); /* 3 of 10: 30 % */
	for (int s = 6; s < 60; s++) /* dropped no more: OK once the drops left the window */
		refresh(m, &h, s, 1, a, (long[]){ 110 + s }, (long[]){ 31 });
	ck_assert_int_eq(client_of(m, a[0])->verdict.status, STATUS_OK);
	health_init(&h, 1, 10); /* --judge total: the dashboards' verdict, always */
	ck_assert_str_eq(judge_name(h.judge), "total");
	refresh(m, &h, 60, 1, a, (long[]){ 170 }, (long[]){ 31 });
	c = client_of(m, a[0]);
	health_reason(&h, c->verdict, &c->s, why, sizeof why);
	ck_assert_str_eq(why, "NTP drops 31 >= 10");
	model_free(m);
}
END_TEST

START_TEST(rate_rules_judge_requests_per_second)
{
	struct model *m = model_new();
	struct health h;
	char why[128];
	const char *a[] = { "127.0.0.1", "127.0.0.2" };
	recent_rules(&h, 1500);
	ck_assert_uint_eq(h.n, 3); /* crit drops, warn rate, warn drops: no crit-rate row */
	refresh(m, &h, 0, 2, a, (long[]){ 0, 0 }, (long[]){ 0, 0 });
	refresh(m, &h, 4, 2, a, (long[]){ 8, 4 }, (long[]){ 0, 0 });
	const struct client *c = client_of(m, a[0]);
	ck_assert_int_eq(c->verdict.status, STATUS_WARNING);
	health_reason(&h, c->verdict, &c->s, why, sizeof why);
	ck_assert_str_eq(why, "NTP rate 2.00/s >= 1.50/s in the last 4 s");
	ck_assert_int_eq(client_of(m, a[1])->verdict.status, STATUS_OK);
	model_free(m);
}
END_TEST

/* Make the model suite. */
static Suite *
model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *t = tcase_create("model"), *c = tcase_create("classify"), *hc = tcase_create("health");
	TCase *r = tcase_create("rates");

	tcase_add_test(t, duplicate_rows_merge_later_wins);
	tcase_add_test(t, cut_names_never_merge);
	tcase_add_test(t, unlisted_clients_forgotten_only_when_complete);
	tcase_add_test(t, unchanged_refresh_keeps_version);
	tcase_add_test(t, many_clients_grow_hash);
	tcase_add_test(t, clock_ticks_on_every_answer);
	tcase_add_test(t, rows_under_one_name_stay_apart);
	tcase_add_test(t, client_history_survives_compaction);
	tcase_add_test(r, rate_over_the_observed_window);
	tcase_add_test(r, a_64_s_poller_does_not_flicker);
	tcase_add_test(r, counters_that_go_down_are_a_reset);
	tcase_add_test(r, new_and_gone_clients_fade);
	tcase_add_test(r, history_keeps_the_last_60_refreshes);
	tcase_add_test(r, judge_recent_drops_within_the_window);
	tcase_add_test(r, rate_rules_judge_requests_per_second);
	tcase_add_loop_test(c, classify, 0, sizeof families / sizeof families[0]);
	tcase_add_loop_test(hc, health_table, 0, sizeof verdicts / sizeof verdicts[0]);
	tcase_add_test(hc, fixture_verdicts_match_ticc_dash);
	tcase_add_test(hc, verdicts_follow_counters_and_thresholds);
	suite_add_tcase(s, t);
	suite_add_tcase(s, c);
	suite_add_tcase(s, hc);
	suite_add_tcase(s, r);
	return s;
}

UNIT_MAIN(model_suite)
