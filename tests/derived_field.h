/* derived_field.h — a derived field for check_fields: one row, nothing else.
 *
 * check_fields builds the whole core with this header included first, so
 * its one row below (after ticctop's own) is the only change: the test then finds the field in
 * every place the field table reaches. */
#ifndef TICCTOP_DERIVED_FIELD_H
#define TICCTOP_DERIVED_FIELD_H

#include "config.h" /* first, as in every .c file: this header comes before them */

#include <stdbool.h>
#include <stdint.h>

struct sample;

/* NTP packets gained over the window (unknown without a base). */
bool derived_gained(const struct sample *now, const struct sample *base, double seconds, int64_t *v);

/* ticctop's own derived rows (sample.h), then this one. */
#define SAMPLE_DERIVED(X) SAMPLE_RATES(X) \
	X(NTP_GAINED, .group = "ntp", .name = "gained", .column = "ntp_gained", .label = "NTP packets gained", \
	  .head = "Gain", .card = "gained", .descending = true, .kind = KIND_COUNT, .compute = derived_gained)

#endif
