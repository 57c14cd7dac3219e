/* check_fields.c — a derived field is one row of the field table plus its
 * function: built with tests/derived_field.h, the core shows the field in
 * the text, CSV and JSON reports, as a sort key, on the card's table, and
 * health rules can name it. */
#include "config.h"

#include <jansson.h>

#include "output.h"
#include "unit.h"

/* NTP packets gained over the window (unknown without a base). */
bool
derived_gained(const struct sample *now, const struct sample *base, double seconds, int64_t *v)
{
	if (!sample_known(now, FIELD_NTP_PACKETS) || !sample_known(base, FIELD_NTP_PACKETS) || seconds <= 0)
		return false;
	*v = now->v[FIELD_NTP_PACKETS] - base->v[FIELD_NTP_PACKETS];
	return true;
}

/* Write a report of m in format f into a new string. */
static char *
report(const struct model *m, const struct view *v, const struct health *h, enum out_format f)
{
	char *out = NULL;
	size_t len;
	struct report r = { .kind = "chronyc", .target = "t", .have_data = true, .time = 0,
	                    .m = m, .v = v, .h = h, .utf8 = true };
	FILE *fp = open_memstream(&out, &len);
	output_write(fp, f, &r);
	fclose(fp);
	return out;
}

START_TEST(derived_field_is_everywhere)
{
	struct model *m = model_new();
	struct health h;
	struct view v;
	enum sort_key k;
	json_error_t e;

	ck_assert_int_eq(FIELD_ALL, FIELD_NTP_GAINED + 1); /* after ticctop's own */
	health_init(&h, 1, 10);
	h.rule[h.n++] = (struct health_rule){ FIELD_NTP_GAINED, 5, STATUS_WARNING, -1 };
	model_begin(m);
	unit_put(m, "127.0.0.1", 10, 0, false);
	unit_put(m, "127.0.0.2", 10, 0, false);
	model_end(m, &h, true, 1);
	ck_assert(!sample_known(&model_at(m, 0)->s, FIELD_NTP_GAINED)); /* no sample before */
	model_begin(m);
	unit_put(m, "127.0.0.1", 13, 0, false);
	unit_put(m, "127.0.0.2", 17, 0, false);
	model_end(m, &h, true, 3);
	ck_assert_int_eq(model_at(m, 0)->s.v[FIELD_NTP_GAINED], 3);
	ck_assert_int_eq(model_at(m, 1)->s.v[FIELD_NTP_GAINED], 7);
	ck_assert_int_eq(model_at(m, 1)->verdict.status, STATUS_WARNING);

	view_init(&v); /* a sort key, by its column name */
	ck_assert(sort_key_parse("ntp_gained", &v.key));
	ck_assert_str_eq(sort_key_title(v.key), "NTP packets gained");
	ck_assert(view_update(&v, m));
	ck_assert_str_eq(model_at(m, v.idx[0])->addr, "127.0.0.2");
	ck_assert(sort_key_parse("addr", &k) && k == SORT_ADDR);

	char *text = report(m, &v, &h, FORMAT_TEXT); /* a heading and a value */
	ck_assert_msg(strstr(text, "RDrop      Gain State") && strstr(text, " 3 -     ") && strstr(text, " 7 -     "), "%s", text);
	free(text);
	char *csv = report(m, &v, &h, FORMAT_CSV); /* a column */
	ck_assert_msg(strstr(csv, ",ntp_recent_drops,ntp_gained,state,") && strstr(csv, ",0,7,,1969-12-31T23:59:58Z,1970-"), "%s", csv);
	free(csv);
	char *js = report(m, &v, &h, FORMAT_JSON); /* a key in its group's object */
	json_t *doc = json_loads(js, JSON_REJECT_DUPLICATES, &e);
	ck_assert_msg(doc != NULL, "invalid JSON: %s\n%s", e.text, js);
	json_t *c0 = json_array_get(json_object_get(doc, "clients"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(c0, "ntp"), "gained")), 7);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(c0, "ntp"), "packets")), 17);
	ck_assert_str_eq(json_string_value(json_object_get(c0, "reason")), "NTP packets gained 7 >= 5");
	json_decref(doc);
	free(js);

	size_t row = field_card_rows() - 1; /* the last row of the expanded card */
	ck_assert_int_eq(field_card_cell(row, "ntp"), FIELD_NTP_GAINED);
	ck_assert_int_eq(field_card_cell(row, "cmd"), -1);
	char buf[32];
	field_text(buf, sizeof buf, &model_at(m, 1)->s, FIELD_NTP_GAINED, STYLE_BRIEF);
	ck_assert_str_eq(buf, "7");
	view_free(&v);
	model_free(m);
}
END_TEST

/* Make the field table suite. */
static Suite *
fields_suite(void)
{
	Suite *s = suite_create("fields");
	TCase *t = tcase_create("derived");

	tcase_add_test(t, derived_field_is_everywhere);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(fields_suite)
