/* buf.h — a growable byte buffer with a hard cap, reused between polls.
 *
 * Contract: buf_reserve never grows past cap; memory is kept on buf_reset so
 * a steady refresh allocates nothing. */
#ifndef TICCTOP_BUF_H
#define TICCTOP_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len, size, cap;
};

/* Make room for n more bytes; false past the cap or out of memory. */
bool buf_reserve(struct buf *b, size_t n);

/* Append n bytes; false past the cap or out of memory. */
bool buf_append(struct buf *b, const void *p, size_t n);

/* Empty b, keeping its memory. */
void buf_reset(struct buf *b);

/* Return whether a and b hold the same bytes. */
bool buf_same(const struct buf *a, const struct buf *b);

/* Exchange the bytes of a and b without copying; each keeps its own cap. */
void buf_swap(struct buf *a, struct buf *b);

/* Release b's memory. */
void buf_free(struct buf *b);

#endif
