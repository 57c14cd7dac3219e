/* check_dash_fast.c — /data answers of the simple shape are read in place,
 * without jansson, and give exactly what the jansson path gives.
 *
 * The fast reader hands rows whose address points into the input; jansson's
 * point into its own tree.  Each document is also read through its twin,
 * the same JSON with the first "addr" key spelled "\u0061ddr": jansson
 * decodes that to the same document, the fast reader never takes an escape. */
#include "config.h"

#include "parse_dash.h"
#include "unit.h"

#define MAX_ROWS 8

/* What one parse gave: rows, whether each address pointed into the input, report, info. */
struct outcome {
	struct collected rows;
	bool in_place[MAX_ROWS];
	const char *buf;
	size_t len;
	enum parse_err err;
	struct parse_report rep;
	struct server_info info;
};

/* A row_sink that collects rows and notes where each address lives. */
static bool
note_row(void *ctx, const struct row *r)
{
	struct outcome *o = ctx;

	if (o->rows.n == MAX_ROWS)
		return false;
	o->in_place[o->rows.n] = r->addr >= o->buf && r->addr < o->buf + o->len;
	return unit_collect(&o->rows, r);
}

#define E1 "{\"addr\":\"127.1.0.1\",\"NTP\":\"2\",\"Drop\":\"0\",\"Int\":\"-2\",\"IntL\":\"-\",\"Last\":\"15\",\"Cmd\":\"2\"}"
#define E2 "{ \"Cmd\" : \"0\" , \"Drop\":\"28\",\"Int\":\"-5\",\"IntL\":\"-5\",\"Last\":\"3h\",\"NTP\":\"40\",\"addr\":\"a-very-long-client-hostn>\" }"

/* Documents, and whether the fast reader takes them. */
static const struct {
	const char *what;
	const char *doc;
	bool fast;
} docs[] = {
	{ "compact", "{\"clients_parsed\":[" E1 "," E2 "],\"count\":2,\"local_time\":\"22-11-2026, 02:46:47\"}", true },
	{ "spaced, keys in another order", " \n{ \"count\" : 2 ,\r\n\t\"clients_parsed\" : [ " E2 " , " E1 " ] }\n ", true },
	{ "null meta, an error", "{\"clients_parsed\":[" E1 "],\"count\":null,\"local_time\":null,\"error\":\"boom\"}", true },
	{ "long local_time is cut as jansson's path cuts it",
	  "{\"clients_parsed\":[" E1 "],\"local_time\":\"0123456789012345678901234567890123456789012345678901234567890123456789\"}",
	  true },
	{ "an unknown top-level key", "{\"clients_parsed\":[" E1 "],\"extra\":1}", false },
	{ "an unknown entry key", "{\"clients_parsed\":[{\"x\":\"1\",\"addr\":\"h\",\"NTP\":\"2\",\"Drop\":\"0\",\"Int\":\"-2\",\"IntL\":\"-\",\"Last\":\"15\",\"Cmd\":\"2\"}]}", false },
	{ "an escape in a value", "{\"clients_parsed\":[" E1 ",{\"addr\":\"h\\u006fst\",\"NTP\":\"2\",\"Drop\":\"0\",\"Int\":\"-2\",\"IntL\":\"-\",\"Last\":\"15\",\"Cmd\":\"2\"}]}", false },
	{ "non-ASCII in an address", "{\"clients_parsed\":[" E1 ",{\"addr\":\"h\xc3\xa9\",\"NTP\":\"2\",\"Drop\":\"0\",\"Int\":\"-2\",\"IntL\":\"-\",\"Last\":\"15\",\"Cmd\":\"2\"}]}", false },
	{ "a bad value (entry skipped by jansson's path)", "{\"clients_parsed\":[" E1 ",{\"addr\":\"h\",\"NTP\":\"x\",\"Drop\":\"0\",\"Int\":\"-2\",\"IntL\":\"-\",\"Last\":\"15\",\"Cmd\":\"2\"}]}", false },
	{ "a number value", "{\"clients_parsed\":[" E1 ",{\"addr\":\"h\",\"NTP\":2,\"Drop\":\"0\",\"Int\":\"-2\",\"IntL\":\"-\",\"Last\":\"15\",\"Cmd\":\"2\"}]}", false },
	{ "a missing member", "{\"clients_parsed\":[" E1 ",{\"addr\":\"h\",\"Drop\":\"0\",\"Int\":\"-2\",\"IntL\":\"-\",\"Last\":\"15\",\"Cmd\":\"2\"}]}", false },
	{ "a real count", "{\"clients_parsed\":[" E1 "],\"count\":2.0}", false },
	{ "a count with a leading zero (not JSON)", "{\"clients_parsed\":[" E1 "],\"count\":02}", false },
	{ "text after the document", "{\"clients_parsed\":[" E1 "]} x", false },
	{ "a duplicate top-level key", "{\"clients_parsed\":[" E1 "],\"count\":1,\"count\":1}", false },
	{ "cut short", "{\"clients_parsed\":[" E1, false },
};

/* Parse doc[0..len) into o. */
static void
parse_into(struct outcome *o, const char *doc, size_t len)
{
	memset(o, 0, sizeof *o);
	o->buf = doc;
	o->len = len;
	o->err = parse_dash(doc, len, note_row, o, &o->rep, &o->info);
}

/* Return a copy of doc with its first "addr" key written "\u0061ddr", or NULL if it has none. */
static char *
escaped_twin(const char *doc)
{
	const char *at = strstr(doc, "\"addr\"");
	if (!at)
		return NULL;
	size_t head = (size_t)(at - doc) + 1;
	char *twin = malloc(strlen(doc) + 6);
	ck_assert_ptr_nonnull(twin);
	snprintf(twin, strlen(doc) + 6, "%.*s\\u0061%s", (int)head, doc, at + 2);
	return twin;
}

START_TEST(simple_shape_is_read_in_place)
{
	static struct outcome o;
	parse_into(&o, docs[_i].doc, strlen(docs[_i].doc));
	for (size_t i = 0; i < o.rows.n; i++)
		ck_assert_msg(o.in_place[i] == docs[_i].fast, "%s: row %zu read %s", docs[_i].what, i,
		              o.in_place[i] ? "in place" : "through jansson");
	if (docs[_i].fast)
		ck_assert_uint_gt(o.rows.n, 0);
}
END_TEST

START_TEST(same_as_the_jansson_path)
{
	static struct outcome fast, slow;
	char *twin = escaped_twin(docs[_i].doc);
	if (!twin)
		return;
	parse_into(&fast, docs[_i].doc, strlen(docs[_i].doc));
	parse_into(&slow, twin, strlen(twin));
	ck_assert_int_eq(fast.err, slow.err);
	ck_assert_uint_eq(fast.rep.rows, slow.rep.rows);
	ck_assert_uint_eq(fast.rep.skipped, slow.rep.skipped);
	ck_assert_int_eq(fast.rep.entries, slow.rep.entries);
	ck_assert_ptr_eq(fast.info.format, slow.info.format);
	ck_assert_int_eq(fast.info.have_count, slow.info.have_count);
	ck_assert_int_eq(fast.info.count, slow.info.count);
	ck_assert_str_eq(fast.info.time, slow.info.time);
	ck_assert_str_eq(fast.info.error, slow.info.error);
	ck_assert_uint_eq(fast.rows.n, slow.rows.n);
	for (size_t i = 0; i < fast.rows.n; i++) {
		ck_assert_str_eq(fast.rows.addr[i], slow.rows.addr[i]);
		ck_assert_int_eq(fast.rows.truncated[i], slow.rows.truncated[i]);
		ck_assert(memcmp(&fast.rows.s[i], &slow.rows.s[i], sizeof fast.rows.s[i]) == 0);
	}
	free(twin);
}
END_TEST

START_TEST(full_sink_stops_the_fast_reader)
{
	static struct outcome o;
	char doc[4096] = "{\"clients_parsed\":[";
	for (int i = 0; i < MAX_ROWS + 2; i++)
		strcat(strcat(doc, i ? "," : ""), E1);
	strcat(doc, "]}");
	parse_into(&o, doc, strlen(doc));
	ck_assert_int_eq(o.err, PARSE_ERR_NOMEM);
	ck_assert_uint_eq(o.rep.rows, MAX_ROWS);
	ck_assert(o.in_place[0]);
}
END_TEST

/* Make the suite. */
static Suite *
dash_fast_suite(void)
{
	Suite *s = suite_create("dash_fast");
	TCase *t = tcase_create("dash_fast");

	tcase_add_loop_test(t, simple_shape_is_read_in_place, 0, sizeof docs / sizeof docs[0]);
	tcase_add_loop_test(t, same_as_the_jansson_path, 0, sizeof docs / sizeof docs[0]);
	tcase_add_test(t, full_sink_stops_the_fast_reader);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(dash_fast_suite)
