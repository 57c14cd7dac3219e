/* record.c — the recording format: frames, varints, rows as deltas. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "record.h"

#define NAME_MAX_FORMAT 32      /* a server's format name, as recorded */
#define ARENA_CAP ((size_t)1 << 40)

/* Bits of a poll's flags byte. */
enum { POLL_SAME = 1, POLL_ROWS = 2, POLL_SERVER = 4, POLL_MESSAGE = 8, POLL_SRVDATA = 16, POLL_FLAGS = 32 };

/* What a row op says (the low two bits; the rest is the reference's offset). */
enum { OP_NEW, OP_SAME, OP_VALUES, OP_KNOWN };

static const char *const err_texts[RECORD_ERR_COUNT] = {
	[RECORD_OK] = "ok",
	[RECORD_END] = "end of the recording",
	[RECORD_TRUNCATED] = "the file ends inside a poll (cut short)",
	[RECORD_CHECKSUM] = "a poll's checksum is wrong (damaged)",
	[RECORD_MALFORMED] = "a poll breaks the format's rules (damaged)",
	[RECORD_NEWER] = "written by a newer ticctop (a newer recording format)",
	[RECORD_NOT_RECORDING] = "not a ticctop recording",
	[RECORD_NOMEM] = "out of memory",
};

/* Say what e means. */
const char *
record_err_text(enum record_err e)
{
	return err_texts[e];
}

/* ---- CRC-32 (IEEE 802.3, as zlib) ---------------------------------------- */

/* CRC-32 of p[0..n). */
static uint32_t
crc32(const unsigned char *p, size_t n)
{
	static uint32_t table[256];
	uint32_t c = 0xffffffffu;

	if (!table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t v = i;
			for (int k = 0; k < 8; k++)
				v = v & 1 ? 0xedb88320u ^ (v >> 1) : v >> 1;
			table[i] = v;
		}
	for (size_t i = 0; i < n; i++)
		c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

/* ---- writing and reading numbers and strings ----------------------------- */

/* Append v as a varint; false when out of memory. */
static bool
put_u(struct buf *b, uint64_t v)
{
	unsigned char t[10];
	size_t n = 0;

	do {
		t[n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	return buf_append(b, t, n);
}

/* Append v as a zigzag varint. */
static bool
put_s(struct buf *b, int64_t v)
{
	return put_u(b, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

/* Append s[0..len) as a string. */
static bool
put_str(struct buf *b, const char *s, size_t len)
{
	return put_u(b, len) && buf_append(b, s, len);
}

/* A payload being read: where, and whether it went wrong. */
struct reader {
	const unsigned char *p, *end;
	bool bad;
};

/* Read a varint (0 and bad set when it is broken). */
static uint64_t
get_u(struct reader *r)
{
	uint64_t v = 0;

	for (int shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end)
			break;
		unsigned char c = *r->p++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	r->bad = true;
	return 0;
}

/* Read a zigzag varint. */
static int64_t
get_s(struct reader *r)
{
	uint64_t u = get_u(r);

	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

/* Read a varint that must be below limit. */
static uint64_t
get_below(struct reader *r, uint64_t limit)
{
	uint64_t v = get_u(r);

	if (v >= limit)
		r->bad = true;
	return r->bad ? 0 : v;
}

/* Read a string of at most max bytes with no NUL; *s points into the payload. */
static size_t
get_str(struct reader *r, const char **s, size_t max)
{
	uint64_t n = get_u(r);

	if (r->bad || n > max || n > (uint64_t)(r->end - r->p) || memchr(r->p, '\0', (size_t)n)) {
		r->bad = true;
		*s = "";
		return 0;
	}
	*s = (const char *)r->p;
	r->p += n;
	return (size_t)n;
}

/* Read a string into dst[size] (NUL-terminated; at most size-1 bytes). */
static void
get_into(struct reader *r, char *dst, size_t size)
{
	const char *s;
	size_t n = get_str(r, &s, size - 1);

	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* ---- frames ---------------------------------------------------------------- */

/* Read a little-endian u32. */
static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Check the magic. */
enum record_err
record_magic(const void *buf, size_t len)
{
	if (len < RECORD_MAGIC_LEN)
		return len == 0 || memcmp(buf, RECORD_MAGIC, len) == 0 ? RECORD_TRUNCATED : RECORD_NOT_RECORDING;
	return memcmp(buf, RECORD_MAGIC, RECORD_MAGIC_LEN) == 0 ? RECORD_OK : RECORD_NOT_RECORDING;
}

/* The frame at buf[*pos..len). */
enum record_err
record_next(const void *buf, size_t len, size_t *pos, struct record_frame *f)
{
	const unsigned char *b = buf;
	size_t at = *pos;

	if (at >= len)
		return RECORD_END;
	if (len - at < RECORD_FRAME_HEAD)
		return RECORD_TRUNCATED;
	uint32_t n = le32(b + at), sum = le32(b + at + 4);
	if (n == 0 || n > RECORD_FRAME_MAX)
		return RECORD_MALFORMED;
	if (len - at - RECORD_FRAME_HEAD < n)
		return RECORD_TRUNCATED;
	const unsigned char *body = b + at + RECORD_FRAME_HEAD;
	if (crc32(body, n) != sum)
		return RECORD_CHECKSUM;
	if (body[0] >= RECORD_TYPE_COUNT)
		return RECORD_MALFORMED;
	*f = (struct record_frame){ .type = body[0], .body = body + 1, .len = n - 1, .offset = at,
	                            .size = RECORD_FRAME_HEAD + n };
	*pos = at + f->size;
	return RECORD_OK;
}

/* Append body[0..len) (its type byte first) as a frame. */
bool
record_frame_append(struct buf *out, const void *body, size_t len)
{
	unsigned char head[RECORD_FRAME_HEAD];
	uint32_t n = (uint32_t)len, sum = crc32(body, len);

	for (int i = 0; i < 4; i++) {
		head[i] = (unsigned char)(n >> (8 * i));
		head[4 + i] = (unsigned char)(sum >> (8 * i));
	}
	return len > 0 && len <= RECORD_FRAME_MAX && buf_append(out, head, sizeof head) && buf_append(out, body, len);
}

/* Append the frame whose body is in body. */
static bool
put_frame(struct buf *out, const struct buf *body)
{
	return record_frame_append(out, body->data, body->len);
}

/* Read a HEADER frame. */
enum record_err
record_header_read(const struct record_frame *f, struct record_header *h)
{
	struct reader r = { f->body, f->body + f->len, false };

	if (f->type != RECORD_HEADER)
		return RECORD_MALFORMED;
	memset(h, 0, sizeof *h);
	h->version = (unsigned)get_u(&r);
	if (!r.bad && h->version > RECORD_VERSION)
		return RECORD_NEWER;
	get_into(&r, h->ticctop, sizeof h->ticctop);
	get_into(&r, h->kind, sizeof h->kind);
	get_into(&r, h->target, sizeof h->target);
	h->start_ms = get_s(&r);
	h->interval_ms = (uint32_t)get_below(&r, UINT32_MAX);
	return r.bad || h->version == 0 ? RECORD_MALFORMED : RECORD_OK;
}

/* t as version 2 keeps it: a whole number of ticks. */
double
record_clock(double t)
{
	return t > 0 ? round(t * RECORD_TICKS_PER_S) / RECORD_TICKS_PER_S : 0;
}

/* Read a poll's monotonic time as format version wrote it. */
static double
get_mono(struct reader *r, unsigned version)
{
	uint64_t v = get_u(r);

	return version >= 2 ? (double)v / RECORD_TICKS_PER_S : (double)v / 1e6;
}

/* The times of a FULL or DELTA frame. */
enum record_err
record_poll_time(const struct record_frame *f, unsigned version, double *mono, int64_t *wall_ms)
{
	struct reader r = { f->body, f->body + f->len, false };

	if (f->type != RECORD_FULL && f->type != RECORD_DELTA)
		return RECORD_MALFORMED;
	*mono = get_mono(&r, version);
	*wall_ms = get_s(&r);
	return r.bad ? RECORD_MALFORMED : RECORD_OK;
}

/* ---- the server's own reports, as changes of the last poll's ------------- */

/* A report's records in d, in the order they are recorded: tracking,
 * serverstats, activity, the sources, ntpdata.  Record i's values into *v,
 * their count into *n, their report into *rep; false past the last. */
static bool
srv_record(struct server_data *d, size_t i, struct srv_value **v, int *n, enum srv_report *rep)
{
	static const enum srv_report fixed[] = { SRV_TRACKING, SRV_SERVERSTATS, SRV_ACTIVITY };

	if (i < 3) {
		*rep = fixed[i];
		*v = i == 0 ? d->tracking.v : i == 1 ? d->serverstats.v : d->activity.v;
	} else if (i - 3 < d->nsources) {
		*rep = SRV_SOURCES;
		*v = d->sources[i - 3].v;
	} else if (i - 3 == d->nsources) {
		*rep = SRV_NTPDATA;
		*v = d->ntpdata.v;
	} else {
		return false;
	}
	*n = srv_field_count(*rep);
	return true;
}

/* Return whether a and b are the same value. */
static bool
srv_same(const struct srv_value *a, const struct srv_value *b)
{
	return a->known == b->known && (!a->known || (a->count == b->count && memcmp(&a->num, &b->num, sizeof a->num) == 0 &&
	                                              strcmp(a->text, b->text) == 0));
}

/* Append the server data d as changes of prev (every known value when prev is all unknown). */
static bool
put_srvdata(struct buf *b, const struct server_data *d, const struct server_data *prev)
{
	static const struct srv_source none; /* a source prev did not have: all unknown */
	unsigned have = 0;
	struct srv_value *v;
	int n;
	enum srv_report rep;

	for (int k = 0; k < SRV_REPORT_COUNT; k++)
		have |= d->have[k] ? 1u << k : 0;
	bool ok = put_u(b, (uint64_t)d->avail) && put_str(b, d->note, strlen(d->note)) && put_u(b, have) &&
	          put_u(b, d->nsources) && put_u(b, d->sources_dropped) &&
	          put_str(b, d->ntpdata_for, strlen(d->ntpdata_for)) && put_str(b, d->ntpdata_error, strlen(d->ntpdata_error));
	for (size_t i = 0; ok && srv_record((struct server_data *)d, i, &v, &n, &rep); i++) { /* read only */
		const struct srv_value *pv = rep == SRV_TRACKING ? prev->tracking.v : rep == SRV_SERVERSTATS ? prev->serverstats.v :
		                             rep == SRV_ACTIVITY ? prev->activity.v : rep == SRV_NTPDATA ? prev->ntpdata.v :
		                             i - 3 < prev->nsources ? prev->sources[i - 3].v : none.v;
		uint64_t changed = 0;
		for (int f = 0; f < n; f++)
			if (!srv_same(&v[f], &pv[f]))
				changed |= (uint64_t)1 << f;
		ok = put_u(b, changed);
		for (int f = 0; ok && f < n; f++) {
			uint64_t bits;
			memcpy(&bits, &v[f].num, sizeof bits);
			if (changed >> f & 1)
				ok = put_u(b, v[f].known) &&
				     (!v[f].known || (put_u(b, v[f].count) && put_u(b, bits) && put_str(b, v[f].text, strlen(v[f].text))));
		}
	}
	return ok;
}

/* Return whether value v of field fi is one a parser could have made. */
static bool
srv_value_ok(const struct srv_field *fi, const struct srv_value *v)
{
	size_t words = 0;

	if (!v->known)
		return true;
	if (fi->kind == SK_WORD)
		while (fi->words[words])
			words++;
	return isfinite(v->num) && (fi->kind != SK_WORD || v->count < words) && (fi->kind != SK_BOOL || v->count < 2);
}

/* Read server data into d, as changes of prev. */
static void
get_srvdata(struct reader *r, struct server_data *d, const struct server_data *prev)
{
	struct srv_value *v;
	int n;
	enum srv_report rep;

	*d = *prev;
	d->avail = (enum srv_avail)get_below(r, SRV_AVAIL_COUNT);
	get_into(r, d->note, sizeof d->note);
	unsigned have = (unsigned)get_below(r, 1u << SRV_REPORT_COUNT);
	for (int k = 0; k < SRV_REPORT_COUNT; k++)
		d->have[k] = have >> k & 1;
	size_t before = prev->nsources;
	d->nsources = (size_t)get_below(r, SRV_SOURCES_MAX + 1);
	d->sources_dropped = (size_t)get_u(r);
	get_into(r, d->ntpdata_for, sizeof d->ntpdata_for);
	get_into(r, d->ntpdata_error, sizeof d->ntpdata_error);
	for (size_t i = before; i < d->nsources; i++)
		memset(&d->sources[i], 0, sizeof d->sources[i]); /* a source not there before starts unknown */
	for (size_t i = 0; !r->bad && srv_record(d, i, &v, &n, &rep); i++) {
		uint64_t changed = get_below(r, (uint64_t)1 << n);
		for (int f = 0; !r->bad && f < n; f++) {
			if (!(changed >> f & 1))
				continue;
			struct srv_value *x = &v[f];
			memset(x, 0, sizeof *x);
			x->known = get_below(r, 2);
			if (x->known) {
				uint64_t bits;
				x->count = get_u(r);
				bits = get_u(r);
				memcpy(&x->num, &bits, sizeof bits);
				get_into(r, x->text, sizeof x->text);
			}
			if (!srv_value_ok(srv_field(rep, f), x))
				r->bad = true;
		}
	}
}

/* ---- a poll's rows, kept between polls ------------------------------------ */

struct rrow {
	size_t off;            /* of the address in the arena */
	uint32_t len;
	bool truncated;
	struct sample s;       /* source columns only */
};

struct rowset {
	struct rrow *rows;
	size_t n, cap;
	struct buf arena;      /* the addresses */
	uint32_t *slot;        /* hash of addresses: row index + 1, 0 empty */
	size_t nslots;
};

/* Empty rs, keeping its memory. */
static void
rowset_clear(struct rowset *rs)
{
	rs->n = 0;
	buf_reset(&rs->arena);
	if (rs->slot)
		memset(rs->slot, 0, rs->nslots * sizeof *rs->slot);
}

/* Free rs. */
static void
rowset_free(struct rowset *rs)
{
	free(rs->rows);
	free(rs->slot);
	buf_free(&rs->arena);
}

/* Add a row; false when out of memory. */
static bool
rowset_add(struct rowset *rs, const char *addr, size_t len, bool truncated, const struct sample *s)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 256;
		struct rrow *r = realloc(rs->rows, cap * sizeof *r);
		if (!r)
			return false;
		rs->rows = r;
		rs->cap = cap;
	}
	rs->arena.cap = ARENA_CAP;
	struct rrow *r = &rs->rows[rs->n];
	r->off = rs->arena.len;
	r->len = (uint32_t)len;
	r->truncated = truncated;
	memset(&r->s, 0, sizeof r->s);
	for (int f = 0; f < FIELD_COUNT; f++)
		if (sample_known(s, f))
			sample_set(&r->s, f, s->v[f]);
	if (!buf_append(&rs->arena, addr, len))
		return false;
	rs->n++;
	return true;
}

/* The address of row i. */
static const char *
rowset_addr(const struct rowset *rs, size_t i)
{
	return rs->arena.data + rs->rows[i].off;
}

/* FNV-1a of s[0..len). */
static uint32_t
hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Index rs's addresses; false when out of memory. */
static bool
rowset_index(struct rowset *rs)
{
	size_t want = 16;

	while (want < rs->n * 2)
		want *= 2;
	if (want != rs->nslots) {
		uint32_t *s = realloc(rs->slot, want * sizeof *s);
		if (!s)
			return false;
		rs->slot = s;
		rs->nslots = want;
	}
	memset(rs->slot, 0, rs->nslots * sizeof *rs->slot);
	for (size_t i = 0; i < rs->n; i++) {
		size_t k = hash(rowset_addr(rs, i), rs->rows[i].len) & (rs->nslots - 1);
		while (rs->slot[k])
			k = (k + 1) & (rs->nslots - 1);
		rs->slot[k] = (uint32_t)(i + 1);
	}
	return true;
}

/* The first row of rs with this address and cut flag, or -1. */
static long
rowset_find(const struct rowset *rs, const char *addr, size_t len, bool truncated)
{
	if (!rs->nslots)
		return -1;
	for (size_t k = hash(addr, len) & (rs->nslots - 1); rs->slot[k]; k = (k + 1) & (rs->nslots - 1)) {
		const struct rrow *r = &rs->rows[rs->slot[k] - 1];
		if (r->len == len && r->truncated == truncated && memcmp(rowset_addr(rs, rs->slot[k] - 1), addr, len) == 0)
			return (long)rs->slot[k] - 1;
	}
	return -1;
}

/* Exchange a and b. */
static void
rowset_swap(struct rowset *a, struct rowset *b)
{
	struct rowset t = *a;
	*a = *b;
	*b = t;
}

/* ---- encoder ---------------------------------------------------------------- */

struct record_enc {
	unsigned full_every, since_full;
	bool have_prev;
	struct rowset prev, cur;
	struct server_data srv;   /* as of the last poll that carried it; all unknown at a FULL frame */
	struct buf body;
	double last_mono;
};

/* Make an encoder. */
struct record_enc *
record_enc_new(unsigned full_every)
{
	struct record_enc *e = calloc(1, sizeof *e);

	if (e) {
		e->full_every = full_every ? full_every : 1;
		e->body.cap = RECORD_FRAME_MAX;
	}
	return e;
}

/* Free e. */
void
record_enc_free(struct record_enc *e)
{
	if (!e)
		return;
	rowset_free(&e->prev);
	rowset_free(&e->cur);
	buf_free(&e->body);
	free(e);
}

/* Start a segment. */
bool
record_enc_start(struct record_enc *e, const struct record_header *h, bool with_magic, struct buf *out)
{
	struct buf *b = &e->body;

	e->have_prev = false;
	rowset_clear(&e->prev);
	memset(&e->srv, 0, sizeof e->srv);
	buf_reset(b);
	bool ok = (!with_magic || buf_append(out, RECORD_MAGIC, RECORD_MAGIC_LEN)) && buf_append(b, "\0", 1) &&
	          put_u(b, RECORD_VERSION) && put_str(b, h->ticctop, strlen(h->ticctop)) &&
	          put_str(b, h->kind, strlen(h->kind)) && put_str(b, h->target, strlen(h->target)) &&
	          put_s(b, h->start_ms) && put_u(b, h->interval_ms);
	return ok && put_frame(out, b);
}

/* Start a poll. */
void
record_enc_begin(struct record_enc *e)
{
	rowset_clear(&e->cur);
}

/* Take one row of the poll. */
bool
record_enc_row(void *ctx, const struct row *r)
{
	struct record_enc *e = ctx;

	return rowset_add(&e->cur, r->addr, r->len, r->truncated, &r->s);
}

/* Append row r of rs whole: address, cut flag, known fields and values. */
static bool
put_row(struct buf *b, const struct rowset *rs, const struct rrow *r)
{
	bool ok = put_str(b, rowset_addr(rs, (size_t)(r - rs->rows)), r->len) && put_u(b, r->truncated) &&
	          put_u(b, r->s.known);
	for (int f = 0; ok && f < FIELD_COUNT; f++)
		if (sample_known(&r->s, f))
			ok = put_s(b, r->s.v[f]);
	return ok;
}

/* Append row r as a change of row p of the previous poll (op and
 * reference offset already known). */
static bool
put_change(struct buf *b, uint64_t ref, const struct rrow *r, const struct rrow *p)
{
	uint32_t changed = 0;

	for (int f = 0; f < FIELD_COUNT; f++)
		if (sample_known(&r->s, f) && (!sample_known(&p->s, f) || r->s.v[f] != p->s.v[f]))
			changed |= 1u << f;
	int op = r->s.known != p->s.known ? OP_KNOWN : changed ? OP_VALUES : OP_SAME;
	bool ok = put_u(b, ref << 2 | (uint64_t)op);
	if (op == OP_KNOWN)
		ok = ok && put_u(b, r->s.known);
	if (op != OP_SAME)
		ok = ok && put_u(b, changed);
	for (int f = 0; ok && f < FIELD_COUNT; f++)
		if (changed >> f & 1)
			ok = put_s(b, r->s.v[f] - (sample_known(&p->s, f) ? p->s.v[f] : 0));
	return ok;
}

/* Append the rows of the poll: whole (FULL) or against the previous poll's. */
static bool
put_rows(struct record_enc *e, bool full)
{
	struct buf *b = &e->body;
	bool ok = put_u(b, e->cur.n);
	long expect = 0;

	if (!full && !rowset_index(&e->prev))
		return false;
	for (size_t i = 0; ok && i < e->cur.n; i++) {
		const struct rrow *r = &e->cur.rows[i];
		long j = full ? -1 : rowset_find(&e->prev, rowset_addr(&e->cur, i), r->len, r->truncated);
		if (full) {
			ok = put_row(b, &e->cur, r);
		} else if (j < 0) {
			ok = put_u(b, OP_NEW) && put_row(b, &e->cur, r);
		} else {
			int64_t d = (int64_t)j - expect;
			ok = put_change(b, ((uint64_t)d << 1) ^ (uint64_t)(d >> 63), r, &e->prev.rows[j]);
			expect = j + 1;
		}
	}
	return ok;
}

/* End the poll: append its frame. */
bool
record_enc_poll(struct record_enc *e, const struct record_poll *p, struct buf *out)
{
	const struct source_result *res = &p->res;
	const struct server_info *srv = &res->server;
	struct buf *b = &e->body;
	bool full = p->rows && (!e->have_prev || e->since_full + 1 >= e->full_every);
	bool server = server_info_any(srv) || srv->warning[0], srvdata = res->serverdata.avail != SRV_AVAIL_NONE;
	unsigned flags = (res->same ? POLL_SAME : 0) | (p->rows ? POLL_ROWS : 0) | (server ? POLL_SERVER : 0) |
	                 (res->message[0] ? POLL_MESSAGE : 0) | (srvdata ? POLL_SRVDATA : 0);
	unsigned char type = full ? RECORD_FULL : RECORD_DELTA;
	double ticks = p->mono * RECORD_TICKS_PER_S;

	buf_reset(b);
	if (full)
		memset(&e->srv, 0, sizeof e->srv); /* a point to seek to needs nothing before it */
	bool ok = buf_append(b, &type, 1) && put_u(b, ticks > 0 ? (uint64_t)llround(ticks) : 0) && put_s(b, p->wall_ms) &&
	          put_u(b, flags) && put_u(b, (uint64_t)res->err) && put_u(b, (uint64_t)res->perr) &&
	          put_u(b, res->rep.rows) && put_u(b, res->rep.skipped) && put_u(b, res->rep.bad_line) &&
	          put_u(b, res->rep.entries) && put_u(b, (uint64_t)res->rep.bad_why) &&
	          put_str(b, res->rep.detail, strlen(res->rep.detail));
	if (ok && (flags & POLL_MESSAGE))
		ok = put_str(b, res->message, strlen(res->message));
	if (ok && server) {
		const char *fmt = srv->format ? srv->format : "";
		ok = put_str(b, fmt, strlen(fmt)) && put_u(b, srv->have_count) && put_s(b, srv->count) &&
		     put_str(b, srv->time, strlen(srv->time)) && put_str(b, srv->error, strlen(srv->error)) &&
		     put_str(b, srv->warning, strlen(srv->warning));
	}
	if (ok && srvdata)
		ok = put_srvdata(b, &res->serverdata, &e->srv);
	if (ok && p->rows)
		ok = put_rows(e, full);
	if (!ok || !put_frame(out, b))
		return false;
	if (srvdata)
		e->srv = res->serverdata;
	if (p->rows) {
		rowset_swap(&e->prev, &e->cur);
		e->have_prev = true;
		e->since_full = full ? 0 : e->since_full + 1;
	}
	return true;
}

/* ---- decoder ---------------------------------------------------------------- */

struct record_dec {
	struct rowset prev, cur;
	bool have_prev;
	unsigned version;         /* of the segment being read */
	struct server_data srv;   /* as of the last poll that carried it */
	char format[NAME_MAX_FORMAT];
};

/* Make a decoder. */
struct record_dec *
record_dec_new(void)
{
	struct record_dec *d = calloc(1, sizeof *d);

	if (d)
		d->version = RECORD_VERSION;
	return d;
}

/* Free d. */
void
record_dec_free(struct record_dec *d)
{
	if (!d)
		return;
	rowset_free(&d->prev);
	rowset_free(&d->cur);
	free(d);
}

/* Forget the rows. */
void
record_dec_reset(struct record_dec *d, unsigned version)
{
	rowset_clear(&d->prev);
	d->have_prev = false;
	d->version = version;
	memset(&d->srv, 0, sizeof d->srv);
}

/* Read the known fields' values of mask known into s, each held to a parser's rules. */
static void
get_values(struct reader *r, uint32_t known, struct sample *s)
{
	memset(s, 0, sizeof *s);
	for (int f = 0; f < FIELD_COUNT; f++)
		if (known >> f & 1)
			sample_set(s, f, get_s(r));
}

/* Return whether s holds only source columns, each a value a parser hands over. */
static bool
values_ok(const struct sample *s)
{
	if (s->known >> FIELD_COUNT)
		return false;
	for (int f = 0; f < FIELD_COUNT; f++)
		if (sample_known(s, f) && !parse_value_ok(field_info(f)->kind, s->v[f]))
			return false;
	return true;
}

/* Read a whole row into d->cur. */
static bool
get_row(struct reader *r, struct record_dec *d)
{
	const char *addr;
	size_t len = get_str(r, &addr, PARSE_ADDR_MAX);
	bool truncated = get_below(r, 2);
	struct sample s;

	get_values(r, (uint32_t)get_below(r, 1u << FIELD_COUNT), &s);
	return !r->bad && len > 0 && values_ok(&s) && rowset_add(&d->cur, addr, len, truncated, &s);
}

/* Read a row given as a change of a row of the previous poll. */
static bool
get_change(struct reader *r, struct record_dec *d, uint64_t op, long *expect)
{
	uint64_t zz = op >> 2;
	int64_t j = *expect + ((int64_t)(zz >> 1) ^ -(int64_t)(zz & 1));

	if (j < 0 || (uint64_t)j >= d->prev.n)
		return false;
	const struct rrow *p = &d->prev.rows[j];
	struct sample s = p->s;
	if ((op & 3) == OP_KNOWN) {
		uint32_t known = (uint32_t)get_below(r, 1u << FIELD_COUNT);
		for (int f = 0; f < FIELD_COUNT; f++)
			if (!(known >> f & 1))
				s.v[f] = 0;
		s.known = known;
	}
	if ((op & 3) != OP_SAME) {
		uint32_t changed = (uint32_t)get_below(r, 1u << FIELD_COUNT);
		if (changed & ~s.known)
			return false;
		for (int f = 0; f < FIELD_COUNT; f++)
			if (changed >> f & 1)
				s.v[f] = (sample_known(&p->s, f) ? p->s.v[f] : 0) + get_s(r);
	}
	*expect = j + 1;
	return !r->bad && values_ok(&s) && rowset_add(&d->cur, rowset_addr(&d->prev, (size_t)j), p->len, p->truncated, &s);
}

/* Read a poll's rows into d->cur. */
static bool
get_rows(struct reader *r, struct record_dec *d, bool full)
{
	uint64_t n = get_u(r);
	long expect = 0;

	if (r->bad || n > (uint64_t)(r->end - r->p) || (!full && !d->have_prev))
		return false;
	rowset_clear(&d->cur);
	for (uint64_t i = 0; i < n; i++) {
		uint64_t op = full ? OP_NEW : get_u(r);
		bool ok = r->bad ? false : (op & 3) == OP_NEW ? op == OP_NEW && get_row(r, d) : get_change(r, d, op, &expect);
		if (!ok)
			return false;
	}
	return true;
}

/* Read what the poll left (error, report, message, server, its reports: of
 * the last poll with them, or of none in a FULL frame) into p. */
static void
get_result(struct reader *r, struct record_dec *d, unsigned flags, bool full, struct record_poll *p)
{
	static const struct server_data none; /* what a FULL frame's reports are changes of */
	struct source_result *res = &p->res;

	res->same = flags & POLL_SAME;
	res->err = (enum source_err)get_below(r, SOURCE_ERR_COUNT);
	res->perr = (enum parse_err)get_below(r, PARSE_ERR_COUNT);
	res->rep.rows = (size_t)get_u(r);
	res->rep.skipped = (size_t)get_u(r);
	res->rep.bad_line = (size_t)get_u(r);
	res->rep.entries = get_below(r, 2);
	res->rep.bad_why = (enum line_err)get_below(r, LINE_ERR_COUNT);
	get_into(r, res->rep.detail, sizeof res->rep.detail);
	if (flags & POLL_MESSAGE)
		get_into(r, res->message, sizeof res->message);
	if (flags & POLL_SERVER) {
		get_into(r, d->format, sizeof d->format);
		res->server.format = d->format;
		res->server.have_count = get_below(r, 2);
		res->server.count = get_s(r);
		get_into(r, res->server.time, sizeof res->server.time);
		get_into(r, res->server.error, sizeof res->server.error);
		get_into(r, res->server.warning, sizeof res->server.warning);
	}
	if (flags & POLL_SRVDATA)
		get_srvdata(r, &res->serverdata, full ? &none : &d->srv);
}

/* Apply a FULL or DELTA frame. */
enum record_err
record_dec_poll(struct record_dec *d, const struct record_frame *f, struct record_poll *p)
{
	struct reader r = { f->body, f->body + f->len, false };

	if (f->type != RECORD_FULL && f->type != RECORD_DELTA)
		return RECORD_MALFORMED;
	memset(p, 0, sizeof *p);
	p->mono = get_mono(&r, d->version);
	p->wall_ms = get_s(&r);
	unsigned flags = (unsigned)get_below(&r, d->version >= 2 ? POLL_FLAGS : POLL_SRVDATA);
	p->rows = flags & POLL_ROWS;
	get_result(&r, d, flags, f->type == RECORD_FULL, p);
	if (r.bad || (f->type == RECORD_FULL && !p->rows))
		return RECORD_MALFORMED;
	if (p->rows) {
		if (!get_rows(&r, d, f->type == RECORD_FULL)) {
			rowset_clear(&d->cur);
			return RECORD_MALFORMED;
		}
		rowset_swap(&d->prev, &d->cur);
		d->have_prev = true;
	}
	if (r.p != r.end)
		return RECORD_MALFORMED;
	if (flags & POLL_SRVDATA)
		d->srv = p->res.serverdata;
	else if (f->type == RECORD_FULL) /* the next poll's reports are changes of none, as the encoder's */
		memset(&d->srv, 0, sizeof d->srv);
	return RECORD_OK;
}

/* Hand the rows of the last applied poll to sink. */
bool
record_dec_rows(const struct record_dec *d, row_sink sink, void *ctx)
{
	for (size_t i = 0; i < d->prev.n; i++) {
		const struct rrow *x = &d->prev.rows[i];
		struct row r = { .addr = rowset_addr(&d->prev, i), .len = x->len, .truncated = x->truncated, .s = x->s };
		if (!sink(ctx, &r))
			return false;
	}
	return true;
}

/* Rows the decoder holds. */
size_t
record_dec_count(const struct record_dec *d)
{
	return d->prev.n;
}
