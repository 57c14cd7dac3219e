/* check_record.c — the recording format: round trips, damage, versions, size. */
#include "config.h"

#include <math.h>

#include "record.h"
#include "unit.h"

#define POLLS 200
#define CLIENTS 300

/* The rows of one poll, as a source would hand them over. */
struct poll_rows {
	size_t n;
	char addr[CLIENTS + 8][40];
	bool truncated[CLIENTS + 8];
	struct sample s[CLIENTS + 8];
};

/* Make poll k's rows: clients come and go, counters grow, ages tick,
 * some values unknown, some names cut, the order sometimes changes. */
static void
make_rows(struct poll_rows *p, unsigned k)
{
	p->n = 0;
	for (unsigned i = 0; i < CLIENTS; i++) {
		unsigned c = (i + (k / 50) * 7) % (CLIENTS + 20); /* every 50 polls some go, some come */
		if (c >= CLIENTS)
			continue;
		size_t j = p->n++;
		snprintf(p->addr[j], sizeof p->addr[j], c % 17 == 0 ? "host-%u.example.net.very.l>" : "127.1.%u.%u", c / 256,
		         c % 256);
		p->truncated[j] = c % 17 == 0;
		memset(&p->s[j], 0, sizeof p->s[j]);
		sample_set(&p->s[j], FIELD_NTP_PACKETS, (int64_t)c * 3 + k / (1 + c % 5));
		sample_set(&p->s[j], FIELD_NTP_DROPS, c % 11 == 0 ? k / 3 : 0);
		sample_set(&p->s[j], FIELD_NTP_INTERVAL, (int64_t)(c % 9) - 4);
		if (c % 4 == 0)
			sample_set(&p->s[j], FIELD_NTP_INTERVAL_LIMITED, -5);
		sample_set(&p->s[j], FIELD_NTP_LAST, (k + c) % (5 + c % 60));
		sample_set(&p->s[j], FIELD_CMD_PACKETS, c % 3 == 0 && k > 100 ? 2 : 0);
		sample_set(&p->s[j], FIELD_CMD_DROPS, 0);
		if (k % 13 == 0 && c % 5 == 0) /* a field goes unknown for a poll */
			p->s[j].known &= ~(1u << FIELD_NTP_INTERVAL);
	}
	if (k % 10 == 3 && p->n > 2) { /* swap two rows: the order changed */
		struct poll_rows *t = malloc(sizeof *t);
		memcpy(t->addr[0], p->addr[0], sizeof t->addr[0]);
		memcpy(p->addr[0], p->addr[p->n - 1], sizeof p->addr[0]);
		memcpy(p->addr[p->n - 1], t->addr[0], sizeof t->addr[0]);
		struct sample s = p->s[0];
		p->s[0] = p->s[p->n - 1];
		p->s[p->n - 1] = s;
		bool b = p->truncated[0];
		p->truncated[0] = p->truncated[p->n - 1];
		p->truncated[p->n - 1] = b;
		free(t);
	}
}

/* Set v to a known value: its number, exact count and token. */
static void
srv_set(struct srv_value *v, double num, uint64_t count, const char *text)
{
	v->known = true;
	v->num = num;
	v->count = count;
	snprintf(v->text, sizeof v->text, "%s", text);
}

/* Poll k's server reports (every third poll none): the clock's numbers
 * move, counters grow, sources come and go (k % 4 of them), a value goes
 * unknown now and then, ntpdata every fifth poll, a note every eleventh. */
static void
make_srv(struct server_data *d, unsigned k)
{
	char t[SRV_TEXT_MAX];

	if (k % 3 == 2)
		return;
	d->avail = SRV_AVAIL_LOCAL;
	d->have[SRV_TRACKING] = d->have[SRV_SERVERSTATS] = d->have[SRV_ACTIVITY] = d->have[SRV_SOURCES] = true;
	srv_set(&d->tracking.v[TRK_REF_NAME], 0, 0, "ntp.example \x1b[2J");
	srv_set(&d->tracking.v[TRK_STRATUM], 2, 2, "2");
	snprintf(t, sizeof t, "%.9f", k * 1.5e-6);
	srv_set(&d->tracking.v[TRK_SYSTEM_TIME], k * 1.5e-6, 0, t);
	if (k % 4)
		srv_set(&d->tracking.v[TRK_SKEW], 0.01 * k, 0, "skew");
	srv_set(&d->tracking.v[TRK_LEAP], LEAP_NORMAL, LEAP_NORMAL, "Normal");
	snprintf(t, sizeof t, "%u", 1000 + k * 7);
	srv_set(&d->serverstats.v[SST_NTP_RECEIVED], 1000 + k * 7, 1000 + k * 7, t);
	srv_set(&d->serverstats.v[SST_NTP_DROPPED], 3, 3, "3");
	srv_set(&d->activity.v[ACT_ONLINE], k % 4, k % 4, "n");
	d->nsources = k % 4;
	d->sources_dropped = k % 4 == 3 ? 2 : 0;
	for (size_t j = 0; j < d->nsources; j++) {
		snprintf(t, sizeof t, "192.0.2.%zu", j + 1);
		srv_set(&d->sources[j].v[SRC_ADDRESS], 0, 0, t);
		srv_set(&d->sources[j].v[SRC_STATE], (k + j) % SRC_STATE_COUNT, (k + j) % SRC_STATE_COUNT, "*");
		srv_set(&d->sources[j].v[SRC_OFFSET], -1e-6 * (double)(k * (j + 1)), 0, "off");
		srv_set(&d->sources[j].v[SRC_REACH], 0377, 0377, "377");
	}
	if (k % 5 == 0) {
		d->have[SRV_NTPDATA] = true;
		snprintf(d->ntpdata_for, sizeof d->ntpdata_for, "192.0.2.1");
		srv_set(&d->ntpdata.v[NTP_STRATUM], 1, 1, "1");
		srv_set(&d->ntpdata.v[NTP_TOTAL_RX], k, k, "k");
	}
	if (k % 11 == 0)
		snprintf(d->note, sizeof d->note, "sourcestats: a line not understood \x07");
}

/* Return whether a and b hold the same server reports, value for value. */
static bool
srv_equal(const struct server_data *a, const struct server_data *b)
{
	const struct srv_value *va[3 + SRV_SOURCES_MAX + 1], *vb[3 + SRV_SOURCES_MAX + 1];
	int n[3 + SRV_SOURCES_MAX + 1];
	size_t m = 0;

	if (a->avail != b->avail || strcmp(a->note, b->note) || memcmp(a->have, b->have, sizeof a->have) ||
	    a->nsources != b->nsources || a->sources_dropped != b->sources_dropped ||
	    strcmp(a->ntpdata_for, b->ntpdata_for) || strcmp(a->ntpdata_error, b->ntpdata_error))
		return false;
	va[m] = a->tracking.v, vb[m] = b->tracking.v, n[m++] = TRK_COUNT;
	va[m] = a->serverstats.v, vb[m] = b->serverstats.v, n[m++] = SST_COUNT;
	va[m] = a->activity.v, vb[m] = b->activity.v, n[m++] = ACT_COUNT;
	for (size_t j = 0; j < a->nsources; j++)
		va[m] = a->sources[j].v, vb[m] = b->sources[j].v, n[m++] = SRC_COUNT;
	va[m] = a->ntpdata.v, vb[m] = b->ntpdata.v, n[m++] = NTP_COUNT;
	for (size_t r = 0; r < m; r++)
		for (int f = 0; f < n[r]; f++) {
			const struct srv_value *x = &va[r][f], *y = &vb[r][f];
			if (x->known != y->known || (x->known && (x->num != y->num || x->count != y->count || strcmp(x->text, y->text))))
				return false;
		}
	return true;
}

/* What poll k left: every 7th failed, every 5th repeated the last answer;
 * the server's reports as make_srv makes them. */
static void
make_poll(struct record_poll *p, unsigned k)
{
	memset(p, 0, sizeof *p);
	p->mono = k * 1.0 + 0.25;
	p->wall_ms = 1795000000000LL + k * 1000;
	p->rows = !(k % 7 == 6) && !(k % 5 == 4);
	p->res.same = k % 5 == 4;
	p->res.rep.rows = p->rows ? CLIENTS : 0;
	if (k % 7 == 6) {
		p->res.err = SOURCE_ERR_NO_DAEMON;
		snprintf(p->res.message, sizeof p->res.message, "506 Cannot talk to daemon \x1b[2J (poll %u)", k);
	}
	if (k % 2) {
		p->res.server.format = "ticc-dash";
		p->res.server.have_count = true;
		p->res.server.count = k;
		snprintf(p->res.server.time, sizeof p->res.server.time, "22-11-2026, 10:00:%02u", k % 60);
	}
	make_srv(&p->res.serverdata, k);
}

/* Rows a decoder handed over, copied out. */
static struct poll_rows got;

/* A row_sink into got. */
static bool
take(void *ctx, const struct row *r)
{
	(void)ctx;
	if (got.n == CLIENTS + 8)
		return false;
	snprintf(got.addr[got.n], sizeof got.addr[0], "%.*s", (int)r->len, r->addr);
	got.truncated[got.n] = r->truncated;
	got.s[got.n++] = r->s;
	return true;
}

static struct buf file = { .cap = (size_t)1 << 30 };

/* Record POLLS polls into file (full_every), returning each poll's end offset. */
static void
record_all(unsigned full_every, size_t *ends)
{
	struct record_enc *e = record_enc_new(full_every);
	struct record_header h = { .version = RECORD_VERSION, .start_ms = 1795000000000LL, .interval_ms = 1000 };
	struct poll_rows *rows = malloc(sizeof *rows);
	struct record_poll p;

	strcpy(h.ticctop, "0.1.0");
	strcpy(h.kind, "chronyc");
	strcpy(h.target, "chronyc -c -n clients");
	buf_reset(&file);
	ck_assert(record_enc_start(e, &h, true, &file));
	for (unsigned k = 0; k < POLLS; k++) {
		make_rows(rows, k);
		make_poll(&p, k);
		record_enc_begin(e);
		for (size_t i = 0; p.rows && i < rows->n; i++) {
			struct row r = { .addr = rows->addr[i], .len = strlen(rows->addr[i]), .truncated = rows->truncated[i],
			                 .s = rows->s[i] };
			if (!record_enc_row(e, &r))
				ck_abort_msg("out of memory");
		}
		ck_assert(record_enc_poll(e, &p, &file));
		if (ends)
			ends[k] = file.len;
	}
	free(rows);
	record_enc_free(e);
}

/* Decode file[0..len): check every poll against what was recorded; returns
 * the polls read and the error that ended the walk in *end. */
static unsigned
replay_all(size_t len, enum record_err *end)
{
	struct record_dec *d = record_dec_new();
	struct poll_rows *want = malloc(sizeof *want);
	struct record_frame f;
	struct record_header h;
	struct record_poll p, w;
	size_t pos = RECORD_MAGIC_LEN;
	unsigned k = 0;
	enum record_err e;

	ck_assert_int_eq(record_magic(file.data, len), len >= RECORD_MAGIC_LEN ? RECORD_OK : RECORD_TRUNCATED);
	if (len < RECORD_MAGIC_LEN) {
		*end = RECORD_TRUNCATED;
		goto out;
	}
	if ((e = record_next(file.data, len, &pos, &f)) != RECORD_OK) {
		*end = e;
		goto out;
	}
	ck_assert_int_eq(record_header_read(&f, &h), RECORD_OK);
	ck_assert_str_eq(h.target, "chronyc -c -n clients");
	ck_assert_int_eq(h.interval_ms, 1000);
	while ((e = record_next(file.data, len, &pos, &f)) == RECORD_OK) {
		/* one assertion a poll: Check records every one it passes */
		bool same = record_dec_poll(d, &f, &p) == RECORD_OK;
		make_poll(&w, k);
		same = same && p.mono == w.mono && p.wall_ms == w.wall_ms && p.rows == w.rows && p.res.err == w.res.err &&
		       p.res.same == w.res.same && strcmp(p.res.message, w.res.message) == 0 &&
		       strcmp(p.res.server.time, w.res.server.time) == 0 && p.res.server.count == w.res.server.count &&
		       p.res.rep.rows == w.res.rep.rows && srv_equal(&p.res.serverdata, &w.res.serverdata);
		if (same && p.rows) {
			make_rows(want, k);
			got.n = 0;
			same = record_dec_rows(d, take, NULL) && got.n == want->n;
			for (size_t i = 0; same && i < got.n; i++) {
				same = strcmp(got.addr[i], want->addr[i]) == 0 && got.truncated[i] == want->truncated[i] &&
				       got.s[i].known == want->s[i].known;
				for (int fld = 0; same && fld < FIELD_COUNT; fld++)
					same = !sample_known(&want->s[i], fld) || got.s[i].v[fld] == want->s[i].v[fld];
			}
		}
		ck_assert_msg(same, "poll %u does not replay as it was recorded", k);
		k++;
	}
	*end = e;
out:
	free(want);
	record_dec_free(d);
	return k;
}

START_TEST(round_trip)
{
	enum record_err end;
	record_all(30, NULL);
	ck_assert_uint_eq(replay_all(file.len, &end), POLLS);
	ck_assert_int_eq(end, RECORD_END);
}
END_TEST

START_TEST(every_poll_full)
{
	enum record_err end;
	record_all(1, NULL);
	ck_assert_uint_eq(replay_all(file.len, &end), POLLS);
	ck_assert_int_eq(end, RECORD_END);
}
END_TEST

START_TEST(truncated_anywhere)
{
	static size_t ends[POLLS];
	enum record_err end;
	record_all(30, ends);
	/* cut inside each of the first polls and a few later ones: every poll
	 * before the cut plays, then "cut short" */
	for (unsigned k = 0; k < POLLS; k += k < 12 ? 1 : 37) {
		size_t from = k ? ends[k - 1] : 0, to = ends[k];
		for (size_t cut = from + 1; cut < to; cut += (to - from) / 5 + 1) {
			unsigned n = replay_all(cut, &end);
			ck_assert_uint_eq(n, k);
			ck_assert_int_eq(end, RECORD_TRUNCATED);
		}
		ck_assert_uint_eq(replay_all(to, &end), k + 1);
		ck_assert_int_eq(end, k + 1 == POLLS ? RECORD_END : RECORD_END);
	}
}
END_TEST

START_TEST(damage_is_found)
{
	static size_t ends[POLLS];
	enum record_err end;
	record_all(30, ends);
	file.data[ends[40] + RECORD_FRAME_HEAD + 3] ^= 0x10; /* inside poll 41's body */
	ck_assert_uint_eq(replay_all(file.len, &end), 41);
	ck_assert_int_eq(end, RECORD_CHECKSUM);
	ck_assert_str_eq(record_err_text(end), "a poll's checksum is wrong (damaged)");
}
END_TEST

START_TEST(newer_version_says_so)
{
	unsigned char body[] = { RECORD_HEADER, RECORD_VERSION + 1, 0xff, 0xff };
	struct buf b = { .cap = 1024 };
	struct record_frame f;
	struct record_header h;
	size_t pos = 0;
	ck_assert(record_frame_append(&b, body, sizeof body));
	ck_assert_int_eq(record_next(b.data, b.len, &pos, &f), RECORD_OK);
	ck_assert_int_eq(record_header_read(&f, &h), RECORD_NEWER);
	ck_assert_int_eq(record_magic("TICCREX\n", 8), RECORD_NOT_RECORDING);
	ck_assert_int_eq(record_magic("TICC", 4), RECORD_TRUNCATED);
	buf_free(&b);
}
END_TEST

/* Hostile frames with good checksums: each is refused, none is delivered. */
static const struct {
	const char *what;
	unsigned char body[64];
	size_t len;
} hostile[] = {
	{ "a NUL in an address", { RECORD_FULL, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 'a', 0, 'b', 0, 0 }, 19 },
	{ "an empty address", { RECORD_FULL, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 }, 16 },
	{ "a count out of range", { RECORD_FULL, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 'a', 0, 1, 0xfe, 0xff, 0xff, 0xff, 0x7f }, 22 },
	{ "a derived field", { RECORD_FULL, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 'a', 0, 0x80, 0x08, 0 }, 19 },
	{ "a delta with nothing before", { RECORD_DELTA, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1 }, 14 },
	{ "an error past the enum", { RECORD_DELTA, 0, 0, 0, 99, 0, 0, 0, 0, 0, 0, 0 }, 12 },
	{ "more rows than bytes", { RECORD_FULL, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0x03 }, 15 },
	{ "a bytes left over", { RECORD_DELTA, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7 }, 13 },
	{ "a message over its size", { RECORD_DELTA, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0x7f }, 14 },
	{ "a full poll without rows", { RECORD_FULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 12 },
};

/* Record one poll with server data d; what decoding it says. */
static enum record_err
srv_decoded(const struct server_data *d)
{
	struct record_enc *e = record_enc_new(1);
	struct record_dec *dec = record_dec_new();
	struct record_header h = { .version = RECORD_VERSION, .interval_ms = 1000 };
	struct record_poll *p = calloc(1, sizeof *p), *q = malloc(sizeof *q);
	struct buf out = { .cap = 1 << 20 };
	struct record_frame f;
	size_t pos = RECORD_MAGIC_LEN;

	p->rows = true;
	p->res.serverdata = *d;
	ck_assert(record_enc_start(e, &h, true, &out));
	record_enc_begin(e);
	ck_assert(record_enc_poll(e, p, &out));
	ck_assert_int_eq(record_next(out.data, out.len, &pos, &f), RECORD_OK); /* the header */
	ck_assert_int_eq(record_next(out.data, out.len, &pos, &f), RECORD_OK);
	enum record_err r = record_dec_poll(dec, &f, q);
	ck_assert(r != RECORD_OK || srv_equal(&q->res.serverdata, d));
	free(p);
	free(q);
	buf_free(&out);
	record_dec_free(dec);
	record_enc_free(e);
	return r;
}

START_TEST(server_values_held_to_the_parser)
{
	struct server_data *d = calloc(1, sizeof *d);
	make_srv(d, 1);
	ck_assert_int_eq(srv_decoded(d), RECORD_OK);
	srv_set(&d->sources[0].v[SRC_STATE], 0, SRC_STATE_COUNT, "?"); /* a word past the field's words */
	ck_assert_int_eq(srv_decoded(d), RECORD_MALFORMED);
	make_srv(d, 1);
	srv_set(&d->tracking.v[TRK_SKEW], NAN, 0, "nan"); /* no parser makes a NaN */
	ck_assert_int_eq(srv_decoded(d), RECORD_MALFORMED);
	make_srv(d, 1);
	srv_set(&d->tracking.v[TRK_STRATUM], INFINITY, 0, "inf");
	ck_assert_int_eq(srv_decoded(d), RECORD_MALFORMED);
	free(d);
}
END_TEST

START_TEST(hostile_frames)
{
	struct buf b = { .cap = 1024 };
	struct record_dec *d = record_dec_new();
	struct record_frame f;
	struct record_poll p;
	size_t pos = 0;
	ck_assert(record_frame_append(&b, hostile[_i].body, hostile[_i].len));
	ck_assert_int_eq(record_next(b.data, b.len, &pos, &f), RECORD_OK);
	ck_assert_msg(record_dec_poll(d, &f, &p) == RECORD_MALFORMED, "%s: not refused", hostile[_i].what);
	ck_assert_uint_eq(record_dec_count(d), 0);
	record_dec_free(d);
	buf_free(&b);
}
END_TEST

START_TEST(an_hour_of_1000_clients_fits)
{
	/* 1000 clients at 1 Hz for 10 minutes, as chronyd's counters move: each
	 * client's last-seen ticks every second, its packets every 64 s (so its
	 * last-seen restarts), a few drop; the server's reports move too (its
	 * clock, counters, sources); times 6 for the hour */
	struct record_enc *e = record_enc_new(60);
	struct record_header h = { .version = RECORD_VERSION, .interval_ms = 1000 };
	struct buf out = { .cap = (size_t)1 << 30 };
	struct record_poll *pp = calloc(1, sizeof *pp);
	size_t total = 0;
	ck_assert(record_enc_start(e, &h, true, &out));
	for (unsigned k = 0; k < 600; k++) {
		struct record_poll *p = pp;
		*p = (struct record_poll){ .mono = k, .wall_ms = 1795000000000LL + k * 1000, .rows = true };
		make_srv(&p->res.serverdata, k / 3 * 3); /* the server's reports too, every poll */
		record_enc_begin(e);
		for (unsigned c = 0; c < 1000; c++) {
			char name[32];
			struct row r = { .addr = name, .len = (size_t)snprintf(name, sizeof name, "10.%u.%u.%u", c >> 16, (c >> 8) & 255, c & 255) };
			unsigned phase = (k + c * 7) % 64;
			sample_set(&r.s, FIELD_NTP_PACKETS, 100 + (k + c * 7) / 64);
			sample_set(&r.s, FIELD_NTP_DROPS, c % 50 == 0 ? (k + c * 7) / 640 : 0);
			sample_set(&r.s, FIELD_NTP_INTERVAL, 6);
			sample_set(&r.s, FIELD_NTP_LAST, phase);
			sample_set(&r.s, FIELD_CMD_PACKETS, 0);
			sample_set(&r.s, FIELD_CMD_DROPS, 0);
			if (!record_enc_row(e, &r))
				ck_abort_msg("out of memory");
		}
		ck_assert(record_enc_poll(e, p, &out));
		total = out.len;
	}
	free(pp);
	size_t hour = total * 6;
	printf("record: 1000 clients, 1 Hz: %zu bytes per 10 min, %.1f MB per hour\n", total, hour / 1e6);
	ck_assert_uint_le(hour, 50u * 1000 * 1000);
	buf_free(&out);
	record_enc_free(e);
}
END_TEST

START_TEST(server_reports_an_hour)
{
	/* the worst case: a server with 8 sources and ntpdata, every value of
	 * every report changed at every poll, as tokens of chronyc's width (a
	 * real one changes its clock's numbers, a few counters and each
	 * source's offsets and times: about a third of them) */
	struct record_enc *e = record_enc_new(60);
	struct record_header h = { .version = RECORD_VERSION, .interval_ms = 1000 };
	struct buf out = { .cap = (size_t)1 << 30 };
	struct record_poll *p = calloc(1, sizeof *p);
	struct server_data *d = &p->res.serverdata;
	struct srv_value *recs[3 + 8 + 1];
	int n[3 + 8 + 1];
	size_t m = 0, before;
	ck_assert(record_enc_start(e, &h, true, &out));
	d->avail = SRV_AVAIL_LOCAL;
	d->nsources = 8;
	recs[m] = d->tracking.v, n[m++] = TRK_COUNT;
	recs[m] = d->serverstats.v, n[m++] = SST_COUNT;
	recs[m] = d->activity.v, n[m++] = ACT_COUNT;
	for (size_t j = 0; j < 8; j++)
		recs[m] = d->sources[j].v, n[m++] = SRC_COUNT;
	recs[m] = d->ntpdata.v, n[m++] = NTP_COUNT;
	before = out.len;
	for (unsigned k = 0; k < 600; k++) {
		for (size_t r = 0; r < m; r++)
			for (int f = 0; f < n[r]; f++) {
				char t[SRV_TEXT_MAX];
				double v = (k + 1) * 1.234567e-6 * (f + 1) * (double)(r + 1);
				snprintf(t, sizeof t, "%.9f", v);
				srv_set(&recs[r][f], v, 0, t);
			}
		p->rows = true;
		record_enc_begin(e);
		ck_assert(record_enc_poll(e, p, &out));
	}
	double hour = (double)(out.len - before) * 6;
	printf("record: the server's reports, every value changed each poll: %.0f bytes a poll, %.1f MB per hour\n",
	       hour / 3600, hour / 1e6);
	ck_assert_double_le(hour, 20e6); /* with 1,000 clients' 12 MB still under the 50 MB */
	free(p);
	buf_free(&out);
	record_enc_free(e);
}
END_TEST

/* Free the recording. */
static void
teardown(void)
{
	buf_free(&file);
	file = (struct buf){ .cap = (size_t)1 << 30 };
}

/* Make the record suite. */
static Suite *
record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *t = tcase_create("record");

	tcase_set_timeout(t, 300);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, round_trip);
	tcase_add_test(t, every_poll_full);
	tcase_add_test(t, truncated_anywhere);
	tcase_add_test(t, damage_is_found);
	tcase_add_test(t, newer_version_says_so);
	tcase_add_loop_test(t, hostile_frames, 0, sizeof hostile / sizeof hostile[0]);
	tcase_add_test(t, server_values_held_to_the_parser);
	tcase_add_test(t, an_hour_of_1000_clients_fits);
	tcase_add_test(t, server_reports_an_hour);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(record_suite)
