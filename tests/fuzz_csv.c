/* fuzz_csv.c — libFuzzer target: bytes as `chronyc -c clients` output.
 * Besides fuzz_run's invariants, a differential check: parse_csv (whose
 * quick reader takes plain lines) must give exactly the rows a careful
 * reading gives, field by field through parse_value. */
#include "config.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The careful reading of one line: split at every comma, exactly ten
 * fields, an address of 1..PARSE_ADDR_MAX bytes, nine values of their kind. */
static bool
careful_line(const char *line, size_t len, struct row *r)
{
	const char *tok[FIELD_COUNT + 2];
	size_t tlen[FIELD_COUNT + 2], n = 0, start = 0;

	if (memchr(line, '\0', len))
		return false;
	for (size_t i = 0; i <= len && n < FIELD_COUNT + 2; i++)
		if (i == len || line[i] == ',') {
			tok[n] = line + start;
			tlen[n++] = i - start;
			start = i + 1;
		}
	if (n != FIELD_COUNT + 1 || tlen[0] == 0 || tlen[0] > PARSE_ADDR_MAX)
		return false;
	memset(r, 0, sizeof *r);
	r->addr = tok[0];
	r->len = tlen[0];
	for (int f = 0; f < FIELD_COUNT; f++)
		if (parse_value((enum field)f, FORM_CSV, tok[f + 1], tlen[f + 1], &r->s) != LINE_OK)
			return false;
	return true;
}

/* One input, from libFuzzer. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_rows fast = { 0 }, careful = { 0 };
	struct parse_report rep;
	const char *line;
	size_t pos = 0, llen, skipped = 0;
	struct row r;

	parse_csv((const char *)data, size, fuzz_collect, &fast, &rep);
	while (parse_next_line((const char *)data, size, &pos, &line, &llen))
		if (llen && careful_line(line, llen, &r))
			fuzz_collect(&careful, &r);
		else
			skipped += llen > 0;
	fuzz_same_rows(&fast, &careful);
	FUZZ_ASSERT(rep.skipped == skipped);
	free(fast.row);
	free(careful.row);
	return fuzz_run(parse_csv, NULL, data, size);
}
