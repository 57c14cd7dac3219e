/* check_candm.c — chronyd's command protocol: the request's bytes, every
 * check a reply must pass (one bad byte at a time), a clients page's counts
 * and indices, and records read as `chronyc -c clients` prints them; the
 * server's reports (every layout) read as `chronyc -c` prints them, chrony's
 * Float on known values and rounded as printf rounds. */
#include "config.h"

#include <arpa/inet.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "candm.h"
#include "candm_report.h"
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

/* IPv4 addresses are written as inet_ntop writes them, for octets of one,
 * two and three digits at every place. */
START_TEST(ipv4_text_equals_inet_ntop)
{
	static const uint8_t octet[] = { 0, 1, 9, 10, 42, 99, 100, 109, 110, 199, 200, 255 };
	const size_t n = sizeof octet;
	uint8_t p[1024];
	struct candm_page pg;
	char addr[CANDM_ADDR_MAX], want[INET_ADDRSTRLEN];
	struct row r;

	good_reply(p, 16, 16, 1);
	ck_assert_int_eq(candm_clients_page(p, REPLY_LEN, 0, 8, &pg), CANDM_OK);
	for (size_t i = 0; i < n * n * n * n; i++) {
		uint8_t a[4] = { octet[i % n], octet[i / n % n], octet[i / n / n % n], octet[i / n / n / n] };
		memcpy(p + 40, a, 4);
		candm_client_row(pg.rec, addr, &r);
		ck_assert_ptr_nonnull(inet_ntop(AF_INET, a, want, sizeof want));
		ck_assert_str_eq(addr, want);
		ck_assert_uint_eq(r.len, strlen(want));
	}
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

/* chrony's Float of coef * 2^(exp - 25). */
static uint32_t
enc(int32_t coef, int exp)
{
	return (uint32_t)(exp & 0x7f) << 25 | ((uint32_t)coef & 0x1ffffffu);
}

/* A reply header for command code, reply type and data length n (at most 200), sequence SEQ. */
static size_t
report_reply(uint8_t *p, uint16_t code, uint16_t type, size_t n)
{
	memset(p, 0, 28 + 200);
	p[0] = 6;
	p[1] = 2;
	p[4] = (uint8_t)(code >> 8), p[5] = (uint8_t)code;
	p[6] = (uint8_t)(type >> 8), p[7] = (uint8_t)type;
	put32(p + 16, SEQ);
	return 28 + n;
}

/* Write a big-endian u16. */
static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Check reply p[0..len) to cmd and read it into vals; the verdict. */
static enum candm_err
read_reply(enum candm_cmd cmd, const uint8_t *p, size_t len, struct srv_value *vals, bool *hidden)
{
	uint16_t status;
	enum candm_err e = candm_check(p, len, cmd, SEQ, &status);

	return e != CANDM_OK ? e : candm_report(cmd, p, len, vals, hidden);
}

/* Floats with known values (exponent and coefficient at their limits). */
static const struct {
	uint32_t w;
	double want;
} floats[] = {
	{ 0, 0.0 },
	{ (uint32_t)25 << 25 | 1, 1.0 },
	{ (uint32_t)25 << 25 | 0x1ffffff, -1.0 },
	{ (uint32_t)24 << 25 | 3, 1.5 },
	{ 0x00ffffff, 16777215.0 / 33554432.0 },     /* largest coefficient, exponent 0 */
	{ 0x01000000, -0.5 },                          /* smallest coefficient */
	{ (uint32_t)0x40 << 25 | 1, 0x1p-89 },         /* exponent -64 */
	{ (uint32_t)0x3f << 25 | 1, 0x1p38 },          /* exponent 63 */
	{ (uint32_t)0x7f << 25 | 0x1fffffe, -0x1p-25 }, /* exponent -1, coefficient -2 */
};

START_TEST(float_known_values)
{
	ck_assert_msg(candm_float(floats[_i].w) == floats[_i].want, "%08x: %a, not %a", floats[_i].w,
	              candm_float(floats[_i].w), floats[_i].want);
}
END_TEST

/* A tracking reply (chrony 4.3's bytes) of the values that tests read back. */
static size_t
tracking_reply(uint8_t *p, uint32_t sys_time)
{
	size_t len = report_reply(p, 33, 5, 76);
	uint8_t *d = p + 28;

	put32(d, 0x7f000001);                 /* ref ID */
	d[4] = 127, d[7] = 1, d[21] = 1;      /* 127.0.0.1 */
	put16(d + 24, 11);                    /* stratum */
	put16(d + 26, 0);                     /* leap: normal */
	put32(d + 28, 0x7fffffff);            /* no high seconds */
	put32(d + 32, 1795818711);
	put32(d + 36, 712842191);
	put32(d + 40, sys_time);
	put32(d + 44, enc(-3, 0));            /* last offset: -3 * 2^-25 */
	put32(d + 52, enc(-5000, 15));        /* frequency -5000 / 1024 = -4.8828125 ppm */
	put32(d + 72, enc(1, 23));            /* update interval 0.25 s */
	return len;
}

START_TEST(tracking_read_as_chronyc_prints_it)
{
	uint8_t p[256];
	struct srv_tracking t;
	bool hidden;
	size_t len = tracking_reply(p, enc(1, 0));

	ck_assert_int_eq(read_reply(CANDM_TRACKING, p, len, t.v, &hidden), CANDM_OK);
	ck_assert_str_eq(t.v[TRK_REF_ID].text, "7F000001");
	ck_assert_str_eq(t.v[TRK_REF_NAME].text, "127.0.0.1");
	ck_assert_str_eq(t.v[TRK_STRATUM].text, "11");
	ck_assert_str_eq(t.v[TRK_LEAP].text, "Normal");
	ck_assert_str_eq(t.v[TRK_REF_TIME].text, "1795818711.712842191");
	ck_assert(t.v[TRK_REF_TIME].num == 1795818711712842191.0 / 1e9);
	ck_assert_str_eq(t.v[TRK_SYSTEM_TIME].text, "0.000000030"); /* 2^-25 = 2.98e-8 */
	ck_assert_str_eq(t.v[TRK_LAST_OFFSET].text, "-0.000000089");
	ck_assert_str_eq(t.v[TRK_FREQUENCY].text, "-4.883");
	ck_assert(t.v[TRK_FREQUENCY].num == -4.883);
	ck_assert_str_eq(t.v[TRK_UPDATE_INTERVAL].text, "0.2"); /* 0.25: ties to even, as printf */
	ck_assert_str_eq(t.v[TRK_RMS_OFFSET].text, "0.000000000");
	/* no address: the reference ID as letters; an unknown leap code is chronyc's Invalid */
	put32(p + 28, 0x4c4f434c);
	memset(p + 28 + 4, 0, 20);
	put16(p + 28 + 26, 9);
	ck_assert_int_eq(read_reply(CANDM_TRACKING, p, len, t.v, &hidden), CANDM_OK);
	ck_assert_str_eq(t.v[TRK_REF_NAME].text, "LOCL");
	ck_assert_str_eq(t.v[TRK_LEAP].text, "Invalid");
	/* a value chronyc would print with more digits than a value may have */
	put32(p + 28 + 44, enc(1, 63));
	ck_assert_int_eq(read_reply(CANDM_TRACKING, p, len, t.v, &hidden), CANDM_ERR_VALUE);
	ck_assert_int_eq(read_reply(CANDM_TRACKING, p, len - 1, t.v, &hidden), CANDM_ERR_LENGTH);
}
END_TEST

START_TEST(floats_round_as_printf)
{
	uint8_t p[256];
	struct srv_tracking t;
	char want[64];
	bool hidden;
	uint32_t x = 12345;

	for (int i = 0; i < 20000; i++) {
		x = x * 1103515245u + 12345u;
		int exp = (int)(x >> 8) % 70 - 50; /* values up to 2^44: at most 19 digits with 9 decimals */
		uint32_t w = enc((int32_t)(x % 0x2000000u) - 0x1000000, exp);
		size_t len = tracking_reply(p, w);
		put32(p + 28 + 52, w); /* frequency: 3 decimals */
		ck_assert_int_eq(read_reply(CANDM_TRACKING, p, len, t.v, &hidden), CANDM_OK);
		snprintf(want, sizeof want, "%.9f", candm_float(w));
		ck_assert_msg(strcmp(t.v[TRK_SYSTEM_TIME].text, want) == 0, "%08x: %s, printf %s", w,
		              t.v[TRK_SYSTEM_TIME].text, want);
		snprintf(want, sizeof want, "%.3f", candm_float(w));
		ck_assert_str_eq(t.v[TRK_FREQUENCY].text, want);
	}
}
END_TEST

/* serverstats' layouts: reply type, data length, a counter's offset and width, and how many fields come. */
static const struct {
	uint16_t type;
	size_t n, at, width;
	int known;
} layouts[] = {
	{ 14, 20, 8, 4, 5 },       /* chrony 3.x: ntp drops third */
	{ 22, 32, 12, 4, 8 },      /* 4.0-4.1 */
	{ 24, 44, 12, 4, 11 },     /* 4.2-4.3 */
	{ 25, 168, 24, 8, 17 },    /* 4.4-: Integer64 */
};

START_TEST(serverstats_of_every_layout)
{
	uint8_t p[256];
	struct srv_serverstats ss;
	bool hidden;
	size_t len = report_reply(p, 54, layouts[_i].type, layouts[_i].n);
	int known = 0;

	memset(&ss, 0xff, sizeof ss); /* fields the layout lacks become unknown */
	if (layouts[_i].width == 8)
		put32(p + 28 + layouts[_i].at, 1); /* high word */
	put32(p + 28 + layouts[_i].at + layouts[_i].width - 4, 7);
	ck_assert_int_eq(read_reply(CANDM_SERVERSTATS, p, len, ss.v, &hidden), CANDM_OK);
	for (int f = 0; f < SST_COUNT; f++)
		known += ss.v[f].known;
	ck_assert_int_eq(known, layouts[_i].known);
	ck_assert_uint_eq(ss.v[SST_NTP_DROPPED].count, layouts[_i].width == 8 ? 0x100000007ull : 7);
	ck_assert_int_eq(read_reply(CANDM_SERVERSTATS, p, len + 4, ss.v, &hidden), CANDM_ERR_LENGTH);
	p[7] = 23;
	ck_assert_int_eq(read_reply(CANDM_SERVERSTATS, p, len, ss.v, &hidden), CANDM_ERR_REPLY_TYPE);
}
END_TEST

START_TEST(sources_read_as_chronyc_lists_them)
{
	uint8_t p[256];
	struct srv_source s;
	bool hidden;
	size_t len = report_reply(p, 15, 3, 48);
	uint8_t *d = p + 28;

	d[0] = 127, d[3] = 1, d[17] = 1;
	put16(d + 20, (uint16_t)-2);         /* poll */
	put16(d + 22, 10);                   /* stratum */
	put16(d + 24, 0);                    /* selected */
	put16(d + 26, 0);                    /* server */
	put16(d + 30, 0377);                 /* reach */
	put32(d + 32, 1);                    /* last rx */
	put32(d + 40, enc(-1, 6));           /* offset -2^-19 */
	ck_assert_int_eq(read_reply(CANDM_SOURCE_DATA, p, len, s.v, &hidden), CANDM_OK);
	ck_assert(!hidden);
	ck_assert_str_eq(s.v[SRC_MODE].text, "^");
	ck_assert_str_eq(s.v[SRC_STATE].text, "*");
	ck_assert_str_eq(s.v[SRC_ADDRESS].text, "127.0.0.1");
	ck_assert(s.v[SRC_POLL].num == -2 && s.v[SRC_STRATUM].num == 10);
	ck_assert_uint_eq(s.v[SRC_REACH].count, 255);
	ck_assert_str_eq(s.v[SRC_OFFSET].text, "-0.000001907");
	/* a reference clock is named by its ID; chronyd's states map to chronyc's symbols */
	memcpy(d, "PPS\0", 4);
	put16(d + 26, 2);
	put16(d + 24, 1);
	ck_assert_int_eq(read_reply(CANDM_SOURCE_DATA, p, len, s.v, &hidden), CANDM_OK);
	ck_assert_str_eq(s.v[SRC_ADDRESS].text, "PPS");
	ck_assert_str_eq(s.v[SRC_MODE].text, "#");
	ck_assert_str_eq(s.v[SRC_STATE].text, "?");
	put16(d + 24, 5);
	ck_assert_int_eq(read_reply(CANDM_SOURCE_DATA, p, len, s.v, &hidden), CANDM_OK);
	ck_assert_str_eq(s.v[SRC_STATE].text, "-");
	put16(d + 24, 6);                    /* no state chronyc knows: unknown */
	ck_assert_int_eq(read_reply(CANDM_SOURCE_DATA, p, len, s.v, &hidden), CANDM_OK);
	ck_assert(!s.v[SRC_STATE].known);
	d[17] = 3;                           /* an unresolved source (ID#): chronyc lists it only with -a */
	ck_assert_int_eq(read_reply(CANDM_SOURCE_DATA, p, len, s.v, &hidden), CANDM_OK);
	ck_assert(hidden);
	put16(d + 30, 0x1ff);                /* reach beyond 8 bits */
	ck_assert_int_eq(read_reply(CANDM_SOURCE_DATA, p, len, s.v, &hidden), CANDM_ERR_VALUE);
	/* sourcestats: its name to merge by, then its numbers */
	len = report_reply(p, 34, 6, 56);
	d[4] = 127, d[7] = 1, d[21] = 1;
	put32(d + 24, 8);
	put32(d + 28, 5);
	put32(d + 32, 120);
	put32(d + 40, enc(3, 20));           /* 3/32 ppm */
	put32(d + 36, enc(1, 0));
	ck_assert_int_eq(read_reply(CANDM_SOURCESTATS, p, len, s.v, &hidden), CANDM_OK);
	ck_assert_str_eq(s.v[SRC_ADDRESS].text, "127.0.0.1");
	ck_assert_uint_eq(s.v[SRC_NP].count, 8);
	ck_assert_uint_eq(s.v[SRC_SPAN].count, 120);
	ck_assert_str_eq(s.v[SRC_FREQUENCY].text, "0.094");
	ck_assert_str_eq(s.v[SRC_STD_DEV].text, "0.000000030");
}
END_TEST

START_TEST(ntpdata_read_as_chronyc_prints_it)
{
	uint8_t p[256];
	struct srv_ntpdata n;
	bool hidden;
	size_t len = report_reply(p, 57, 16, 124);
	uint8_t *d = p + 28;

	d[0] = 127, d[3] = 1, d[17] = 1;     /* remote 127.0.0.1 */
	d[20] = 127, d[23] = 1, d[37] = 1;   /* local */
	put16(d + 40, 18283);
	d[42] = 0, d[43] = 4, d[44] = 4, d[45] = 10;
	d[46] = (uint8_t)-2, d[47] = (uint8_t)-26;
	put32(d + 56, 0x7f7f0101);
	put16(d + 92, 0x3ff | 0x4000);       /* every test passed, interleaved */
	d[94] = 'K', d[95] = 'X';
	put32(d + 96, 5);
	put32(d + 112, 0xffffffff);          /* reserved up to 4.3 */
	ck_assert_int_eq(read_reply(CANDM_NTPDATA, p, len, n.v, &hidden), CANDM_OK);
	ck_assert_str_eq(n.v[NTP_REMOTE_ADDR].text, "127.0.0.1");
	ck_assert_str_eq(n.v[NTP_REMOTE_ID].text, "7F000001");
	ck_assert_str_eq(n.v[NTP_MODE].text, "Server");
	ck_assert_str_eq(n.v[NTP_POLL_SECONDS].text, "0");  /* 0.25 s as %.0f */
	ck_assert_str_eq(n.v[NTP_PRECISION_SECONDS].text, "0.000000015");
	ck_assert(!n.v[NTP_REF_NAME].known);                /* stratum 10: no letters */
	ck_assert_str_eq(n.v[NTP_TESTS_A].text, "111");
	ck_assert_str_eq(n.v[NTP_TESTS_C].text, "1111");
	ck_assert(n.v[NTP_INTERLEAVED].count == 1 && n.v[NTP_AUTHENTICATED].count == 0);
	ck_assert_str_eq(n.v[NTP_TX_TIMESTAMPING].text, "Kernel");
	ck_assert_str_eq(n.v[NTP_RX_TIMESTAMPING].text, "Invalid");
	ck_assert_uint_eq(n.v[NTP_TOTAL_TX].count, 5);
	ck_assert(!n.v[NTP_KERNEL_TX].known);               /* not in 4.3's layout */
	/* 4.4's layout carries the timestamp counters; an IPv6 source's ID (an MD5) stays unknown */
	len = report_reply(p, 57, 26, 144);
	d[17] = 2, d[0] = 0x20, d[1] = 0x01, d[2] = 0x0d, d[3] = 0xb8, d[15] = 1;
	put32(d + 112, 9);
	ck_assert_int_eq(read_reply(CANDM_NTPDATA, p, len, n.v, &hidden), CANDM_OK);
	ck_assert_str_eq(n.v[NTP_REMOTE_ADDR].text, "2001:db8::1");
	ck_assert(!n.v[NTP_REMOTE_ID].known);
	ck_assert_uint_eq(n.v[NTP_KERNEL_TX].count, 9);
	/* no such source: chronyc's 503 */
	p[9] = 4;
	ck_assert_int_eq(read_reply(CANDM_NTPDATA, p, len, n.v, &hidden), CANDM_ERR_NO_SOURCE);
	ck_assert_str_eq(candm_err_text(CANDM_ERR_NO_SOURCE), "503 No such source");
}
END_TEST

START_TEST(report_requests)
{
	uint8_t buf[CANDM_MAX_PACKET], p[256];
	uint32_t arg[5];
	uint32_t n;

	/* serverstats is padded to the longest layout (4.4's), else chronyd 4.4 would not answer */
	ck_assert_uint_eq(candm_request(buf, sizeof buf, CANDM_SERVERSTATS, SEQ, 0, NULL, 0), 28 + 168);
	ck_assert_uint_eq(candm_request(buf, sizeof buf, CANDM_TRACKING, SEQ, 0, NULL, 0), 28 + 76);
	ck_assert(candm_addr_args("2001:db8::1", arg));
	ck_assert_uint_eq(candm_request(buf, sizeof buf, CANDM_NTPDATA, SEQ, 0, arg, 5), 28 + 144);
	ck_assert_uint_eq(buf[5], 57);
	ck_assert_uint_eq(buf[20], 0x20);
	ck_assert_uint_eq(buf[35], 1);
	ck_assert_uint_eq(buf[37], 2);       /* family IPv6 */
	ck_assert(candm_addr_args("127.0.0.1", arg));
	ck_assert_uint_eq(arg[0], 0x7f000001);
	ck_assert_uint_eq(arg[4], 1u << 16);
	ck_assert(!candm_addr_args("ntp.example", arg));
	ck_assert(!candm_addr_args("1.2.3", arg));
	size_t len = report_reply(p, 14, 2, 4);
	put32(p + 28, 3);
	ck_assert_int_eq(candm_n_sources(p, len, &n), CANDM_OK);
	ck_assert_uint_eq(n, 3);
	put32(p + 28, CANDM_SOURCES_MAX + 1);
	ck_assert_int_eq(candm_n_sources(p, len, &n), CANDM_ERR_COUNT_BAD);
	ck_assert_int_eq(candm_n_sources(p, len - 1, &n), CANDM_ERR_LENGTH);
}
END_TEST

/* A real reply of chrony 4.3 (tests/fixtures/candm-NAME.bin) to cmd, read into vals. */
static void
real_reply(const char *name, enum candm_cmd cmd, struct srv_value *vals)
{
	char file[64];
	size_t len;
	uint32_t seq;
	uint16_t status;
	bool hidden;

	snprintf(file, sizeof file, "candm-%s.bin", name);
	uint8_t *p = (uint8_t *)unit_fixture(file, &len);
	ck_assert(candm_sequence(p, len, &seq));
	ck_assert_int_eq(candm_check(p, len, cmd, seq, &status), CANDM_OK);
	ck_assert_int_eq(candm_report(cmd, p, len, vals, &hidden), CANDM_OK);
	ck_assert(!hidden);
	free(p);
}

START_TEST(real_replies_of_chrony_4_3)
{
	struct server_data sd;
	struct srv_source src;
	int known = 0;

	real_reply("tracking", CANDM_TRACKING, sd.tracking.v);
	ck_assert_str_eq(sd.tracking.v[TRK_REF_ID].text, "7F000001");
	ck_assert_str_eq(sd.tracking.v[TRK_REF_NAME].text, "127.0.0.1");
	ck_assert_str_eq(sd.tracking.v[TRK_LEAP].text, "Normal");
	ck_assert(sd.tracking.v[TRK_STRATUM].num == 11);
	real_reply("serverstats", CANDM_SERVERSTATS, sd.serverstats.v);
	for (int f = 0; f < SST_COUNT; f++)
		known += sd.serverstats.v[f].known;
	ck_assert_int_eq(known, 11); /* chrony 4.3 answers reply type 24 */
	real_reply("activity", CANDM_ACTIVITY, sd.activity.v);
	ck_assert_uint_eq(sd.activity.v[ACT_ONLINE].count, 1);
	real_reply("sourcedata", CANDM_SOURCE_DATA, src.v);
	ck_assert_str_eq(src.v[SRC_ADDRESS].text, "127.0.0.1");
	ck_assert_str_eq(src.v[SRC_STATE].text, "*");
	ck_assert_uint_eq(src.v[SRC_REACH].count, 0377);
	real_reply("sourcestats", CANDM_SOURCESTATS, src.v);
	ck_assert(src.v[SRC_NP].known && src.v[SRC_STD_DEV].known);
	real_reply("ntpdata", CANDM_NTPDATA, sd.ntpdata.v);
	ck_assert_str_eq(sd.ntpdata.v[NTP_REMOTE_ADDR].text, "127.0.0.1");
	ck_assert_str_eq(sd.ntpdata.v[NTP_MODE].text, "Server");
	ck_assert_str_eq(sd.ntpdata.v[NTP_TESTS_C].text, "1111");
	ck_assert(!sd.ntpdata.v[NTP_KERNEL_TX].known);
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
	tcase_add_test(tc, ipv4_text_equals_inet_ntop);
	tcase_add_test(tc, numbers_beyond_chronyd_are_unknown);
	tcase_add_test(tc, real_pages_equal_chronyc_csv);
	suite_add_tcase(s, tc);
	tc = tcase_create("reports");
	tcase_add_loop_test(tc, float_known_values, 0, sizeof floats / sizeof floats[0]);
	tcase_add_test(tc, tracking_read_as_chronyc_prints_it);
	tcase_add_test(tc, floats_round_as_printf);
	tcase_add_loop_test(tc, serverstats_of_every_layout, 0, sizeof layouts / sizeof layouts[0]);
	tcase_add_test(tc, sources_read_as_chronyc_lists_them);
	tcase_add_test(tc, ntpdata_read_as_chronyc_prints_it);
	tcase_add_test(tc, report_requests);
	tcase_add_test(tc, real_replies_of_chrony_4_3);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(candm_suite)
