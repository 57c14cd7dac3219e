/* fuzz_dash.c — libFuzzer target: bytes as a TICC-DASH / Web Interface /data
 * answer.  Besides fuzz_run's invariants, a differential check: the same
 * document with its "clients_parsed" key spelt with an escape (\u005f for
 * the '_', the same string to any JSON reader) is declined by the fast
 * reader and read by jansson; both readings must agree. */
#include "config.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the server said about itself in the current input. */
static struct server_info info;

/* parse_dash, keeping the server's words in info and checking their bounds. */
static enum parse_err
dash(const char *buf, size_t len, row_sink sink, void *ctx, struct parse_report *rep)
{
	enum parse_err err = parse_dash(buf, len, sink, ctx, rep, &info);

	FUZZ_ASSERT(!info.format || info.format[0]);
	FUZZ_ASSERT(memchr(info.time, '\0', sizeof info.time) != NULL);
	FUZZ_ASSERT(memchr(info.error, '\0', sizeof info.error) != NULL);
	return err;
}

/* A copy of data with the first "clients_parsed" spelt "clients\u005fparsed";
 * NULL when there is none.  *len gets the copy's length. */
static char *
escaped_copy(const uint8_t *data, size_t size, size_t *len)
{
	static const char key[] = "\"clients_parsed\"";
	const char *at = memmem(data, size, key, sizeof key - 1);
	char *copy;

	if (!at || !(copy = malloc(size + 5)))
		return NULL;
	size_t off = (size_t)(at - (const char *)data) + 8; /* the '_' */
	memcpy(copy, data, off);
	memcpy(copy + off, "\\u005f", 6);
	memcpy(copy + off + 6, data + off + 1, size - off - 1);
	*len = size + 5;
	return copy;
}

/* One input, from libFuzzer. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	char *copy = escaped_copy(data, size, &len);

	if (copy) {
		struct fuzz_rows a = { 0 }, b = { 0 };
		struct parse_report ra, rb;
		struct server_info ia, ib;
		enum parse_err ea = parse_dash((const char *)data, size, fuzz_collect, &a, &ra, &ia);
		enum parse_err eb = parse_dash(copy, len, fuzz_collect, &b, &rb, &ib);
		FUZZ_ASSERT(ea == eb);
		fuzz_same_rows(&a, &b);
		FUZZ_ASSERT(ra.rows == rb.rows && ra.skipped == rb.skipped && ra.bad_line == rb.bad_line);
		FUZZ_ASSERT(ra.skipped == 0 || ra.bad_why == rb.bad_why);
		FUZZ_ASSERT(ea == PARSE_ERR_JSON || (ia.format == ib.format && ia.have_count == ib.have_count &&
		                                     (!ia.have_count || ia.count == ib.count) &&
		                                     strcmp(ia.time, ib.time) == 0 && strcmp(ia.error, ib.error) == 0));
		free(a.row);
		free(b.row);
		free(copy);
	}
	return fuzz_run(dash, &info, data, size);
}
