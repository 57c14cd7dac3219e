/* metric.h — what a field of the field table is as a metric, for the
 * metrics writers (Prometheus, InfluxDB).
 *
 * Contract: pure; one row per field kind (a table, not a switch): whether
 * the metric counts up (a counter) or goes up and down (a gauge), the
 * suffix its name takes for its base unit, and how a stored value becomes
 * that unit (log2 intervals become seconds).  A new field of a known kind
 * needs nothing here; a new kind is one row. */
#ifndef TICCTOP_METRIC_H
#define TICCTOP_METRIC_H

#include <stdbool.h>
#include <stdint.h>

#include "sample.h"

struct metric_kind {
	bool counter;          /* only grows (until the server restarts) */
	const char *suffix;    /* after the column: "_total", "_seconds" */
	const char *unit;      /* what the value is in, for HELP ("packets", "seconds") */
	bool whole;            /* the value is an integer in that unit */
};

/* How fields of kind k are metrics. */
const struct metric_kind *metric_kind(enum field_kind k);

/* Field f's value v in its metric's base unit. */
double metric_value(int f, int64_t v);

#endif
