/* check_trend.c — the server's 300-second history: fills, gaps, the ring. */
#include "config.h"

#include "unit.h"

#include <math.h>

#include "monitor.h"
#include "source.h"
#include "trend.h"

/* Values of one poll: NTP n/s, drops d/s, Cmd c/s, counts ok/warn/crit. */
static void
point(double *v, double n, double d, double c, double ok, double warn, double crit)
{
	v[TREND_NTP] = n;
	v[TREND_DROPS] = d;
	v[TREND_CMD] = c;
	v[TREND_OK] = ok;
	v[TREND_WARN] = warn;
	v[TREND_CRIT] = crit;
}

/* Assert that out[from..to) are all x (NaN: all unknown). */
static void
all(const double *out, size_t from, size_t to, double x)
{
	for (size_t i = from; i < to; i++)
		ck_assert_msg(isnan(x) ? isnan(out[i]) : out[i] == x, "value %zu is %g, not %g", i, out[i], x);
}

START_TEST(empty)
{
	struct trend tr;
	double out[TREND_SECONDS];

	trend_init(&tr);
	ck_assert_uint_eq(trend_get(&tr, TREND_NTP, out, TREND_SECONDS), 0);
	ck_assert(isnan(trend_last(&tr, TREND_NTP)));
}
END_TEST

START_TEST(polls_every_second)
{
	struct trend tr;
	double v[TREND_SERIES_COUNT], out[TREND_SECONDS];

	trend_init(&tr);
	for (int k = 0; k < 10; k++) {
		point(v, k, k / 2, 1, 5, 2, k);
		trend_push(&tr, 1000.3 + k, k ? 1 : 0, v);
	}
	ck_assert_uint_eq(trend_get(&tr, TREND_NTP, out, TREND_SECONDS), TREND_SECONDS);
	all(out, 0, TREND_SECONDS - 10, NAN); /* before the first poll: unknown */
	for (int k = 0; k < 10; k++)
		ck_assert(out[TREND_SECONDS - 10 + k] == k);
	ck_assert(trend_last(&tr, TREND_CRIT) == 9);
	ck_assert(trend_last(&tr, TREND_DROPS) == 4);
	/* at most max values: the newest */
	ck_assert_uint_eq(trend_get(&tr, TREND_WARN, out, 3), 3);
	all(out, 0, 3, 2);
}
END_TEST

START_TEST(slow_polls_fill_their_span)
{
	struct trend tr;
	double v[TREND_SERIES_COUNT], out[TREND_SECONDS];

	trend_init(&tr);
	point(v, 1, 0, 0, 1, 0, 0);
	trend_push(&tr, 50, 0, v);
	point(v, 2, 0, 0, 1, 0, 0);
	trend_push(&tr, 55, 5, v); /* -d 50: the rate covers the 5 s since the last answer */
	trend_get(&tr, TREND_NTP, out, 6);
	ck_assert(out[0] == 1);
	all(out, 1, 6, 2);
}
END_TEST

START_TEST(missed_polls_are_gaps)
{
	struct trend tr;
	double v[TREND_SERIES_COUNT], out[TREND_SECONDS];

	trend_init(&tr);
	point(v, 3, 1, 0, 1, 1, 0);
	trend_push(&tr, 10, 0, v);
	/* a poll failed at 11: unknown values */
	point(v, NAN, NAN, NAN, NAN, NAN, NAN);
	trend_push(&tr, 11, 1, v);
	/* the next answer comes 100 s later: only TREND_FILL_MAX seconds are filled */
	point(v, 4, 0, 0, 2, 0, 0);
	trend_push(&tr, 111, 100, v);
	ck_assert_uint_eq(trend_get(&tr, TREND_NTP, out, 102), 102);
	ck_assert(out[0] == 3);
	all(out, 1, 102 - TREND_FILL_MAX, NAN);
	all(out, 102 - TREND_FILL_MAX, 102, 4);
}
END_TEST

START_TEST(same_second_and_time_back)
{
	struct trend tr;
	double v[TREND_SERIES_COUNT], out[2];

	trend_init(&tr);
	point(v, 1, 0, 0, 0, 0, 0);
	trend_push(&tr, 20.1, 0, v);
	point(v, 2, 0, 0, 0, 0, 0);
	trend_push(&tr, 20.9, 1, v);  /* the later of one second wins */
	point(v, 7, 0, 0, 0, 0, 0);
	trend_push(&tr, 5, 1, v);     /* a clock going back is the same second */
	ck_assert_uint_eq(trend_get(&tr, TREND_NTP, out, 2), 2);
	ck_assert(isnan(out[0]));
	ck_assert(out[1] == 7);
}
END_TEST

START_TEST(ring_wraps)
{
	struct trend tr;
	double v[TREND_SERIES_COUNT], out[TREND_SECONDS];

	trend_init(&tr);
	for (int k = 0; k < 3 * TREND_SECONDS + 7; k++) {
		point(v, k, 0, 0, 0, 0, 0);
		trend_push(&tr, k, 1, v);
	}
	ck_assert_uint_eq(trend_get(&tr, TREND_NTP, out, TREND_SECONDS), TREND_SECONDS);
	for (int i = 0; i < TREND_SECONDS; i++)
		ck_assert(out[i] == 2 * TREND_SECONDS + 7 + i);
	/* a jump longer than the ring forgets all of it */
	point(v, 1, 0, 0, 0, 0, 0);
	trend_push(&tr, 1e6, 1, v);
	trend_get(&tr, TREND_NTP, out, TREND_SECONDS);
	all(out, 0, TREND_SECONDS - 1, NAN);
	ck_assert(out[TREND_SECONDS - 1] == 1);
}
END_TEST

START_TEST(monitor_feeds_it)
{
	static struct source src = { .kind = "chronyc", .target = "chronyc -c -n clients" };
	struct monitor mon;
	struct health h;

	health_init(&h, HEALTH_WARN_DROPS, HEALTH_CRIT_DROPS);
	ck_assert(monitor_init(&mon, &src, &h));
	for (int k = 1; k <= 2; k++) { /* 10 requests and 1 drop in 5 s */
		model_begin(mon.model);
		unit_put(mon.model, "127.1.0.1", 10 * k, k - 1, false);
		mon.last.err = SOURCE_OK;
		monitor_take(&mon, 100 + 5 * k, 0);
		ck_assert(k == 2 || isnan(trend_last(&mon.trend, TREND_NTP))); /* one answer: no rate yet */
	}
	ck_assert_double_eq_tol(trend_last(&mon.trend, TREND_NTP), 2.0, 1e-3);
	ck_assert_double_eq_tol(trend_last(&mon.trend, TREND_DROPS), 0.2, 1e-3);
	ck_assert(trend_last(&mon.trend, TREND_WARN) == 1);
	ck_assert(trend_last(&mon.trend, TREND_OK) == 0);
	double out[5];
	ck_assert_uint_eq(trend_get(&mon.trend, TREND_NTP, out, 5), 5); /* the answer covers its 5 s */
	all(out, 0, 5, out[4]);
	mon.last.err = SOURCE_ERR_NO_DAEMON; /* a failed poll is a gap */
	monitor_take(&mon, 111, 0);
	ck_assert(isnan(trend_last(&mon.trend, TREND_NTP)));
	ck_assert(isnan(trend_last(&mon.trend, TREND_WARN)));
	monitor_free(&mon);
}
END_TEST

/* All trend tests. */
static Suite *
trend_suite(void)
{
	Suite *s = suite_create("trend");
	TCase *tc = tcase_create("trend");
	tcase_add_test(tc, empty);
	tcase_add_test(tc, polls_every_second);
	tcase_add_test(tc, slow_polls_fill_their_span);
	tcase_add_test(tc, missed_polls_are_gaps);
	tcase_add_test(tc, same_second_and_time_back);
	tcase_add_test(tc, ring_wraps);
	tcase_add_test(tc, monitor_feeds_it);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(trend_suite)
