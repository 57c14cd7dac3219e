/* check_columns.c — the clients table's columns: from the field table, fitted to a width. */
#include "config.h"

#include "unit.h"

#include "columns.h"
#include "text.h"

/* The index of the column of field f (or of kind k when f < 0) in c[0..n). */
static long
find(const struct column *c, size_t n, enum col_kind k, int f)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].kind == k && (k != COL_FIELD || c[i].field == f))
			return (long)i;
	return -1;
}

/* The table's columns, every one needing w columns, the address addr. */
static size_t
list_needing(struct column *c, int w, int addr)
{
	size_t n = columns_list(c, COL_MAX, false);

	for (size_t i = 0; i < n; i++)
		c[i].need = c[i].kind == COL_ADDR ? addr : w;
	return n;
}

/* Columns of the shown ones, gaps and dividers included (x of the last one plus its width). */
static int
used(const struct column *c, size_t n)
{
	int end = 0;

	for (size_t i = 0; i < n; i++)
		if (c[i].w > 0)
			end = c[i].x + c[i].w;
	return end;
}

START_TEST(every_field_is_a_column_in_table_order)
{
	struct column c[COL_MAX];
	size_t n = columns_list(c, COL_MAX, false);

	ck_assert_uint_eq(n, 3 + FIELD_ALL);
	ck_assert_int_eq(c[n - 1].kind, COL_SPARK);                 /* the sparkline last, no sort key */
	ck_assert_int_eq(c[n - 1].sort, COL_NO_SORT);
	ck_assert_int_ge(c[n - 1].need, COL_W_SPARK);
	ck_assert_int_eq(c[0].kind, COL_STATUS);
	ck_assert_int_eq(c[0].sort, SORT_STATUS);
	ck_assert_int_eq(c[1].kind, COL_ADDR);
	ck_assert_int_eq(c[1].sort, SORT_ADDR);
	for (int f = 0; f < FIELD_ALL; f++) {
		const struct column *k = &c[2 + f];
		ck_assert_int_eq(k->kind, COL_FIELD);
		ck_assert_int_eq(k->field, f);
		ck_assert_str_eq(k->head, field_info(f)->head);       /* the one source of headings */
		ck_assert(k->right);
		/* room for the heading (and the sort mark when the column is a sort key) and any value */
		ck_assert_int_ge(k->need, (int)strlen(k->head) + (k->sort != COL_NO_SORT));
		ck_assert_int_ge(k->need, COL_W_COUNT);
	}
	ck_assert_int_eq(c[2 + FIELD_NTP_DROPS].sort, SORT_DROPS);
	ck_assert_int_eq(c[2 + FIELD_NTP_LAST].sort, SORT_LAST);
	ck_assert_int_eq(c[2 + FIELD_CMD_PACKETS].sort, SORT_CMD);
	ck_assert_int_eq(c[2 + FIELD_CMD_DROPS].sort, COL_NO_SORT);
	ck_assert_uint_eq(columns_list(c, 3, false), 3);                   /* never past max */
}
END_TEST

/* A fleet's table has its server's column after the status, sorting by
 * server; on a narrow screen it stays longer than any other but the address. */
START_TEST(a_fleet_has_a_server_column)
{
	struct column c[COL_MAX];
	size_t n = columns_list(c, COL_MAX, true);

	ck_assert_uint_eq(n, 4 + FIELD_ALL);
	ck_assert_int_eq(c[0].kind, COL_STATUS);
	ck_assert_int_eq(c[1].kind, COL_SERVER);
	ck_assert_str_eq(c[1].head, "Server");
	ck_assert_int_eq(c[1].sort, SORT_SERVER);
	ck_assert_int_ge(c[1].need, (int)strlen("Server") + 1);
	ck_assert_int_eq(c[2].kind, COL_ADDR);
	for (size_t i = 0; i < n; i++)
		c[i].need = c[i].kind == COL_ADDR ? COL_ADDR_MIN : 8;
	columns_fit(c, n, COL_ADDR_MIN + COL_GAP + 8); /* room for the address and one more: the server */
	ck_assert_int_gt(c[1].w, 0);
	ck_assert_int_eq(c[0].w, 0);
	ck_assert_int_eq(columns_step(c, n, SORT_ADDR, -1), SORT_SERVER);
}
END_TEST

/* The widest text field f takes (STYLE_BRIEF) over values a table may show. */
static int
widest_value(int f)
{
	static const int64_t counts[] = { 0, 9, 99999, 100000, 999499, 999500, 4294967295LL, INT64_MAX };
	struct sample s;
	char buf[64];
	int widest = 0;

	memset(&s, 0, sizeof s);
	field_text(buf, sizeof buf, &s, f, STYLE_BRIEF);        /* unknown */
	widest = (int)strlen(buf);
	sample_set(&s, FIELD_NTP_PACKETS, 0);                 /* "never" */
	sample_set(&s, FIELD_CMD_PACKETS, 0);
	field_text(buf, sizeof buf, &s, f, STYLE_BRIEF);
	if ((int)strlen(buf) > widest)
		widest = (int)strlen(buf);
	/* each kind over the values it can have: a rate grows at most by a 32-bit counter
	 * a second, a share is 0..100 %, a window spans at most --window's 86400 s */
	static const int64_t top[FIELD_KINDS] = { 100000000000LL, 127, 100000000000LL, 4294967295000LL, 100000,
	                                          86400000 };
	enum field_kind k = field_info(f)->kind;
	for (int64_t v = k == KIND_LOG2 ? -128 : 0; v <= top[k]; v = v == top[k] ? v + 1 : v < 1000 ? v + 1
	                                                             : v + v / 97 < top[k] ? v + v / 97 : top[k]) {
		sample_set(&s, f, v);
		size_t n = field_text(buf, sizeof buf, &s, f, STYLE_BRIEF);
		if ((int)text_width(buf, n) > widest)
			widest = (int)text_width(buf, n);
	}
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		sample_set(&s, f, counts[i]);
		size_t n = field_text(buf, sizeof buf, &s, f, STYLE_BRIEF);
		if (field_info(f)->kind == KIND_COUNT && (int)text_width(buf, n) > widest)
			widest = (int)text_width(buf, n);
	}
	return widest;
}

START_TEST(a_column_is_as_wide_as_any_value_of_its_kind)
{
	struct column c[COL_MAX];
	size_t n = columns_list(c, COL_MAX, false);

	for (size_t i = 0; i < n; i++)
		if (c[i].kind == COL_FIELD) {
			int w = widest_value(c[i].field);
			ck_assert_msg(c[i].need >= w, "%s: %d columns, a value takes %d", c[i].head, c[i].need, w);
		}
	ck_assert_int_eq(widest_value(FIELD_NTP_INTERVAL), COL_W_LOG2);   /* and not wider than needed */
	ck_assert_int_eq(widest_value(FIELD_NTP_LAST), COL_W_SECONDS);
	ck_assert_int_eq(widest_value(FIELD_NTP_PACKETS), COL_W_COUNT);
	ck_assert_int_eq(widest_value(FIELD_RATE_NTP), COL_W_RATE);
	ck_assert_int_eq(widest_value(FIELD_DROP_SHARE), COL_W_SHARE);
	ck_assert_int_eq(widest_value(FIELD_RATE_WINDOW), COL_W_SPAN);
}
END_TEST

START_TEST(all_fit_when_there_is_room)
{
	struct column c[COL_MAX];
	size_t n = list_needing(c, 6, 39);

	columns_fit(c, n, 400);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(c[i].w, c[i].need);                  /* the full IPv6 address too */
	ck_assert_int_eq(c[0].x, 0);
	ck_assert_int_eq(c[1].x, 6 + COL_GAP);
	/* the cmd group starts with a divider: one more column in its gap */
	long cmd = find(c, n, COL_FIELD, FIELD_CMD_PACKETS), before = find(c, n, COL_FIELD, FIELD_NTP_LAST);
	ck_assert(c[cmd].divider);
	ck_assert_int_eq(c[cmd].x, c[before].x + c[before].w + COL_GAP + COL_DIVIDER);
	ck_assert(!c[before].divider);
	ck_assert(!c[1].divider && !c[2].divider);
}
END_TEST

START_TEST(narrow_drops_whole_columns_by_priority)
{
	struct column c[COL_MAX];
	size_t n;
	/* the last to go: address, status, NTP drops, last seen (issue 12) */
	static const int last[] = { FIELD_NTP_LAST, FIELD_NTP_DROPS };

	for (int width = 24; width <= 200; width++) {
		n = list_needing(c, 6, 15);
		columns_fit(c, n, width);
		ck_assert_int_le(used(c, n), width);
		ck_assert_int_gt(c[find(c, n, COL_ADDR, -1)].w, 0);
		ck_assert_int_gt(c[find(c, n, COL_STATUS, -1)].w, 0);
		for (size_t i = 0; i < n; i++) {
			ck_assert(c[i].w == 0 || c[i].w == c[i].need);   /* whole or gone */
			for (size_t k = 0; k < n && c[i].w > 0; k++)         /* nothing kept ranks below a dropped one */
				ck_assert_msg(c[k].w > 0 || c[k].prio <= c[i].prio, "width %d: %zu kept, %zu dropped", width, i, k);
		}
	}
	n = list_needing(c, 6, 15);
	columns_fit(c, n, 6 + COL_GAP + 15 + 2 * (COL_GAP + 6));   /* room for four: the last four */
	for (size_t i = 2; i < n; i++)
		ck_assert_int_eq(c[i].w > 0, c[i].field == last[0] || c[i].field == last[1]);
	n = list_needing(c, 6, 15);
	columns_fit(c, n, 400);
	int all = used(c, n);
	columns_fit(c, n, all - 1);           /* one column short: the sparkline goes first, alone */
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(c[i].w > 0, c[i].kind != COL_SPARK);
	n = list_needing(c, 6, 15);
	columns_fit(c, n, 80);
	ck_assert_int_gt(c[find(c, n, COL_FIELD, FIELD_NTP_DROPS)].w, 0);
	ck_assert_int_eq(c[find(c, n, COL_FIELD, FIELD_CMD_INTERVAL)].w, 0);
}
END_TEST

START_TEST(the_address_takes_the_room_left)
{
	struct column c[COL_MAX];
	size_t n = list_needing(c, 6, 39);
	long a = find(c, n, COL_ADDR, -1);

	columns_fit(c, n, 60);                /* cut, but never below its minimum */
	ck_assert_int_ge(c[a].w, COL_ADDR_MIN);
	ck_assert_int_lt(c[a].w, 39);
	ck_assert_int_le(used(c, n), 60);
	ck_assert_int_gt(used(c, n), 60 - 6 - COL_GAP - COL_DIVIDER);   /* no room for another column was left */
	n = list_needing(c, 6, 39);
	columns_fit(c, n, 30);                /* status and address alone: the address gets the rest */
	ck_assert_int_eq(c[a].w, 30 - 6 - COL_GAP);
	n = list_needing(c, 6, 39);           /* room for the sparkline with the address cut: */
	columns_fit(c, n, 400);
	int all = used(c, n);
	columns_fit(c, n, all - 5);
	ck_assert_int_eq(c[a].w, 39);         /* the address whole, the sparkline gone */
	ck_assert_int_eq(c[n - 1].w, 0);
	ck_assert_int_eq(c[n - 1].kind, COL_SPARK);
	n = list_needing(c, 6, 7);
	columns_fit(c, n, 200);               /* a short address takes only what it needs */
	ck_assert_int_eq(c[a].w, 7);
}
END_TEST

START_TEST(hits_and_sort_steps)
{
	struct column c[COL_MAX];
	size_t n = list_needing(c, 6, 15);

	columns_fit(c, n, 200);
	ck_assert_int_eq(columns_at(c, n, 0), 0);
	ck_assert_int_eq(columns_at(c, n, 5), 0);
	ck_assert_int_eq(columns_at(c, n, 6), 1);                 /* the gap before a column is its own */
	ck_assert_int_eq(columns_at(c, n, c[3].x), 3);
	ck_assert_int_eq(columns_at(c, n, -1), -1);
	ck_assert_int_eq(columns_at(c, n, used(c, n)), -1);        /* past the last */
	ck_assert_int_eq(columns_sorted(c, n, SORT_DROPS), 2 + FIELD_NTP_DROPS);
	/* steps go left and right over the sortable columns shown, skipping the others, wrapping:
	 * the order is the columns' (status, address, the field table's), each its own sort key */
	int keys[COL_MAX];
	size_t nk = 0;
	for (size_t i = 0; i < n; i++)
		if (c[i].w > 0 && c[i].sort != COL_NO_SORT)
			keys[nk++] = c[i].sort;
	ck_assert_uint_ge(nk, 4);
	ck_assert_int_eq(keys[0], SORT_STATUS);
	ck_assert_int_eq(keys[1], SORT_ADDR);
	ck_assert_int_eq(keys[2], SORT_NTP);
	ck_assert_int_eq(keys[3], SORT_DROPS);
	for (size_t i = 0; i < nk; i++) {
		ck_assert_int_eq(columns_step(c, n, keys[i], 1), keys[(i + 1) % nk]);
		ck_assert_int_eq(columns_step(c, n, keys[i], -1), keys[(i + nk - 1) % nk]);
	}
	ck_assert_int_eq(columns_sorted(c, n, SORT_CMD), 2 + FIELD_CMD_PACKETS);
	ck_assert_int_eq(columns_step(c, n, SORT_LAST, 1), SORT_CMD);   /* IntL is no sort key */
	columns_fit(c, n, 30);                /* the sorted column is not shown: from the end */
	ck_assert_int_eq(columns_sorted(c, n, SORT_DROPS), -1);
	ck_assert_int_eq(columns_step(c, n, SORT_DROPS, 1), SORT_STATUS);
	ck_assert_int_eq(columns_step(c, n, SORT_DROPS, -1), SORT_ADDR);
}
END_TEST

START_TEST(view_names)
{
	enum clients_view v;

	ck_assert_str_eq(clients_view_name(CLIENTS_CARDS), "cards");
	ck_assert_str_eq(clients_view_name(CLIENTS_TABLE), "table");
	ck_assert(clients_view_parse("table", &v) && v == CLIENTS_TABLE);
	ck_assert(clients_view_parse("cards", &v) && v == CLIENTS_CARDS);
	ck_assert(!clients_view_parse("grid", &v));
}
END_TEST

/* All column tests. */
static Suite *
columns_suite(void)
{
	Suite *s = suite_create("columns");
	TCase *tc = tcase_create("columns");
	tcase_add_test(tc, every_field_is_a_column_in_table_order);
	tcase_add_test(tc, a_fleet_has_a_server_column);
	tcase_add_test(tc, a_column_is_as_wide_as_any_value_of_its_kind);
	tcase_add_test(tc, all_fit_when_there_is_room);
	tcase_add_test(tc, narrow_drops_whole_columns_by_priority);
	tcase_add_test(tc, the_address_takes_the_room_left);
	tcase_add_test(tc, hits_and_sort_steps);
	tcase_add_test(tc, view_names);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(columns_suite)
