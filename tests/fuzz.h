/* fuzz.h — what the libFuzzer targets share: one run of bytes through a
 * parser, the model, the view and every batch writer, with the invariants
 * that must hold whatever the bytes were.  A broken invariant aborts, which
 * libFuzzer reports as a crash with the input that caused it. */
#ifndef TICCTOP_FUZZ_H
#define TICCTOP_FUZZ_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "model.h"
#include "output.h"
#include "parse.h"
#include "parse_dash.h"
#include "rowcheck.h"
#include "view.h"

/* A parser under test: bytes in, rows to sink. */
typedef enum parse_err (*fuzz_parser)(const char *buf, size_t len, row_sink sink, void *ctx,
                                      struct parse_report *rep);

/* Abort with a message when cond is false. */
#define FUZZ_ASSERT(cond)                                                                      \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "fuzz: %s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                               \
		}                                                                              \
	} while (0)

/* Count of rows the sink saw in the current run. */
static size_t fuzz_rows;

/* A row_sink that checks each row, then hands it to the model. */
static inline bool
fuzz_sink(void *model, const struct row *r)
{
	char why[128];

	if (!row_valid(r, why, sizeof why)) {
		fprintf(stderr, "fuzz: a bad row: %s\n", why);
		abort();
	}
	fuzz_rows++;
	return model_put(model, r);
}

/* Rows as a parser handed them out, copied, to compare two parses. */
struct fuzz_rows {
	size_t n, cap;
	struct fuzz_row {
		char addr[PARSE_ADDR_MAX + 1];
		size_t len;
		bool truncated;
		struct sample s;
	} *row;
};

/* A row_sink that copies each row into a struct fuzz_rows. */
static inline bool
fuzz_collect(void *ctx, const struct row *r)
{
	struct fuzz_rows *c = ctx;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->row = realloc(c->row, c->cap * sizeof *c->row);
		FUZZ_ASSERT(c->row != NULL);
	}
	struct fuzz_row *o = &c->row[c->n++];
	FUZZ_ASSERT(r->len <= PARSE_ADDR_MAX);
	memcpy(o->addr, r->addr, r->len);
	o->len = r->len;
	o->truncated = r->truncated;
	memset(&o->s, 0, sizeof o->s);
	for (int f = 0; f < FIELD_COUNT; f++) /* only known values count */
		if (sample_known(&r->s, (enum field)f))
			sample_set(&o->s, (enum field)f, r->s.v[f]);
	return true;
}

/* Abort unless a and b hold the same rows in the same order. */
static inline void
fuzz_same_rows(const struct fuzz_rows *a, const struct fuzz_rows *b)
{
	FUZZ_ASSERT(a->n == b->n);
	for (size_t i = 0; i < a->n; i++) {
		FUZZ_ASSERT(a->row[i].len == b->row[i].len && memcmp(a->row[i].addr, b->row[i].addr, a->row[i].len) == 0);
		FUZZ_ASSERT(a->row[i].truncated == b->row[i].truncated);
		FUZZ_ASSERT(memcmp(&a->row[i].s, &b->row[i].s, sizeof a->row[i].s) == 0);
	}
}

/* Write r in format f into a new string (caller frees); *len gets its length. */
static inline char *
fuzz_render(enum out_format f, struct report *r, size_t *len)
{
	char *out = NULL;
	FILE *fp = open_memstream(&out, len);

	FUZZ_ASSERT(fp != NULL);
	output_write(fp, f, r);
	FUZZ_ASSERT(fclose(fp) == 0);
	return out;
}

/* Check text for a terminal: no control but '\n' (and CR LF in CSV), and
 * valid UTF-8 with nothing fmt_sanitize hides, or ASCII only. */
static inline void
fuzz_check_terminal(const char *out, size_t len, bool utf8, bool crlf)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)out[i];
		uint32_t cp;
		size_t n = 1;
		if (c >= 0x80) {
			FUZZ_ASSERT(utf8);
			n = fmt_utf8_decode((const unsigned char *)out + i, len - i, &cp);
			FUZZ_ASSERT(n > 0 && cp >= 0xa0);
			char again[16];
			FUZZ_ASSERT(fmt_sanitize(again, sizeof again, out + i, n, true) == n); /* not hidden */
		} else {
			FUZZ_ASSERT(c == '\n' || (crlf && c == '\r' && i + 1 < len && out[i + 1] == '\n') ||
			            (c >= 0x20 && c != 0x7f));
		}
		i += n;
	}
}

/* Run data through parser, model, health, view and the three writers;
 * server is what the parser learnt of a remote server (NULL: nothing). */
static inline int
fuzz_run(fuzz_parser parser, const struct server_info *server, const uint8_t *data, size_t size)
{
	struct model *m = model_new();
	struct health h;
	struct view v;
	struct parse_report rep;
	char text[512], note[512];
	size_t len;

	FUZZ_ASSERT(m != NULL);
	health_init(&h, HEALTH_WARN_DROPS, HEALTH_CRIT_DROPS);
	fuzz_rows = 0;
	model_begin(m);
	enum parse_err err = parser((const char *)data, size, fuzz_sink, m, &rep);
	FUZZ_ASSERT(err >= PARSE_OK && err < PARSE_ERR_COUNT && err != PARSE_ERR_NOMEM);
	FUZZ_ASSERT(rep.rows == fuzz_rows && model_size(m) <= fuzz_rows);
	FUZZ_ASSERT(rep.skipped == 0 || (rep.bad_line >= 1 && rep.bad_why > LINE_OK && rep.bad_why < LINE_ERR_COUNT));
	FUZZ_ASSERT(err != PARSE_ERR_NO_ROWS || (rep.rows == 0 && rep.skipped > 0));
	FUZZ_ASSERT(memchr(rep.detail, '\0', sizeof rep.detail) != NULL);
	parse_report_text(&rep, err, text, sizeof text);
	FUZZ_ASSERT((text[0] != '\0') == (err != PARSE_OK || rep.skipped > 0)); /* never silent */
	parse_report_text(&rep, PARSE_OK, note, sizeof note); /* the skip note, as batch.c makes it */
	model_end(m, &h, err == PARSE_OK, 0);
	FUZZ_ASSERT(model_rows(m) == fuzz_rows); /* counted when the refresh ends */
	view_init(&v);
	v.key = (enum sort_key)(size % SORT_COUNT);
	v.reverse = size & 1;
	FUZZ_ASSERT(view_update(&v, m));
	FUZZ_ASSERT(v.n == model_size(m));

	struct report r = { .kind = "fuzz", .target = "fuzz", .error = err == PARSE_OK ? NULL : text, .server = server,
	                    .skipped = rep.skipped, .skip_note = note, .have_data = true, .m = m, .v = &v, .h = &h };
	for (int utf8 = 0; utf8 < 2; utf8++) {
		r.utf8 = utf8;
		char *out = fuzz_render(FORMAT_TEXT, &r, &len);
		fuzz_check_terminal(out, len, utf8, false);
		free(out);
		out = fuzz_render(FORMAT_CSV, &r, &len);
		fuzz_check_terminal(out, len, utf8, true);
		free(out);
	}
	char *out = fuzz_render(FORMAT_JSON, &r, &len);
	fuzz_check_terminal(out, len, false, false); /* JSON is ASCII, whatever the locale */
	json_error_t je;
	json_t *doc = json_loadb(out, len, JSON_REJECT_DUPLICATES, &je);
	FUZZ_ASSERT(doc != NULL);
	FUZZ_ASSERT(json_array_size(json_object_get(doc, "clients")) == v.n);
	json_decref(doc);
	free(out);
	view_free(&v);
	model_free(m);
	return 0;
}

#endif
