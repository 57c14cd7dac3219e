/* fuzz_candm.c — libFuzzer target: bytes as a reply on chronyd's command
 * socket to a clients request.  The reply is checked as the socket source
 * checks it (the sequence it echoes, asked for from the index in the
 * input's last 4 bytes beyond a reply's length, else 0); besides
 * fuzz_run's invariants: a page that passes holds at most 8 records inside
 * the input, its indices follow from the request, and every record is a
 * row with a numeric address. */
#include "config.h"

#include <arpa/inet.h>

#include "candm.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A reply that failed a check: one entry skipped, no rows. */
static enum parse_err
refused(struct parse_report *rep)
{
	parse_skip(rep, 1, LINE_BAD_TYPE);
	return PARSE_ERR_NO_ROWS;
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
