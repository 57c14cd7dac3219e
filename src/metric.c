/* metric.c — field kinds as metrics: type, name suffix, base unit. */
#include "config.h"

#include <math.h>

#include "metric.h"

/* Scale of a stored value to its base unit: log2 seconds become seconds. */
static const struct {
	struct metric_kind m;
	bool log2;
} kinds[] = {
	[KIND_COUNT] = { { true, "_total", "packets", true }, false },
	[KIND_LOG2] = { { false, "_seconds", "seconds", false }, true },
	[KIND_SECONDS] = { { false, "_seconds", "seconds", true }, false },
};

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
	return kinds[field_info(f)->kind].log2 ? ldexp(1.0, (int)v) : (double)v;
}
