/* candm.c — chronyd's command protocol: tables of requests, replies and records. */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "candm.h"
#include "parse.h"

#define PKT_REQUEST 1
#define PKT_REPLY 2
#define REQ_HEADER 20            /* version, type, 2 reserved, command, attempt, sequence, 2 pads */
#define RPY_HEADER 28            /* ... command, reply, status, 3 pads, sequence, 2 pads */
#define RPY_NULL 1               /* the reply type of every failure */
#define MAX_ARGS 5
#define MAX_REPLIES 4          /* reply layouts a command may be answered in */

/* Offsets in a reply's header. */
enum { H_VERSION = 0, H_TYPE = 1, H_COMMAND = 4, H_REPLY = 6, H_STATUS = 8, H_SEQUENCE = 16 };

/* chronyd's status codes that mean something particular here. */
enum { STT_SUCCESS = 0, STT_UNAUTH = 2, STT_INVALID = 3, STT_NOSUCHSOURCE = 4, STT_INACTIVE = 15,
       STT_BADPKTVERSION = 18, STT_BADPKTLENGTH = 19 };

/* A command: its number, its arguments' count (u32 each, after the header,
 * then zeroes up to data words), the reply types that answer it and their
 * lengths (the request is padded to the longest: chronyd sends no reply
 * longer than its request). */
static const struct {
	uint16_t code;
	size_t args, words;
	struct {
		uint16_t type;
		size_t len;
	} reply[MAX_REPLIES]; /* type 0 ends the list */
} cmds[CANDM_CMD_COUNT] = {
	/* first_index, n_clients, min_hits = 0, reset = 0 (never 1: it zeroes everyone's counters) */
	[CANDM_CLIENTS] = { 68, 2, 4, { { 21, RPY_HEADER + 12 + CANDM_PAGE_CLIENTS * CANDM_CLIENT_LEN } } },
	[CANDM_TRACKING] = { 33, 0, 0, { { 5, RPY_HEADER + 76 } } },
	/* 5 u32 (chrony 3.x), 8 (4.0-4.1), 11 (4.2-4.3), 17 u64 and 4 reserved (4.4-) */
	[CANDM_SERVERSTATS] = { 54, 0, 0, { { 14, RPY_HEADER + 20 }, { 22, RPY_HEADER + 32 }, { 24, RPY_HEADER + 44 },
	                                    { 25, RPY_HEADER + 168 } } },
	[CANDM_ACTIVITY] = { 44, 0, 0, { { 12, RPY_HEADER + 20 } } },
	[CANDM_N_SOURCES] = { 14, 0, 0, { { 2, RPY_HEADER + 4 } } },
	[CANDM_SOURCE_DATA] = { 15, 1, 1, { { 3, RPY_HEADER + 48 } } },
	[CANDM_SOURCESTATS] = { 34, 1, 1, { { 6, RPY_HEADER + 56 } } },
	/* 4 counters (to 4.3), 8 (4.4-) */
	[CANDM_NTPDATA] = { 57, 5, 5, { { 16, RPY_HEADER + 124 }, { 26, RPY_HEADER + 144 } } },
};

/* Statuses that are not success, and what they mean; any other is CANDM_ERR_STATUS. */
static const struct {
	uint16_t status;
	enum candm_err err;
} statuses[] = {
	{ STT_UNAUTH, CANDM_ERR_UNAUTH },
	{ STT_INACTIVE, CANDM_ERR_INACTIVE },
	{ STT_INVALID, CANDM_ERR_UNSUPPORTED },
	{ STT_BADPKTLENGTH, CANDM_ERR_UNSUPPORTED },
	{ STT_BADPKTVERSION, CANDM_ERR_VERSION },
	{ STT_NOSUCHSOURCE, CANDM_ERR_NO_SOURCE },
};

/* The clients page after the header: table size, next index, record count, records. */
enum { P_INDICES = RPY_HEADER, P_NEXT = RPY_HEADER + 4, P_COUNT = RPY_HEADER + 8, P_RECORDS = RPY_HEADER + 12 };

/* A client record: address (16 bytes), family (u16), pad, then the numbers. */
enum { R_FAMILY = 16 };
enum { FAMILY_UNSPEC = 0, FAMILY_INET4 = 1, FAMILY_INET6 = 2 };

/* How a number is stored in a record. */
enum wire_kind { WIRE_U32, WIRE_I8 };

/* Where each of chronyc's nine columns is in a record (the NTS-KE numbers
 * at 24, 36, 45 and 52 are not shown). */
static const struct {
	uint8_t offset;
	enum wire_kind kind;
	enum field field;
} client_fields[FIELD_COUNT] = {
	{ 20, WIRE_U32, FIELD_NTP_PACKETS },
	{ 32, WIRE_U32, FIELD_NTP_DROPS },
	{ 44, WIRE_I8, FIELD_NTP_INTERVAL },
	{ 47, WIRE_I8, FIELD_NTP_INTERVAL_LIMITED },
	{ 48, WIRE_U32, FIELD_NTP_LAST },
	{ 28, WIRE_U32, FIELD_CMD_PACKETS },
	{ 40, WIRE_U32, FIELD_CMD_DROPS },
	{ 46, WIRE_I8, FIELD_CMD_INTERVAL },
	{ 56, WIRE_U32, FIELD_CMD_LAST },
};

static const char *const err_texts[CANDM_ERR_COUNT] = {
	[CANDM_OK] = "ok",
	[CANDM_ERR_SHORT] = "the reply is shorter than a reply header",
	[CANDM_ERR_NOT_REPLY] = "the packet is not a reply",
	[CANDM_ERR_VERSION] = "chronyd speaks another protocol version than ticctop's 6",
	[CANDM_ERR_COMMAND] = "the reply is to another command",
	[CANDM_ERR_SEQUENCE] = "the reply is to another request",
	[CANDM_ERR_UNAUTH] = "chronyd says: not authorised",
	[CANDM_ERR_INACTIVE] = "chronyd says: client logging is not active",
	[CANDM_ERR_UNSUPPORTED] = "chronyd does not know the command",
	[CANDM_ERR_STATUS] = "chronyd refused the command",
	[CANDM_ERR_REPLY_TYPE] = "the reply is of a type that does not answer the command",
	[CANDM_ERR_LENGTH] = "the reply's length is not that of its type",
	[CANDM_ERR_COUNT_BAD] = "the reply holds more records than were asked for",
	[CANDM_ERR_INDEX] = "the reply's table indices do not follow from the request",
	[CANDM_ERR_FAMILY] = "a record's address is neither IPv4 nor IPv6",
	[CANDM_ERR_NO_SOURCE] = "503 No such source",
	[CANDM_ERR_VALUE] = "a value in the reply is beyond what chronyc prints",
};

/* Read a big-endian u16 at p. */
static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Read a big-endian u32 at p. */
static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Write v big-endian at p. */
static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Write v big-endian at p. */
static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

/* Write a request for cmd into buf; its length, or 0. */
size_t
candm_request(uint8_t *buf, size_t size, enum candm_cmd cmd, uint32_t seq, uint16_t attempt, const uint32_t *arg,
              size_t n)
{
	if ((unsigned)cmd >= CANDM_CMD_COUNT || n != cmds[cmd].args || n > MAX_ARGS)
		return 0;
	size_t len = REQ_HEADER + 4 * cmds[cmd].words;
	for (size_t i = 0; i < MAX_REPLIES && cmds[cmd].reply[i].type; i++)
		if (len < cmds[cmd].reply[i].len)
			len = cmds[cmd].reply[i].len; /* chronyd answers no request shorter than its reply */
	if (len > size)
		return 0;
	memset(buf, 0, len);
	buf[0] = CANDM_VERSION;
	buf[1] = PKT_REQUEST;
	put16(buf + 4, cmds[cmd].code);
	put16(buf + 6, attempt);
	put32(buf + 8, seq);
	for (size_t i = 0; i < n; i++)
		put32(buf + REQ_HEADER + 4 * i, arg[i]);
	return len;
}

/* The sequence number a reply echoes; false when too short. */
bool
candm_sequence(const uint8_t *p, size_t len, uint32_t *seq)
{
	if (len < RPY_HEADER)
		return false;
	*seq = get32(p + H_SEQUENCE);
	return true;
}

/* Map a status that is not success to its error. */
static enum candm_err
status_err(uint16_t status)
{
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (statuses[i].status == status)
			return statuses[i].err;
	return CANDM_ERR_STATUS;
}

/* Check a reply to cmd with sequence seq. */
enum candm_err
candm_check(const uint8_t *p, size_t len, enum candm_cmd cmd, uint32_t seq, uint16_t *status)
{
	*status = 0;
	if ((unsigned)cmd >= CANDM_CMD_COUNT || len < RPY_HEADER)
		return CANDM_ERR_SHORT;
	if (p[H_TYPE] != PKT_REPLY)
		return CANDM_ERR_NOT_REPLY;
	if (p[H_VERSION] != CANDM_VERSION)
		return CANDM_ERR_VERSION;
	if (get16(p + H_COMMAND) != cmds[cmd].code)
		return CANDM_ERR_COMMAND;
	if (get32(p + H_SEQUENCE) != seq)
		return CANDM_ERR_SEQUENCE;
	*status = get16(p + H_STATUS);
	if (*status != STT_SUCCESS)
		return status_err(*status);
	for (size_t i = 0; i < MAX_REPLIES && cmds[cmd].reply[i].type; i++)
		if (get16(p + H_REPLY) == cmds[cmd].reply[i].type)
			return len == cmds[cmd].reply[i].len ? CANDM_OK : CANDM_ERR_LENGTH;
	return CANDM_ERR_REPLY_TYPE;
}

/* Check a clients page asked for at first, count records at most. */
enum candm_err
candm_clients_page(const uint8_t *p, size_t len, uint32_t first, uint32_t count, struct candm_page *pg)
{
	memset(pg, 0, sizeof *pg);
	if (len != cmds[CANDM_CLIENTS].reply[0].len)
		return CANDM_ERR_LENGTH;
	pg->n_indices = get32(p + P_INDICES);
	pg->next_index = get32(p + P_NEXT);
	uint32_t n = get32(p + P_COUNT);
	if (n > count || n > CANDM_PAGE_CLIENTS)
		return CANDM_ERR_COUNT_BAD;
	/* chronyd reads slots from first on: each record takes one, and it stops
	 * short of count only at the table's end */
	bool full = n == count;
	if (first >= pg->n_indices ? n != 0 || pg->next_index != first
	                           : pg->next_index > pg->n_indices || pg->next_index - first < n ||
	                                     (!full && pg->next_index != pg->n_indices))
		return CANDM_ERR_INDEX;
	pg->n = n;
	pg->rec = p + P_RECORDS;
	for (size_t i = 0; i < n; i++) {
		uint16_t fam = get16(pg->rec + i * CANDM_CLIENT_LEN + R_FAMILY);
		if (fam != FAMILY_INET4 && fam != FAMILY_INET6)
			return CANDM_ERR_FAMILY;
	}
	return CANDM_OK;
}

/* The identity of a record: family byte and the address bytes that count. */
void
candm_client_key(const uint8_t *rec, uint8_t key[CANDM_KEY_LEN])
{
	memset(key, 0, CANDM_KEY_LEN);
	key[0] = rec[R_FAMILY + 1];
	memcpy(key + 1, rec, key[0] == FAMILY_INET4 ? 4 : 16);
}

/* Write the IPv4 address a in dotted decimal into out (16 bytes); its length
 * (inet_ntop's text, without its printf: a 100k-client walk formats 100k). */
static size_t
ipv4_text(const uint8_t a[4], char out[16])
{
	size_t n = 0;

	for (int i = 0; i < 4; i++) {
		if (i)
			out[n++] = '.';
		if (a[i] >= 100)
			out[n++] = (char)('0' + a[i] / 100);
		if (a[i] >= 10)
			out[n++] = (char)('0' + a[i] / 10 % 10);
		out[n++] = (char)('0' + a[i] % 10);
	}
	out[n] = '\0';
	return n;
}

/* Make a row of a record. */
void
candm_client_row(const uint8_t *rec, char addr[CANDM_ADDR_MAX], struct row *r)
{
	memset(r, 0, sizeof *r);
	if (get16(rec + R_FAMILY) == FAMILY_INET4)
		r->len = ipv4_text(rec, addr);
	else if (inet_ntop(AF_INET6, rec, addr, CANDM_ADDR_MAX))
		r->len = strlen(addr);
	else
		addr[0] = '\0'; /* cannot happen for a checked page */
	r->addr = addr;
	for (int i = 0; i < FIELD_COUNT; i++) {
		const uint8_t *v = rec + client_fields[i].offset;
		parse_number(client_fields[i].field, client_fields[i].kind == WIRE_U32 ? (int64_t)get32(v) : (int64_t)*v - (*v > 127 ? 256 : 0),
		             &r->s);
	}
}

/* The arguments of CANDM_NTPDATA for addr; false when it is not a numeric address. */
bool
candm_addr_args(const char *addr, uint32_t arg[5])
{
	uint8_t a[16] = { 0 };
	bool v6 = strchr(addr, ':') != NULL;

	if (inet_pton(v6 ? AF_INET6 : AF_INET, addr, a) != 1)
		return false;
	for (int i = 0; i < 4; i++)
		arg[i] = get32(a + 4 * i);
	arg[4] = (uint32_t)(v6 ? FAMILY_INET6 : FAMILY_INET4) << 16; /* family, then 2 bytes of padding */
	return true;
}

/* Say e in a few words. */
const char *
candm_err_text(enum candm_err e)
{
	return (unsigned)e < CANDM_ERR_COUNT ? err_texts[e] : "?";
}
