/* check_repeat.c — an answer byte-identical to the last good one is not parsed again.
 *
 * The model side (a refresh begun and never ended changes nothing), the memo a source
 * keeps, and the chronyc source end to end with a stand-in chronyc that
 * prints a file. */
#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "loop.h"
#include "model.h"
#include "source_chronyc.h"
#include "unit.h"
#include "unit_source.h"

START_TEST(unended_refresh_keeps_the_model_as_it_was)
{
	struct model *m = model_new();
	struct health h;
	health_init(&h, 1, 10);
	model_begin(m);
	unit_put(m, "127.0.0.1", 1, -1, false);
	unit_put(m, "127.0.0.2", 2, -1, false);
	unit_put(m, "127.0.0.3", 3, -1, false);
	model_end(m, &h, true, 0);
	uint64_t v = model_version(m);

	model_begin(m); /* the answer repeated: nothing put; the loop ticks the clock */
	model_tick(m, 2);
	ck_assert_uint_eq(model_size(m), 3);
	ck_assert_uint_eq(model_rows(m), 3);
	ck_assert_uint_ne(model_version(m), v); /* nothing grew in 2 s: rates known, 0 */
	ck_assert_int_eq(model_at(m, 0)->s.v[FIELD_RATE_NTP], 0);
	ck_assert(sample_known(&model_at(m, 2)->s, FIELD_RATE_NTP));
	v = model_version(m);
	model_begin(m);
	model_tick(m, 2); /* no time passed: nothing moved */
	ck_assert_uint_eq(model_version(m), v);
	ck_assert(model_clock(m) == 2);
	ck_assert_uint_eq(model_ticks(m), 3);

	model_begin(m); /* the next real refresh still forgets what it does not list */
	unit_put(m, "127.0.0.3", 3, -1, false);
	unit_put(m, "127.0.0.1", 1, -1, false);
	model_end(m, &h, true, 3);
	ck_assert_uint_eq(model_size(m), 2);
	ck_assert_uint_eq(model_rows(m), 2);
	ck_assert_int_eq(model_find(m, "127.0.0.2", 9), -1);
	model_free(m);
}
END_TEST

/* Memo steps: the body that came, how its parse ended, whether it repeats the last good one. */
static const struct {
	const char *body;
	enum source_err err;
	bool same;
} memo_steps[] = {
	{ "a,1\n", SOURCE_OK, false },
	{ "a,1\n", SOURCE_OK, true },
	{ "a,1\n", SOURCE_OK, true },
	{ "a,2\n", SOURCE_OK, false },
	{ "a,1\n", SOURCE_OK, false },   /* only the last good answer is kept */
	{ "a,1\n", SOURCE_OK, true },
	{ "junk", SOURCE_ERR_PARSE, false },
	{ "junk", SOURCE_ERR_PARSE, false }, /* a failed parse is never skipped */
	{ "", SOURCE_OK, false },
	{ "", SOURCE_OK, true },
};

START_TEST(memo_table)
{
	struct source_memo mm = { .body.cap = 1024 };
	struct buf body = { .cap = 1024 };

	for (size_t i = 0; i < sizeof memo_steps / sizeof memo_steps[0]; i++) {
		struct source_result res = { 0 };
		buf_reset(&body);
		ck_assert(buf_append(&body, memo_steps[i].body, strlen(memo_steps[i].body)));
		bool same = source_memo_repeat(&mm, &body, &res);
		ck_assert_msg(same == memo_steps[i].same, "step %zu", i);
		ck_assert_int_eq(res.same, same);
		if (same)
			continue;
		res.err = memo_steps[i].err;
		res.rep.rows = i;
		source_memo_keep(&mm, &body, &res);
		if (res.err == SOURCE_OK) {
			struct source_result again;
			ck_assert(source_memo_repeat(&mm, &(struct buf){ .data = (char *)memo_steps[i].body,
			                                                 .len = strlen(memo_steps[i].body) }, &again));
			ck_assert_uint_eq(again.rep.rows, i); /* the result it gave then */
		}
	}
	buf_free(&body);
	buf_free(&mm.body);
}
END_TEST

/* chronyc's answers in turn, and whether each is handed over as rows. */
static const struct {
	const char *csv;
	bool same;
	size_t rows;
} answers[] = {
	{ "127.0.0.1,2,0,-4,127,11,0,0,127,4294967295\n127.0.0.2,2,0,-4,127,10,0,0,127,4294967295\n", false, 2 },
	{ "127.0.0.1,2,0,-4,127,11,0,0,127,4294967295\n127.0.0.2,2,0,-4,127,10,0,0,127,4294967295\n", true, 0 },
	{ "127.0.0.1,2,0,-4,127,12,0,0,127,4294967295\n127.0.0.2,2,0,-4,127,10,0,0,127,4294967295\n", false, 2 },
	{ "127.0.0.1,2,0,-4,127,12,0,0,127,4294967295\n127.0.0.2,2,0,-4,127,10,0,0,127,4294967295\n", true, 0 },
};

START_TEST(chronyc_source_skips_an_identical_answer)
{
	char dir[] = "/tmp/ticctop-repeat.XXXXXX", script[128], body[128], text[256];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(script, sizeof script, "%s/chronyc", dir);
	snprintf(body, sizeof body, "%s/body", dir);
	snprintf(text, sizeof text, "#!/bin/sh\nexec cat '%s'\n", body);
	unit_write_file(script, text);
	ck_assert_int_eq(chmod(script, 0700), 0);
	struct chronyc_cfg cfg = { .chronyc = script, .timeout = POLL_LIMIT, .max_size = 1 << 20 };
	struct source *s = source_chronyc_new(&cfg);
	ck_assert_ptr_nonnull(s);

	for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++) {
		struct source_result res;
		size_t rows;
		unit_write_file(body, answers[i].csv);
		unit_one_poll(s, &res, &rows);
		ck_assert_msg(res.err == SOURCE_OK, "answer %zu: %s", i, res.message);
		ck_assert_msg(res.same == answers[i].same, "answer %zu", i);
		ck_assert_uint_eq(rows, answers[i].rows);
		ck_assert_uint_eq(res.rep.rows, 2); /* the report is the one the parse gave */
	}
	s->ops->free(s);
	unlink(script);
	unlink(body);
	rmdir(dir);
}
END_TEST

/* Make the suite. */
static Suite *
repeat_suite(void)
{
	Suite *s = suite_create("repeat");
	TCase *t = tcase_create("repeat");

	tcase_add_test(t, unended_refresh_keeps_the_model_as_it_was);
	tcase_add_test(t, memo_table);
	tcase_add_test(t, chronyc_source_skips_an_identical_answer);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(repeat_suite)
