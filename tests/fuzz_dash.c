/* fuzz_dash.c — libFuzzer target: bytes as a TICC-DASH / Web Interface /data answer. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the server said about itself in the current input. */
static struct dash_info info;

/* parse_dash, keeping the server's words in info and checking their bounds. */
static enum parse_err
dash(const char *buf, size_t len, row_sink sink, void *ctx, struct parse_report *rep)
{
	enum parse_err err = parse_dash(buf, len, sink, ctx, rep, &info);

	FUZZ_ASSERT(info.format < DASH_FORMAT_COUNT);
	FUZZ_ASSERT(memchr(info.time, '\0', sizeof info.time) != NULL);
	FUZZ_ASSERT(memchr(info.error, '\0', sizeof info.error) != NULL);
	return err;
}

/* One input, from libFuzzer. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(dash, &info, data, size);
}
