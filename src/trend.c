/* trend.c — the server's last TREND_SECONDS seconds, one slot a second (pure). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trend.h"

/* The slot of second sec. */
static size_t
slot(int64_t sec)
{
	return (size_t)(((sec % TREND_SECONDS) + TREND_SECONDS) % TREND_SECONDS);
}

/* Set every series of second sec's slot from v (NULL: unknown). */
static void
fill(struct trend *tr, int64_t sec, const double *v)
{
	for (int s = 0; s < TREND_SERIES_COUNT; s++)
		tr->v[slot(sec)][s] = v ? (float)v[s] : NAN;
}

/* Make tr empty. */
void
trend_init(struct trend *tr)
{
	memset(tr, 0, sizeof *tr);
}

/* Take one poll's values read at time t, covering span seconds before it. */
void
trend_push(struct trend *tr, double t, double span, const double v[TREND_SERIES_COUNT])
{
	int64_t sec = (int64_t)floor(t);
	int64_t cover = span > 1 ? (int64_t)ceil(span) : 1;

	if (cover > TREND_FILL_MAX)
		cover = TREND_FILL_MAX;
	if (!tr->started) {
		tr->started = true;
		tr->first = tr->last = sec;
	} else if (sec <= tr->last) {
		sec = tr->last;
		cover = 1;
	} else {
		if (sec - tr->last > TREND_SECONDS) /* nothing kept is recent */
			tr->last = sec - TREND_SECONDS;
		for (int64_t k = tr->last + 1; k < sec; k++)
			fill(tr, k, sec - k < cover ? v : NULL);
	}
	fill(tr, sec, v);
	tr->last = sec;
}

/* Copy series s, oldest first, ending at the last push. */
size_t
trend_get(const struct trend *tr, enum trend_series s, double *out, size_t max)
{
	if (!tr->started || max == 0)
		return 0;
	size_t n = max < TREND_SECONDS ? max : TREND_SECONDS;
	int64_t from = tr->last - (int64_t)n + 1;
	for (size_t i = 0; i < n; i++) {
		int64_t sec = from + (int64_t)i;
		out[i] = sec < tr->first ? NAN : (double)tr->v[slot(sec)][s];
	}
	return n;
}

/* The value of series s at the last push. */
double
trend_last(const struct trend *tr, enum trend_series s)
{
	return tr->started ? (double)tr->v[slot(tr->last)][s] : NAN;
}
