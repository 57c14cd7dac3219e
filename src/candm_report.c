/* candm_report.c — chronyd's report replies as chronyc's tokens, through tables. */
#include "config.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "candm_report.h"
#include "md5.h"
#include "parse_reports.h"

#define DATA 28                  /* a reply's data follow its header */
#define FLOAT_COEF_BITS 25
#define TOKEN_MAX 64
#define TV_NOHIGHSEC 0x7fffffffu

enum { FAMILY_UNSPEC = 0, FAMILY_INET4 = 1, FAMILY_INET6 = 2, FAMILY_ID = 3 };
enum { MODE_REF = 2 };           /* a source that is a reference clock */

/* How a value is stored in a reply, and how chronyc prints it. */
enum wire_kind {
	W_UINT,      /* unsigned, size bytes (8: chrony's Integer64, high then low): %u */
	W_SINT,      /* signed, size bytes: %d */
	W_OCT,       /* unsigned, size bytes: %o */
	W_FLOAT,     /* chrony's Float: %.<arg>f */
	W_LOG2,      /* signed byte l: 2^l seconds, %.<arg>f */
	W_TIMESPEC,  /* seconds since 1970: %llu.%09u */
	W_REFID,     /* u32: %08X */
	W_ADDR,      /* an address (16 bytes, family): as chronyd writes it */
	W_NAME,      /* an address, or with none the ref ID at arg as letters (tracking, sourcestats) */
	W_SRCNAME,   /* an address, or a reference clock's (mode u16 at arg) as letters (sources) */
	W_REFNAME,   /* the ref ID as letters when the stratum (u8 at arg) is at most 1, else empty */
	W_ADDRID,    /* an address as chronyc's ref ID (%08X): IPv4's bytes, IPv6's MD5's first 4, else 0 */
	W_MAP,       /* unsigned, size bytes, to one of map's tokens */
	W_BITS,      /* u16 shifted right by arg, size binary digits */
	W_FLAG,      /* u16's bit arg: Yes / No */
};

/* A wire value to chronyc's token, and the token for any other value (NULL: unknown). */
struct map {
	struct {
		uint32_t wire;
		const char *token;
	} e[6];
	size_t n;
	const char *other;
};

static const struct map leap_map = { { { 0, "Normal" }, { 1, "Insert second" }, { 2, "Delete second" },
	                               { 3, "Not synchronised" } }, 4, "Invalid" };
static const struct map mode_map = { { { 0, "^" }, { 1, "=" }, { 2, "#" } }, 3, NULL };
static const struct map state_map = { { { 0, "*" }, { 1, "?" }, { 2, "x" }, { 3, "~" }, { 4, "+" }, { 5, "-" } }, 6, NULL };
static const struct map ntpmode_map = { { { 4, "Server" }, { 1, "Symmetric active" }, { 2, "Symmetric passive" } }, 3,
	                                  "Invalid" };
static const struct map stamp_map = { { { 'D', "Daemon" }, { 'K', "Kernel" }, { 'H', "Hardware" } }, 3, "Invalid" };

/* One value of a reply: where (after the header), how, and its field. */
struct wire {
	uint8_t off;
	enum wire_kind kind;
	uint8_t size;
	uint8_t arg;
	const struct map *map;
	int field;
};

#define U(o, s, f) { .off = o, .kind = W_UINT, .size = s, .field = f }
#define I(o, s, f) { .off = o, .kind = W_SINT, .size = s, .field = f }
#define FL(o, d, f) { .off = o, .kind = W_FLOAT, .arg = d, .field = f }
#define K(o, k, a, f) { .off = o, .kind = k, .arg = a, .field = f }
#define MAP(o, s, m, f) { .off = o, .kind = W_MAP, .size = s, .map = &m, .field = f }
#define BITS(o, shift, n, f) { .off = o, .kind = W_BITS, .size = n, .arg = shift, .field = f }

/* RPY_Tracking: ref ID, address, stratum, leap, ref time, 9 Floats. */
static const struct wire tracking_wire[] = {
	K(0, W_REFID, 0, TRK_REF_ID), K(4, W_NAME, 0, TRK_REF_NAME), U(24, 2, TRK_STRATUM),
	MAP(26, 2, leap_map, TRK_LEAP), K(28, W_TIMESPEC, 0, TRK_REF_TIME), FL(40, 9, TRK_SYSTEM_TIME),
	FL(44, 9, TRK_LAST_OFFSET), FL(48, 9, TRK_RMS_OFFSET), FL(52, 3, TRK_FREQUENCY), FL(56, 3, TRK_RESIDUAL_FREQ),
	FL(60, 3, TRK_SKEW), FL(64, 9, TRK_ROOT_DELAY), FL(68, 9, TRK_ROOT_DISPERSION), FL(72, 1, TRK_UPDATE_INTERVAL),
};

/* RPY_ServerStats of chrony 3.x: 5 u32. */
static const struct wire serverstats1_wire[] = {
	U(0, 4, SST_NTP_RECEIVED), U(4, 4, SST_CMD_RECEIVED), U(8, 4, SST_NTP_DROPPED), U(12, 4, SST_CMD_DROPPED),
	U(16, 4, SST_LOG_DROPPED),
};

/* RPY_ServerStats2 and 3 (chrony 4.0-4.3): the first 8 or all 11 u32. */
static const struct wire serverstats3_wire[] = {
	U(0, 4, SST_NTP_RECEIVED), U(4, 4, SST_NKE_ACCEPTED), U(8, 4, SST_CMD_RECEIVED), U(12, 4, SST_NTP_DROPPED),
	U(16, 4, SST_NKE_DROPPED), U(20, 4, SST_CMD_DROPPED), U(24, 4, SST_LOG_DROPPED), U(28, 4, SST_NTP_AUTH),
	U(32, 4, SST_NTP_INTERLEAVED), U(36, 4, SST_TIMESTAMPS_HELD), U(40, 4, SST_TIMESTAMP_SPAN),
};

/* RPY_ServerStats4 (chrony 4.4-): 17 Integer64 in the same order, more at the end. */
static const struct wire serverstats4_wire[] = {
	U(0, 8, SST_NTP_RECEIVED), U(8, 8, SST_NKE_ACCEPTED), U(16, 8, SST_CMD_RECEIVED), U(24, 8, SST_NTP_DROPPED),
	U(32, 8, SST_NKE_DROPPED), U(40, 8, SST_CMD_DROPPED), U(48, 8, SST_LOG_DROPPED), U(56, 8, SST_NTP_AUTH),
	U(64, 8, SST_NTP_INTERLEAVED), U(72, 8, SST_TIMESTAMPS_HELD), U(80, 8, SST_TIMESTAMP_SPAN),
	U(88, 8, SST_DAEMON_RX), U(96, 8, SST_DAEMON_TX), U(104, 8, SST_KERNEL_RX), U(112, 8, SST_KERNEL_TX),
	U(120, 8, SST_HW_RX), U(128, 8, SST_HW_TX),
};

/* RPY_Activity: 5 counts. */
static const struct wire activity_wire[] = {
	U(0, 4, ACT_ONLINE), U(4, 4, ACT_OFFLINE), U(8, 4, ACT_BURST_ONLINE), U(12, 4, ACT_BURST_OFFLINE),
	U(16, 4, ACT_UNRESOLVED),
};

/* RPY_Source_Data: address, poll, stratum, state, mode, flags, reach, since, 3 Floats. */
static const struct wire source_wire[] = {
	MAP(26, 2, mode_map, SRC_MODE), MAP(24, 2, state_map, SRC_STATE), K(0, W_SRCNAME, 26, SRC_ADDRESS),
	U(22, 2, SRC_STRATUM), I(20, 2, SRC_POLL), { .off = 30, .kind = W_OCT, .size = 2, .field = SRC_REACH },
	U(32, 4, SRC_LAST_RX), FL(40, 9, SRC_OFFSET), FL(36, 9, SRC_MEASURED_OFFSET), FL(44, 9, SRC_ERROR),
};

/* RPY_Sourcestats: ref ID, address, samples, runs, span, 5 Floats. */
static const struct wire sourcestats_wire[] = {
	K(4, W_NAME, 0, SRC_ADDRESS), U(24, 4, SRC_NP), U(28, 4, SRC_NR), U(32, 4, SRC_SPAN),
	FL(40, 3, SRC_FREQUENCY), FL(44, 3, SRC_FREQ_SKEW), FL(48, 9, SRC_EST_OFFSET), FL(36, 9, SRC_STD_DEV),
};

/* RPY_NTPData (34 values to 4.3) and RPY_NTPData2 (4 counters more, 4.4-). */
static const struct wire ntpdata_wire[] = {
	K(0, W_ADDR, 0, NTP_REMOTE_ADDR), K(0, W_ADDRID, 0, NTP_REMOTE_ID), U(40, 2, NTP_REMOTE_PORT),
	K(20, W_ADDR, 0, NTP_LOCAL_ADDR), K(20, W_ADDRID, 0, NTP_LOCAL_ID), MAP(42, 1, leap_map, NTP_LEAP),
	U(43, 1, NTP_VERSION), MAP(44, 1, ntpmode_map, NTP_MODE), U(45, 1, NTP_STRATUM), I(46, 1, NTP_POLL),
	K(46, W_LOG2, 0, NTP_POLL_SECONDS), I(47, 1, NTP_PRECISION), K(47, W_LOG2, 9, NTP_PRECISION_SECONDS),
	FL(48, 6, NTP_ROOT_DELAY), FL(52, 6, NTP_ROOT_DISPERSION), K(56, W_REFID, 0, NTP_REF_ID),
	K(56, W_REFNAME, 45, NTP_REF_NAME), K(60, W_TIMESPEC, 0, NTP_REF_TIME), FL(72, 9, NTP_OFFSET),
	FL(76, 9, NTP_PEER_DELAY), FL(80, 9, NTP_PEER_DISPERSION), FL(84, 9, NTP_RESPONSE_TIME),
	FL(88, 2, NTP_JITTER_ASYMMETRY), BITS(92, 7, 3, NTP_TESTS_A), BITS(92, 4, 3, NTP_TESTS_B),
	BITS(92, 0, 4, NTP_TESTS_C), K(92, W_FLAG, 14, NTP_INTERLEAVED), K(92, W_FLAG, 15, NTP_AUTHENTICATED),
	MAP(94, 1, stamp_map, NTP_TX_TIMESTAMPING), MAP(95, 1, stamp_map, NTP_RX_TIMESTAMPING),
	U(96, 4, NTP_TOTAL_TX), U(100, 4, NTP_TOTAL_RX), U(104, 4, NTP_TOTAL_VALID_RX), U(108, 4, NTP_TOTAL_GOOD_RX),
	U(112, 4, NTP_KERNEL_TX), U(116, 4, NTP_KERNEL_RX), U(120, 4, NTP_HW_TX), U(124, 4, NTP_HW_RX),
};

#define N(t) (sizeof t / sizeof t[0])

/* Each reply layout: the command and reply type it answers, its data's
 * length, its report, the values it carries (the first n of its table),
 * where a source's address is (to hide one with none), or -1. */
static const struct {
	enum candm_cmd cmd;
	uint16_t reply;
	size_t data;
	enum srv_report report;
	const struct wire *w;
	size_t n;
	int addr;
} layouts[] = {
	{ CANDM_TRACKING, 5, 76, SRV_TRACKING, tracking_wire, N(tracking_wire), -1 },
	{ CANDM_SERVERSTATS, 14, 20, SRV_SERVERSTATS, serverstats1_wire, N(serverstats1_wire), -1 },
	{ CANDM_SERVERSTATS, 22, 32, SRV_SERVERSTATS, serverstats3_wire, 8, -1 },
	{ CANDM_SERVERSTATS, 24, 44, SRV_SERVERSTATS, serverstats3_wire, N(serverstats3_wire), -1 },
	{ CANDM_SERVERSTATS, 25, 168, SRV_SERVERSTATS, serverstats4_wire, N(serverstats4_wire), -1 },
	{ CANDM_ACTIVITY, 12, 20, SRV_ACTIVITY, activity_wire, N(activity_wire), -1 },
	{ CANDM_SOURCE_DATA, 3, 48, SRV_SOURCES, source_wire, N(source_wire), 0 },
	{ CANDM_SOURCESTATS, 6, 56, SRV_SOURCES, sourcestats_wire, N(sourcestats_wire), 4 },
	{ CANDM_NTPDATA, 16, 124, SRV_NTPDATA, ntpdata_wire, NTP_KERNEL_TX, -1 },
	{ CANDM_NTPDATA, 26, 144, SRV_NTPDATA, ntpdata_wire, N(ntpdata_wire), -1 },
};

/* What writing a token came to. */
enum tok { TOK_OK, TOK_NONE, TOK_RANGE };

/* Read a big-endian unsigned of size bytes (8: two u32, high first) at p. */
static uint64_t
get_uint(const uint8_t *p, size_t size)
{
	uint64_t v = 0;

	for (size_t i = 0; i < size; i++)
		v = v << 8 | p[i];
	return v;
}

/* Read a big-endian signed of size bytes (1 or 2) at p. */
static int64_t
get_sint(const uint8_t *p, size_t size)
{
	uint64_t v = get_uint(p, size), sign = (uint64_t)1 << (8 * size - 1);

	return (int64_t)(v ^ sign) - (int64_t)sign;
}

/* The value of chrony's Float w. */
double
candm_float(uint32_t w)
{
	int exp = (int)(w >> FLOAT_COEF_BITS), coef = (int)(w & ((1u << FLOAT_COEF_BITS) - 1));

	if (exp >= 64)
		exp -= 128;
	if (coef >= 1 << (FLOAT_COEF_BITS - 1))
		coef -= 1 << FLOAT_COEF_BITS;
	return ldexp(coef, exp - FLOAT_COEF_BITS);
}

/* Write coef * 2^exp2 (|coef| < 2^25) with decimals places (at most 9) as
 * printf("%.*f") writes it (exactly rounded, ties to even; a negative value
 * keeps its sign at 0), in integers: no locale. */
static enum tok
fixed_text(char *buf, size_t size, int64_t coef, int exp2, int decimals)
{
	static const uint64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };
	bool neg = coef < 0;
	uint64_t n = (uint64_t)(neg ? -coef : coef) * pow10[decimals]; /* < 2^55 */

	if (exp2 >= 0) {
		if (exp2 > 63 || n > UINT64_MAX >> exp2)
			return TOK_RANGE;
		n <<= exp2;
	} else if (-exp2 >= 64) {
		n = 0; /* below 2^55 / 2^64: rounds to 0 */
	} else {
		int k = -exp2;
		uint64_t q = n >> k, rem = n & (((uint64_t)1 << k) - 1), half = (uint64_t)1 << (k - 1);
		n = q + (rem > half || (rem == half && (q & 1)));
	}
	int len = snprintf(buf, size, "%s%" PRIu64, neg ? "-" : "", n / pow10[decimals]);
	if (decimals > 0 && len > 0 && (size_t)len + 1 + (size_t)decimals < size) {
		uint64_t frac = n % pow10[decimals];
		buf[len] = '.';
		for (int i = decimals; i > 0; i--, frac /= 10)
			buf[len + i] = (char)('0' + frac % 10);
		buf[len + 1 + decimals] = '\0';
	}
	return TOK_OK;
}

/* Write a Float as chronyc's %.<decimals>f. */
static enum tok
float_text(char *buf, size_t size, uint32_t w, int decimals)
{
	int exp = (int)(w >> FLOAT_COEF_BITS), coef = (int)(w & ((1u << FLOAT_COEF_BITS) - 1));

	if (exp >= 64)
		exp -= 128;
	if (coef >= 1 << (FLOAT_COEF_BITS - 1))
		coef -= 1 << FLOAT_COEF_BITS;
	return fixed_text(buf, size, coef, exp - FLOAT_COEF_BITS, decimals);
}

/* Write a ref ID as chronyc's letters: its printable bytes. */
static void
refid_text(char *buf, uint32_t id)
{
	size_t j = 0;

	for (int i = 0; i < 4; i++) {
		unsigned c = id >> (24 - 8 * i) & 0xff;
		if (c >= 0x20 && c < 0x7f)
			buf[j++] = (char)c;
	}
	buf[j] = '\0';
}

/* Write the address at a (16 bytes, family) as chronyd writes it. */
static void
addr_text(char *buf, size_t size, const uint8_t *a)
{
	uint16_t fam = (uint16_t)get_uint(a + 16, 2);

	if (fam == FAMILY_INET4)
		snprintf(buf, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	else if (fam == FAMILY_INET6 && inet_ntop(AF_INET6, a, buf, (socklen_t)size))
		return;
	else if (fam == FAMILY_UNSPEC)
		snprintf(buf, size, "[UNSPEC]");
	else if (fam == FAMILY_ID)
		snprintf(buf, size, "ID#%010" PRIu64, get_uint(a, 4));
	else
		snprintf(buf, size, "?");
}

/* The ref ID chronyc derives from the address at a (16 bytes, family):
 * IPv4's 4 bytes, the first 4 of IPv6's MD5 (chrony's UTI_IPToRefid), else 0. */
static uint64_t
addr_refid(const uint8_t *a)
{
	uint8_t digest[MD5_LEN];
	uint64_t fam = get_uint(a + 16, 2);

	if (fam == FAMILY_INET4)
		return get_uint(a, 4);
	if (fam != FAMILY_INET6)
		return 0;
	md5(a, 16, digest);
	return get_uint(digest, 4);
}

/* Write the token chronyc prints for value w of data d. */
static enum tok
token(char *buf, size_t size, const struct wire *w, const uint8_t *d)
{
	const uint8_t *v = d + w->off;
	uint64_t u;

	switch (w->kind) {
	case W_UINT:
		snprintf(buf, size, "%" PRIu64, get_uint(v, w->size));
		return TOK_OK;
	case W_SINT:
		snprintf(buf, size, "%" PRId64, get_sint(v, w->size));
		return TOK_OK;
	case W_OCT:
		snprintf(buf, size, "%" PRIo64, get_uint(v, w->size));
		return TOK_OK;
	case W_FLOAT:
		return float_text(buf, size, (uint32_t)get_uint(v, 4), w->arg);
	case W_LOG2: { /* chronyc caps the exponent at +-31 */
		int64_t l = get_sint(v, 1);
		return fixed_text(buf, size, 1, (int)(l > 31 ? 31 : l < -31 ? -31 : l), w->arg);
	}
	case W_TIMESPEC:
		u = get_uint(v, 4) == TV_NOHIGHSEC ? 0 : get_uint(v, 4);
		u = u << 32 | get_uint(v + 4, 4);
		snprintf(buf, size, "%" PRIu64 ".%09" PRIu64, u, get_uint(v + 8, 4) > 999999999 ? 999999999 : get_uint(v + 8, 4));
		return TOK_OK;
	case W_REFID:
		snprintf(buf, size, "%08" PRIX64, get_uint(v, 4));
		return TOK_OK;
	case W_ADDR:
		addr_text(buf, size, v);
		return TOK_OK;
	case W_NAME:
		if (get_uint(v + 16, 2) == FAMILY_UNSPEC)
			refid_text(buf, (uint32_t)get_uint(d + w->arg, 4));
		else
			addr_text(buf, size, v);
		return TOK_OK;
	case W_SRCNAME:
		if (get_uint(d + w->arg, 2) == MODE_REF && get_uint(v + 16, 2) == FAMILY_INET4)
			refid_text(buf, (uint32_t)get_uint(v, 4));
		else
			addr_text(buf, size, v);
		return TOK_OK;
	case W_REFNAME:
		if (d[w->arg] <= 1)
			refid_text(buf, (uint32_t)get_uint(v, 4));
		else
			buf[0] = '\0';
		return TOK_OK;
	case W_ADDRID:
		snprintf(buf, size, "%08" PRIX64, addr_refid(v));
		return TOK_OK;
	case W_MAP:
		u = get_uint(v, w->size);
		for (size_t i = 0; i < w->map->n; i++)
			if (w->map->e[i].wire == u) {
				snprintf(buf, size, "%s", w->map->e[i].token);
				return TOK_OK;
			}
		if (!w->map->other)
			return TOK_NONE;
		snprintf(buf, size, "%s", w->map->other);
		return TOK_OK;
	case W_BITS:
		u = get_uint(v, 2) >> w->arg;
		for (int i = 0; i < w->size; i++)
			buf[i] = u >> (w->size - 1 - i) & 1 ? '1' : '0';
		buf[w->size] = '\0';
		return TOK_OK;
	case W_FLAG:
		snprintf(buf, size, "%s", get_uint(v, 2) >> w->arg & 1 ? "Yes" : "No");
		return TOK_OK;
	}
	return TOK_NONE;
}

/* Read a checked reply to the report command cmd into vals. */
enum candm_err
candm_report(enum candm_cmd cmd, const uint8_t *p, size_t len, struct srv_value *vals, bool *hidden)
{
	uint16_t reply = len >= DATA ? (uint16_t)get_uint(p + 6, 2) : 0;
	char tok[TOKEN_MAX];

	*hidden = false;
	for (size_t i = 0; i < N(layouts); i++) {
		if (layouts[i].cmd != cmd || layouts[i].reply != reply)
			continue;
		if (len != DATA + layouts[i].data)
			return CANDM_ERR_LENGTH;
		const uint8_t *d = p + DATA;
		if (layouts[i].addr >= 0 && get_uint(d + layouts[i].addr + 16, 2) == FAMILY_ID)
			*hidden = true; /* chronyc lists it only with -a */
		for (size_t f = 0; f < layouts[i].n; f++) {
			const struct wire *w = &layouts[i].w[f];
			struct srv_value *v = &vals[w->field];
			enum tok t = token(tok, sizeof tok, w, d);
			if (t == TOK_RANGE ||
			    (t == TOK_OK && reports_token(srv_field(layouts[i].report, w->field), tok, strlen(tok), v) != LINE_OK))
				return CANDM_ERR_VALUE;
			if (t == TOK_NONE)
				memset(v, 0, sizeof *v);
		}
		for (int f = 0; layouts[i].report != SRV_SOURCES && f < srv_field_count(layouts[i].report); f++) {
			bool carried = false; /* fields this layout does not carry: unknown */
			for (size_t j = 0; j < layouts[i].n && !carried; j++)
				carried = layouts[i].w[j].field == f;
			if (!carried)
				memset(&vals[f], 0, sizeof vals[f]);
		}
		return CANDM_OK;
	}
	return CANDM_ERR_REPLY_TYPE;
}

/* The count in a checked CANDM_N_SOURCES reply. */
enum candm_err
candm_n_sources(const uint8_t *p, size_t len, uint32_t *n)
{
	*n = len == DATA + 4 ? (uint32_t)get_uint(p + DATA, 4) : 0;
	if (len != DATA + 4)
		return CANDM_ERR_LENGTH;
	return *n > CANDM_SOURCES_MAX ? CANDM_ERR_COUNT_BAD : CANDM_OK;
}
