/* row.h — one client row as a source delivers it, and the sink that takes it.
 *
 * Contract: the neutral type between the parsers (which make rows) and the
 * model (which takes them): neither includes the other.  A row's address
 * points into the source's buffer and lives only for the sink call.  Pure:
 * types only. */
#ifndef TICCTOP_ROW_H
#define TICCTOP_ROW_H

#include <stdbool.h>
#include <stddef.h>

#include "sample.h"

/* One client row as a parser saw it. */
struct row {
	const char *addr;   /* not NUL-terminated; points into the input */
	size_t len;
	bool truncated;     /* chronyc cut the name (25 chars ending in '>'): never merge */
	struct sample s;
};

/* Receives each row; returns false when it cannot take more (out of memory). */
typedef bool (*row_sink)(void *ctx, const struct row *r);

#endif
