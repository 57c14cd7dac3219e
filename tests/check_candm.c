/* check_candm.c — chronyd's command protocol: the request's bytes, every
 * check a reply must pass (one bad byte at a time), a clients page's counts
 * and indices, and records read as `chronyc -c clients` prints them. */
#include "config.h"

#include "candm.h"
#include "unit.h"

#define SEQ 0x01020304u
#define REPLY_LEN 520

/* Write a big-endian u32. */
static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* A good clients reply as chronyd 4.3 sends it: table of `indices` slots,
 * next index `next`, n records (127.1.0.(i+1), or ::1 for the second). */
static void
good_reply(uint8_t *p, uint32_t indices, uint32_t next, uint32_t n)
{
	memset(p, 0, REPLY_LEN);
	p[0] = 6;                  /* version */
	p[1] = 2;                  /* reply */
	p[5] = 68;                 /* command echo */
	p[7] = 21;                 /* reply type */
	put32(p + 16, SEQ);
	put32(p + 28, indices);
	put32(p + 32, next);
	put32(p + 36, n);
	for (uint32_t i = 0; i < n; i++) {
		uint8_t *r = p + 40 + 60 * i;
		if (i == 1) {
			r[15] = 1;
			r[17] = 2;          /* ::1 */
		} else {
			r[0] = 127, r[1] = 1, r[2] = 0, r[3] = (uint8_t)(i + 1);
			r[17] = 1;
		}
		put32(r + 20, 100 + i);   /* ntp hits */
		put32(r + 28, 7);         /* cmd hits */
		put32(r + 32, 3);         /* ntp drops */
		put32(r + 40, 0);         /* cmd drops */
		r[44] = (uint8_t)-5;      /* ntp interval */
		r[46] = 127;              /* cmd interval: none */
		r[47] = (uint8_t)-2;      /* ntp interval after drops */
		put32(r + 48, 12);        /* ntp last */
		put32(r + 56, 0xFFFFFFFFu); /* cmd last: never */
	}
}

START_TEST(request_is_padded_to_its_reply)
{
	uint8_t buf[CANDM_MAX_PACKET];
	uint32_t arg[2] = { 4096, 8 };
	size_t len = candm_request(buf, sizeof buf, CANDM_CLIENTS, SEQ, 3, arg, 2);

	ck_assert_uint_eq(len, REPLY_LEN);
	const uint8_t head[20] = { 6, 1, 0, 0, 0, 68, 0, 3, 1, 2, 3, 4 };
	ck_assert(memcmp(buf, head, sizeof head) == 0);
	const uint8_t args[16] = { 0, 0, 0x10, 0, 0, 0, 0, 8 }; /* min_hits 0, reset 0 */
	ck_assert(memcmp(buf + 20, args, sizeof args) == 0);
	for (size_t i = 36; i < len; i++)
		ck_assert_uint_eq(buf[i], 0);
	ck_assert_uint_eq(candm_request(buf, REPLY_LEN - 1, CANDM_CLIENTS, SEQ, 0, arg, 2), 0);
	ck_assert_uint_eq(candm_request(buf, sizeof buf, CANDM_CLIENTS, SEQ, 0, arg, 1), 0);
}
END_TEST

/* One byte changed in a good reply, and the check that must catch it. */
static const struct {
	size_t at;
	uint8_t value;
	size_t len;           /* 0: the reply's own */
	enum candm_err want;
} bad_replies[] = {
	{ 0, 6, 27, CANDM_ERR_SHORT },
	{ 1, 1, 0, CANDM_ERR_NOT_REPLY },
	{ 0, 5, 0, CANDM_ERR_VERSION },
	{ 0, 7, 0, CANDM_ERR_VERSION },
	{ 5, 33, 0, CANDM_ERR_COMMAND },
	{ 19, 5, 0, CANDM_ERR_SEQUENCE },
	{ 9, 2, 0, CANDM_ERR_UNAUTH },
	{ 9, 15, 0, CANDM_ERR_INACTIVE },
	{ 9, 3, 0, CANDM_ERR_UNSUPPORTED },
	{ 9, 19, 0, CANDM_ERR_UNSUPPORTED },
	{ 9, 18, 0, CANDM_ERR_VERSION },
	{ 9, 1, 0, CANDM_ERR_STATUS },
	{ 7, 10, 0, CANDM_ERR_REPLY_TYPE },
	{ 7, 21, 519, CANDM_ERR_LENGTH },
	{ 7, 21, 524, CANDM_ERR_LENGTH },
};

START_TEST(reply_checks_in_order)
{
	uint8_t p[1024];
	uint16_t status;

	good_reply(p, 16, 16, 2);
	ck_assert_int_eq(candm_check(p, REPLY_LEN, CANDM_CLIENTS, SEQ, &status), CANDM_OK);
	p[bad_replies[_i].at] = bad_replies[_i].value;
	size_t len = bad_replies[_i].len ? bad_replies[_i].len : REPLY_LEN;
	enum candm_err e = candm_check(p, len, CANDM_CLIENTS, SEQ, &status);
	ck_assert_msg(e == bad_replies[_i].want, "byte %zu = %u: %s, not %s", bad_replies[_i].at, bad_replies[_i].value,
	              candm_err_text(e), candm_err_text(bad_replies[_i].want));
	ck_assert_str_ne(candm_err_text(e), "?");
}
END_TEST

/* A page's numbers (slots, next index, records), where it was asked from, and its verdict. */
static const struct {
	uint32_t indices, next, n, first;
	enum candm_err want;
} pages[] = {
	{ 16, 16, 2, 0, CANDM_OK },            /* the table's end */
	{ 1024, 40, 8, 0, CANDM_OK },          /* a full page, more to come */
	{ 1024, 1024, 0, 1000, CANDM_OK },     /* nothing in the last slots */
	{ 1024, 2000, 0, 2000, CANDM_OK },     /* asked past the end */
	{ 1024, 40, 9, 0, CANDM_ERR_COUNT_BAD },
	{ 1024, 40, 0xFFFFFFFFu, 0, CANDM_ERR_COUNT_BAD },
	{ 1024, 1025, 8, 0, CANDM_ERR_INDEX },  /* past the table */
	{ 1024, 5, 8, 0, CANDM_ERR_INDEX },     /* 8 records in 5 slots */
	{ 1024, 40, 2, 0, CANDM_ERR_INDEX },    /* short page before the end */
	{ 1024, 2001, 0, 2000, CANDM_ERR_INDEX },
	{ 1024, 2000, 1, 2000, CANDM_ERR_INDEX },
};

START_TEST(page_counts_and_indices)
{
	uint8_t p[1024];
	struct candm_page pg;

	good_reply(p, pages[_i].indices, pages[_i].next, pages[_i].n < 8 ? pages[_i].n : 8);
	put32(p + 36, pages[_i].n);
	enum candm_err e = candm_clients_page(p, REPLY_LEN, pages[_i].first, 8, &pg);
	ck_assert_msg(e == pages[_i].want, "page %d: %s", _i, candm_err_text(e));
	if (e == CANDM_OK)
		ck_assert_uint_eq(pg.n, pages[_i].n);
}
END_TEST

START_TEST(bad_family_is_refused)
{
	uint8_t p[1024];
	struct candm_page pg;

	good_reply(p, 16, 16, 3);
	p[40 + 120 + 17] = 3; /* an "ID" address: never a client */
	ck_assert_int_eq(candm_clients_page(p, REPLY_LEN, 0, 8, &pg), CANDM_ERR_FAMILY);
	p[40 + 120 + 17] = 0; /* unspecified */
	ck_assert_int_eq(candm_clients_page(p, REPLY_LEN, 0, 8, &pg), CANDM_ERR_FAMILY);
}
END_TEST

START_TEST(records_read_as_chronyc_prints_them)
{
	uint8_t p[1024];
	struct candm_page pg;
	char addr[CANDM_ADDR_MAX];
	struct row r;
	uint8_t k0[CANDM_KEY_LEN], k1[CANDM_KEY_LEN];

	good_reply(p, 16, 16, 2);
	ck_assert_int_eq(candm_clients_page(p, REPLY_LEN, 0, 8, &pg), CANDM_OK);
	candm_client_row(pg.rec, addr, &r);
	ck_assert_str_eq(addr, "127.1.0.1");
	ck_assert_uint_eq(r.len, 9);
	const long want[FIELD_COUNT] = { 100, 3, -5, -2, 12, 7, 0, -999, -999 }; /* -999: unknown */
	for (int f = 0; f < FIELD_COUNT; f++)
		if (want[f] == -999)
			ck_assert_msg(!sample_known(&r.s, f), "field %d known", f);
		else
			ck_assert_msg(sample_known(&r.s, f) && r.s.v[f] == want[f], "field %d", f);
	candm_client_row(pg.rec + 60, addr, &r);
	ck_assert_str_eq(addr, "::1");
	ck_assert_int_eq(r.s.v[FIELD_NTP_PACKETS], 101);
	candm_client_key(pg.rec, k0);
	candm_client_key(pg.rec + 60, k1);
	ck_assert(memcmp(k0, k1, sizeof k0) != 0);
	p[40 + 5] = 0xAA; /* bytes past an IPv4 address are not its identity */
	candm_client_key(pg.rec, k1);
	ck_assert(memcmp(k0, k1, sizeof k0) == 0);
}
END_TEST

START_TEST(numbers_beyond_chronyd_are_unknown)
{
	struct sample s = { 0 };

	parse_number(FIELD_NTP_INTERVAL, 127, &s);      /* chronyc's "none" */
	parse_number(FIELD_NTP_INTERVAL_LIMITED, -128, &s); /* not a quarter-log2 chronyd keeps */
	parse_number(FIELD_NTP_LAST, 4294967295LL, &s); /* never */
	ck_assert_uint_eq(s.known, 0);
	parse_number(FIELD_NTP_LAST, 4294967294LL, &s);
	parse_number(FIELD_CMD_INTERVAL, -32, &s);
	ck_assert(sample_known(&s, FIELD_NTP_LAST) && sample_known(&s, FIELD_CMD_INTERVAL));
}
END_TEST

/* Find addr among the collected rows; -1 if absent. */
static long
find_row(const struct collected *c, const char *addr)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->addr[i], addr) == 0)
			return (long)i;
	return -1;
}

/* The differential check: two pages a real chronyd 4.3 sent (12 clients,
 * some rate-limited, ::1, Cmd hits from 127.0.0.1) read as records, and
 * `chronyc -c -n clients` taken right after from the same chronyd, read by
 * parse_csv: the same clients with the same values (last seen within 2 s). */
START_TEST(real_pages_equal_chronyc_csv)
{
	static struct collected sock, csv;
	static const uint32_t firsts[2] = { 0, 8 };
	struct parse_report rep;
	struct candm_page pg;
	char addr[CANDM_ADDR_MAX];
	struct row r;
	uint16_t status;
	size_t len;

	memset(&sock, 0, sizeof sock);
	memset(&csv, 0, sizeof csv);
	for (uint32_t i = 0; i < 2; i++) {
		char name[64];
		snprintf(name, sizeof name, "candm-clients-%u.bin", i);
		uint8_t *p = (uint8_t *)unit_fixture(name, &len);
		ck_assert_int_eq(candm_check(p, len, CANDM_CLIENTS, 1000 + i, &status), CANDM_OK);
		ck_assert_int_eq(candm_clients_page(p, len, firsts[i], 8, &pg), CANDM_OK);
		ck_assert_uint_eq(pg.n_indices, 16);
		for (size_t k = 0; k < pg.n; k++) {
			candm_client_row(pg.rec + k * CANDM_CLIENT_LEN, addr, &r);
			ck_assert(unit_collect(&sock, &r));
		}
		free(p);
	}
	char *text = unit_fixture("candm-clients.csv", &len);
	ck_assert_int_eq(parse_csv(text, len, unit_collect, &csv, &rep), PARSE_OK);
	free(text);
	ck_assert_uint_eq(sock.n, 14);
	ck_assert_uint_eq(csv.n, sock.n);
	for (size_t i = 0; i < csv.n; i++) {
		long j = find_row(&sock, csv.addr[i]);
		ck_assert_msg(j >= 0, "%s not read from the socket", csv.addr[i]);
		for (int f = 0; f < FIELD_COUNT; f++) {
			const struct sample *a = &sock.s[j], *b = &csv.s[i];
			ck_assert_msg(sample_known(a, f) == sample_known(b, f), "%s field %d known", csv.addr[i], f);
			long slack = field_info(f)->kind == KIND_SECONDS ? 2 : 0;
			ck_assert_msg(!sample_known(a, f) || labs((long)(a->v[f] - b->v[f])) <= slack, "%s field %d: %ld vs %ld",
			              csv.addr[i], f, (long)a->v[f], (long)b->v[f]);
		}
	}
}
END_TEST

/* Make the protocol suite. */
static Suite *
candm_suite(void)
{
	Suite *s = suite_create("candm");
	TCase *tc = tcase_create("wire");

	tcase_add_test(tc, request_is_padded_to_its_reply);
	tcase_add_loop_test(tc, reply_checks_in_order, 0, sizeof bad_replies / sizeof bad_replies[0]);
	tcase_add_loop_test(tc, page_counts_and_indices, 0, sizeof pages / sizeof pages[0]);
	tcase_add_test(tc, bad_family_is_refused);
	tcase_add_test(tc, records_read_as_chronyc_prints_them);
	tcase_add_test(tc, numbers_beyond_chronyd_are_unknown);
	tcase_add_test(tc, real_pages_equal_chronyc_csv);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(candm_suite)
