/* buf.c — growable capped byte buffers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Make room for n more bytes; false past the cap or out of memory. */
bool
buf_reserve(struct buf *b, size_t n)
{
	if (n > b->cap || b->len > b->cap - n)
		return false;
	if (b->len + n <= b->size)
		return true;
	size_t size = b->size ? b->size : 4096;
	while (size < b->len + n)
		size *= 2;
	if (size > b->cap)
		size = b->cap;
	char *d = realloc(b->data, size);
	if (!d)
		return false;
	b->data = d;
	b->size = size;
	return true;
}

/* Append n bytes. */
bool
buf_append(struct buf *b, const void *p, size_t n)
{
	if (!buf_reserve(b, n))
		return false;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return true;
}

/* Empty b, keeping its memory. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
}

/* Return whether a and b hold the same bytes. */
bool
buf_same(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* Exchange the bytes of a and b without copying; each keeps its own cap. */
void
buf_swap(struct buf *a, struct buf *b)
{
	struct buf t = *a;

	a->data = b->data;
	a->len = b->len;
	a->size = b->size;
	b->data = t.data;
	b->len = t.len;
	b->size = t.size;
}

/* Release b's memory. */
void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->size = 0;
}
