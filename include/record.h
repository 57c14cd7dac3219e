/* record.h — the recording format (--record, --replay): a pure encoder and decoder.
 *
 * Contract: bytes in, bytes out; no I/O (recorder.h writes files,
 * source_replay.h reads them).  A recording is the 8 bytes "TICCREC\n",
 * then frames.  A frame is its body's length (u32, little-endian), the
 * CRC-32 of the body (u32, little-endian) and the body: a type byte and
 * its payload.  These framing rules never change, so any version can
 * walk any file; a torn or damaged frame (a crash, a power cut, a bad
 * disk) is found by its length or checksum, and everything before it is
 * good.  Numbers inside are LEB128 varints (signed ones zigzag), strings
 * a varint length and the bytes.
 *
 * Frames: a HEADER starts each segment (one per run that wrote the file):
 * the format version, ticctop's version, the source's kind and target, the
 * wall-clock start and the refresh interval; a newer version than
 * RECORD_VERSION is refused as such (RECORD_NEWER), before its payload is
 * read.  Then one frame per poll: what the source handed the model (its
 * rows, exactly as delivered) and what the poll left (source_result: the
 * error and message, the parser's report, what a server said of itself,
 * the server's own reports (serverdata.h, from version 2), whether the
 * answer repeated the last), with the poll's monotonic time and wall-clock
 * time.  Version 2 keeps the monotonic time as the recorder's clock in
 * RECORD_TICKS_PER_S ticks, exactly (record_clock), so a replay can give
 * the model the live run's time differences bit for bit; version 1 kept
 * microseconds since the segment began (still read).  A FULL frame holds every
 * row and needs nothing before it (a point to seek to; one every
 * full_every polls with rows, and the first of a segment); a DELTA frame
 * holds each row as a reference to a row of the previous poll with rows,
 * plus the fields that changed, or as a new row; the server's reports are
 * kept the same way, each record's changed values against the previous
 * poll's (all of them in a FULL frame).  Only the source's columns are
 * recorded; the model derives the rest again.
 *
 * The decoder trusts nothing: lengths are bounded, references checked,
 * every row held to a parser's rules (address 1..PARSE_ADDR_MAX bytes, no
 * NUL, values in range: parse_value_ok), every enum and string checked
 * (a server value's word within its field's words, its number finite);
 * anything else is RECORD_MALFORMED and decoding stops there. */
#ifndef TICCTOP_RECORD_H
#define TICCTOP_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "row.h"
#include "source_result.h"

#define RECORD_VERSION 2
#define RECORD_TICKS_PER_S 1048576.0   /* 2^20: version 2 keeps monotonic times in these, exactly */
#define RECORD_MAGIC "TICCREC\n"
#define RECORD_MAGIC_LEN 8
#define RECORD_FRAME_HEAD 8                 /* length and checksum */
#define RECORD_FRAME_MAX (256u << 20)       /* a frame's body at most */

enum record_err {
	RECORD_OK,
	RECORD_END,             /* no more frames: the file ends cleanly */
	RECORD_TRUNCATED,       /* the file ends inside a frame */
	RECORD_CHECKSUM,        /* a frame's checksum is wrong */
	RECORD_MALFORMED,       /* a frame's content breaks the format's rules */
	RECORD_NEWER,           /* written by a newer ticctop (format version above ours) */
	RECORD_NOT_RECORDING,   /* no "TICCREC" magic */
	RECORD_NOMEM,
	RECORD_ERR_COUNT
};

enum record_type { RECORD_HEADER, RECORD_FULL, RECORD_DELTA, RECORD_TYPE_COUNT };

/* A segment's header. */
struct record_header {
	unsigned version;
	char ticctop[32];      /* ticctop's version that wrote it */
	char kind[32];         /* the source's kind ("chronyc", "http") */
	char target[512];      /* the source's target */
	int64_t start_ms;      /* wall clock at the start, ms since the epoch */
	uint32_t interval_ms;  /* the refresh interval */
};

/* What a poll left besides its rows. */
struct record_poll {
	double mono;           /* seconds on the recorder's monotonic clock (version 1: since the segment began) */
	int64_t wall_ms;       /* wall clock, ms since the epoch */
	struct source_result res;
	bool rows;             /* the poll handed rows over (else the model keeps what it has) */
};

/* One frame as found in a file. */
struct record_frame {
	enum record_type type;
	const unsigned char *body;   /* after the type byte */
	size_t len;
	size_t offset;               /* of the frame in the file */
	size_t size;                 /* of the whole frame */
};

/* Say what e means, in a few words. */
const char *record_err_text(enum record_err e);

/* Check that buf starts with the magic. */
enum record_err record_magic(const void *buf, size_t len);

/* The frame at buf[*pos..len): checked (length, checksum, type); *pos moves past it. */
enum record_err record_next(const void *buf, size_t len, size_t *pos, struct record_frame *f);

/* Append body[0..len) (its type byte first) as a frame: length, checksum,
 * body; false when out of memory or len is 0 or over RECORD_FRAME_MAX. */
bool record_frame_append(struct buf *out, const void *body, size_t len);

/* Read a HEADER frame. */
enum record_err record_header_read(const struct record_frame *f, struct record_header *h);

/* The times of a FULL or DELTA frame of a segment of format version (for an index), without decoding it. */
enum record_err record_poll_time(const struct record_frame *f, unsigned version, double *mono, int64_t *wall_ms);

/* t (seconds, monotonic) as version 2 keeps it: rounded to a whole tick. */
double record_clock(double t);

/* --- encoder ------------------------------------------------------------ */

struct record_enc;

/* Make an encoder that writes a FULL frame every full_every polls with rows (>= 1). */
struct record_enc *record_enc_new(unsigned full_every);

/* Free e. */
void record_enc_free(struct record_enc *e);

/* Start a segment: append (the magic when with_magic, then) h as a HEADER
 * frame to out; the next poll is FULL.  False when out of memory. */
bool record_enc_start(struct record_enc *e, const struct record_header *h, bool with_magic, struct buf *out);

/* Start a poll (forgets rows taken since the last record_enc_poll). */
void record_enc_begin(struct record_enc *e);

/* Take one row of the poll (a row_sink; ctx is the encoder); false when out of memory. */
bool record_enc_row(void *e, const struct row *r);

/* End the poll: append its frame to out (rows only when p->rows; p->mono
 * a record_clock time).  False when out of memory. */
bool record_enc_poll(struct record_enc *e, const struct record_poll *p, struct buf *out);

/* --- decoder ------------------------------------------------------------ */

struct record_dec;

/* Make a decoder; NULL when out of memory. */
struct record_dec *record_dec_new(void);

/* Free d. */
void record_dec_free(struct record_dec *d);

/* Forget the rows and server reports: a new segment of format version
 * begins (its first poll must be FULL). */
void record_dec_reset(struct record_dec *d, unsigned version);

/* Apply a FULL or DELTA frame: p gets the poll, d its rows.  On failure d
 * keeps the rows of the last good poll. */
enum record_err record_dec_poll(struct record_dec *d, const struct record_frame *f, struct record_poll *p);

/* Hand the rows of the last applied poll to sink; false when it refused one. */
bool record_dec_rows(const struct record_dec *d, row_sink sink, void *ctx);

/* Rows the decoder holds. */
size_t record_dec_count(const struct record_dec *d);

#endif
