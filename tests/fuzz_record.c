/* fuzz_record.c — libFuzzer target: bytes as a recording (record.h). */
#include "config.h"

#include "fuzz.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walk the frames of buf[0..len) as a replay would: headers read, polls
 * decoded (the server's reports within their bounds), their rows (each a
 * row a parser could have made) into a model;
 * every error one of the enum, the walk ending at the first. */
static void
walk(const unsigned char *buf, size_t len, struct model *m, const struct health *h)
{
	struct record_dec *d = record_dec_new();
	struct record_poll *p = malloc(sizeof *p);
	struct record_frame f;
	struct record_header hd;
	size_t pos = 0;
	enum record_err e;

	FUZZ_ASSERT(d && p);
	while ((e = record_next(buf, len, &pos, &f)) == RECORD_OK) {
		FUZZ_ASSERT(f.offset + f.size == pos && pos <= len);
		if (f.type == RECORD_HEADER) {
			if ((e = record_header_read(&f, &hd)) != RECORD_OK)
				break;
			FUZZ_ASSERT(hd.version >= 1 && hd.version <= RECORD_VERSION);
			FUZZ_ASSERT(memchr(hd.target, '\0', sizeof hd.target));
			record_dec_reset(d, hd.version);
			continue;
		}
		if ((e = record_dec_poll(d, &f, p)) != RECORD_OK)
			break;
		FUZZ_ASSERT(p->res.err < SOURCE_ERR_COUNT && memchr(p->res.message, '\0', sizeof p->res.message));
		FUZZ_ASSERT(p->res.serverdata.avail < SRV_AVAIL_COUNT && p->res.serverdata.nsources <= SRV_SOURCES_MAX);
		model_begin(m);
		if (p->rows)
			FUZZ_ASSERT(record_dec_rows(d, fuzz_sink, m));
		model_end(m, h, p->res.err == SOURCE_OK, p->mono);
	}
	FUZZ_ASSERT(e < RECORD_ERR_COUNT && e != RECORD_OK);
	free(p);
	record_dec_free(d);
}

/* One input, from libFuzzer: first the bytes as a file after the magic
 * (frames, checksums and all); then, so that mutations reach the decoder
 * past the checksums, the bytes as frame bodies (a 2-byte length before
 * each), framed with good checksums. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct health h;
	struct model *m = model_new();
	struct buf framed = { .cap = (size_t)1 << 24 };
	size_t at = size >= RECORD_MAGIC_LEN && record_magic(data, size) == RECORD_OK ? RECORD_MAGIC_LEN : 0;

	FUZZ_ASSERT(m != NULL);
	health_init(&h, 1, 10);
	walk(data + at, size - at, m, &h);
	for (size_t i = 0; i + 2 <= size;) {
		size_t n = (size_t)data[i] | (size_t)data[i + 1] << 8;
		i += 2;
		if (n > size - i)
			n = size - i;
		if (n && !record_frame_append(&framed, data + i, n))
			break;
		i += n;
	}
	walk((const unsigned char *)framed.data, framed.len, m, &h);
	buf_free(&framed);
	model_free(m);
	return 0;
}
