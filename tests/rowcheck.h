/* rowcheck.h — what any row a parser hands out must be, whatever its input:
 * an address of 1 to PARSE_ADDR_MAX bytes without NUL, and each known value
 * within its kind's range.  Shared by check_hostile and the fuzz targets. */
#ifndef TICCTOP_ROWCHECK_H
#define TICCTOP_ROWCHECK_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

/* Return whether r is a row a parser may hand out; if not, say why in why. */
static inline bool
row_valid(const struct row *r, char *why, size_t size)
{
	static const struct { int64_t lo, hi; } range[] = {
		[KIND_COUNT] = { 0, 4294967295LL }, [KIND_LOG2] = { -32, 32 }, [KIND_SECONDS] = { 0, INT64_MAX },
	};

	if (r->len == 0 || r->len > PARSE_ADDR_MAX || memchr(r->addr, '\0', r->len)) {
		snprintf(why, size, "an address of %zu bytes", r->len);
		return false;
	}
	if (r->s.known >> FIELD_COUNT) {
		snprintf(why, size, "known bits 0x%x", r->s.known);
		return false;
	}
	for (int f = 0; f < FIELD_COUNT; f++) {
		enum field_kind k = field_info((enum field)f)->kind;
		if (sample_known(&r->s, (enum field)f) && (r->s.v[f] < range[k].lo || r->s.v[f] > range[k].hi)) {
			snprintf(why, size, "%s = %" PRId64, field_info((enum field)f)->column, r->s.v[f]);
			return false;
		}
	}
	return true;
}

#endif
