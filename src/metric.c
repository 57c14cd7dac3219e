/* metric.c — field kinds as metrics: type, name suffix, base unit. */
#include "config.h"

#include <math.h>

#include "metric.h"

/* Per kind: the metric, and how a stored value becomes its base unit
 * (log2 seconds become seconds; thousandths, milliseconds and percentages
 * are scaled). */
static const struct {
	struct metric_kind m;
	bool log2;
	double scale;
} kinds[] = {
	[KIND_COUNT] = { { true, "_total", "packets", true }, false, 1 },
	[KIND_LOG2] = { { false, "_seconds", "seconds", false }, true, 1 },
	[KIND_SECONDS] = { { false, "_seconds", "seconds", true }, false, 1 },
	[KIND_RATE] = { { false, "_per_second", "per second", false }, false, 1e-3 },
	[KIND_SHARE] = { { false, "_ratio", "a fraction of 1", false }, false, 1e-5 },
	[KIND_SPAN] = { { false, "_seconds", "seconds", false }, false, 1e-3 },
};

_Static_assert(sizeof kinds / sizeof kinds[0] == KIND_SPAN + 1, "a row per field kind");

/* How fields of kind k are metrics. */
const struct metric_kind *
metric_kind(enum field_kind k)
{
	return &kinds[k].m;
}

/* Field f's value v in its metric's base unit. */
double
metric_value(int f, int64_t v)
{
	enum field_kind k = field_info(f)->kind;

	return kinds[k].log2 ? ldexp(1.0, (int)v) : (double)v * kinds[k].scale;
}
