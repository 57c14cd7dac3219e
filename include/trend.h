/* trend.h — the server's recent history: the last TREND_SECONDS seconds of
 * its total NTP requests/s, drops/s, Cmd requests/s and OK/WARN/CRIT counts.
 *
 * Contract: pure, fixed size (no allocation): a ring of one slot a second,
 * fed once per poll (trend_push) with the poll's time on the monitor's
 * monotonic clock and the span its values cover (the time since the answer
 * before: a rate is the mean over that span).  A push fills the seconds of
 * its span, at most TREND_FILL_MAX of them; seconds no push covered (polls
 * missed, paused, a source that failed) stay unknown and show as gaps, and
 * an unknown value (NaN: a rate not known yet, a failed poll) is a gap too.
 * Two pushes within one second: the later wins.  The series always ends at
 * the second of the last push; time going back is taken as that second. */
#ifndef TICCTOP_TREND_H
#define TICCTOP_TREND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TREND_SECONDS 300
#define TREND_FILL_MAX 30    /* seconds one push may fill back (a longer span leaves a gap) */

enum trend_series {
	TREND_NTP,      /* NTP requests/s, all clients */
	TREND_DROPS,    /* NTP drops/s */
	TREND_CMD,      /* command requests/s */
	TREND_OK,       /* clients OK */
	TREND_WARN,     /* clients WARN */
	TREND_CRIT,     /* clients CRIT */
	TREND_SERIES_COUNT
};

struct trend {
	bool started;
	int64_t last;                               /* second of the last push */
	int64_t first;                              /* second of the first push */
	float v[TREND_SECONDS][TREND_SERIES_COUNT]; /* slot (second % TREND_SECONDS); NaN unknown */
};

/* Make tr empty. */
void trend_init(struct trend *tr);

/* Take one poll's values v[TREND_SERIES_COUNT] (NaN: unknown) read at
 * time t (seconds), covering the span seconds before it (<= 0: one second). */
void trend_push(struct trend *tr, double t, double span, const double v[TREND_SERIES_COUNT]);

/* Copy series s, oldest first, one value a second, ending at the last push,
 * into out (at most max values, the newest kept; NaN unknown); returns how
 * many (0 before any push). */
size_t trend_get(const struct trend *tr, enum trend_series s, double *out, size_t max);

/* The value of series s at the last push (NaN when unknown or none). */
double trend_last(const struct trend *tr, enum trend_series s);

#endif
