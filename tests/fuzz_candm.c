/* fuzz_candm.c — libFuzzer target: bytes as a reply on chronyd's command
 * socket.  A reply whose command echo is one of the server's reports
 * (tracking, serverstats, activity, n_sources, source data, sourcestats,
 * ntpdata) is checked and read as the socket source reads it: the values
 * are those of their fields (a word one of its words, a text NUL-ended, a
 * number as its text says), a source count at most CANDM_SOURCES_MAX.  Any
 * other is a reply to a clients request, checked as the socket source
 * checks it (the sequence it echoes, asked for from the index in the
 * input's last 4 bytes beyond a reply's length, else 0); besides
 * fuzz_run's invariants: a page that passes holds at most 8 records inside
 * the input, its indices follow from the request, and every record is a
 * row with a numeric address. */
#include "config.h"

#include <arpa/inet.h>

#include "candm.h"
#include "candm_report.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A reply that failed a check: one entry skipped, no rows. */
static enum parse_err
refused(struct parse_report *rep)
{
	parse_skip(rep, 1, LINE_BAD_TYPE);
	return PARSE_ERR_NO_ROWS;
}

/* The report commands by the code a reply echoes, and the report they fill. */
static const struct {
	uint16_t code;
	enum candm_cmd cmd;
	enum srv_report report;
} report_cmds[] = {
	{ 33, CANDM_TRACKING, SRV_TRACKING },      { 54, CANDM_SERVERSTATS, SRV_SERVERSTATS },
	{ 44, CANDM_ACTIVITY, SRV_ACTIVITY },      { 14, CANDM_N_SOURCES, SRV_REPORT_COUNT },
	{ 15, CANDM_SOURCE_DATA, SRV_SOURCES },    { 34, CANDM_SOURCESTATS, SRV_SOURCES },
	{ 57, CANDM_NTPDATA, SRV_NTPDATA },
};

/* Check that a value read for field fi is one it may be. */
static void
value_ok(const struct srv_field *fi, const struct srv_value *v)
{
	size_t words = 0;

	FUZZ_ASSERT(memchr(v->text, '\0', sizeof v->text) != NULL);
	if (!v->known)
		return;
	if (fi->kind == SK_WORD) {
		while (fi->words[words])
			words++;
		FUZZ_ASSERT(v->count < words && strcmp(v->text, fi->words[v->count]) == 0);
	}
	if (fi->kind == SK_OCTAL)
		FUZZ_ASSERT(v->count <= 0377);
	if (fi->kind == SK_BOOL)
		FUZZ_ASSERT(v->count <= 1);
	if (fi->kind == SK_TEXT)
		FUZZ_ASSERT(v->text[0] != '\0');
	if (fi->kind == SK_REAL || fi->kind == SK_INT)
		FUZZ_ASSERT(v->num == v->num); /* not NaN */
}

/* Read bytes as a reply to report command i; true when it was one (a report's code). */
static bool
report_reply(const uint8_t *p, size_t len, size_t i)
{
	struct srv_source src;
	struct server_data sd;
	struct srv_value *vals[SRV_REPORT_COUNT] = {
		[SRV_TRACKING] = sd.tracking.v, [SRV_SERVERSTATS] = sd.serverstats.v, [SRV_ACTIVITY] = sd.activity.v,
		[SRV_SOURCES] = src.v, [SRV_NTPDATA] = sd.ntpdata.v,
	};
	uint32_t seq, n;
	uint16_t status;
	bool hidden;

	if (!candm_sequence(p, len, &seq) || candm_check(p, len, report_cmds[i].cmd, seq, &status) != CANDM_OK)
		return true;
	if (report_cmds[i].cmd == CANDM_N_SOURCES) {
		if (candm_n_sources(p, len, &n) == CANDM_OK)
			FUZZ_ASSERT(n <= CANDM_SOURCES_MAX);
		return true;
	}
	enum srv_report r = report_cmds[i].report;
	memset(&sd, 0, sizeof sd);
	memset(&src, 0, sizeof src);
	enum candm_err e = candm_report(report_cmds[i].cmd, p, len, vals[r], &hidden);
	FUZZ_ASSERT(e == CANDM_OK || e == CANDM_ERR_VALUE);
	FUZZ_ASSERT(strcmp(candm_err_text(e), "?") != 0);
	if (e == CANDM_OK)
		for (int f = 0; f < srv_field_count(r); f++)
			value_ok(srv_field(r, f), &vals[r][f]);
	return true;
}

/* A parser for fuzz_run: a checked reply's records as rows. */
static enum parse_err
candm_parse(const char *buf, size_t len, row_sink sink, void *ctx, struct parse_report *rep)
{
	const uint8_t *p = (const uint8_t *)buf;
	uint32_t seq, first = 0;
	uint16_t status;
	struct candm_page pg;
	char addr[CANDM_ADDR_MAX];
	struct row r;

	memset(rep, 0, sizeof *rep);
	if (len > 520 + 4) {
		first = (uint32_t)p[len - 4] << 24 | (uint32_t)p[len - 3] << 16 | (uint32_t)p[len - 2] << 8 | p[len - 1];
		len = 520;
	}
	for (size_t i = 0; len >= 6 && i < sizeof report_cmds / sizeof report_cmds[0]; i++)
		if ((p[4] << 8 | p[5]) == report_cmds[i].code && report_reply(p, len, i))
			return refused(rep); /* no rows from a report */
	if (!candm_sequence(p, len, &seq))
		return refused(rep);
	enum candm_err e = candm_check(p, len, CANDM_CLIENTS, seq, &status);
	FUZZ_ASSERT(e >= CANDM_OK && e < CANDM_ERR_COUNT);
	FUZZ_ASSERT(strcmp(candm_err_text(e), "?") != 0);
	if (e != CANDM_OK || (e = candm_clients_page(p, len, first, CANDM_PAGE_CLIENTS, &pg)) != CANDM_OK)
		return refused(rep);
	FUZZ_ASSERT(pg.n <= CANDM_PAGE_CLIENTS);
	FUZZ_ASSERT(pg.rec + pg.n * CANDM_CLIENT_LEN <= p + len);
	FUZZ_ASSERT(first >= pg.n_indices ? pg.next_index == first : pg.next_index <= pg.n_indices);
	for (size_t i = 0; i < pg.n; i++) {
		unsigned char bin[16];
		candm_client_row(pg.rec + i * CANDM_CLIENT_LEN, addr, &r);
		FUZZ_ASSERT(r.len > 0 && r.len < CANDM_ADDR_MAX);
		FUZZ_ASSERT(inet_pton(strchr(addr, ':') ? AF_INET6 : AF_INET, addr, bin) == 1);
		if (!sink(ctx, &r))
			return PARSE_ERR_NOMEM;
		rep->rows++;
	}
	return PARSE_OK;
}

/* One input, from libFuzzer. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(candm_parse, NULL, data, size);
}
